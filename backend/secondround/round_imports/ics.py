"""An .ics invitation (RFC 5545, what a recruiter's calendar sends) as an `ImportedInterview`.
Pure: no database, no HTTP. Parsed by the `icalendar` library; this module only picks the fields.

One invitation is one event: a file with more than one VEVENT is refused before it is parsed (a
calendar export of 10,000 events costs nothing to refuse), and so is anything icalendar cannot read.
The UID names the round (source `ics`): the same invitation again, updated or cancelled
(METHOD:CANCEL or STATUS:CANCELLED), changes that round."""

import re
from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Component

from secondround.helpers.vocabulary import RoundStatus
from secondround.round_imports import interview
from secondround.round_imports.interview import ImportedInterview, ImportedPerson, InterviewImportError

SOURCE = "ics"
MAX_EVENTS = 1
# What a person's calendar sends is a few kilobytes; the server reads at most 1 MiB anyway.
_EVENT_START = re.compile(rb"^BEGIN:VEVENT\s*$", re.IGNORECASE | re.MULTILINE)
# "Dana Ortega (Engineering manager)": a title in brackets after the name.
_NAME_AND_TITLE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<title>[^()]+)\)$")
# Calendar users that are not people (RFC 5545 CUTYPE).
_NOT_PEOPLE = {"ROOM", "RESOURCE", "GROUP"}


def _text(component: Component, name: str) -> str | None:
    value = component.get(name)
    if value is None:
        return None
    if isinstance(value, list):  # a property given twice: the first counts
        value = value[0] if value else None
    return None if value is None else str(value)


def _email(address: Any) -> str | None:
    text = str(address).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    text = text.strip()
    return text if "@" in text and " " not in text and len(text) <= 320 else None


def _person(address: Any) -> ImportedPerson | None:
    params = getattr(address, "params", {}) or {}
    if str(params.get("CUTYPE", "INDIVIDUAL")).upper() in _NOT_PEOPLE:
        return None
    email = _email(address)
    common_name = params.get("CN")
    if isinstance(common_name, list):  # CN=Jo Smith, CEO without quotes: read as two values
        common_name = ", ".join(str(part) for part in common_name)
    label = interview.clean(common_name, interview.NAME_CAP)
    title = None
    if label:
        found = _NAME_AND_TITLE.match(label)
        if found:
            label, title = found["name"].strip(), found["title"].strip()
    name = label or (email.split("@")[0] if email else None)
    name = interview.clean(name, interview.NAME_CAP)
    if name is None:
        return None
    declined = str(params.get("PARTSTAT", "")).upper() == "DECLINED"
    return ImportedPerson(name=name, email=email, title=interview.clean(title, interview.NAME_CAP), declined=declined)


def _moment(event: Component, name: str) -> datetime | date | None:
    if name not in event:
        return None
    value = event.decoded(name)
    return value if isinstance(value, date) else None


def parse(body: bytes) -> ImportedInterview:
    """The one event of an .ics body; InterviewImportError (a plain sentence) when it cannot be used."""
    events = len(_EVENT_START.findall(body))
    if events == 0:
        raise InterviewImportError(
            "The calendar file holds no event (no BEGIN:VEVENT): send the invitation's .ics file as it came."
        )
    if events > MAX_EVENTS:
        raise InterviewImportError(
            f"The calendar file holds {events:,} events; import one invitation (one event) at a time."
        )
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InterviewImportError("The calendar file is not UTF-8 text, as .ics files must be.") from None
    try:
        calendar = Calendar.from_ical(text)
        found = calendar.walk("VEVENT")
        event = found[0] if found else None
        if event is None:
            raise InterviewImportError("The calendar file holds no event it could read.")
        return _read(calendar, event)
    except InterviewImportError:
        raise
    except Exception as exc:  # noqa: BLE001 - icalendar raises many kinds for a broken file; all mean "unreadable"
        reason = " ".join(str(exc).split())[:200]
        raise InterviewImportError(f"The calendar file could not be read ({reason}).") from None


def _read(calendar: Component, event: Component) -> ImportedInterview:
    uid = interview.clean(_text(event, "UID"), 255)
    if uid is None:
        raise InterviewImportError("The event has no UID, so it could not be told apart from other invitations.")
    start = _moment(event, "DTSTART")
    if start is None:
        raise InterviewImportError("The event has no start (DTSTART) that could be read.")
    end = _moment(event, "DTEND")
    if end is None and "DURATION" in event:
        length = event.decoded("DURATION")
        end = start + length if isinstance(length, timedelta) else None
    remarks: list[str] = []
    timed = isinstance(start, datetime)
    zone_name = getattr(start.tzinfo, "key", None) if isinstance(start, datetime) else None
    location = interview.clean(_text(event, "LOCATION"), interview.LOCATION_CAP)
    description = _text(event, "DESCRIPTION")
    method = (_text(calendar, "METHOD") or "").upper()
    cancelled = method == "CANCEL" or (_text(event, "STATUS") or "").upper() == "CANCELLED"
    people: list[ImportedPerson] = []
    attendees = event.get("ATTENDEE") or []
    for address in attendees if isinstance(attendees, list) else [attendees]:
        person = _person(address)
        if person is not None:
            people.append(person)
    organizer = event.get("ORGANIZER")
    if organizer is not None:
        sender = _person(organizer)
        if sender is not None and all(
            (p.email or "").casefold() != (sender.email or "").casefold() or not p.email for p in people
        ):
            remarks.append(f"Sent by {sender.name}, who is not on the panel (not invited as an attendee).")
    if isinstance(start, datetime) and start.tzinfo is None:
        remarks.append("The start has no time zone (a floating time): it is read in your account's zone.")
    return ImportedInterview(
        source=SOURCE,
        external_id=uid,
        title=interview.clean(_text(event, "SUMMARY"), interview.NAME_CAP),
        start=start if isinstance(start, datetime) else None,
        zone_name=zone_name if isinstance(zone_name, str) else None,
        all_day=start if not timed else None,
        duration_minutes=interview.duration(start, end),
        location=location,
        video_url=interview.video_link(
            dedicated=_text(event, "X-GOOGLE-CONFERENCE"), location=location, description=description
        ),
        status=RoundStatus.CANCELLED if cancelled else None,
        people=people,
        remarks=remarks,
    )
