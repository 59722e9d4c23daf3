"""Interviewer roles: the four defaults, focus weights per category, names, ETags, delete."""

import importlib.util

import pytest

from secondround.accounts import starter_kit
from secondround.config import REPO_ROOT
from secondround.helpers.vocabulary import Category
from tests.support.assertions import assert_problem
from tests.support.builders import create_question, create_role, roles_by_name

FIELDS = {"id", "name", "goals", "focus", "deciding", "created_at", "updated_at", "etag"}
CATEGORIES = {c.value for c in Category}


@pytest.fixture
def user(module_user):
    """Tests here never edit the default roles of this shared account, and name their own roles uniquely."""
    return module_user


def test_new_accounts_get_the_four_default_roles_and_can_edit_them(make_user):
    user = make_user("defaults")
    roles = roles_by_name(user)
    assert set(roles) == {"Supervisor", "Owner / executive", "Co-worker", "HR"}
    for role in roles.values():
        assert set(role) == FIELDS and role["goals"]
        assert set(role["focus"]) == CATEGORIES
        assert all(0 <= w <= 1 for w in role["focus"].values())
    # The weights follow PRODUCT.md's description of each kind of interviewer.
    supervisor, owner, coworker, hr = (
        roles[n]["focus"] for n in ("Supervisor", "Owner / executive", "Co-worker", "HR")
    )
    assert supervisor["job_description"] == 1 and supervisor["deadlines_efficiency"] >= 0.8
    assert owner["long_term_goals"] == 1 and owner["organization_vision"] == 1
    assert coworker["teamwork"] == 1 and coworker["compensation"] == 0
    assert hr["compensation"] == 1 and hr["logistics"] == 1

    r = user.patch(f"/api/v1/roles/{roles['HR']['id']}", json={"name": "People team", "focus": {"teamwork": 0.9}})
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "People team" and r.json()["focus"]["teamwork"] == 0.9
    assert user.delete(f"/api/v1/roles/{roles['Co-worker']['id']}").status_code == 204
    assert set(roles_by_name(user)) == {"Supervisor", "Owner / executive", "People team"}


