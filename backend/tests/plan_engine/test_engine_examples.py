"""Worked examples of the plan engine, with every expected order and reason written by hand.

The roles use explicit focus weights (below) so each example can be followed with a pencil:
score = importance / 5 x weight (+ 0.25 when carried forward from an earlier round).
"""

from __future__ import annotations

import uuid

from secondround.plan_engine import (
    CandidateQuestion,
    PanelMember,
    Plan,
    PlanInput,
    PriorOutcome,
    build_plan,
)

SUPERVISOR = uuid.UUID("00000000-0000-4000-8000-000000000001")
OWNER = uuid.UUID("00000000-0000-4000-8000-000000000002")
COWORKER = uuid.UUID("00000000-0000-4000-8000-000000000003")
HR = uuid.UUID("00000000-0000-4000-8000-000000000004")

# A supervisor weighs the job itself, how success is judged, deadlines and skills.
SUPERVISOR_FOCUS = {
    "job_description": 0.9,
    "evaluation_process": 0.9,
    "deadlines_efficiency": 0.9,
    "skills_experience": 0.8,
    "teamwork": 0.5,
    "professional_development": 0.3,
    "compensation": 0.2,
}
# An owner weighs vision, long-term goals and growth; can talk money.
OWNER_FOCUS = {
    "organization_vision": 1.0,
    "long_term_goals": 0.9,
    "professional_development": 0.8,
    "evaluation_process": 0.3,
    "compensation": 0.6,
}
# A co-worker weighs the team and the day-to-day work; never salary.
COWORKER_FOCUS = {
    "teamwork": 1.0,
    "job_description": 0.7,
    "deadlines_efficiency": 0.4,
    "skills_experience": 0.4,
    "logistics": 0.5,
}
HR_FOCUS = {"compensation": 1.0, "logistics": 0.9, "professional_development": 0.6}

ROUND_1 = uuid.UUID("00000000-0000-4000-8000-0000000000a1")
ROUND_2 = uuid.UUID("00000000-0000-4000-8000-0000000000b2")

SALARY_LAST = "salary kept to the end, with the last person who can discuss it"
NO_TIME = "no time left with anyone eligible (needs 2 min)"


def supervisor(minutes: int, name: str = "Dana Whitfield", deciding: bool = False) -> PanelMember:
    return PanelMember(
        uuid.uuid5(SUPERVISOR, name), name, SUPERVISOR, "Supervisor", SUPERVISOR_FOCUS, minutes, deciding
    )


def owner(minutes: int, name: str = "Robert Hale", deciding: bool = False) -> PanelMember:
    return PanelMember(uuid.uuid5(OWNER, name), name, OWNER, "Owner", OWNER_FOCUS, minutes, deciding)


def coworker(minutes: int, name: str = "Mia Chen") -> PanelMember:
    return PanelMember(uuid.uuid5(COWORKER, name), name, COWORKER, "Co-worker", COWORKER_FOCUS, minutes)


def hr(minutes: int, name: str = "Sofia Marquez") -> PanelMember:
    return PanelMember(uuid.uuid5(HR, name), name, HR, "HR", HR_FOCUS, minutes)


def ask(text: str, category: str, importance: int, minutes: int = 2, targets=(), **flags) -> CandidateQuestion:
    return CandidateQuestion(
        question_id=uuid.uuid5(uuid.NAMESPACE_URL, text),
        text=text,
        category=category,
        direction="ask",
        importance=importance,
        minutes=minutes,
        target_role_ids=frozenset(targets),
        **flags,
    )


def expect(text: str, category: str, importance: int, answer: str) -> CandidateQuestion:
    return CandidateQuestion(
        question_id=uuid.uuid5(uuid.NAMESPACE_URL, text),
        text=text,
        category=category,
        direction="expect",
        importance=importance,
        minutes=2,
        prepared_answer=answer,
    )


def texts(plan: Plan, seat: int) -> list[str]:
    return [q.text for q in plan.interviewers[seat].questions]


def backlog(plan: Plan) -> list[tuple[str, str]]:
    return [(b.text, b.reason) for b in plan.backlog]


