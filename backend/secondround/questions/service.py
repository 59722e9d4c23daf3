import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from sqlmodel import Session, col

from secondround.api.problems import Conflict, InvalidInput
from secondround.db.caps import ensure_room
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since, contains
from secondround.models import Application, Question, QuestionTargetRole, Role, Round, RoundQuestion, User
from secondround.questions.schemas import QuestionRead
from secondround.questions.scope import QuestionScope, can_move


def list_statement(
    owner_id: uuid.UUID,
    *,
    direction: str | None,
    category: str | None,
    q: str | None,
    archived: bool | None,
    scope: QuestionScope,
    application_id: uuid.UUID | None,
    updated_after,
) -> Any:
    stmt = select(Question).where(
        col(Question.owner_id) == owner_id, *changed_since(col(Question.updated_at), updated_after)
    )
    if application_id is not None:
        stmt = stmt.where(col(Question.application_id) == application_id)
    elif scope is QuestionScope.BANK:
        stmt = stmt.where(col(Question.application_id).is_(None))
    elif scope is QuestionScope.APPLICATION:
        stmt = stmt.where(col(Question.application_id).is_not(None))
    if direction is not None:
        stmt = stmt.where(col(Question.direction) == direction)
    if category is not None:
        stmt = stmt.where(col(Question.category) == category)
    if archived is not None:
        stmt = stmt.where(col(Question.archived) == archived)
    if q:
        stmt = stmt.where(contains(col(Question.text), q))
    return stmt


def targets_of(session: Session, question_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    """Target roles of many questions in one statement (no N+1)."""
    ids = list(question_ids)
    found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if ids:
        rows = session.execute(
            select(
                col(QuestionTargetRole.question_id).label("question_id"),
                col(QuestionTargetRole.role_id).label("role_id"),
            ).where(col(QuestionTargetRole.question_id).in_(ids))
        )
        for row in rows:
            found[row.question_id].append(row.role_id)
    return found


def read_many(session: Session, questions: list[Question]) -> list[QuestionRead]:
    targets = targets_of(session, (q.id for q in questions))
    return [to_read(q, targets.get(q.id, [])) for q in questions]


def to_read(question: Question, target_role_ids: list[uuid.UUID]) -> QuestionRead:
    return QuestionRead(**question.model_dump(exclude={"owner_id"}), target_role_ids=sorted(target_role_ids, key=str))


def _check_roles_owned(session: Session, owner_id: uuid.UUID, role_ids: list[uuid.UUID]) -> None:
    if not role_ids:
        return
    owned = set(
        session.execute(
            select(col(Role.id))
            .where(col(Role.owner_id) == owner_id, col(Role.id).in_(role_ids))
            .with_for_update(read=True, key_share=True)  # FOR KEY SHARE
        ).scalars()
    )
    missing = [str(r) for r in role_ids if r not in owned]
    if missing:
        raise InvalidInput("target_role_ids", f"no role with id {', '.join(missing)}", type="unknown_role")


def check_application(
    session: Session, owner_id: uuid.UUID, application_id: uuid.UUID | None, *, location: str = "body"
) -> None:
    """An application named in a body or a filter must be the caller's own: otherwise a 422 on that
    field, the same answer whether it is someone else's or does not exist."""
    if application_id is None:
        return
    stmt = select(col(Application.id)).where(
        col(Application.id) == application_id, col(Application.owner_id) == owner_id
    )
    if location == "body":  # a write refers to it: it cannot be deleted meanwhile
        stmt = stmt.with_for_update(read=True, key_share=True)  # FOR KEY SHARE
    if session.execute(stmt).first() is None:
        raise InvalidInput(
            "application_id", f"no application with id {application_id}", type="unknown_application", location=location
        )


def _check_move(session: Session, question: Question, target: uuid.UUID | None) -> None:
    used_by = set(
        session.execute(
            select(col(Round.application_id))
            .join(RoundQuestion, col(RoundQuestion.round_id) == col(Round.id))
            .where(col(RoundQuestion.question_id) == question.id)
            .distinct()
        ).scalars()
    )
    if not can_move(target, used_by):
        raise Conflict(
            "This question is recorded in rounds of another application, so it cannot belong to this one "
            "alone. Move it to the bank (application_id null), or write a new question for this application."
        )


def _set_targets(session: Session, question: Question, role_ids: list[uuid.UUID]) -> None:
    session.execute(sql_delete(QuestionTargetRole).where(col(QuestionTargetRole.question_id) == question.id))
    session.add_all(QuestionTargetRole(question_id=question.id, role_id=r) for r in role_ids)
    session.flush()


def create(session: Session, owner_id: uuid.UUID, data: dict[str, Any], *, cap: int) -> QuestionRead:
    detail = f"An account holds at most {cap} questions, archived ones included; delete some to add more."
    ensure_room(session, parent=User.id, parent_id=owner_id, child=Question.owner_id, limit=cap, detail=detail)
    role_ids = data.pop("target_role_ids")
    _check_roles_owned(session, owner_id, role_ids)
    check_application(session, owner_id, data.get("application_id"))
    question = Question(owner_id=owner_id, **data)
    session.add(question)
    session.flush()
    _set_targets(session, question, role_ids)
    return to_read(question, role_ids)


def update(session: Session, question: Question, changes: dict[str, Any]) -> QuestionRead:
    if "application_id" in changes and changes["application_id"] != question.application_id:
        check_application(session, question.owner_id, changes["application_id"])
        _check_move(session, question, changes["application_id"])
    role_ids = changes.pop("target_role_ids", None)
    if role_ids is not None:
        _check_roles_owned(session, question.owner_id, role_ids)
        _set_targets(session, question, role_ids)
    apply_changes(session, question, changes)
    return to_read(question, role_ids if role_ids is not None else targets_of(session, [question.id])[question.id])


def delete(session: Session, question: Question) -> None:
    # Its round entries and target roles go with it (ON DELETE CASCADE).
    session.delete(question)
    session.flush()
