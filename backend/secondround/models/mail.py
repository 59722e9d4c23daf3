"""Mail: the outbox of messages the worker sends over SMTP, the record of each account's daily
reminder, and password reset tokens (docs/decisions.md, "Mail")."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime
from secondround.models.base import created_at_field, uuid_pk


class MailMessage(SQLModel, table=True):
    """One mail to send, written in the transaction that decided it (a reset request, a changed
    email, the day's reminder), then sent and retried by the worker. `message_id` is the
    Message-ID header, the same on every attempt. A claimed row's `next_attempt_at` is the end of
    its lease and `claimed_by` the claim that holds it."""

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_due", "state", "next_attempt_at"),)

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="CASCADE", index=True)
    kind: str = Field(sa_type=String(32), nullable=False)  # "daily_reminder", "password_reset", "email_changed"
    recipient: str = Field(sa_type=String(320), nullable=False)
    subject: str = Field(sa_type=String(300), nullable=False)
    body_text: str = Field(sa_type=Text, nullable=False)
    body_html: str | None = Field(default=None, sa_type=Text)
    # Extra header fields (List-Unsubscribe and List-Unsubscribe-Post for the reminder).
    headers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)
    message_id: str = Field(sa_type=String(200), nullable=False)
    state: str = Field(sa_type=String(16), nullable=False)  # "pending", "sent" or "failed"
    attempts: int = Field(default=0, sa_type=Integer, nullable=False)
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claimed_by: uuid.UUID | None = Field(default=None)
    last_error: str | None = Field(default=None, sa_type=String(300))
    created_at: datetime = created_at_field()
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ReminderSent(SQLModel, table=True):
    """The daily reminder of one account for one day of its own calendar: the primary key is what
    makes it once a day, however many workers look at the same morning. `mail_id` is None when the
    day had nothing to say (no mail was written)."""

    __tablename__ = "mail_reminders_sent"

    owner_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    local_date: date = Field(sa_type=Date, primary_key=True)
    items: int = Field(default=0, sa_type=Integer, nullable=False)
    mail_id: uuid.UUID | None = Field(default=None)
    created_at: datetime = created_at_field()


class PasswordResetToken(SQLModel, table=True):
    """A link to choose a new password: only its hash is stored; it works once, until `expires_at`,
    and a newer request for the account removes the unused ones."""

    __tablename__ = "password_reset_tokens"

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", nullable=False, index=True)
    token_hash: str = Field(sa_type=String(64), unique=True, nullable=False)
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
