"""The plans this process computed, each with the version of the facts it was computed from.

A plan is a pure function of its facts (plan_engine/ is pure; the run sheet reads no clock), so a
plan computed at one version of them is the plan at that version, whoever asks and whichever
process computed it. Every request reads the version from the database first (`loading.versions`,
one statement), so a change made through any process is seen at once: a stale plan would need a
change that moves no count, no `updated_at` and no sum of them. The plan, the readiness checklist
and the prep sheet of a round share one computation.

Bounded: the most recently used `SECONDROUND_PLAN_CACHE_SIZE` rounds (0 turns it off); one entry per
round, the latest version replacing the one before.
"""

import threading
import uuid
from collections import OrderedDict
from typing import Any

from secondround.plans.schemas import RoundPlanRead


class PlanCache:
    """A least-recently-used map of round id -> (version, plan); safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[uuid.UUID, tuple[Any, RoundPlanRead]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, round_id: uuid.UUID, version: Any) -> RoundPlanRead | None:
        """The plan computed at exactly this version of the round's facts, if it is still here."""
        with self._lock:
            entry = self._entries.get(round_id)
            if entry is None or entry[0] != version:
                self.misses += 1
                return None
            self._entries.move_to_end(round_id)
            self.hits += 1
            return entry[1]

    def put(self, round_id: uuid.UUID, version: Any, plan: RoundPlanRead) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._entries[round_id] = (version, plan)
            self._entries.move_to_end(round_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_plans = PlanCache(0)  # off until an app sizes it (main.create_app: configure)


def configure(size: int) -> None:
    """Size the process's cache from the app's settings (SECONDROUND_PLAN_CACHE_SIZE); made once,
    at app start, so no request pays for it. One cache per process: every app in it shares it,
    which is safe because an entry is only served at the exact version of its facts."""
    global _plans
    if _plans.size != size:
        _plans = PlanCache(size)


def plans() -> PlanCache:
    """The process's cache."""
    return _plans
