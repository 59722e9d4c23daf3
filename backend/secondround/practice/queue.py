"""The practice queue's order, and how long until a card is due, in words. Pure module: no database
or HTTP imports.

Order: the questions the people of your next rounds will likely ask come first (the soonest round
first; a round with no date after the dated ones), then the rest of your bank. Within each, cards
you practised that are due again come before new ones (the longest overdue first), and new ones go
by importance. A card not due yet is left out."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Candidate:
    question_id: uuid.UUID
    text: str
    category: str
    importance: int
    answer: str | None
    answer_source: str | None  # "application" or "bank"
    application_id: uuid.UUID | None = None
    round_id: uuid.UUID | None = None
    round_at: datetime | None = None  # when the round that expects it takes place (None: not set)
    reason: str = "From your question bank"
    expected: bool = False
    due: datetime | None = None  # None: never practised


def _rank(candidate: Candidate) -> tuple[object, ...]:
    round_at = candidate.round_at or FAR_FUTURE
    is_new = candidate.due is None
    return (
        not candidate.expected,
        round_at if candidate.expected else FAR_FUTURE,
        is_new,
        candidate.due or FAR_FUTURE,
        -candidate.importance,
        candidate.text,
        candidate.question_id,
    )


def build_queue(
    candidates: Iterable[Candidate], due: dict[uuid.UUID, datetime], now: datetime, limit: int
) -> list[Candidate]:
    """The first `limit` cards to practise now. A question appears once: for the soonest round that
    expects it, else from the bank. `due` maps a practised question to when it is due again."""
    best: dict[uuid.UUID, Candidate] = {}
    for candidate in candidates:
        candidate = replace(candidate, due=due.get(candidate.question_id))
        kept = best.get(candidate.question_id)
        if kept is None or _rank(candidate) < _rank(kept):
            best[candidate.question_id] = candidate
    ready = [c for c in best.values() if c.due is None or c.due <= now]
    return sorted(ready, key=_rank)[:limit]


def due_in_words(due: datetime, now: datetime) -> str:
    """'now', 'in 10 minutes', 'in 5 hours', 'in 1 day', 'in 12 days'."""
    wait = due - now
    if wait <= timedelta(seconds=30):
        return "now"
    minutes = round(wait.total_seconds() / 60)
    if minutes < 60:
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    hours = round(minutes / 60)
    if hours < 24:
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    days = round(hours / 24)
    return f"in {days} day{'s' if days != 1 else ''}"
