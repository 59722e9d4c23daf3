"""Gather rounds' facts (the round, its application, its plan) and let the rules judge them.

One round or a page of them costs the same statements: the plans of all of them are loaded
together (`plans.service.plan_rounds`); a page of rounds comes with its applications.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import String, and_, exists, literal_column, or_, select, union_all
from sqlalchemy.orm import load_only
from sqlmodel import Session, col

from secondround.api.pagination import Keyset, ListQuery
from secondround.db.queries import changed_since, columns
from secondround.db.session import plain_rows
from secondround.helpers.vocabulary import RoundKind, RoundStatus
from secondround.models import Application, DebriefRevision, Interviewer, Round, ThankYouNoteSent
from secondround.plans import service as plans
from secondround.plans.loading import labelled
from secondround.plans.schemas import RoundPlanRead
from secondround.readiness.rules import Checklist, Expected, Person, RoundFacts, assess
from secondround.readiness.schemas import ReadinessItemRead, ReadinessSummaryRead, RoundReadinessRead

# A planned round stays "upcoming" for a day after it starts, so the board still shows it (with the
# decision date to record) on the day of the interview.
UPCOMING_GRACE = timedelta(hours=24)

keyset = Keyset("readiness", col(Round.created_at), col(Round.id))


class RoundAndApplication(NamedTuple):
    """A round with its application, as the upcoming list's statement returns them (by name)."""

    round: Round
    application: Application


@dataclass(frozen=True)
class AfterTheRound:
    """What readiness reads about debriefs and thank-you notes for one round."""

    earlier_undebriefed: tuple[str, ...] = ()
    to_thank: tuple[str, ...] = ()
    not_thanked: tuple[str, ...] = ()


@dataclass
class _Gathered:
    earlier: list[tuple[int, str]] = field(default_factory=list)
    to_thank: list[str] = field(default_factory=list)
    not_thanked: list[str] = field(default_factory=list)


class AfterRow(NamedTuple):
    """A person the checklist's after-the-round items read: of an earlier round (`earlier`), or of
    the round itself (`panel`), with whether they were debriefed or thanked (`flag`)."""

    part: str
    application_id: uuid.UUID
    round_id: uuid.UUID
    sequence: int
    place: int
    person_id: uuid.UUID
    name: str
    flag: bool


def after_the_round(db: Session, rounds: Sequence[Round], now: datetime) -> dict[uuid.UUID, AfterTheRound]:
    """For each round, in one statement however many: the people of its application's earlier
    rounds that took place (completed, or started before `now`) with no debrief, and its own people
    (cancelled meetings aside) with whether they were thanked."""
    if not rounds:
        return {}

    def person_columns(part: str, flag: Any) -> list[Any]:
        return labelled(
            AfterRow,
            {
                "part": literal_column(f"'{part}'", String()),
                "application_id": col(Round.application_id),
                "round_id": col(Round.id),
                "sequence": col(Round.sequence),
                "place": col(Interviewer.order),
                "person_id": col(Interviewer.id),
                "name": col(Interviewer.name),
                "flag": flag,
            },
        )

    debriefed = exists().where(col(DebriefRevision.interviewer_id) == col(Interviewer.id))
    thanked = exists().where(col(ThankYouNoteSent.interviewer_id) == col(Interviewer.id))
    earlier = (
        select(*person_columns("earlier", debriefed))
        .join(Round, col(Round.id) == col(Interviewer.round_id))
        .where(
            col(Round.application_id).in_(sorted({r.application_id for r in rounds})),
            col(Round.sequence) < max(r.sequence for r in rounds),
            col(Round.status) != RoundStatus.CANCELLED,
            or_(
                col(Round.status) == RoundStatus.COMPLETED,
                and_(col(Round.scheduled_at).is_not(None), col(Round.scheduled_at) < now),
            ),
            col(Interviewer.cancelled).is_(False),
            ~debriefed,
        )
    )
    panel = (
        select(*person_columns("panel", thanked))
        .join(Round, col(Round.id) == col(Interviewer.round_id))
        .where(col(Interviewer.round_id).in_(sorted(r.id for r in rounds)), col(Interviewer.cancelled).is_(False))
    )
    both: Any = union_all(earlier, panel).subquery("after_the_round")
    stmt = select(*(both.c[name] for name in AfterRow._fields)).order_by(
        both.c.sequence, both.c.place, both.c.person_id
    )
    by_application: dict[uuid.UUID, list[AfterRow]] = defaultdict(list)
    gathered: dict[uuid.UUID, _Gathered] = defaultdict(_Gathered)
    for row in map(AfterRow._make, plain_rows(db, stmt)):
        if row.part == "earlier":
            by_application[row.application_id].append(row)
            continue
        gathered[row.round_id].to_thank.append(row.name)
        if not row.flag:
            gathered[row.round_id].not_thanked.append(row.name)
    found = {}
    for r in rounds:
        mine = gathered[r.id]
        undebriefed = tuple(
            dict.fromkeys(
                f"{p.name} (round {p.sequence})" for p in by_application[r.application_id] if p.sequence < r.sequence
            )
        )
        found[r.id] = AfterTheRound(undebriefed, tuple(mine.to_thank), tuple(mine.not_thanked))
    return found


