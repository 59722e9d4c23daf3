"""Webhooks: the endpoints an account registers, the outbox of events waiting to reach them, and
the record of every attempt (docs/decisions.md, "Webhooks")."""

import uuid
from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime
from secondround.models.base import created_at_field, owner_fk, updated_at_field, uuid_pk


class Webhook(SQLModel, table=True):
    """An HTTPS (or HTTP) endpoint that receives the account's events, signed with its secret."""

    __tablename__ = "webhooks"
    __table_args__ = (Index("ix_webhooks_owner_keyset", "owner_id", "created_at", "id"),)

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    url: str = Field(sa_type=String(2048), nullable=False)
    description: str | None = Field(default=None, sa_type=String(200))
    # Space-separated event types; NULL: every event.
    events: str | None = Field(default=None, sa_type=String(400))
    active: bool = Field(default=True, nullable=False)
    # Why the server paused it (an endpoint that answered 410 Gone); NULL when the user paused it.
    disabled_reason: str | None = Field(default=None, sa_type=String(200))
    # The signing secret (`whsec_` + base64). Kept as written: signing needs the secret itself.
    secret: str = Field(sa_type=String(100), nullable=False)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class WebhookDelivery(SQLModel, table=True):
    """The outbox: one event for one endpoint, written in the transaction of the change it reports,
    then posted (and retried) by the delivery worker. `message_id` is the `webhook-id` header, the
    same on every attempt."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        # What the worker claims: pending rows whose time has come, oldest due first.
        Index("ix_webhook_deliveries_due", "state", "next_attempt_at"),
    )

    id: uuid.UUID = uuid_pk()
    webhook_id: uuid.UUID = Field(foreign_key="webhooks.id", ondelete="CASCADE", nullable=False, index=True)
    message_id: str = Field(sa_type=String(40), nullable=False)
    event_type: str = Field(sa_type=String(40), nullable=False)
    payload: str = Field(sa_type=Text, nullable=False)
    state: str = Field(sa_type=String(16), nullable=False)  # "pending", "delivered" or "failed"
    attempts: int = Field(default=0, sa_type=Integer, nullable=False)
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()


class WebhookAttempt(SQLModel, table=True):
    """One POST of a delivery: when, how long, and what came back (a status code or an error)."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_log", "webhook_id", "attempted_at", "id"),)

    id: uuid.UUID = uuid_pk()
    webhook_id: uuid.UUID = Field(foreign_key="webhooks.id", ondelete="CASCADE", nullable=False)
    delivery_id: uuid.UUID = Field(foreign_key="webhook_deliveries.id", ondelete="CASCADE", nullable=False, index=True)
    message_id: str = Field(sa_type=String(40), nullable=False)
    event_type: str = Field(sa_type=String(40), nullable=False)
    attempt: int = Field(sa_type=Integer, nullable=False)
    attempted_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    duration_ms: int = Field(sa_type=Integer, nullable=False)
    status_code: int | None = Field(default=None, sa_type=Integer)
    error: str | None = Field(default=None, sa_type=String(300))


class WebhookFollowUpSent(SQLModel, table=True):
    """Which follow-up date of a round has had its `follow_up.due` event, so the worker's scan sends
    each due date once (a new date makes the round due again)."""

    __tablename__ = "webhook_follow_ups_sent"

    round_id: uuid.UUID = Field(foreign_key="rounds.id", ondelete="CASCADE", primary_key=True)
    follow_up_on: date = Field(sa_type=Date, nullable=False)
