"""Load one round's plan inputs in a fixed number of statements, run the engine, shape the answer."""

import uuid
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlmodel import Session, col

from secondround.core.types import utcnow
from secondround.models import Application, Interviewer, Question, QuestionTargetRole, Role, Round, RoundQuestion
from secondround.planning import CandidateQuestion, PanelMember, PlanInput, PriorOutcome, build_plan
from secondround.planning import InterviewerPlan as EngineInterviewerPlan
from secondround.plans.schemas import (
    BacklogEntry,
    ExcludedEntry,
    ExpectedQuestion,
    InterviewerPlan,
    PlannedQuestion,
    RoundPlan,
)


@dataclass(frozen=True)
class PanelRow:
    """An interviewer with their role, as the plan and the prep sheet need them."""

    id: uuid.UUID
    name: str
    title: str | None
    greeting: str | None
    role_id: uuid.UUID | None
    role_name: str | None
    goals: str | None
    focus: dict[str, float]
    question_minutes: int
    # What the user recorded about the person, for the prep sheet.
    email: str | None = None
    phone: str | None = None
    profile_url: str | None = None
    notes: str | None = None


def _panel(session: Session, round_id: uuid.UUID) -> list[PanelRow]:
    rows = session.execute(
        select(
            col(Interviewer.id),
            col(Interviewer.name),
            col(Interviewer.title),
            col(Interviewer.greeting),
            col(Interviewer.role_id),
            col(Role.name),
            col(Role.goals),
            col(Role.focus),
            col(Interviewer.question_minutes),
            col(Interviewer.email),
            col(Interviewer.phone),
            col(Interviewer.profile_url),
            col(Interviewer.notes),
        )
        .outerjoin(Role, col(Role.id) == col(Interviewer.role_id))
        .where(col(Interviewer.round_id) == round_id)
        .order_by(col(Interviewer.order), col(Interviewer.id))
    )
    return [
        PanelRow(
            id=row[0],
            name=row[1],
            title=row[2],
            greeting=row[3],
            role_id=row[4],
            role_name=row[5],
            goals=row[6],
            focus=row[7] or {},
            question_minutes=row[8],
            email=row[9],
            phone=row[10],
            profile_url=row[11],
            notes=row[12],
        )
        for row in rows
    ]


def _questions(session: Session, owner_id: uuid.UUID, application_id: uuid.UUID) -> list[CandidateQuestion]:
    # Plain column tuples, not ORM objects: a bank holds thousands of questions.
    # The bank's and this application's own; never a question written for another application.
    active = and_(
        col(Question.owner_id) == owner_id,
        col(Question.archived).is_(False),
        or_(col(Question.application_id).is_(None), col(Question.application_id) == application_id),
    )
    targets: dict[uuid.UUID, set[uuid.UUID]] = {}
    for question_id, role_id in session.execute(
        select(col(QuestionTargetRole.question_id), col(QuestionTargetRole.role_id))
        .join(Question, col(Question.id) == col(QuestionTargetRole.question_id))
        .where(active)
    ):
        targets.setdefault(question_id, set()).add(role_id)
    rows = session.execute(
        select(
            col(Question.id),
            col(Question.text),
            col(Question.category),
            col(Question.direction),
            col(Question.importance),
            col(Question.minutes),
            col(Question.prepared_answer),
        ).where(active)
    )
    return [
        CandidateQuestion(
            question_id=qid,
            text=text,
            category=category,
            direction=direction,
            importance=importance,
            minutes=minutes,
            target_role_ids=frozenset(targets.get(qid, ())),
            prepared_answer=answer,
        )
        for qid, text, category, direction, importance, minutes, answer in rows
    ]


def _round_states(session: Session, round_: Round) -> tuple[frozenset[uuid.UUID], list[PriorOutcome]]:
    """Pins of this round, and what happened to questions in the application's earlier rounds."""
    rows = session.execute(
        select(
            col(RoundQuestion.question_id),
            col(RoundQuestion.round_id),
            col(Round.sequence),
            col(RoundQuestion.status),
            col(RoundQuestion.pinned),
        )
        .join(Round, col(Round.id) == col(RoundQuestion.round_id))
        .where(col(Round.application_id) == round_.application_id, col(Round.sequence) <= round_.sequence)
    )
    pinned: set[uuid.UUID] = set()
    history: list[PriorOutcome] = []
    for question_id, round_id, sequence, status, is_pinned in rows:
        if round_id == round_.id:
            if is_pinned:
                pinned.add(question_id)
        else:
            history.append(
                PriorOutcome(question_id=question_id, round_id=round_id, round_sequence=sequence, status=status)
            )
    return frozenset(pinned), history


def _interviewer_plan(person: PanelRow, part: EngineInterviewerPlan) -> InterviewerPlan:
    return InterviewerPlan(
        interviewer_id=person.id,
        name=person.name,
        title=person.title,
        greeting=person.greeting,
        role_id=person.role_id,
        role_name=person.role_name,
        goals=person.goals,
        email=person.email,
        phone=person.phone,
        profile_url=person.profile_url,
        notes=person.notes,
        minutes_available=part.minutes_available,
        minutes_planned=part.minutes_planned,
        questions=[PlannedQuestion.model_validate(q) for q in part.questions],
        expect=[ExpectedQuestion.model_validate(e) for e in part.expect],
    )


# The backlog of a large bank can run to thousands of questions: the plan lists the first ones.
DEFAULT_BACKLOG_LIMIT = 50
MAX_BACKLOG_LIMIT = 500


def plan_round(session: Session, round_: Round, *, backlog_limit: int = DEFAULT_BACKLOG_LIMIT) -> RoundPlan:
    panel = _panel(session, round_.id)
    pinned, history = _round_states(session, round_)
    plan = build_plan(
        PlanInput(
            panel=[
                PanelMember(
                    interviewer_id=p.id,
                    name=p.name,
                    role_id=p.role_id,
                    role_name=p.role_name,
                    focus=p.focus,
                    question_minutes=p.question_minutes,
                )
                for p in panel
            ],
            questions=_questions(session, round_.owner_id, round_.application_id),
            pinned=pinned,
            history=history,
        )
    )
    people = {p.id: p for p in panel}
    interviewers = [_interviewer_plan(people[part.interviewer_id], part) for part in plan.interviewers]
    return RoundPlan(
        round_id=round_.id,
        generated_at=utcnow(),
        interviewers=interviewers,
        backlog_total=len(plan.backlog),
        backlog=[BacklogEntry.model_validate(b) for b in plan.backlog[:backlog_limit]],
        excluded=[ExcludedEntry.model_validate(x) for x in plan.excluded],
    )


def application_of(session: Session, round_: Round) -> Application:
    return session.get_one(Application, round_.application_id)  # the foreign key guarantees it
