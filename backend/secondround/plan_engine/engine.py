"""The role-aware question plan for one interview round (docs/product.md#the-plan).

Pure: plain frozen dataclasses in (`PlanInput`), plain frozen dataclasses out (`Plan`); no
database, no HTTP, no clock, no randomness. Same input, same output: every order is decided by
explicit keys, never by the order of a dict, a set or the caller's lists.

The rules, in the order the engine applies them
------------------------------------------------
From docs/product.md: #the-plan (who gets what, in what order, in the time available), #the-closing
(the closing block and "who will I meet next"), #salary (compensation last, of the last person),
#questions-to-expect (what each person will likely ask) and #interviewer-roles (the weights).

* Candidates are the `ask` questions not answered in an earlier round (answered ones are
  `excluded`, with the latest round that answered them and your notes there), except that a
  *recurring* question (asked every round: next steps, the decision date) and a question pinned
  for this round are never settled by an earlier answer. Asked-but-unanswered ones get
  `CARRY_FORWARD_BONUS`. Archived questions take part only when pinned, and then only to be
  listed in the backlog with that reason. A question that *asks who comes next* goes to the
  backlog when `next_panel_known` (a later round already has its panel), unless pinned.
* A question is *eligible* for an interviewer when its target roles are empty or hold the
  interviewer's role, and the role's weight for its category is above 0. Someone with no role
  gets `NO_ROLE_WEIGHT` for every category and never gets targeted questions. A compensation
  question is eligible ONLY for the last eligible interviewer in meeting order.
* score = importance / 5 x weight + bonus. Pairs (question, interviewer) are taken in the order
  pinned first, then score desc, importance desc, meeting order, question text, question id.
* Placement runs in four phases, each question placed at most once:
  0. The user's own choices, which eligibility does not limit. The *closing block* (questions
     at the end: the round entry's `at_end`, else the question's) goes to the person it was
     given to by hand, else to the *closer*: the last deciding interviewer in meeting order
     (with nobody deciding, the last one). It is always planned, even when it alone is longer
     than that person's time. Then the questions given to a person by hand, in that person's
     pair order, while they fit the time left; one that does not is backlogged saying so. The
     time these take is set aside before the engine places anything, so what they push out is
     that person's lowest-ranked picks (which go elsewhere if they fit, or to the backlog with
     the reason that the closing block and your own picks took the time).
  1. Coverage, among the interviewers phase 0 left without a question. A maximum bipartite
     matching between them and the questions that are eligible for them and fit their time
     left: pairs are first matched greedily in the order above, then Kuhn augmenting paths give
     a question to anyone still without one, moving earlier picks where needed.
     GUARANTEE: the number of interviewers who get at least one question is the largest any
     plan that keeps phase 0 and obeys the rules could reach. In particular, an interviewer
     left with no question has no eligible question that fits their time anywhere in the
     backlog, and the ones placed elsewhere could not be rearranged to reach them without
     leaving someone else empty. Pinned questions are preferred in this phase, and an unpinned
     pick never takes time a pinned question could have used (an interviewer only gets an
     unpinned pick once every pinned question that fits them is already taken).
  2. The remaining pinned questions, greedily in the order above.
  3. The remaining questions, greedily in the order above.
  Nobody's minutes are exceeded, except by a closing block longer than their whole time.
* Each interviewer's list reads: pinned non-compensation, the other non-compensation questions
  by score, then compensation (pinned first, then by score), so salary comes after the work
  questions; then the closing block, after everything else: questions asked every round last,
  then by importance (the most important at the very end), text and id.

Why it is fast
--------------
Time with each person is short (tens of minutes), so only a few dozen questions are ever
placed, while the bank can hold thousands. So the engine never scores every pair: it sorts the
bank once by text, groups interchangeable questions into buckets (same pin, category,
importance, carry-forward, length, and the same people on this panel allowed by the targets:
they score the same for everyone), and lets each interviewer pull their next best question
lazily, bucket by bucket, from a small heap. A bucket that no longer fits someone's remaining
time is dropped for them as a whole. The backlog is one linear pass, and its reasons are worded
once per bucket. Phase 0 touches only the few questions the user placed; they stay in their
buckets, marked as taken, so the streams skip them like any placed question.
"""

from __future__ import annotations

import uuid
from heapq import heapify, heappop, heappush, heapreplace
from operator import attrgetter

