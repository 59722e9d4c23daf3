"""Local time for people: IANA zones, instants shown where they happen, wall-clock times read back.

Pure: no database, no HTTP. The API stores and returns instants in UTC; everything a person reads
(prep sheet, run sheet, calendar, follow-up days) goes through here to be shown in a zone.

Zones come from the pinned `tzdata` package, never from the machine's /usr/share/zoneinfo: every
server, test and developer then agrees on the list of names and on the rules (the system's copy
lags behind, and differs between machines). Use `zone(name)`, not `ZoneInfo(name)`.
"""

import importlib
from bisect import bisect_left
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

import tzdata  # type: ignore[import-untyped]  # ships no type hints

# The standard library's pure-Python zone reader: unlike the C one, it keeps the file's recorded
# transitions and its rule for later years where we can read them.
_pure_zoneinfo: Any = importlib.import_module("zoneinfo._zoneinfo")

# Longest name the columns hold; the longest IANA name today has 32 characters.
ZONE_MAX_LENGTH = 64
# In tzdata's list but not a place: "Factory" means "zone not configured" (its abbreviation is -00).
_NOT_PLACES = frozenset({"Factory"})
TZDATA_VERSION: str = tzdata.IANA_VERSION

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class LocalTimeError(ValueError):
    """A zone or a wall-clock time that cannot be used; the message is written for the person who sent it."""


class UnknownZone(LocalTimeError):
    pass


class NonexistentTime(LocalTimeError):
    """A wall-clock time the clocks skip (spring forward)."""


class AmbiguousTime(LocalTimeError):
    """A wall-clock time that happens twice (fall back)."""


@cache
def zone_names() -> frozenset[str]:
    """Every zone name tzdata knows, backward-compatible links included (US/Eastern, Asia/Calcutta)."""
    listed = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    return frozenset(listed) - _NOT_PLACES


@cache
def _names_by_casefold() -> dict[str, str]:
    return {name.casefold(): name for name in zone_names()}


def check_zone(name: str) -> str:
    """`name` itself when it is an IANA zone name, else UnknownZone saying why.

    Links (US/Eastern, Europe/Kiev) are accepted and kept as written: they are what browsers and
    calendar apps send, and tzdata resolves them. Offsets ("+01:00"), "local" and abbreviations
    ("CET" is accepted only because tzdata has a zone of that name) are not places, so their
    daylight-saving rules are unknown.
    """
    if not isinstance(name, str) or not name:
        raise UnknownZone("must be an IANA time zone name such as Europe/Oslo")
    if len(name) > ZONE_MAX_LENGTH:
        raise UnknownZone(f"must be at most {ZONE_MAX_LENGTH} characters: an IANA time zone name such as Europe/Oslo")
    if name in zone_names():
        return name
    hint = ""
    if (spelled := _names_by_casefold().get(name.casefold())) is not None:
        hint = f"; did you mean {spelled}?"
    elif name[:1] in "+-" or name[:1].isdigit() or name.upper().startswith(("UTC+", "UTC-", "GMT+", "GMT-")):
        hint = "; an offset is not a zone (it has no daylight-saving rules): name the place, e.g. Europe/Paris"
    _raise_unknown(name, hint)


def _raise_unknown(name: str, hint: str) -> NoReturn:
    shown = name if name.isprintable() else repr(name)
    raise UnknownZone(f"'{shown}' is not an IANA time zone name such as Europe/Oslo{hint}")


@cache
def zone(name: str) -> ZoneInfo:
    """The zone called `name`, read from the pinned tzdata (one object per name, so fold and
    equality behave as within one zone)."""
    check_zone(name)
    data = resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with data.open("rb") as source:
        return ZoneInfo.from_file(source, key=name)


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("an instant must carry its offset; naive datetimes are wall-clock times (use from_local)")
    return instant


def to_local(instant: datetime, zone_name: str) -> datetime:
    """The instant as the wall clock in `zone_name` shows it (an aware datetime in that zone)."""
    return _aware(instant).astimezone(zone(zone_name))


def local_iso(instant: datetime, zone_name: str) -> str:
    """ISO 8601 with the zone's offset at that instant: "2026-12-02T10:00:00+01:00"."""
    return to_local(instant, zone_name).isoformat(timespec="seconds")


def local_date(instant: datetime, zone_name: str) -> date:
    """The calendar day at `instant` in `zone_name`: what "today" is there."""
    return to_local(instant, zone_name).date()


