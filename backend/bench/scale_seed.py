"""A database at scale: `python -m bench seed --accounts 1000 --applications 100000 --questions 1000000`.

Accounts, their four starter roles, applications, a question bank (some questions written for one
application, some with a target role), rounds (one per application, a second for every third: the
first completed, the second planned), three interviewers a round and a few recorded questions per
completed round, so the lists, the plan, readiness and follow-ups all have data.

Every account stays within the caps (config.py): the first account is filled to them (the most
applications and questions one account may hold, one round with the most interviewers), the rest
of the totals is spread evenly over the others; totals that would not fit are refused.

Rows go in with PostgreSQL's COPY through psycopg (SQLite: SQLAlchemy Core inserts of thousands
of rows per statement). Ids come from a random generator seeded per account and table, so a
table can name rows of another without keeping a million ids in memory. Every account signs in
with SCALE_PASSWORD as scale{n}@example.com.
"""

import argparse
import itertools
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url

from secondround.accounts import starter_kit
from secondround.accounts.credentials import hash_password
from secondround.config import Settings
from secondround.db.migrations import upgrade
from secondround.db.session import create_db_engine
from secondround.helpers.vocabulary import ApplicationStatus, Category, Outcome, RoundKind, RoundStatus
from secondround.models import (
    Application,
    Interviewer,
    Question,
    QuestionTargetRole,
    Role,
    Round,
    RoundQuestion,
    User,
)

SCALE_PASSWORD = "a scale benchmark passphrase"
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/secondround_scale_bench"
CAPPED_PANEL_ROUND = 0  # the capped account's first application: one planned round, a full panel
SMALL_PANEL = 3
RECORDED_PER_ROUND = 5
APPS_WITH_OWN = 10  # the applications the non-bank questions (one in twenty) are written for
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # rows were created from here on, a minute apart
# Planned rounds lie ahead of the day of seeding and decisions around it, so the readiness board and
# the follow-up lists have rows whenever the database is seeded.
TODAY = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
CATEGORIES = list(Category)
STATUSES = [ApplicationStatus.APPLIED, ApplicationStatus.INTERVIEWING, ApplicationStatus.OFFER]
STATUSES += [ApplicationStatus.WISHLIST, ApplicationStatus.REJECTED]


def email_of(account: int) -> str:
    return f"scale{account}@example.com"


def _ids(account: int, table: str, count: int) -> list[uuid.UUID]:
    rng = random.Random(f"{account}:{table}")
    return [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(count)]


