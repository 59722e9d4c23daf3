import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, computed_field

from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.helpers import local_time
from secondround.helpers.vocabulary import ApplicationStatus, OfferStage, Outcome, RoundKind


class FollowUpWhen(StrEnum):
    DUE = "due"  # follow_up_on is today (in the account's zone) or earlier, not yet followed up
    UPCOMING = "upcoming"  # follow_up_on is after today, not yet followed up
    ALL = "all"  # every pending round with a follow-up date, followed up or not


class FollowUpRound(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    sequence: int
    kind: RoundKind
    scheduled_at: datetime | None
    time_zone: str
    decision_expected_by: date | None
    follow_up_on: date
    followed_up_at: datetime | None
    follow_up_note: str | None
    outcome: Outcome

    @computed_field(  # type: ignore[prop-decorator]
        description="`scheduled_at` as the wall clock in `time_zone`, with its offset.",
        examples=["2026-12-02T10:00:00+01:00"],
    )
    @property
    def scheduled_local(self) -> str | None:
        return None if self.scheduled_at is None else local_time.local_iso(self.scheduled_at, self.time_zone)


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
    phone: str | None
    contact_id: uuid.UUID | None
    role_id: uuid.UUID | None


class FollowUpRead(BaseModel):
    round: FollowUpRound
    application: FollowUpApplication
    interviewers: list[FollowUpInterviewer] = Field(description="Whom to contact, in meeting order.")


class FollowUpOffer(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    stage: OfferStage
    base_amount: Decimal
    currency: str
    respond_by: date = Field(description="The day they want your answer by: the reminder stays until you respond.")


class OfferFollowUpRead(BaseModel):
    """An open offer to respond to (it has no `round`): due from two days before `respond_by` until you
    accept or decline it."""

    offer: FollowUpOffer
    application: FollowUpApplication


class FollowUpPage(Page[FollowUpRead | OfferFollowUpRead]):
    pass


class CallScriptRead(BaseModel):
    """Whom to call about a round and what to say: built from the round (follow_ups/call_script.py)."""

    round_id: uuid.UUID
    interviewer_id: uuid.UUID | None = Field(description="The person to call; null when the round has nobody recorded.")
    contact_id: uuid.UUID | None
    name: str | None
    title: str | None
    phone: str | None
    tel_uri: str | None = Field(description="`tel:` link for the phone number, an extension as `;ext=`.")
    email: str | None
    mailto_uri: str | None = Field(description="`mailto:` link with a subject.")
    opening: str
    discussed: list[str] = Field(description="What you discussed with them: the questions marked asked or answered.")
    decision: str | None = Field(description="The line about the decision date they gave, if they gave one.")
    asks: list[str] = Field(description="What to ask.")
    closing: str
    lines: list[str] = Field(description="The whole script, in the order you say it.")
