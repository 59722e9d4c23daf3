"""Gather rounds' facts (the round, its application, its plan) and let the rules judge them.

One round or a page of them costs the same statements: the plans of all of them are loaded
together (`plans.service.plan_rounds`); a page of rounds comes with its applications.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.orm import load_only
from sqlmodel import Session, col

from secondround.api.pagination import Keyset, ListQuery
from secondround.db.queries import changed_since, columns
from secondround.helpers.vocabulary import RoundKind, RoundStatus
from secondround.models import Application, Round
from secondround.plans import service as plans
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


def facts_of(round_: Round, application: Application, plan: RoundPlanRead, now: datetime) -> RoundFacts:
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
    )


def _assess(db: Session, rounds: Sequence[RoundAndApplication], now: datetime) -> dict[uuid.UUID, Checklist]:
    # The plan decides who gets which question and what each will likely ask: readiness reads it
    # rather than guessing, so the checklist and the plan on screen never disagree.
    found = plans.plan_rounds(db, [r.round for r in rounds], backlog_limit=0)
    return {r.round.id: assess(facts_of(r.round, r.application, found[r.round.id], now)) for r in rounds}


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
