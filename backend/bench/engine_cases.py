"""Realistic random inputs for the plan engine, for benchmarks and quick experiments.

`make_case(n_interviewers, n_questions, seed)` builds a `PlanInput` that looks like a real
account after a first round: the four default kinds of interviewer (supervisor, owner or
executive, co-worker, HR) with focus weights that follow PRODUCT.md (some zero), an occasional
interviewer with no role, 10-30 minutes of question time each (the supervisor and the owner
decide), a bank of mostly two-minute questions (about 40 % `expect`, 10 % compensation, 10 %
targeted at a role, 5 % pinned, one in a thousand a closing question asked every round, one
given by hand) and a first round in which some questions were asked and some answered. Same
arguments, same case.
"""

from __future__ import annotations

import random
import uuid

from secondround.accounts import starter_kit
from secondround.helpers.vocabulary import Category
from secondround.plan_engine import CandidateQuestion, PanelMember, PlanInput, PriorOutcome

_C = Category

# The account defaults (starter kit), so the benchmark plans with the weights real users start with.
ROLES: dict[str, dict[str, float]] = {role.name: dict(role.focus) for role in starter_kit.ROLES}
DECIDING = {role.name for role in starter_kit.ROLES if role.deciding}

_STEMS: dict[str, list[str]] = {
    _C.JOB_DESCRIPTION: ["What does a typical day look like in", "Which tasks take most time in"],
    _C.EVALUATION_PROCESS: ["How is success measured for", "What would a great first review say about"],
    _C.PROFESSIONAL_DEVELOPMENT: ["What training is available for", "How do people grow out of"],
    _C.ORGANIZATION_VISION: ["Where do you see the company taking", "How does the strategy shape"],
    _C.TEAMWORK: ["Who would I work with most on", "How does the team share work on"],
    _C.DEADLINES_EFFICIENCY: ["How are deadlines set for", "What slows delivery down in"],
    _C.LONG_TERM_GOALS: ["What would the next few years look like for", "Where could this role lead from"],
    _C.SKILLS_EXPERIENCE: ["Which skills matter most for", "What experience do the best people bring to"],
    _C.LOGISTICS: ["What are the hours and location for", "When would someone start on"],
    _C.COMPENSATION: ["What is the salary range for", "How are bonuses and benefits set for"],
}
_TOPICS = [
    "the product team",
    "the first ninety days",
    "customer projects",
    "the platform",
    "reporting",
    "the new office",
]
_PEOPLE = ["Alex Moreno", "Priya Shah", "Sam Okafor", "Jordan Lee", "Maria Rossi", "Chen Wei", "Dana Cohen"]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def make_case(n_interviewers: int, n_questions: int, seed: int) -> PlanInput:
    rng = random.Random(seed)
    role_ids = {name: _uuid(rng) for name in ROLES}
    order = [role.name for role in starter_kit.ROLES]

    panel = []
    for i in range(n_interviewers):
        role = None if rng.random() < 0.1 else order[i % len(order)]
        panel.append(
            PanelMember(
                interviewer_id=_uuid(rng),
                name=f"{_PEOPLE[i % len(_PEOPLE)]} {i + 1}",
                role_id=role_ids[role] if role else None,
                role_name=role,
                focus={str(c): w for c, w in ROLES[role].items()} if role else {},
                question_minutes=rng.randint(10, 30),
                deciding=role in DECIDING,
            )
        )

    plain = [c for c in Category if c is not Category.COMPENSATION]
    questions = []
    for i in range(n_questions):
        category = Category.COMPENSATION if rng.random() < 0.1 else rng.choice(plain)
        direction = "expect" if rng.random() < 0.4 else "ask"
        targets = frozenset()
        if rng.random() < 0.1:
            targets = frozenset(rng.sample(sorted(role_ids.values()), rng.randint(1, 2)))
        questions.append(
            CandidateQuestion(
                question_id=_uuid(rng),
                text=f"{rng.choice(_STEMS[category])} {rng.choice(_TOPICS)} (#{i + 1})?",
                category=category.value,
                direction=direction,
                importance=rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 3, 2])[0],
                minutes=rng.choices([1, 2, 3, 4, 5], weights=[2, 10, 3, 1, 1])[0],
                target_role_ids=targets,
                prepared_answer="My short, prepared answer." if direction == "expect" else None,
                # A few closing questions asked every round, like the starter kit's (no random draw, so
                # the rest of the case stays as it was before the closing block existed).
                recurring=i % 1000 == 7,
                at_end=i % 1000 == 7,
            )
        )

    asks = [q for q in questions if q.direction == "ask"]
    pinned = frozenset(q.question_id for q in asks if rng.random() < 0.05)
    first_round = _uuid(rng)
    history = []
    for q in asks:
        roll = rng.random()
        if roll < 0.05:
            status = "answered"
        elif roll < 0.10:
            status = "asked"
        elif roll < 0.15:
            status = rng.choice(["planned", "skipped"])
        else:
            continue
        history.append(PriorOutcome(q.question_id, first_round, 1, status))

    # One question given by hand to the first person, as a user does on the round screen.
    assigned = {asks[len(asks) // 2].question_id: panel[0].interviewer_id} if asks and panel else {}
    return PlanInput(
        panel=tuple(panel), questions=tuple(questions), pinned=pinned, history=tuple(history), assigned=assigned
    )
