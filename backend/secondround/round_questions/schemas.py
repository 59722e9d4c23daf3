import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from secondround.core.pagination import Page
from secondround.core.types import LongText, WriteModel
from secondround.vocabulary import Category, Direction, RoundQuestionStatus


class RoundQuestionPut(WriteModel):
    """The whole state of a question in a round (PUT replaces it; left-out fields take their defaults)."""

    pinned: bool = Field(default=False, description="Must be asked in this round: the plan places it first.")
    status: RoundQuestionStatus = RoundQuestionStatus.PLANNED
    answer_notes: LongText | None = None


class RoundQuestionRead(BaseModel):
    round_id: uuid.UUID
    question_id: uuid.UUID
    direction: Direction
    text: str
    category: Category
    pinned: bool
    status: RoundQuestionStatus
    answer_notes: str | None
    created_at: datetime
    updated_at: datetime


class RoundQuestionPage(Page[RoundQuestionRead]):
    pass
