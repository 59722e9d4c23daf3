"""Debriefs: what you noted about each person right after the round (docs/product.md#debriefs).
Append-only: every change is a new revision and the ones before stay. The date a person named
for the decision fills the round's `decision_expected_by` when it is empty. Flushes, never commits."""

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session, col

from secondround.api.etag import check_if_match
from secondround.api.problems import InvalidInput, NotFound, PreconditionFailed
from secondround.db.types import utcnow
from secondround.debriefs.schemas import DebriefPut, DebriefRead, DebriefRevisionRead
from secondround.helpers import local_time
from secondround.helpers.vocabulary import Category, Direction
from secondround.models import DebriefRevision, Interviewer, Role, Round
from secondround.questions import service as questions
from secondround.questions.schemas import QuestionCreate
from secondround.rounds import service as rounds
from secondround.rounds.schemas import RoundUpdate

# The versions a read shows besides the current one; `revision` counts them all.
EARLIER_SHOWN = 20
# A person's debrief keeps at most this many versions (a phone saving each keystroke would be a bug).
MAX_REVISIONS = 200
FIELDS = ("impression", "next_steps", "cared_about", "surprises", "notes", "decision_date_named")


@dataclass(frozen=True)
class DateOutcome:
    """What a PUT did with the date they named: `filled`, `replaced`, `same`, `kept` or `refused`."""

    what: str
    detail: str | None = None


def _revisions(db: Session, interviewer_id: uuid.UUID, limit: int) -> list[DebriefRevision]:
    return list(
        db.scalars(
            select(DebriefRevision)
            .where(col(DebriefRevision.interviewer_id) == interviewer_id)
            .order_by(col(DebriefRevision.revision).desc())
            .limit(limit)
        )
    )


def date_note(named: date | None, on_round: date | None, outcome: DateOutcome | None = None) -> str | None:
    """What became of the date they named, in the user's words."""
    if named is None:
        return None
    said = local_time.format_date(named)  # "Tuesday 8 December 2026": a sentence a person reads
    if outcome is not None and outcome.what == "filled":
        return f"Filled the round's decision date with {said}, the date they named."
    if outcome is not None and outcome.what == "replaced":
        return f"Replaced the round's decision date {outcome.detail} with {said}, the date they named, as you asked."
    if outcome is not None and outcome.what == "refused":
        return f"The round's decision date was left as it is: {outcome.detail}"
    if on_round is None:
        return f"They named {said}; the round has no decision date."
    if on_round == named:
        return f"The round's decision date is {said}, the date they named."
    return (
        f"The round's decision date stays {local_time.format_date(on_round)}, which you set; they named {said}. "
        "To use theirs, save again with “replace the round's date”."
    )


def _read(
    db: Session, interviewer: Interviewer, round_: Round, rows: list[DebriefRevision], outcome: DateOutcome | None
) -> DebriefRead:
    current, earlier = rows[0], rows[1:]
    if rows[-1].revision == 1:
        first = rows[-1].created_at
    else:
        first = db.execute(
            select(func.min(col(DebriefRevision.created_at))).where(
                col(DebriefRevision.interviewer_id) == interviewer.id
            )
        ).scalar_one()
    return DebriefRead(
        interviewer_id=interviewer.id,
        round_id=round_.id,
        revision=current.revision,
        impression=current.impression,
        next_steps=current.next_steps,
        cared_about=current.cared_about,
        surprises=current.surprises,
        notes=current.notes,
        decision_date_named=current.decision_date_named,
        round_decision_expected_by=round_.decision_expected_by,
        decision_date_note=date_note(current.decision_date_named, round_.decision_expected_by, outcome),
        created_at=first,
        updated_at=current.created_at,
        earlier=[DebriefRevisionRead.model_validate(r) for r in earlier],
    )


def get(db: Session, interviewer: Interviewer) -> DebriefRead:
    rows = _revisions(db, interviewer.id, EARLIER_SHOWN + 1)
    if not rows:
        raise NotFound(f"No debrief for {interviewer.name} yet: write one with PUT.")
    return _read(db, interviewer, db.get_one(Round, interviewer.round_id), rows, None)


