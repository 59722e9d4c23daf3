import uuid
from datetime import datetime

from sqlalchemy import Integer, String, true
from sqlmodel import Field, SQLModel

from secondround.models.base import created_at_field, updated_at_field, uuid_pk


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: uuid.UUID = uuid_pk()
    # Stored lower-cased, so uniqueness ignores case.
    email: str = Field(sa_type=String(320), unique=True, nullable=False)
    password_hash: str = Field(sa_type=String(255), nullable=False)
    display_name: str | None = Field(default=None, sa_type=String(200))
    # IANA zone name (Europe/Oslo): local times, business days and new rounds' zone follow it.
    time_zone: str = Field(
        default="UTC", sa_type=String(64), nullable=False, sa_column_kwargs={"server_default": "UTC"}
    )
    # sha256 of the private calendar feed token; rotating it revokes the old feed URL.
    calendar_token_hash: str | None = Field(default=None, sa_type=String(64), unique=True)
    # The daily reminder email (mail/reminders.py): on or off, and the hour of the account's morning
    # (in its zone) from which it is sent.
    daily_reminder: bool = Field(default=True, nullable=False, sa_column_kwargs={"server_default": true()})
    reminder_hour: int = Field(default=7, sa_type=Integer, nullable=False, sa_column_kwargs={"server_default": "7"})
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
