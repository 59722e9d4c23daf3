import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlmodel import Session, col

from secondround.api.problems import Conflict
from secondround.db.caps import ensure_room
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since
from secondround.db.types import utcnow
from secondround.models import Interviewer, Question, QuestionTargetRole, Role, User


def list_statement(owner_id: uuid.UUID, *, updated_after) -> Any:
    return select(Role).where(col(Role.owner_id) == owner_id, *changed_since(col(Role.updated_at), updated_after))


def _name_taken(session: Session, owner_id: uuid.UUID, name: str, except_id: uuid.UUID | None = None) -> bool:
    stmt = select(col(Role.id)).where(col(Role.owner_id) == owner_id, col(Role.name) == name)
    if except_id is not None:
        stmt = stmt.where(col(Role.id) != except_id)
    return session.execute(stmt).first() is not None


def create(session: Session, owner_id: uuid.UUID, data: dict[str, Any], *, cap: int) -> Role:
    detail = f"An account holds at most {cap} roles; delete one you no longer use to add another."
    ensure_room(session, parent=User.id, parent_id=owner_id, child=Role.owner_id, limit=cap, detail=detail)
    if _name_taken(session, owner_id, data["name"]):
        raise Conflict(f"You already have a role named {data['name']!r}.")
    role = Role(
        owner_id=owner_id,
        name=data["name"],
        goals=data.get("goals"),
        focus={str(k): v for k, v in data.get("focus", {}).items()},
        deciding=data.get("deciding", False),
    )
    session.add(role)
    session.flush()  # a concurrent create of the same name ends as 409 (core.constraints)
    return role


def update(session: Session, role: Role, changes: dict[str, Any]) -> Role:
    if "name" in changes and _name_taken(session, role.owner_id, changes["name"], except_id=role.id):
        raise Conflict(f"You already have a role named {changes['name']!r}.")
    if "focus" in changes:
        focus = {**role.focus, **{str(k): v for k, v in changes["focus"].items()}}
        # A weight of 0 is no interest, as a category left out: sending the focus a read shows is no change.
        changes["focus"] = (
            role.focus if {k: v for k, v in focus.items() if v} == {k: v for k, v in role.focus.items() if v} else focus
        )
    return apply_changes(session, role, changes)


def delete(session: Session, role: Role) -> None:
    # Interviewers keep their place with role_id set to null; question targets on it go (both by the
    # foreign keys). Both change, so they get a new updated_at: their ETags change and incremental
    # sync (updated_after) sees them.
    now = utcnow()
    session.execute(sql_update(Interviewer).where(col(Interviewer.role_id) == role.id).values(updated_at=now))
    session.execute(
        sql_update(Question)
        .where(
            col(Question.id).in_(
                select(col(QuestionTargetRole.question_id)).where(col(QuestionTargetRole.role_id) == role.id)
            )
        )
        .values(updated_at=now)
    )
    session.delete(role)
    session.flush()
