"""Time from an application to each stage, as medians in days. Pure module: no database or HTTP imports."""

import statistics
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

STAGES = (
    ("first_round", "First round"),
    ("second_round", "Second round"),
    ("offer", "Offer"),
)


@dataclass(frozen=True)
class Journey:
    """One application: the day it started (applied_on, else the day it was recorded), and the days
    of its rounds (in order) and of its first offer."""

    started_on: date
    round_days: list[date]
    offer_on: date | None


@dataclass(frozen=True)
class StageTime:
    stage: str
    label: str
    median_days: float | None
    applications: int


def stage_days(journey: Journey) -> dict[str, int]:
    """Days from the start to each stage this application reached; a stage before the start (a date
    typed wrongly) counts as day 0."""
    out: dict[str, int] = {}
    rounds = sorted(journey.round_days)
    if rounds:
        out["first_round"] = max(0, (rounds[0] - journey.started_on).days)
    if len(rounds) > 1:
        out["second_round"] = max(0, (rounds[1] - journey.started_on).days)
    if journey.offer_on is not None:
        out["offer"] = max(0, (journey.offer_on - journey.started_on).days)
    return out


def medians(journeys: Iterable[Journey]) -> list[StageTime]:
    by_stage: dict[str, list[int]] = {stage: [] for stage, _ in STAGES}
    for journey in journeys:
        for stage, days in stage_days(journey).items():
            by_stage[stage].append(days)
    return [
        StageTime(
            stage, label, float(statistics.median(by_stage[stage])) if by_stage[stage] else None, len(by_stage[stage])
        )
        for stage, label in STAGES
    ]


def journeys(
    starts: dict[uuid.UUID, date], rounds: Iterable[tuple[uuid.UUID, date]], offers: Iterable[tuple[uuid.UUID, date]]
) -> list[Journey]:
    """Journeys from rows: each application's start, (application, round day) and (application, offer day)."""
    round_days: dict[uuid.UUID, list[date]] = {a: [] for a in starts}
    first_offer: dict[uuid.UUID, date] = {}
    for application_id, day in rounds:
        round_days.setdefault(application_id, []).append(day)
    for application_id, day in offers:
        if application_id not in first_offer or day < first_offer[application_id]:
            first_offer[application_id] = day
    return [Journey(start, round_days.get(a, []), first_offer.get(a)) for a, start in starts.items()]
