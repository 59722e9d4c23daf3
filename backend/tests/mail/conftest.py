"""An app that sends mail, served on loopback next to a real SMTP server (aiosmtpd), and a way to run
the real mail worker (its own database connections, as `python -m secondround.worker` would) until
something holds."""

import asyncio
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from secondround.api.app_state import app_state
from secondround.config import Settings
from secondround.db.session import Database, DatabaseLimits
from secondround.mail.worker import MailWorker
from secondround.main import create_app
from tests.support.accounts import User, register_user
from tests.support.event_loop import run_async
from tests.support.serving import serve
from tests.support.smtp import SmtpServer


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def base_mail_settings(settings: Settings, smtp: SmtpServer) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp.port,
            # aiosmtpd on loopback offers no TLS; with it on, the sender calls smtplib's starttls() first.
            "smtp_starttls": False,
            "smtp_timeout_seconds": 3,
            "mail_from": "secondround <reminders@secondround.test>",
            "mail_retry_schedule": "0.2,0.2,0.2,0.2,0.2",
            "mail_reminder_scan_seconds": 0.05,
            "metrics": True,
        }
    )


@pytest.fixture(scope="module")
def mail_served(base_mail_settings: Settings) -> Iterator[tuple[str, Settings]]:
    app = create_app(base_mail_settings)
    with serve(app) as url:
        # Links in mails lead to this server (the web app and the API share it).
        app_state(app).settings = app_state(app).settings.model_copy(update={"public_url": url})
        yield url, app_state(app).settings
    app_state(app).database.dispose_sync()


@pytest.fixture(scope="module")
def mail_url(mail_served: tuple[str, Settings]) -> str:
    return mail_served[0]


@pytest.fixture(scope="module")
def mail_settings(mail_served: tuple[str, Settings]) -> Settings:
    """The served app's settings, which the tests' workers use too (same SMTP server, same links)."""
    return mail_served[1]


@pytest.fixture
def mail_user(mail_url: str) -> Iterator[User]:
    made = register_user(mail_url, "mail")
    yield made
    made.client.close()


async def _run_until(worker: MailWorker, until: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise AssertionError("the mail worker did not get there in time")
        if not await worker.run_once():
            await asyncio.sleep(0.02)


def deliver(settings: Settings, until: Callable[[], bool], *, timeout: float = 20, **overrides: Any) -> None:
    """Run one mail worker until `until()` is true (AssertionError after `timeout` seconds)."""
    chosen = settings.model_copy(update=overrides)

    async def go() -> None:
        database = Database(chosen.sqlalchemy_url, DatabaseLimits(pool_size=4))
        try:
            await _run_until(MailWorker(database, chosen), until, timeout)
        finally:
            await database.dispose()

    run_async(go())


def deliver_for(settings: Settings, seconds: float, **overrides: Any) -> None:
    """Run one worker for a while whatever happens (to show that nothing more is sent)."""
    end = time.monotonic() + seconds
    deliver(settings, lambda: time.monotonic() > end, timeout=seconds + 10, **overrides)
