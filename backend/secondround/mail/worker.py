"""The mail worker: looks for accounts whose morning has come (mail/reminders.py) and writes their
reminder to the outbox, then claims due mails and sends them over SMTP (mail/sender.py), with
retries on `mail_retry_schedule` and a bound after which a mail is given up.

It runs beside the webhook worker: inside each API process by default (main.py's lifespan), or in
`python -m secondround.worker`. It does nothing at all without `SECONDROUND_SMTP_HOST`. On stop, the
mail being sent finishes (each SMTP command has its timeout) and the rest of the batch is handed
back (`outbox.release`) for another worker.
"""

import asyncio
import logging
import threading
import time

from secondround.config import Settings
from secondround.db.session import Database
from secondround.mail import outbox, reminders, sender

log = logging.getLogger("secondround.mail")

BATCH_SIZE = 10


class MailWorker:
    """Sends the mail outbox. `run_once` does one round of work; `run` loops until `stop` is set."""

    def __init__(self, database: Database, settings: Settings, *, batch_size: int = BATCH_SIZE) -> None:
        self.database = database
        self.settings = settings
        self.batch_size = batch_size
        self.delays = settings.mail_retry_delays
        # Longer than a whole batch can take (connect, sign in, every mail at its timeout).
        self.lease_seconds = settings.smtp_timeout_seconds * (batch_size + 4) + 30
        self._next_scan = 0.0

    async def scan_reminders(self) -> int:
        """Write the reminder of every account whose morning has come and has none for today; each
        account in a transaction of its own. Returns how many mails were written."""
        due = await self.database.read(reminders.accounts_due, reminders.now())
        written = 0
        for account in due:
            written += int(await self.database.in_transaction(reminders.remind, self.settings, account))
        return written

    async def prune(self) -> int:
        await self.database.in_transaction(reminders.prune_days)
        return int(await self.database.in_transaction(outbox.prune, self.settings.mail_retention_days))

    async def run_once(self, stop: asyncio.Event | None = None) -> int:
        """Scan for reminders and prune (at most every `mail_reminder_scan_seconds`), then claim and
        send one batch; returns how many mails were tried."""
        if not self.settings.mail_enabled:
            return 0
        if time.monotonic() >= self._next_scan:
            self._next_scan = time.monotonic() + self.settings.mail_reminder_scan_seconds
            await self.scan_reminders()
            await self.prune()
        if not await self.database.read(outbox.anything_due):
            return 0
        claims: list[outbox.MailClaim] = await self.database.in_transaction(
            outbox.claim, self.batch_size, self.lease_seconds
        )
        if not claims:
            return 0
        stopping = threading.Event()
        watcher = asyncio.ensure_future(stop.wait()) if stop is not None else None
        if watcher is not None:
            watcher.add_done_callback(lambda _f: stopping.set())
        try:
            # Shielded: the thread cannot be cancelled, and its results must be recorded.
            done = await asyncio.shield(asyncio.to_thread(sender.send_batch, self.settings, claims, stopping))
        finally:
            if watcher is not None:
                watcher.cancel()
        tried = {item.mail_id for item, _outcome in done}
        handed_back = [c for c in claims if c.mail_id not in tried]
        if done:
            await self.database.in_transaction(outbox.finish, done, self.delays)
            failed = [o.error for _c, o in done if not o.sent]
            if failed:
                log.warning("%d of %d mails were not sent: %s", len(failed), len(done), failed[0])
        if handed_back:
            await self.database.in_transaction(outbox.release, handed_back)
            log.info("handed %d mails back on shutdown", len(handed_back))
        return len(done)

    async def run(self, stop: asyncio.Event) -> None:
        if not self.settings.mail_enabled:
            return
        while not stop.is_set():
            try:
                worked = await self.run_once(stop)
            except Exception:  # a database hiccup must not end the worker; try again shortly
                log.exception("mail round failed")
                worked = 0
            if worked and not stop.is_set():
                continue
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.settings.mail_poll_seconds)
            except TimeoutError:
                pass
