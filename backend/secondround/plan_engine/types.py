"""Plain data in and out of the plan engine.

Frozen, slotted dataclasses and nothing else: the HTTP side (`plans/loading.py`) maps its rows
onto the input types and `plans/service.py` maps the output types onto its response schemas
(`RoundPlanRead` and its parts), so the engine never sees a database row or an HTTP request.
Collections in the output are tuples, so a whole `Plan` is immutable and two plans compare
equal exactly when they say the same thing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# --- input -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PanelMember:
    """One interviewer of the round. The panel is given in meeting order."""

    interviewer_id: uuid.UUID
    name: str
    role_id: uuid.UUID | None
    role_name: str | None
    focus: Mapping[str, float]  # category -> weight in [0, 1]; a missing category is 0
    question_minutes: int  # time for the candidate's own questions with this person
    deciding: bool = False  # their role decides (supervisor, owner): salary goes to the last such
    # The meeting will not happen: they get no new question, and keep only what was recorded with them.
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class CandidateQuestion:
    """A question from the user's bank (both directions; archived ones are left out by the caller)."""

    question_id: uuid.UUID
    text: str
    category: str  # a Category value
    direction: str  # a Direction value: "ask" or "expect"
    importance: int  # 1-5
    minutes: int  # 1-60
    target_role_ids: frozenset[uuid.UUID] = frozenset()  # empty: any role may get it
    prepared_answer: str | None = None  # the user's own words: the application's answer, else the question's
    prepared_answer_source: str | None = None  # "application" or "bank" (None with no answer); passed through
    tip: str | None = None  # advice on answering it, never an answer; passed through
    recurring: bool = False  # asked every round: an earlier answer never settles it
    at_end: bool = False  # belongs to the closing block (a round entry may override it)
    asks_next_panel: bool = False  # "who will I meet next?": planned only while the next panel is unknown
    archived: bool = False  # the caller passes archived questions only when they are pinned


@dataclass(frozen=True, slots=True)
class PriorOutcome:
    """What happened to a question in an EARLIER round of the same application."""

    question_id: uuid.UUID
    round_id: uuid.UUID
    round_sequence: int
    status: str  # a RoundQuestionStatus value
    answer_notes: str | None = None


@dataclass(frozen=True, slots=True)
class PlanInput:
    panel: Sequence[PanelMember]
    questions: Sequence[CandidateQuestion]
    pinned: frozenset[uuid.UUID] = frozenset()  # question ids pinned for this round
    history: Sequence[PriorOutcome] = ()
    expect_per_interviewer: int = 3
    # This round's entries: question id -> at_end (overrides the question's own), and question
    # id -> interviewer id (given by hand; an id not on the panel is ignored).
    at_end: Mapping[uuid.UUID, bool] = field(default_factory=dict)
    assigned: Mapping[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    # A later round of the application already has its panel: no need to ask who comes next.
    next_panel_known: bool = False
    # Question id -> the person it was marked asked, answered or skipped with in this round: it
    # stays with them whatever happens to the panel (an id not on the panel is ignored).
    marked: Mapping[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    # Minutes of the round no meeting or break uses (the run sheet's spare time): salary and the
    # closing borrow from them before they are cut short or left out.
    spare_minutes: int = 0


# --- output ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlacedQuestion:
    question_id: uuid.UUID
    text: str
    category: str
    minutes: int
    score: float  # rounded to 3 decimals; the engine compares exact values
    pinned: bool
    reasons: tuple[str, ...]  # plain-English sentences, most telling first
    closing: bool = False  # part of the closing block: always the last entries of the list
    assigned: bool = False  # the user gave it to this person by hand
    recurring: bool = False
    marked: bool = False  # recorded (asked, answered, skipped) with this person: it stays with them
    spare: bool = False  # planned in minutes borrowed from the round's spare time


@dataclass(frozen=True, slots=True)
class ExpectedQuestion:
    question_id: uuid.UUID
    text: str
    category: str
    score: float  # importance/5 x the role's weight for the category, rounded to 3 decimals
    prepared_answer: str | None
    prepared_answer_source: str | None = None
    tip: str | None = None


@dataclass(frozen=True, slots=True)
class InterviewerPlan:
    interviewer_id: uuid.UUID
    minutes_available: int  # their question time, plus what they borrow from the round's spare time
    minutes_planned: int  # above minutes_available only when the closing block alone is longer
    questions: tuple[PlacedQuestion, ...]  # in the order to ask them
    expect: tuple[ExpectedQuestion, ...]  # most likely first
    deciding: bool = False
    cancelled: bool = False
    spare_minutes_used: int = 0  # borrowed from the round's spare time (included in minutes_available)


@dataclass(frozen=True, slots=True)
class BacklogItem:
    question_id: uuid.UUID
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class ExcludedQuestion:
    question_id: uuid.UUID
    text: str
    reason: str
    round_id: uuid.UUID  # the round where it was answered
    round_sequence: int
    answer_notes: str | None  # what you wrote down there


@dataclass(frozen=True, slots=True)
class Plan:
    interviewers: tuple[InterviewerPlan, ...]  # one per panel member, in meeting order
    backlog: tuple[BacklogItem, ...]  # pinned first, then by importance, then by text
    excluded: tuple[ExcludedQuestion, ...]  # by text
    # The last person you meet (cancelled people aside): the closing block is asked of them.
    closing_interviewer_id: uuid.UUID | None = None
    # The last decision-maker you meet (None: nobody on the panel decides); salary goes to them.
    deciding_interviewer_id: uuid.UUID | None = None
    spare_minutes_left: int = 0  # the round's spare time that salary and the closing did not need
