import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import ConfigDict, Field

from secondround.api.fields import RequiredLongText, WriteModel
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.helpers.vocabulary import Direction


class AnswerSource(StrEnum):
    """Whose words a plan's prepared answer is (`prepared_answer_source`)."""

    APPLICATION = "application"  # written for this application: it wins here
    BANK = "bank"  # the question's own answer, for every application


class ApplicationAnswerPut(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"answer": "Northwind builds the route planner I have used for years."}]}
    )

    answer: RequiredLongText = Field(
        description="Your answer for this application only. To use the question's own answer again, delete it."
    )


class ApplicationAnswerRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    application_id: uuid.UUID
    question_id: uuid.UUID
    direction: Direction = Field(description="The question's direction.")
    text: str = Field(description="The question's text.")
    answer: str = Field(description="Your answer for this application: its plans show it instead of the question's.")
    created_at: datetime
    updated_at: datetime

    def etag_key(self) -> tuple[uuid.UUID, uuid.UUID]:
        return (self.application_id, self.question_id)


class ApplicationAnswerPage(Page[ApplicationAnswerRead]):
    pass
