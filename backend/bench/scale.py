"""The service at scale, on PostgreSQL: `python -m bench scale [--database-url URL]`.

Serves a database filled by `python -m bench seed` (seeded first when it holds no scale accounts)
with `python -m secondround.server` and measures, over real HTTP, as the account filled to the caps
(bench/scale_seed.py, account 0):

- every list, its first page against a deep one (the cursor found by following `next_cursor` up to
  DEPTH pages): keyset pagination makes them cost the same, however deep;
- the plan, the prep sheet and readiness of a round with 3 people and of one with a full panel, over
  the bank at the question cap;
- the board's readiness list (every upcoming round judged, a page at a time).

One request at a time, the rows in turns, each answer checked (status 200 and a field of its body).
`make bench` runs this when PostgreSQL answers at SECONDROUND_BENCH_POSTGRES (unless
SECONDROUND_BENCH_SCALE=0).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

from bench import load
from bench.postgres import SERVER
from bench.scale_seed import DEFAULT_URL, SCALE_PASSWORD, email_of, seed, seeded_accounts

ACCOUNTS, APPLICATIONS, QUESTIONS = 1000, 100_000, 1_000_000
DEPTH = 50  # pages followed for a list's deep page
REPEAT = int(os.environ.get("SECONDROUND_BENCH_SCALE_REPEAT", "31"))
SAME_COST = 1.5  # a deep page may cost at most this many times the first one


@dataclass(frozen=True)
class ListCase:
    name: str
    path: str  # with its query, limit included
    expect: str = '"items":[{'


@dataclass
class Row:
    name: str
    path: str
    expect: str
    accept: str = "application/json"
    pages: int = 0  # for a deep page: how many pages in


def _client(port: int, token: str) -> httpx.Client:
    return httpx.Client(base_url=f"http://{load.HOST}:{port}", headers={"Authorization": f"Bearer {token}"}, timeout=60)


def _deep(client: httpx.Client, case: ListCase) -> Row:
    """The page DEPTH pages in (or the last one there is), found by following the cursors."""
    path, pages = case.path, 0
    while pages < DEPTH:
        answer = client.get(path)
        answer.raise_for_status()
        cursor = answer.json()["next_cursor"]
        if cursor is None:
            break
        path = str(httpx.URL(case.path).copy_merge_params({"cursor": cursor}))
        pages += 1
    return Row(f"  page {pages + 1}", path, case.expect, pages=pages + 1)


def _get_json(client: httpx.Client, path: str) -> dict:
    answer = client.get(path)
    answer.raise_for_status()
    return answer.json()


def rows_for(client: httpx.Client) -> list[tuple[Row, Row | None]]:
    """(first page, deep page) of every list; then single rows (deep: None) for the plans and readiness."""
    applications = _get_json(client, "/api/v1/applications?limit=3")["items"]
    full_panel_round = _get_json(client, f"/api/v1/applications/{applications[0]['id']}/rounds")["items"][0]
    small_panel_round = _get_json(client, f"/api/v1/applications/{applications[2]['id']}/rounds")["items"][-1]
    completed = _get_json(client, f"/api/v1/applications/{applications[2]['id']}/rounds")["items"][0]
    full, small = f"/api/v1/rounds/{full_panel_round['id']}", f"/api/v1/rounds/{small_panel_round['id']}"
    lists = [
        ListCase("GET /applications?limit=50", "/api/v1/applications?limit=50"),
        ListCase("GET /applications?status=offer", "/api/v1/applications?status=offer&limit=50"),
        ListCase("GET /applications?updated_after", "/api/v1/applications?updated_after=2026-01-01T00:00:00Z&limit=50"),
        ListCase("GET /questions?limit=50", "/api/v1/questions?limit=50"),
        ListCase("GET /questions?direction=ask&archived", "/api/v1/questions?direction=ask&archived=false&limit=50"),
        ListCase("GET /questions?scope=bank", "/api/v1/questions?scope=bank&limit=50"),
        ListCase(
            "GET /questions?application_id",
            f"/api/v1/questions?application_id={applications[0]['id']}&limit=1",
        ),
        ListCase("GET /roles?limit=1", "/api/v1/roles?limit=1"),
        ListCase(
            "GET /applications/{id}/rounds?limit=1", f"/api/v1/applications/{applications[2]['id']}/rounds?limit=1"
        ),
        ListCase("GET /rounds/{id}/interviewers?limit=1", f"{full}/interviewers?limit=1"),
        ListCase("GET /rounds/{id}/questions?limit=1", f"/api/v1/rounds/{completed['id']}/questions?limit=1"),
        ListCase("GET /follow-ups?limit=50", "/api/v1/follow-ups?when=all&limit=50"),
        ListCase("GET /readiness?limit=50", "/api/v1/readiness?limit=50"),
    ]
    pairs: list[tuple[Row, Row | None]] = []
    for case in lists:
        pairs.append((Row(case.name, case.path, case.expect, pages=1), _deep(client, case)))
    plan_expect = '"closing_interviewer_id":"'
    pairs += [
        (Row("GET /health (no database)", "/api/v1/health", '"status":"ok"'), None),
        (Row("GET /me (sign-in, one query)", "/api/v1/me", '"email":"scale0@'), None),
        (Row("GET /rounds/{id}/plan, 3 people", f"{small}/plan", plan_expect), None),
        (Row(f"GET /rounds/{{id}}/plan, {len(_people(client, full))} people", f"{full}/plan", plan_expect), None),
        (Row("GET /rounds/{id}/prep-sheet, 3 people", f"{small}/prep-sheet", "## ", "text/markdown"), None),
        (Row("GET /rounds/{id}/readiness, 3 people", f"{small}/readiness", '"total":9'), None),
        (Row(f"GET /rounds/{{id}}/readiness, {len(_people(client, full))} p.", f"{full}/readiness", '"total":9'), None),
        (Row("GET /readiness?limit=10", "/api/v1/readiness?limit=10", '"items":[{'), None),
    ]
    return pairs


def _people(client: httpx.Client, round_path: str) -> list[dict]:
    return _get_json(client, f"{round_path}/interviewers?limit=200")["items"]


def measure(client: httpx.Client, rows: list[Row], repeat: int) -> list[float]:
    """Median ms of each row, the rows in turns; every answer checked."""
    samples: list[list[float]] = [[] for _ in rows]
    for sweep in range(repeat + 2):
        for i, row in enumerate(rows):
            started = time.perf_counter()
            answer = client.get(row.path, headers={"Accept": row.accept})
            elapsed = (time.perf_counter() - started) * 1000
            if answer.status_code != 200 or row.expect not in answer.text:
                raise load.WrongAnswers(
                    f"{row.name.strip()}: GET {row.path} answered {answer.status_code} ({answer.text[:200]!r}); "
                    f"the row expects 200 containing {row.expect!r}"
                )
            if sweep >= 2:
                samples[i].append(elapsed)
    return [statistics.median(s) for s in samples]


def counts(url: str) -> str:
    import psycopg

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as connection:
        found = dict(connection.execute("SELECT relname, n_live_tup FROM pg_stat_user_tables").fetchall())
    shown = ["users", "applications", "questions", "rounds", "interviewers", "round_questions"]
    return ", ".join(f"{found.get(t, 0):,} {t}" for t in shown)


def bench_scale(url: str) -> None:
    if seeded_accounts(url) == 0:
        seconds = seed(url, accounts=ACCOUNTS, applications=APPLICATIONS, questions=QUESTIONS)
        print(f"(seeded in {seconds:.0f} s)")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "SECONDROUND_DATABASE_URL": url, "SECONDROUND_ENVIRONMENT": "test"}
        env["SECONDROUND_AUTH_RATE_LIMIT"] = "1000/minute"
        with load.serving("api", env, "/api/v1/health", Path(folder) / "server.log") as port:
            with httpx.Client(base_url=f"http://{load.HOST}:{port}/api/v1", timeout=30) as anonymous:
                token = (
                    anonymous.post("/auth/token", data={"username": email_of(0), "password": SCALE_PASSWORD})
                    .raise_for_status()
                    .json()["access_token"]
                )
            with _client(port, token) as client:
                pairs = rows_for(client)
                rows = [row for pair in pairs for row in pair if row is not None]
                medians = dict(zip((id(r) for r in rows), measure(client, rows, REPEAT), strict=True))

    print(
        f"\nAt scale on PostgreSQL ({counts(url)}); python -m secondround.server, one request at a time,"
        f"\n  rows in turns, median of {REPEAT}; as the account at the caps (5,000 applications, 2,000 questions)."
        f"\n  Lists: the first page and one up to {DEPTH} pages in (followed by cursor); keyset pages cost the same."
    )
    print(f"  {'':<42} {'first ms':>9} {'deep ms':>8} {'deep/first':>10}")
    same = True
    for first, deep in pairs:
        if deep is None:
            continue
        ratio = medians[id(deep)] / medians[id(first)]
        same &= ratio <= SAME_COST
        print(
            f"  {first.name:<42} {medians[id(first)]:9.2f} {medians[id(deep)]:8.2f} {ratio:9.2f}x  (page {deep.pages})"
        )
    print(f"  {'':<42} {'ms':>9}")
    for first, deep in pairs:
        if deep is None:
            print(f"  {first.name:<42} {medians[id(first)]:9.2f}")
    print(f"  -> a deep page within {SAME_COST:.1f}x of the first in every list: {'met' if same else 'MISSED'}")


def postgres_answers() -> bool:
    import psycopg

    try:
        with psycopg.connect(SERVER, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def run_if_postgres() -> None:
    """`make bench`'s scale section: run when PostgreSQL answers, else say why it did not."""
    if os.environ.get("SECONDROUND_BENCH_SCALE") == "0":
        print("\nAt scale: skipped (SECONDROUND_BENCH_SCALE=0)")
        return
    if not postgres_answers():
        print(f"\nAt scale: skipped, no PostgreSQL answers at {SERVER} (set SECONDROUND_BENCH_POSTGRES)")
        return
    bench_scale(os.environ.get("SECONDROUND_BENCH_SCALE_URL", DEFAULT_URL))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench scale", description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}; seeded when empty")
    args = parser.parse_args(argv)
    if make_url(args.database_url).get_backend_name() != "postgresql":
        sys.exit("the scale rows are measured on PostgreSQL: give a postgresql:// URL")
    bench_scale(args.database_url)
