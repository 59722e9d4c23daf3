import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String
from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime
from secondround.models.base import owner_fk

# SQLite numbers rows by itself only in an INTEGER PRIMARY KEY (its rowid); PostgreSQL gets a bigint.
Sequence = BigInteger().with_variant(Integer(), "sqlite")


class Change(SQLModel, table=True):
    """One create, update or delete of one resource of an account: the change feed (changes/).

    Written by the session hook in changes/capture.py in the same transaction as the change itself,
    while the transaction holds its account's lock, so an account's rows commit in `seq` order
    (docs/decisions.md, "The change feed"). `resource_id` is the resource's id; for a round's
    question or an application's answer it is the question's id and `parent_id` the round's or
    application's.
    """

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_owner_feed", "owner_id", "seq"),
        Index("ix_changes_owner_resource", "owner_id", "resource", "resource_id", "parent_id"),
        Index("ix_changes_owner_occurred", "owner_id", "occurred_at"),
    )

    seq: int | None = Field(default=None, sa_type=Sequence, primary_key=True)
    owner_id: uuid.UUID = owner_fk()
    resource: str = Field(sa_type=String(32), nullable=False)
    resource_id: uuid.UUID = Field(nullable=False)
    parent_id: uuid.UUID | None = Field(default=None)
    action: str = Field(sa_type=String(8), nullable=False)  # "created", "updated" or "deleted"
    occurred_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
