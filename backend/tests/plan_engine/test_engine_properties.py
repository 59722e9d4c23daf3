"""Property-based tests of the plan engine: the PRODUCT.md rules hold for any panel and bank.

Random panels (0-8 people, some without a role, some with no time) and banks (0-60 questions of
both directions, random targets, pins and history). Besides the rules themselves, the fast
engine is checked against a slow oracle below that scores every pair and walks them in order,
and the coverage guarantee is checked against an independent maximum matching.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from secondround.helpers.vocabulary import Category
from secondround.plan_engine import (
    CARRY_FORWARD_BONUS,
    NO_ROLE_WEIGHT,
    CandidateQuestion,
    PanelMember,
    Plan,
    PlanInput,
    PriorOutcome,
    build_plan,
)

# No example database: the suite must not write files into the repository.
FAST = settings(max_examples=200, deadline=None, database=None)

ROLES = [uuid.UUID(int=1), uuid.UUID(int=2), uuid.UUID(int=3)]
FOREIGN_ROLE = uuid.UUID(int=4)  # a role nobody on any panel has
COMP = Category.COMPENSATION.value
CATEGORIES = [
    Category.JOB_DESCRIPTION.value,
    Category.TEAMWORK.value,
    Category.ORGANIZATION_VISION.value,
    Category.LOGISTICS.value,
    COMP,
]
ROUND_IDS = {seq: uuid.UUID(int=1000 + seq) for seq in (1, 2, 3)}


def qid(i: int) -> uuid.UUID:
    """Distinct ids whose order has nothing to do with i (odd multiplier: a bijection)."""
    return uuid.UUID(int=(i * 2654435761) % 2**32)


TARGETS = [(), (), (), (0,), (1,), (0, 2), (None,), (1, None)]  # None: the foreign role
TEXTS = ["Alpha?", "Beta?", "Gamma?", "Delta?", "Echo?", "Foxtrot?"]  # few, so texts tie
STATUSES = ["planned", "asked", "answered", "skipped"]
# Question flags: r recurring, e at_end, n asks who comes next, a archived. Mostly none.
FLAGS = ["", "", "", "", "", "", "r", "e", "re", "ren", "a", "ea"]


def pick(code: int, options: list) -> tuple:
    """Peel one choice off an integer: one hypothesis draw per question keeps big banks cheap
    to generate, and shrinking toward 0 still shrinks toward the plainest question."""
    return options[code % len(options)], code // len(options)


@st.composite
def plan_inputs(
    draw: st.DrawFn,
    max_members: int = 8,
    max_questions: int = 60,
    budgets: tuple[int, ...] = (0, 2, 3, 4, 6, 10),
    longest: int = 5,
) -> PlanInput:
    weights = st.sampled_from([0.0, 0.0, 0.3, 0.5, 0.6, 1.0])
    focus = [{c: draw(weights) for c in CATEGORIES} for _ in ROLES]
    n_members = draw(st.integers(0, max_members))
    members = draw(
        st.lists(
            st.tuples(st.integers(-1, len(ROLES) - 1), st.sampled_from(budgets)),
            min_size=n_members,
            max_size=n_members,
        )
    )
    deciding = [draw(st.booleans()) and draw(st.booleans()) for _ in ROLES]  # some roles decide
    panel = tuple(
        PanelMember(
            interviewer_id=uuid.UUID(int=500 + i),
            name=f"Person {i}",
            role_id=ROLES[role] if role >= 0 else None,
            role_name=f"Role {role}" if role >= 0 else None,
            focus=focus[role] if role >= 0 else {},
            question_minutes=minutes,
            deciding=deciding[role] if role >= 0 else False,
        )
        for i, (role, minutes) in enumerate(members)
    )
    n = draw(st.integers(0, max_questions))
    questions = []
    for i, code in enumerate(draw(st.lists(st.integers(0, 2**24), min_size=n, max_size=n))):
        direction, code = pick(code, ["ask", "ask", "expect"])
        category, code = pick(code, CATEGORIES)
        importance, code = pick(code, [1, 2, 3, 4, 5])
        minutes, code = pick(code, list(range(1, longest + 1)))
        targets, code = pick(code, TARGETS)
        text, code = pick(code, TEXTS)
        flags, code = pick(code, FLAGS)
        questions.append(
            CandidateQuestion(
                question_id=qid(i),
                text=text,
                category=category,
                direction=direction,
                importance=importance,
                minutes=minutes,
                target_role_ids=frozenset(FOREIGN_ROLE if t is None else ROLES[t] for t in targets),
                prepared_answer=f"answer {i}" if direction == "expect" else None,
                recurring="r" in flags,
                at_end="e" in flags,
                asks_next_panel="n" in flags,
                archived="a" in flags,
            )
        )
    pinned = frozenset(qid(i) for i in draw(st.sets(st.integers(0, max(n - 1, 0)), max_size=n)) if i < n)
    history = []
    for code in draw(st.lists(st.integers(0, 2**16), max_size=min(n, 20))):
        status, code = pick(code, STATUSES)
        seq, code = pick(code, [1, 2, 3])
        notes = f"notes {code % 3}" if code % 3 else None
        history.append(PriorOutcome(qid(code % n), ROUND_IDS[seq], seq, status, notes))
    # This round's entries: at_end overrides and questions given by hand (some to people not on the panel).
    at_end = {qid(i): draw(st.booleans()) for i in draw(st.sets(st.integers(0, max(n - 1, 0)), max_size=4)) if i < n}
    people = [m.interviewer_id for m in panel] + [uuid.UUID(int=999)]
    assigned = {
        qid(i): people[code % len(people)]
        for i, code in draw(st.dictionaries(st.integers(0, max(n - 1, 0)), st.integers(0, 99), max_size=4)).items()
        if i < n
    }
    return PlanInput(
        panel=panel,
        questions=tuple(questions),
        pinned=pinned,
        history=tuple(history),
        expect_per_interviewer=draw(st.integers(0, 4)),
        at_end=at_end,
        assigned=assigned,
        next_panel_known=draw(st.booleans()),
    )


# Few questions and tight time: the cases where a careless first pick starves someone.
tight_inputs = plan_inputs(max_members=4, max_questions=6, budgets=(1, 2, 3), longest=3)


# --- the rules, restated slowly -----------------------------------------------------------


def weight(member: PanelMember, category: str) -> float:
    if member.role_id is None:
        return NO_ROLE_WEIGHT
    return member.focus.get(category, 0.0)


def role_eligible(member: PanelMember, q: CandidateQuestion) -> bool:
    """Rule 2, without the compensation rule."""
    targets_ok = not q.target_role_ids or member.role_id in q.target_role_ids
    return targets_ok and weight(member, q.category) > 0


def eligible_seats(panel, q) -> list[int]:
    """Rule 2 plus rule 5: compensation only with the last eligible decision-maker, else the last
    eligible interviewer. Nobody cancelled is eligible for anything."""
    seats = [i for i, m in enumerate(panel) if not m.cancelled and role_eligible(m, q)]
    if q.category == COMP:
        deciding = [i for i in seats if panel[i].deciding]
        return deciding[-1:] or seats[-1:]
    return seats


def closer_of(panel) -> int:
    """The last person you meet (cancelled ones aside); -1 with nobody."""
    met = [i for i, m in enumerate(panel) if not m.cancelled]
    return met[-1] if met else -1


def answered_rounds(plan_input: PlanInput) -> dict[uuid.UUID, tuple[int, uuid.UUID, str | None]]:
    latest: dict[uuid.UUID, tuple[int, uuid.UUID, str | None]] = {}
    for h in plan_input.history:
        if h.status != "answered":
            continue
        mark = (h.round_sequence, h.round_id, h.answer_notes)
        if h.question_id not in latest or (h.round_sequence, h.round_id.int, h.answer_notes or "") > (
            latest[h.question_id][0],
            latest[h.question_id][1].int,
            latest[h.question_id][2] or "",
        ):
            latest[h.question_id] = mark
    return latest


def carried(plan_input: PlanInput) -> set[uuid.UUID]:
    answered = answered_rounds(plan_input)
    return {h.question_id for h in plan_input.history if h.status == "asked" and h.question_id not in answered}


def is_pinned(plan_input: PlanInput, q: CandidateQuestion) -> bool:
    return q.question_id in plan_input.pinned


def settled(plan_input: PlanInput, q: CandidateQuestion) -> bool:
    """Answered earlier, and neither asked every round nor pinned again: excluded."""
    return q.question_id in answered_rounds(plan_input) and not q.recurring and not is_pinned(plan_input, q)


def candidates(plan_input: PlanInput) -> list[CandidateQuestion]:
    """Every ask question the plan must account for (archived ones only when pinned)."""
    return [
        q
        for q in plan_input.questions
        if q.direction == "ask" and (not q.archived or is_pinned(plan_input, q)) and not settled(plan_input, q)
    ]


def set_aside(plan_input: PlanInput, q: CandidateQuestion) -> bool:
    """Left out before any placement: an archived pin, or 'who is next' once the next panel is known."""
    return q.archived or (q.asks_next_panel and plan_input.next_panel_known and not is_pinned(plan_input, q))


def at_end(plan_input: PlanInput, q: CandidateQuestion) -> bool:
    return plan_input.at_end.get(q.question_id, q.at_end)


def hand_seat(plan_input: PlanInput, q: CandidateQuestion) -> int | None:
    iid = plan_input.assigned.get(q.question_id)
    ids = [m.interviewer_id for m in plan_input.panel]
    return ids.index(iid) if iid in ids else None


def score(plan_input: PlanInput, member: PanelMember, q: CandidateQuestion) -> float:
    bonus = CARRY_FORWARD_BONUS if q.question_id in carried(plan_input) else 0.0
    return q.importance / 5 * weight(member, q.category) + bonus


def oracle(plan_input: PlanInput) -> tuple[list[list[uuid.UUID]], set[uuid.UUID], set[uuid.UUID]]:
    """The placement rules done the slow way: score every pair, walk them in order.

    Phase 0 places the user's own choices (the closing block with the person given by hand or
    the closer, even past their time; then the questions given by hand, in each person's order,
    while they fit). Phase 1 is the coverage matching over the people still without a question
    (greedy by pair order, then Kuhn augmenting paths), phase 2 the rest of the pinned questions,
    phase 3 everything else, all in the time left after phase 0. Returns each interviewer's
    placed ids, and the ids placed as closing and as given by hand.
    """
    panel = list(plan_input.panel)
    cands = sorted(candidates(plan_input), key=lambda q: (q.text, q.question_id.int))
    bonus = carried(plan_input)
    budgets = [max(0, m.question_minutes) for m in panel]
    closer = closer_of(panel)

    def key(s: int, r: int) -> tuple:
        q = cands[r]
        w = weight(panel[s], q.category)
        b = CARRY_FORWARD_BONUS if q.question_id in bonus else 0.0
        return (0 if q.question_id in plan_input.pinned else 1, -(q.importance / 5 * w + b), -q.importance)

    taken: set[int] = {r for r, q in enumerate(cands) if set_aside(plan_input, q)}
    placed: list[list[int]] = [[] for _ in panel]
    closing: set[int] = set()
    by_hand: set[int] = set()

    # Phase 0: the closing block, then what was given by hand.
    if panel:
        hand = []
        for r, q in enumerate(cands):
            if r in taken:
                continue
            seat = hand_seat(plan_input, q)
            if at_end(plan_input, q):
                placed[closer if seat is None else seat].append(r)
                closing.add(r)
                taken.add(r)
            elif seat is not None:
                hand.append((seat, key(seat, r), r))
                taken.add(r)
        left = [max(0, budgets[s] - sum(cands[r].minutes for r in placed[s])) for s in range(len(panel))]
        for s, _, r in sorted(hand):
            if cands[r].minutes <= left[s]:
                placed[s].append(r)
                by_hand.add(r)
                left[s] -= cands[r].minutes
    else:
        left = []
    start = list(left)
    covered = {s for s in range(len(panel)) if placed[s]}

    options = {s: [] for s in range(len(panel))}
    for r, q in enumerate(cands):
        for s in eligible_seats(panel, q):
            options[s].append(r)
    for s in options:
        options[s].sort(key=lambda r, s=s: (key(s, r), r))

    # Phase 1: coverage.
    match: dict[int, int] = {}
    holder: dict[int, int] = {}
    pairs = sorted(
        (key(s, r) + (s, r))
        for s in options
        if start[s] > 0 and s not in covered
        for r in options[s]
        if cands[r].minutes <= start[s]
    )
    for *_, s, r in pairs:
        if s not in match and r not in taken:
            match[s], holder[r] = r, s
            taken.add(r)

    def augment(v: int, visited: set[int]) -> bool:
        for r in options[v]:
            if r not in taken and cands[r].minutes <= start[v]:
                taken.add(r)
                match[v], holder[r] = r, v
                return True
        held = sorted((key(v, r), r) for r in holder if r in options[v] and cands[r].minutes <= start[v])
        for _, r in held:
            u = holder[r]
            if u in visited:
                continue
            visited.add(u)
            if augment(u, visited):
                match[v], holder[r] = r, v
                return True
        return False

    for s in range(len(panel)):
        if start[s] > 0 and s not in covered and s not in match:
            augment(s, {s})
    for s, r in sorted(match.items()):
        placed[s].append(r)
        left[s] -= cands[r].minutes

    # Phases 2 and 3: greedy over all remaining pairs in order.
    for want_pinned in (True, False):
        pairs = sorted(
            key(s, r) + (s, r)
            for s in options
            for r in options[s]
            if (cands[r].question_id in plan_input.pinned) == want_pinned
        )
        for *_, s, r in pairs:
            if r not in taken and cands[r].minutes <= left[s]:
                taken.add(r)
                placed[s].append(r)
                left[s] -= cands[r].minutes
    ids = [[cands[r].question_id for r in rs] for rs in placed]
    return ids, {cands[r].question_id for r in closing}, {cands[r].question_id for r in by_hand}


def max_coverage(plan_input: PlanInput) -> int:
    """Largest number of interviewers with at least one question, keeping the user's own
    placements: those the oracle's phase 0 covers, plus a plain Kuhn matching (no preferences,
    independent of the engine's) of the others to fitting, eligible, still free questions."""
    panel = list(plan_input.panel)
    ids, closing, by_hand = oracle(plan_input)
    fixed = closing | by_hand
    covered = {s for s, placed in enumerate(ids) if set(placed) & fixed}
    minutes = {q.question_id: q.minutes for q in plan_input.questions}
    left = [max(0, m.question_minutes) - sum(minutes[i] for i in set(ids[s]) & fixed) for s, m in enumerate(panel)]
    free = [
        q
        for q in candidates(plan_input)
        if not set_aside(plan_input, q)
        and not (panel and (at_end(plan_input, q) or hand_seat(plan_input, q) is not None))
    ]
    adj = {
        s: [r for r, q in enumerate(free) if s in eligible_seats(panel, q) and q.minutes <= left[s]]
        for s in range(len(panel))
        if s not in covered
    }
    owner: dict[int, int] = {}

    def try_seat(s: int, seen: set[int]) -> bool:
        for r in adj[s]:
            if r in seen:
                continue
            seen.add(r)
            if r not in owner or try_seat(owner[r], seen):
                owner[r] = s
                return True
        return False

    return len(covered) + sum(try_seat(s, set()) for s in adj)


