"""Gather one round's facts (the round, its application, its plan) and let the rules judge them."""

from datetime import datetime

from sqlmodel import Session

from secondround.models import Application, Round
from secondround.plans import service as plans
from secondround.plans.schemas import RoundPlan
from secondround.readiness.rules import Expected, Person, Readiness, RoundFacts, assess
from secondround.readiness.schemas import ReadinessItem, RoundReadiness


def facts_of(round_: Round, application: Application, plan: RoundPlan, now: datetime) -> RoundFacts:
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
                closing=False,
                expect=tuple(
                    Expected(q.question_id, q.text, q.category.value, q.prepared_answer) for q in person.expect
                ),
            )
            for person in plan.interviewers
        ],
        now=now,
    )


def read_model(round_: Round, readiness: Readiness) -> RoundReadiness:
    return RoundReadiness(
        round_id=round_.id,
        done=readiness.done,
        total=readiness.total,
        items=[ReadinessItem(key=i.key, label=i.label, done=i.done, next_step=i.next_step) for i in readiness.items],
    )


def round_readiness(session: Session, round_: Round, now: datetime) -> RoundReadiness:
    # The plan decides who gets which question and what each will likely ask: readiness reads it
    # rather than guessing, so the checklist and the plan on screen never disagree.
    plan = plans.plan_round(session, round_, backlog_limit=0)
    application = plans.application_of(session, round_)
    return read_model(round_, assess(facts_of(round_, application, plan, now)))
