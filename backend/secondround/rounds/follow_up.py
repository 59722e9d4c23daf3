"""Pure rules for outcomes and follow-ups (no database, no HTTP)."""

from datetime import date, datetime, timedelta

from secondround.helpers import local_time
from secondround.helpers.vocabulary import ApplicationStatus, Outcome

# What an outcome says about the application as a whole; `pending` says nothing yet.
APPLICATION_STATUS_AFTER = {
    Outcome.NEXT_ROUND: ApplicationStatus.INTERVIEWING,
    Outcome.VERBAL_OFFER: ApplicationStatus.OFFER,
    Outcome.WRITTEN_OFFER: ApplicationStatus.OFFER,
    Outcome.REJECTED: ApplicationStatus.REJECTED,
    Outcome.WITHDRAWN: ApplicationStatus.WITHDRAWN,
}


def today_in(zone_name: str, now: datetime) -> date:
    """What day it is for the person: business days and "due today" follow the account's zone, so
    23:30 on a Friday in Auckland is Friday, not the Friday morning or Thursday night of UTC."""
    return local_time.local_date(now, zone_name)


def next_business_day(day: date) -> date:
    """The first weekday after `day` (Friday -> Monday). Public holidays are not known here."""
    following = day + timedelta(days=1)
    while following.weekday() >= 5:
        following += timedelta(days=1)
    return following


def default_follow_up_on(outcome: str, decision_expected_by: date | None) -> date | None:
    """While the decision is pending, call one business day after it was due."""
    if outcome != Outcome.PENDING or decision_expected_by is None:
        return None
    return next_business_day(decision_expected_by)
