"""`secondround backup FILE` and `secondround restore FILE` on the engine of this pass: a backup
restored into an empty database holds every row of every table; a restore refuses a database that
is not empty, a file of the other engine, a damaged file and a backup from a newer schema, and
changes nothing when it refuses."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from secondround.backup import BackupError, backup, restore
from secondround.config import Settings
from tests.support.builders import create_application, create_round
from tests.support.databases import DATABASE_KIND, postgres_database, sqlite_database


def _sqlalchemy(url: str) -> str:
    return Settings(database_url=url).sqlalchemy_url


def _contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    engine = create_engine(_sqlalchemy(url))
    try:
        with engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
            found = {}
            for table in tables:
                rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
                found[table] = sorted(tuple(map(repr, row)) for row in rows)
            return found
    finally:
        engine.dispose()


def _execute(url: str, statement: str) -> None:
    engine = create_engine(_sqlalchemy(url))
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


@pytest.fixture
def empty_database(tmp_path):
    factory = postgres_database if DATABASE_KIND == "postgres" else sqlite_database
    with factory(tmp_path, "restored") as db:
        yield db


@pytest.fixture
def second_empty_database(tmp_path):
    factory = postgres_database if DATABASE_KIND == "postgres" else sqlite_database
    with factory(tmp_path, "second") as db:
        yield db


def test_a_backup_restored_into_an_empty_database_holds_everything(database, user, empty_database, tmp_path):
    application = create_application(user, company="Backed Up Co")
    create_round(user, application["id"])
    file = tmp_path / "secondround.backup"
    made = backup(database.url, file)
    before = _contents(database.url)
    assert made.revision and file.stat().st_size > 0
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # it holds everything people wrote

    restored = restore(empty_database.url, file)
    assert restored.revision == made.revision
    after = _contents(empty_database.url)
    assert after.keys() == before.keys() and len(before) > 15
    assert after == before
    assert any("Backed Up Co" in cell for row in after["applications"] for cell in row)


def test_a_restore_refuses_and_changes_nothing(database, user, empty_database, second_empty_database, tmp_path):
    create_application(user, company="Refusals Co")
    file = tmp_path / "good.backup"
    backup(database.url, file)
    restore(empty_database.url, file)
    restored = _contents(empty_database.url)

    # Not empty: refused, unless --replace.
    with pytest.raises(BackupError, match="not empty"):
        restore(empty_database.url, file)
    assert _contents(empty_database.url) == restored
    restore(empty_database.url, file, replace=True)
    assert _contents(empty_database.url) == restored

    # A file of the other engine, and a file that is no backup at all.
    other = tmp_path / "other.backup"
    other.write_bytes((b"PGDMP" if DATABASE_KIND == "sqlite" else b"SQLite format 3\x00") + b"\x00" * 100)
    with pytest.raises(BackupError, match="this server's database is"):
        restore(second_empty_database.url, other)
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"hello")
    with pytest.raises(BackupError, match="not a secondround backup"):
        restore(second_empty_database.url, junk)
    # A damaged one: the right header, cut short.
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(file.read_bytes()[: max(200, file.stat().st_size // 3)])
    with pytest.raises(BackupError, match="damaged|failed"):
        restore(second_empty_database.url, damaged)
    assert _contents(second_empty_database.url).get("applications", []) == []

    # A backup from a newer schema than this code knows.
    _execute(empty_database.url, "UPDATE alembic_version SET version_num = '9999'")
    newer = tmp_path / "newer.backup"
    backup(empty_database.url, newer)
    with pytest.raises(BackupError, match="newer secondround"):
        restore(second_empty_database.url, newer)
    assert _contents(second_empty_database.url).get("applications", []) == []


def test_the_command_line_backs_up_and_says_why_it_refuses(database, user, empty_database, tmp_path):
    create_application(user, company="Command Line Co")
    file = tmp_path / "cli.backup"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_")}

    def run(url: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(Path(sys.executable).parent / "secondround"), *args],  # the installed command
            env={**env, "SECONDROUND_DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=120,
        )

    made = run(database.url, "backup", str(file))
    assert made.returncode == 0, made.stderr
    assert "Backed up the" in made.stderr  # messages go to stderr, as every command's do and Path(file).exists()
    assert run(empty_database.url, "restore", str(file)).returncode == 0
    refused = run(empty_database.url, "restore", str(file))
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "Error: The database is not empty; restore into an empty database, or pass --replace to overwrite it."
    )
    assert "Traceback" not in refused.stderr
