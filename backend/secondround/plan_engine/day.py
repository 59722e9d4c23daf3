"""Who does what at the end of the day (docs/product.md#the-end-of-the-day).

The day ends with the last person you meet: the closing block (what happens next, when they will
decide) is asked of them, so the decision time frame is the last thing you ask that day. Salary is
a conversation for someone who decides: it goes to the last decision-maker who can discuss it,
at the end of your time with them, even when others come after. A cancelled person is no longer
part of the day: they close nothing and get no salary question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from secondround.plan_engine.types import PanelMember


@dataclass(frozen=True, slots=True)
class DayEnd:
    last: int  # the last person you meet, cancelled people aside (-1: nobody left)
    decider: int  # the last decision-maker you meet (-1: nobody on the panel decides)


def day_end(panel: Sequence[PanelMember]) -> DayEnd:
    met = [i for i, m in enumerate(panel) if not m.cancelled]
    deciding = [i for i in met if panel[i].deciding]
    return DayEnd(last=met[-1] if met else -1, decider=deciding[-1] if deciding else -1)


def salary_seat(panel: Sequence[PanelMember], eligible: Sequence[int]) -> int:
    """Of the people (indices, meeting order) who may discuss salary, the one who gets it: the last
    decision-maker among them, else the last of them (-1: nobody may)."""
    for i in reversed(eligible):
        if panel[i].deciding:
            return i
    return eligible[-1] if eligible else -1
