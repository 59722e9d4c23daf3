import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from secondround.api.fields import JSON_NUMBER, BodyBool, Day, LongText, MediumText, QuestionText, WriteModel
from secondround.api.representation import VersionedRead
from secondround.helpers.vocabulary import Category

Impression = Annotated[
    int, Field(ge=1, le=5, description="How it went with this person, 1 (badly) to 5 (very well)."), JSON_NUMBER
]
NEXT_STEPS = "What they said about next steps and timing."
CARED_ABOUT = "What they seemed to care about: it is shown on their card if you meet them again."
DECISION_DATE_NAMED = (
    "A date they named for the decision. It fills the round's `decision_expected_by` when that is empty; "
    "a date you set yourself is replaced only with `replace_decision_expected_by: true`."
)


class DebriefPut(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "impression": 4,
                    "next_steps": "A call with the CTO next week; decision by the 18th.",
                    "cared_about": "How I handle on-call; migrating off the old billing system.",
                    "decision_date_named": "2026-12-18",
                }
            ]
        }
    )

    impression: Impression | None = None
    next_steps: MediumText | None = Field(default=None, description=NEXT_STEPS)
    cared_about: MediumText | None = Field(default=None, description=CARED_ABOUT)
    surprises: MediumText | None = Field(default=None, description="Anything that surprised you.")
    notes: LongText | None = None
    decision_date_named: Day | None = Field(default=None, description=DECISION_DATE_NAMED)
    replace_decision_expected_by: BodyBool = Field(
        default=False,
        description="Replace the round's `decision_expected_by` with `decision_date_named` even when it "
        "already holds another date. Not stored.",
    )


class DebriefRevisionRead(BaseModel):
    """An earlier version of the debrief, as it was written."""

    model_config = ConfigDict(from_attributes=True)

    revision: int
    impression: int | None
    next_steps: str | None
    cared_about: str | None
    surprises: str | None
    notes: str | None
    decision_date_named: date | None
    created_at: datetime = Field(description="When this version was written.")


class DebriefRead(VersionedRead):
    interviewer_id: uuid.UUID
    round_id: uuid.UUID
    revision: int = Field(description="1 for the first debrief; each change adds one and keeps the one before.")
    impression: int | None = Field(description="1 (badly) to 5 (very well); null: not given.")
    next_steps: str | None = Field(description=NEXT_STEPS)
    cared_about: str | None = Field(description=CARED_ABOUT)
    surprises: str | None
    notes: str | None
    decision_date_named: date | None = Field(description="A date they named for the decision.")
    round_decision_expected_by: date | None = Field(description="The round's `decision_expected_by` now.")
    decision_date_note: str | None = Field(
        description="What became of the date they named, in plain words (filled in the round, already "
        "there, or left alone because you set another); null when they named none."
    )
    created_at: datetime = Field(description="When the first version was written.")
    updated_at: datetime = Field(description="When this version was written.")
    earlier: list[DebriefRevisionRead] = Field(
        description="The versions before this one, newest first (at most 20; `revision` counts them all)."
    )

    def etag_key(self) -> tuple[uuid.UUID, int, date | None]:
        # The round's date is part of the representation: its change is a new version of it.
        return (self.interviewer_id, self.revision, self.round_decision_expected_by)


class DebriefQuestionCreate(WriteModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"text": "How is on-call shared across the team?"}]})

    text: QuestionText = Field(
        description="A topic they raised, as a question to ask next round. It becomes a question of this "
        "application, for people with this person's role (anyone, when they have none)."
    )
    category: Category | None = Field(
        default=None,
        description="Left out: the category this person's role weighs most (`job_description` without one).",
    )


class LastTimeRead(BaseModel):
    """What you noted about this person when you met them in an earlier round of the application."""

    round_id: uuid.UUID = Field(description="The earlier round.")
    round_sequence: int
    interviewer_id: uuid.UUID = Field(description="The person as they were recorded in that round.")
    impression: int | None
    cared_about: str | None
    next_steps: str | None
    summary: str = Field(description="One line: 'Last time (round 1): impression 4/5, cared about …'.")
