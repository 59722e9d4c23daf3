import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from secondround.core.pagination import Page
from secondround.core.types import BodyBool, LongText, WriteModel, absent
from secondround.vocabulary import Category, Direction, RoundQuestionStatus


class RoundQuestionPut(WriteModel):
    """The whole state of a question in a round (PUT replaces it; left-out fields take their defaults)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"pinned": True, "status": "planned", "answer_notes": None}]}
    )

    pinned: BodyBool = Field(default=False, description="Must be asked in this round: the plan places it first.")
    status: RoundQuestionStatus = RoundQuestionStatus.PLANNED
    answer_notes: LongText | None = None


class RoundQuestionPatch(WriteModel):
    """Only the fields sent change; an entry that does not exist yet starts from the defaults."""

    pinned: Annotated[BodyBool, Field(description="Must be asked in this round: the plan places it first.")] = absent()
    status: RoundQuestionStatus = absent()
    answer_notes: LongText | None = None

    model_config = ConfigDict(json_schema_extra={"examples": [{"pinned": True}, {"status": "answered"}]})


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
