"""Roles: kinds of interviewer, each with a weight per question category (docs/product.md#interviewer-roles)."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlmodel import Session, col

from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import Conflict
from secondround.db.caps import ensure_room
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since
from secondround.db.types import utcnow
from secondround.models import Interviewer, Question, QuestionTargetRole, Role, User
from secondround.roles.schemas import RoleCreate, RoleUpdate

keyset = Keyset("roles", col(Role.created_at), col(Role.id))


def list_statement(owner_id: uuid.UUID, *, updated_after: datetime | None) -> Any:
    return select(Role).where(col(Role.owner_id) == owner_id, *changed_since(col(Role.updated_at), updated_after))


def list_roles(db: Session, owner_id: uuid.UUID, query: ListQuery) -> tuple[list[Role], str | None]:
    """A page of the owner's roles, oldest first, and the cursor of the next one."""
    return keyset.fetch(db, list_statement(owner_id, updated_after=query.updated_after), query)


def _name_taken(db: Session, owner_id: uuid.UUID, name: str, except_id: uuid.UUID | None = None) -> bool:
    stmt = select(col(Role.id)).where(col(Role.owner_id) == owner_id, col(Role.name) == name)
    if except_id is not None:
        stmt = stmt.where(col(Role.id) != except_id)
    return db.execute(stmt).first() is not None


def _weights(focus: dict[Any, float]) -> dict[str, float]:
    """Category -> weight, keyed by the category's value as the column stores it."""
    return {str(category): weight for category, weight in focus.items()}


def create(db: Session, owner_id: uuid.UUID, role_create: RoleCreate, *, cap: int) -> Role:
    detail = f"An account holds at most {cap} roles; delete one you no longer use to add another."
    ensure_room(db, parent=User.id, parent_id=owner_id, child=Role.owner_id, limit=cap, detail=detail)
    if _name_taken(db, owner_id, role_create.name):
        raise Conflict(f"You already have a role named {role_create.name!r}.")
    role = Role(
        owner_id=owner_id,
        name=role_create.name,
        goals=role_create.goals,
        focus=_weights(role_create.focus),
        deciding=role_create.deciding,
    )
    db.add(role)
    db.flush()  # a concurrent create of the same name ends as 409 (db/constraints.py)
    return role


def update(db: Session, role: Role, role_update: RoleUpdate) -> Role:
    """Change the fields sent; `focus` is merged into the role's weights."""
    changes = role_update.model_dump(exclude_unset=True)
    if "name" in changes and _name_taken(db, role.owner_id, changes["name"], except_id=role.id):
        raise Conflict(f"You already have a role named {changes['name']!r}.")
    if "focus" in changes:
        focus = {**role.focus, **_weights(changes["focus"])}
        # A weight of 0 is no interest, as a category left out: sending the focus a read shows is no change.
        changes["focus"] = (
            role.focus if {k: v for k, v in focus.items() if v} == {k: v for k, v in role.focus.items() if v} else focus
        )
    return apply_changes(db, role, changes)


def delete(db: Session, role: Role) -> None:
    # Interviewers keep their place with role_id set to null; question targets on it go (both by the
    # foreign keys). Both change, so they get a new updated_at: their ETags change and incremental
    # sync (updated_after) sees them.
    now = utcnow()
    db.execute(sql_update(Interviewer).where(col(Interviewer.role_id) == role.id).values(updated_at=now))
    db.execute(
        sql_update(Question)
        .where(
            col(Question.id).in_(
                select(col(QuestionTargetRole.question_id)).where(col(QuestionTargetRole.role_id) == role.id)
            )
        )
        .values(updated_at=now)
    )
    db.delete(role)
    db.flush()
