import uuid
from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String, Text
from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime
from secondround.models.base import created_at_field


class IdempotencyKey(SQLModel, table=True):
    """A POST made with an `Idempotency-Key`, with the response it got (idempotency/service.py).

    Written in the same transaction as the POST's own change, so a row exists exactly when the
    change was committed; a replay answers from it until `expires_at` (24 hours later)."""

    __tablename__ = "idempotency_keys"

    owner_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    key: str = Field(sa_type=String(255), primary_key=True)
    # sha256 of the canonical request (method, path and query, body): the same key with another request is a 422.
    fingerprint: str = Field(sa_type=String(64), nullable=False)
    status_code: int = Field(default=0, sa_type=Integer, nullable=False)
    headers: str = Field(default="{}", sa_type=Text, nullable=False)  # JSON: the response headers kept
    body: bytes = Field(default=b"", sa_type=LargeBinary, nullable=False)
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
