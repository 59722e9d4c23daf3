import uuid
from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, Field

from secondround.api.fields import (
    JSON_NUMBER,
    BodyBool,
    Email,
    LongText,
    PhoneText,
    ShortText,
    UrlText,
    WriteModel,
    absent,
)
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead

QuestionMinutes = Annotated[
    int,
    Field(
        ge=0,
        le=480,
        description="Minutes you expect for your own questions; null: suggested from `meeting_minutes` "
        "(about a quarter of the meeting, at least 5; 10 when the meeting's length is not known either).",
    ),
    JSON_NUMBER,
]
MeetingMinutes = Annotated[
    int,
    Field(ge=1, le=480, description="How long you are with this person (1 to 480 minutes); null: not known yet."),
    JSON_NUMBER,
]
BreakMinutes = Annotated[
    int,
    Field(
        ge=0,
        le=240,
        description="The break after this person's place in the day, before the next one (0 to 240 minutes). "
        "A break belongs to the gap: reordering the panel keeps every break where it was in time.",
    ),
    JSON_NUMBER,
]
CANCELLED = (
    "The meeting will not happen. The person is kept, with what was recorded with them; the plan gives "
    "their other questions to the others, and their meeting leaves the run sheet."
)
ORDER_DESCRIPTION = (
    "Meeting order within the round (lowest first). A place already taken is an insertion: the person "
    "there and everyone after them move one place later."
)
Order = Annotated[int, Field(ge=0, le=1000, description=ORDER_DESCRIPTION), JSON_NUMBER]


CONTACT = (
    "The contact this person is, across rounds and applications. Left out, it is found by the email, else "
    "by the name at the application's company, and made when there is none; send it to choose one yourself."
)


class InterviewerCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Dana Ortega",
                    "title": "Engineering manager",
                    "greeting": "Ms. Ortega",
                    "meeting_minutes": 40,
                    "break_after_minutes": 5,
                }
            ]
        }
    )

    name: ShortText
    title: ShortText | None = None
    role_id: uuid.UUID | None = Field(default=None, description="One of your roles, or null.")
    email: Email | None = None
    phone: PhoneText | None = None
    profile_url: UrlText | None = None
    contact_id: uuid.UUID | None = Field(default=None, description=CONTACT)
    greeting: ShortText | None = Field(default=None, description="How to address them, e.g. 'Ms. Ortega'.")
    order: Order | None = Field(
        default=None, description=ORDER_DESCRIPTION + " Left out: after the last interviewer of the round."
    )
    meeting_minutes: MeetingMinutes | None = None
    break_after_minutes: BreakMinutes = 0
    question_minutes: QuestionMinutes | None = None
    notes: LongText | None = None
    cancelled: BodyBool = Field(default=False, description=CANCELLED)


class InterviewerUpdate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"order": 0, "meeting_minutes": 30, "question_minutes": None}]}
    )

    name: ShortText = absent()
    title: ShortText | None = None
    role_id: uuid.UUID | None = None
    email: Email | None = None
    phone: PhoneText | None = None
    profile_url: UrlText | None = None
    contact_id: Annotated[
        uuid.UUID,
        Field(description="Another of your contacts; a new email or name finds the contact again by itself."),
    ] = absent()
    greeting: ShortText | None = None
    order: Order = absent()
    meeting_minutes: MeetingMinutes | None = None
    break_after_minutes: BreakMinutes = absent()
    question_minutes: QuestionMinutes | None = None
    notes: LongText | None = None
    cancelled: Annotated[BodyBool, Field(description=CANCELLED)] = absent()


class InterviewerRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    round_id: uuid.UUID
    name: str
    title: str | None
    role_id: uuid.UUID | None
    email: str | None
    phone: str | None
    profile_url: str | None
    contact_id: uuid.UUID | None = Field(description="The contact this person is, across rounds and applications.")
    greeting: str | None
    order: int
    meeting_minutes: int | None = Field(description="How long you are with them; null: not known yet.")
    break_after_minutes: int = Field(description="The break after them, before the next person.")
    question_minutes: int | None = Field(
        description="Minutes for your own questions as you set them; null: the plan suggests them "
        "(`question_minutes_suggested` and `minutes_available` in the plan)."
    )
    notes: str | None
    cancelled: bool = Field(description=CANCELLED)
    created_at: datetime
    updated_at: datetime


class InterviewerPage(Page[InterviewerRead]):
    pass


class InterviewerOrder(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "interviewer_ids": [
                        "0d3c7f4e-6a51-4c8e-9a3e-2f6b1c9d8e71",
                        "8b1e2a90-3c4d-4f5e-8a7b-6c5d4e3f2a10",
                    ]
                }
            ]
        }
    )

    interviewer_ids: list[uuid.UUID] = Field(
        max_length=1000,
        description="Every interviewer of the round exactly once, in meeting order (first met first).",
    )