def spread(total: int, accounts: int, cap: int, what: str) -> list[int]:
    """`total` items over `accounts`: the first at the cap (when the total allows), the rest evenly."""
    first = min(cap, total)
    rest, others = total - first, accounts - 1
    if others == 0 and rest or others and -(-rest // others) > cap:
        raise SystemExit(
            f"{total:,} {what} do not fit in {accounts:,} accounts of at most {cap:,} each "
            "(SECONDROUND_MAX_* settings, config.py)"
        )
    shares = [first] + [rest // others + (1 if i < rest % others else 0) for i in range(others)]
    return shares


@dataclass(frozen=True)
class Account:
    """One account's shape; every id is derived, so any table's rows can be made on their own."""

    n: int
    applications: int
    questions: int
    panel_cap: int

    @cached_property
    def id(self) -> uuid.UUID:
        return _ids(self.n, "user", 1)[0]

    @cached_property
    def role_ids(self) -> list[uuid.UUID]:
        return _ids(self.n, "roles", len(starter_kit.ROLES))

    @cached_property
    def application_ids(self) -> list[uuid.UUID]:
        return _ids(self.n, "applications", self.applications)

    @cached_property
    def question_ids(self) -> list[uuid.UUID]:
        return _ids(self.n, "questions", self.questions)

    def rounds_of(self, a: int) -> int:
        """Rounds of application `a`: two for every third (the first completed), else one."""
        return 2 if a % 3 == 2 else 1

    @cached_property
    def round_ids(self) -> list[list[uuid.UUID]]:
        flat = _ids(self.n, "rounds", sum(self.rounds_of(a) for a in range(self.applications)))
        out, i = [], 0
        for a in range(self.applications):
            out.append(flat[i : i + self.rounds_of(a)])
            i += self.rounds_of(a)
        return out

    def panel_of(self, a: int) -> int:
        return self.panel_cap if (self.n == 0 and a == CAPPED_PANEL_ROUND) else SMALL_PANEL

    def is_bank(self, q: int) -> bool:
        return q % 20 != 19 or self.applications < APPS_WITH_OWN  # one in twenty written for one application


def _at(account: Account, i: int) -> datetime:
    # Oldest first in creation order; accounts interleave (account n's i-th row a few ms after n-1's).
    return EPOCH + timedelta(minutes=i, milliseconds=account.n)


def users(account: Account, password_hash: str) -> Iterator[dict[str, Any]]:
    at = _at(account, 0)
    yield dict(
        id=account.id,
        email=email_of(account.n),
        password_hash=password_hash,
        display_name=f"Scale {account.n}",
        time_zone="UTC",
        created_at=at,
        updated_at=at,
    )


def roles(account: Account) -> Iterator[dict[str, Any]]:
    for i, (role, role_id) in enumerate(zip(starter_kit.ROLES, account.role_ids, strict=True)):
        at = _at(account, i)
        yield dict(
            id=role_id,
            owner_id=account.id,
            name=role.name,
            goals=role.goals,
            focus={str(k): v for k, v in role.focus.items()},
            deciding=role.deciding,
            created_at=at,
            updated_at=at,
        )


def applications(account: Account) -> Iterator[dict[str, Any]]:
    for a, application_id in enumerate(account.application_ids):
        at = _at(account, a)
        yield dict(
            id=application_id,
            owner_id=account.id,
            company=f"Company {account.n}-{a}",
            position="Engineer" if a % 2 else "Product manager",
            job_url=f"https://jobs.example.com/{account.n}/{a}",
            location=None,
            source="LinkedIn" if a % 4 == 0 else "Referral",
            status=STATUSES[a % len(STATUSES)].value,
            salary_min=60_000 + a % 10 * 1000,
            salary_max=80_000 + a % 10 * 1000,
            salary_currency="EUR",
            company_research="Series B, 200 people; the product team is growing." if a % 2 else None,
            notes=None,
            next_round_sequence=account.rounds_of(a) + 1,
            created_at=at,
            updated_at=at,
        )


def questions(account: Account) -> Iterator[dict[str, Any]]:
    for q, question_id in enumerate(account.question_ids):
        at = _at(account, q)
        yield dict(
            id=question_id,
            owner_id=account.id,
            application_id=None if account.is_bank(q) else account.application_ids[q // 20 % APPS_WITH_OWN],
            direction="expect" if q % 5 == 0 else "ask",
            text=f"Question {q:04d} of account {account.n}: how does the team handle case {q}?",
            category=CATEGORIES[q % len(CATEGORIES)].value,
            importance=1 + q % 5,
            minutes=1 + q % 3,
            prepared_answer="A story from my last job." if q % 5 == 0 and q % 2 else None,
            notes=None,
            archived=q % 50 == 49,
            recurring=q % 997 == 0,
            at_end=q % 499 == 1,
            asks_next_panel=False,
            created_at=at,
            updated_at=at,
        )


def question_target_roles(account: Account) -> Iterator[dict[str, Any]]:
    for q, question_id in enumerate(account.question_ids):
        if q % 10 == 3:
            yield dict(question_id=question_id, role_id=account.role_ids[q % len(account.role_ids)])


def rounds(account: Account) -> Iterator[dict[str, Any]]:
    for a, (application_id, round_ids) in enumerate(zip(account.application_ids, account.round_ids, strict=True)):
        at = _at(account, a)
        for sequence, round_id in enumerate(round_ids, start=1):
            last = sequence == len(round_ids)
            # The last round of an application is planned for every other one, else completed and
            # waiting for a decision (a follow-up date); an earlier round led to the next.
            planned = last and (a % 2 == 0 or len(round_ids) > 1)
            outcome = Outcome.PENDING if last else Outcome.NEXT_ROUND
            decision = None if planned else TODAY.date() + timedelta(days=a % 30 - 15)
            yield dict(
                id=round_id,
                owner_id=account.id,
                application_id=application_id,
                sequence=sequence,
                kind=(RoundKind.FIRST if sequence == 1 else RoundKind.SECOND).value,
                scheduled_at=(TODAY + timedelta(days=1 + a % 60, hours=9)) if planned and a % 5 else None,
                time_zone="UTC",
                duration_minutes=60,
                location="Video call" if a % 3 else None,
                status=(RoundStatus.PLANNED if planned else RoundStatus.COMPLETED).value,
                outcome=outcome.value,
                decision_expected_by=decision,
                follow_up_on=decision + timedelta(days=2) if decision and outcome == Outcome.PENDING else None,
                follow_up_on_is_manual=False,
                followed_up_at=None,
                follow_up_note=None,
                notes=None,
                created_at=at + timedelta(seconds=sequence),
                updated_at=at + timedelta(seconds=sequence),
            )


def interviewers(account: Account) -> Iterator[dict[str, Any]]:
    for a, round_ids in enumerate(account.round_ids):
        ids = _ids(account.n, f"interviewers:{a}", account.panel_of(a) * len(round_ids))
        at = _at(account, a)
        for r, round_id in enumerate(round_ids):
            for order in range(account.panel_of(a)):
                yield dict(
                    id=ids[r * account.panel_of(a) + order],
                    owner_id=account.id,
                    round_id=round_id,
                    name=f"Person {order} of round {r + 1}",
                    title="Engineering manager" if order == 0 else "Engineer",
                    role_id=account.role_ids[order % 3],  # supervisor, owner, co-worker
                    email=None,
                    phone=None,
                    profile_url=None,
                    greeting=f"Hello {order}" if order % 2 == 0 else None,
                    order=order,
                    meeting_minutes=45,
                    break_after_minutes=0,
                    question_minutes=15,
                    notes=None,
                    created_at=at,
                    updated_at=at,
                )


def round_questions(account: Account) -> Iterator[dict[str, Any]]:
    """A few bank questions recorded (asked, answered) in each completed round."""
    bank = [qid for q, qid in enumerate(account.question_ids) if account.is_bank(q)]
    if not bank:
        return
    for a, round_ids in enumerate(account.round_ids):
        at = _at(account, a)
        completed = round_ids if len(round_ids) == 1 and a % 2 else round_ids[:-1]
        for round_id in completed:
            for k in range(RECORDED_PER_ROUND):
                yield dict(
                    round_id=round_id,
                    question_id=bank[(a * RECORDED_PER_ROUND + k) % len(bank)],
                    owner_id=account.id,
                    pinned=False,
                    status="answered" if k % 2 else "asked",
                    answer_notes="They said yes." if k % 2 else None,
                    at_end=None,
                    interviewer_id=None,
                    created_at=at,
                    updated_at=at,
                )


TABLES: list[tuple[Any, Callable[..., Iterator[dict[str, Any]]]]] = [
    (User, users),
    (Role, roles),
    (Application, applications),
    (Question, questions),
    (QuestionTargetRole, question_target_roles),
    (Round, rounds),
    (Interviewer, interviewers),
    (RoundQuestion, round_questions),
]


def _expected_rows(table: Any, accounts: list[Account]) -> int:
    """Rows a table will get, for the progress bar (cheap arithmetic, no generation)."""
    if table is User:
        return len(accounts)
    if table is Role:
        return len(accounts) * len(starter_kit.ROLES)
    if table is Application:
        return sum(a.applications for a in accounts)
    if table is Question:
        return sum(a.questions for a in accounts)
    if table is QuestionTargetRole:
        return sum(len(range(3, a.questions, 10)) for a in accounts)
    per_app = 4 / 3  # rounds per application
    apps = sum(a.applications for a in accounts)
    if table is Round:
        return round(apps * per_app)
    if table is Interviewer:
        return round(apps * per_app * SMALL_PANEL)
    return round(apps * 2 / 3 * RECORDED_PER_ROUND)


def _copy_postgres(url: str, table: Any, rows: Iterator[dict[str, Any]], advance: Callable[[int], None]) -> int:
    import psycopg
    from psycopg.types.json import Json

    first = next(rows, None)
    if first is None:
        return 0
    columns = list(first)  # the columns the generator fills; the others keep their defaults
    quoted = ", ".join(f'"{c}"' for c in columns)
    count = 0
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        connection.execute("SET synchronous_commit = off")
        with connection.cursor().copy(f"COPY {table.__tablename__} ({quoted}) FROM STDIN") as copy:
            for row in itertools.chain([first], rows):
                copy.write_row([Json(v) if isinstance(v, dict) else v for v in (row[c] for c in columns)])
                count += 1
                if count % 10_000 == 0:
                    advance(10_000)
    advance(count % 10_000)
    return count


def _insert_core(engine: Any, table: Any, rows: Iterator[dict[str, Any]], advance: Callable[[int], None]) -> int:
    count, batch = 0, []
    with engine.begin() as connection:
        for row in rows:
            batch.append(row)
            if len(batch) == 5_000:
                connection.execute(insert(table), batch)
                count += len(batch)
                advance(len(batch))
                batch = []
        if batch:
            connection.execute(insert(table), batch)
            count += len(batch)
            advance(len(batch))
    return count


def seeded_accounts(url: str) -> int:
    """How many scale accounts the database at `url` holds (0 when it is empty or missing)."""
    engine = create_db_engine(url, pooled=False)
    try:
        with engine.connect() as connection:
            return connection.execute(
                select(func.count()).select_from(User).where(User.email.like("scale%@example.com"))  # type: ignore[attr-defined]
            ).scalar_one()
    except Exception:
        return 0
    finally:
        engine.dispose()


def ensure_database(url: str, *, replace: bool) -> None:
    """Create the PostgreSQL database `url` names when it is missing (or drop it first with `replace`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        if replace and parsed.database:
            from pathlib import Path

            Path(parsed.database).unlink(missing_ok=True)
        return
    import psycopg

    admin_url = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,)).fetchone()
        if exists and replace:
            admin.execute(f'DROP DATABASE "{parsed.database}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{parsed.database}"')


def seed(url: str, *, accounts: int, applications: int, questions: int, replace: bool = False) -> float:
    """Fill the database at `url`; return the seconds it took. Refuses a database already seeded."""
    settings = Settings()
    shape = [
        Account(n, a, q, settings.max_interviewers_per_round)
        for n, (a, q) in enumerate(
            zip(
                spread(applications, accounts, settings.max_applications_per_account, "applications"),
                spread(questions, accounts, settings.max_questions_per_account, "questions"),
                strict=True,
            )
        )
    ]
    ensure_database(url, replace=replace)
    upgrade(url)
    if seeded_accounts(url):
        raise SystemExit(f"{url} already holds scale accounts; pass --replace to start again")
    password_hash = hash_password(SCALE_PASSWORD)
    postgres = make_url(url).get_backend_name() == "postgresql"
    engine = create_db_engine(url, pooled=False)
    started = time.perf_counter()
    columns = [TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn()]
    with Progress(*columns, TimeElapsedColumn(), TimeRemainingColumn(), transient=False) as progress:
        for table, make in TABLES:
            task = progress.add_task(table.__tablename__, total=_expected_rows(table, shape))

            def rows(make: Callable[..., Iterator[dict[str, Any]]] = make) -> Iterator[dict[str, Any]]:
                for account in shape:
                    yield from (make(account, password_hash) if make is users else make(account))

            def advance(n: int, task: Any = task) -> None:
                progress.advance(task, n)

            if postgres:
                done = _copy_postgres(url, table, rows(), advance)
            else:
                done = _insert_core(engine, table, rows(), advance)
            progress.update(task, total=done, completed=done)
        task = progress.add_task("analyze", total=1)
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
        progress.advance(task)
    engine.dispose()
    return time.perf_counter() - started


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench seed", description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}")
    parser.add_argument("--replace", action="store_true", help="drop the database first when it exists")
    args = parser.parse_args(argv)
    seconds = seed(
        args.database_url,
        accounts=args.accounts,
        applications=args.applications,
        questions=args.questions,
        replace=args.replace,
    )
    print(
        f"seeded {args.accounts:,} accounts, {args.applications:,} applications, {args.questions:,} questions "
        f"in {seconds:.0f} s",
        file=sys.stderr,
    )
