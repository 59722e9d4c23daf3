"""The question bank: questions to ask and questions to expect, in the bank or written for one application."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from sqlmodel import Session, col

from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import Conflict, InvalidInput
from secondround.db.caps import ensure_room
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since, contains
from secondround.db.types import utcnow
from secondround.models import Application, Question, QuestionTargetRole, Role, Round, RoundQuestion, User
from secondround.questions.schemas import QuestionCreate, QuestionUpdate
from secondround.questions.scope import QuestionScope, can_move

keyset = Keyset("questions", col(Question.created_at), col(Question.id))


@dataclass(frozen=True)
class QuestionWithTargets:
    """A question with its target roles (kept in a table of their own): what `QuestionRead` reads.
    Every other attribute is the question's own."""

    question: Question
    target_role_ids: list[uuid.UUID]

    def __getattr__(self, name: str) -> Any:  # only for names the dataclass itself does not have
        if name == "question":  # not set yet (copying): no recursion
            raise AttributeError(name)
        return getattr(self.question, name)


@dataclass(frozen=True)
class QuestionFilters:
    """What `GET /questions` narrows the list to (None: no filter)."""

    direction: str | None = None
    category: str | None = None
    q: str | None = None
    archived: bool | None = None
    scope: QuestionScope | None = None
    application_id: uuid.UUID | None = None


def list_statement(
    owner_id: uuid.UUID,
    *,
    direction: str | None,
    category: str | None,
    q: str | None,
    archived: bool | None,
    scope: QuestionScope,
    application_id: uuid.UUID | None,
    updated_after: datetime | None,
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


def targets_of(db: Session, question_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    """Target roles of many questions in one statement (no N+1)."""
    ids = list(question_ids)
    found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if ids:
        rows = db.execute(
            select(
                col(QuestionTargetRole.question_id).label("question_id"),
                col(QuestionTargetRole.role_id).label("role_id"),
            ).where(col(QuestionTargetRole.question_id).in_(ids))
        )
        for row in rows:
            found[row.question_id].append(row.role_id)
    return found


def with_targets(db: Session, questions: list[Question]) -> list[QuestionWithTargets]:
    """The questions with their target roles, read in one statement for all of them."""
    targets = targets_of(db, (q.id for q in questions))
    return [_with(q, targets.get(q.id, [])) for q in questions]


def _with(question: Question, target_role_ids: list[uuid.UUID]) -> QuestionWithTargets:
    return QuestionWithTargets(question, sorted(target_role_ids, key=str))


def list_questions(
    db: Session, owner_id: uuid.UUID, filters: QuestionFilters, query: ListQuery
) -> tuple[list[QuestionWithTargets], str | None]:
    """A page of the owner's questions, oldest first, narrowed by `filters`, and the next cursor."""
    if filters.application_id is not None and filters.scope not in (None, QuestionScope.APPLICATION):
        raise InvalidInput(
            "scope",
            "Leave out the scope when you choose an application: the list then holds that application's own questions.",
            location="query",
        )
    check_application(db, owner_id, filters.application_id, location="query")
    stmt = list_statement(
        owner_id,
        direction=filters.direction,
        category=filters.category,
        q=filters.q,
        archived=filters.archived,
        scope=filters.scope or QuestionScope.ALL,
        application_id=filters.application_id,
        updated_after=query.updated_after,
    )
    rows, next_cursor = keyset.fetch(db, stmt, query)
    return with_targets(db, rows), next_cursor


def get(db: Session, question: Question) -> QuestionWithTargets:
    return with_targets(db, [question])[0]


def _check_roles_owned(db: Session, owner_id: uuid.UUID, role_ids: list[uuid.UUID]) -> None:
    if not role_ids:
        return
    owned = set(
        db.execute(
            select(col(Role.id))
            .where(col(Role.owner_id) == owner_id, col(Role.id).in_(role_ids))
            .with_for_update(read=True, key_share=True)  # FOR KEY SHARE
        ).scalars()
    )
    missing = [str(r) for r in role_ids if r not in owned]
    if missing:
        raise InvalidInput(
            "target_role_ids",
            f"must be your own roles; there is no role with id {', '.join(missing)}",
            type="unknown_role",
        )


def check_application(
    db: Session, owner_id: uuid.UUID, application_id: uuid.UUID | None, *, location: str = "body"
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
    if db.execute(stmt).first() is None:
        raise InvalidInput(
            "application_id",
            f"must be one of your applications; there is no application with id {application_id}",
            type="unknown_application",
            location=location,
        )


def _check_move(db: Session, question: Question, target: uuid.UUID | None) -> None:
    used_by = set(
        db.execute(
            select(col(Round.application_id))
            .join(RoundQuestion, col(RoundQuestion.round_id) == col(Round.id))
            .where(col(RoundQuestion.question_id) == question.id)
            .distinct()
        ).scalars()
    )
    if not can_move(target, used_by):
        raise Conflict(
            "This question is recorded in rounds of another application, so it cannot belong to this one "
            "alone. Move it to the bank (Belongs to: every application), or write a new question for this application."
        )


def _set_targets(db: Session, question: Question, role_ids: list[uuid.UUID]) -> None:
    db.execute(sql_delete(QuestionTargetRole).where(col(QuestionTargetRole.question_id) == question.id))
    db.add_all(QuestionTargetRole(question_id=question.id, role_id=r) for r in role_ids)
    db.flush()


def create(db: Session, owner_id: uuid.UUID, question_create: QuestionCreate, *, cap: int) -> QuestionWithTargets:
    detail = f"An account holds at most {cap} questions, archived ones included; delete some to add more."
    ensure_room(db, parent=User.id, parent_id=owner_id, child=Question.owner_id, limit=cap, detail=detail)
    role_ids = question_create.target_role_ids
    _check_roles_owned(db, owner_id, role_ids)
    check_application(db, owner_id, question_create.application_id)
    question = Question(owner_id=owner_id, **question_create.model_dump(exclude={"target_role_ids"}))
    db.add(question)
    db.flush()
    _set_targets(db, question, role_ids)
    return _with(question, role_ids)


def update(db: Session, question: Question, question_update: QuestionUpdate) -> QuestionWithTargets:
    """Change the fields sent; `target_role_ids`, when sent, replaces the question's target roles."""
    changes = question_update.model_dump(exclude_unset=True, exclude={"target_role_ids"})
    if "application_id" in changes and changes["application_id"] != question.application_id:
        check_application(db, question.owner_id, changes["application_id"])
        _check_move(db, question, changes["application_id"])
    role_ids = question_update.target_role_ids if "target_role_ids" in question_update.model_fields_set else None
    if role_ids is not None:
        _check_roles_owned(db, question.owner_id, role_ids)
        if set(role_ids) != set(targets_of(db, [question.id]).get(question.id, [])):
            # The targets are part of the question (the plan places it by them), though rows of
            # their own: new ones are a new version, as a changed column is.
            changes["updated_at"] = utcnow()
        _set_targets(db, question, role_ids)
    apply_changes(db, question, changes)
    return _with(question, role_ids) if role_ids is not None else get(db, question)


def delete(db: Session, question: Question) -> None:
    # Its round entries and target roles go with it (ON DELETE CASCADE).
    db.delete(question)
    db.flush()
