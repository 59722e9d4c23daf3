"""The run sheet: the panel laid out in time from the round's start, and the question time it suggests.

Pure: plain data in, plain data out, no database or HTTP. Times are instants (aware datetimes, UTC
from the API); meetings and breaks are elapsed minutes added to them, so a change of the clocks
during the round (daylight saving) neither stretches nor shrinks a meeting: only its local reading
jumps. Text meant for a person (the warnings) reads the times in the round's zone.

Rules (docs/decisions.md, "Run sheet"):
- Each person starts when the previous meeting and the break after it end; the first starts at the
  round's `scheduled_at`. The last person's break is after the panel, so it counts for nothing.
- A person without meeting minutes gets an even share of the round's time that the set meetings and
  the breaks leave (whole minutes, rounded down), when the round has a length and the share is at
  least MIN_ESTIMATED_MINUTES; otherwise their meeting is unknown, and so are their end and the
  times of everyone after them.
- Question minutes left unset are suggested from the meeting minutes (`suggested_question_minutes`);
  with no meeting minutes either, the old default of DEFAULT_QUESTION_MINUTES.
- A cancelled person's meeting leaves the day, with the break after it: the people after them move
  up, and its minutes become the round's spare time. They are listed, with no time and no minutes.
- Spare minutes: the round's length that meetings and breaks leave unused, when every meeting's
  length is known. The plan lends them to whoever asks salary or the closing (`extra`): that
  person's meeting grows by as much, the people after them move, and the spare time shrinks.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from secondround.helpers import local_time

# What the API gave every interviewer before meeting minutes existed.
DEFAULT_QUESTION_MINUTES = 10
# The floor of a suggestion: about two questions of the bank's default two minutes, plus their answers.
MIN_SUGGESTED_MINUTES = 5
# A share of the round shorter than this is no meeting: the user has to say how long it is.
MIN_ESTIMATED_MINUTES = 5


def suggested_question_minutes(meeting_minutes: int | None) -> int:
    """Minutes for your own questions in a meeting of `meeting_minutes`: about a quarter of it.

    Interviewers lead most of a meeting and leave its end for the candidate's questions; a quarter
    gives 10 of 40 minutes (the old default), 15 of an hour. Rounded half up to whole minutes, at
    least MIN_SUGGESTED_MINUTES, never more than the meeting itself."""
    if meeting_minutes is None:
        return DEFAULT_QUESTION_MINUTES
    quarter = (meeting_minutes + 2) // 4  # meeting/4 rounded half up, in integers
    return min(meeting_minutes, max(MIN_SUGGESTED_MINUTES, quarter))


@dataclass(frozen=True, slots=True)
class Slot:
    """One person of the panel, in meeting order, as the user set them (None: not set)."""

    interviewer_id: uuid.UUID
    name: str
    meeting_minutes: int | None
    break_after_minutes: int
    question_minutes: int | None
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class PersonTime:
    interviewer_id: uuid.UUID
    meeting_minutes: int | None  # what the layout uses: set, or estimated; None when unknown
    meeting_minutes_estimated: bool  # a share of the round's remaining time, not set by the user
    break_after_minutes: int  # as set; the last person's break is not part of the panel
    question_minutes: int  # what the plan engine gets
    question_minutes_suggested: bool  # not set by the user: suggested from the meeting minutes
    cancelled: bool
    spare_minutes_used: int  # borrowed from the round's spare time, in meeting_minutes and question_minutes
    starts_at: datetime | None  # None when the round is not scheduled or an earlier meeting is unknown
    ends_at: datetime | None


@dataclass(frozen=True, slots=True)
class RunSheet:
    people: tuple[PersonTime, ...]  # one per slot, same order
    starts_at: datetime | None
    ends_at: datetime | None  # when the last meeting ends; None when any time on the way is unknown
    duration_minutes: int | None  # the round's length, as set
    planned_minutes: int  # meetings (set or estimated) plus the breaks between them; unknown ones count 0
    overrun_minutes: int  # planned minus the round's length, when positive
    spare_minutes: int  # the round's length minus planned, when every meeting's length is known
    warnings: tuple[str, ...]  # plain sentences, times read in the round's zone


def zone_name(name: str) -> str:
    """The round's zone; an unknown name (the API refuses those) reads as UTC rather than failing."""
    try:
        return local_time.check_zone(name)
    except local_time.UnknownZone:
        return "UTC"


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _minutes(n: int) -> str:
    return "1 minute" if n == 1 else f"{n} minutes"


def _met(panel: Sequence[Slot]) -> list[Slot]:
    """The people you will really meet, in order: cancelled meetings leave the day."""
    return [s for s in panel if not s.cancelled]


