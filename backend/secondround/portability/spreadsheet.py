"""The job-search spreadsheet (GET /api/v1/export.csv): pure, built from an export document.

One row per round (an application without rounds has one row of its own), in columns a person reads:
what an employment agency asks to see. UTF-8 with a byte order mark, so Excel shows accents and
other scripts right (LibreOffice and Google Sheets ignore the mark); CRLF line ends (RFC 4180).
A cell that a spreadsheet would run as a formula (= + - @, tab, carriage return first) gets a
leading apostrophe, so a company named `=HYPERLINK(...)` stays text.
"""

import csv
import io
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from secondround.helpers.vocabulary import ROUND_KIND_LABELS
from secondround.portability.document import ExportDocument, ExportedInterviewer, ExportedRound

BOM = "\ufeff"
COLUMNS = (
    "Company",
    "Position",
    "Location",
    "Job link",
    "Found via",
    "Applied on",
    "Application status",
    "Round",
    "Round type",
    "Date",
    "Time",
    "Time zone",
    "Round status",
    "Outcome",
    "People met",
    "Follow up on",
    "Followed up on",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell's text, with an apostrophe first when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _when(round_: ExportedRound) -> tuple[str, str]:
    if round_.scheduled_at is None:
        return "", ""
    local = round_.scheduled_at.astimezone(ZoneInfo(round_.time_zone))
    return local.date().isoformat(), local.strftime("%H:%M")


def _day(value: datetime | None, zone: str) -> str:
    return "" if value is None else value.astimezone(ZoneInfo(zone)).date().isoformat()


def rows(doc: ExportDocument) -> list[list[str]]:
    """The header, then a row per round in each application's round order (applications oldest first)."""
    rounds: dict[uuid.UUID, list[ExportedRound]] = {}
    for r in sorted(doc.rounds, key=lambda r: r.sequence):
        rounds.setdefault(r.application_id, []).append(r)
    people: dict[uuid.UUID, list[ExportedInterviewer]] = {}
    for p in sorted(doc.interviewers, key=lambda p: p.order):
        people.setdefault(p.round_id, []).append(p)
    out: list[list[object]] = [list(COLUMNS)]
    for app in sorted(doc.applications, key=lambda a: (a.applied_on is None, a.applied_on, a.created_at)):
        first: list[object] = [
            app.company,
            app.position,
            app.location,
            app.job_url,
            app.source,
            app.applied_on.isoformat() if app.applied_on else "",
            _label(app.status),
        ]
        for number, r in enumerate(rounds.get(app.id, []), start=1):
            day, time = _when(r)
            met = "; ".join(
                p.name + (f" ({p.title})" if p.title else "") for p in people.get(r.id, []) if not p.cancelled
            )
            out.append(
                [
                    *first,
                    str(number),
                    ROUND_KIND_LABELS.get(r.kind, _label(r.kind)),
                    day,
                    time,
                    r.time_zone if r.scheduled_at else "",
                    _label(r.status),
                    _label(r.outcome),
                    met,
                    r.follow_up_on.isoformat() if r.follow_up_on else "",
                    _day(r.followed_up_at, r.time_zone),
                ]
            )
        if app.id not in rounds:
            out.append([*first] + [""] * (len(COLUMNS) - len(first)))
    return [[safe_cell(cell) for cell in row] for row in out]


def render(doc: ExportDocument) -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows(doc))
    return buffer.getvalue().encode("utf-8")
