import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from secondround.core.pagination import Page
from secondround.vocabulary import ApplicationStatus, Outcome, RoundKind


class FollowUpWhen(StrEnum):
    DUE = "due"  # follow_up_on is today (UTC) or earlier, not yet followed up
    UPCOMING = "upcoming"  # follow_up_on is after today, not yet followed up
    ALL = "all"  # every pending round with a follow-up date, followed up or not


class FollowUpRound(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    sequence: int
    kind: RoundKind
    scheduled_at: datetime | None
    decision_expected_by: date | None
    follow_up_on: date
    followed_up_at: datetime | None
    follow_up_note: str | None
    outcome: Outcome


class FollowUpApplication(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    company: str
    position: str
    status: ApplicationStatus


class FollowUpInterviewer(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    title: str | None
    email: str | None
    role_id: uuid.UUID | None


class FollowUpRead(BaseModel):
    round: FollowUpRound
    application: FollowUpApplication
    interviewers: list[FollowUpInterviewer] = Field(description="Whom to contact, in meeting order.")


class FollowUpPage(Page[FollowUpRead]):
    pass
