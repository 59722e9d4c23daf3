"""The pure parts of offers: the next step in words, yearly amounts and the researched range."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from secondround.helpers.vocabulary import OfferPeriod, OfferStage, OfferStatus
from secondround.offers.comparison import ResearchedRange, against_range, currencies_note, yearly
from secondround.offers.currencies import is_currency
from secondround.offers.next_step import OfferFacts, next_step

pytestmark = pytest.mark.pure
TODAY = date(2026, 12, 4)  # a Friday
ASKED = datetime(2026, 12, 3, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("stage", "status", "respond_by", "asked", "expected"),
    [
        ("verbal", "open", None, None, "Ask for it in writing"),
        ("verbal", "open", date(2026, 12, 11), None, "Ask for it in writing"),
        ("verbal", "open", None, ASKED, "Wait for the written offer, then decide"),
        ("verbal", "open", date(2026, 12, 11), ASKED, "Wait for the written offer; respond by Friday 11 December"),
        ("written", "open", date(2026, 12, 11), None, "Respond by Friday 11 December"),
        ("written", "open", date(2027, 1, 8), None, "Respond by Friday 8 January 2027"),
        ("written", "open", TODAY, None, "Respond today"),
        ("written", "open", date(2026, 12, 2), None, "Respond now: the answer was due Wednesday 2 December"),
        ("written", "open", None, None, "Decide and respond"),
        ("written", "accepted", date(2026, 12, 11), None, "Nothing: you accepted this offer."),
        ("written", "declined", None, None, "Nothing: you declined this offer."),
        ("verbal", "withdrawn", None, None, "Nothing: the company withdrew this offer."),
    ],
)
def test_the_next_step_in_plain_words(stage, status, respond_by, asked, expected):
    facts = OfferFacts(OfferStage(stage), OfferStatus(status), respond_by, asked)
    assert next_step(facts, TODAY) == expected


@pytest.mark.parametrize(
    ("amount", "period", "expected"),
    [
        ("72000", "year", "72000.00"),
        ("6000", "month", "72000.00"),
        ("1000.50", "week", "52026.00"),
        ("30", "hour", "62400.00"),
    ],
)
def test_amounts_become_yearly(amount, period, expected):
    assert yearly(Decimal(amount), OfferPeriod(period)) == Decimal(expected)


def test_the_researched_range_in_words():
    eur = ResearchedRange(60000, 75000, "EUR")
    assert against_range(Decimal(59999), "EUR", eur) == "Below the range you researched."
    assert against_range(Decimal(60000), "EUR", eur) == "Within the range you researched."
    assert against_range(Decimal(75001), "EUR", eur) == "Above the range you researched."
    assert "not compared" in against_range(Decimal(70000), "GBP", eur)
    assert against_range(Decimal(1), "EUR", ResearchedRange(None, None, None)).startswith("You have not noted")
    assert against_range(Decimal(10), "EUR", ResearchedRange(None, 5, None)) == "Above the range you researched."


def test_currencies():
    assert currencies_note(["EUR", "EUR"]) is None
    assert currencies_note(["GBP", "EUR"]).startswith("The offers are in different currencies (EUR, GBP)")
    assert is_currency("EUR") and is_currency("JPY") and not is_currency("ABC") and not is_currency("eur")
