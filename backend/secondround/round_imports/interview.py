"""A scheduled interview as another system describes it (a Greenhouse scheduled interview, an .ics
invitation), reduced to what a round and its panel hold. Pure: no database, no HTTP.

greenhouse.py and ics.py each make an `ImportedInterview`; the service turns it into a round and
people. The choices where the sources are silent (docs/decisions.md, "Importing a scheduled
interview") live here: which zone the round gets, its kind, the video link and the text caps."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from secondround.helpers import local_time
from secondround.helpers.vocabulary import RoundKind, RoundStatus

# What one import may bring: more people than this is refused, not cut (decisions.md).
MAX_PEOPLE = 20
# Text caps of the columns the values land in (api/fields.py: ShortText, MediumText, UrlText).
NAME_CAP, LOCATION_CAP, URL_CAP = 200, 2000, 2048

# Hosts whose links are video calls: a link to one of them in an invitation's description is the
# call (any other link there may be the company's site). A location's link is taken whatever it is.
VIDEO_HOSTS = (
    "zoom.us",
    "zoom.com",
    "meet.google.com",
    "teams.microsoft.com",
    "teams.live.com",
    "webex.com",
    "whereby.com",
    "meet.jit.si",
    "gotomeeting.com",
    "bluejeans.com",
    "chime.aws",
    "around.co",
)


class InterviewImportError(ValueError):
    """An import that cannot be used; the message is a plain sentence for the person who sent it."""


@dataclass(frozen=True)
class ImportedPerson:
    name: str
    email: str | None = None
    title: str | None = None
    declined: bool = False  # they said no: kept on the panel, marked as not coming


@dataclass(frozen=True)
class ImportedInterview:
    source: str  # "greenhouse" or "ics"
    external_id: str
    title: str | None = None  # the interview's name ("Technical interview")
    start: datetime | None = None  # aware: an instant; naive: a wall clock in the account's zone
    zone_name: str | None = None  # an IANA zone the source named for the start (an .ics TZID)
    all_day: date | None = None
    duration_minutes: int | None = None
    location: str | None = None
    video_url: str | None = None
    status: RoundStatus | None = None  # None: leave the round's status as it is
    people: list[ImportedPerson] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)  # what the import decided, in plain sentences


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: object, cap: int, *, one_line: bool = True) -> str | None:
    """Text from another system made fit for a column: no control characters (a line break becomes a
    space in one-line fields), spaces trimmed, at most `cap` characters; None when nothing is left."""
    if not isinstance(text, str):
        return None
    value = _CONTROL.sub(" ", text)
    if one_line:
        value = " ".join(value.split())
    value = value.strip()[:cap].strip()
    if not value or all(unicodedata.category(c) in ("Cf", "Zs", "Mn", "Zl", "Zp", "Cc") for c in value):
        return None
    return value


def duration(start: datetime | date | None, end: datetime | date | None) -> int | None:
    """Whole minutes from start to end when that is a round's length (1 minute to a day), else None."""
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return None
    if (start.tzinfo is None) != (end.tzinfo is None):
        return None
    minutes = int((end - start) / timedelta(minutes=1))
    return minutes if 1 <= minutes <= 24 * 60 else None


def _fixed_offset_zone(offset: timedelta) -> str | None:
    """The IANA zone with this constant offset (`Etc/GMT-1` is UTC+1: the sign is POSIX's), when
    the offset is a whole number of hours that tzdata has."""
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest or not -12 <= hours <= 14 or hours == 0:
        return None
    return f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"


# Names of UTC itself: an instant written in UTC says nothing about where the meeting is.
_UTC_NAMES = frozenset({"UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z", "UNIVERSAL", "ETC/UNIVERSAL", "ZULU", "ETC/ZULU"})