from secondround.helpers.vocabulary import Category, Direction, RoundQuestionStatus
from secondround.plan_engine import reasons as say
from secondround.plan_engine.day import DayEnd, day_end, salary_seat
from secondround.plan_engine.spare_time import borrow_for_closing, borrow_for_salary
from secondround.plan_engine.types import (
    BacklogItem,
    CandidateQuestion,
    ExcludedQuestion,
    ExpectedQuestion,
    InterviewerPlan,
    PanelMember,
    PlacedQuestion,
    Plan,
    PlanInput,
)

CARRY_FORWARD_BONUS = 0.25
NO_ROLE_WEIGHT = 0.5

_ASK = Direction.ASK.value
_EXPECT = Direction.EXPECT.value
_ANSWERED = RoundQuestionStatus.ANSWERED.value
_ASKED = RoundQuestionStatus.ASKED.value
_COMPENSATION = Category.COMPENSATION.value  # asked last, of the last eligible person: docs/product.md#salary

# --- internal structures -----------------------------------------------------------------


class _Bucket:
    """Candidates that score alike for everyone and take the same time.

    `ranks` index the canonically sorted candidates (text, then id), so a bucket is already
    in tie-break order. `allowed` is None for untargeted questions, else the seats whose role
    the targets name (possibly none). `only` is set for compensation: the one seat allowed to
    take it (-1 when nobody may).
    """

    __slots__ = ("pinned", "category", "importance", "bonus", "allowed", "minutes", "only", "ranks", "left_out")

    def __init__(
        self,
        pinned: bool,
        category: str,
        importance: int,
        bonus: float,
        allowed: frozenset[int] | None,
        minutes: int,
        only: int | None,
    ) -> None:
        self.pinned = pinned
        self.category = category
        self.importance = importance
        self.bonus = bonus
        self.allowed = allowed
        self.minutes = minutes
        self.only = only
        self.ranks: list[int] = []
        # (reason, backlog slot), filled by _backlog the first time the bucket is met there
        self.left_out: tuple[str, list[BacklogItem]] | None = None


class _Seat:
    """One interviewer while the plan is being built."""

    __slots__ = (
        "idx",
        "member",
        "role",
        "weights",
        "budget",
        "left",
        "levels",
        "n_pinned",
        "placed",
        "assigned",
        "closing",
        "marked",
        "reserved",
        "extra",
    )

    def __init__(self, idx: int, member: PanelMember, weights: dict[str, float]) -> None:
        self.idx = idx
        self.member = member
        self.role = member.role_id
        self.weights = weights
        # A cancelled meeting has no time: the person keeps only what was recorded with them.
        self.budget = 0 if member.cancelled else max(0, member.question_minutes)
        self.left = self.budget
        # (key, buckets, shortest minutes) in preference order; pinned levels first.
        self.levels: list[tuple[tuple[int, float, int], list[_Bucket], int]] = []
        self.n_pinned = 0  # how many of `levels` are pinned
        self.placed: list[int] = []  # ranks the engine chose
        self.assigned: list[int] = []  # ranks the user gave this person by hand (not closing)
        self.closing: list[int] = []  # ranks of this person's closing block
        self.marked: list[int] = []  # ranks recorded with this person in this round (not closing)
        self.reserved = 0  # minutes set aside for the user's own placements before the engine's
        self.extra = 0  # minutes borrowed from the round's spare time (already in `budget`)

    def can_take(self, b: _Bucket) -> bool:
        """Eligible (targets, weight > 0, compensation rule) and fits the time left."""
        if b.minutes > self.left or self.weights.get(b.category, 0.0) <= 0.0:
            return False
        if b.allowed is not None and self.idx not in b.allowed:
            return False
        return b.only is None or b.only == self.idx

    def pair_key(self, b: _Bucket) -> tuple[int, float, int]:
        w = self.weights[b.category]
        return (0 if b.pinned else 1, -(b.importance / 5 * w + b.bonus), -b.importance)


