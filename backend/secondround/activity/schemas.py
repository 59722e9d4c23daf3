import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, computed_field

from secondround.api.fields import Day, LongText, OptionalLocalOrInstant, WriteModel, absent
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.helpers.vocabulary import ActivityKind, Channel

OCCURRED_AT = (
    "When it happened; left out: now. With an offset it is that instant; without one "
    "(`2026-12-04T15:30`) it is the wall clock in your account's `time_zone`. It may be in the past "
    "(backdated), never more than a minute in the future. Returned in UTC."
)


class ActivityCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "call",
                    "occurred_at": "2026-12-04T15:30",
                    "channel": "phone",
                    "text": "Spoke to Dana: they decide on Friday.",
                    "next_follow_up_on": "2026-12-11",
                }
            ]
        }
    )

    kind: ActivityKind = Field(
        description="What happened. `status_change` and `outcome` are written by the server when a status "
        "or an outcome changes, and cannot be sent."
    )
    occurred_at: OptionalLocalOrInstant = Field(default=None, description=OCCURRED_AT)
    channel: Channel | None = None
    text: LongText = Field(default="", description="What was said or done, in your words.")
    round_id: uuid.UUID | None = Field(default=None, description="One of the application's rounds, or null.")
    interviewer_id: uuid.UUID | None = Field(
        default=None,
        description="Whom it was with: one of the people of the application's rounds. Their contact and "
        "round are filled in when not sent.",
    )
    contact_id: uuid.UUID | None = Field(default=None, description="Whom it was with: one of your contacts.")
    next_follow_up_on: Day | None = Field(
        default=None,
        description='Calls only: the next date to follow up ("they said Friday"). With a `round_id` it '
        "becomes the round's `follow_up_on`, the date the follow-ups list uses.",
    )


class ActivityUpdate(WriteModel):
    """An edit keeps the earlier text in `revisions`: the entry shows it was edited, and what it said."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"text": "Spoke to Dana: they decide on Monday."}]})

    text: LongText = absent()


class ActivityRevision(BaseModel):
    text: str = Field(description="What the entry said before this edit.")
    replaced_at: datetime = Field(description="When that text was replaced.")


class ActivityRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    application_id: uuid.UUID
    round_id: uuid.UUID | None
    interviewer_id: uuid.UUID | None
    contact_id: uuid.UUID | None
    kind: ActivityKind
    occurred_at: datetime = Field(description="When it happened, in UTC.")
    channel: Channel | None
    text: str
    next_follow_up_on: date | None
    person_name: str | None = Field(
        default=None,
        description="Whom the entry is with, by name as it is now: the interviewer's, else the contact's; "
        "null when the entry names nobody. Read-only.",
    )
    revisions: list[ActivityRevision] = Field(description="Earlier texts, oldest first; empty when never edited.")
    created_at: datetime
    updated_at: datetime

    @computed_field(description="True when the text was edited; `revisions` holds what it said before.")  # type: ignore[prop-decorator]
    @property
    def edited(self) -> bool:
        return bool(self.revisions)


class ActivityPage(Page[ActivityRead]):
    pass