def reasons(plan: Plan, seat: int) -> dict[str, list[str]]:
    return {q.text: list(q.reasons) for q in plan.interviewers[seat].questions}


# The bank used by most examples.
TYPICAL_DAY = ask("What would a typical day look like in this role?", "job_description", 5)
SUCCESS = ask("How will you measure success in the first six months?", "evaluation_process", 5)
DEADLINES = ask("How are deadlines set, and what happens when one slips?", "deadlines_efficiency", 4)
SKILLS = ask("Which skills would you want me to build in the first year?", "skills_experience", 3)
VISION = ask("Where do you see the company in five years?", "organization_vision", 5, minutes=3)
GROWTH = ask("How could this role grow over the next few years?", "long_term_goals", 4)
TRAINING = ask("What support is there for training and conferences?", "professional_development", 3)
CLOSEST = ask("Who would I work with most closely day to day?", "teamwork", 4)
SPLIT_WORK = ask("How does the team split work and review each other's work?", "teamwork", 3)
SALARY = ask("What is the salary range, and how are raises decided?", "compensation", 4)
TOOLS = ask("What tools does the team use every day?", "job_description", 2)
REMOTE = ask("Is there flexibility on remote days?", "logistics", 3)


def test_second_interview_supervisor_then_owner_then_coworker() -> None:
    """PRODUCT.md's scenario. By hand, with 8 minutes each:

    coverage: the owner takes VISION (1.0), the supervisor SUCCESS (0.9; it ties TYPICAL_DAY
    and wins on text), the co-worker CLOSEST (0.8). Then by score: TYPICAL_DAY to the supervisor
    (0.9; the co-worker would only score 0.7), DEADLINES to the supervisor and GROWTH to the
    owner (both 0.72; meeting order breaks the tie), SPLIT_WORK to the co-worker (0.6), SALARY to
    the owner (0.48, importance 4 beats SKILLS' 3), SKILLS to the supervisor (0.48, full now),
    TRAINING has no room left with the supervisor or the owner (1 min left), REMOTE (0.3) and
    TOOLS (0.28, the supervisor is full) to the co-worker.
    """
    bank = [TYPICAL_DAY, SUCCESS, DEADLINES, SKILLS, VISION, GROWTH, TRAINING, CLOSEST, SPLIT_WORK, SALARY]
    bank += [TOOLS, REMOTE]
    bank += [
        expect(
            "Tell me about a project you delivered under a tight deadline.", "deadlines_efficiency", 4, "The Q3 launch."
        ),
        expect("Where do you see yourself in five years?", "long_term_goals", 4, "Leading a small team."),
        expect("How do you handle a disagreement with a teammate?", "teamwork", 4, "Talk early, in private."),
        expect("What salary are you expecting?", "compensation", 3, "Within the posted range."),
    ]
    plan = build_plan(PlanInput(panel=[supervisor(8), owner(8), coworker(8)], questions=bank, expect_per_interviewer=2))

    # The supervisor hears about the job and how success is judged.
    assert texts(plan, 0) == [SUCCESS.text, TYPICAL_DAY.text, DEADLINES.text, SKILLS.text]
    assert [q.score for q in plan.interviewers[0].questions] == [0.9, 0.9, 0.72, 0.48]
    assert reasons(plan, 0) == {
        SUCCESS.text: [
            "matches the supervisor's focus on how your work will be evaluated (weight 0.9)",
            "you rated it 5 of 5",
        ],
        TYPICAL_DAY.text: ["matches the supervisor's focus on the job description (weight 0.9)", "you rated it 5 of 5"],
        DEADLINES.text: [
            "matches the supervisor's focus on deadlines and efficiency (weight 0.9)",
            "you rated it 4 of 5",
        ],
        SKILLS.text: ["matches the supervisor's focus on skills and experience (weight 0.8)"],
    }
    # The owner hears about vision and growth, and salary comes last, with them.
    assert texts(plan, 1) == [VISION.text, GROWTH.text, SALARY.text]
    assert [q.score for q in plan.interviewers[1].questions] == [1.0, 0.72, 0.48]
    assert reasons(plan, 1) == {
        VISION.text: ["matches the owner's focus on the organization's vision (weight 1.0)", "you rated it 5 of 5"],
        GROWTH.text: ["matches the owner's focus on long-term goals (weight 0.9)", "you rated it 4 of 5"],
        SALARY.text: [
            "matches the owner's focus on salary and benefits (weight 0.6)",
            "you rated it 4 of 5",
            SALARY_LAST,
        ],
    }
    # The co-worker hears about the team and the daily work.
    assert texts(plan, 2) == [CLOSEST.text, SPLIT_WORK.text, REMOTE.text, TOOLS.text]
    assert reasons(plan, 2) == {
        CLOSEST.text: ["matches the co-worker's focus on teamwork (weight 1.0)", "you rated it 4 of 5"],
        SPLIT_WORK.text: ["matches the co-worker's focus on teamwork (weight 1.0)"],
        REMOTE.text: ["matches the co-worker's focus on logistics (weight 0.5)"],
        TOOLS.text: ["matches the co-worker's focus on the job description (weight 0.7)"],
    }
    assert [(ip.minutes_available, ip.minutes_planned) for ip in plan.interviewers] == [(8, 8), (8, 7), (8, 8)]
    assert backlog(plan) == [(TRAINING.text, NO_TIME)]
    assert plan.excluded == ()

    # What each of them is likely to ask you, with your prepared answer.
    expected = [[(e.text, e.score, e.prepared_answer) for e in ip.expect] for ip in plan.interviewers]
    assert expected == [
        [
            ("Tell me about a project you delivered under a tight deadline.", 0.72, "The Q3 launch."),
            ("How do you handle a disagreement with a teammate?", 0.4, "Talk early, in private."),
        ],
        [
            ("Where do you see yourself in five years?", 0.72, "Leading a small team."),
            ("What salary are you expecting?", 0.36, "Within the posted range."),
        ],
        [
            ("How do you handle a disagreement with a teammate?", 0.8, "Talk early, in private."),
            ("Tell me about a project you delivered under a tight deadline.", 0.32, "The Q3 launch."),
        ],
    ]


