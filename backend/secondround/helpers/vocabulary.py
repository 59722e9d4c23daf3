"""The product's fixed vocabularies (docs/product.md, and the resources in README "Using the API").

Pure module: imported by the models, the API schemas and the plan engine alike, so it
must never import the database or HTTP layers.
"""

from enum import StrEnum


class Category(StrEnum):
    JOB_DESCRIPTION = "job_description"
    EVALUATION_PROCESS = "evaluation_process"
    PROFESSIONAL_DEVELOPMENT = "professional_development"
    ORGANIZATION_VISION = "organization_vision"
    TEAMWORK = "teamwork"
    DEADLINES_EFFICIENCY = "deadlines_efficiency"
    LONG_TERM_GOALS = "long_term_goals"
    SKILLS_EXPERIENCE = "skills_experience"
    LOGISTICS = "logistics"
    COMPENSATION = "compensation"


class Direction(StrEnum):
    ASK = "ask"  # the candidate asks the interviewer
    EXPECT = "expect"  # the interviewer is likely to ask the candidate


class ApplicationStatus(StrEnum):
    WISHLIST = "wishlist"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class RoundKind(StrEnum):
    SCREEN = "screen"
    FIRST = "first"
    SECOND = "second"
    FINAL = "final"
    OTHER = "other"


# How a round reads in titles: the prep sheet's heading, the calendar event's summary.
ROUND_KIND_LABELS: dict[str, str] = {
    RoundKind.SCREEN: "Screening interview",
    RoundKind.FIRST: "First interview",
    RoundKind.SECOND: "Second interview",
    RoundKind.FINAL: "Final interview",
    RoundKind.OTHER: "Interview",
}


class RoundStatus(StrEnum):
    PLANNED = "planned"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Outcome(StrEnum):
    PENDING = "pending"
    NEXT_ROUND = "next_round"
    VERBAL_OFFER = "verbal_offer"
    WRITTEN_OFFER = "written_offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class RoundQuestionStatus(StrEnum):
    PLANNED = "planned"
    ASKED = "asked"
    ANSWERED = "answered"
    SKIPPED = "skipped"


class ActivityKind(StrEnum):
    """What an entry of an application's activity log records."""

    NOTE = "note"
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"
    STATUS_CHANGE = "status_change"  # appended by the server when the application's status moves
    OUTCOME = "outcome"  # appended by the server when a round's outcome is recorded
    OFFER_EVENT = "offer_event"
    THANK_YOU = "thank_you"


class Channel(StrEnum):
    """How a conversation happened."""

    PHONE = "phone"
    VIDEO = "video"
    EMAIL = "email"
    IN_PERSON = "in_person"
    MESSAGE = "message"
    OTHER = "other"


class OfferStage(StrEnum):
    VERBAL = "verbal"  # said on a call: ask for it in writing
    WRITTEN = "written"


class OfferStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # the company took it back


class OfferPeriod(StrEnum):
    """What `base_amount` is paid per; a year is 12 months, 52 weeks or 2,080 working hours."""

    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    HOUR = "hour"


class PracticeRating(StrEnum):
    AGAIN = "again"
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"
