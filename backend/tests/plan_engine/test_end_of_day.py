"""The end of the day and a plan that holds during it (docs/product.md#the-end-of-the-day,
#spare-time and #during-the-day): worked examples, then properties over random panels.

- The closing block (next steps, the decision time frame) is asked of the last person you meet,
  whoever decides; salary goes to the last decision-maker who can discuss it.
- Salary and the closing borrow the round's spare minutes before they are cut short or left out.
- A question recorded with someone stays with them whatever happens to the panel; a cancelled
  person keeps only what was recorded with them, and everything else is planned among the others.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from secondround.plan_engine import CandidateQuestion, PanelMember, Plan, PlanInput, build_plan
from tests.plan_engine.test_engine_examples import (
    CLOSEST,
    DECISION_EVERY_ROUND,
    SALARY,
    SUCCESS,
    TYPICAL_DAY,
    VISION,
    ask,
    backlog,
    coworker,
    hr,
    owner,
    supervisor,
    texts,
)
from tests.plan_engine.test_engine_properties import (
    COMP,
    candidates,
    closer_of,
    eligible_seats,
    hand_seat,
    plan_inputs,
    set_aside,
)

FAST = settings(max_examples=300, deadline=None, database=None)

NEXT_STEPS = ask("What are the next steps?", "evaluation_process", 3, minutes=1, recurring=True, at_end=True)
BENEFITS = ask("Which benefits come with the role?", "compensation", 3)


def _day(maya_minutes: int = 6, spare: int = 0, **kw) -> Plan:
    """Maya (supervisor, deciding, 14:00-14:30) then Tom (co-worker) and Lena (HR) until 15:15."""
    panel = kw.pop("panel", None) or [
        supervisor(maya_minutes, name="Maya", deciding=True),
        coworker(6, name="Tom"),
        hr(4, name="Lena"),
    ]
    return build_plan(
        PlanInput(
            panel=panel,
            questions=kw.pop("questions", [TYPICAL_DAY, SUCCESS, CLOSEST, SALARY, NEXT_STEPS, DECISION_EVERY_ROUND]),
            spare_minutes=spare,
            **kw,
        )
    )


def test_the_decision_time_frame_is_the_last_question_of_the_day() -> None:
    """The issue's round: Maya decides and comes first; Tom and Lena follow. The closing block is
    Lena's, last of all; Maya's card ends with salary, at the end of your time with her."""
    plan = _day()
    maya, _, lena = plan.interviewers
    assert plan.closing_interviewer_id == lena.interviewer_id
    assert plan.deciding_interviewer_id == maya.interviewer_id
    assert texts(plan, 2)[-2:] == [NEXT_STEPS.text, DECISION_EVERY_ROUND.text]
    assert lena.questions[-1].reasons[0] == "closing: asked last, of Lena, the last person you meet (Maya decides)"
    assert texts(plan, 0) == [SUCCESS.text, TYPICAL_DAY.text, SALARY.text]
    assert maya.questions[-1].reasons[-1] == (
        "salary kept to the end of your time with Maya, the last decision-maker who can discuss it"
    )


def test_salary_goes_to_the_last_person_who_can_discuss_it_when_nobody_decides() -> None:
    plan = _day(panel=[supervisor(6, name="Maya"), coworker(6, name="Tom"), hr(4, name="Lena")])
    assert plan.deciding_interviewer_id is None
    assert SALARY.text in texts(plan, 2)
    assert plan.interviewers[2].questions[-1].reasons[0] == (
        "closing: asked last, of Lena, the last person you meet (no one on the panel decides)"
    )


def test_salary_borrows_spare_time_rather_than_being_left_out() -> None:
    """Maya's 4 minutes go to the work questions; with 30 spare minutes in the round, salary is
    still asked of her, in 2 borrowed minutes, and the run sheet's spare time shrinks by as much."""
    tight = _day(maya_minutes=4)
    assert SALARY.text in [t for t, _ in backlog(tight)]
    plan = _day(maya_minutes=4, spare=30)
    maya = plan.interviewers[0]
    assert texts(plan, 0) == [SUCCESS.text, TYPICAL_DAY.text, SALARY.text]
    assert (maya.spare_minutes_used, maya.minutes_available, maya.minutes_planned) == (2, 6, 6)
    salary = maya.questions[-1]
    assert salary.spare and salary.reasons[-1] == "asked in 2 min of the round's spare time, rather than left out"
    assert plan.spare_minutes_left == 28
    assert backlog(plan) == []


def test_the_closing_borrows_spare_time_before_it_runs_over() -> None:
    """Lena has 1 minute; the closing takes 2. One spare minute covers the difference, no more."""
    panel = [supervisor(6, name="Maya", deciding=True), coworker(6, name="Tom"), hr(1, name="Lena")]
    plan = _day(panel=panel, spare=1)
    lena = plan.interviewers[2]
    assert (lena.spare_minutes_used, lena.minutes_available, lena.minutes_planned) == (1, 2, 2)
    assert "the closing takes 1 min of the round's spare time" in lena.questions[-1].reasons
    assert plan.spare_minutes_left == 0
    short = _day(panel=panel)
    assert short.interviewers[2].minutes_planned > short.interviewers[2].minutes_available


