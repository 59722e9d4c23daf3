"""Counts and the median time to each stage, from your own rows. Reads only."""

from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from secondround.helpers.vocabulary import ApplicationStatus, OfferStatus, Outcome
from secondround.models import Application, Offer, Round, User
from secondround.practice.service import count_cards
from secondround.rounds.follow_up import today_in
from secondround.stats import medians
from secondround.stats.schemas import StageTimeRead, StatsRead, StatusCount


def _counts(db: Session, column: Any, owner_column: Any, owner_id: Any, vocabulary: type[StrEnum]) -> list[StatusCount]:
    found = {v: n for v, n in db.execute(select(column, func.count()).where(owner_column == owner_id).group_by(column))}
    return [StatusCount(value=v.value, count=found.get(v, found.get(v.value, 0))) for v in vocabulary]


def stats(db: Session, user: User) -> StatsRead:
    zone = user.time_zone
    starts: dict[Any, date] = {
        row.id: row.applied_on or today_in(zone, row.created_at)
        for row in db.execute(
            select(col(Application.id), col(Application.applied_on), col(Application.created_at)).where(
                col(Application.owner_id) == user.id
            )
        )
    }
    round_rows = db.execute(
        select(col(Round.application_id), col(Round.scheduled_at), col(Round.created_at)).where(
            col(Round.owner_id) == user.id
        )
    ).all()
    rounds = [(r.application_id, today_in(zone, r.scheduled_at or r.created_at)) for r in round_rows]
    offers = [
        (row.application_id, row.offered_on)
        for row in db.execute(
            select(col(Offer.application_id), col(Offer.offered_on)).where(col(Offer.owner_id) == user.id)
        )
    ]
    by_status = _counts(db, col(Application.status), col(Application.owner_id), user.id, ApplicationStatus)
    by_outcome = _counts(db, col(Round.outcome), col(Round.owner_id), user.id, Outcome)
    offers_by_status = _counts(db, col(Offer.status), col(Offer.owner_id), user.id, OfferStatus)
    times = medians.medians(medians.journeys(starts, rounds, offers))
    return StatsRead(
        applications=len(starts),
        applications_by_status=by_status,
        rounds=len(rounds),
        rounds_by_outcome=by_outcome,
        offers=len(offers),
        offers_by_status=offers_by_status,
        practised_questions=count_cards(db, user.id),
        time_to_stage=[StageTimeRead.model_validate(t) for t in times],
    )
