"""Build the private iCalendar feed (RFC 5545) from plain data.

Pure module: no database, no HTTP. The service loads the rows and hands them over as
`FeedRound`s; this module decides what becomes a VEVENT, a VTODO or an alarm.
"""

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from icalendar import STATUS, Alarm, Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, Todo, vDuration

from secondround.helpers import local_time
from secondround.helpers.vocabulary import ROUND_KIND_LABELS, Outcome, RoundStatus

PRODID = "-//secondround//secondround 1.0//EN"
CALENDAR_NAME = "secondround"
DEFAULT_DURATION_MINUTES = 60
# Calendar apps poll subscribed feeds; this is a hint, most apps choose their own interval.
REFRESH_INTERVAL = timedelta(hours=1)
REMINDER_BEFORE = timedelta(days=1)


@dataclass(frozen=True)
class FeedInterviewer:
    name: str
    title: str | None = None
    role: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class FeedRound:
    id: uuid.UUID
    sequence: int
    kind: str
    status: str
    outcome: str
    company: str
    position: str
    created_at: datetime
    updated_at: datetime
    scheduled_at: datetime | None = None
    time_zone: str = "UTC"
    duration_minutes: int | None = None
    location: str | None = None
    decision_expected_by: date | None = None
    follow_up_on: date | None = None
    followed_up_at: datetime | None = None
    interviewers: tuple[FeedInterviewer, ...] = field(default_factory=tuple)

    @property
    def has_pending_follow_up(self) -> bool:
        return self.outcome == Outcome.PENDING and self.follow_up_on is not None and self.followed_up_at is None


def event_uid(round_id: uuid.UUID) -> str:
    return f"round-{round_id}@secondround"


def todo_uid(round_id: uuid.UUID) -> str:
    return f"follow-up-{round_id}@secondround"


def _revision(round_: FeedRound) -> int:
    # SEQUENCE must grow with every change so clients replace their copy; we keep no revision
    # counter, but seconds between creation and the last change only ever grow.
    return max(0, int((round_.updated_at - round_.created_at).total_seconds()))


def _summary(round_: FeedRound) -> str:
    label = ROUND_KIND_LABELS.get(round_.kind, "Interview")
    return f"{label} — {round_.company} ({round_.position})"


def _person(interviewer: FeedInterviewer, *, with_email: bool) -> str:
    line = interviewer.name
    if interviewer.title:
        line += f", {interviewer.title}"
    if interviewer.role:
        line += f" ({interviewer.role})"
    if with_email and interviewer.email:
        line += f" <{interviewer.email}>"
    return f"- {line}"


# People listed per event or to-do; the rest are counted ("and 12 more"), so the feed's size does not
# grow with the panel (the plan's link has everyone).
MAX_PEOPLE = 10


def _people(round_: FeedRound, *, with_email: bool) -> list[str]:
    shown = [_printable(_person(i, with_email=with_email)) or "" for i in round_.interviewers[:MAX_PEOPLE]]
    more = len(round_.interviewers) - MAX_PEOPLE
    return shown + ([f"- and {more} more"] if more > 0 else [])


def _event_description(round_: FeedRound, plan_url: str) -> str:
    lines = [f"Round {round_.sequence} at {round_.company} for {round_.position}.", ""]
    if round_.interviewers:
        lines.append("Interviewers, in meeting order:")
        lines += _people(round_, with_email=False)
    else:
        lines.append("No interviewers recorded yet.")
    lines += ["", f"Your plan: {plan_url}"]
    return "\n".join(lines)


def _todo_description(round_: FeedRound) -> str:
    about = f"round {round_.sequence} at {round_.company} for {round_.position}"
    lines = [
        f"No decision yet after {about}."
        if round_.decision_expected_by is None
        else f"The decision after {about} was expected by {local_time.format_date(round_.decision_expected_by)}."
    ]
    if round_.interviewers:
        lines += ["", "Interviewers:"] + _people(round_, with_email=True)
    return "\n".join(lines)


# Zones whose events stay in UTC ("...Z"): no VTIMEZONE needed, and every app reads them alike.
UTC_ZONES = frozenset({"UTC", "Etc/UTC"})


def _in_zone(instant: datetime, zone_name: str) -> datetime:
    # A datetime in the round's zone makes icalendar write DTSTART;TZID=<zone>; the zone object's
    # key is the name the round was given (links such as US/Eastern included).
    return instant.astimezone(UTC) if zone_name in UTC_ZONES else local_time.to_local(instant, zone_name)


def _ends(round_: FeedRound, start: datetime) -> datetime:
    return start + timedelta(minutes=round_.duration_minutes or DEFAULT_DURATION_MINUTES)


def _event(round_: FeedRound, scheduled_at: datetime, plan_url: str) -> Event:
    cancelled = round_.status == RoundStatus.CANCELLED
    event = Event.new(
        uid=event_uid(round_.id),
        summary=_summary(round_),
        start=_in_zone(scheduled_at, round_.time_zone),
        end=_in_zone(_ends(round_, scheduled_at), round_.time_zone),
        location=round_.location,
        description=_event_description(round_, plan_url),
        url=plan_url,
        # Without a METHOD, DTSTAMP means "last revised" (RFC 5545, 3.8.7.2): using updated_at
        # keeps the feed byte-stable between polls when nothing changed.
        stamp=round_.updated_at,
        last_modified=round_.updated_at,
        sequence=_revision(round_),
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
    )
    if not cancelled:  # a cancelled interview should not ring the day before
        event.add_component(Alarm.new_display(f"Tomorrow: {_summary(round_)}", -REMINDER_BEFORE))
    return event


