import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from secondround.core.pagination import Page
from secondround.core.types import JSON_NUMBER, Day, Instant, LongText, MediumText, WriteModel, absent
from secondround.vocabulary import Outcome, RoundKind, RoundStatus

Duration = Annotated[int, Field(ge=1, le=24 * 60, description="Planned length of the round in minutes."), JSON_NUMBER]


class RoundCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "second",
                    "scheduled_at": "2026-12-01T10:00:00+01:00",
                    "duration_minutes": 90,
                    "decision_expected_by": "2026-12-04",
                }
            ]
        }
    )

    kind: RoundKind = RoundKind.OTHER
    scheduled_at: Instant | None = Field(default=None, description="Start, ISO 8601 with an offset.")
    duration_minutes: Duration | None = None
    location: MediumText | None = Field(default=None, description="Address or video-call link.")
    status: RoundStatus = RoundStatus.PLANNED
    outcome: Outcome = Outcome.PENDING
    decision_expected_by: Day | None = None
    follow_up_on: Day | None = Field(
        default=None,
        description="When to follow up. Left out, it defaults to the first business day after "
        "decision_expected_by while the outcome is pending.",
    )
    notes: LongText | None = None


class RoundUpdate(WriteModel):
    """Record an outcome here; it moves the application's status (offer, rejected, ...).
    Setting `follow_up_on` to null restores the default date."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "completed", "outcome": "verbal_offer"}]})

    kind: RoundKind = absent()
    scheduled_at: Instant | None = None
    duration_minutes: Duration | None = None
    location: MediumText | None = None
    status: RoundStatus = absent()
    outcome: Outcome = absent()
    decision_expected_by: Day | None = None
    follow_up_on: Day | None = None
    notes: LongText | None = None


class FollowUpRequest(WriteModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"note": "Called Dana; decision next Tuesday"}]})

    note: LongText | None = Field(default=None, description="What was said, e.g. 'Spoke to Dana; decision Friday'.")


class RoundRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    application_id: uuid.UUID
    sequence: int
    kind: RoundKind
    scheduled_at: datetime | None
    duration_minutes: int | None
    location: str | None
    status: RoundStatus
    outcome: Outcome
    decision_expected_by: date | None
    follow_up_on: date | None
    followed_up_at: datetime | None
    follow_up_note: str | None
    notes: str | None
    created_at: datetime
    updated_at: datetime


class RoundPage(Page[RoundRead]):
    pass
