"""Request and response bodies of `POST /applications/{id}/rounds/import` (the JSON one: a Greenhouse
Harvest scheduled interview; the .ics one is text, read by ics.py)."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from secondround.api.fields import JSON_NUMBER, Day, Email, MediumText, OffsetInstant, ShortText, UrlText, WriteModel
from secondround.interviewers.schemas import InterviewerRead
from secondround.round_imports.interview import MAX_PEOPLE
from secondround.rounds.schemas import RoundRead

GreenhouseId = Annotated[int, Field(ge=1, le=2**63 - 1), JSON_NUMBER]


class GreenhouseMoment(WriteModel):
    """A timed start or end: `date_time` in ISO 8601 with an offset (`2026-12-03T14:00:00.000Z`)."""

    date_time: OffsetInstant


class GreenhouseDay(WriteModel):
    """An all-day start or end: `date` only."""

    date: Day


class GreenhouseInterviewName(WriteModel):
    id: GreenhouseId | None = None
    name: ShortText | None = Field(default=None, description="The interview's name, e.g. `Technical interview`.")


class GreenhousePerson(WriteModel):
    """Greenhouse's organizer (as Harvest writes it; only read, never stored)."""

    id: GreenhouseId | None = None
    first_name: ShortText | None = None
    last_name: ShortText | None = None
    name: ShortText | None = None
    employee_id: ShortText | None = None


class GreenhouseInterviewer(WriteModel):
    id: GreenhouseId | None = None
    employee_id: ShortText | None = None
    name: ShortText
    email: Email | None = None
    title: ShortText | None = Field(
        default=None,
        description="Not in Harvest's shape: the person's job title, if you know it; their role is guessed from it.",
    )
    response_status: Literal["needs_action", "accepted", "tentative", "declined"] | None = Field(
        default=None, description="`declined`: they join the panel marked as not coming (`cancelled`)."
    )
    scorecard_id: GreenhouseId | None = None


class GreenhouseScheduledInterview(WriteModel):
    """A scheduled interview as Greenhouse Harvest writes it (`GET /v1/scheduled_interviews/{id}`).
    Only these fields are read; any other is refused, as on every body."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 9128481,
                    "external_event_id": "4ba5c9a1e0b8",
                    "start": {"date_time": "2026-12-03T14:00:00.000Z"},
                    "end": {"date_time": "2026-12-03T15:00:00.000Z"},
                    "location": "Big Conference Room",
                    "video_conferencing_url": "https://meet.google.com/abc-defg-hij",
                    "status": "scheduled",
                    "interview": {"id": 121, "name": "Technical interview"},
                    "interviewers": [
                        {"name": "Dana Ortega", "email": "dana@acme.example.com", "response_status": "accepted"}
                    ],
                }
            ]
        }
    )

    id: GreenhouseId = Field(
        description="Greenhouse's id of the scheduled interview: the round's `external_id` (source `greenhouse`). "
        "Sending the same id again updates that round and its panel."
    )
    application_id: GreenhouseId | None = None
    external_event_id: ShortText | None = Field(
        default=None, description="The calendar event's id; kept in the answer only."
    )
    start: GreenhouseMoment | GreenhouseDay
    end: GreenhouseMoment | GreenhouseDay | None = None
    location: MediumText | None = None
    video_conferencing_url: UrlText | None = None
    status: Literal["scheduled", "awaiting_feedback", "complete"] | None = Field(
        default=None,
        description="`scheduled`: the round is planned; `awaiting_feedback` and `complete`: it took place "
        "(`completed`; the outcome stays yours to record).",
    )
    created_at: datetime | None = None
    updated_at: datetime | None = None
    interview: GreenhouseInterviewName | None = None
    organizer: GreenhousePerson | None = None
    interviewers: list[GreenhouseInterviewer] = Field(
        default_factory=list,
        max_length=MAX_PEOPLE,
        description=f"The panel, at most {MAX_PEOPLE}; your own email (you are the candidate) is left out.",
    )


class GuessedRole(BaseModel):
    interviewer_id: uuid.UUID
    interviewer: str = Field(description="The person's name.")
    role_id: uuid.UUID
    role: str = Field(description="The role's name.")
    guessed_from: str = Field(description="The text the guess was made from, e.g. the title `Engineering manager`.")
    words: str = Field(description="The words in that text that decided it, e.g. `engineering manager`.")


class RoundImportRead(BaseModel):
    round: RoundRead
    created: bool = Field(
        description="True when the round was made (201); false when an earlier import was updated (200)."
    )
    interviewers: list[InterviewerRead] = Field(
        description="The round's whole panel after the import, in meeting order."
    )
    added: list[str] = Field(description="Names of the people this import added to the panel.")
    guessed_roles: list[GuessedRole] = Field(
        description="The roles the import guessed for people it added (from their title or name); check them."
    )
    left_out: list[str] = Field(description="Names not put on the panel: you (the candidate, by your email).")
    remarks: list[str] = Field(description="What the import decided where the source was not clear, in sentences.")
