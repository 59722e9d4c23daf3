import uuid
from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, Field

from secondround.api.fields import BodyBool, LongText, WriteModel, absent
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.helpers.vocabulary import Category, Direction, RoundQuestionStatus

AT_END = (
    "Ask it at the end (the closing block) in this round: true or false overrides the question's own "
    "`at_end`; null follows it."
)
INTERVIEWER = (
    "Give it to this person of the round by hand: the plan puts it with them, whatever the engine would "
    "choose. Null lets the plan choose. Must be an interviewer of this round."
)
MARKED_FOR = (
    "Who it was marked asked, answered or skipped with: the question stays on their card whatever happens "
    "to the panel afterwards (removing or reordering others, cancelling them). Left out when marking, it is "
    "the person the plan gives the question to at that moment; cleared when the status goes back to "
    "`planned`. Must be an interviewer of this round."
)


class RoundQuestionPut(WriteModel):
    """The whole state of a question in a round (PUT replaces it; left-out fields take their defaults)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"pinned": True, "status": "planned", "answer_notes": None}]}
    )

    pinned: BodyBool = Field(default=False, description="Must be asked in this round: the plan places it first.")
    status: RoundQuestionStatus = RoundQuestionStatus.PLANNED
    answer_notes: LongText | None = None
    at_end: BodyBool | None = Field(default=None, description=AT_END)
    interviewer_id: uuid.UUID | None = Field(default=None, description=INTERVIEWER)
    marked_for_interviewer_id: uuid.UUID | None = Field(default=None, description=MARKED_FOR)


class RoundQuestionPatch(WriteModel):
    """Only the fields sent change; an entry that does not exist yet starts from the defaults."""

    pinned: Annotated[BodyBool, Field(description="Must be asked in this round: the plan places it first.")] = absent()
    status: RoundQuestionStatus = absent()
    answer_notes: LongText | None = None
    at_end: Annotated[BodyBool | None, Field(description=AT_END)] = None
    interviewer_id: Annotated[uuid.UUID | None, Field(description=INTERVIEWER)] = None
    marked_for_interviewer_id: Annotated[uuid.UUID | None, Field(description=MARKED_FOR)] = None

    model_config = ConfigDict(json_schema_extra={"examples": [{"pinned": True}, {"status": "answered"}]})


class RoundQuestionRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    round_id: uuid.UUID
    question_id: uuid.UUID
    direction: Direction
    text: str
    category: Category
    pinned: bool
    status: RoundQuestionStatus
    answer_notes: str | None
    at_end: bool | None = Field(description=AT_END)
    interviewer_id: uuid.UUID | None = Field(description=INTERVIEWER)
    marked_for_interviewer_id: uuid.UUID | None = Field(description=MARKED_FOR)
    created_at: datetime
    updated_at: datetime

    def etag_key(self) -> tuple[uuid.UUID, uuid.UUID]:
        return (self.round_id, self.question_id)


class RoundQuestionPage(Page[RoundQuestionRead]):
    pass