def by_id(plan_input: PlanInput) -> dict[uuid.UUID, CandidateQuestion]:
    return {q.question_id: q for q in plan_input.questions}


def engine_chose(pq) -> bool:
    return not pq.closing and not pq.assigned


# --- properties ---------------------------------------------------------------------------


@FAST
@given(plan_inputs())
def test_every_ask_candidate_lands_exactly_once(plan_input: PlanInput) -> None:
    plan = build_plan(plan_input)
    placed = [pq.question_id for ip in plan.interviewers for pq in ip.questions]
    backlog = [b.question_id for b in plan.backlog]
    excluded = [e.question_id for e in plan.excluded]
    everything = placed + backlog + excluded
    asks = [
        q.question_id
        for q in plan_input.questions
        if q.direction == "ask" and (not q.archived or q.question_id in plan_input.pinned)
    ]
    assert sorted(everything) == sorted(asks)  # exactly once each, and no expect question
    assert len(plan.interviewers) == len(plan_input.panel)
    assert [ip.interviewer_id for ip in plan.interviewers] == [m.interviewer_id for m in plan_input.panel]


@FAST
@given(plan_inputs())
def test_budgets_eligibility_and_scores(plan_input: PlanInput) -> None:
    plan = build_plan(plan_input)
    questions = by_id(plan_input)
    bonus = carried(plan_input)
    for member, ip in zip(plan_input.panel, plan.interviewers, strict=True):
        assert ip.minutes_available == max(0, member.question_minutes)
        assert ip.deciding == member.deciding
        assert ip.minutes_planned == sum(pq.minutes for pq in ip.questions)
        closing_minutes = sum(pq.minutes for pq in ip.questions if pq.closing)
        # Only the closing block may run past the time, and only when it alone is longer.
        assert ip.minutes_planned - closing_minutes <= max(0, ip.minutes_available - closing_minutes)
        for pq in ip.questions:
            q = questions[pq.question_id]
            if engine_chose(pq):
                assert role_eligible(member, q)
                assert not q.target_role_ids or (member.role_id is not None and member.role_id in q.target_role_ids)
                assert weight(member, q.category) > 0
            assert pq.score == round(score(plan_input, member, q), 3)
            assert pq.pinned == (q.question_id in plan_input.pinned)
            assert pq.recurring == q.recurring
            assert (q.question_id in bonus) == any("but not answered yet" in r for r in pq.reasons)
            assert pq.reasons and all(isinstance(r, str) and r for r in pq.reasons)


