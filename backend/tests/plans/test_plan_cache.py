"""The plan is computed once per version of its facts (plans/cache.py) and never served stale: after
any change to anything it reads, through this process or another, the plan served is the plan
computed afresh; readiness and the prep sheet read the same computation."""

import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlmodel import Session

from secondround.api.app_state import app_state
from secondround.main import create_app
from secondround.models import Round
from secondround.plans import cache, loading, service
from secondround.plans.cache import PlanCache
from tests.support.builders import create_application, create_interviewer, create_question, create_round, roles_by_name
from tests.support.servers import running_server
from tests.support.serving import counting_statements

EVERYTHING = {"backlog_limit": 500}  # the whole backlog, so a change anywhere in it shows


def _served(user, round_id: str) -> dict:
    r = user.get(f"/api/v1/rounds/{round_id}/plan", params=EVERYTHING)
    assert r.status_code == 200, r.text
    return {k: v for k, v in r.json().items() if k != "generated_at"}


@pytest.fixture
def afresh(app, monkeypatch) -> Callable[[str], dict]:
    """The round's plan computed from the database now, with no cache at all."""

    def compute(round_id: str) -> dict:
        with monkeypatch.context() as patch:
            patch.setattr(cache, "_plans", PlanCache(0))
            with Session(app_state(app).engine) as db:
                round_ = db.get_one(Round, uuid.UUID(round_id))
                plan = service.plan_round(db, round_, backlog_limit=EVERYTHING["backlog_limit"])
        return {k: v for k, v in plan.model_dump(mode="json").items() if k != "generated_at"}

    return compute


@pytest.fixture
def fresh_cache(monkeypatch) -> Iterator[PlanCache]:
    plans = PlanCache(64)
    monkeypatch.setattr(cache, "_plans", plans)
    yield plans