def facts_of(
    round_: Round,
    application: Application,
    plan: RoundPlanRead,
    now: datetime,
    after: AfterTheRound | None = None,
) -> RoundFacts:
    after = after or AfterTheRound()
    return RoundFacts(
        company=application.company,
        company_research=application.company_research,
        salary_min=application.salary_min,
        salary_max=application.salary_max,
        location=round_.location,
        status=round_.status,
        outcome=round_.outcome,
        scheduled_at=round_.scheduled_at,
        duration_minutes=round_.duration_minutes,
        decision_expected_by=round_.decision_expected_by,
        panel=[
            Person(
                name=person.name,
                title=person.title,
                has_role=person.role_id is not None,
                greeting=person.greeting,
                planned_categories=tuple(q.category.value for q in person.questions),
                closing=any(q.closing for q in person.questions),
                expect=tuple(
                    Expected(q.question_id, q.text, q.category.value, q.prepared_answer) for q in person.expect
                ),
            )
            for person in plan.interviewers
        ],
        now=now,
        earlier_undebriefed=after.earlier_undebriefed,
        to_thank=after.to_thank,
        not_thanked=after.not_thanked,
    )


def _assess(db: Session, rounds: Sequence[RoundAndApplication], now: datetime) -> dict[uuid.UUID, Checklist]:
    # The plan decides who gets which question and what each will likely ask: readiness reads it
    # rather than guessing, so the checklist and the plan on screen never disagree.
    found = plans.plan_rounds(db, [r.round for r in rounds], backlog_limit=0)
    after = after_the_round(db, [r.round for r in rounds], now)
    return {
        r.round.id: assess(facts_of(r.round, r.application, found[r.round.id], now, after[r.round.id])) for r in rounds
    }


def round_readiness(db: Session, round_: Round, now: datetime) -> RoundReadinessRead:
    readiness = _assess(db, [RoundAndApplication(round_, plans.application_of(db, round_))], now)[round_.id]
    return RoundReadinessRead(
        round_id=round_.id,
        done=readiness.done,
        total=readiness.total,
        items=[
            ReadinessItemRead(key=i.key, label=i.label, done=i.done, next_step=i.next_step) for i in readiness.items
        ],
    )


def upcoming_statement(owner_id: uuid.UUID, *, now: datetime, updated_after: datetime | None) -> Any:
    """The owner's upcoming rounds (planned, and unscheduled or started less than a day ago), each
    with the few columns of its application that readiness reads, in the same statement: each row
    names them `Round` and `Application`."""
    return (
        select(Round, Application)
        .join(Application, col(Application.id) == col(Round.application_id))
        .options(
            load_only(
                *columns(
                    Application.id,
                    Application.company,
                    Application.company_research,
                    Application.salary_min,
                    Application.salary_max,
                )
            )
        )
        .where(
            col(Round.owner_id) == owner_id,
            col(Round.status) == RoundStatus.PLANNED,
            or_(col(Round.scheduled_at).is_(None), col(Round.scheduled_at) > now - UPCOMING_GRACE),
            *changed_since(col(Round.updated_at), updated_after),
        )
    )


def upcoming(
    db: Session, owner_id: uuid.UUID, query: ListQuery, now: datetime
) -> tuple[list[ReadinessSummaryRead], str | None]:
    """A page of the owner's upcoming rounds, each judged, in the order they were added."""
    stmt = upcoming_statement(owner_id, now=now, updated_after=query.updated_after)
    rows, next_cursor = keyset.fetch(db, stmt, query)
    return summaries(db, rows, now), next_cursor


def summaries(db: Session, rows: Sequence[Any], now: datetime) -> list[ReadinessSummaryRead]:
    """One summary per row of `upcoming_statement` (read by name: `row.Round`, `row.Application`)."""
    rounds = [RoundAndApplication(row.Round, row.Application) for row in rows]
    judged = _assess(db, rounds, now) if rounds else {}
    return [
        ReadinessSummaryRead(
            round_id=r.id,
            application_id=r.application_id,
            sequence=r.sequence,
            kind=RoundKind(r.kind),
            scheduled_at=r.scheduled_at,
            time_zone=r.time_zone,
            done=judged[r.id].done,
            total=judged[r.id].total,
            next_step=next((i.next_step for i in judged[r.id].items if not i.done), None),
        )
        for r in (pair.round for pair in rounds)
    ]
