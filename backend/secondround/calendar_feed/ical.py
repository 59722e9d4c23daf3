"""Build the private iCalendar feed (RFC 5545) from plain data.

Pure module: no database, no HTTP. The service loads the rows and hands them over as
`FeedRound`s; this module decides what becomes a VEVENT, a VTODO or an alarm.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from icalendar import STATUS, Alarm, Calendar, Event, Todo, vDuration

from secondround.vocabulary import ROUND_KIND_LABELS, Outcome, RoundStatus

PRODID = "-//secondround//secondround 1.0//EN"
CALENDAR_NAME = "secondround"
DEFAULT_DURATION_MINUTES = 60
# Calendar apps poll subscribed feeds; this is a hint, most apps choose their own interval.
REFRESH_INTERVAL = timedelta(hours=1)
REMINDER_BEFORE = timedelta(days=1)


@dataclass(frozen=True)
class FeedInterviewer:
    name: str
    title: str | None = None
    role: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class FeedRound:
    id: uuid.UUID
    sequence: int
    kind: str
    status: str
    outcome: str
    company: str
    position: str
    created_at: datetime
    updated_at: datetime
    scheduled_at: datetime | None = None
    duration_minutes: int | None = None
    location: str | None = None
    decision_expected_by: date | None = None
    follow_up_on: date | None = None
    followed_up_at: datetime | None = None
    interviewers: tuple[FeedInterviewer, ...] = field(default_factory=tuple)

    @property
    def has_pending_follow_up(self) -> bool:
        return self.outcome == Outcome.PENDING and self.follow_up_on is not None and self.followed_up_at is None


def event_uid(round_id: uuid.UUID) -> str:
    return f"round-{round_id}@secondround"


def todo_uid(round_id: uuid.UUID) -> str:
    return f"follow-up-{round_id}@secondround"


def _revision(round_: FeedRound) -> int:
    # SEQUENCE must grow with every change so clients replace their copy; we keep no revision
    # counter, but seconds between creation and the last change only ever grow.
    return max(0, int((round_.updated_at - round_.created_at).total_seconds()))


def _summary(round_: FeedRound) -> str:
    label = ROUND_KIND_LABELS.get(round_.kind, "Interview")
    return f"{label} — {round_.company} ({round_.position})"


def _person(interviewer: FeedInterviewer, *, with_email: bool) -> str:
    line = interviewer.name
    if interviewer.title:
        line += f", {interviewer.title}"
    if interviewer.role:
        line += f" ({interviewer.role})"
    if with_email and interviewer.email:
        line += f" <{interviewer.email}>"
    return f"- {line}"


def _event_description(round_: FeedRound, plan_url: str) -> str:
    lines = [f"Round {round_.sequence} at {round_.company} for {round_.position}.", ""]
    if round_.interviewers:
        lines.append("Interviewers, in meeting order:")
        lines += [_person(i, with_email=False) for i in round_.interviewers]
    else:
        lines.append("No interviewers recorded yet.")
    lines += ["", f"Your plan: {plan_url}"]
    return "\n".join(lines)


def _todo_description(round_: FeedRound) -> str:
    about = f"round {round_.sequence} at {round_.company} for {round_.position}"
    lines = [
        f"No decision yet after {about}."
        if round_.decision_expected_by is None
        else f"The decision after {about} was expected by {round_.decision_expected_by.isoformat()}."
    ]
    if round_.interviewers:
        lines += ["", "Interviewers:"] + [_person(i, with_email=True) for i in round_.interviewers]
    return "\n".join(lines)


def _event(round_: FeedRound, scheduled_at: datetime, plan_url: str) -> Event:
    start = scheduled_at.astimezone(UTC)
    cancelled = round_.status == RoundStatus.CANCELLED
    event = Event.new(
        uid=event_uid(round_.id),
        summary=_summary(round_),
        start=start,
        end=start + timedelta(minutes=round_.duration_minutes or DEFAULT_DURATION_MINUTES),
        location=round_.location,
        description=_event_description(round_, plan_url),
        url=plan_url,
        # Without a METHOD, DTSTAMP means "last revised" (RFC 5545, 3.8.7.2): using updated_at
        # keeps the feed byte-stable between polls when nothing changed.
        stamp=round_.updated_at,
        last_modified=round_.updated_at,
        sequence=_revision(round_),
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
    )
    if not cancelled:  # a cancelled interview should not ring the day before
        event.add_component(Alarm.new_display(f"Tomorrow: {_summary(round_)}", -REMINDER_BEFORE))
    return event


def _todo(round_: FeedRound, due: date) -> Todo:
    return Todo.new(
        uid=todo_uid(round_.id),
        summary=f"Follow up with {round_.company} about {round_.position}",
        end=due,  # a Todo's end is its DUE; a date gives DUE;VALUE=DATE
        description=_todo_description(round_),
        stamp=round_.updated_at,
        last_modified=round_.updated_at,
        sequence=_revision(round_),
        status=STATUS.NEEDS_ACTION,
    )


def build_calendar(rounds: Iterable[FeedRound], *, calendar_uid: str, app_base: str) -> bytes:
    """The whole feed: a VEVENT per scheduled round, a VTODO per pending follow-up.

    `app_base` is the absolute URL of the web app (e.g. `https://host`): each event links to the
    round's page there, which a calendar app can open (an API URL would need a bearer token).
    """
    rounds = list(rounds)
    calendar = Calendar.new(prodid=PRODID, name=CALENDAR_NAME, calscale="GREGORIAN", uid=calendar_uid)
    # RFC 7986 requires VALUE=DURATION here; X-PUBLISHED-TTL is the older spelling some apps read.
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL).to_ical().decode())
    scheduled = sorted(
        ((r.scheduled_at, r) for r in rounds if r.scheduled_at is not None), key=lambda pair: (pair[0], str(pair[1].id))
    )
    for start, round_ in scheduled:
        calendar.add_component(_event(round_, start, f"{app_base}/rounds/{round_.id}"))
    follow_ups = sorted(
        ((r.follow_up_on, r) for r in rounds if r.has_pending_follow_up and r.follow_up_on),
        key=lambda pair: (pair[0], str(pair[1].id)),
    )
    for due, round_ in follow_ups:
        calendar.add_component(_todo(round_, due))
    return calendar.to_ical()
