"""Follow-ups: pending rounds with a follow-up date, and whom to call about them. Reads only."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import load_only
from sqlmodel import Session

from secondround.core.resources import changed_since
from secondround.follow_ups.schemas import FollowUpWhen
from secondround.models import Application, Interviewer, Round
from secondround.vocabulary import Outcome


def list_statement(owner_id: uuid.UUID, *, when: FollowUpWhen, today: date, updated_after=None) -> Any:
    """Rounds joined with their applications in one statement; the caller adds keyset order and limit."""
    stmt = (
        select(Round, Application)
        .join(Application, Application.id == Round.application_id)
        .where(
            Round.owner_id == owner_id,
            Round.outcome == Outcome.PENDING,
            Round.follow_up_on.is_not(None),
            *changed_since(Round.updated_at, updated_after),
        )
        # Leave the long text columns (notes, research) behind: a list needs none of them.
        .options(
            load_only(
                Round.id,
                Round.sequence,
                Round.kind,
                Round.scheduled_at,
                Round.decision_expected_by,
                Round.follow_up_on,
                Round.followed_up_at,
                Round.follow_up_note,
                Round.outcome,
            ),
            load_only(Application.id, Application.company, Application.position, Application.status),
        )
    )
    if when == FollowUpWhen.DUE:
        stmt = stmt.where(Round.follow_up_on <= today, Round.followed_up_at.is_(None))
    elif when == FollowUpWhen.UPCOMING:
        stmt = stmt.where(Round.follow_up_on > today, Round.followed_up_at.is_(None))
    return stmt


def interviewers_by_round(
    session: Session, owner_id: uuid.UUID, round_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Interviewer]]:
    """The interviewers of all the given rounds in one statement, each round's in meeting order."""
    if not round_ids:
        return {}
    stmt = (
        select(Interviewer)
        .where(Interviewer.owner_id == owner_id, Interviewer.round_id.in_(round_ids))
        .options(
            load_only(
                Interviewer.id,
                Interviewer.round_id,
                Interviewer.name,
                Interviewer.title,
                Interviewer.email,
                Interviewer.role_id,
                Interviewer.order,
            )
        )
        .order_by(Interviewer.order, Interviewer.id)
    )
    grouped: dict[uuid.UUID, list[Interviewer]] = defaultdict(list)
    for interviewer in session.execute(stmt).scalars():
        grouped[interviewer.round_id].append(interviewer)
    return grouped
