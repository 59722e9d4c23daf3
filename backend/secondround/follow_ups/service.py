"""Follow-ups: pending rounds with a follow-up date, and whom to call about them. Reads only."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import load_only
from sqlmodel import Session, col

from secondround.api.app_state import app_state
from secondround.api.pagination import Keyset, ListQuery, decode_cursor, encode_cursor
from secondround.api.problems import BadRequest, InvalidInput
from secondround.db.queries import changed_since, columns
from secondround.db.types import utcnow
from secondround.follow_ups import call_script
from secondround.follow_ups.schemas import FollowUpWhen
from secondround.helpers import local_time
from secondround.helpers.vocabulary import ROUND_KIND_LABELS, ActivityKind, OfferStatus, Outcome, RoundQuestionStatus
from secondround.models import ActivityEntry, Application, Interviewer, Offer, Question, Round, RoundQuestion, User
from secondround.rounds.follow_up import today_in

keyset = Keyset("follow-ups", col(Round.follow_up_on), col(Round.id))


@dataclass(frozen=True)
class FollowUp:
    """A pending round to follow up on, its application, and whom to call (in meeting order)."""

    round: Round
    application: Application
    interviewers: list[Interviewer]


def list_statement(
    owner_id: uuid.UUID, *, when: FollowUpWhen, today: date, updated_after: datetime | None = None
) -> Any:
    """Rounds joined with their applications in one statement; the caller adds keyset order and limit."""
    stmt = (
        select(Round, Application)
        .join(Application, col(Application.id) == col(Round.application_id))
        .where(
            col(Round.owner_id) == owner_id,
            col(Round.outcome) == Outcome.PENDING,
            col(Round.follow_up_on).is_not(None),
            *changed_since(col(Round.updated_at), updated_after),
        )
        # Leave the long text columns (notes, research) behind: a list needs none of them.
        .options(
            load_only(
                *columns(
                    Round.id,
                    Round.sequence,
                    Round.kind,
                    Round.scheduled_at,
                    Round.time_zone,
                    Round.decision_expected_by,
                    Round.follow_up_on,
                    Round.followed_up_at,
                    Round.follow_up_note,
                    Round.outcome,
                    Round.updated_at,
                )
            ),
            load_only(*columns(Application.id, Application.company, Application.position, Application.status)),
        )
    )
    if when == FollowUpWhen.DUE:
        stmt = stmt.where(col(Round.follow_up_on) <= today, col(Round.followed_up_at).is_(None))
    elif when == FollowUpWhen.UPCOMING:
        stmt = stmt.where(col(Round.follow_up_on) > today, col(Round.followed_up_at).is_(None))
    return stmt


def interviewers_by_round(
    db: Session, owner_id: uuid.UUID, round_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Interviewer]]:
    """The interviewers of all the given rounds in one statement, each round's in meeting order."""
    if not round_ids:
        return {}
    stmt = (
        select(Interviewer)
        .where(col(Interviewer.owner_id) == owner_id, col(Interviewer.round_id).in_(round_ids))
        .options(
            load_only(
                *columns(
                    Interviewer.id,
                    Interviewer.round_id,
                    Interviewer.name,
                    Interviewer.title,
                    Interviewer.email,
                    Interviewer.phone,
                    Interviewer.contact_id,
                    Interviewer.role_id,
                    Interviewer.order,
                )
            )
        )
        .order_by(col(Interviewer.order), col(Interviewer.id))
    )
    grouped: dict[uuid.UUID, list[Interviewer]] = defaultdict(list)
    for interviewer in db.execute(stmt).scalars():
        grouped[interviewer.round_id].append(interviewer)
    return grouped


@dataclass(frozen=True)
class OfferFollowUp:
    """An open offer to respond to, and its application."""

    offer: Offer
    application: Application


# An open offer is due from this many days before its respond_by date: time to decide and answer.
OFFER_DUE_DAYS_BEFORE = 2


def offers_statement(
    owner_id: uuid.UUID, *, when: FollowUpWhen, today: date, updated_after: datetime | None = None
) -> Any:
    """Open offers with a date to respond by, joined with their applications."""
    stmt = (
        select(Offer, Application)
        .join(Application, col(Application.id) == col(Offer.application_id))
        .where(
            col(Offer.owner_id) == owner_id,
            col(Offer.status) == OfferStatus.OPEN,
            col(Offer.respond_by).is_not(None),
            *changed_since(col(Offer.updated_at), updated_after),
        )
        .options(
            load_only(
                *columns(Offer.id, Offer.stage, Offer.base_amount, Offer.currency, Offer.respond_by, Offer.updated_at)
            ),
            load_only(*columns(Application.id, Application.company, Application.position, Application.status)),
        )
    )
    due_until = today + timedelta(days=OFFER_DUE_DAYS_BEFORE)
    if when == FollowUpWhen.DUE:
        stmt = stmt.where(col(Offer.respond_by) <= due_until)
    elif when == FollowUpWhen.UPCOMING:
        stmt = stmt.where(col(Offer.respond_by) > due_until)
    return stmt


def _sort_key(item: "FollowUp | OfferFollowUp") -> tuple[date, str]:
    if isinstance(item, OfferFollowUp):
        return (item.offer.respond_by or date.max, str(item.offer.id))
    return (item.round.follow_up_on or date.max, str(item.round.id))


