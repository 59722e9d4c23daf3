"""CPU-heavy steps that services call (password hashing, password strength, the calendar feed's
rendering) kept off the event loop.

`db.run` runs a service on the event loop inside a greenlet (PostgreSQL, and SQLite reads): a
100 ms Argon2 hash or a second of feed rendering there would stall every other request. Called
from such a greenlet, `off_the_loop` hands the step to a worker thread and waits for it without
blocking the loop; called anywhere else (SQLite writes already run in a worker thread, tools,
tests) it simply runs it.
"""

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from anyio import CapacityLimiter, to_thread
from sqlalchemy.util.concurrency import await_, in_greenlet

P = ParamSpec("P")
T = TypeVar("T")

# Two at a time: an Argon2 hash takes 64 MiB and a core; more would only queue on the CPU.
_threads = CapacityLimiter(2)


def off_the_loop(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    if in_greenlet():
        return await_(to_thread.run_sync(lambda: fn(*args, **kwargs), limiter=_threads))
    return fn(*args, **kwargs)
