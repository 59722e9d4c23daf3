"""Shared pieces of every table: naming convention, UUID keys, timestamps."""

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime, utcnow

# Deterministic constraint names, so migrations can drop and alter them on every engine.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def uuid_pk() -> uuid.UUID:
    return Field(default_factory=uuid.uuid4, primary_key=True)


def owner_fk() -> uuid.UUID:
    return Field(foreign_key="users.id", ondelete="CASCADE", nullable=False)


def created_at_field() -> datetime:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def updated_at_field() -> datetime:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