def list_page(
    db: Session, user: User, when: FollowUpWhen, query: ListQuery
) -> tuple[list[FollowUp | OfferFollowUp], str | None]:
    """A page of follow-ups, rounds and open offers merged by date (a round by its follow_up_on, an
    offer by its respond_by), then id; "today" is the day in the account's zone. Each kind is read
    in keyset order from the same cursor, and the page takes the first of both."""
    today = today_in(user.time_zone, utcnow())
    stmt = list_statement(user.id, when=when, today=today, updated_after=query.updated_after)
    secret = app_state(query.request.app).settings.secret_key
    offers = offers_statement(user.id, when=when, today=today, updated_after=query.updated_after)
    if query.cursor:
        after = decode_cursor(secret, keyset.scope, query.cursor)
        if len(after) != 2:
            raise BadRequest("The cursor is invalid, tampered with, or belongs to another list.")
        bound = tuple_(*after)
        stmt = stmt.where(tuple_(col(Round.follow_up_on), col(Round.id)) > bound)
        offers = offers.where(tuple_(col(Offer.respond_by), col(Offer.id)) > bound)
    extra = query.limit + 1
    round_rows = db.execute(stmt.order_by(col(Round.follow_up_on), col(Round.id)).limit(extra)).all()
    offer_rows = db.execute(offers.order_by(col(Offer.respond_by), col(Offer.id)).limit(extra)).all()
    merged: list[FollowUp | OfferFollowUp] = sorted(
        [FollowUp(round_, application, []) for round_, application in round_rows]
        + [OfferFollowUp(offer, application) for offer, application in offer_rows],
        key=_sort_key,
    )
    next_cursor = None
    if len(merged) > query.limit:
        merged = merged[: query.limit]
        last = merged[-1]
        key = (
            [last.offer.respond_by, last.offer.id]
            if isinstance(last, OfferFollowUp)
            else [last.round.follow_up_on, last.round.id]
        )
        next_cursor = encode_cursor(secret, keyset.scope, key)
        next_url = query.request.url.include_query_params(cursor=next_cursor)
        query.response.headers["Link"] = f'<{next_url}>; rel="next"'
    round_ids = [item.round.id for item in merged if isinstance(item, FollowUp)]
    interviewers = interviewers_by_round(db, user.id, round_ids)
    items = [
        FollowUp(item.round, item.application, interviewers.get(item.round.id, []))
        if isinstance(item, FollowUp)
        else item
        for item in merged
    ]
    return items, next_cursor


@dataclass(frozen=True)
class CallPlan:
    round_id: uuid.UUID
    person: Interviewer | None
    script: call_script.CallScript
    tel_uri: str | None
    mailto_uri: str | None


def _person(db: Session, round_: Round, interviewer_id: uuid.UUID | None) -> Interviewer | None:
    if interviewer_id is not None:
        person = db.get(Interviewer, interviewer_id)
        if person is None or person.round_id != round_.id:
            raise InvalidInput(
                "interviewer_id",
                f"must be someone of this round; there is no such person with id {interviewer_id}",
                type="unknown_interviewer",
                location="query",
            )
        return person
    # The first person met who was met at all.
    stmt = (
        select(Interviewer)
        .where(col(Interviewer.round_id) == round_.id)
        .order_by(col(Interviewer.cancelled), col(Interviewer.order), col(Interviewer.id))
        .limit(1)
    )
    return db.execute(stmt).scalars().first()


def _discussed(db: Session, round_: Round, person: Interviewer | None) -> list[str]:
    stmt = (
        select(col(Question.text))
        .join(RoundQuestion, col(RoundQuestion.question_id) == col(Question.id))
        .where(
            col(RoundQuestion.round_id) == round_.id,
            col(RoundQuestion.status).in_([RoundQuestionStatus.ASKED, RoundQuestionStatus.ANSWERED]),
        )
        .order_by(col(RoundQuestion.updated_at), col(Question.id))
    )
    if person is not None:
        stmt = stmt.where(
            (col(RoundQuestion.marked_for_interviewer_id) == person.id)
            | (col(RoundQuestion.interviewer_id) == person.id)
        )
    return list(db.execute(stmt).scalars())


def plan_call(db: Session, user: User, round_: Round, interviewer_id: uuid.UUID | None) -> CallPlan:
    application = db.get_one(Application, round_.application_id)
    person = _person(db, round_, interviewer_id)
    last = (
        db.execute(
            select(ActivityEntry)
            .where(col(ActivityEntry.round_id) == round_.id, col(ActivityEntry.kind) == ActivityKind.CALL)
            .order_by(col(ActivityEntry.occurred_at).desc(), col(ActivityEntry.id).desc())
            .limit(1)
        )
        .scalars()
        .first()
    )
    facts = call_script.CallFacts(
        person_name=person.name if person else None,
        greeting=person.greeting if person else None,
        company=application.company,
        position=application.position,
        round_label=ROUND_KIND_LABELS[round_.kind],
        interview_day=local_time.local_date(round_.scheduled_at, round_.time_zone) if round_.scheduled_at else None,
        decision_expected_by=round_.decision_expected_by,
        discussed=_discussed(db, round_, person),
        last_call_on=local_time.local_date(last.occurred_at, user.time_zone) if last else None,
        last_call_text=last.text if last else None,
        today=today_in(user.time_zone, utcnow()),
    )
    phone = person.phone if person else None
    return CallPlan(
        round_.id,
        person,
        call_script.build(facts),
        call_script.tel_uri(phone) if phone else None,
        call_script.mailto_uri(person.email if person else None, application.position),
    )
