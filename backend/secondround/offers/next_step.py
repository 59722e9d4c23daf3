"""What to do next about an offer, in plain words. Pure module: no database or HTTP imports."""

from dataclasses import dataclass
from datetime import date, datetime

from secondround.helpers.vocabulary import OfferStage, OfferStatus


@dataclass(frozen=True)
class OfferFacts:
    stage: OfferStage
    status: OfferStatus
    respond_by: date | None
    asked_in_writing_at: datetime | None


def day_words(day: date) -> str:
    """'Friday 11 December'."""
    return f"{day:%A} {day.day} {day:%B}"


def _day_with_year(day: date, today: date) -> str:
    words = day_words(day)
    return words if day.year == today.year else f"{words} {day.year}"


def next_step(offer: OfferFacts, today: date) -> str:
    """The one next step: ask for a verbal offer in writing, then respond by its date; nothing once
    the offer is settled."""
    if offer.status == OfferStatus.ACCEPTED:
        return "Nothing: you accepted this offer."
    if offer.status == OfferStatus.DECLINED:
        return "Nothing: you declined this offer."
    if offer.status == OfferStatus.WITHDRAWN:
        return "Nothing: the company withdrew this offer."
    if offer.stage == OfferStage.VERBAL and offer.asked_in_writing_at is None:
        return "Ask for it in writing"
    if offer.respond_by is None:
        if offer.stage == OfferStage.VERBAL:
            return "Wait for the written offer, then decide"
        return "Decide and respond"
    if offer.respond_by < today:
        return f"Respond now: the answer was due {_day_with_year(offer.respond_by, today)}"
    if offer.respond_by == today:
        return "Respond today"
    if offer.stage == OfferStage.VERBAL:
        return f"Wait for the written offer; respond by {_day_with_year(offer.respond_by, today)}"
    return f"Respond by {_day_with_year(offer.respond_by, today)}"
