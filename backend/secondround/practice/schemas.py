import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from secondround.answers.schemas import AnswerSource
from secondround.api.fields import WriteModel
from secondround.api.representation import VersionedRead
from secondround.helpers.vocabulary import Category, PracticeRating


class PracticeQueueItem(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    question_id: uuid.UUID
    text: str = Field(description="The question, as the interviewer would ask it.")
    category: Category
    answer: str | None = Field(
        description="Your prepared answer: the one written for the round's application when there is one, else "
        "the question's; null when you have not written one."
    )
    answer_source: AnswerSource | None
    application_id: uuid.UUID | None = Field(description="The application whose round expects it; null: the bank.")
    round_id: uuid.UUID | None = Field(description="The upcoming round whose people will likely ask it.")
    reason: str = Field(
        description="Why it is in the queue, in words.",
        examples=["Expected in your second interview at Acme on Friday 11 December"],
    )
    expected: bool = Field(description="True when the people of an upcoming round will likely ask it.")
    due: datetime | None = Field(description="When it fell due; null when you have never practised it.")


class PracticeQueue(BaseModel):
    items: list[PracticeQueueItem] = Field(description="The cards to practise now, in order.")
    due_later: int = Field(description="How many practised cards are not due yet.")
    next_due: datetime | None = Field(description="When the next card not in the queue falls due.")


class PracticeReviewCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"question_id": "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", "rating": "good"}]}
    )

    question_id: uuid.UUID
    rating: PracticeRating = Field(description="How it went: `again` (could not answer), `hard`, `good` or `easy`.")
    application_id: uuid.UUID | None = Field(
        default=None, description="The application you practised it for (one of yours), if any."
    )


class PracticeReviewRead(VersionedRead):
    question_id: uuid.UUID
    rating: PracticeRating
    reviews: int = Field(description="How many times you have practised it.")
    due: datetime = Field(description="When to practise it next.")
    due_in: str = Field(description="The same, in words.", examples=["in 3 days"])
    state: str = Field(description="The card's FSRS state: `learning`, `review` or `relearning`.")
    stability: float | None
    difficulty: float | None
    updated_at: datetime

    def etag_key(self) -> uuid.UUID:
        return self.question_id