def offset_text(offset: timedelta) -> str:
    """ "+01:00", "-03:30", "+00:00"."""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def abbreviation(instant: datetime, zone_name: str) -> str:
    """What the zone calls itself at that instant: "CET", "CEST", "UTC". tzdata gives many zones no
    letters, only a number ("+04" for Asia/Dubai); those read "UTC+4", "UTC+5:30", "UTC-3"."""
    local = to_local(instant, zone_name)
    name = local.tzname() or ""
    if any(ch.isalpha() for ch in name):
        return name
    minutes = int((local.utcoffset() or timedelta()).total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'-' if minutes < 0 else '+'}{hours}" + (f":{rest:02d}" if rest else "")


def format_day(instant: datetime, zone_name: str) -> str:
    """ "Wednesday 2 December 2026", the local day (English, as the rest of the sheets)."""
    local = to_local(instant, zone_name)
    return f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year}"


def format_date(day: date) -> str:
    """A calendar date with no time: "Friday 4 December 2026"."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_time(instant: datetime, zone_name: str) -> str:
    """ "10:00", the 24-hour local wall clock."""
    return to_local(instant, zone_name).strftime("%H:%M")


def format_time_range(start: datetime, end: datetime, zone_name: str) -> str:
    """ "10:00–10:40"; a range that ends on a later local day says so: "23:30–00:10 (next day)"."""
    text = f"{format_time(start, zone_name)}–{format_time(end, zone_name)}"
    days = (local_date(end, zone_name) - local_date(start, zone_name)).days
    if days == 1:
        text += " (next day)"
    elif days > 1:
        text += f" (+{days} days)"
    return text


def zone_label(instant: datetime, zone_name: str) -> str:
    """The abbreviation, with the zone's name when the abbreviation alone does not say where:
    "CET (Europe/Berlin)", "UTC+4 (Asia/Dubai)", and just "UTC" for UTC itself."""
    short = abbreviation(instant, zone_name)
    return short if short == zone_name or zone_name in ("UTC", "Etc/UTC") else f"{short} ({zone_name})"


def format_when(instant: datetime, zone_name: str, *, name_zone: bool = False) -> str:
    """ "Wednesday 2 December 2026, 10:00 CET"; with `name_zone`, "... 10:00 CET (Europe/Berlin)"."""
    zone_text = zone_label(instant, zone_name) if name_zone else abbreviation(instant, zone_name)
    return f"{format_day(instant, zone_name)}, {format_time(instant, zone_name)} {zone_text}"


def from_local(wall: datetime, zone_name: str, *, fold: int | None = None) -> datetime:
    """The UTC instant at which the clocks in `zone_name` show `wall` (a naive datetime).

    A time the clocks skip (spring forward) raises NonexistentTime. A time that happens twice
    (fall back) raises AmbiguousTime unless `fold` picks one: 0 the first, 1 the second (as
    datetime.fold). Neither is guessed, so a person is asked instead of being booked an hour off.
    """
    if wall.tzinfo is not None:
        raise ValueError("from_local takes a wall-clock (naive) datetime")
    where = zone(zone_name)
    first = wall.replace(tzinfo=where, fold=0)
    second = wall.replace(tzinfo=where, fold=1)
    # A wall time exists when it survives the round trip through UTC in at least one reading.
    readings = [
        candidate
        for candidate in (first, second)
        if candidate.astimezone(UTC).astimezone(where).replace(tzinfo=None, fold=0) == wall.replace(fold=0)
    ]
    stamp = wall.isoformat(timespec="minutes")
    before, after = offset_text(first.utcoffset() or timedelta()), offset_text(second.utcoffset() or timedelta())
    if not readings:
        raise NonexistentTime(
            f"{stamp} does not exist in {zone_name}: the clocks skip it (from {before} to {after}); "
            "choose a time outside the change"
        )
    if len(readings) == 2 and first.utcoffset() != second.utcoffset():
        if fold is None:
            raise AmbiguousTime(
                f"{stamp} happens twice in {zone_name} (at {before}, then at {after}); "
                f"send it with the offset you mean, e.g. {wall.isoformat(timespec='seconds')}{before}"
            )
        return (second if fold else first).astimezone(UTC)
    return readings[0].astimezone(UTC)


@dataclass(frozen=True)
class Transition:
    """A change of a zone's clock: at the UTC instant `at`, the offset goes from `offset_before`
    to `offset_after`, and the zone is then called `name_after` (daylight saving time if `dst_after`)."""

    at: datetime
    offset_before: timedelta
    offset_after: timedelta
    name_after: str
    dst_after: bool


def _clock(instant: datetime, where: ZoneInfo) -> tuple[timedelta, str, bool]:
    local = instant.astimezone(where)
    return local.utcoffset() or timedelta(), local.tzname() or "", bool(local.dst())


# Clocks never change twice within this step (tzdata's closest pairs are weeks apart in the years
# people book interviews in); each change found is then narrowed down to the second.
_SCAN_STEP = timedelta(hours=6)
# How far from the instant the zone data names a change may really be (the POSIX rule's dates are
# counted on the local clock, which is at most a day off UTC).
_NEAR = timedelta(days=2)
# Zone-years kept: a feed covers a few years, in the zones its account uses.
TRANSITION_CACHE_SIZE = 4096


@lru_cache(maxsize=1024)
def _rules(zone_name: str) -> tuple[tuple[int, ...], object]:
    """The zone's recorded changes (UTC seconds) and its rule for the years after them, read from
    the pinned tzdata file by the standard library's pure-Python reader."""
    check_zone(zone_name)
    data = resources.files("tzdata.zoneinfo").joinpath(*zone_name.split("/"))
    with data.open("rb") as source:
        parsed = _pure_zoneinfo.ZoneInfo.from_file(source, key=zone_name)
    return tuple(parsed._trans_utc), parsed._tz_after