def test_pinned_question_comes_first_and_takes_its_time() -> None:
    """ONBOARDING scores only 0.36 but is pinned: it goes first and keeps its 2 minutes, so of
    the two 0.9 questions only SUCCESS (first by text) still fits. The pinned question that is
    longer than the whole meeting is reported first in the backlog."""
    onboarding = ask("Could you walk me through the onboarding plan?", "job_description", 2)
    long_pin = ask("Could we go through a real project from last quarter?", "skills_experience", 4, minutes=6)
    plan = build_plan(
        PlanInput(
            panel=[supervisor(4)],
            questions=[TYPICAL_DAY, SUCCESS, onboarding, long_pin],
            pinned=frozenset({onboarding.question_id, long_pin.question_id}),
        )
    )
    assert texts(plan, 0) == [onboarding.text, SUCCESS.text]
    first = plan.interviewers[0].questions[0]
    assert (first.pinned, first.score) == (True, 0.36)
    assert list(first.reasons) == [
        "pinned for this round",
        "matches the supervisor's focus on the job description (weight 0.9)",
    ]
    assert backlog(plan) == [
        (
            long_pin.text,
            "pinned for this round, but needs 6 min, more than the 4 min you have with anyone who can take it",
        ),
        (TYPICAL_DAY.text, NO_TIME),
    ]


def test_carried_forward_from_round_1() -> None:
    """TRAINING was asked in round 1 and not answered: 0.48 + 0.25 = 0.73 beats GROWTH's 0.72."""
    plan = build_plan(
        PlanInput(
            panel=[owner(5)],
            questions=[VISION, GROWTH, TRAINING],
            history=[PriorOutcome(TRAINING.question_id, ROUND_1, 1, "asked")],
        )
    )
    assert texts(plan, 0) == [VISION.text, TRAINING.text]
    carried = plan.interviewers[0].questions[1]
    assert carried.score == 0.73
    assert list(carried.reasons) == [
        "asked in round 1 but not answered yet",
        "matches the owner's focus on professional development (weight 0.8)",
    ]
    assert backlog(plan) == [(GROWTH.text, NO_TIME)]


