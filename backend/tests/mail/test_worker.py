"""The mail worker's claims: a worker told to stop before it sends hands its claimed mails back (due
at once, the attempt not counted), and another worker sends them; a worker with no SMTP host set
does nothing at all."""

import asyncio

from sqlalchemy import select
from sqlmodel import Session, col

from secondround.db.session import Database, DatabaseLimits, create_db_engine
from secondround.mail.worker import MailWorker
from secondround.models import MailMessage
from tests.mail.conftest import deliver
from tests.support.event_loop import run_async
from tests.support.serving import new_client

RESET = "/api/v1/auth/password-reset"


def rows_for(settings, email: str) -> list[tuple[str, int]]:
    engine = create_db_engine(settings.sqlalchemy_url)
    with Session(engine) as db:
        found = db.execute(
            select(col(MailMessage.state), col(MailMessage.attempts)).where(col(MailMessage.recipient) == email)
        ).all()
    engine.dispose()
    return [(state, attempts) for state, attempts in found]


def test_a_stopping_worker_hands_its_mail_back_and_another_sends_it(mail_url, mail_settings, smtp, mail_user):
    anon = new_client(mail_url)
    assert anon.post(RESET, json={"email": mail_user.email}).status_code == 202
    anon.close()
    assert rows_for(mail_settings, mail_user.email) == [("pending", 0)]

    async def stopped() -> int:
        database = Database(mail_settings.sqlalchemy_url, DatabaseLimits(pool_size=2))
        stop = asyncio.Event()
        stop.set()  # told to stop as it claims: nothing may be sent, everything is handed back
        try:
            return await MailWorker(database, mail_settings).run_once(stop)
        finally:
            await database.dispose()

    assert run_async(stopped()) == 0
    assert rows_for(mail_settings, mail_user.email) == [("pending", 0)], "due again at once, the attempt not counted"
    assert smtp.inbox.to(mail_user.email) == []
    deliver(mail_settings, lambda: len(smtp.inbox.to(mail_user.email)) == 1)
    assert rows_for(mail_settings, mail_user.email) == [("sent", 1)]


def test_without_an_smtp_host_the_worker_does_nothing(settings):
    async def once() -> int:
        database = Database(settings.sqlalchemy_url, DatabaseLimits(pool_size=2))
        try:
            worker = MailWorker(database, settings)
            await worker.run(asyncio.Event())  # returns at once: there is nothing it could send
            return await worker.run_once()
        finally:
            await database.dispose()

    assert not settings.mail_enabled
    assert run_async(once()) == 0
