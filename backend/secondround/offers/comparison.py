"""Offers side by side: each base amount as a yearly figure in its own currency, against the salary
range researched for its application. No exchange rates: amounts in different currencies are never
converted, and the comparison says so. Pure module: no database or HTTP imports."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from secondround.helpers.vocabulary import OfferPeriod

# A year is 12 months, 52 weeks or 2,080 working hours (40 a week).
PERIODS_PER_YEAR: dict[OfferPeriod, int] = {
    OfferPeriod.YEAR: 1,
    OfferPeriod.MONTH: 12,
    OfferPeriod.WEEK: 52,
    OfferPeriod.HOUR: 2080,
}
CENT = Decimal("0.01")


def yearly(amount: Decimal, period: OfferPeriod) -> Decimal:
    return (amount * PERIODS_PER_YEAR[period]).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ResearchedRange:
    salary_min: int | None
    salary_max: int | None
    currency: str | None


def against_range(yearly_base: Decimal, currency: str, researched: ResearchedRange) -> str:
    """Where the yearly base sits in the researched range, in words."""
    if researched.salary_min is None and researched.salary_max is None:
        return "You have not noted a salary range for this application."
    if researched.currency is not None and researched.currency != currency:
        return (
            f"Your researched range is in {researched.currency} and the offer in {currency}: "
            "they are not compared (no exchange rates)."
        )
    if researched.salary_min is not None and yearly_base < researched.salary_min:
        return "Below the range you researched."
    if researched.salary_max is not None and yearly_base > researched.salary_max:
        return "Above the range you researched."
    return "Within the range you researched."


def currencies_note(currencies: list[str]) -> str | None:
    """A plain sentence when the offers are in more than one currency; None when they share one."""
    distinct = sorted(set(currencies))
    if len(distinct) < 2:
        return None
    return (
        f"The offers are in different currencies ({', '.join(distinct)}); amounts are shown as offered, "
        "not converted, so compare them with today's exchange rate yourself."
    )
