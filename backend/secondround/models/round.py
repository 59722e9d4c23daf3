import uuid
from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String, Text, UniqueConstraint, and_, text
from sqlmodel import Field, SQLModel

from secondround.db.types import EnumText, UTCDateTime
from secondround.helpers.vocabulary import Outcome, RoundKind, RoundStatus
from secondround.models.base import created_at_field, owner_fk, updated_at_field, uuid_pk


class Round(SQLModel, table=True):
    """An interview round. owner_id is copied from the application so ownership is one lookup."""

    __tablename__ = "rounds"
    __table_args__ = (
        UniqueConstraint("application_id", "sequence", name="uq_rounds_application_sequence"),
        Index("ix_rounds_application_keyset", "application_id", "sequence", "id"),
        Index("ix_rounds_owner_updated", "owner_id", "updated_at"),
        Index("ix_rounds_owner_follow_up", "owner_id", "follow_up_on", "id"),
        Index("ix_rounds_owner_scheduled", "owner_id", "scheduled_at"),
        # The readiness board: an owner's planned rounds in the order they were added.
        Index("ix_rounds_owner_status_keyset", "owner_id", "status", "created_at", "id"),
        # An importer's own id for the round: one per owner and source.
        Index(
            "uq_rounds_owner_source_external_id",
            "owner_id",
            "source",
            "external_id",
            unique=True,
            postgresql_where=and_(text("source IS NOT NULL"), text("external_id IS NOT NULL")),
            sqlite_where=and_(text("source IS NOT NULL"), text("external_id IS NOT NULL")),
        ),
    )

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    application_id: uuid.UUID = Field(foreign_key="applications.id", ondelete="CASCADE", nullable=False)
    sequence: int = Field(sa_type=Integer, nullable=False)
    kind: RoundKind = Field(sa_type=EnumText(RoundKind, 20), nullable=False)
    scheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The IANA zone the round was scheduled in; scheduled_at itself is stored as a UTC instant.
    time_zone: str = Field(
        default="UTC", sa_type=String(64), nullable=False, sa_column_kwargs={"server_default": "UTC"}
    )
    duration_minutes: int | None = Field(default=None, sa_type=Integer)
    location: str | None = Field(default=None, sa_type=String(2048))
    status: RoundStatus = Field(sa_type=EnumText(RoundStatus, 20), nullable=False)
    outcome: Outcome = Field(sa_type=EnumText(Outcome, 20), nullable=False)
    decision_expected_by: date | None = Field(default=None, sa_type=Date)
    follow_up_on: date | None = Field(default=None, sa_type=Date)
    # True once the user chose follow_up_on themselves; the default rule then leaves it alone.
    follow_up_on_is_manual: bool = Field(default=False, nullable=False)
    followed_up_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    follow_up_note: str | None = Field(default=None, sa_type=Text)
    notes: str | None = Field(default=None, sa_type=Text)
    source: str | None = Field(default=None, sa_type=String(50))
    external_id: str | None = Field(default=None, sa_type=String(255))
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
