import uuid
from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, false
from sqlmodel import Field, SQLModel

from secondround.models.base import created_at_field, owner_fk, updated_at_field, uuid_pk


class Interviewer(SQLModel, table=True):
    __tablename__ = "interviewers"
    __table_args__ = (
        Index("ix_interviewers_round_keyset", "round_id", "order", "id"),
        Index("ix_interviewers_owner_updated", "owner_id", "updated_at"),
        Index("ix_interviewers_role", "role_id"),
        Index("ix_interviewers_contact", "contact_id"),
    )

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    round_id: uuid.UUID = Field(foreign_key="rounds.id", ondelete="CASCADE", nullable=False)
    name: str = Field(sa_type=String(200), nullable=False)
    title: str | None = Field(default=None, sa_type=String(200))
    # Deleting a role keeps the person and forgets their role.
    role_id: uuid.UUID | None = Field(default=None, foreign_key="roles.id", ondelete="SET NULL")
    email: str | None = Field(default=None, sa_type=String(320))
    # The same person across rounds and applications; deleting the contact keeps the interviewer.
    contact_id: uuid.UUID | None = Field(default=None, foreign_key="contacts.id", ondelete="SET NULL")
    phone: str | None = Field(default=None, sa_type=String(50))
    profile_url: str | None = Field(default=None, sa_type=String(2048))
    greeting: str | None = Field(default=None, sa_type=String(200))
    order: int = Field(sa_type=Integer, nullable=False)
    # How long you are with this person, and the break after them: the run sheet lays these out.
    meeting_minutes: int | None = Field(default=None, sa_type=Integer)
    break_after_minutes: int = Field(
        default=0, sa_type=Integer, nullable=False, sa_column_kwargs={"server_default": "0"}
    )
    # Time for your own questions; None means suggested from meeting_minutes.
    question_minutes: int | None = Field(default=None, sa_type=Integer)
    notes: str | None = Field(default=None, sa_type=Text)
    # The meeting will not happen: kept with what was recorded, their other questions go to the others.
    cancelled: bool = Field(default=False, nullable=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