def _todo(round_: FeedRound, due: date) -> Todo:
    return Todo.new(
        uid=todo_uid(round_.id),
        summary=f"Follow up with {round_.company} about {round_.position}",
        end=due,  # a Todo's end is its DUE; a date gives DUE;VALUE=DATE
        description=_todo_description(round_),
        stamp=round_.updated_at,
        last_modified=round_.updated_at,
        sequence=_revision(round_),
        status=STATUS.NEEDS_ACTION,
    )


def _observance(local_start: datetime, before: timedelta, after: timedelta, name: str, dst: bool):
    part = TimezoneDaylight() if dst else TimezoneStandard()
    # RFC 5545 3.6.5: the onset is the local time just before the change (in TZOFFSETFROM).
    part.add("DTSTART", local_start)
    part.add("TZOFFSETFROM", before)
    part.add("TZOFFSETTO", after)
    part.add("TZNAME", name)
    return part


def vtimezone(zone_name: str, years: Iterable[int]) -> Timezone:
    """The VTIMEZONE for `zone_name` over the given whole UTC years, from the pinned tzdata: the
    clock at the start of each run of consecutive years, then one observance per change. Built
    here rather than by icalendar's Timezone.from_tzinfo, which dates a spring-forward onset from
    the new offset (03:00 instead of 02:00 in Europe/Berlin) and reads the system's zone files."""
    component = Timezone()
    component.add("TZID", zone_name)
    previous: int | None = None
    for year in sorted(set(years)):
        if previous is None or year != previous + 1:
            local = local_time.to_local(datetime(year, 1, 1, tzinfo=UTC), zone_name)
            offset = local.utcoffset() or timedelta()
            component.add_component(
                _observance(local.replace(tzinfo=None), offset, offset, local.tzname() or "", bool(local.dst()))
            )
        for change in local_time.transitions_in_year(zone_name, year):
            onset = (change.at + change.offset_before).replace(tzinfo=None)
            component.add_component(
                _observance(onset, change.offset_before, change.offset_after, change.name_after, change.dst_after)
            )
        previous = year
    return component


def _timezones(scheduled: list[tuple[datetime, FeedRound]]) -> list[Timezone]:
    """One VTIMEZONE per zone the events use (not UTC), with rules for the years its events start
    or end in only (never the years between), sorted by name so the feed stays byte-for-byte the
    same between polls."""
    years: dict[str, set[int]] = {}
    for start, round_ in scheduled:
        if round_.time_zone not in UTC_ZONES:
            # From 1 January (UTC) of the year: the year's first observance begins before any
            # event in it, whatever the zone's offset.
            end_year = _ends(round_, start).astimezone(UTC).year
            years.setdefault(round_.time_zone, set()).update(range(start.astimezone(UTC).year, end_year + 1))
    return [vtimezone(name, zone_years) for name, zone_years in sorted(years.items())]


# RFC 5545 (3.3.11) allows no control character in TEXT but tab (line breaks are written `\n`).
# The API refuses them in every text, but rows written before it did may still hold some.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# A calendar shows a line or two of each: longer text is cut here ("…"), so the feed's size does not
# grow with what the API lets a note hold (a location may have 2,000 characters).
MAX_TEXT = 300


def _printable(text: str | None) -> str | None:
    if not text:
        return text
    text = _CONTROL.sub(" ", text)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _without_controls(round_: FeedRound) -> FeedRound:
    return replace(
        round_,
        company=_printable(round_.company) or "",
        position=_printable(round_.position) or "",
        location=_printable(round_.location),
        interviewers=tuple(
            replace(
                i,
                name=_printable(i.name) or "",
                title=_printable(i.title),
                role=_printable(i.role),
                email=_printable(i.email),
            )
            for i in round_.interviewers
        ),
    )


def build_calendar(rounds: Iterable[FeedRound], *, calendar_uid: str, app_base: str) -> bytes:
    """The whole feed: a VEVENT per scheduled round, a VTODO per pending follow-up.

    `app_base` is the absolute URL of the web app (e.g. `https://host`): each event links to the
    round's page there, which a calendar app can open (an API URL would need a bearer token).
    """
    rounds = [_without_controls(r) for r in rounds]
    calendar = Calendar.new(prodid=PRODID, name=CALENDAR_NAME, calscale="GREGORIAN", uid=calendar_uid)
    # RFC 7986 requires VALUE=DURATION here; X-PUBLISHED-TTL is the older spelling some apps read.
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL).to_ical().decode())
    scheduled = sorted(
        ((r.scheduled_at, r) for r in rounds if r.scheduled_at is not None), key=lambda pair: (pair[0], str(pair[1].id))
    )
    for timezone in _timezones(scheduled):
        calendar.add_component(timezone)
    for start, round_ in scheduled:
        calendar.add_component(_event(round_, start, f"{app_base}/rounds/{round_.id}"))
    follow_ups = sorted(
        ((r.follow_up_on, r) for r in rounds if r.has_pending_follow_up and r.follow_up_on),
        key=lambda pair: (pair[0], str(pair[1].id)),
    )
    for due, round_ in follow_ups:
        calendar.add_component(_todo(round_, due))
    return calendar.to_ical()
