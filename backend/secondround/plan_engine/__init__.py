"""The pure plan engine: which question to ask whom, in what order (docs/product.md#the-plan).

No database and no HTTP in here: `plans/` (the HTTP side) loads a round's facts, maps them onto
`PlanInput`, and serves the `Plan` this returns as the round's plan and prep sheet.
"""

from secondround.plan_engine.engine import CARRY_FORWARD_BONUS, NO_ROLE_WEIGHT, build_plan
from secondround.plan_engine.reasons import CATEGORY_WORDS, category_words
from secondround.plan_engine.types import (
    BacklogItem,
    CandidateQuestion,
    ExcludedQuestion,
    ExpectedQuestion,
    InterviewerPlan,
    PanelMember,
    PlacedQuestion,
    Plan,
    PlanInput,
    PriorOutcome,
)

__all__ = [
    "CARRY_FORWARD_BONUS",
    "CATEGORY_WORDS",
    "NO_ROLE_WEIGHT",
    "BacklogItem",
    "CandidateQuestion",
    "ExcludedQuestion",
    "ExpectedQuestion",
    "InterviewerPlan",
    "PanelMember",
    "PlacedQuestion",
    "Plan",
    "PlanInput",
    "PriorOutcome",
    "build_plan",
    "category_words",
]
