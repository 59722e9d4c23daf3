"""Running the service: `serve`, `migrate` and `worker` (the same as `python -m secondround.server`,
`make migrate` and `python -m secondround.worker`, configured by the same SECONDROUND_* settings)."""

from enum import StrEnum
from typing import Annotated

import typer

from secondround.cli.errors import CliError, ExitCode, say


class LogLevel(StrEnum):
    CRITICAL = "critical"
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    DEBUG = "debug"


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on; 0 picks a free one.")] = 8000,
    log_level: Annotated[LogLevel, typer.Option(help="How much the server logs.")] = LogLevel.INFO,
    no_access_log: Annotated[bool, typer.Option("--no-access-log", help="Leave out one line per request.")] = False,
    workers: Annotated[int, typer.Option(min=1, help="Server processes sharing the port (about one per core).")] = 1,
) -> None:
    """Serve the API and the web app as in production (what `make run` runs after migrating).

    Uvicorn with the limits a public server needs: header, body and send deadlines and a connection
    cap (README, "Configuration"). The line "listening on http://..." names the address.
    """
    from secondround.server.production import main as serve_main

    argv = ["--host", host, "--port", str(port), "--log-level", log_level.value, "--workers", str(workers)]
    if no_access_log:
        argv.append("--no-access-log")
    serve_main(argv)


def migrate(
    revision: Annotated[str, typer.Option(help="Migrate to this revision instead of the newest.")] = "head",
) -> None:
    """Bring the database (SECONDROUND_DATABASE_URL, else ./data/secondround.db) up to date: `alembic upgrade
    head`, as `make migrate` does. Safe to run again: an up-to-date database is left as it is."""
    from sqlalchemy.engine import make_url

    from secondround.config import get_settings
    from secondround.db.migrations import alembic_config, upgrade

    url = get_settings().sqlalchemy_url
    shown = make_url(url).render_as_string(hide_password=True)
    say(f"Migrating {shown} ...")
    try:
        upgrade(url, revision)
    except Exception as error:  # the driver's or Alembic's own words, without a traceback
        raise CliError(f"The migration stopped: {error}", ExitCode.REFUSED) from None
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    say(f"The database is up to date (revision {head if revision == 'head' else revision}).")


def worker() -> None:
    """Deliver webhooks in a process of its own (as `python -m secondround.worker`); stop it with Ctrl-C
    or SIGTERM. Run it next to servers started with SECONDROUND_WEBHOOK_WORKER_IN_PROCESS=false."""
    import asyncio
    import logging

    from secondround.worker import main as worker_main

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(worker_main())


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Run the service")(serve)
    app.command(rich_help_panel="Run the service")(migrate)
    app.command(rich_help_panel="Run the service")(worker)