@FAST
@given(plan_inputs())
def test_compensation_only_last_eligible_and_last_in_list(plan_input: PlanInput) -> None:
    plan = build_plan(plan_input)
    questions = by_id(plan_input)
    for s, ip in enumerate(plan.interviewers):
        seen_comp = False
        for pq in ip.questions:
            q = questions[pq.question_id]
            if pq.closing:
                continue
            if q.category == COMP:
                seen_comp = True
                if engine_chose(pq):
                    assert eligible_seats(plan_input.panel, q) == [s]
                    assert any(r.startswith("salary kept to the end") for r in pq.reasons)
            else:
                assert not seen_comp, "a work question after salary"
    for item in plan.backlog:
        q = questions[item.question_id]
        engine_considered = not set_aside(plan_input, q) and hand_seat(plan_input, q) is None
        if q.category == COMP and eligible_seats(plan_input.panel, q) and engine_considered:
            assert any(
                words in item.reason
                for words in ("the last eligible interviewer", "the last decision-maker", "the closing block")
            )


@FAST
@given(plan_inputs())
def test_order_within_each_interviewer(plan_input: PlanInput) -> None:
    """Pinned work questions, other work questions by score desc (then importance, text, id),
    then salary, pinned first; then the closing block: the ones asked every round last, the most
    important at the very end."""
    plan = build_plan(plan_input)
    questions = by_id(plan_input)
    for member, ip in zip(plan_input.panel, plan.interviewers, strict=True):
        flags = [pq.closing for pq in ip.questions]
        assert flags == sorted(flags), "the closing block is the end of the list"
        keys, closing = [], []
        for pq in ip.questions:
            q = questions[pq.question_id]
            if pq.closing:
                closing.append((q.recurring, q.importance, q.text, q.question_id.int))
                continue
            group = (2 if q.category == COMP else 0) + (0 if pq.pinned else 1)
            exact = score(plan_input, member, q)
            keys.append((group, -exact, -q.importance, q.text, q.question_id.int))
        assert keys == sorted(keys)
        assert closing == sorted(closing)