def test_answered_in_an_earlier_round_is_excluded() -> None:
    """TYPICAL_DAY was answered in round 1; SUCCESS asked in round 1 and answered in round 2
    (the latest answer is named); DEADLINES asked in round 1 and skipped in round 2 still
    carries forward."""
    history = [
        PriorOutcome(TYPICAL_DAY.question_id, ROUND_1, 1, "answered"),
        PriorOutcome(SUCCESS.question_id, ROUND_1, 1, "answered"),
        PriorOutcome(SUCCESS.question_id, ROUND_2, 2, "answered"),
        PriorOutcome(DEADLINES.question_id, ROUND_1, 1, "asked"),
        PriorOutcome(DEADLINES.question_id, ROUND_2, 2, "skipped"),
    ]
    plan = build_plan(
        PlanInput(panel=[supervisor(10)], questions=[TYPICAL_DAY, SUCCESS, DEADLINES, SKILLS], history=history)
    )
    assert texts(plan, 0) == [DEADLINES.text, SKILLS.text]
    assert plan.interviewers[0].questions[0].score == 0.97
    assert [(e.text, e.reason, e.round_id, e.round_sequence) for e in plan.excluded] == [
        (SUCCESS.text, "answered in round 2", ROUND_2, 2),
        (TYPICAL_DAY.text, "answered in round 1", ROUND_1, 1),
    ]
    assert plan.backlog == ()


def test_salary_that_does_not_fit_the_last_person_waits_in_the_backlog() -> None:
    """The owner is the last who can discuss salary, and VISION fills their 3 minutes. SALARY
    must not fall back to the supervisor, who still has 8 free minutes."""
    long_salary = ask("Could we go through the whole benefits package?", "compensation", 3, minutes=5)
    plan = build_plan(
        PlanInput(panel=[supervisor(10), owner(3)], questions=[TYPICAL_DAY, VISION, SALARY, long_salary, REMOTE])
    )
    assert texts(plan, 0) == [TYPICAL_DAY.text]
    assert texts(plan, 1) == [VISION.text]
    assert backlog(plan) == [
        (
            SALARY.text,
            "salary kept for Robert Hale, the last eligible interviewer, but their time is full (needs 2 min)",
        ),
        (
            long_salary.text,
            "salary kept for Robert Hale, the last eligible interviewer, "
            "but it needs 5 min and you have 3 min with them",
        ),
        (REMOTE.text, "no one on this panel has a role that covers logistics"),
    ]


def test_hr_last_gets_salary_at_the_very_end() -> None:
    """HR meets you last, so salary waits for HR even though the owner could discuss it. It
    scores more than the start-date question but is still asked after it; the pinned benefits
    question leads the salary block."""
    start = ask("When could I start, and what does onboarding involve?", "logistics", 3)
    benefits = ask("Which benefits start on day one?", "compensation", 2, minutes=1)
    heading = ask("Where is the company heading next year?", "organization_vision", 5)
    plan = build_plan(
        PlanInput(
            panel=[supervisor(4), owner(4), hr(5)],
            questions=[TYPICAL_DAY, heading, SALARY, start, benefits],
            pinned=frozenset({benefits.question_id}),
        )
    )
    assert texts(plan, 0) == [TYPICAL_DAY.text]
    assert texts(plan, 1) == [heading.text]
    assert texts(plan, 2) == [start.text, benefits.text, SALARY.text]
    assert [q.score for q in plan.interviewers[2].questions] == [0.54, 0.4, 0.8]
    assert reasons(plan, 2) == {
        start.text: ["matches HR's focus on logistics (weight 0.9)"],
        benefits.text: ["pinned for this round", "matches HR's focus on salary and benefits (weight 1.0)", SALARY_LAST],
        SALARY.text: ["matches HR's focus on salary and benefits (weight 1.0)", "you rated it 4 of 5", SALARY_LAST],
    }
    assert plan.backlog == ()


