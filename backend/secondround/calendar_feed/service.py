"""The private calendar feed: its secret token, and loading what goes in it. Flushes, never commits."""

import hashlib
import threading
import uuid
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import unquote_plus

from sqlalchemy import and_, select
from sqlalchemy.orm import load_only
from sqlmodel import Session, col

from secondround.accounts.credentials import new_token, token_hash
from secondround.api.problems import NotFound
from secondround.calendar_feed.ical import FeedInterviewer, FeedRound, build_calendar
from secondround.db.queries import columns
from secondround.helpers.off_loop import off_the_loop
from secondround.helpers.vocabulary import Outcome
from secondround.models import Application, Interviewer, Role, Round, User

# Far longer than any token we issue; anything longer is not worth hashing.
MAX_TOKEN_LENGTH = 200
# Cache-Control on the token and the feed: both carry the secret or what it protects.
NO_STORE = {"Cache-Control": "private, no-store"}
# What the feed covers: a year back and three years ahead (events by their start, to-dos by their
# day), at most this many of each, the nearest to today first. A calendar app needs no more, and
# the feed's cost no longer grows with what an account has stored.
WINDOW_BACK = timedelta(days=366)
WINDOW_AHEAD = timedelta(days=3 * 366)
MAX_EVENTS = 500
MAX_TODOS = 500
# Rendered feeds kept, one per account (the latest), least recently polled dropped first.
RENDERED_FEEDS = 256


def issue_token(db: Session, user: User) -> str:
    """A new feed token; storing its hash replaces, and so revokes, the previous one."""
    token = new_token("srcal")
    user.calendar_token_hash = token_hash(token)
    db.add(user)
    db.flush()
    return token


def token_in_query(query_string: bytes) -> str | None:
    """The feed token from the raw query: the value of the one parameter named `token`, spelled
    exactly so. Another spelling of the same name (`tok%65n`), a second `token`, or an upper-case
    `TOKEN` gives None: one way to write the credential, the one the feed URL uses, and the one
    the access log is sure to mask."""
    named_token = []
    for pair in query_string.decode("latin-1").split("&"):
        name, _, value = pair.partition("=")
        if unquote_plus(name) == "token":
            named_token.append((name, value))
    if len(named_token) != 1 or named_token[0][0] != "token":
        return None
    return unquote_plus(named_token[0][1])


def owner_of_token(db: Session, token: str | None) -> uuid.UUID:
    """The feed owner's id; every failure is the same 404, so a probe learns nothing."""
    owner_id = None
    if token and len(token) <= MAX_TOKEN_LENGTH:
        owner_id = db.execute(select(col(User.id)).where(col(User.calendar_token_hash) == token_hash(token))).scalar()
    if owner_id is None:
        raise NotFound("There is no calendar feed at this address; issue a new feed URL.", headers=NO_STORE)
    return owner_id


def _pending_follow_up() -> Any:
    return and_(
        col(Round.outcome) == Outcome.PENDING, col(Round.follow_up_on).is_not(None), col(Round.followed_up_at).is_(None)
    )


def _aware(instant: datetime) -> datetime:
    # SQLite hands back naive UTC datetimes.
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Window:
    """The stretch of time the feed covers, as of one moment."""

    now: datetime

    @property
    def first(self) -> datetime:
        return self.now - WINDOW_BACK

    @property
    def last(self) -> datetime:
        return self.now + WINDOW_AHEAD

    def holds(self, instant: datetime | None) -> bool:
        return instant is not None and self.first <= _aware(instant) <= self.last

    def holds_day(self, day: date | None) -> bool:
        return day is not None and self.first.date() <= day <= self.last.date()

    def events(self) -> Any:
        return col(Round.scheduled_at).between(self.first, self.last)

    def todos(self) -> Any:
        return and_(_pending_follow_up(), col(Round.follow_up_on).between(self.first.date(), self.last.date()))


def _feed_round_ids(db: Session, owner_id: uuid.UUID, window: Window) -> list[uuid.UUID]:
    """The rounds in the feed: at most MAX_EVENTS events (the coming ones first, then the latest
    past ones) and MAX_TODOS to-dos (the earliest due first)."""
    mine = col(Round.owner_id) == owner_id
    coming = list(
        db.execute(
            select(col(Round.id))
            .where(mine, window.events(), col(Round.scheduled_at) >= window.now)
            .order_by(col(Round.scheduled_at), col(Round.id))
            .limit(MAX_EVENTS)
        ).scalars()
    )
    past = list(
        db.execute(
            select(col(Round.id))
            .where(mine, window.events(), col(Round.scheduled_at) < window.now)
            .order_by(col(Round.scheduled_at).desc(), col(Round.id))
            .limit(MAX_EVENTS - len(coming))
        ).scalars()
        if len(coming) < MAX_EVENTS
        else []
    )
    todos = db.execute(
        select(col(Round.id))
        .where(mine, window.todos())
        .order_by(col(Round.follow_up_on), col(Round.id))
        .limit(MAX_TODOS)
    ).scalars()
    return list(dict.fromkeys([*coming, *past, *todos]))


