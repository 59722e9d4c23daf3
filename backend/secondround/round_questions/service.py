import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from secondround.api.etag import guarded
from secondround.api.problems import Conflict, InvalidInput, PreconditionFailed
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since
from secondround.db.types import utcnow
from secondround.helpers.vocabulary import RoundQuestionStatus
from secondround.models import Interviewer, Question, Round, RoundQuestion
from secondround.questions.scope import usable_in
from secondround.round_questions.schemas import RoundQuestionRead


def list_statement(round_id: uuid.UUID, *, updated_after) -> Any:
    # Labelled as RoundQuestionRead's fields: each row maps onto one by name, not by position.
    return (
        select(
            col(RoundQuestion.round_id).label("round_id"),
            col(RoundQuestion.question_id).label("question_id"),
            col(Question.direction).label("direction"),
            col(Question.text).label("text"),
            col(Question.category).label("category"),
            col(RoundQuestion.pinned).label("pinned"),
            col(RoundQuestion.status).label("status"),
            col(RoundQuestion.answer_notes).label("answer_notes"),
            col(RoundQuestion.at_end).label("at_end"),
            col(RoundQuestion.interviewer_id).label("interviewer_id"),
            col(RoundQuestion.created_at).label("created_at"),
            col(RoundQuestion.updated_at).label("updated_at"),
        )
        .join(Question, col(Question.id) == col(RoundQuestion.question_id))
        .where(col(RoundQuestion.round_id) == round_id, *changed_since(col(RoundQuestion.updated_at), updated_after))
    )


def to_read(entry: RoundQuestion, question: Any) -> RoundQuestionRead:
    return RoundQuestionRead(
        round_id=entry.round_id,
        question_id=entry.question_id,
        direction=question.direction,
        text=question.text,
        category=question.category,
        pinned=entry.pinned,
        status=RoundQuestionStatus(entry.status),
        answer_notes=entry.answer_notes,
        at_end=entry.at_end,
        interviewer_id=entry.interviewer_id,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
    )


def _check_interviewer(session: Session, round_: Round, interviewer_id: uuid.UUID) -> None:
    """A question can be given only to a person of this round. The row is held (FOR KEY SHARE) so
    deleting that person at the same time either comes first (422) or waits."""
    found = session.execute(
        select(col(Interviewer.id))
        .where(col(Interviewer.id) == interviewer_id, col(Interviewer.round_id) == round_.id)
        .with_for_update(read=True, key_share=True)
    ).first()
    if found is None:
        raise InvalidInput(
            "interviewer_id", f"no interviewer with id {interviewer_id} in this round", type="unknown_interviewer"
        )


def put(
    session: Session, round_: Round, question: Question, state: dict[str, Any], if_match: str | None
) -> tuple[RoundQuestion, bool]:
    """Create or change the entry (honouring If-Match); returns it and whether it was created.
    PUT sends the whole state; PATCH only the fields that change (the rest keep their value, or
    their default on a new entry)."""
    if not usable_in(question.application_id, round_.application_id):
        raise Conflict(
            f"Question {question.id} was written for another application: a round can use the bank's questions "
            "and its own application's only."
        )
    if state.get("interviewer_id") is not None:
        _check_interviewer(session, round_, state["interviewer_id"])
    entry = session.get(RoundQuestion, (round_.id, question.id))
    if entry is not None:
        guarded(entry, (round_.id, question.id), if_match)
    elif if_match is not None:
        raise PreconditionFailed("If-Match was sent, but this question has no entry in the round yet.")
    if entry is None:
        entry = RoundQuestion(
            round_id=round_.id, question_id=question.id, owner_id=round_.owner_id, created_at=utcnow(), **state
        )
        session.add(entry)
        session.flush()
        return entry, True
    return apply_changes(session, entry, state), False
