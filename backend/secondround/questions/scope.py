"""Where a question may be used: the rule, and the list filter that names it.

Pure module (no database, no HTTP). A question in the bank (`application_id` None) serves every
application; a question written for one application serves that application's rounds only, so a
question about one company never reaches another company's plan.
"""

import uuid
from enum import StrEnum


class QuestionScope(StrEnum):
    """`GET /questions?scope=`: which questions the list holds."""

    ALL = "all"  # the bank and every application's own questions
    BANK = "bank"  # for every application
    APPLICATION = "application"  # written for one application (with `application_id`: that one)


def usable_in(question_application_id: uuid.UUID | None, round_application_id: uuid.UUID) -> bool:
    """Whether a round of `round_application_id` may plan, pin or record this question."""
    return question_application_id is None or question_application_id == round_application_id


def can_move(target_application_id: uuid.UUID | None, used_by_applications: set[uuid.UUID]) -> bool:
    """Whether a question recorded in rounds of `used_by_applications` may now belong to the target:
    to the bank always; to one application only when no other application's round has recorded it
    (its entries there would otherwise point at a question those rounds may not use)."""
    return target_application_id is None or used_by_applications <= {target_application_id}
