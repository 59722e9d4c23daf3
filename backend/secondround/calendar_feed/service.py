"""The private calendar feed: its secret token, and loading what goes in it. Flushes, never commits."""

import uuid
from collections import defaultdict
from typing import Any
from urllib.parse import unquote_plus

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import load_only
from sqlmodel import Session, col

from secondround.accounts.credentials import new_token, token_hash
from secondround.api.problems import NotFound
from secondround.calendar_feed.ical import FeedInterviewer, FeedRound, build_calendar
from secondround.db.queries import columns
from secondround.helpers.vocabulary import Outcome
from secondround.models import Application, Interviewer, Role, Round, User

# Far longer than any token we issue; anything longer is not worth hashing.
MAX_TOKEN_LENGTH = 200
# Cache-Control on the token and the feed: both carry the secret or what it protects.
NO_STORE = {"Cache-Control": "private, no-store"}


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


def _in_feed() -> Any:
    """Rounds the feed shows: scheduled ones (events) and pending follow-ups (to-dos)."""
    pending_follow_up = and_(
        col(Round.outcome) == Outcome.PENDING, col(Round.follow_up_on).is_not(None), col(Round.followed_up_at).is_(None)
    )
    return or_(col(Round.scheduled_at).is_not(None), pending_follow_up)


def load_feed(db: Session, owner_id: uuid.UUID) -> list[FeedRound]:
    """Everything the feed needs in two statements, however many rounds there are."""
    rounds = db.execute(
        select(Round, Application)
        .join(Application, col(Application.id) == col(Round.application_id))
        .where(col(Round.owner_id) == owner_id, _in_feed())
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
        .where(col(Round.owner_id) == owner_id, _in_feed())
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
            scheduled_at=r.scheduled_at,
            time_zone=r.time_zone,
            duration_minutes=r.duration_minutes,
            location=r.location,
            decision_expected_by=r.decision_expected_by,
            follow_up_on=r.follow_up_on,
            followed_up_at=r.followed_up_at,
            interviewers=tuple(interviewers.get(r.id, ())),
        )
        for r, a in rounds
    ]


def feed(db: Session, query_string: bytes, *, app_base: str) -> bytes:
    """The iCalendar document of the account whose token the raw query holds (else a 404).

    `token` is declared on the route for the OpenAPI document; the value used is read from the raw
    query, where only the exact spelling counts (a URL parser would also accept `tok%65n`). Links
    open the web app at `app_base`, where the browser is signed in by cookie."""
    owner_id = owner_of_token(db, token_in_query(query_string))
    return build_calendar(load_feed(db, owner_id), calendar_uid=f"calendar-{owner_id}@secondround", app_base=app_base)