def zone_for(start: datetime | None, named: str | None, account_zone: str) -> tuple[str, str | None]:
    """The zone a round gets from an imported start, and a remark when it is not the account's.

    A zone the source names (an .ics TZID that tzdata knows) is kept. An offset of zero (`Z`) is how
    systems write instants, not where a meeting is: the account's zone. Another offset: the account's
    zone when its offset at that instant is the same; else the fixed-offset zone (Etc/GMT-5 for
    +05:00) so the times read as the sender wrote them; an offset no such zone has (+05:30): the
    account's zone. A wall clock without offset is read in the account's zone."""
    if named and named.upper() not in _UTC_NAMES:
        try:
            return local_time.check_zone(named), None
        except local_time.LocalTimeError:
            pass
    if start is None or start.tzinfo is None:
        return account_zone, None
    offset = start.utcoffset()
    if offset is None or offset == timedelta(0):
        return account_zone, None
    if local_time.to_local(start, account_zone).utcoffset() == offset:
        return account_zone, None
    fixed = _fixed_offset_zone(offset)
    if fixed is None:
        return account_zone, None
    shown = local_time.offset_text(offset)
    return (
        fixed,
        f"The start was sent with the offset {shown}, which is not your zone's; "
        f"the round is kept in {fixed} (UTC{shown}).",
    )


def kind_for(title: str | None) -> RoundKind:
    """The round's kind from the interview's name: "Phone screen" is a screen, "Final"/"Onsite" a final round."""
    words = f" {re.sub(r'[^0-9a-z]+', ' ', (title or '').casefold())} "
    if " screen " in words or " screening " in words or " intro " in words:
        return RoundKind.SCREEN
    if " final " in words or " onsite " in words or " on site " in words:
        return RoundKind.FINAL
    if " second " in words or " 2nd " in words:
        return RoundKind.SECOND
    if " first " in words or " 1st " in words:
        return RoundKind.FIRST
    return RoundKind.OTHER


_EDGES = "<>()[]{}\"'.,;!?*|"


def urls_in(text: str | None, *, limit: int = 10_000) -> list[str]:
    """The http(s) links in a text, in order: each whitespace-separated word (trimmed of the
    brackets, quotes and punctuation around it) that urllib reads as a URL with a host."""
    found: list[str] = []
    for word in (text or "").split()[:limit]:
        candidate = word.strip(_EDGES)
        if len(candidate) > URL_CAP or not candidate.isascii() or not candidate.isprintable():
            continue
        try:
            parts = urlsplit(candidate)
        except ValueError:
            continue
        if parts.scheme.lower() in ("http", "https") and parts.hostname:
            found.append(candidate)
    return found


def is_video_link(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in VIDEO_HOSTS)


def video_link(*, dedicated: str | None, location: str | None, description: str | None) -> str | None:
    """The call's link: a field that holds only that (X-GOOGLE-CONFERENCE, Greenhouse's
    video_conferencing_url), else a link in the location, else a video-call link in the description."""
    for url in urls_in(dedicated):
        return url
    for url in urls_in(location):
        return url
    for url in urls_in(description):
        if is_video_link(url):
            return url
    return None


def location_text(location: str | None, video_url: str | None) -> str | None:
    """The round's one `location`: the place, and the call's link after it when it is not in it."""
    place = clean(location, LOCATION_CAP)
    if video_url and (place is None or video_url not in place):
        place = f"{place} · {video_url}" if place else video_url
    return clean(place, LOCATION_CAP)


def leave_out(people: list[ImportedPerson], own_email: str | None) -> tuple[list[ImportedPerson], list[str]]:
    """The panel without the candidate (the account's own email) and without a person listed twice
    (same email, else same name); the names left out."""
    own = (own_email or "").casefold()
    kept: list[ImportedPerson] = []
    seen: set[str] = set()
    dropped: list[str] = []
    for person in people:
        key = (person.email or "").casefold() or "name:" + " ".join(person.name.split()).casefold()
        if own and (person.email or "").casefold() == own:
            dropped.append(person.name)
            continue
        if key in seen:
            continue
        seen.add(key)
        kept.append(person)
    return kept, dropped
