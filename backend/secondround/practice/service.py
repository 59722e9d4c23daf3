"""Practice with spaced repetition: the queue (expected questions of your next rounds first, then
your bank) and a review, which the `fsrs` scheduler turns into the card's next due time. Flushes,
never commits."""

import uuid
from datetime import datetime
from typing import Any

from fsrs import Card, Rating, Scheduler
from sqlalchemy import func, select
from sqlmodel import Session, col

from secondround.api.problems import InvalidInput
from secondround.db.ownership import apply_changes
from secondround.db.types import utcnow
from secondround.helpers.vocabulary import ROUND_KIND_LABELS, Direction, PracticeRating
from secondround.models import PracticeCard, Question, Round, User
from secondround.offers.next_step import day_words
from secondround.plans import service as plans
from secondround.practice import queue
from secondround.practice.schemas import PracticeQueue, PracticeQueueItem, PracticeReviewCreate, PracticeReviewRead
from secondround.questions.service import check_application
from secondround.readiness.service import upcoming_statement
from secondround.rounds.follow_up import today_in

# No fuzzing: the same review gives the same next date, which the person can rely on and tests check.
SCHEDULER = Scheduler(enable_fuzzing=False)
RATINGS = {
    PracticeRating.AGAIN: Rating.Again,
    PracticeRating.HARD: Rating.Hard,
    PracticeRating.GOOD: Rating.Good,
    PracticeRating.EASY: Rating.Easy,
}
UPCOMING_ROUNDS = 5  # the plans of at most this many next rounds feed the queue


def _round_words(round_: Round, company: str, zone: str) -> str:
    kind = ROUND_KIND_LABELS[round_.kind].lower()
    if round_.scheduled_at is None:
        return f"Expected in your {kind} at {company}"
    return f"Expected in your {kind} at {company} on {day_words(today_in(zone, round_.scheduled_at))}"


def _expected(db: Session, user: User, now: datetime) -> list[queue.Candidate]:
    stmt = (
        upcoming_statement(user.id, now=now, updated_after=None)
        .order_by(col(Round.scheduled_at).is_(None), col(Round.scheduled_at), col(Round.created_at), col(Round.id))
        .limit(UPCOMING_ROUNDS)
    )
    rows = db.execute(stmt).all()
    if not rows:
        return []
    planned = plans.plan_rounds(db, [row.Round for row in rows])
    out = []
    for row in rows:
        round_, application = row.Round, row.Application
        reason = _round_words(round_, application.company, round_.time_zone)
        for person in planned[round_.id].interviewers:
            for e in person.expect:
                out.append(
                    queue.Candidate(
                        question_id=e.question_id,
                        text=e.text,
                        category=e.category,
                        importance=0,
                        answer=e.prepared_answer,
                        answer_source=e.prepared_answer_source,
                        application_id=application.id,
                        round_id=round_.id,
                        round_at=round_.scheduled_at,
                        reason=reason,
                        expected=True,
                    )
                )
    return out


def _bank(db: Session, owner_id: uuid.UUID) -> list[queue.Candidate]:
    stmt = select(
        col(Question.id),
        col(Question.text),
        col(Question.category),
        col(Question.importance),
        col(Question.prepared_answer),
    ).where(
        col(Question.owner_id) == owner_id,
        col(Question.direction) == Direction.EXPECT,
        col(Question.archived).is_(False),
        col(Question.application_id).is_(None),
    )
    return [
        queue.Candidate(
            question_id=row.id,
            text=row.text,
            category=row.category,
            importance=row.importance,
            answer=row.prepared_answer,
            answer_source=None if row.prepared_answer is None else "bank",
        )
        for row in db.execute(stmt)
    ]


def practice_queue(db: Session, user: User, limit: int) -> PracticeQueue:
    now = utcnow()
    due = {
        row.question_id: row.due
        for row in db.execute(
            select(col(PracticeCard.question_id), col(PracticeCard.due)).where(col(PracticeCard.owner_id) == user.id)
        )
    }
    candidates = [*_expected(db, user, now), *_bank(db, user.id)]
    items = queue.build_queue(candidates, due, now, limit)
    later = [d for d in due.values() if d > now]
    return PracticeQueue(
        items=[PracticeQueueItem.model_validate(item) for item in items],
        due_later=len(later),
        next_due=min(later) if later else None,
    )


def card_read(card_row: PracticeCard, now: datetime) -> PracticeReviewRead:
    card = Card.from_dict(card_row.card)  # type: ignore[arg-type]
    return PracticeReviewRead(
        question_id=card_row.question_id,
        rating=PracticeRating(card_row.last_rating),
        reviews=card_row.reviews,
        due=card_row.due,
        due_in=queue.due_in_words(card_row.due, now),
        state=card.state.name.lower(),
        stability=card.stability,
        difficulty=card.difficulty,
        updated_at=card_row.updated_at,
    )


def _check_question(db: Session, owner_id: uuid.UUID, question_id: uuid.UUID) -> None:
    stmt = select(col(Question.id)).where(col(Question.id) == question_id, col(Question.owner_id) == owner_id)
    if db.execute(stmt.with_for_update(read=True, key_share=True)).first() is None:
        raise InvalidInput(
            "question_id",
            f"must be one of your questions; there is no question with id {question_id}",
            type="unknown_question",
        )


def review(db: Session, user: User, body: PracticeReviewCreate) -> PracticeReviewRead:
    """Record how a practice went; the card's next due time comes from the FSRS scheduler."""
    _check_question(db, user.id, body.question_id)
    check_application(db, user.id, body.application_id)
    now = utcnow()
    row = db.get(PracticeCard, (user.id, body.question_id))
    card = Card() if row is None else Card.from_dict(row.card)  # type: ignore[arg-type]
    card, _log = SCHEDULER.review_card(card, RATINGS[body.rating], review_datetime=now)
    fields: dict[str, Any] = {
        "card": card.to_dict(),
        "due": card.due,
        "last_rating": body.rating.value,
        "last_application_id": body.application_id,
    }
    if row is None:
        row = PracticeCard(
            owner_id=user.id, question_id=body.question_id, reviews=1, created_at=now, updated_at=now, **fields
        )
        db.add(row)
        db.flush()
    else:
        row = apply_changes(db, row, {**fields, "reviews": row.reviews + 1})
    return card_read(row, now)


def count_cards(db: Session, owner_id: uuid.UUID) -> int:
    return db.execute(select(func.count()).where(col(PracticeCard.owner_id) == owner_id)).scalar_one()