def load_feed(db: Session, owner_id: uuid.UUID, window: Window | None = None) -> list[FeedRound]:
    """Everything the feed needs in a few statements, however many rounds there are."""
    window = window or Window(datetime.now(UTC))
    ids = _feed_round_ids(db, owner_id, window)
    if not ids:
        return []
    rounds = db.execute(
        select(Round, Application)
        .join(Application, col(Application.id) == col(Round.application_id))
        .where(col(Round.owner_id) == owner_id, col(Round.id).in_(ids))
        .options(
            load_only(
                *columns(
                    Round.id,
                    Round.sequence,
                    Round.kind,
                    Round.status,
                    Round.outcome,
                    Round.scheduled_at,
                    Round.time_zone,
                    Round.duration_minutes,
                    Round.location,
                    Round.decision_expected_by,
                    Round.follow_up_on,
                    Round.followed_up_at,
                    Round.created_at,
                    Round.updated_at,
                )
            ),
            load_only(*columns(Application.id, Application.company, Application.position)),
        )
    ).all()
    people = db.execute(
        select(
            col(Interviewer.round_id),
            col(Interviewer.name),
            col(Interviewer.title),
            col(Interviewer.email),
            col(Role.name),
        )
        .join(Round, col(Round.id) == col(Interviewer.round_id))
        .outerjoin(Role, col(Role.id) == col(Interviewer.role_id))
        .where(col(Round.owner_id) == owner_id, col(Round.id).in_(ids))
        .order_by(col(Interviewer.order), col(Interviewer.id))
    ).all()
    interviewers: dict[uuid.UUID, list[FeedInterviewer]] = defaultdict(list)
    for round_id, name, title, email, role in people:
        interviewers[round_id].append(FeedInterviewer(name=name, title=title, role=role, email=email))
    return [
        FeedRound(
            id=r.id,
            sequence=r.sequence,
            kind=r.kind,
            status=r.status,
            outcome=r.outcome,
            company=a.company,
            position=a.position,
            created_at=r.created_at,
            updated_at=r.updated_at,
            scheduled_at=r.scheduled_at if window.holds(r.scheduled_at) else None,
            time_zone=r.time_zone,
            duration_minutes=r.duration_minutes,
            location=r.location,
            decision_expected_by=r.decision_expected_by,
            follow_up_on=r.follow_up_on if window.holds_day(r.follow_up_on) else None,
            followed_up_at=r.followed_up_at,
            interviewers=tuple(interviewers.get(r.id, ())),
        )
        for r, a in rounds
    ]


@dataclass(frozen=True)
class FeedAnswer:
    """The feed's answer: the document (None for a 304) and its entity tag."""

    body: bytes | None
    etag: str


_rendered: OrderedDict[tuple[uuid.UUID, str], tuple[str, bytes]] = OrderedDict()
_rendered_lock = threading.Lock()


def _fingerprint(rounds: list[FeedRound], app_base: str) -> str:
    # Everything the document is made of: the loaded rows (in the window) and the links' base.
    digest = hashlib.sha256(repr((app_base, rounds)).encode())
    return f'"{digest.hexdigest()[:32]}"'


def render(owner_id: uuid.UUID, rounds: list[FeedRound], *, app_base: str) -> tuple[str, bytes]:
    """The iCalendar document and its entity tag, built once per account and change: a poll that
    finds the same rows gets the bytes it got last time."""
    tag = _fingerprint(rounds, app_base)
    key = (owner_id, app_base)
    with _rendered_lock:
        cached = _rendered.get(key)
        if cached is not None and cached[0] == tag:
            _rendered.move_to_end(key)
            return cached
    # Up to a second or two at the caps: in a worker thread, so the loop keeps serving others.
    body = off_the_loop(build_calendar, rounds, calendar_uid=f"calendar-{owner_id}@secondround", app_base=app_base)
    with _rendered_lock:
        _rendered[key] = (tag, body)
        _rendered.move_to_end(key)
        while len(_rendered) > RENDERED_FEEDS:
            _rendered.popitem(last=False)
    return tag, body


def _matches(if_none_match: str | None, tag: str) -> bool:
    if not if_none_match:
        return False
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in tags or tag in tags


def feed(db: Session, query_string: bytes, *, app_base: str, if_none_match: str | None = None) -> FeedAnswer:
    """The iCalendar document of the account whose token the raw query holds (else a 404); no
    body when `If-None-Match` names its current tag (the router answers 304).

    `token` is declared on the route for the OpenAPI document; the value used is read from the raw
    query, where only the exact spelling counts (a URL parser would also accept `tok%65n`). Links
    open the web app at `app_base`, where the browser is signed in by cookie."""
    owner_id = owner_of_token(db, token_in_query(query_string))
    tag, body = render(owner_id, load_feed(db, owner_id), app_base=app_base)
    return FeedAnswer(None if _matches(if_none_match, tag) else body, tag)