class _Stream:
    """A seat's eligible, still free, fitting candidates in preference order, pulled lazily.

    Levels (equal pin, score and importance) are opened one at a time; within a level a heap
    merges the buckets by rank. Because a seat's time only shrinks and placements are final,
    anything skipped once can never become a valid pick again, so the stream never looks back.
    """

    __slots__ = ("seat", "placed", "min_minutes", "li", "end", "heap", "key")

    def __init__(self, seat: _Seat, placed: bytearray, min_minutes: int, start: int, end: int):
        self.seat = seat
        self.placed = placed
        self.min_minutes = min_minutes
        self.li = start
        self.end = end
        self.heap: list[tuple[int, int, _Bucket]] = []
        self.key: tuple[int, float, int] = (0, 0.0, 0)

    def peek(self) -> int | None:
        """The rank of the best candidate for this seat right now (not consumed)."""
        seat = self.seat
        left = seat.left
        heap = self.heap
        placed = self.placed
        while True:
            while heap:
                r, pos, b = heap[0]
                if b.minutes > left:
                    heappop(heap)
                elif placed[r]:
                    pos += 1
                    if pos < len(b.ranks):
                        heapreplace(heap, (b.ranks[pos], pos, b))
                    else:
                        heappop(heap)
                else:
                    return r
            if self.li >= self.end or left < self.min_minutes:
                return None
            key, buckets, shortest = seat.levels[self.li]
            self.li += 1
            if shortest > left:
                continue
            self.key = key
            idx = seat.idx
            for b in buckets:
                if b.minutes > left:
                    continue
                if b.allowed is not None and idx not in b.allowed:
                    continue
                if b.only is not None and b.only != idx:
                    continue
                heap.append((b.ranks[0], 0, b))
            heapify(heap)


# --- the entry point ---------------------------------------------------------------------


