"""The round's spare time: minutes of the round no meeting or break uses (the run sheet's
`spare_minutes`). Salary and the closing are never cut short or left out while the round has
them: the person who asks them gets the time (docs/product.md#spare-time). Nothing else borrows,
so a long bank never eats the slack the user kept on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from secondround.helpers.vocabulary import Category

if TYPE_CHECKING:  # the engine's internal types; imported there, used here only as hints
    from secondround.plan_engine.engine import _Bucket, _Seat

_COMPENSATION = Category.COMPENSATION.value


def _lend(seat: _Seat, minutes: int) -> None:
    seat.extra += minutes
    seat.budget += minutes
    seat.left += minutes


def borrow_for_closing(seats: list[_Seat], spare: int) -> int:
    """After phase 0: a person whose closing block (with what was recorded with them) is longer
    than their time borrows the difference, as far as the spare time goes. Returns what is left."""
    for seat in seats:
        if spare <= 0:
            break
        if seat.closing and seat.reserved > seat.budget and not seat.member.cancelled:
            minutes = min(spare, seat.reserved - seat.budget)
            seat.extra += minutes
            seat.budget += minutes  # `left` stays 0: the borrowed minutes are the closing's
            spare -= minutes
    return spare


def borrow_for_salary(
    seats: list[_Seat], buckets: Iterable[_Bucket], placed: bytearray, spare: int, borrowed: set[int]
) -> int:
    """After every phase: each salary question still left out goes to the one person who may ask it
    in minutes borrowed from the spare time, pinned ones first, then the most important, while they
    fit. Returns the spare time left; adds the ranks it placed to `borrowed`."""
    waiting = sorted(
        (0 if b.pinned else 1, -b.importance, r, b)
        for b in buckets
        if b.category == _COMPENSATION and b.only is not None and b.only >= 0 and b.minutes <= spare
        for r in b.ranks
        if not placed[r]
    )
    for _, _, r, b in waiting:
        if b.minutes > spare:
            continue
        seat = seats[b.only]  # type: ignore[index]  # checked above: a seat, not None
        placed[r] = 1
        seat.placed.append(r)
        _lend(seat, b.minutes)
        seat.left -= b.minutes
        spare -= b.minutes
        borrowed.add(r)
    return spare