def test_create_returns_201_location_etag_and_every_category(user):
    r = user.post(
        "/api/v1/roles",
        json={
            "name": "Tech lead",
            "goals": "Can you design and review?",
            "focus": {"skills_experience": 1, "teamwork": 0.5},
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == FIELDS
    assert r.headers["location"] == f"/api/v1/roles/{body['id']}"
    assert body["focus"] == {c: 0.0 for c in CATEGORIES} | {"skills_experience": 1.0, "teamwork": 0.5}
    got = user.get(r.headers["location"])
    assert got.status_code == 200 and got.json() == body and got.headers["etag"] == r.headers["etag"]


@pytest.mark.parametrize(
    "fields, field_prefix",
    [
        ({"focus": {"charisma": 0.5}}, "focus"),
        ({"focus": {"teamwork": 1.5}}, "focus.teamwork"),
        ({"focus": {"teamwork": -0.1}}, "focus.teamwork"),
        ({"focus": {"teamwork": "high"}}, "focus.teamwork"),
        ({"focus": {"teamwork": 10**30}}, "focus.teamwork"),
        ({"focus": ["teamwork"]}, "focus"),
        ({"name": ""}, "name"),
        ({"name": "a\x00b"}, "name"),
    ],
)
def test_create_validates_focus_and_name(user, fields, field_prefix):
    before = roles_by_name(user)
    problem = assert_problem(user.post("/api/v1/roles", json={"name": "Bad", **fields}), 422)
    assert any(e["field"].startswith(field_prefix) for e in problem["errors"]), problem
    assert roles_by_name(user) == before


def test_names_are_unique_per_user(user, module_other_user):
    assert_problem(user.post("/api/v1/roles", json={"name": "Supervisor"}), 409)
    mine = create_role(user)
    assert_problem(user.patch(f"/api/v1/roles/{mine['id']}", json={"name": "HR"}), 409)
    assert user.patch(f"/api/v1/roles/{mine['id']}", json={"name": mine["name"]}).status_code == 200
    create_role(module_other_user, name=mine["name"])  # another user's names do not matter


def test_patch_merges_focus(user):
    role = create_role(user, focus={"teamwork": 0.4, "logistics": 0.2})
    url = f"/api/v1/roles/{role['id']}"
    r = user.patch(url, json={"focus": {"teamwork": 0.8, "compensation": 1}})
    assert r.status_code == 200, r.text
    focus = r.json()["focus"]
    assert (focus["teamwork"], focus["logistics"], focus["compensation"]) == (0.8, 0.2, 1.0)
    assert r.json()["name"] == role["name"]
    assert_problem(user.patch(url, json={"focus": {"teamwork": 2}}), 422)
    assert_problem(user.patch(url, json={"focus": {"bogus": 0.5}}), 422)
    assert user.get(url).json()["focus"] == focus


def test_if_match_and_delete(user):
    role = create_role(user)
    url = f"/api/v1/roles/{role['id']}"
    etag = user.get(url).headers["etag"]
    assert_problem(user.patch(url, json={"goals": "x"}, headers={"If-Match": '"old"'}), 412)
    r = user.patch(url, json={"goals": "x"}, headers={"If-Match": etag})
    assert r.status_code == 200 and r.headers["etag"] != etag
    assert_problem(user.delete(url, headers={"If-Match": etag}), 412)
    assert user.delete(url, headers={"If-Match": r.headers["etag"]}).status_code == 204
    assert_problem(user.get(url), 404)


def test_deleting_a_role_drops_it_from_question_targets(user):
    recruiter, hr = create_role(user), roles_by_name(user)["HR"]
    question = create_question(user, target_role_ids=[recruiter["id"], hr["id"]])
    untouched = create_question(user, target_role_ids=[hr["id"]])
    old_etag = user.get(f"/api/v1/questions/{question['id']}").headers["etag"]

    assert user.delete(f"/api/v1/roles/{recruiter['id']}").status_code == 204

    r = user.get(f"/api/v1/questions/{question['id']}")
    assert r.json()["target_role_ids"] == [hr["id"]]
    assert r.headers["etag"] != old_etag
    changed = user.get("/api/v1/questions", params={"updated_after": untouched["updated_at"]}).json()["items"]
    assert [q["id"] for q in changed] == [question["id"]]


def test_deciding_roles(user):
    """The supervisor and the owner decide by default; any role can be marked."""
    roles = roles_by_name(user)
    assert {name for name, r in roles.items() if r["deciding"]} == {"Supervisor", "Owner / executive"}
    made = create_role(user, name="Deciding marker: board member", deciding=True)
    assert made["deciding"] is True
    assert create_role(user, name="Deciding marker: recruiter")["deciding"] is False
    r = user.patch(f"/api/v1/roles/{made['id']}", json={"deciding": False})
    assert r.status_code == 200 and r.json()["deciding"] is False
    problem = assert_problem(user.patch(f"/api/v1/roles/{made['id']}", json={"deciding": None}), 422)
    assert problem["errors"][0]["field"] == "deciding"


def test_starter_kit_and_the_migration_mark_the_same_things():
    """Accounts made before migration 0002 get the flags by name and text; new ones from the kit."""
    path = REPO_ROOT / "migrations" / "versions" / "2026_11_26_0000-0002_day_of_the_interview.py"
    spec = importlib.util.spec_from_file_location("migration_0002", path)
    assert spec and spec.loader
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert {r.name for r in starter_kit.ROLES if r.deciding} == set(migration.STARTER_DECIDING_ROLES)
    closing = [q for q in starter_kit.QUESTIONS if q.recurring and q.at_end and not q.asks_next_panel]
    assert [q.text for q in closing] == [migration.STARTER_CLOSING_QUESTION]