def build_plan(plan_input: PlanInput) -> Plan:
    """Turn a round's panel and the user's question bank into the round's plan."""
    panel = tuple(plan_input.panel)

    answered, asked = _read_history(plan_input)
    pinned_ids = {qid.int for qid in plan_input.pinned}
    ends = {qid.int: bool(v) for qid, v in plan_input.at_end.items()}
    seat_of = {m.interviewer_id: i for i, m in enumerate(panel)}
    # A question given to someone who cancelled is planned again among the others.
    by_hand = {
        qid.int: seat_of[iid]
        for qid, iid in plan_input.assigned.items()
        if iid in seat_of and not panel[seat_of[iid]].cancelled
    }
    # What was recorded with someone stays with them, cancelled or not.
    recorded = {qid.int: seat_of[iid] for qid, iid in plan_input.marked.items() if iid in seat_of}
    next_known = plan_input.next_panel_known
    # Questions this round's entries place or take out of the closing.
    marked = ends.keys() | by_hand.keys() | recorded.keys()

    asks: list[CandidateQuestion] = []
    expects: list[CandidateQuestion] = []
    for q in plan_input.questions:
        if q.direction == _ASK:
            asks.append(q)
        elif q.direction == _EXPECT:
            expects.append(q)
    asks = _canonical(asks)

    categories = sorted({q.category for q in asks} | {q.category for q in expects})
    seats = [_Seat(i, m, _weights(m, categories)) for i, m in enumerate(panel)]
    allowed_of = _Allowed(seats)
    end_of_day = day_end(panel)
    closer = end_of_day.last

    # Excluded questions, and the candidates bucketed in canonical order (one pass).
    excluded: list[ExcludedQuestion] = []
    cands: list[CandidateQuestion] = []
    bucket_of: list[_Bucket] = []
    buckets: dict[tuple, _Bucket] = {}
    classes: dict[tuple, list[_Bucket]] = {}
    eligible_cache: dict[tuple[str, frozenset[int] | None], list[int]] = {}
    # (rank, at the end, seat or -1, recorded with that seat): the user's own placements
    fixed: list[tuple[int, bool, int, bool]] = []
    special: dict[int, str] = {}  # rank -> why it is left out, for what the engine never considers
    again: dict[int, int] = {}  # rank -> round that answered it, for those planned anyway
    for q in asks:
        qi = q.question_id.int
        p = qi in pinned_ids
        flagged = q.at_end or q.asks_next_panel or q.archived  # rare: one test for most questions
        if flagged and q.archived and not p:
            continue  # callers leave these out; an archived pin is kept only to say why it is not planned
        if answered and qi in answered:
            seq, _, round_id, notes = answered[qi]
            if not (p or q.recurring):
                excluded.append(ExcludedQuestion(q.question_id, q.text, say.answered_in(seq), round_id, seq, notes))
                continue
            again[len(cands)] = seq
        bonus = CARRY_FORWARD_BONUS if qi in asked else 0.0
        allowed = allowed_of(q.target_role_ids) if q.target_role_ids else None
        bkey = (p, q.category, q.importance, bonus, allowed, q.minutes)
        b = buckets.get(bkey)
        if b is None:
            only = None
            if q.category == _COMPENSATION:
                only = salary_seat(panel, _eligible(seats, q.category, allowed, eligible_cache))
            b = buckets[bkey] = _Bucket(p, q.category, q.importance, bonus, allowed, q.minutes, only)
            ckey = bkey[:4]
            cls = classes.get(ckey)
            if cls is None:
                classes[ckey] = [b]
            else:
                cls.append(b)
        r = len(cands)
        b.ranks.append(r)
        cands.append(q)
        bucket_of.append(b)
        if flagged or (marked and qi in marked):
            if recorded and qi in recorded:
                fixed.append((r, ends.get(qi, q.at_end), recorded[qi], True))
            elif q.archived:
                special[r] = say.pinned_but(say.ARCHIVED)
            elif q.asks_next_panel and next_known and not p:
                special[r] = say.NEXT_PANEL_KNOWN
            else:
                end = ends.get(qi, q.at_end)
                if end or qi in by_hand:
                    fixed.append((r, end, by_hand.get(qi, -1), False))

    placed = bytearray(len(cands))
    for r in special:
        placed[r] = 1  # never offered to anyone; the backlog says why
    hand = {r for r, _, s, rec in fixed if s >= 0 and not rec}  # given by hand, closing or not
    kept = {r for r, _, _, rec in fixed if rec}  # recorded with someone: stays with them
    spare = max(0, plan_input.spare_minutes)
    if fixed:
        _place_fixed(seats, closer, fixed, placed, cands, bucket_of, special)
        spare = borrow_for_closing(seats, spare)
    if cands and seats:
        min_minutes = min(b.minutes for b in buckets.values())
        score_classes = [(*ckey, bs, min(b.minutes for b in bs)) for ckey, bs in classes.items()]
        for seat in seats:
            _build_levels(seat, score_classes)
        _cover(seats, placed, bucket_of, min_minutes)
        _greedy(seats, placed, bucket_of, min_minutes, pinned=True)
        _greedy(seats, placed, bucket_of, min_minutes, pinned=False)
    borrowed: set[int] = set()
    if cands and seats and spare:
        spare = borrow_for_salary(seats, buckets.values(), placed, spare, borrowed)

    expected: list[tuple[ExpectedQuestion, ...]] = [()] * len(seats)
    if expects and plan_input.expect_per_interviewer > 0:
        expected = _expectations(seats, _canonical(expects), plan_input.expect_per_interviewer, allowed_of)

    interviewers = tuple(
        InterviewerPlan(
            interviewer_id=seat.member.interviewer_id,
            minutes_available=seat.budget,
            minutes_planned=sum(
                cands[r].minutes for part in (seat.placed, seat.assigned, seat.marked, seat.closing) for r in part
            ),
            questions=_placed_questions(seat, hand, kept, borrowed, end_of_day, panel, cands, bucket_of, asked, again),
            expect=expected[seat.idx],
            deciding=seat.member.deciding,
            cancelled=seat.member.cancelled,
            spare_minutes_used=seat.extra,
        )
        for seat in seats
    )
    backlog = _backlog(seats, cands, bucket_of, placed, eligible_cache, special)
    return Plan(
        interviewers=interviewers,
        backlog=backlog,
        excluded=tuple(excluded),
        closing_interviewer_id=panel[closer].interviewer_id if closer >= 0 else None,
        deciding_interviewer_id=panel[end_of_day.decider].interviewer_id if end_of_day.decider >= 0 else None,
        spare_minutes_left=spare,
    )


# --- preparation -------------------------------------------------------------------------


def _read_history(
    plan_input: PlanInput,
) -> tuple[dict[int, tuple[int, int, uuid.UUID, str | None]], dict[int, int]]:
    """question id (as int) -> latest answering round (with your notes), and -> latest round that asked it."""
    answered: dict[int, tuple[int, int, uuid.UUID, str | None]] = {}
    asked: dict[int, int] = {}
    for h in plan_input.history:
        qi = h.question_id.int
        if h.status == _ANSWERED:
            mark = (h.round_sequence, h.round_id.int, h.round_id, h.answer_notes)
            # Latest round wins; within one round (only in hand-made input), the longest notes.
            if qi not in answered or _latest(mark) > _latest(answered[qi]):
                answered[qi] = mark
        elif h.status == _ASKED:
            if h.round_sequence > asked.get(qi, -(2**62)):
                asked[qi] = h.round_sequence
    for qi in answered:
        asked.pop(qi, None)
    return answered, asked


