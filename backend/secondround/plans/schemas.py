import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from secondround.vocabulary import Category


class PlannedQuestion(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read straight from the engine's dataclasses

    question_id: uuid.UUID
    text: str
    category: Category
    minutes: int
    score: float = Field(description="importance/5 x the role's weight for the category, plus any carry-forward bonus.")
    pinned: bool
    reasons: list[str] = Field(description="Why this question goes to this person, in plain words.")


class ExpectedQuestion(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read straight from the engine's dataclasses

    question_id: uuid.UUID
    text: str
    category: Category
    score: float
    prepared_answer: str | None


class InterviewerPlan(BaseModel):
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
    minutes_available: int
    minutes_planned: int
    questions: list[PlannedQuestion] = Field(description="Your questions for this person, in the order to ask them.")
    expect: list[ExpectedQuestion] = Field(description="What this person is most likely to ask you.")


class BacklogEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read straight from the engine's dataclasses

    question_id: uuid.UUID
    text: str
    reason: str


class ExcludedEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read straight from the engine's dataclasses

    question_id: uuid.UUID
    text: str
    reason: str
    round_id: uuid.UUID = Field(description="The earlier round where it was answered.")


class RoundPlan(BaseModel):
    round_id: uuid.UUID
    generated_at: datetime
    interviewers: list[InterviewerPlan]
    backlog_total: int = Field(description="How many questions did not fit; `backlog` lists the first `backlog_limit`.")
    backlog: list[BacklogEntry] = Field(
        description="Questions that did not fit, each with the reason: pinned ones first, then by importance "
        "(highest first), then in the bank's order; at most `backlog_limit` of them."
    )
    excluded: list[ExcludedEntry] = Field(description="Questions already answered in an earlier round.")