def test_interviewer_without_a_role() -> None:
    """Jamie has no role: every category counts 0.5 for them, and targeted questions never go
    to them. A question meant only for the owner, who is not on this panel, is set aside."""
    portfolio = ask(
        "Which of my projects would you like to hear more about?", "skills_experience", 5, targets=[SUPERVISOR]
    )
    must_get_right = ask("What is the one thing the company must get right this year?", "organization_vision", 4)
    owner_only = ask("Where do you personally want to take the company?", "organization_vision", 5, targets=[OWNER])
    jamie = PanelMember(uuid.uuid5(uuid.NAMESPACE_DNS, "jamie"), "Jamie Park", None, None, {}, 4)
    plan = build_plan(
        PlanInput(panel=[supervisor(4), jamie], questions=[TYPICAL_DAY, portfolio, must_get_right, owner_only])
    )
    assert texts(plan, 0) == [TYPICAL_DAY.text, portfolio.text]
    assert reasons(plan, 0)[portfolio.text] == [
        "matches the supervisor's focus on skills and experience (weight 0.8)",
        "you marked it for the supervisor",
        "you rated it 5 of 5",
    ]
    assert texts(plan, 1) == [must_get_right.text]
    general = plan.interviewers[1].questions[0]
    assert general.score == 0.4
    assert list(general.reasons) == [
        "no role set for Jamie Park, so a general question (neutral weight 0.5)",
        "you rated it 4 of 5",
    ]
    assert backlog(plan) == [(owner_only.text, "targets roles not on this panel")]


def test_coverage_moves_a_question_so_nobody_is_left_empty() -> None:
    """REVIEW scores 0.9 with the supervisor, who takes it first. The co-worker can only take
    REVIEW, the supervisor also FIRST_YEAR, and each has time for one question: the coverage
    phase hands REVIEW to the co-worker and gives the supervisor FIRST_YEAR instead."""
    review = ask("How do you check work before it ships?", "deadlines_efficiency", 5)
    first_year = ask("What does a great first year look like?", "evaluation_process", 3)
    plan = build_plan(PlanInput(panel=[supervisor(2), coworker(2)], questions=[review, first_year]))
    assert texts(plan, 0) == [first_year.text]
    assert texts(plan, 1) == [review.text]
    assert [q.score for ip in plan.interviewers for q in ip.questions] == [0.54, 0.4]
    assert plan.backlog == ()


def test_empty_panel_sets_everything_aside_and_no_time_means_no_questions() -> None:
    plan = build_plan(PlanInput(panel=[], questions=[TYPICAL_DAY, SALARY]))
    assert plan.interviewers == ()
    assert backlog(plan) == [
        (TYPICAL_DAY.text, "no one is on the panel for this round yet"),
        (SALARY.text, "no one is on the panel for this round yet"),
    ]
    plan = build_plan(PlanInput(panel=[supervisor(0)], questions=[TYPICAL_DAY]))
    assert plan.interviewers[0].questions == ()
    assert backlog(plan) == [(TYPICAL_DAY.text, "you have no question time with anyone who can take it (needs 2 min)")]


# --- the closing block, pins and hand-picked questions (issue 9) ---------------------------

DECISION = ask(
    "What are the next steps after today, and when can I expect to hear from you?",
    "evaluation_process",
    4,
    minutes=1,
)
DECISION_EVERY_ROUND = ask(DECISION.text, "evaluation_process", 4, minutes=1, recurring=True, at_end=True)
WHO_NEXT = ask(
    "Who will I meet next, and what are their roles?",
    "evaluation_process",
    3,
    minutes=1,
    recurring=True,
    at_end=True,
    asks_next_panel=True,
)


