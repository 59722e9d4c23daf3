import uuid
from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime
from secondround.models.base import created_at_field, owner_fk, uuid_pk


class DebriefRevision(SQLModel, table=True):
    """One version of what you noted about a person right after the round. Append-only: a new
    debrief is a new revision (the highest one is current), so nothing written is ever overwritten
    (docs/decisions.md). Its `created_at` is the debrief's version (`updated_at` in the API)."""

    __tablename__ = "debrief_revisions"
    __table_args__ = (
        UniqueConstraint("interviewer_id", "revision", name="uq_debrief_revisions_interviewer_revision"),
        Index("ix_debrief_revisions_owner_created", "owner_id", "created_at"),
    )

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    interviewer_id: uuid.UUID = Field(foreign_key="interviewers.id", ondelete="CASCADE", nullable=False)
    revision: int = Field(sa_type=Integer, nullable=False)
    impression: int | None = Field(default=None, sa_type=Integer)
    next_steps: str | None = Field(default=None, sa_type=Text)
    cared_about: str | None = Field(default=None, sa_type=Text)
    surprises: str | None = Field(default=None, sa_type=Text)
    notes: str | None = Field(default=None, sa_type=Text)
    decision_date_named: date | None = Field(default=None, sa_type=Date)
    created_at: datetime = created_at_field()


class ThankYouNoteSent(SQLModel, table=True):
    """A thank-you note you marked sent: to whom, for which round, when, and the words as sent."""

    __tablename__ = "thank_you_notes_sent"
    __table_args__ = (Index("ix_thank_you_notes_sent_round", "round_id"),)

    interviewer_id: uuid.UUID = Field(foreign_key="interviewers.id", ondelete="CASCADE", primary_key=True)
    round_id: uuid.UUID = Field(foreign_key="rounds.id", ondelete="CASCADE", nullable=False)
    owner_id: uuid.UUID = owner_fk()
    sent_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    subject: str = Field(sa_type=Text, nullable=False)
    body: str = Field(sa_type=Text, nullable=False)
    created_at: datetime = created_at_field()
