"""Serves the plan of a round (the HTTP side of the plan; the pure engine is plan_engine/): reads
the version of the rounds' facts and serves the plan computed at that version when this process
has it (plans/cache.py); otherwise loads the facts (plans/loading.py), lays the panel out in time
(plans/run_sheet.py), runs the engine, and shapes its answer as `RoundPlanRead`, or with the
round's and application's facts as the prep sheet. The rules themselves: docs/product.md#the-plan.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime

from pydantic import TypeAdapter
from sqlmodel import Session

from secondround.db.types import utcnow
from secondround.debriefs import carry_over
from secondround.debriefs.schemas import LastTimeRead
from secondround.models import Application, Round
from secondround.plan_engine import CandidateQuestion, InterviewerPlan, PanelMember, PlanInput, build_plan
from secondround.plans import cache, loading, prep_sheet, run_sheet
from secondround.plans.loading import PanelRow, RoundStates
from secondround.plans.schemas import (
    BacklogEntryRead,
    ExcludedEntryRead,
    ExpectedQuestionRead,
    InterviewerPlanRead,
    PlannedQuestionRead,
    RoundPlanRead,
    RunSheetRead,
)

# The engine's lists validated in one call each (a list of hundreds, item by item, costs three times more).
_PLANNED = TypeAdapter(list[PlannedQuestionRead])
_EXPECTED = TypeAdapter(list[ExpectedQuestionRead])
_BACKLOG = TypeAdapter(list[BacklogEntryRead])
_EXCLUDED = TypeAdapter(list[ExcludedEntryRead])


def _last_time(found: carry_over.Earlier | None) -> LastTimeRead | None:
    if found is None:
        return None
    return LastTimeRead(
        round_id=found.round_id,
        round_sequence=found.round_sequence,
        interviewer_id=found.interviewer_id,
        impression=found.impression,
        cared_about=found.cared_about,
        next_steps=found.next_steps,
        summary=carry_over.summary(found),
    )


def _interviewer_plan(
    person: PanelRow, part: InterviewerPlan, time: run_sheet.PersonTime, last_time: LastTimeRead | None
) -> InterviewerPlanRead:
    return InterviewerPlanRead(
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
        question_minutes_suggested=time.question_minutes_suggested,
        meeting_minutes=time.meeting_minutes,
        meeting_minutes_estimated=time.meeting_minutes_estimated,
        break_after_minutes=time.break_after_minutes,
        starts_at=time.starts_at,
        ends_at=time.ends_at,
        deciding=part.deciding,
        cancelled=part.cancelled,
        spare_minutes_used=part.spare_minutes_used,
        questions=_PLANNED.validate_python(part.questions, from_attributes=True),
        expect=_EXPECTED.validate_python(part.expect, from_attributes=True),
        last_time=last_time,
    )


# The backlog of a large bank can run to thousands of questions: the plan lists the first ones.
DEFAULT_BACKLOG_LIMIT = 50
MAX_BACKLOG_LIMIT = 500


def plan_round(db: Session, round_: Round, *, backlog_limit: int = DEFAULT_BACKLOG_LIMIT) -> RoundPlanRead:
    return plan_rounds(db, [round_], backlog_limit=backlog_limit)[round_.id]


def plan_rounds(
    db: Session, rounds: Sequence[Round], *, backlog_limit: int = DEFAULT_BACKLOG_LIMIT
) -> dict[uuid.UUID, RoundPlanRead]:
    """The plans of several rounds of one owner. One statement when this process already computed
    them at the current version of their facts; otherwise five (one more when an application has answers
    of its own), however many rounds."""
    if not rounds:
        return {}
    (owner_id,) = {r.owner_id for r in rounds}
    versions = loading.versions(db, owner_id, {r.application_id for r in rounds})
    known = cache.plans()
    found: dict[uuid.UUID, RoundPlanRead] = {}
    missing: list[Round] = []
    for r in rounds:
        plan = known.get(r.id, versions.of_application[r.application_id])
        if plan is None:
            missing.append(r)
        else:
            found[r.id] = plan
    if missing:
        computed = _compute(db, owner_id, missing, versions)
        found.update(computed)
        if known.size > 0:
            _keep(db, owner_id, missing, versions, computed, known)
    now = utcnow()
    return {r.id: _served(found[r.id], now, backlog_limit) for r in rounds}


def _keep(
    db: Session,
    owner_id: uuid.UUID,
    rounds: Sequence[Round],
    versions: loading.Versions,
    computed: dict[uuid.UUID, RoundPlanRead],
    known: cache.PlanCache,
) -> None:
    """Keep the plans computed from the facts at `versions`, if the facts were still at them after.

    On PostgreSQL each statement sees what was committed when it began: a change committed while
    the facts were read may be in some of them and not in the version read before. Such a plan is
    served (it is what this request read) but not kept: undoing the change would bring the version
    back, and with it a plan that holds the change."""
    after = loading.versions(db, owner_id, {r.application_id for r in rounds})
    for r in rounds:
        version = versions.of_application[r.application_id]
        if after.of_application[r.application_id] == version:
            known.put(r.id, version, computed[r.id])


def _served(plan: RoundPlanRead, now: datetime, backlog_limit: int) -> RoundPlanRead:
    """A computed plan as one request gets it: its time, and the first `backlog_limit` of its backlog.
    A shallow copy: the parts are shared, and nothing changes them once computed."""
    return plan.model_copy(update={"generated_at": now, "backlog": plan.backlog[:backlog_limit]})


def _compute(
    db: Session, owner_id: uuid.UUID, rounds: Sequence[Round], versions: loading.Versions
) -> dict[uuid.UUID, RoundPlanRead]:
    """The plans of these rounds from their facts, in three statements however many rounds, and a
    fourth when an application among them has answers of its own (and one more when one has debriefs)."""
    panels = loading.panels(db, [r.id for r in rounds])
    states = loading.round_states(db, rounds, versions.last_panel)
    pins = {q for state in states.values() for q in state.pinned}
    application_ids = {r.application_id for r in rounds}
    questions = loading.questions(db, owner_id, application_ids, pins)
    answers = loading.application_answers(db, application_ids & versions.with_answers)
    usable = {
        a: loading.with_answers(questions[None] + questions.get(a, []), answers.get(a, {})) for a in application_ids
    }
    debriefed = [r for r in rounds if r.application_id in versions.with_debriefs]
    earlier = loading.earlier_debriefs(db, debriefed)
    return {
        r.id: _plan(r, panels.get(r.id, []), usable[r.application_id], states[r.id], earlier.get(r.application_id, []))
        for r in rounds
    }


def _plan(
    round_: Round,
    panel: list[PanelRow],
    questions: list[CandidateQuestion],
    states: RoundStates,
    earlier: Sequence[carry_over.Earlier] = (),
) -> RoundPlanRead:
    """The plan with its whole backlog (up to MAX_BACKLOG_LIMIT entries: no request lists more)."""
    slots = [
        run_sheet.Slot(
            interviewer_id=p.id,
            name=p.name,
            meeting_minutes=p.meeting_minutes,
            break_after_minutes=p.break_after_minutes,
            question_minutes=p.question_minutes,
            cancelled=p.cancelled,
        )
        for p in panel
    ]
    sheet = run_sheet.lay_out(
        slots, scheduled_at=round_.scheduled_at, duration_minutes=round_.duration_minutes, time_zone=round_.time_zone
    )
    times = {t.interviewer_id: t for t in sheet.people}
    plan = build_plan(
        PlanInput(
            panel=[
                PanelMember(
                    interviewer_id=p.id,
                    name=p.name,
                    role_id=p.role_id,
                    role_name=p.role_name,
                    focus=p.focus,
                    question_minutes=times[p.id].question_minutes,  # as set, or suggested
                    deciding=p.deciding,
                    cancelled=p.cancelled,
                )
                for p in panel
            ],
            marked=states.marked,
            spare_minutes=sheet.spare_minutes,
            questions=questions,
            pinned=states.pinned,
            history=states.history,
            at_end=states.at_end,
            assigned=states.assigned,
            next_panel_known=states.next_panel_known,
        )
    )
    lent = {part.interviewer_id: part.spare_minutes_used for part in plan.interviewers if part.spare_minutes_used}
    if lent:  # salary or the closing borrowed spare minutes: those meetings grow, the people after move
        sheet = run_sheet.lay_out(
            slots,
            scheduled_at=round_.scheduled_at,
            duration_minutes=round_.duration_minutes,
            time_zone=round_.time_zone,
            extra=lent,
        )
        times = {t.interviewer_id: t for t in sheet.people}
    people = {p.id: p for p in panel}
    interviewers = [
        _interviewer_plan(
            people[part.interviewer_id],
            part,
            times[part.interviewer_id],
            _last_time(
                carry_over.last_time(
                    people[part.interviewer_id].name, people[part.interviewer_id].email, round_.sequence, earlier
                )
            ),
        )
        for part in plan.interviewers
    ]
    return RoundPlanRead(
        round_id=round_.id,
        generated_at=utcnow(),
        time_zone=run_sheet.zone_name(round_.time_zone),
        run_sheet=RunSheetRead.model_validate(sheet),
        interviewers=interviewers,
        closing_interviewer_id=plan.closing_interviewer_id,
        deciding_interviewer_id=plan.deciding_interviewer_id,
        backlog_total=len(plan.backlog),
        backlog=_BACKLOG.validate_python(plan.backlog[:MAX_BACKLOG_LIMIT], from_attributes=True),
        excluded=_EXCLUDED.validate_python(plan.excluded, from_attributes=True),
    )


def application_of(db: Session, round_: Round) -> Application:
    return db.get_one(Application, round_.application_id)  # the foreign key guarantees it


def prep_sheet_of(db: Session, round_: Round, *, backlog_limit: int = DEFAULT_BACKLOG_LIMIT) -> prep_sheet.PrepSheet:
    """The round's plan with the facts of its round and application, as the prep sheet prints them."""
    plan = plan_round(db, round_, backlog_limit=backlog_limit)
    application = application_of(db, round_)
    facts = prep_sheet.SheetFacts(
        company=application.company,
        position=application.position,
        kind=round_.kind,
        sequence=round_.sequence,
        scheduled_at=round_.scheduled_at,
        duration_minutes=round_.duration_minutes,
        location=round_.location,
        company_research=application.company_research,
        time_zone=round_.time_zone,
    )
    return prep_sheet.build(plan, facts)
