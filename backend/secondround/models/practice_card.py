import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String
from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime
from secondround.models.base import created_at_field, updated_at_field


class PracticeCard(SQLModel, table=True):
    """The spaced-repetition state of one question for one account: the `fsrs` Card as its own
    dictionary (`card`), with `due` copied out so the queue can be read in order."""

    __tablename__ = "practice_cards"
    __table_args__ = (Index("ix_practice_cards_owner_due", "owner_id", "due"),)

    owner_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    question_id: uuid.UUID = Field(foreign_key="questions.id", ondelete="CASCADE", primary_key=True)
    card: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)
    due: datetime = Field(sa_type=UTCDateTime, nullable=False)
    reviews: int = Field(default=0, sa_type=Integer, nullable=False)
    last_rating: str = Field(sa_type=String(10), nullable=False)
    last_application_id: uuid.UUID | None = Field(default=None, foreign_key="applications.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