def _latest(mark: tuple[int, int, uuid.UUID, str | None]) -> tuple[int, int, str]:
    return (mark[0], mark[1], mark[3] or "")


_by_text = attrgetter("text")


def _canonical(questions: list[CandidateQuestion]) -> list[CandidateQuestion]:
    """Sort by text, then id. Sorting on text alone is about twice as fast as on a tuple,
    and equal texts are rare, so their runs are fixed up afterwards."""
    out = sorted(questions, key=_by_text)
    texts = [q.text for q in out]
    if len(set(texts)) == len(texts):
        return out
    i, n = 0, len(out)
    while i < n:
        j = i + 1
        while j < n and texts[j] == texts[i]:
            j += 1
        if j - i > 1:
            out[i:j] = sorted(out[i:j], key=lambda q: q.question_id.int)
        i = j
    return out


def _weights(member: PanelMember, categories: list[str]) -> dict[str, float]:
    if member.cancelled:  # eligible for nothing: their questions are planned among the others
        return {c: 0.0 for c in categories}
    if member.role_id is None:
        return {c: NO_ROLE_WEIGHT for c in categories}
    focus = member.focus
    out = {}
    for c in categories:
        w = float(focus.get(c, 0.0) or 0.0)
        out[c] = 1.0 if w > 1.0 else (w if w > 0.0 else 0.0)
    return out


class _Allowed:
    """Target role ids -> the seats (indices) whose role they name, worked out once per set.

    Keying buckets by these seat sets instead of by role ids means a bank full of different
    target sets still collapses to the few combinations that matter on this panel.
    """

    def __init__(self, seats: list[_Seat]) -> None:
        self.by_role: dict[uuid.UUID, list[int]] = {}
        for s in seats:
            if s.role is not None:
                self.by_role.setdefault(s.role, []).append(s.idx)
        self.cache: dict[frozenset[uuid.UUID], frozenset[int]] = {}

    def __call__(self, targets: frozenset[uuid.UUID]) -> frozenset[int]:
        if type(targets) is not frozenset:  # a set or a list would not hash
            targets = frozenset(targets)
        found = self.cache.get(targets)
        if found is None:
            found = self.cache[targets] = frozenset(i for role in targets for i in self.by_role.get(role, ()))
        return found


def _eligible(
    seats: list[_Seat],
    category: str,
    allowed: frozenset[int] | None,
    cache: dict[tuple[str, frozenset[int] | None], list[int]],
) -> list[int]:
    """Seats (by index, meeting order) whose role may get this kind of question, time aside."""
    key = (category, allowed)
    found = cache.get(key)
    if found is None:
        found = cache[key] = [
            s.idx for s in seats if s.weights.get(category, 0.0) > 0.0 and (allowed is None or s.idx in allowed)
        ]
    return found


def _build_levels(seat: _Seat, score_classes: list[tuple[bool, str, int, float, list[_Bucket], int]]) -> None:
    """Order this seat's score classes once; equal keys merge into one level."""
    keyed = []
    weights = seat.weights
    for pinned, category, importance, bonus, bs, shortest in score_classes:
        w = weights.get(category, 0.0)
        if w > 0.0:
            key = (0 if pinned else 1, -(importance / 5 * w + bonus), -importance)
            keyed.append((key, bs, shortest))
    keyed.sort(key=lambda kb: kb[0])  # stable: equal keys keep canonical bucket order
    levels = seat.levels
    for key, bs, shortest in keyed:
        if levels and levels[-1][0] == key:
            _, merged, before = levels[-1]
            merged.extend(bs)
            levels[-1] = (key, merged, min(before, shortest))
        else:
            levels.append((key, list(bs), shortest))
    seat.n_pinned = sum(1 for key, _, _ in levels if key[0] == 0)


# --- placement ---------------------------------------------------------------------------


