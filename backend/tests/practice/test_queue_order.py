"""The practice queue's order (pure): expected questions of the soonest round first, due cards before
new ones, cards not due left out, each question once."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from secondround.practice.queue import Candidate, build_queue, due_in_words

pytestmark = pytest.mark.pure
NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)


def q(text: str, **fields) -> Candidate:
    return Candidate(
        question_id=fields.pop("question_id", uuid.uuid4()),
        text=text,
        category="teamwork",
        importance=fields.pop("importance", 3),
        answer=None,
        answer_source=None,
        **fields,
    )


def texts(queue: list[Candidate]) -> list[str]:
    return [c.text for c in queue]


def test_expected_questions_come_first_soonest_round_first():
    tomorrow, next_week = NOW + timedelta(days=1), NOW + timedelta(days=7)
    bank = q("Bank, important", importance=5)
    later_round = q("Asked next week", expected=True, round_at=next_week)
    soon_round = q("Asked tomorrow", expected=True, round_at=tomorrow)
    undated = q("Asked some day", expected=True, round_at=None)
    queue = build_queue([bank, later_round, undated, soon_round], {}, NOW, 10)
    assert texts(queue) == ["Asked tomorrow", "Asked next week", "Asked some day", "Bank, important"]


def test_due_cards_before_new_ones_and_cards_not_due_left_out():
    overdue, due_now, not_due = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    due = {overdue: NOW - timedelta(days=3), due_now: NOW, not_due: NOW + timedelta(hours=1)}
    candidates = [
        q("New, important", importance=5),
        q("New, minor", importance=1),
        q("Due now", question_id=due_now),
        q("Overdue", question_id=overdue),
        q("Not due", question_id=not_due),
    ]
    queue = build_queue(candidates, due, NOW, 10)
    assert texts(queue) == ["Overdue", "Due now", "New, important", "New, minor"]
    assert queue[0].due == NOW - timedelta(days=3) and queue[2].due is None


def test_a_question_appears_once_for_its_soonest_round_and_the_limit_holds():
    shared = uuid.uuid4()
    tomorrow, next_week = NOW + timedelta(days=1), NOW + timedelta(days=7)
    candidates = [
        q("Why us?", question_id=shared),
        q("Why us?", question_id=shared, expected=True, round_at=next_week, reason="Next week"),
        q("Why us?", question_id=shared, expected=True, round_at=tomorrow, reason="Tomorrow"),
        *[q(f"Other {n}") for n in range(5)],
    ]
    queue = build_queue(candidates, {}, NOW, 3)
    assert len(queue) == 3 and [c.question_id for c in queue].count(shared) == 1
    assert queue[0].reason == "Tomorrow"


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(0), "now"),
        (timedelta(minutes=1), "in 1 minute"),
        (timedelta(minutes=10), "in 10 minutes"),
        (timedelta(hours=5), "in 5 hours"),
        (timedelta(days=1), "in 1 day"),
        (timedelta(days=12, hours=3), "in 12 days"),
    ],
)
def test_due_in_words(delta, words):
    assert due_in_words(NOW + delta, NOW) == words
