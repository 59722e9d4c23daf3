import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from secondround.core.pagination import Page
from secondround.core.types import JSON_NUMBER, Email, LongText, ShortText, UrlText, WriteModel, absent

QuestionMinutes = Annotated[
    int, Field(ge=0, le=480, description="Minutes you expect for your own questions."), JSON_NUMBER
]
Order = Annotated[int, Field(ge=0, le=1000, description="Meeting order within the round (lowest first)."), JSON_NUMBER]


class InterviewerCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Dana Ortega",
                    "title": "Engineering manager",
                    "greeting": "Ms. Ortega",
                    "question_minutes": 10,
                }
            ]
        }
    )

    name: ShortText
    title: ShortText | None = None
    role_id: uuid.UUID | None = Field(default=None, description="One of your roles, or null.")
    email: Email | None = None
    profile_url: UrlText | None = None
    greeting: ShortText | None = Field(default=None, description="How to address them, e.g. 'Ms. Ortega'.")
    order: Order | None = Field(default=None, description="Defaults to after the last interviewer of the round.")
    question_minutes: QuestionMinutes = 10
    notes: LongText | None = None


class InterviewerUpdate(WriteModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"order": 0, "question_minutes": 15}]})

    name: ShortText = absent()
    title: ShortText | None = None
    role_id: uuid.UUID | None = None
    email: Email | None = None
    profile_url: UrlText | None = None
    greeting: ShortText | None = None
    order: Order = absent()
    question_minutes: QuestionMinutes = absent()
    notes: LongText | None = None


class InterviewerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    round_id: uuid.UUID
    name: str
    title: str | None
    role_id: uuid.UUID | None
    email: str | None
    profile_url: str | None
    greeting: str | None
    order: int
    question_minutes: int
    notes: str | None
    created_at: datetime
    updated_at: datetime


class InterviewerPage(Page[InterviewerRead]):
    pass
