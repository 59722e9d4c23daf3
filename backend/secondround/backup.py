"""Back up and restore the whole database: `secondround backup FILE`, `secondround restore FILE`
(or `python -m secondround.backup backup|restore FILE`).

SQLite: the online backup API, so a backup taken while the server runs is a consistent copy. A
restore writes the copy into the configured database file; stop the server first.
PostgreSQL: `pg_dump --format=custom` and `pg_restore` (the client tools of the server's major
version or newer), in one transaction, so a failed restore leaves the target as it was. The
password travels in the environment, never on a command line another user can read.

A restore goes only into an empty database unless `replace` is given, refuses a file of the other
engine, a damaged file, and a backup made by a newer version of the schema than this code knows.
Backups hold everything people wrote: they are written readable by their owner only (0600).
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, make_url

from secondround.config import get_settings
from secondround.db.migrations import alembic_config, head_revision

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is a sentence for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    revision: str | None  # the schema revision the backup holds


def _engine_of(url: str) -> str:
    backend = make_url(url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL databases, not {backend}.")
    return backend


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database has nothing to back up or restore.")
    return Path(database)


def _libpq(url: str) -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection arguments and environment: the password in PGPASSWORD only."""
    parsed: URL = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    args = [f"--dbname={parsed.database}"]
    if parsed.host:
        args.append(f"--host={parsed.host}")
    if parsed.port:
        args.append(f"--port={parsed.port}")
    if parsed.username:
        args.append(f"--username={parsed.username}")
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed; install PostgreSQL's client tools (e.g. postgresql-client).")
    return found


def _private_temp_beside(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    os.chmod(name, 0o600)
    return Path(name)


def _revision(sqlalchemy_url: str) -> str | None:
    engine = create_engine(sqlalchemy_url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def _is_empty(sqlalchemy_url: str) -> bool:
    engine = create_engine(sqlalchemy_url)
    try:
        with engine.connect() as connection:
            return not inspect(connection).get_table_names()
    finally:
        engine.dispose()


def backup(database_url: str, destination: Path) -> BackupResult:
    """Write a consistent copy of the database to `destination` (replaced only once complete)."""
    settings_url = _sqlalchemy(database_url)
    engine = _engine_of(settings_url)
    destination = Path(destination)
    temporary = _private_temp_beside(destination)
    try:
        if engine == "sqlite":
            source_path = _sqlite_path(settings_url)
            if not source_path.exists():
                raise BackupError(f"There is no database at {source_path}.")
            source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            args, env = _libpq(settings_url)
            done = subprocess.run(
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={temporary}", *args],
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise BackupError(f"pg_dump failed: {done.stderr.strip() or done.returncode}")
        os.replace(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return BackupResult(destination, engine, _revision(settings_url))


def restore(database_url: str, source: Path, *, replace: bool = False) -> BackupResult:
    """Load a backup into the database: an empty one, or any when `replace` (its tables are dropped)."""
    settings_url = _sqlalchemy(database_url)
    engine = _engine_of(settings_url)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    with source.open("rb") as handle:
        header = handle.read(16)
    expected = SQLITE_HEADER if engine == "sqlite" else PG_DUMP_HEADER
    if not header.startswith(expected):
        other = (
            "SQLite"
            if header.startswith(SQLITE_HEADER)
            else "PostgreSQL"
            if header.startswith(PG_DUMP_HEADER)
            else None
        )
        what = f"a {other} backup" if other else "not a secondround backup"
        raise BackupError(
            f"{source} is {what}; this server's database is {'SQLite' if engine == 'sqlite' else 'PostgreSQL'}."
        )
    if not replace and not _is_empty(settings_url):
        raise BackupError(
            "The database is not empty; restore into an empty database, or pass --replace to overwrite it."
        )

    if engine == "sqlite":
        revision = _check_sqlite_backup(source)
        target_path = _sqlite_path(settings_url)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target = sqlite3.connect(target_path)
        try:
            backup_db.backup(target)
        finally:
            target.close()
            backup_db.close()
    else:
        args, env = _libpq(settings_url)
        _refuse_newer(_pg_dump_revision(source))
        command = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        if replace:
            command += ["--clean", "--if-exists"]
        done = subprocess.run([*command, *args, str(source)], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise BackupError(f"pg_restore failed, nothing was changed: {done.stderr.strip()}")
        revision = _revision(settings_url)
    return BackupResult(source, engine, revision)


def _check_sqlite_backup(path: Path) -> str | None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (SQLite's integrity check failed).")
            has_versions = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
            revision = (
                connection.execute("SELECT version_num FROM alembic_version").fetchone() if has_versions else None
            )
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is damaged: {error}.") from error
    if revision is None:
        raise BackupError(f"{path} is a SQLite file but not a secondround database.")
    _refuse_newer(revision[0])
    return str(revision[0])


def _refuse_newer(revision: str | None) -> None:
    """A schema revision this code does not know was made by a newer secondround: refuse it."""
    if revision is None:
        return
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception as error:  # alembic raises a few kinds for an unknown revision
        raise BackupError(
            f"The backup was made by a newer secondround (schema {revision}; this one knows up to "
            f"{head_revision()}); upgrade secondround first."
        ) from error


def _pg_dump_revision(source: Path) -> str | None:
    """The schema revision inside a pg_dump file, read before anything is restored."""
    listed = subprocess.run(
        [_tool("pg_restore"), "--data-only", "--table=alembic_version", "--file=-", str(source)],
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        raise BackupError(f"{source} is damaged: {listed.stderr.strip()}")
    lines = listed.stdout.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and index + 1 < len(lines):
            value = lines[index + 1].strip()
            return None if value == "\\." else value
    raise BackupError(f"{source} is a PostgreSQL backup but not of a secondround database.")


def _sqlalchemy(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m secondround.backup", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--replace", action="store_true", help="restore over a database that is not empty")
    args = parser.parse_args(argv)
    url = get_settings().database_url
    try:
        if args.action == "backup":
            done = backup(url, args.file)
            print(f"Backed up the {done.engine} database (schema {done.revision}) to {done.path}.")
        else:
            done = restore(url, args.file, replace=args.replace)
            print(f"Restored {done.path} into the {done.engine} database (schema {done.revision}).")
            if done.revision != head_revision():
                print("The backup is from an older version: run `secondround migrate` before serving.")
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
