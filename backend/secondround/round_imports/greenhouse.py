"""A Greenhouse Harvest scheduled interview as an `ImportedInterview`. Pure: no database, no HTTP."""

from datetime import datetime

from secondround.helpers.vocabulary import RoundStatus
from secondround.round_imports import interview
from secondround.round_imports.interview import ImportedInterview, ImportedPerson
from secondround.round_imports.schemas import GreenhouseDay, GreenhouseMoment, GreenhouseScheduledInterview

SOURCE = "greenhouse"

# Greenhouse's status -> the round's: the interview either lies ahead or took place. Greenhouse has
# no decision in it, so the outcome is never touched.
STATUS = {
    "scheduled": RoundStatus.PLANNED,
    "awaiting_feedback": RoundStatus.COMPLETED,
    "complete": RoundStatus.COMPLETED,
}


def _instant(moment: GreenhouseMoment | GreenhouseDay | None) -> datetime | None:
    return moment.date_time if isinstance(moment, GreenhouseMoment) else None


def read(body: GreenhouseScheduledInterview) -> ImportedInterview:
    remarks: list[str] = []
    start = _instant(body.start)
    all_day = body.start.date if isinstance(body.start, GreenhouseDay) else None
    if isinstance(body.start, GreenhouseMoment) and isinstance(body.end, GreenhouseDay):
        remarks.append("The end was a day without a time, so the round's length is left open.")
    title = body.interview.name if body.interview else None
    people = [
        ImportedPerson(
            name=person.name,
            email=person.email,
            title=person.title,
            declined=person.response_status == "declined",
        )
        for person in body.interviewers
    ]
    return ImportedInterview(
        source=SOURCE,
        external_id=str(body.id),
        title=title,
        start=start,
        all_day=all_day,
        duration_minutes=interview.duration(start, _instant(body.end)),
        location=body.location,
        video_url=interview.video_link(dedicated=body.video_conferencing_url, location=body.location, description=None),
        status=STATUS.get(body.status) if body.status else None,
        people=people,
        remarks=remarks,
    )
