"""When thank-you notes are due: from the end of the round, for 24 hours; after that they are still
there, flagged late. Pure: the round's facts and `now` in, the window out."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

WITHIN = timedelta(hours=24)


class NoteWindow(StrEnum):
    NOT_YET = "not_yet"  # the round is not over
    OPEN = "open"  # over, less than 24 hours ago (or completed with no time recorded)
    LATE = "late"  # over more than 24 hours ago


@dataclass(frozen=True, slots=True)
class Timing:
    window: NoteWindow
    opens_at: datetime | None  # the end of the round, when known
    late_after: datetime | None
    explanation: str


def timing(*, status: str, scheduled_at: datetime | None, duration_minutes: int | None, now: datetime) -> Timing:
    end = scheduled_at + timedelta(minutes=duration_minutes or 0) if scheduled_at is not None else None
    late_after = end + WITHIN if end is not None else None
    if status == "cancelled":
        return Timing(NoteWindow.NOT_YET, end, late_after, "The round is cancelled: there is nobody to thank for it.")
    if end is None:
        if status == "completed":
            return Timing(
                NoteWindow.OPEN, None, None, "The round is over: send your thank-you notes today, within 24 hours."
            )
        return Timing(
            NoteWindow.NOT_YET,
            None,
            None,
            "Thank-you notes open after the round. The round has no time yet: set it, or mark the round completed.",
        )
    if now < end and status != "completed":
        return Timing(
            NoteWindow.NOT_YET,
            end,
            late_after,
            "Thank-you notes open after the round: the drafts are here to look at, send them once it is over.",
        )
    if late_after is not None and now >= late_after:
        return Timing(
            NoteWindow.LATE,
            end,
            late_after,
            "More than 24 hours have passed since the round: a short note is still worth sending, "
            "the sooner the better.",
        )
    return Timing(NoteWindow.OPEN, end, late_after, "Send your thank-you notes within 24 hours of the round.")
