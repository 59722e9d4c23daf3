"""The readiness rules alone: plain facts in, the nine items out (no database, no HTTP)."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from secondround.helpers.vocabulary import Category, Outcome, RoundStatus
from secondround.readiness.rules import KEYS, Expected, Person, ReadinessKey, RoundFacts, assess, round_is_over

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)

DANA = Person(
    name="Dana Ortega",
    title="Head of analytics",
    has_role=True,
    greeting="Ms. Ortega",
    planned_categories=("job_description", "evaluation_process"),
    closing=False,
    expect=(Expected(1, "Walk me through a project.", "skills_experience", "Situation, task, result."),),
)
OLU = Person(
    name="Olu Adebayo",
    title="Founder",
    has_role=True,
    greeting="Mr. Adebayo",
    planned_categories=("organization_vision", "compensation"),
    closing=True,
    expect=(Expected(2, "What are your salary expectations?", "compensation", "A researched range."),),
)
READY = RoundFacts(
    company="Halvorsen Research",
    company_research="Founded 1998 in Bergen.",
    salary_min=52000,
    salary_max=60000,
    location="Strandkaien 4, Bergen",
    status="planned",
    outcome="pending",
    scheduled_at=NOW + timedelta(days=5),
    duration_minutes=120,
    decision_expected_by=date(2026, 12, 10),
    panel=(DANA, OLU),
    now=NOW,
)


def steps(facts: RoundFacts) -> dict[ReadinessKey, str | None]:
    return {item.key: item.next_step for item in assess(facts).items}


def test_nine_items_in_the_contract_order_each_with_a_label():
    readiness = assess(READY)
    assert [i.key.value for i in readiness.items] == [
        "company_research",
        "panel_named",
        "greetings",
        "everyone_has_a_question",
        "closing_planned",
        "expected_answers_prepared",
        "salary_researched",
        "place_set",
        "decision_date_asked",
    ]
    assert [i.key for i in readiness.items] == list(KEYS)
    assert all(i.label for i in readiness.items)
    assert (readiness.done, readiness.total) == (9, 9)
    assert all(i.done and i.next_step is None for i in readiness.items)


def test_an_item_not_done_always_says_what_to_do_next():
    nothing = RoundFacts(
        company="Halvorsen Research",
        company_research=None,
        salary_min=None,
        salary_max=None,
        location=None,
        status="planned",
        outcome="pending",
        scheduled_at=None,
        duration_minutes=None,
        decision_expected_by=None,
        panel=(),
        now=NOW,
    )
    readiness = assess(nothing)
    for item in readiness.items:
        assert item.done == (item.next_step is None), item
    # With nobody on the panel, nothing about the people can be ready, and each item says so.
    done = {i.key for i in readiness.items if i.done}
    assert done == {ReadinessKey.SALARY_RESEARCHED}  # no salary question planned: nothing to research
    said = steps(nothing)
    assert "Ask your first interviewer" in said[ReadinessKey.PANEL_NAMED]
    for key in (
        ReadinessKey.GREETINGS,
        ReadinessKey.EVERYONE_HAS_A_QUESTION,
        ReadinessKey.CLOSING_PLANNED,
        ReadinessKey.EXPECTED_ANSWERS_PREPARED,
    ):
        assert said[key].startswith("Add the people you will meet first"), key
    assert "Halvorsen Research" in said[ReadinessKey.COMPANY_RESEARCH]


def test_research_written_means_more_than_blanks():
    assert steps(replace(READY, company_research="  \n "))[ReadinessKey.COMPANY_RESEARCH]
    assert steps(replace(READY, company_research="# Notes"))[ReadinessKey.COMPANY_RESEARCH] is None


def test_the_panel_items_name_the_people_concerned():
    olu = replace(OLU, title=None, has_role=False, greeting=None)
    sam = replace(DANA, name="Sam Lee", has_role=False, greeting=" ", planned_categories=())
    said = steps(replace(READY, panel=(DANA, olu, sam)))
    assert said[ReadinessKey.PANEL_NAMED] == "Add a title and a role for Olu Adebayo and a role for Sam Lee."
    assert said[ReadinessKey.GREETINGS] == "Add a greeting for Olu Adebayo and Sam Lee."
    assert said[ReadinessKey.EVERYONE_HAS_A_QUESTION].startswith("No question fits Sam Lee yet")
    many = [replace(DANA, name=f"P{i}", greeting=None, title=None) for i in range(5)]
    said = steps(replace(READY, panel=many))
    assert said[ReadinessKey.GREETINGS] == "Add a greeting for P0, P1 and 3 others."
    assert said[ReadinessKey.PANEL_NAMED] == "Add a title for P0 and a title for P1 (and 3 more people)."


def test_the_closing_is_planned_when_someone_carries_it():
    said = steps(replace(READY, panel=(DANA, replace(OLU, closing=False))))
    assert "ask at the end" in said[ReadinessKey.CLOSING_PLANNED]


def test_each_expected_question_needs_a_prepared_answer_once():
    same = Expected(1, "Walk me through a project.", "skills_experience", None)
    other = Expected(3, "Why us rather than a competitor?", "organization_vision", "")
    panel = (replace(DANA, expect=(same,)), replace(OLU, expect=(same, other)))
    said = steps(replace(READY, panel=panel))[ReadinessKey.EXPECTED_ANSWERS_PREPARED]
    # The first unprepared question, who asks it, and how many more (a question asked by two people counts once).
    assert (
        said
        == "Prepare an answer to “Walk me through a project.” (Dana Ortega will likely ask it), and to 1 more question."
    )
    # Nobody expected to ask anything: nothing to prepare.
    quiet = tuple(replace(p, expect=()) for p in READY.panel)
    assert steps(replace(READY, panel=quiet))[ReadinessKey.EXPECTED_ANSWERS_PREPARED] is None


def test_salary_is_researched_when_a_compensation_question_is_planned_or_expected():
    unknown = replace(READY, salary_min=None, salary_max=None)
    assert "research the usual range" in steps(unknown)[ReadinessKey.SALARY_RESEARCHED]
    assert steps(replace(unknown, salary_max=60000))[ReadinessKey.SALARY_RESEARCHED] is None
    # Only expected (they will ask your expectations): still needed.
    asked_of_you = replace(OLU, planned_categories=("organization_vision",))
    assert steps(replace(unknown, panel=(DANA, asked_of_you)))[ReadinessKey.SALARY_RESEARCHED]
    # No salary question either way: done, nothing to research, and the label says so.
    no_pay = replace(asked_of_you, expect=())
    assert steps(replace(unknown, panel=(DANA, no_pay)))[ReadinessKey.SALARY_RESEARCHED] is None
    label = {i.key: i.label for i in assess(replace(unknown, panel=(DANA, no_pay))).items}[
        ReadinessKey.SALARY_RESEARCHED
    ]
    assert label == "No salary question planned, so no range needed yet"
    assert {i.key: i.label for i in assess(READY).items}[ReadinessKey.SALARY_RESEARCHED] == "Salary range researched"


def test_place_or_video_link():
    assert (
        steps(replace(READY, location=None))[ReadinessKey.PLACE_SET]
        == "Add the address, or the video link, to the round."
    )
    assert steps(replace(READY, location="https://meet.example.com/abc"))[ReadinessKey.PLACE_SET] is None


def test_the_decision_date_is_asked_at_the_end_and_recorded_after():
    before = replace(READY, decision_expected_by=None)
    assert steps(before)[ReadinessKey.DECISION_DATE_ASKED].startswith("At the end of the interview, ask")
    ended = replace(before, scheduled_at=NOW - timedelta(minutes=121))
    assert round_is_over(ended)
    assert steps(ended)[ReadinessKey.DECISION_DATE_ASKED].startswith("Record when they said they will decide")
    # Still running: not over yet.
    assert not round_is_over(replace(before, scheduled_at=NOW - timedelta(minutes=119)))
    completed = replace(before, status="completed", scheduled_at=None)
    assert steps(completed)[ReadinessKey.DECISION_DATE_ASKED].startswith("Record when")
    assert steps(replace(before, status="cancelled"))[ReadinessKey.DECISION_DATE_ASKED].startswith(
        "The round is cancelled"
    )
    # A decision already recorded settles it.
    assert steps(replace(completed, outcome="verbal_offer"))[ReadinessKey.DECISION_DATE_ASKED] is None


def test_the_count_follows_the_items():
    partly = replace(READY, location=None, company_research=None)
    readiness = assess(partly)
    assert (readiness.done, readiness.total) == (7, 9)


# Any facts at all: nine items in order, the count adds up, and an open item always says what to do.

text = st.one_of(st.none(), st.text(max_size=12))
people = st.builds(
    Person,
    name=st.text(min_size=1, max_size=12),
    title=text,
    has_role=st.booleans(),
    greeting=text,
    planned_categories=st.lists(st.sampled_from([c.value for c in Category]), max_size=3).map(tuple),
    closing=st.booleans(),
    expect=st.lists(
        st.builds(
            Expected,
            question_id=st.integers(0, 5),
            text=st.text(min_size=1, max_size=200),
            category=st.sampled_from([c.value for c in Category]),
            prepared_answer=text,
        ),
        max_size=3,
    ).map(tuple),
)
instants = st.one_of(st.none(), st.datetimes(timezones=st.just(UTC)))
facts = st.builds(
    RoundFacts,
    company=st.text(min_size=1, max_size=12),
    company_research=text,
    salary_min=st.one_of(st.none(), st.integers(0, 10**6)),
    salary_max=st.one_of(st.none(), st.integers(0, 10**6)),
    location=text,
    status=st.sampled_from([s.value for s in RoundStatus]),
    outcome=st.sampled_from([o.value for o in Outcome]),
    scheduled_at=instants,
    duration_minutes=st.one_of(st.none(), st.integers(1, 1440)),
    decision_expected_by=st.one_of(st.none(), st.dates()),
    panel=st.lists(people, max_size=6).map(tuple),
    now=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
)


@given(facts)
def test_any_facts_give_nine_items_that_add_up(f):
    readiness = assess(f)
    assert [i.key for i in readiness.items] == list(KEYS)
    assert readiness.done == sum(i.done for i in readiness.items) and readiness.total == 9
    for item in readiness.items:
        assert item.done == (item.next_step is None)
        assert item.next_step is None or item.next_step.strip()
    if not f.panel:  # nothing about the people can be ready before you know who they are
        people_items = KEYS[1:6]
        assert not any(i.done for i in readiness.items if i.key in people_items)
    # Everyone without a greeting is named.
    missing = [p.name for p in f.panel if not (p.greeting and p.greeting.strip())]
    greeting = steps(f)[ReadinessKey.GREETINGS]
    assert (greeting is None) == (bool(f.panel) and not missing)
    if missing:
        assert missing[0] in greeting


names = st.lists(st.text(min_size=1, max_size=20).filter(str.strip), max_size=4).map(tuple)


@given(facts, names, names, st.booleans())
def test_the_after_the_round_items_follow_the_nine_when_they_apply(f, undebriefed, to_thank, all_thanked):
    not_thanked = () if all_thanked else to_thank
    readiness = assess(replace(f, earlier_undebriefed=undebriefed, to_thank=to_thank, not_thanked=not_thanked))
    keys = [i.key for i in readiness.items]
    assert keys[:9] == list(KEYS) and readiness.total == len(keys)
    extra = {i.key: i for i in readiness.items[9:]}
    # Earlier rounds' people without a debrief: an open item naming them, only while there are some.
    assert (ReadinessKey.EARLIER_ROUNDS_DEBRIEFED in extra) == bool(undebriefed)
    if undebriefed:
        assert not extra[ReadinessKey.EARLIER_ROUNDS_DEBRIEFED].done
    # After the round (not cancelled), the thank-you notes: done once everyone is thanked.
    thanks = ReadinessKey.THANK_YOU_NOTES_SENT
    assert (thanks in extra) == (bool(to_thank) and f.status != RoundStatus.CANCELLED and round_is_over(f))
    if thanks in extra:
        assert extra[thanks].done == (not not_thanked)
        assert extra[thanks].next_step is None or extra[thanks].next_step.startswith("Send a thank-you note to")