@FAST
@given(plan_inputs())
def test_backlog_order(plan_input: PlanInput) -> None:
    """Pinned leftovers first, then by importance, then text and id: the order to rescue them."""
    plan = build_plan(plan_input)
    questions = by_id(plan_input)
    keys = []
    for item in plan.backlog:
        q = questions[item.question_id]
        keys.append((q.question_id not in plan_input.pinned, -q.importance, q.text, q.question_id.int))
    assert keys == sorted(keys)


@FAST
@given(st.one_of(plan_inputs(), tight_inputs))
def test_matches_the_slow_oracle(plan_input: PlanInput) -> None:
    """The lazy, bucketed engine places exactly what the every-pair walk places, and marks the
    same ones as closing and as given by hand."""
    plan = build_plan(plan_input)
    expected, closing, by_hand = oracle(plan_input)
    for ip, ids in zip(plan.interviewers, expected, strict=True):
        assert sorted(pq.question_id for pq in ip.questions) == sorted(ids)
        assert {pq.question_id for pq in ip.questions if pq.closing} == closing & set(ids)
        hand_ids = {pq.question_id for pq in ip.questions if pq.assigned and not pq.closing}
        assert hand_ids == by_hand & set(ids)


@FAST
@given(plan_inputs())
def test_coverage_is_maximal(plan_input: PlanInput) -> None:
    """As many interviewers get a question as any valid plan could manage; and an empty-handed
    interviewer has no eligible question that fits their time waiting in the backlog."""
    check_coverage(plan_input)


