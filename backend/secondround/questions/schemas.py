import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field

from secondround.api.fields import JSON_NUMBER, BodyBool, LongText, QuestionText, WriteModel, absent
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.helpers.vocabulary import Category, Direction


def _unique(ids: list[uuid.UUID]) -> list[uuid.UUID]:
    return sorted(set(ids), key=str)


Importance = Annotated[int, Field(ge=1, le=5, description="1 (nice to know) to 5 (must know)."), JSON_NUMBER]
Minutes = Annotated[int, Field(ge=1, le=60, description="Estimated minutes, answer included."), JSON_NUMBER]
TargetRoles = Annotated[
    list[uuid.UUID],
    Field(max_length=50, description="Only interviewers with one of these roles may get it; empty means any."),
    AfterValidator(_unique),
]


APPLICATION_ID = (
    "`null`: in your bank, for every application. Set: written for this one application of yours; only its "
    "rounds plan it."
)


PREPARED_ANSWER = (
    "Your own answer to an `expect` question, for every application. An answer written for one application "
    "(`PUT /applications/{id}/answers/{question_id}`) wins in that application's plans."
)
TIP = "Advice on how to answer (the starter questions have one): shown beside the question, never counted as an answer."


class QuestionCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "direction": "ask",
                    "text": "How is success measured in the first six months?",
                    "category": "evaluation_process",
                    "importance": 4,
                    "minutes": 2,
                }
            ]
        }
    )

    direction: Direction = Field(description="`ask`: you ask them; `expect`: they are likely to ask you.")
    text: QuestionText
    category: Category
    importance: Importance = 3
    minutes: Minutes = 2
    target_role_ids: TargetRoles = Field(default_factory=list)
    prepared_answer: LongText | None = Field(default=None, description=PREPARED_ANSWER)
    tip: LongText | None = Field(default=None, description=TIP)
    notes: LongText | None = None
    archived: BodyBool = False
    application_id: uuid.UUID | None = Field(default=None, description=APPLICATION_ID)
    recurring: BodyBool = Field(
        default=False, description="Asked every round: an answer in an earlier round never settles it."
    )
    at_end: BodyBool = Field(
        default=False,
        description="Part of the closing block: asked last, of the last decision-maker on the panel "
        "(a round entry's `at_end` overrides this for one round).",
    )
    asks_next_panel: BodyBool = Field(
        default=False,
        description="Asks who you will meet next: planned only while no later round of the application "
        "has a panel (unless pinned).",
    )


class QuestionUpdate(WriteModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"importance": 5, "archived": False}]})

    direction: Direction = absent()
    text: QuestionText = absent()
    category: Category = absent()
    importance: Importance = absent()
    minutes: Minutes = absent()
    target_role_ids: TargetRoles = absent()
    prepared_answer: LongText | None = Field(default=None, description=PREPARED_ANSWER)
    tip: LongText | None = Field(default=None, description=TIP)
    notes: LongText | None = None
    archived: BodyBool = absent()
    application_id: uuid.UUID | None = Field(
        default=None,
        description="Move the question: `null` to the bank, or an id to one of your applications (refused with 409 "
        "while rounds of another application have it recorded).",
    )
    recurring: BodyBool = absent()
    at_end: BodyBool = absent()
    asks_next_panel: BodyBool = absent()


class QuestionRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    direction: Direction
    text: str
    category: Category
    importance: int
    minutes: int
    target_role_ids: list[uuid.UUID]
    prepared_answer: str | None = Field(description=PREPARED_ANSWER)
    tip: str | None = Field(description=TIP)
    notes: str | None
    archived: bool
    application_id: uuid.UUID | None = Field(description=APPLICATION_ID)
    recurring: bool = Field(description="Asked every round: an answer in an earlier round never settles it.")
    at_end: bool = Field(description="Part of the closing block, asked last of the last decision-maker.")
    asks_next_panel: bool = Field(description="Planned only while no later round of the application has a panel.")
    created_at: datetime
    updated_at: datetime


class QuestionPage(Page[QuestionRead]):
    pass