def _fill_decision_date(
    db: Session, round_: Round, named: date | None, replace: bool, account_zone: str
) -> DateOutcome | None:
    """Fill the round's decision date with the one they named, when it is empty (or when asked)."""
    if named is None:
        return None
    before = round_.decision_expected_by
    if before == named:
        return DateOutcome("same")
    if before is not None and not replace:
        return DateOutcome("kept")
    try:
        rounds.update(db, round_, RoundUpdate(decision_expected_by=named), account_zone=account_zone)
    except InvalidInput as refused:
        return DateOutcome("refused", _reason(refused))
    return DateOutcome("filled" if before is None else "replaced", local_time.format_date(before) if before else None)


def _reason(refused: InvalidInput) -> str:
    return refused.detail.rstrip(".") + "."


def write(
    db: Session, interviewer: Interviewer, body: DebriefPut, if_match: str | None, *, account_zone: str
) -> tuple[DebriefRead, bool]:
    """A new version of the debrief (the ones before are kept); returns it and whether it is the first.

    The caller locked the round, then the interviewer (interviewers/deps.py: InterviewerToChange),
    so two saves of one person queue and the round's date is changed under its lock."""
    round_ = db.get_one(Round, interviewer.round_id)
    rows = _revisions(db, interviewer.id, EARLIER_SHOWN + 1)
    if rows:
        check_if_match(if_match, _read(db, interviewer, round_, rows, None).etag)
    elif if_match is not None:
        raise PreconditionFailed(f"If-Match was sent, but {interviewer.name} has no debrief yet.")
    values = body.model_dump(include=set(FIELDS))
    unchanged = bool(rows) and all(getattr(rows[0], name) == values[name] for name in FIELDS)
    if not unchanged:
        revision = rows[0].revision + 1 if rows else 1
        if revision > MAX_REVISIONS:
            raise InvalidInput(
                "notes",
                f"{interviewer.name}'s debrief has {MAX_REVISIONS} versions already, the most it keeps",
                type="too_many_versions",
            )
        db.add(
            DebriefRevision(
                owner_id=interviewer.owner_id,
                interviewer_id=interviewer.id,
                revision=revision,
                created_at=utcnow(),
                **values,
            )
        )
        db.flush()
    outcome = _fill_decision_date(db, round_, body.decision_date_named, body.replace_decision_expected_by, account_zone)
    rows = _revisions(db, interviewer.id, EARLIER_SHOWN + 1)
    return _read(db, interviewer, round_, rows, outcome), not unchanged and rows[0].revision == 1


def _category_for(db: Session, role_id: uuid.UUID | None) -> Category:
    """The category the person's role weighs most (the plan then ranks the question well for them)."""
    if role_id is not None:
        role = db.get(Role, role_id)
        if role is not None and role.focus:
            best = max(sorted(role.focus.items()), key=lambda item: item[1])[0]
            if best in Category._value2member_map_:
                return Category(best)
    return Category.JOB_DESCRIPTION


def create_question(
    db: Session, interviewer: Interviewer, text: str, category: Category | None, *, cap: int
) -> questions.QuestionWithTargets:
    """A question of the round's application, for people with this person's role (anyone without one)."""
    round_ = db.get_one(Round, interviewer.round_id)
    body = QuestionCreate(
        direction=Direction.ASK,
        text=text,
        category=category or _category_for(db, interviewer.role_id),
        importance=4,
        minutes=3,
        target_role_ids=[interviewer.role_id] if interviewer.role_id else [],
        application_id=round_.application_id,
        notes=f"From your debrief of {interviewer.name} (round {round_.sequence}).",
    )
    return questions.create(db, interviewer.owner_id, body, cap=cap)


def debriefed(db: Session, interviewer_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these people have a debrief, in one statement."""
    if not interviewer_ids:
        return set()
    stmt = (
        select(col(DebriefRevision.interviewer_id))
        .where(col(DebriefRevision.interviewer_id).in_(sorted(interviewer_ids)))
        .distinct()
    )
    return set(db.scalars(stmt))
