"""Run a command against a scratch database on the local PostgreSQL, if one answers.

`make test` uses it when SECONDROUND_TEST_POSTGRES_URL is unset, so a PostgreSQL on
127.0.0.1:5432 is never silently left out: the command runs with the URL of a database made for this
run (secondround_test_<pid>) and dropped afterwards. When no server answers, it says so loudly and
exits 0: the SQLite pass has run and reported; CI (.ci/run) always runs both engines.

    python -m tests.support.local_postgres COMMAND [ARGS...]
"""

import os
import subprocess
import sys

import psycopg

SERVER = os.environ.get("SECONDROUND_LOCAL_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
BANNER = "!" * 78


def main(command: list[str]) -> int:
    try:
        psycopg.connect(SERVER, connect_timeout=3, autocommit=True).close()
    except psycopg.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(
            f"\n{BANNER}\n"
            "  THE POSTGRESQL PASS DID NOT RUN: only SQLite was tested.\n"
            f"  No PostgreSQL answered at {SERVER} ({first_line}).\n"
            "  Row locks and If-Match atomicity are only really proven on PostgreSQL: start a local\n"
            "  server, or set SECONDROUND_TEST_POSTGRES_URL=postgresql://USER@HOST:PORT/DATABASE.\n"
            f"{BANNER}\n",
            file=sys.stderr,
        )
        return 0
    name = f"secondround_test_{os.getpid()}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = SERVER.rsplit("/", 1)[0] + f"/{name}"
    print(f"SECONDROUND_TEST_POSTGRES_URL is not set: the PostgreSQL pass uses {url} (dropped afterwards)", flush=True)
    try:
        return subprocess.call(command, env={**os.environ, "SECONDROUND_TEST_POSTGRES_URL": url})
    finally:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