@FAST
@given(tight_inputs)
def test_coverage_is_maximal_when_time_is_tight(plan_input: PlanInput) -> None:
    check_coverage(plan_input)


def check_coverage(plan_input: PlanInput) -> None:
    plan = build_plan(plan_input)
    covered = sum(1 for ip in plan.interviewers if ip.questions)
    assert covered == max_coverage(plan_input)
    questions = by_id(plan_input)
    for s, ip in enumerate(plan.interviewers):
        if ip.questions:
            continue
        for item in plan.backlog:
            q = questions[item.question_id]
            if set_aside(plan_input, q) or hand_seat(plan_input, q) is not None:
                continue
            assert not (s in eligible_seats(plan_input.panel, q) and q.minutes <= ip.minutes_available)


@FAST
@given(plan_inputs())
def test_nothing_left_out_fits_and_pins_win_time(plan_input: PlanInput) -> None:
    """Every backlog question the engine placed itself is too long for the time left with
    everyone eligible; a pinned one is too long even for the time not already given to pinned
    questions and the user's own placements. A question given by hand is left out only when it
    is longer than the time left with that person."""
    plan = build_plan(plan_input)
    questions = by_id(plan_input)
    for item in plan.backlog:
        q = questions[item.question_id]
        assert item.reason
        if q.question_id in plan_input.pinned:
            assert item.reason.startswith("pinned for this round, but ")
        if set_aside(plan_input, q):
            continue
        seat = hand_seat(plan_input, q)
        if seat is not None:
            ip = plan.interviewers[seat]
            assert f"you gave it to {plan_input.panel[seat].name}, who has " in item.reason
            assert q.minutes > ip.minutes_available - ip.minutes_planned
            continue
        assert not (plan_input.panel and at_end(plan_input, q)), "the closing block is never left out"
        for s in eligible_seats(plan_input.panel, q):
            ip = plan.interviewers[s]
            assert q.minutes > ip.minutes_available - ip.minutes_planned
            if q.question_id in plan_input.pinned:
                fixed = sum(pq.minutes for pq in ip.questions if pq.pinned or not engine_chose(pq))
                assert q.minutes > ip.minutes_available - fixed
        if not eligible_seats(plan_input.panel, q):
            assert "time" not in item.reason