def _place_fixed(
    seats: list[_Seat],
    closer: int,
    fixed: list[tuple[int, bool, int, bool]],
    placed: bytearray,
    cands: list[CandidateQuestion],
    bucket_of: list[_Bucket],
    special: dict[int, str],
) -> None:
    """Phase 0, the user's own placements, before the engine places anything: what was recorded
    with someone (it stays with them), the closing block (to the person given by hand, else the
    closer: the last person you meet), then the questions given by hand. Their time is set aside
    first, so what they push out is the engine's lowest-ranked picks with that person."""
    if not seats:
        return  # everything goes to the backlog: no one is on the panel
    by_hand: list[tuple[int, int]] = []
    for r, end, s, rec in fixed:
        if rec:  # asked, answered or skipped with this person: it took their time, it stays
            placed[r] = 1
            (seats[s].closing if end else seats[s].marked).append(r)
            seats[s].reserved += cands[r].minutes
            continue
        if end and s < 0 and closer < 0:
            special[r] = say.EVERYONE_CANCELLED  # nobody is left to close the day with
            placed[r] = 1
            continue
        placed[r] = 1
        if end:  # the closing block is never skipped, even when it alone is longer than the time
            seat = seats[s if s >= 0 else closer]
            seat.closing.append(r)
            seat.reserved += cands[r].minutes
        else:
            by_hand.append((r, s))
    for seat in seats:
        seat.left = max(0, seat.budget - seat.reserved)
    by_hand.sort(key=lambda rs: (rs[1], seats[rs[1]].pair_key(bucket_of[rs[0]]), rs[0]))
    for r, s in by_hand:
        seat = seats[s]
        minutes = cands[r].minutes
        if minutes <= seat.left:
            seat.assigned.append(r)
            seat.left -= minutes
            seat.reserved += minutes
        else:
            reason = say.assigned_full(seat.member.name, minutes, seat.left)
            special[r] = say.pinned_but(reason) if bucket_of[r].pinned else reason


def _cover(seats: list[_Seat], placed: bytearray, bucket_of: list[_Bucket], min_minutes: int) -> None:
    """Phase 1: give as many interviewers as possible one question (maximum matching)."""
    streams: dict[int, _Stream] = {}
    heap = []
    for seat in seats:
        if seat.left <= 0 or seat.closing or seat.assigned or seat.marked:
            continue  # no time, or already has a question of the user's own choosing
        st = streams[seat.idx] = _Stream(seat, placed, min_minutes, 0, len(seat.levels))
        r = st.peek()
        if r is not None:
            heap.append((*st.key, seat.idx, r))
    heapify(heap)

    match: dict[int, int] = {}  # seat -> rank
    holder: dict[int, int] = {}  # rank -> seat
    while heap:
        *_, i, r = heappop(heap)
        if placed[r]:
            r = streams[i].peek()
            if r is not None:
                heappush(heap, (*streams[i].key, i, r))
            continue
        placed[r] = 1
        match[i] = r
        holder[r] = i

    def augment(v: int, visited: set[int]) -> bool:
        """Kuhn: find v a question, possibly by moving holders along an alternating path."""
        r = streams[v].peek()
        if r is not None:  # a free question is always the cheapest path
            placed[r] = 1
            match[v] = r
            holder[r] = v
            return True
        seat = seats[v]
        options = sorted((seat.pair_key(bucket_of[held]), held) for held in holder if seat.can_take(bucket_of[held]))
        for _, held in options:
            u = holder[held]
            if u in visited:
                continue
            visited.add(u)
            if augment(u, visited):
                match[v] = held
                holder[held] = v
                return True
        return False

    for seat in seats:
        if seat.idx in streams and seat.idx not in match:
            augment(seat.idx, {seat.idx})

    for i, r in sorted(match.items()):
        seats[i].placed.append(r)
        seats[i].left -= bucket_of[r].minutes


def _greedy(seats: list[_Seat], placed: bytearray, bucket_of: list[_Bucket], min_minutes: int, pinned: bool) -> None:
    """Phases 2 and 3: merge every seat's stream by pair key and place while time allows."""
    streams: dict[int, _Stream] = {}
    heap = []
    for seat in seats:
        if seat.left < min_minutes:
            continue
        start, end = (0, seat.n_pinned) if pinned else (seat.n_pinned, len(seat.levels))
        st = streams[seat.idx] = _Stream(seat, placed, min_minutes, start, end)
        r = st.peek()
        if r is not None:
            heap.append((*st.key, seat.idx, r))
    heapify(heap)
    while heap:
        *_, i, r = heappop(heap)
        if not placed[r]:  # otherwise someone earlier in the order took it meanwhile
            placed[r] = 1
            seat = seats[i]
            seat.placed.append(r)
            seat.left -= bucket_of[r].minutes
        st = streams[i]
        r = st.peek()
        if r is not None:
            heappush(heap, (*st.key, i, r))


