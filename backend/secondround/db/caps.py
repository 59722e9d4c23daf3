"""Caps on what one account can accumulate, so no account can make the plan (or any list) unbounded.

The limits are settings (`SECONDROUND_MAX_*`), far above what a real candidate needs. A create
over a cap is a 422 `/problems/limit-reached` naming the limit. The parent row is locked before
counting (PostgreSQL; SQLite writers are serialised already), so parallel creates cannot overshoot.
"""

import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import func, select
from sqlmodel import Session

from secondround.api.app_state import app_state
from secondround.api.problems import LimitReached


@dataclass(frozen=True)
class Caps:
    questions_per_account: int
    roles_per_account: int
    applications_per_account: int
    rounds_per_application: int
    interviewers_per_round: int


async def get_caps(request: Request) -> Caps:
    # async: a plain attribute read needs no thread-pool hop.
    settings = app_state(request.app).settings
    return Caps(
        questions_per_account=settings.max_questions_per_account,
        roles_per_account=settings.max_roles_per_account,
        applications_per_account=settings.max_applications_per_account,
        rounds_per_application=settings.max_rounds_per_application,
        interviewers_per_round=settings.max_interviewers_per_round,
    )


CapsDep = Annotated[Caps, Depends(get_caps)]


def ensure_room(db: Session, *, parent: Any, parent_id: uuid.UUID, child: Any, limit: int, detail: str) -> None:
    """Refuse one more row whose `child` column points at `parent_id` when `limit` are there already.

    `parent` is the parent's id column. FOR NO KEY UPDATE queues parallel creates under one parent
    without blocking other writes that merely reference it."""
    db.execute(select(parent).where(parent == parent_id).with_for_update(key_share=True))
    count = db.execute(select(func.count()).select_from(child.table).where(child == parent_id)).scalar_one()
    if count >= limit:
        raise LimitReached(detail)
