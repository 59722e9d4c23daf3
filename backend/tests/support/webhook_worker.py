"""Running the real delivery worker from a test: its own database connections (as a separate
`python -m secondround.worker` process would have), settings of the test's choosing (a tiny retry
schedule), until a condition holds."""

import asyncio
import time
from collections.abc import Callable
from typing import Any

from secondround.config import Settings
from secondround.db.session import Database, DatabaseLimits
from secondround.webhooks.worker import DeliveryWorker
from tests.support.event_loop import run_async


def worker_settings(settings: Settings, **overrides: Any) -> Settings:
    return settings.model_copy(update={"webhook_timeout_seconds": 3, **overrides})


async def run_until(worker: DeliveryWorker, until: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise AssertionError("the worker did not get there in time")
        if not await worker.run_once():
            await asyncio.sleep(0.02)


def drive(settings: Settings, until: Callable[[], bool], *, timeout: float = 20, **overrides: Any) -> None:
    """Run one worker until `until()` is true (AssertionError after `timeout` seconds)."""
    chosen = worker_settings(settings, **overrides)

    async def go() -> None:
        database = Database(chosen.sqlalchemy_url, DatabaseLimits(pool_size=4))
        try:
            await run_until(DeliveryWorker(database, chosen), until, timeout)
        finally:
            await database.dispose()

    run_async(go())


def drive_for(settings: Settings, seconds: float, **overrides: Any) -> None:
    """Run one worker for a while, whatever happens (to show that nothing more is sent)."""
    end = time.monotonic() + seconds
    drive(settings, lambda: time.monotonic() > end, timeout=seconds + 10, **overrides)
