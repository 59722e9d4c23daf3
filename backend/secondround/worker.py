"""`python -m secondround.worker`: the webhook delivery worker and the mail sender, as a process of
their own (the mail sender does nothing without SECONDROUND_SMTP_HOST).

Run one or more next to the API (with SECONDROUND_WEBHOOK_WORKER_IN_PROCESS=false there) on
PostgreSQL; on SQLite run one, or leave the worker inside the API process (the default).
"""

import asyncio
import logging
import signal

from secondround.config import get_settings
from secondround.db.session import Database, DatabaseLimits
from secondround.mail.worker import MailWorker
from secondround.observability.logs import configure_logging
from secondround.webhooks.worker import DeliveryWorker


async def main() -> None:
    settings = get_settings()
    database = Database(settings.sqlalchemy_url, DatabaseLimits(pool_size=4))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    logging.getLogger("secondround.webhooks").info("webhook worker started")
    if settings.mail_enabled:
        mail_log = logging.getLogger("secondround.mail")
        mail_log.info("mail sender started (SMTP %s:%s)", settings.smtp_host, settings.smtp_port)
    try:
        await asyncio.gather(DeliveryWorker(database, settings).run(stop), MailWorker(database, settings).run(stop))
    finally:
        await database.dispose()


if __name__ == "__main__":
    settings = get_settings()
    configure_logging(settings.log_format, settings.log_level)
    asyncio.run(main())