# --- output ------------------------------------------------------------------------------


def _placed_questions(
    seat: _Seat,
    hand: set[int],
    kept: set[int],
    borrowed: set[int],
    end_of_day: DayEnd,
    panel: tuple[PanelMember, ...],
    cands: list[CandidateQuestion],
    bucket_of: list[_Bucket],
    asked: dict[int, int],
    again: dict[int, int],
) -> tuple[PlacedQuestion, ...]:
    """Pinned work questions, other work questions by score, then salary (pinned first), then
    the closing block: questions asked every round last, the most important at the very end."""
    if not (seat.placed or seat.assigned or seat.marked or seat.closing):
        return ()

    def order(r: int) -> tuple[int, float, int, int]:
        b = bucket_of[r]
        pin, neg_score, neg_imp = seat.pair_key(b)
        return ((2 if b.category == _COMPENSATION else 0) + pin, neg_score, neg_imp, r)

    def closing_order(r: int) -> tuple[bool, int, int]:
        return (cands[r].recurring, cands[r].importance, r)

    member = seat.member
    closing_minutes = sum(cands[r].minutes for r in seat.closing)
    out = []
    ranks = sorted(seat.placed + seat.assigned + seat.marked, key=order) + sorted(seat.closing, key=closing_order)
    n_work = len(seat.placed) + len(seat.assigned) + len(seat.marked)
    is_last = seat.idx == end_of_day.last
    decider = panel[end_of_day.decider].name if end_of_day.decider >= 0 else None
    for i, r in enumerate(ranks):
        q = cands[r]
        b = bucket_of[r]
        w = seat.weights[b.category]
        is_closing = i >= n_work
        reasons = []
        by_hand = r in hand
        if r in kept:
            reasons.append(say.recorded_with(member.name))
        if is_closing and r not in kept:
            if by_hand:
                reasons.append(say.closing_by_hand(member.name, is_last))
            else:
                reasons.append(say.closing(member.name, member.deciding, decider))
            if seat.extra and seat.idx == end_of_day.last:
                reasons.append(say.closing_spare(seat.extra))
            if closing_minutes > seat.budget:
                reasons.append(say.closing_too_long(closing_minutes, seat.budget))
        elif by_hand:
            reasons.append(say.assigned_to(member.name))
        if b.pinned:
            reasons.append(say.pinned_again(again[r]) if r in again and not q.recurring else say.PINNED)
        if q.recurring:
            reasons.append(say.recurring(again.get(r)))
        if b.bonus:
            reasons.append(say.carried_forward(asked[q.question_id.int]))
        if w > 0.0:
            if seat.role is None:
                reasons.append(say.no_role(member.name, w))
            else:
                reasons.append(say.focus_match(member.role_name, b.category, w))
                if b.allowed is not None and seat.idx in b.allowed:
                    reasons.append(say.marked_for(member.role_name))
        if b.importance >= 4:
            reasons.append(say.rated(b.importance))
        if b.category == _COMPENSATION and not is_closing and not by_hand and r not in kept:
            reasons.append(say.salary_last(member.name, member.deciding, is_last))
        if r in borrowed:
            reasons.append(say.spare_time(q.minutes))
        out.append(
            PlacedQuestion(
                question_id=q.question_id,
                text=q.text,
                category=q.category,
                minutes=q.minutes,
                score=round(b.importance / 5 * w + b.bonus, 3),
                pinned=b.pinned,
                reasons=tuple(reasons),
                closing=is_closing,
                assigned=by_hand,
                recurring=q.recurring,
                marked=r in kept,
                spare=r in borrowed,
            )
        )
    return tuple(out)