def test_every_change_to_the_facts_is_in_the_next_plan(user, afresh, fresh_cache):
    """Each change below moves the plan; the next read serves exactly the plan computed afresh
    (while the one before it was served from the cache)."""
    roles = roles_by_name(user)
    application = create_application(user)
    earlier = create_round(user, application["id"], kind="first")
    round_ = create_round(user, application["id"], duration_minutes=120)
    later = create_round(user, application["id"], kind="final")
    rid = round_["id"]
    boss = create_interviewer(user, rid, name="Dana Ortega", role_id=roles["Supervisor"]["id"], question_minutes=10)
    peer = create_interviewer(user, rid, name="Kim Lee", role_id=roles["Co-worker"]["id"], question_minutes=10)
    hr = roles["HR"]["id"]
    lone = user.post("/api/v1/roles", json={"name": "Lone role", "focus": {"teamwork": 1}}).json()
    top = create_question(user, text="What would my first project be?", category="job_description", importance=5)
    targeted = create_question(user, text="How does HR onboard people?", importance=5, target_role_ids=[hr])
    only_lone = create_question(user, text="Only for the lone role?", importance=5, target_role_ids=[lone["id"]])
    create_question(user, text="Who will I meet next?", importance=5, asks_next_panel=True, category="logistics")
    deadline_text = "Tell me about a time you had to deliver under a tight deadline."
    (deadline,) = [q for q in user.get("/api/v1/questions", params={"q": deadline_text}).json()["items"]]
    answer_url = f"/api/v1/applications/{application['id']}/answers/{deadline['id']}"

    changes: list[tuple[str, Callable[[], object]]] = [
        ("an answer for the application", lambda: user.put(answer_url, json={"answer": "For Acme: the launch."})),
        ("that answer changed", lambda: user.put(answer_url, json={"answer": "For Acme: the migration."})),
        ("that answer deleted", lambda: user.delete(answer_url)),
        ("a question's text", lambda: user.patch(f"/api/v1/questions/{top['id']}", json={"text": "First project?"})),
        ("its importance", lambda: user.patch(f"/api/v1/questions/{top['id']}", json={"importance": 1})),
        (
            "its target roles alone",
            lambda: user.patch(
                f"/api/v1/questions/{targeted['id']}", json={"target_role_ids": [roles["Supervisor"]["id"]]}
            ),
        ),
        (
            "a role's weights",
            lambda: user.patch(f"/api/v1/roles/{roles['Supervisor']['id']}", json={"focus": {"job_description": 0}}),
        ),
        ("a role deleted, the only target of a question", lambda: user.delete(f"/api/v1/roles/{lone['id']}")),
        ("a new question", lambda: create_question(user, text="A brand new question?", importance=5)),
        (
            "a question of the application's own",
            lambda: create_question(user, text="Only for Acme?", importance=5, application_id=application["id"]),
        ),
        ("a question archived", lambda: user.patch(f"/api/v1/questions/{only_lone['id']}", json={"archived": True})),
        ("a question deleted", lambda: user.delete(f"/api/v1/questions/{top['id']}")),
        (
            "a person added",
            lambda: create_interviewer(user, rid, name="Luis Ferrer", role_id=roles["Owner / executive"]["id"]),
        ),
        ("a person's minutes", lambda: user.patch(f"/api/v1/interviewers/{peer['id']}", json={"question_minutes": 25})),
        (
            "the meeting order",
            lambda: user.put(
                f"/api/v1/rounds/{rid}/interviewers/order",
                json={
                    "interviewer_ids": [
                        i["id"] for i in reversed(user.get(f"/api/v1/rounds/{rid}/interviewers").json()["items"])
                    ]
                },
            ),
        ),
        ("the round's length", lambda: user.patch(f"/api/v1/rounds/{rid}", json={"duration_minutes": 30})),
        ("a pin", lambda: user.put(f"/api/v1/rounds/{rid}/questions/{only_lone['id']}", json={"pinned": True})),
        (
            "an answer in an earlier round",
            lambda: user.put(
                f"/api/v1/rounds/{earlier['id']}/questions/{targeted['id']}",
                json={"status": "answered", "answer_notes": "Two weeks."},
            ),
        ),
        ("a panel for the later round", lambda: create_interviewer(user, later["id"], name="Someone later")),
        ("the earlier round deleted", lambda: user.delete(f"/api/v1/rounds/{earlier['id']}")),
        ("a person cancelled", lambda: user.patch(f"/api/v1/interviewers/{peer['id']}", json={"cancelled": True})),
        (
            "a question marked with someone",
            lambda: user.patch(
                f"/api/v1/rounds/{rid}/questions/{only_lone['id']}",
                json={"status": "answered", "marked_for_interviewer_id": boss["id"]},
            ),
        ),
        (
            "a mark recorded with someone else",
            lambda: user.patch(
                f"/api/v1/rounds/{rid}/questions/{only_lone['id']}", json={"marked_for_interviewer_id": peer["id"]}
            ),
        ),
        ("a person deleted", lambda: user.delete(f"/api/v1/interviewers/{boss['id']}")),
    ]
    before = _served(user, rid)
    for what, change in changes:
        assert _served(user, rid) == before  # served from the cache
        hits = fresh_cache.hits
        response = change()
        assert getattr(response, "status_code", 201) < 300, (what, response.text)  # type: ignore[union-attr]
        after = _served(user, rid)
        assert after != before, f"{what}: the plan did not move"
        assert after == afresh(rid), f"{what}: the plan served is not the plan of the facts now"
        assert fresh_cache.hits == hits, f"{what}: served from the cache"
        before = after
    assert _served(user, rid) == before and fresh_cache.hits > 0


def test_a_change_made_through_another_process_is_in_the_next_plan(database, tmp_path, user, fresh_cache):
    """Two API processes on one database: each caches the plan; a change through one is in the next
    plan the other serves (it reads the version of the facts from the database at every request)."""
    roles = roles_by_name(user)
    round_ = create_round(user, create_application(user)["id"])
    person = create_interviewer(user, round_["id"], name="Dana Ortega", role_id=roles["Supervisor"]["id"])
    with running_server(database.url, tmp_path / "other.log") as other:
        with httpx.Client(base_url=other.base_url, headers={"Authorization": f"Bearer {user.token}"}) as there:
            url = f"/api/v1/rounds/{round_['id']}/plan"
            assert there.get(url).json()["interviewers"][0]["name"] == "Dana Ortega"
            assert user.get(url).json()["interviewers"][0]["name"] == "Dana Ortega"
            # Changed here: the other process's cached plan is stale, and it must not serve it.
            assert (
                user.patch(f"/api/v1/interviewers/{person['id']}", json={"name": "Dana Ortega-Vik"}).status_code == 200
            )
            assert there.get(url).json()["interviewers"][0]["name"] == "Dana Ortega-Vik"
            # Changed there: this process's cached plan is stale.
            r = there.patch(f"/api/v1/interviewers/{person['id']}", json={"greeting": "Dana"})
            assert r.status_code == 200, r.text
            assert user.get(url).json()["interviewers"][0]["greeting"] == "Dana"
            assert user.get(f"/api/v1/rounds/{round_['id']}/readiness").status_code == 200


