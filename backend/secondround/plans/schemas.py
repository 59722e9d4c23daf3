import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from secondround.answers.schemas import AnswerSource
from secondround.debriefs.schemas import LastTimeRead
from secondround.helpers.vocabulary import Category


class PlannedQuestionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read straight from the engine's dataclasses

    question_id: uuid.UUID
    text: str
    category: Category
    minutes: int
    score: float = Field(description="importance/5 x the role's weight for the category, plus any carry-forward bonus.")
    pinned: bool
    reasons: list[str] = Field(description="Why this question goes to this person, in plain words.")
    closing: bool = Field(
        description="Part of the closing block: asked after everything else, salary included "
        "(always the last entries of the list)."
    )
    assigned: bool = Field(description="You gave it to this person by hand.")
    recurring: bool = Field(description="Asked every round: an earlier answer never settles it.")
    marked: bool = Field(
        default=False,
        description="Marked asked, answered or skipped with this person in this round: it stays with them "
        "whatever happens to the panel.",
    )
    spare: bool = Field(
        default=False, description="Planned in minutes borrowed from the round's spare time (salary only)."
    )


class ExpectedQuestionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read straight from the engine's dataclasses

    question_id: uuid.UUID
    text: str
    category: Category
    score: float
    prepared_answer: str | None = Field(
        description="Your own answer: the one written for this round's application when there is one, else the "
        "question's (the bank's); null when you have not written one. A tip never counts as an answer."
    )
    prepared_answer_source: AnswerSource | None = Field(
        description="Whose answer `prepared_answer` is: `application` (written for this application only, or the "
        "question is this application's own) or `bank` (the question's answer, for every application); null "
        "with no answer."
    )
    tip: str | None = Field(description="Advice on how to answer, from the question (not an answer).")


class InterviewerPlanRead(BaseModel):
    interviewer_id: uuid.UUID
    name: str
    title: str | None
    greeting: str | None
    role_id: uuid.UUID | None
    role_name: str | None
    goals: str | None = Field(description="What this kind of interviewer wants to learn (from the role).")
    email: str | None = Field(description="The person's email, as recorded on the interviewer.")
    phone: str | None = Field(description="The person's phone number, as recorded on the interviewer.")
    profile_url: str | None = Field(description="A profile page (LinkedIn, the company's site), as recorded.")
    notes: str | None = Field(description="Your notes about this person.")
    minutes_available: int = Field(
        description="Minutes for your questions with this person: as you set them, or suggested "
        "(`question_minutes_suggested`)."
    )
    minutes_planned: int = Field(
        description="Minutes of the questions planned; above `minutes_available` only when the closing block "
        "alone is longer than the time."
    )
    deciding: bool = Field(description="Their role decides on the hire.")
    cancelled: bool = Field(
        default=False,
        description="The meeting will not happen: they keep only what was recorded with them, and their "
        "other questions are planned among the others.",
    )
    spare_minutes_used: int = Field(
        default=0,
        description="Minutes of the round's spare time lent to this person for salary or the closing "
        "(included in `minutes_available` and `meeting_minutes`).",
    )
    question_minutes_suggested: bool = Field(
        description="True when you left question minutes unset and `minutes_available` is the suggestion: "
        "about a quarter of the meeting, at least 5; 10 when the meeting's length is not known."
    )
    meeting_minutes: int | None = Field(
        description="How long you are with this person, as the run sheet counts it: as you set it, or "
        "estimated (`meeting_minutes_estimated`); null when not known."
    )
    meeting_minutes_estimated: bool = Field(
        description="True when you did not set the meeting's length and it is an even share of the round's "
        "time that the other meetings and the breaks leave."
    )
    break_after_minutes: int = Field(description="The break after this person, before the next one.")
    starts_at: datetime | None = Field(
        description="When you meet them (UTC); null when the round has no time or an earlier meeting's length "
        "is not known. Show it in `time_zone`."
    )
    ends_at: datetime | None = Field(description="When the meeting ends (UTC); null when not known.")
    questions: list[PlannedQuestionRead] = Field(
        description="Your questions for this person, in the order to ask them."
    )
    expect: list[ExpectedQuestionRead] = Field(description="What this person is most likely to ask you.")
    last_time: LastTimeRead | None = Field(
        default=None,
        description="Your debrief of this person from an earlier round of the application (the same email; the "
        "same name when either has none); null when you have not met them before or wrote no debrief.",
    )


class BacklogEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read straight from the engine's dataclasses

    question_id: uuid.UUID
    text: str
    reason: str


class ExcludedEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read straight from the engine's dataclasses

    question_id: uuid.UUID
    text: str
    reason: str
    round_id: uuid.UUID = Field(description="The earlier round where it was answered.")
    round_sequence: int = Field(description="That round's number.")
    answer_notes: str | None = Field(description="What you wrote down there about the answer.")


class RunSheetRead(BaseModel):
    """The panel laid out in time: each person after the previous meeting and its break."""

    model_config = ConfigDict(from_attributes=True)  # read straight from the run sheet's dataclass

    starts_at: datetime | None = Field(description="The round's `scheduled_at` (UTC); null when not scheduled.")
    ends_at: datetime | None = Field(
        description="When the last meeting ends (UTC); null when not scheduled or a meeting's length is not known."
    )
    duration_minutes: int | None = Field(description="The round's length, as set on the round.")
    planned_minutes: int = Field(
        description="The meetings (set or estimated) and the breaks between them; a meeting of unknown length "
        "counts 0, and the last person's break is after the panel, so it does not count."
    )
    overrun_minutes: int = Field(description="How far the panel runs past `duration_minutes` (0 when it fits).")
    spare_minutes: int = Field(
        default=0,
        description="Minutes of the round that no meeting or break uses, after what salary and the closing "
        "borrowed; 0 when the round has no length or a meeting's length is not known.",
    )
    warnings: list[str] = Field(
        description="What does not fit or is missing, in plain words, with times read in the round's zone."
    )


class RoundPlanRead(BaseModel):
    round_id: uuid.UUID
    generated_at: datetime
    time_zone: str = Field(description="The round's IANA time zone: show the times of the plan in it.")
    run_sheet: RunSheetRead
    interviewers: list[InterviewerPlanRead]
    closing_interviewer_id: uuid.UUID | None = Field(
        description="Who gets the closing block (next steps, the decision time frame): the last person you "
        "meet, cancelled people aside; null when nobody is left on the panel."
    )
    deciding_interviewer_id: uuid.UUID | None = Field(
        default=None,
        description="The last decision-maker you meet (salary goes to them); null when nobody on the panel decides.",
    )
    backlog_total: int = Field(description="How many questions did not fit; `backlog` lists the first `backlog_limit`.")
    backlog: list[BacklogEntryRead] = Field(
        description="Questions that did not fit, each with the reason: pinned ones first, then by importance "
        "(highest first), then in the bank's order; at most `backlog_limit` of them."
    )
    excluded: list[ExcludedEntryRead] = Field(description="Questions already answered in an earlier round.")
