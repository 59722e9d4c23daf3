import uuid
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from secondround.core.caps import ensure_room
from secondround.core.errors import InvalidInput
from secondround.core.resources import apply_changes, changed_since
from secondround.models import Interviewer, Role, Round


def list_statement(round_id: uuid.UUID, *, updated_after) -> Any:
    return select(Interviewer).where(
        col(Interviewer.round_id) == round_id, *changed_since(col(Interviewer.updated_at), updated_after)
    )


def _check_role(session: Session, owner_id: uuid.UUID, role_id: uuid.UUID | None) -> None:
    if role_id is None:
        return
    found = session.execute(
        select(col(Role.id))
        .where(col(Role.id) == role_id, col(Role.owner_id) == owner_id)
        .with_for_update(read=True, key_share=True)  # FOR KEY SHARE
    ).first()
    if found is None:
        raise InvalidInput("role_id", f"no role with id {role_id}", type="unknown_role")


def create(session: Session, round_: Round, data: dict[str, Any], *, cap: int) -> Interviewer:
    _check_role(session, round_.owner_id, data.get("role_id"))
    # Locks the round too, so two people added at once neither pass the cap nor get the same place.
    detail = f"A round holds at most {cap} interviewers; remove one to add another."
    ensure_room(session, parent=Round.id, parent_id=round_.id, child=Interviewer.round_id, limit=cap, detail=detail)
    if data.get("order") is None:
        last = session.execute(
            select(func.max(col(Interviewer.order))).where(col(Interviewer.round_id) == round_.id)
        ).scalar()
        data["order"] = 0 if last is None else last + 1
    interviewer = Interviewer(owner_id=round_.owner_id, round_id=round_.id, **data)
    session.add(interviewer)
    session.flush()
    return interviewer


def update(session: Session, interviewer: Interviewer, changes: dict[str, Any]) -> Interviewer:
    if "role_id" in changes:
        _check_role(session, interviewer.owner_id, changes["role_id"])
    return apply_changes(session, interviewer, changes)


def delete(session: Session, interviewer: Interviewer) -> None:
    session.delete(interviewer)
    session.flush()