def test_a_change_committed_while_a_plan_is_computed_is_never_served_after_it_is_undone(
    app, user, fresh_cache, monkeypatch
):
    """A question is written after the version of the facts was read and before the questions are
    (PostgreSQL's read committed lets the read see it), then deleted, which brings the version back to
    what it was: the plan that held the question must not have been kept under that version."""
    roles = roles_by_name(user)
    round_ = create_round(user, create_application(user)["id"])
    create_interviewer(user, round_["id"], name="Dana Ortega", role_id=roles["Supervisor"]["id"])
    written: list[dict] = []
    read_questions = loading.questions

    def questions_with_a_write_meanwhile(*args, **kwargs):
        if not written:
            written.append(create_question(user, text="Written meanwhile?", importance=5))
        return read_questions(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(loading, "questions", questions_with_a_write_meanwhile)
        with Session(app_state(app).engine) as db:
            service.plan_round(db, db.get_one(Round, uuid.UUID(round_["id"])))
    assert user.delete(f"/api/v1/questions/{written[0]['id']}").status_code == 204
    plan = _served(user, round_["id"])
    texts = [q["text"] for p in plan["interviewers"] for q in p["questions"]] + [b["text"] for b in plan["backlog"]]
    assert texts and "Written meanwhile?" not in texts


def test_readiness_and_the_prep_sheet_share_the_computed_plan(app, user, fresh_cache):
    roles = roles_by_name(user)
    round_ = create_round(user, create_application(user)["id"])
    person = create_interviewer(user, round_["id"], name="Dana Ortega", role_id=roles["Supervisor"]["id"])
    rid = round_["id"]
    assert user.get(f"/api/v1/rounds/{rid}/plan").status_code == 200
    misses = fresh_cache.misses
    greetings = next(i for i in user.get(f"/api/v1/rounds/{rid}/readiness").json()["items"] if i["key"] == "greetings")
    sheet = user.get(f"/api/v1/rounds/{rid}/prep-sheet")
    assert sheet.status_code == 200 and "Dana Ortega" in sheet.text
    assert fresh_cache.misses == misses and not greetings["done"]  # both from the plan computed above
    user.patch(f"/api/v1/interviewers/{person['id']}", json={"greeting": "Ms. Ortega"})
    greetings = next(i for i in user.get(f"/api/v1/rounds/{rid}/readiness").json()["items"] if i["key"] == "greetings")
    assert greetings["done"] and "Ms. Ortega" in user.get(f"/api/v1/rounds/{rid}/prep-sheet").text


def test_a_plan_read_again_costs_one_statement(app, user, fresh_cache):
    roles = roles_by_name(user)
    round_ = create_round(user, create_application(user)["id"])
    create_interviewer(user, round_["id"], role_id=roles["Supervisor"]["id"])
    url = f"/api/v1/rounds/{round_['id']}/plan"
    with counting_statements(app) as first:
        assert user.get(url).status_code == 200
    with counting_statements(app) as again:
        assert user.get(url).status_code == 200
    # Computed: the version, the three reads of the facts (panels, entries, questions with their targets),
    # the version again (to keep the plan). Cached: the version alone.
    assert len(first) - len(again) == 4, (first, again)
    assert not any("FROM questions LEFT OUTER JOIN" in s for s in again)


def test_the_cache_keeps_the_most_recently_used_rounds_up_to_its_size():
    plans = PlanCache(2)
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    plan = object()
    plans.put(a, 1, plan)  # type: ignore[arg-type]
    plans.put(b, 1, plan)  # type: ignore[arg-type]
    assert plans.get(a, 1) is plan  # a is now the most recently used
    plans.put(c, 1, plan)  # type: ignore[arg-type]
    assert len(plans) == 2 and plans.get(b, 1) is None and plans.get(a, 1) is plan and plans.get(c, 1) is plan
    assert plans.get(a, 2) is None  # another version of a round's facts: not this plan
    plans.put(a, 2, plan)  # type: ignore[arg-type]
    assert len(plans) == 2 and plans.get(a, 1) is None and plans.get(a, 2) is plan
    off = PlanCache(0)
    off.put(a, 1, plan)  # type: ignore[arg-type]
    assert len(off) == 0 and off.get(a, 1) is None


def test_the_cache_is_sized_by_the_settings_the_app_is_made_with(settings, monkeypatch):
    monkeypatch.setattr(cache, "_plans", PlanCache(0))
    app = create_app(settings.model_copy(update={"plan_cache_size": 7}))
    try:
        assert cache.plans().size == 7
    finally:
        app_state(app).database.dispose_sync()