def test_pinned_decision_date_answered_in_round_1_closes_round_2_with_the_last_person() -> None:
    """The decision time frame was answered in round 1; pinned for round 2 and asked at the end,
    it is planned as the last question of the day: with the co-worker, the last person you meet,
    though they decide nothing (the reason says who does). Salary stays with the owner, the last
    decision-maker, at the end of your time with them."""
    plan = build_plan(
        PlanInput(
            panel=[supervisor(8, deciding=True), owner(8, deciding=True), coworker(8)],
            questions=[TYPICAL_DAY, SUCCESS, VISION, GROWTH, SALARY, CLOSEST, DECISION],
            pinned=frozenset({DECISION.question_id}),
            history=[PriorOutcome(DECISION.question_id, ROUND_1, 1, "answered", "Within two weeks, by phone.")],
            at_end={DECISION.question_id: True},
            next_panel_known=True,
        )
    )
    owner_id = plan.interviewers[1].interviewer_id
    assert plan.closing_interviewer_id == plan.interviewers[2].interviewer_id
    assert plan.deciding_interviewer_id == owner_id
    assert texts(plan, 1) == [VISION.text, GROWTH.text, SALARY.text]
    assert plan.interviewers[1].questions[-1].reasons[-1] == (
        "salary kept to the end of your time with Robert Hale, the last decision-maker who can discuss it"
    )
    assert texts(plan, 2) == [CLOSEST.text, DECISION.text]
    last = plan.interviewers[2].questions[-1]
    assert (last.closing, last.pinned, last.assigned, last.recurring) == (True, True, False, False)
    assert list(last.reasons) == [
        "closing: asked last, of Mia Chen, the last person you meet (Robert Hale decides)",
        "answered in round 1, asked again because you pinned it",
        "you rated it 4 of 5",
    ]
    assert plan.excluded == ()
    assert [ip.deciding for ip in plan.interviewers] == [True, True, False]


def test_recurring_question_is_never_settled_and_answers_show_in_excluded() -> None:
    """Asked every round: round 1's answer does not exclude it. An ordinary answered question
    is excluded with the round's number and what you wrote down."""
    history = [
        PriorOutcome(DECISION_EVERY_ROUND.question_id, ROUND_1, 1, "answered", "Two weeks."),
        PriorOutcome(TYPICAL_DAY.question_id, ROUND_1, 1, "answered", "Mostly dashboards."),
    ]
    plan = build_plan(
        PlanInput(panel=[supervisor(10)], questions=[TYPICAL_DAY, SUCCESS, DECISION_EVERY_ROUND], history=history)
    )
    assert texts(plan, 0) == [SUCCESS.text, DECISION_EVERY_ROUND.text]
    closing = plan.interviewers[0].questions[-1]
    assert closing.closing and closing.recurring
    assert "asked every round (answered in round 1)" in closing.reasons
    # Nobody on the panel decides: the closing block goes to the last person, and says so.
    assert closing.reasons[0] == (
        "closing: asked last, of Dana Whitfield, the last person you meet (no one on the panel decides)"
    )
    assert [(e.text, e.round_sequence, e.answer_notes) for e in plan.excluded] == [
        (TYPICAL_DAY.text, 1, "Mostly dashboards.")
    ]


def test_closing_takes_its_time_from_the_lowest_ranked_questions() -> None:
    """The owner has 5 minutes: VISION (3) and GROWTH (2) would fill them. The closing block
    needs 2 (who is next, then the decision date, the most important last), so GROWTH, the
    owner's lowest-ranked pick, no longer fits and the backlog says the closing took the time."""
    plan = build_plan(
        PlanInput(panel=[owner(5, deciding=True)], questions=[VISION, GROWTH, DECISION_EVERY_ROUND, WHO_NEXT])
    )
    assert texts(plan, 0) == [VISION.text, WHO_NEXT.text, DECISION_EVERY_ROUND.text]
    assert [q.closing for q in plan.interviewers[0].questions] == [False, True, True]
    assert plan.interviewers[0].minutes_planned == 5
    assert backlog(plan) == [
        (
            GROWTH.text,
            "no time left with anyone eligible (needs 2 min): "
            "the closing block and your own picks take 2 min of Robert Hale's time",
        )
    ]


def test_closing_is_planned_even_past_the_time() -> None:
    """With no question time at all, the closing block is still planned, and says it overruns."""
    plan = build_plan(PlanInput(panel=[owner(0, deciding=True)], questions=[VISION, DECISION_EVERY_ROUND]))
    assert texts(plan, 0) == [DECISION_EVERY_ROUND.text]
    ip = plan.interviewers[0]
    assert (ip.minutes_available, ip.minutes_planned) == (0, 1)
    assert "the closing block needs 1 min, more than the 0 min you have with them" in ip.questions[0].reasons