def _backlog(
    seats: list[_Seat],
    cands: list[CandidateQuestion],
    bucket_of: list[_Bucket],
    placed: bytearray,
    eligible_cache: dict[tuple[str, frozenset[int] | None], list[int]],
    special: dict[int, str],
) -> tuple[BacklogItem, ...]:
    """One pass: pinned first, then by importance, each in text order; reasons worded once."""
    lists: list[list[BacklogItem]] = [[] for _ in range(12)]
    worded: dict[tuple, str] = {}
    for r, q in enumerate(cands):
        if placed[r]:
            if special and r in special:  # left out before the engine ever saw it, with its own reason
                b = bucket_of[r]
                slot = (0 if b.pinned else 6) + (5 - min(max(b.importance, 0), 5))
                lists[slot].append(BacklogItem(q.question_id, q.text, special[r]))
            continue
        b = bucket_of[r]
        note = b.left_out
        if note is None:
            wkey = (b.pinned, b.category, b.allowed, b.minutes)
            reason = worded.get(wkey)
            if reason is None:
                reason = worded[wkey] = _left_out(seats, b, eligible_cache)
            slot = (0 if b.pinned else 6) + (5 - min(max(b.importance, 0), 5))
            note = b.left_out = (reason, lists[slot])
        note[1].append(BacklogItem(q.question_id, q.text, note[0]))
    return tuple(item for items in lists for item in items)


def _left_out(
    seats: list[_Seat],
    b: _Bucket,
    eligible_cache: dict[tuple[str, frozenset[int] | None], list[int]],
) -> str:
    """Why a bucket's questions are not in the plan, as specifically as the data allows."""
    eligible = _eligible(seats, b.category, b.allowed, eligible_cache)
    if not seats:
        reason = say.NO_PANEL
    elif all(s.member.cancelled for s in seats):
        reason = say.EVERYONE_CANCELLED
    elif not eligible:
        if b.allowed is None:
            reason = say.nobody_covers(b.category)
        elif b.allowed:
            reason = say.targets_do_not_cover(b.category)
        else:
            reason = say.TARGETS_NOT_ON_PANEL
    elif b.category == _COMPENSATION:
        last = seats[b.only if b.only is not None and b.only >= 0 else eligible[-1]]
        reason = say.salary_full(last.member.name, last.member.deciding, b.minutes, last.budget)
        if last.reserved and b.minutes <= last.budget:
            reason = say.salary_taken_by_closing(last.member.name, last.member.deciding, last.reserved)
    else:
        longest = max(seats[i].budget for i in eligible)
        reason = say.no_time_left(b.minutes) if b.minutes <= longest else say.too_long(b.minutes, longest)
        for i in eligible:  # time the user's own placements took, where the question would have fitted
            if seats[i].reserved and b.minutes <= seats[i].budget:
                reason = say.taken_by_closing(b.minutes, seats[i].member.name, seats[i].reserved)
                break
    return say.pinned_but(reason) if b.pinned else reason


def _expectations(
    seats: list[_Seat], expects: list[CandidateQuestion], n: int, allowed_of: _Allowed
) -> list[tuple[ExpectedQuestion, ...]]:
    """Per seat, the n `expect` questions its role most likely asks (importance/5 x weight);
    docs/product.md#questions-to-expect."""
    groups: dict[tuple, list[int]] = {}
    for r, q in enumerate(expects):
        key = (q.category, q.importance, allowed_of(q.target_role_ids) if q.target_role_ids else None)
        g = groups.get(key)
        if g is None:
            groups[key] = [r]
        elif len(g) < n:  # nobody ever needs more than n from one group
            g.append(r)
    out = []
    for seat in seats:
        keyed = []
        for (category, importance, allowed), ranks in groups.items():
            w = seat.weights.get(category, 0.0)
            if w <= 0.0 or (allowed is not None and seat.idx not in allowed):
                continue
            keyed.append((-(importance / 5 * w), -importance, ranks))
        keyed.sort(key=lambda k: (k[0], k[1]))
        chosen: list[ExpectedQuestion] = []
        i = 0
        while i < len(keyed) and len(chosen) < n:
            j = i
            level: list[int] = []
            while j < len(keyed) and keyed[j][:2] == keyed[i][:2]:
                level.extend(keyed[j][2])
                j += 1
            score = round(-keyed[i][0], 3)
            for r in sorted(level)[: n - len(chosen)]:
                q = expects[r]
                chosen.append(
                    ExpectedQuestion(
                        q.question_id, q.text, q.category, score, q.prepared_answer, q.prepared_answer_source, q.tip
                    )
                )
            i = j
        out.append(tuple(chosen))
    return out