def _candidates(zone_name: str, year: int) -> list[datetime]:
    """Instants near which the zone data says the clock changes during `year` (UTC)."""
    recorded, after = _rules(zone_name)
    low = datetime(year, 1, 1, tzinfo=UTC) - _NEAR
    high = datetime(year + 1, 1, 1, tzinfo=UTC) + _NEAR
    found = [
        moment
        for moment in (datetime.fromtimestamp(t, UTC) for t in recorded[bisect_left(recorded, low.timestamp()) :])
        if moment < high
    ]
    last_recorded = recorded[-1] if recorded else None
    transitions = getattr(after, "transitions", None)
    if transitions is not None and (last_recorded is None or datetime.fromtimestamp(last_recorded, UTC) < high):
        for rule_year in (year - 1, year, year + 1):
            for seconds in transitions(rule_year):
                moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
                if low <= moment < high and (last_recorded is None or moment.timestamp() > last_recorded):
                    found.append(moment)
    return sorted(found)


def _changes_between(where: ZoneInfo, start: datetime, end: datetime) -> list[Transition]:
    """Every change of the clock in [start, end), each to the second, by scanning in steps."""
    found: list[Transition] = []
    moment, state = start, _clock(start, where)
    while moment < end:
        probe = min(moment + _SCAN_STEP, end)
        if _clock(probe, where) == state:
            moment = probe
            continue
        low, high = moment, probe  # state holds at low, not at high
        while (high - low) > timedelta(seconds=1):
            middle = low + timedelta(seconds=int((high - low).total_seconds()) // 2)
            if _clock(middle, where) == state:
                low = middle
            else:
                high = middle
        after = _clock(high, where)
        found.append(Transition(high, state[0], after[0], after[1], after[2]))
        moment, state = high, after
    return found


@lru_cache(maxsize=TRANSITION_CACHE_SIZE)
def transitions_in_year(zone_name: str, year: int) -> tuple[Transition, ...]:
    """Every change of the zone's clock during one UTC calendar year, in order.

    Where the changes are comes from the zone data (its recorded transitions, then its rule for
    later years); each is then confirmed and timed to the second on the zone itself, looking only
    a few days around it, so a year costs a few dozen clock readings instead of 1,460."""
    where = zone(zone_name)
    start, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    found: dict[datetime, Transition] = {}
    for moment in _candidates(zone_name, year):
        low, high = max(start, moment - _NEAR), min(end, moment + _NEAR)
        if low < high:
            for change in _changes_between(where, low, high):
                found.setdefault(change.at, change)
    return tuple(found[at] for at in sorted(found))


def scanned_transitions_in_year(zone_name: str, year: int) -> tuple[Transition, ...]:
    """The same by scanning the whole year in steps: the reference the tests compare against."""
    return tuple(
        _changes_between(zone(zone_name), datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC))
    )
