"""Median days from an application to each stage (pure)."""

import uuid
from datetime import date

import pytest

from secondround.stats.medians import Journey, journeys, medians, stage_days

pytestmark = pytest.mark.pure
START = date(2026, 11, 1)


def test_stage_days_count_from_the_start():
    journey = Journey(START, [date(2026, 11, 20), date(2026, 11, 10)], date(2026, 11, 30))
    assert stage_days(journey) == {"first_round": 9, "second_round": 19, "offer": 29}
    assert stage_days(Journey(START, [], None)) == {}
    assert stage_days(Journey(START, [date(2026, 10, 1)], None)) == {"first_round": 0}


def test_medians_per_stage():
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    starts = {a: START, b: START, c: START}
    rounds = [(a, date(2026, 11, 5)), (b, date(2026, 11, 11)), (b, date(2026, 11, 21)), (c, date(2026, 11, 3))]
    offers = [(b, date(2026, 12, 1)), (b, date(2026, 11, 28))]
    times = {t.stage: t for t in medians(journeys(starts, rounds, offers))}
    assert (times["first_round"].median_days, times["first_round"].applications) == (4.0, 3)
    assert (times["second_round"].median_days, times["second_round"].applications) == (20.0, 1)
    assert (times["offer"].median_days, times["offer"].applications) == (27.0, 1)
    assert [t.median_days for t in medians([])] == [None, None, None]
