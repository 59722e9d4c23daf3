"""Reading the change feed: the account's changes in commit order.

Rows are numbered (`seq`) when they are written. On PostgreSQL a number taken at insert time is not
commit order in general: a transaction that took number 7 may commit after one that took number 8,
and a client that had read up to 8 would never see 7. Here every transaction that records changes
holds its account's lock (changes/capture.lock_account) from before its first number until it
commits, so within one account the numbers are taken, and committed, one transaction after the
other: reading "after n" never skips a change. SQLite's writers take turns anyway (BEGIN IMMEDIATE).
docs/decisions.md, "The change feed".

A cursor is signed (api/pagination.py) and holds the position and an instant: that of its last change,
or of the read when the feed was read to its end. A cursor older than the retention window is a 410:
the deletions after it may be gone (capture.purge_statement keeps one more day than it promises).
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session, col

from secondround.accounts.schemas import MeRead
from secondround.activity import service as activity_service
from secondround.answers import service as answers_service
from secondround.answers.schemas import ApplicationAnswerRead
from secondround.api.pagination import decode_cursor, encode_cursor
from secondround.api.problems import BadRequest, CursorExpired, NotFound
from secondround.applications.schemas import ApplicationRead
from secondround.changes.schemas import ChangePage, ChangeRead
from secondround.contacts.schemas import ContactRead
from secondround.db.types import utcnow
from secondround.debriefs import service as debriefs_service
from secondround.interviewers.schemas import InterviewerRead
from secondround.models import (
    ActivityEntry,
    Application,
    ApplicationAnswer,
    Change,
    Contact,
    Interviewer,
    Offer,
    PracticeCard,
    Question,
    Role,
    Round,
    RoundQuestion,
    ThankYouNoteSent,
    User,
)
from secondround.offers import service as offers_service
from secondround.practice import service as practice_service
from secondround.questions import service as questions_service
from secondround.questions.schemas import QuestionRead
from secondround.roles.schemas import RoleRead
from secondround.round_questions import service as round_questions_service
from secondround.round_questions.schemas import RoundQuestionRead
from secondround.rounds.schemas import RoundRead
from secondround.thank_you import service as thank_you_service

SCOPE = "changes"
START = 0  # before every row

Key = tuple[str, uuid.UUID, uuid.UUID | None]


def _position(secret: str, after: str | None, retention_days: int) -> int:
    if after is None:
        return START
    decoded = decode_cursor(secret, SCOPE, after)
    if len(decoded) != 2:
        raise BadRequest("The cursor is invalid, tampered with, or belongs to another list.")
    seq, at = decoded
    if not (isinstance(seq, int) and isinstance(at, datetime)):
        raise BadRequest("The cursor is invalid, tampered with, or belongs to another list.")
    if at < utcnow() - timedelta(days=retention_days):
        raise CursorExpired(
            f"This cursor is from {at.date().isoformat()}, and the feed keeps deletions for {retention_days} days "
            "only. Discard your copy and read the feed again from the start, without after."
        )
    return seq


def read(
    db: Session, owner_id: uuid.UUID, *, secret: str, after: str | None, limit: int, retention_days: int
) -> ChangePage:
    position = _position(secret, after, retention_days)
    statement = select(Change).where(col(Change.owner_id) == owner_id, col(Change.seq) > position)
    rows = list(db.execute(statement.order_by(col(Change.seq)).limit(limit + 1)).scalars())
    has_more = len(rows) > limit
    rows = rows[:limit]
    now = utcnow()
    named = [(r.resource, r.resource_id, r.parent_id) for r in rows if r.action != "deleted"]
    current = representations(db, owner_id, named)

    def cursor(seq: int, at: datetime) -> str:
        return encode_cursor(secret, SCOPE, [seq, at])

    items = [
        ChangeRead(
            cursor=cursor(r.seq or 0, r.occurred_at),
            resource=r.resource,
            id=r.resource_id,
            parent_id=r.parent_id,
            action=r.action,
            occurred_at=r.occurred_at,
            data=current.get((r.resource, r.resource_id, r.parent_id)) if r.action != "deleted" else None,
        )
        for r in rows
    ]
    last = (rows[-1].seq or 0) if rows else position
    # Read to the end: the cursor is as fresh as this read (an idle account's poll never expires).
    at = rows[-1].occurred_at if has_more else now
    return ChangePage(items=items, next_cursor=cursor(last, at), has_more=has_more)


def representations(db: Session, owner_id: uuid.UUID, keys: Iterable[Key]) -> dict[Key, Any]:
    """The current representation of each resource named (resource, id, parent id), as its own GET
    returns it, read in one statement per kind (a debrief: a few per debrief). Gone ones are left out.
    The webhook events of the newer resources carry the same (webhooks/resource_events.py)."""
    wanted: dict[str, set[tuple[uuid.UUID, uuid.UUID | None]]] = defaultdict(set)
    for resource, resource_id, parent_id in keys:
        wanted[resource].add((resource_id, parent_id))
    found: dict[Key, Any] = {}

    def by_id(model: Any, schema: type[BaseModel], name: str, owner: Any) -> None:
        ids = [i for i, _ in wanted.get(name, ())]
        if not ids:
            return
        for obj in db.execute(select(model).where(col(model.id).in_(ids), owner == owner_id)).scalars():
            found[(name, obj.id, None)] = schema.model_validate(obj)

    by_id(User, MeRead, "account", col(User.id))
    by_id(Role, RoleRead, "role", col(Role.owner_id))
    by_id(Application, ApplicationRead, "application", col(Application.owner_id))
    by_id(Round, RoundRead, "round", col(Round.owner_id))
    by_id(Interviewer, InterviewerRead, "interviewer", col(Interviewer.owner_id))
    by_id(Contact, ContactRead, "contact", col(Contact.owner_id))
    entry_ids = [i for i, _ in wanted.get("activity_entry", ())]
    if entry_ids:  # with the name of whom each is with, as GET /activity/{id} shows it
        log = db.execute(
            select(ActivityEntry).where(col(ActivityEntry.id).in_(entry_ids), col(ActivityEntry.owner_id) == owner_id)
        ).scalars()
        for read in activity_service.readable(db, list(log)):
            found[("activity_entry", read.id, None)] = read
    _newer(db, owner_id, wanted, found)
    question_ids = [i for i, _ in wanted.get("question", ())]
    if question_ids:
        questions = list(
            db.execute(
                select(Question).where(col(Question.id).in_(question_ids), col(Question.owner_id) == owner_id)
            ).scalars()
        )
        for question in questions_service.with_targets(db, questions):
            found[("question", question.id, None)] = QuestionRead.model_validate(question)
    entries = [(p, i) for i, p in wanted.get("round_question", ()) if p is not None]
    if entries:
        statement = round_questions_service.list_statement_for_entries(entries).where(
            col(RoundQuestion.owner_id) == owner_id
        )
        for row in db.execute(statement):
            found[("round_question", row.question_id, row.round_id)] = RoundQuestionRead.model_validate(row._asdict())
    answers = [(p, i) for i, p in wanted.get("application_answer", ()) if p is not None]
    if answers:
        statement = answers_service.list_statement_for_answers(answers).where(
            col(ApplicationAnswer.owner_id) == owner_id
        )
        for row in db.execute(statement):
            found[("application_answer", row.question_id, row.application_id)] = ApplicationAnswerRead.model_validate(
                row._asdict()
            )
    return found


def _newer(db: Session, owner_id: uuid.UUID, wanted: dict[str, set[Any]], found: dict[Key, Any]) -> None:
    """Offers, debriefs, thank-you notes marked sent and practice cards, as their own GETs show them."""
    offer_ids = [i for i, _ in wanted.get("offer", ())]
    if offer_ids:
        today = offers_service.today_of(db.get_one(User, owner_id))
        offers = select(Offer).where(col(Offer.id).in_(offer_ids), col(Offer.owner_id) == owner_id)
        for offer in db.execute(offers).scalars():
            found[("offer", offer.id, None)] = offers_service.read_of(offer, today)
    debriefed = [i for i, _ in wanted.get("debrief", ())]
    if debriefed:
        people = select(Interviewer).where(col(Interviewer.id).in_(debriefed), col(Interviewer.owner_id) == owner_id)
        for interviewer in list(db.execute(people).scalars()):
            try:
                found[("debrief", interviewer.id, None)] = debriefs_service.get(db, interviewer)
            except NotFound:  # no version (yet, or any more)
                continue
    notes = [i for i, _ in wanted.get("thank_you_note", ())]
    if notes:
        sent = select(ThankYouNoteSent).where(
            col(ThankYouNoteSent.interviewer_id).in_(notes), col(ThankYouNoteSent.owner_id) == owner_id
        )
        for note in db.execute(sent).scalars():
            found[("thank_you_note", note.interviewer_id, note.round_id)] = thank_you_service.sent_read(note)
    cards = [i for i, _ in wanted.get("practice_card", ())]
    if cards:
        now = utcnow()
        cards_of = select(PracticeCard).where(
            col(PracticeCard.question_id).in_(cards), col(PracticeCard.owner_id) == owner_id
        )
        for card in db.execute(cards_of).scalars():
            found[("practice_card", card.question_id, None)] = practice_service.card_read(card, now)