def test_a_question_recorded_with_someone_stays_with_them() -> None:
    """Marked answered on Rita's card, then Ken is removed: it stays Rita's, never Ana's."""
    ana, rita, ken = supervisor(6, name="Ana"), owner(6, name="Rita"), coworker(6, name="Ken")
    questions = [TYPICAL_DAY, SUCCESS, VISION, CLOSEST]
    before = build_plan(PlanInput(panel=[ana, rita, ken], questions=questions))
    asked_of_rita = before.interviewers[1].questions[0]
    marked = {asked_of_rita.question_id: rita.interviewer_id}
    for panel in ([ana, rita, ken], [ana, rita], [rita, ana], [ken, rita]):
        plan = build_plan(PlanInput(panel=panel, questions=questions, marked=marked))
        where = {q.question_id: (ip.interviewer_id, q) for ip in plan.interviewers for q in ip.questions}
        person, placed = where[asked_of_rita.question_id]
        assert person == rita.interviewer_id and placed.marked
        assert placed.reasons[0] == "recorded with Rita in this round: it stays with them"


def test_a_cancelled_person_keeps_what_was_recorded_and_the_rest_is_planned_again() -> None:
    maya, tom, lena = supervisor(6, name="Maya", deciding=True), coworker(6, name="Tom"), hr(4, name="Lena")
    questions = [TYPICAL_DAY, SUCCESS, CLOSEST, SALARY, NEXT_STEPS, DECISION_EVERY_ROUND]
    plan = build_plan(
        PlanInput(
            panel=[maya, tom, replace(lena, cancelled=True)],
            questions=questions,
            marked={CLOSEST.question_id: lena.interviewer_id},
            assigned={TYPICAL_DAY.question_id: lena.interviewer_id},
        )
    )
    _, tom_plan, lena_plan = plan.interviewers
    assert lena_plan.cancelled and lena_plan.minutes_available == 0
    assert [q.text for q in lena_plan.questions] == [CLOSEST.text]
    # Tom is now the last person you meet: the day closes with him.
    assert plan.closing_interviewer_id == tom.interviewer_id
    assert [q.text for q in tom_plan.questions][-2:] == [NEXT_STEPS.text, DECISION_EVERY_ROUND.text]
    # Given by hand to Lena, the typical day is planned again among the others.
    assert TYPICAL_DAY.text in texts(plan, 0)


def test_when_everyone_cancelled_the_backlog_says_so() -> None:
    plan = build_plan(
        PlanInput(panel=[replace(coworker(6), cancelled=True)], questions=[CLOSEST, DECISION_EVERY_ROUND])
    )
    assert plan.closing_interviewer_id is None
    assert {reason for _, reason in backlog(plan)} == {"everyone on this panel cancelled"}


# --- properties --------------------------------------------------------------------------

DECIDE = ask("When will you decide?", "evaluation_process", 5, minutes=2, recurring=True, at_end=True)


