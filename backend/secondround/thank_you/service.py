"""Thank-you notes (docs/product.md#thank-you-notes): a draft per person met, from what was
recorded (thank_you/templates.py), and the record of the ones you marked sent. Flushes, never commits."""

import uuid
from collections import defaultdict
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from secondround.activity import record as activity
from secondround.api.problems import Conflict, NotFound
from secondround.db.types import utcnow
from secondround.helpers.vocabulary import ActivityKind, Channel
from secondround.models import (
    Application,
    DebriefRevision,
    Interviewer,
    Question,
    Round,
    RoundQuestion,
    ThankYouNoteSent,
    User,
)
from secondround.thank_you import templates
from secondround.thank_you.schemas import ThankYouNoteRead, ThankYouNotesRead, ThankYouSentCreate, ThankYouSentRead
from secondround.thank_you.timing import NoteWindow, Timing, timing


def timing_of(round_: Round, now: datetime) -> Timing:
    return timing(
        status=round_.status, scheduled_at=round_.scheduled_at, duration_minutes=round_.duration_minutes, now=now
    )


def _panel(db: Session, round_id: uuid.UUID) -> list[Interviewer]:
    return list(
        db.scalars(
            select(Interviewer)
            .where(col(Interviewer.round_id) == round_id, col(Interviewer.cancelled).is_(False))
            .order_by(col(Interviewer.order), col(Interviewer.id))
        )
    )


def current_debriefs(db: Session, interviewer_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, DebriefRevision]:
    """Each person's current debrief (their highest revision), in one statement."""
    if not interviewer_ids:
        return {}
    found: dict[uuid.UUID, DebriefRevision] = {}
    stmt = (
        select(DebriefRevision)
        .where(col(DebriefRevision.interviewer_id).in_(sorted(interviewer_ids)))
        .order_by(col(DebriefRevision.interviewer_id), col(DebriefRevision.revision))
    )
    for row in db.scalars(stmt):
        found[row.interviewer_id] = row  # the last one read is the highest
    return found


def _asked(db: Session, round_id: uuid.UUID) -> dict[uuid.UUID, list[templates.AskedQuestion]]:
    """The questions marked asked or answered with each person of the round, with your notes."""
    stmt: Any = (
        select(
            col(RoundQuestion.marked_for_interviewer_id).label("interviewer_id"),
            col(Question.text).label("text"),
            col(RoundQuestion.answer_notes).label("answer_notes"),
        )
        .join(Question, col(Question.id) == col(RoundQuestion.question_id))
        .where(
            col(RoundQuestion.round_id) == round_id,
            col(RoundQuestion.marked_for_interviewer_id).is_not(None),
            col(RoundQuestion.status).in_(["asked", "answered"]),
        )
        .order_by(col(RoundQuestion.updated_at), col(RoundQuestion.question_id))
    )
    found: dict[uuid.UUID, list[templates.AskedQuestion]] = defaultdict(list)
    for row in db.execute(stmt):
        found[row.interviewer_id].append(templates.AskedQuestion(row.text, row.answer_notes))
    return found


def sent_notes(db: Session, interviewer_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, ThankYouNoteSent]:
    if not interviewer_ids:
        return {}
    stmt = select(ThankYouNoteSent).where(col(ThankYouNoteSent.interviewer_id).in_(sorted(interviewer_ids)))
    return {row.interviewer_id: row for row in db.scalars(stmt)}


def sent_read(row: ThankYouNoteSent) -> ThankYouSentRead:
    return ThankYouSentRead(
        interviewer_id=row.interviewer_id,
        round_id=row.round_id,
        sent_at=row.sent_at,
        subject=row.subject,
        body=row.body,
        created_at=row.created_at,
        updated_at=row.created_at,
    )


def _drafts(db: Session, round_: Round, people: list[Interviewer]) -> dict[uuid.UUID, templates.Draft]:
    application = db.get_one(Application, round_.application_id)
    owner = db.get_one(User, round_.owner_id)
    debriefs = current_debriefs(db, [p.id for p in people])
    asked = _asked(db, round_.id)
    drafts = {}
    for person in people:
        debrief = debriefs.get(person.id)
        drafts[person.id] = templates.draft(
            templates.NoteFacts(
                person_name=person.name,
                greeting=person.greeting,
                email=person.email,
                company=application.company,
                position=application.position,
                your_name=owner.display_name,
                cared_about=debrief.cared_about if debrief else None,
                next_steps=debrief.next_steps if debrief else None,
                asked=asked.get(person.id, []),
            )
        )
    return drafts


def notes(db: Session, round_: Round, now: datetime) -> ThankYouNotesRead:
    people = _panel(db, round_.id)
    drafts = _drafts(db, round_, people)
    sent = sent_notes(db, [p.id for p in people])
    when = timing_of(round_, now)
    return ThankYouNotesRead(
        round_id=round_.id,
        window=when.window,
        explanation=when.explanation,
        opens_at=when.opens_at,
        late_after=when.late_after,
        notes=[
            ThankYouNoteRead(
                interviewer_id=p.id,
                name=p.name,
                email=p.email,
                subject=drafts[p.id].subject,
                body=drafts[p.id].body,
                mailto=drafts[p.id].mailto,
                sent=sent_read(sent[p.id]) if p.id in sent else None,
            )
            for p in people
        ],
        not_thanked=[p.name for p in people if p.id not in sent],
    )


def mark_sent(
    db: Session, round_: Round, interviewer_id: uuid.UUID, body: ThankYouSentCreate, now: datetime
) -> tuple[ThankYouSentRead, bool]:
    """Record the note as sent; a repeat returns the first record unchanged. Returns it and whether it is new."""
    person = db.get(Interviewer, interviewer_id)
    if person is None or person.round_id != round_.id or person.owner_id != round_.owner_id:
        raise NotFound(f"No interviewer with id {interviewer_id} in this round.")
    existing = db.get(ThankYouNoteSent, interviewer_id)
    if existing is not None:
        return sent_read(existing), False
    if person.cancelled:
        raise Conflict(f"The meeting with {person.name} was cancelled: there is no note to send them for this round.")
    when = timing_of(round_, now)
    if when.window == NoteWindow.NOT_YET:
        raise Conflict(when.explanation)
    draft = _drafts(db, round_, [person])[person.id]
    row = ThankYouNoteSent(
        interviewer_id=person.id,
        round_id=round_.id,
        owner_id=round_.owner_id,
        sent_at=body.sent_at or utcnow(),
        subject=body.subject or draft.subject,
        body=body.body if body.body and body.body.strip() else draft.body,
        created_at=utcnow(),
    )
    db.add(row)
    db.flush()
    # The application's log says it too, once (activity/record.py): the timeline shows the note went out.
    activity.append(
        db,
        owner_id=round_.owner_id,
        application_id=round_.application_id,
        kind=ActivityKind.THANK_YOU,
        text=f"Thank-you note sent to {person.name}: {row.subject}",
        occurred_at=row.sent_at,
        round_id=round_.id,
        interviewer_id=person.id,
        contact_id=person.contact_id,
        channel=Channel.EMAIL,
    )
    return sent_read(row), True
