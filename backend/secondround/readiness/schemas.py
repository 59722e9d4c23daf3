import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from secondround.api.pagination import Page
from secondround.helpers.vocabulary import RoundKind
from secondround.readiness.rules import ReadinessKey


class ReadinessItemRead(BaseModel):
    key: ReadinessKey = Field(description="Stable name of the item; the items always come in the same order.")
    label: str = Field(description="What the item checks, in plain words.")
    done: bool
    next_step: str | None = Field(
        description="What to do next, naming the person or question concerned; null when done."
    )


class RoundReadinessRead(BaseModel):
    round_id: uuid.UUID
    done: int = Field(description="How many items are done.")
    total: int = Field(
        description="How many items there are: 9, and up to 2 more when they apply (earlier rounds' people "
        "without a debrief; after the round, the thank-you notes)."
    )
    items: list[ReadinessItemRead]


class ReadinessSummaryRead(BaseModel):
    """One upcoming round at a glance: which it is, and how many of its checks are done."""

    round_id: uuid.UUID
    application_id: uuid.UUID
    sequence: int
    kind: RoundKind
    scheduled_at: datetime | None
    time_zone: str = Field(description="The IANA zone the round was scheduled in.")
    done: int
    total: int
    next_step: str | None = Field(description="The first open item's next step; null when all are done.")


class ReadinessPage(Page[ReadinessSummaryRead]):
    pass