@st.composite
def days(draw: st.DrawFn) -> PlanInput:
    """A random round as the day goes: some people cancelled, some questions recorded with
    someone (or with a stranger), spare minutes in the round."""
    base = draw(plan_inputs())
    panel = tuple(replace(m, cancelled=draw(st.booleans()) and draw(st.booleans())) for m in base.panel)
    ids = [m.interviewer_id for m in panel] + [uuid.UUID(int=999)]
    asks = [q for q in base.questions if q.direction == "ask"]
    marked = {}
    for code in draw(st.lists(st.integers(0, 10**6), max_size=4)):
        if asks:
            marked[asks[code % len(asks)].question_id] = ids[(code // 7) % len(ids)]
    return replace(base, panel=panel, marked=marked, spare_minutes=draw(st.sampled_from([0, 0, 1, 3, 10, 60])))


def _with_decision(plan_input: PlanInput) -> PlanInput:
    """Add the decision question, the one closing question asked every round (others lose the
    flag), placed by nobody by hand and recorded with no one."""
    others = tuple(replace(q, recurring=False) if q.direction == "ask" else q for q in plan_input.questions)
    return replace(plan_input, questions=(*others, DECIDE))


def _where(plan: Plan) -> dict[uuid.UUID, tuple[int, object]]:
    return {pq.question_id: (s, pq) for s, ip in enumerate(plan.interviewers) for pq in ip.questions}


@FAST
@given(days(), st.randoms(use_true_random=False))
def test_the_decision_question_is_the_last_question_of_the_day(plan_input: PlanInput, rnd: random.Random) -> None:
    """Over random panels and meeting orders: the decision question is the last question of the
    last person you meet, and nobody you meet after them has a question."""
    plan_input = _with_decision(plan_input)
    panel = list(plan_input.panel)
    rnd.shuffle(panel)
    plan_input = replace(plan_input, panel=tuple(panel))
    plan = build_plan(plan_input)
    last = closer_of(panel)
    if last < 0:
        assert DECIDE.question_id in {b.question_id for b in plan.backlog}
        return
    assert plan.closing_interviewer_id == panel[last].interviewer_id
    assert plan.interviewers[last].questions[-1].question_id == DECIDE.question_id
    assert all(m.cancelled for m in panel[last + 1 :])
    deciding = [i for i, m in enumerate(panel) if m.deciding and not m.cancelled]
    assert plan.deciding_interviewer_id == (panel[deciding[-1]].interviewer_id if deciding else None)


@FAST
@given(days())
def test_salary_is_never_left_out_while_the_round_has_spare_minutes(plan_input: PlanInput) -> None:
    """A salary question the engine could give someone is in the backlog only when it needs more
    than the spare minutes the run sheet still shows; a closing that runs over has used them all."""
    plan = build_plan(plan_input)
    questions = {q.question_id: q for q in plan_input.questions}
    assert 0 <= plan.spare_minutes_left <= max(0, plan_input.spare_minutes)
    used = sum(ip.spare_minutes_used for ip in plan.interviewers)
    assert used + plan.spare_minutes_left == max(0, plan_input.spare_minutes)
    for item in plan.backlog:
        q = questions[item.question_id]
        considered = not set_aside(plan_input, q) and hand_seat(plan_input, q) is None
        if q.category == COMP and considered and q.question_id not in plan_input.marked:
            if eligible_seats(plan_input.panel, q):
                assert q.minutes > plan.spare_minutes_left
    for ip in plan.interviewers:
        closes = any(pq.closing and not pq.marked for pq in ip.questions)
        if ip.minutes_planned > ip.minutes_available and closes and not ip.cancelled:
            assert plan.spare_minutes_left == 0
    for s, ip in enumerate(plan.interviewers):
        for pq in ip.questions:
            if pq.spare:
                assert questions[pq.question_id].category == COMP
                assert eligible_seats(plan_input.panel, questions[pq.question_id]) == [s]


@FAST
@given(days(), st.randoms(use_true_random=False))
def test_recorded_questions_stay_with_their_person_whatever_happens_to_the_panel(
    plan_input: PlanInput, rnd: random.Random
) -> None:
    """Remove or reorder anyone else, cancel anyone: a question recorded with someone still on the
    panel is on their card, marked; a cancelled person has nothing else."""
    panel = [m for m in plan_input.panel if m.interviewer_id in set(plan_input.marked.values()) or rnd.random() < 0.7]
    rnd.shuffle(panel)
    plan_input = replace(plan_input, panel=tuple(panel))
    plan = build_plan(plan_input)
    where = _where(plan)
    on_panel = {m.interviewer_id: i for i, m in enumerate(panel)}
    for q in candidates(plan_input):
        person = plan_input.marked.get(q.question_id)
        if person in on_panel:
            s, pq = where[q.question_id]
            assert s == on_panel[person] and pq.marked  # type: ignore[attr-defined]
    for member, ip in zip(panel, plan.interviewers, strict=True):
        if member.cancelled:
            assert all(pq.marked for pq in ip.questions)
            assert ip.cancelled and ip.minutes_available == 0


def test_many_random_panels_keep_marks_and_close_with_the_last_person() -> None:
    """A seeded loop over many panels, as a check independent of hypothesis' search."""
    rnd = random.Random(16)
    roles = [supervisor, owner, coworker, hr]
    bank: list[CandidateQuestion] = [TYPICAL_DAY, SUCCESS, VISION, CLOSEST, SALARY, BENEFITS, NEXT_STEPS, DECIDE]
    for _ in range(500):
        panel: list[PanelMember] = []
        for i in range(rnd.randint(1, 5)):
            make = rnd.choice(roles)
            person = make(rnd.choice([0, 2, 4, 6]), name=f"P{i}")
            panel.append(replace(person, deciding=rnd.random() < 0.3, cancelled=rnd.random() < 0.2))
        marked = {q.question_id: rnd.choice(panel).interviewer_id for q in rnd.sample(bank[:4], rnd.randint(0, 2))}
        plan = build_plan(PlanInput(panel=panel, questions=bank, marked=marked, spare_minutes=rnd.choice([0, 5, 30])))
        last = closer_of(panel)
        where = _where(plan)
        if last >= 0:
            assert plan.interviewers[last].questions[-1].question_id == DECIDE.question_id
        for qid, person in marked.items():
            assert plan.interviewers[where[qid][0]].interviewer_id == person
        salary_left_out = [b for b in plan.backlog if b.question_id in (SALARY.question_id, BENEFITS.question_id)]
        if salary_left_out and any(eligible_seats(panel, SALARY)):
            assert all(b.question_id != SALARY.question_id or plan.spare_minutes_left < 2 for b in salary_left_out)
