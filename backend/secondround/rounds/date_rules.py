"""Dates that agree with the round's time (no database, no HTTP).

A decision cannot be expected, and a follow-up call cannot be due, before the interview has
happened: such a date made the round "Overdue — call today" before anyone had met. Days are
compared in the account's zone, the zone the message shows them in, so the message never says a
date is before an interview on the same day.

Both orders of change are checked: a decision date set before the interview is refused on that
date; a round moved later than a decision date it already has is refused on the start time (the
decision date is the user's record of what the company said, so it is never moved or cleared
without being asked: change it, or clear it, in the same request or first).

A round marked completed before its start, or a call recorded before the interview, is accepted:
the round may have happened earlier than planned, or been rescheduled after the call. The web app
asks to confirm those.
"""

from dataclasses import dataclass
from datetime import date, datetime

from secondround.helpers import local_time

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# The dates a round holds that must not come before its interview, with what a person calls them.
DATE_NAMES = {"decision_expected_by": "decision date", "follow_up_on": "follow-up date"}


@dataclass(frozen=True)
class DateConflict:
    field: str
    message: str


def short_day(day: date, *, year: bool = False) -> str:
    """ "Mon 30 Nov", with the year when it is needed: "Mon 30 Nov 2026"."""
    text = f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def short_when(instant: datetime, zone_name: str, *, year: bool = False) -> str:
    """ "Thu 3 Dec, 14:00" on the wall clock of `zone_name`."""
    local = local_time.to_local(instant, zone_name)
    return f"{short_day(local.date(), year=year)}, {local.strftime('%H:%M')}"


def conflict(
    *,
    scheduled_at: datetime | None,
    dates: dict[str, date | None],
    changed: set[str],
    zone_name: str,
) -> DateConflict | None:
    """The first date in `dates` (decision_expected_by, follow_up_on) that falls before the day of
    the interview at `scheduled_at`, seen in `zone_name`; None when they agree. `changed` names the
    fields the request sets: when it moved the interview and not the date, the start is at fault."""
    if scheduled_at is None:
        return None
    interview_day = local_time.local_date(scheduled_at, zone_name)
    for field, day in dates.items():
        if day is None or day >= interview_day:
            continue
        year = day.year != interview_day.year
        when = short_when(scheduled_at, zone_name, year=year)
        the_date = f"{DATE_NAMES[field]} ({short_day(day, year=year)})"
        if "scheduled_at" in changed and field not in changed:
            return DateConflict(
                "scheduled_at",
                f"The interview ({when}) would come after the {the_date}. Change or clear the {DATE_NAMES[field]} "
                "first, or together with the time.",
            )
        return DateConflict(field, f"The {the_date} is before the interview ({when}).")
    return None