def _meetings(panel: Sequence[Slot], duration_minutes: int | None) -> tuple[list[int | None], list[bool], list[str]]:
    """Each person's meeting minutes (set, estimated or None), which were estimated, and why not."""
    met = _met(panel)
    breaks = sum(s.break_after_minutes for s in met[:-1])
    unset = [s for s in met if s.meeting_minutes is None]
    share: int | None = None
    warnings: list[str] = []
    if unset:
        who = _names([s.name for s in unset])
        if duration_minutes is None:
            warnings.append(f"Set how long you meet {who}, or the round's length, to lay the panel out in time.")
        else:
            left = duration_minutes - breaks - sum(s.meeting_minutes or 0 for s in met)
            if left // len(unset) >= MIN_ESTIMATED_MINUTES:
                share = left // len(unset)
            else:
                warnings.append(
                    f"The meetings and breaks you set leave no time of the round's {_minutes(duration_minutes)} "
                    f"for {who}: set how long you meet them."
                )
    minutes = [s.meeting_minutes if s.meeting_minutes is not None or s.cancelled else share for s in panel]
    estimated = [s.meeting_minutes is None and share is not None and not s.cancelled for s in panel]
    return minutes, estimated, warnings


def lay_out(
    panel: Sequence[Slot],
    *,
    scheduled_at: datetime | None,
    duration_minutes: int | None,
    time_zone: str,
    extra: Mapping[uuid.UUID, int] | None = None,
) -> RunSheet:
    """`extra`: minutes of the spare time lent to a person (by the plan, for salary or the closing)."""
    zone = zone_name(time_zone)
    extra = extra or {}
    # In UTC before any arithmetic: Python adds a timedelta to a zoned time on the wall clock, which
    # would make a meeting across a change of the clocks an hour too long or too short.
    scheduled_at = scheduled_at.astimezone(UTC) if scheduled_at is not None else None
    minutes, estimated, warnings = _meetings(panel, duration_minutes)
    people: list[PersonTime] = []
    cursor = scheduled_at  # when the next person starts, while every time so far is known
    met = _met(panel)
    last_met = max((i for i, s in enumerate(panel) if not s.cancelled), default=-1)
    for index, (slot, meeting, guessed) in enumerate(zip(panel, minutes, estimated, strict=True)):
        if slot.cancelled:
            people.append(_cancelled(slot))
            continue
        last = index == last_met
        lent = max(0, extra.get(slot.interviewer_id, 0))
        if meeting is not None:
            meeting += lent
        starts = cursor
        ends = starts + timedelta(minutes=meeting) if starts is not None and meeting is not None else None
        cursor = ends + timedelta(minutes=slot.break_after_minutes) if ends is not None and not last else None
        suggested = slot.question_minutes is None
        question = (
            suggested_question_minutes(None if meeting is None else meeting - lent)
            if suggested
            else slot.question_minutes
        )
        assert question is not None  # set, or suggested above
        question += lent
        if not suggested and meeting is not None and question > meeting:
            warnings.append(
                f"{slot.name}: {_minutes(question)} of your questions do not fit in "
                f"{'the estimated ' if guessed else 'a '}{meeting}-minute meeting."
            )
        people.append(
            PersonTime(
                interviewer_id=slot.interviewer_id,
                meeting_minutes=meeting,
                meeting_minutes_estimated=guessed,
                break_after_minutes=slot.break_after_minutes,
                question_minutes=question,
                question_minutes_suggested=suggested,
                cancelled=False,
                spare_minutes_used=lent,
                starts_at=starts,
                ends_at=ends,
            )
        )
    planned = sum(p.meeting_minutes or 0 for p in people if not p.cancelled)
    planned += sum(s.break_after_minutes for s in met[:-1])
    overrun = max(0, planned - duration_minutes) if duration_minutes is not None else 0
    known = all(p.meeting_minutes is not None for p in people if not p.cancelled)
    spare = max(0, duration_minutes - planned) if duration_minutes is not None and known else 0
    ends_at = next((p.ends_at for p in reversed(people) if not p.cancelled), None)
    if overrun:
        text = f"The panel takes {_minutes(planned)}, {overrun} more than the round's {_minutes(duration_minutes or 0)}"
        if scheduled_at is not None and ends_at is not None and duration_minutes is not None:
            booked = scheduled_at + timedelta(minutes=duration_minutes)
            late, due = local_time.format_time(ends_at, zone), local_time.format_time(booked, zone)
            text += f": it ends at {late} instead of {due}"
        warnings.insert(0, text + ". Shorten a meeting or a break, or ask for more time.")
    return RunSheet(
        people=tuple(people),
        starts_at=scheduled_at,
        ends_at=ends_at,
        duration_minutes=duration_minutes,
        planned_minutes=planned,
        overrun_minutes=overrun,
        spare_minutes=spare,
        warnings=tuple(warnings),
    )


def _cancelled(slot: Slot) -> PersonTime:
    return PersonTime(
        interviewer_id=slot.interviewer_id,
        meeting_minutes=slot.meeting_minutes,
        meeting_minutes_estimated=False,
        break_after_minutes=slot.break_after_minutes,
        question_minutes=0,
        question_minutes_suggested=slot.question_minutes is None,
        cancelled=True,
        spare_minutes_used=0,
        starts_at=None,
        ends_at=None,
    )
