"""Running the service: `serve`, `migrate`, `worker`, `backup` and `restore` (the same as
`python -m secondround.server`, `make migrate`, `python -m secondround.worker` and
`python -m secondround.backup`, configured by the same SECONDROUND_* settings)."""

from enum import StrEnum
from pathlib import Path
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
    """Deliver webhooks and send mail in a process of its own (as `python -m secondround.worker`); stop it with Ctrl-C
    or SIGTERM. Run it next to servers started with SECONDROUND_WEBHOOK_WORKER_IN_PROCESS=false."""
    import asyncio

    from secondround.config import get_settings
    from secondround.observability.logs import configure_logging
    from secondround.worker import main as worker_main

    settings = get_settings()
    configure_logging(settings.log_format, settings.log_level)
    asyncio.run(worker_main())


def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the backup (replaced only once it is complete).")],
) -> None:
    """Back up the whole database (SECONDROUND_DATABASE_URL) to FILE while the server runs: SQLite's online
    backup API, or `pg_dump --format=custom` for PostgreSQL. The file is readable by its owner only."""
    from secondround import backup as backups
    from secondround.config import get_settings

    try:
        done = backups.backup(get_settings().database_url, file)
    except backups.BackupError as error:
        raise CliError(str(error), ExitCode.REFUSED) from None
    say(f"Backed up the {done.engine} database (schema {done.revision}) to {done.path}.")


def restore(
    file: Annotated[Path, typer.Argument(help="A backup made by `secondround backup`.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite a database that is not empty (stop the servers first).")
    ] = False,
) -> None:
    """Load a backup into the database (SECONDROUND_DATABASE_URL): an empty one, or any with --replace.
    A file of the other engine, a damaged file or one from a newer secondround is refused, and nothing changes."""
    from secondround import backup as backups
    from secondround.config import get_settings
    from secondround.db.migrations import head_revision

    try:
        done = backups.restore(get_settings().database_url, file, replace=replace)
    except backups.BackupError as error:
        raise CliError(str(error), ExitCode.REFUSED) from None
    say(f"Restored {done.path} into the {done.engine} database (schema {done.revision}).")
    if done.revision != head_revision():
        say("The backup is from an older version: run `secondround migrate` before serving.")


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Run the service")(serve)
    app.command(rich_help_panel="Run the service")(migrate)
    app.command(rich_help_panel="Run the service")(worker)
    app.command(rich_help_panel="Run the service")(backup)
    app.command(rich_help_panel="Run the service")(restore)