def test_who_is_next_only_while_the_next_panel_is_unknown() -> None:
    panel = [supervisor(6)]
    bank = [SUCCESS, WHO_NEXT, DECISION_EVERY_ROUND]
    unknown = build_plan(PlanInput(panel=panel, questions=bank))
    assert texts(unknown, 0) == [SUCCESS.text, WHO_NEXT.text, DECISION_EVERY_ROUND.text]
    known = build_plan(PlanInput(panel=panel, questions=bank, next_panel_known=True))
    assert texts(known, 0) == [SUCCESS.text, DECISION_EVERY_ROUND.text]
    assert backlog(known) == [(WHO_NEXT.text, "you already know who you will meet next (a later round has its panel)")]
    # Pinned, it is asked anyway.
    pinned = build_plan(
        PlanInput(panel=panel, questions=bank, next_panel_known=True, pinned=frozenset({WHO_NEXT.question_id}))
    )
    assert WHO_NEXT.text in texts(pinned, 0)


def test_a_question_given_by_hand_goes_to_that_person() -> None:
    """SALARY would go to the owner (last eligible); given to the supervisor by hand, it goes
    there, sorted with the supervisor's other questions (salary last). TRAINING, given to the
    co-worker by hand, does not fit their 2 minutes left: the backlog says so. A hand pick to
    someone not on the panel is ignored."""
    long_training = ask("Could we go through the training budget in detail?", "professional_development", 3, 4)
    stranger = uuid.UUID(int=12345)
    plan = build_plan(
        PlanInput(
            panel=[supervisor(6), owner(6), coworker(2)],
            questions=[TYPICAL_DAY, VISION, SALARY, CLOSEST, long_training, GROWTH],
            assigned={
                SALARY.question_id: supervisor(6).interviewer_id,
                long_training.question_id: coworker(2).interviewer_id,
                GROWTH.question_id: stranger,
            },
        )
    )
    assert texts(plan, 0) == [TYPICAL_DAY.text, SALARY.text]
    salary = plan.interviewers[0].questions[1]
    assert salary.assigned and not salary.closing
    assert salary.reasons[0] == "you gave it to Dana Whitfield"
    assert SALARY_LAST not in salary.reasons
    assert texts(plan, 1) == [VISION.text, GROWTH.text]
    assert texts(plan, 2) == [CLOSEST.text]
    assert backlog(plan) == [(long_training.text, "you gave it to Mia Chen, who has 2 min left (it needs 4 min)")]


def test_closing_given_by_hand_ends_that_persons_list() -> None:
    plan = build_plan(
        PlanInput(
            panel=[supervisor(6), owner(6, deciding=True)],
            questions=[TYPICAL_DAY, VISION, DECISION_EVERY_ROUND],
            assigned={DECISION_EVERY_ROUND.question_id: supervisor(6).interviewer_id},
        )
    )
    assert plan.closing_interviewer_id == owner(6).interviewer_id
    assert texts(plan, 0) == [TYPICAL_DAY.text, DECISION_EVERY_ROUND.text]
    last = plan.interviewers[0].questions[-1]
    assert (last.closing, last.assigned) == (True, True)
    assert last.reasons[0] == "closing: you gave it to Dana Whitfield, to ask at the end of your time with them"


def test_an_archived_pin_is_listed_not_dropped() -> None:
    archived = ask("Is the team growing next year?", "teamwork", 3, archived=True)
    plan = build_plan(
        PlanInput(panel=[coworker(6)], questions=[CLOSEST, archived], pinned=frozenset({archived.question_id}))
    )
    assert texts(plan, 0) == [CLOSEST.text]
    assert backlog(plan) == [(archived.text, "pinned for this round, but it is archived: restore it to plan it")]
    # Unpinned archived questions are simply not part of the plan.
    assert build_plan(PlanInput(panel=[coworker(6)], questions=[archived])).backlog == ()
