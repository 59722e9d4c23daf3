import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from secondround.core.pagination import Page
from secondround.core.types import LongText, WriteModel, no_nul
from secondround.vocabulary import Category, Direction


def _unique(ids: list[uuid.UUID]) -> list[uuid.UUID]:
    return sorted(set(ids), key=str)


QuestionText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), AfterValidator(no_nul)
]
Importance = Annotated[int, Field(ge=1, le=5, description="1 (nice to know) to 5 (must know).")]
Minutes = Annotated[int, Field(ge=1, le=60, description="Estimated minutes, answer included.")]
TargetRoles = Annotated[
    list[uuid.UUID],
    Field(max_length=50, description="Only interviewers with one of these roles may get it; empty means any."),
    AfterValidator(_unique),
]


class QuestionCreate(WriteModel):
    direction: Direction = Field(description="`ask`: you ask them; `expect`: they are likely to ask you.")
    text: QuestionText
    category: Category
    importance: Importance = 3
    minutes: Minutes = 2
    target_role_ids: TargetRoles = Field(default_factory=list)
    prepared_answer: LongText | None = Field(default=None, description="Your answer, for `expect` questions.")
    notes: LongText | None = None
    archived: bool = False


class QuestionUpdate(WriteModel):
    direction: Direction = None
    text: QuestionText = None
    category: Category = None
    importance: Importance = None
    minutes: Minutes = None
    target_role_ids: TargetRoles = None
    prepared_answer: LongText | None = None
    notes: LongText | None = None
    archived: bool = None


class QuestionRead(BaseModel):
    id: uuid.UUID
    direction: Direction
    text: str
    category: Category
    importance: int
    minutes: int
    target_role_ids: list[uuid.UUID]
    prepared_answer: str | None
    notes: str | None
    archived: bool
    created_at: datetime
    updated_at: datetime


class QuestionPage(Page[QuestionRead]):
    pass
