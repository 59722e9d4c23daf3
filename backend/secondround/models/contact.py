import uuid
from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlmodel import Field, SQLModel

from secondround.models.base import created_at_field, owner_fk, updated_at_field, uuid_pk


class Contact(SQLModel, table=True):
    """A person across applications: the interviewer met in round 1 is the same contact in round 3."""

    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_owner_keyset", "owner_id", "created_at", "id"),
        Index("ix_contacts_owner_updated", "owner_id", "updated_at"),
        # Interviewers are matched to contacts by email (stored lower-cased) within an account.
        Index("ix_contacts_owner_email", "owner_id", "email"),
    )

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    name: str = Field(sa_type=String(200), nullable=False)
    email: str | None = Field(default=None, sa_type=String(320))
    phone: str | None = Field(default=None, sa_type=String(50))
    profile_url: str | None = Field(default=None, sa_type=String(2048))
    company: str | None = Field(default=None, sa_type=String(200))
    title: str | None = Field(default=None, sa_type=String(200))
    notes: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
