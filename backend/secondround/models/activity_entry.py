import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Index, Text
from sqlmodel import Field, SQLModel

from secondround.db.types import EnumText, UTCDateTime
from secondround.helpers.vocabulary import ActivityKind, Channel
from secondround.models.base import created_at_field, owner_fk, updated_at_field, uuid_pk


class ActivityEntry(SQLModel, table=True):
    """One entry of an application's activity log. Append-only: an edit keeps the earlier text in
    `revisions`, and there is no delete (the entry goes only with its application)."""

    __tablename__ = "activity_entries"
    __table_args__ = (
        # The application's log, newest first.
        Index("ix_activity_entries_application_keyset", "application_id", "occurred_at", "id"),
        Index("ix_activity_entries_owner_updated", "owner_id", "updated_at"),
        # A round's latest call (its follow-up state), and a contact's entries.
        Index("ix_activity_entries_round_kind", "round_id", "kind", "occurred_at"),
        Index("ix_activity_entries_contact", "contact_id", "occurred_at", "id"),
        Index("ix_activity_entries_interviewer", "interviewer_id"),
    )

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    application_id: uuid.UUID = Field(foreign_key="applications.id", ondelete="CASCADE", nullable=False)
    # Deleting the round, the person or the contact keeps the entry (history) and forgets the link.
    round_id: uuid.UUID | None = Field(default=None, foreign_key="rounds.id", ondelete="SET NULL")
    interviewer_id: uuid.UUID | None = Field(default=None, foreign_key="interviewers.id", ondelete="SET NULL")
    contact_id: uuid.UUID | None = Field(default=None, foreign_key="contacts.id", ondelete="SET NULL")
    kind: ActivityKind = Field(sa_type=EnumText(ActivityKind, 20), nullable=False)
    occurred_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    channel: Channel | None = Field(default=None, sa_type=EnumText(Channel, 20))
    text: str = Field(default="", sa_type=Text, nullable=False)
    next_follow_up_on: date | None = Field(default=None, sa_type=Date)
    # Earlier texts, oldest first: [{"text": ..., "replaced_at": ISO 8601}].
    revisions: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON, nullable=False)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