@FAST
@given(plan_inputs())
def test_answered_earlier_is_excluded_with_its_latest_round(plan_input: PlanInput) -> None:
    """Unless it is asked every round or pinned again: then it is planned or backlogged."""
    plan = build_plan(plan_input)
    answered = answered_rounds(plan_input)
    settled_ids = {q.question_id for q in candidates_and_settled(plan_input) if settled(plan_input, q)}
    assert {e.question_id for e in plan.excluded} == settled_ids
    for e in plan.excluded:
        seq, round_id, notes = answered[e.question_id]
        assert (e.round_id, e.round_sequence, e.answer_notes) == (round_id, seq, notes)
        assert e.reason == f"answered in round {seq}"


def candidates_and_settled(plan_input: PlanInput) -> list[CandidateQuestion]:
    return [
        q
        for q in plan_input.questions
        if q.direction == "ask" and (not q.archived or q.question_id in plan_input.pinned)
    ]


@FAST
@given(plan_inputs())
def test_pins_are_never_dropped(plan_input: PlanInput) -> None:
    """A pinned question is planned, even when answered earlier, or the backlog says why not."""
    plan = build_plan(plan_input)
    placed = {pq.question_id for ip in plan.interviewers for pq in ip.questions}
    backlog = {b.question_id: b.reason for b in plan.backlog}
    for q in plan_input.questions:
        if q.direction != "ask" or q.question_id not in plan_input.pinned:
            continue
        assert q.question_id in placed or backlog[q.question_id].startswith("pinned for this round, but ")


@FAST
@given(plan_inputs())
def test_closing_block_goes_to_the_last_person(plan_input: PlanInput) -> None:
    """Every question placed at the end goes to the person given by hand, else the last person you
    meet, deciding or not; it is planned even when time is short."""
    plan = build_plan(plan_input)
    panel = list(plan_input.panel)
    closer = closer_of(panel)
    assert plan.closing_interviewer_id == (panel[closer].interviewer_id if panel else None)
    where = {pq.question_id: (s, pq) for s, ip in enumerate(plan.interviewers) for pq in ip.questions}
    for q in candidates(plan_input):
        if not panel or set_aside(plan_input, q) or not at_end(plan_input, q):
            continue
        s, pq = where[q.question_id]
        seat = hand_seat(plan_input, q)
        assert s == (closer if seat is None else seat)
        assert pq.closing and pq.assigned == (seat is not None)
        assert pq.reasons[0].startswith("closing: ")


@FAST
@given(plan_inputs())
def test_manual_assignment_beats_the_engine(plan_input: PlanInput) -> None:
    """A question given by hand to someone on the panel is with that person, or in the backlog
    saying it did not fit their time; a hand pick to someone not on the panel is ignored."""
    plan = build_plan(plan_input)
    where = {pq.question_id: (s, pq) for s, ip in enumerate(plan.interviewers) for pq in ip.questions}
    backlog = {b.question_id: b.reason for b in plan.backlog}
    for q in candidates(plan_input):
        seat = hand_seat(plan_input, q)
        if seat is None or set_aside(plan_input, q):
            if q.question_id in where:
                assert not where[q.question_id][1].assigned
            continue
        if q.question_id in where:
            s, pq = where[q.question_id]
            assert s == seat and pq.assigned
            assert any(r.startswith(("you gave it to", "closing: you gave it to")) for r in pq.reasons)
        else:
            assert "you gave it to" in backlog[q.question_id]


@FAST
@given(plan_inputs())
def test_who_is_next_only_while_the_next_panel_is_unknown(plan_input: PlanInput) -> None:
    plan = build_plan(plan_input)
    placed = {pq.question_id for ip in plan.interviewers for pq in ip.questions}
    backlog = {b.question_id: b.reason for b in plan.backlog}
    for q in candidates(plan_input):
        if q.asks_next_panel and not q.archived and plan_input.next_panel_known:
            if q.question_id in plan_input.pinned:
                continue  # a pin wins
            assert q.question_id not in placed
            assert "a later round has its panel" in backlog[q.question_id]


@FAST
@given(plan_inputs())
def test_expect_questions_are_the_roles_most_likely(plan_input: PlanInput) -> None:
    plan = build_plan(plan_input)
    expects = sorted(
        (q for q in plan_input.questions if q.direction == "expect"), key=lambda q: (q.text, q.question_id.int)
    )
    n = plan_input.expect_per_interviewer
    for member, ip in zip(plan_input.panel, plan.interviewers, strict=True):
        ranked = sorted(
            (
                (-(q.importance / 5 * weight(member, q.category)), -q.importance, r)
                for r, q in enumerate(expects)
                if role_eligible(member, q)
            ),
        )
        want = [expects[r] for *_, r in ranked[: max(n, 0)]]
        assert [e.question_id for e in ip.expect] == [q.question_id for q in want]
        for e, q in zip(ip.expect, want, strict=True):
            assert e.prepared_answer == q.prepared_answer
            assert e.score == round(q.importance / 5 * weight(member, q.category), 3)


@FAST
@given(plan_inputs(), st.randoms(use_true_random=False))
def test_same_input_same_plan_whatever_the_order(plan_input: PlanInput, rnd: random.Random) -> None:
    first = build_plan(plan_input)
    assert isinstance(first, Plan)
    assert build_plan(plan_input) == first
    questions = list(plan_input.questions)
    history = list(plan_input.history)
    rnd.shuffle(questions)
    rnd.shuffle(history)
    shuffled = replace(plan_input, questions=tuple(questions), history=tuple(history))
    assert build_plan(shuffled) == first
