"""The question bank: the starter bank, fields, target roles (yours only), filters, ETags, delete."""

import uuid
from collections import Counter

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_question, create_role, create_round, roles_by_name

FIELDS = {
    "id",
    "direction",
    "text",
    "category",
    "importance",
    "minutes",
    "target_role_ids",
    "prepared_answer",
    "tip",
    "notes",
    "archived",
    "application_id",
    "recurring",
    "at_end",
    "asks_next_panel",
    "created_at",
    "updated_at",
    "etag",
}


@pytest.fixture
def user(module_user):
    """Tests here only look at the questions they made (found by a unique marker in their text)."""
    return module_user


def all_questions(u, **params) -> list[dict]:
    """Every question of the list, across pages."""
    items, cursor = [], None
    while True:
        r = u.get("/api/v1/questions", params={"limit": 200, **params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return items


def test_new_accounts_get_a_starter_bank_they_can_edit(make_user):
    user = make_user("starter")
    questions = all_questions(user)
    ask = [q for q in questions if q["direction"] == "ask"]
    expect = [q for q in questions if q["direction"] == "expect"]
    assert len(ask) >= 12 and len(expect) >= 8
    categories = Counter(q["category"] for q in ask)
    assert len(categories) >= 5 and categories["compensation"] >= 1
    assert all(set(q) == FIELDS and q["text"] and 1 <= q["importance"] <= 5 and not q["archived"] for q in questions)
    # The starter kit gives advice on answering, as a tip: the answers are the user's to write.
    assert all(q["tip"] and q["prepared_answer"] is None for q in expect)
    # Targets, where a starter question has them, are the user's own default roles.
    own_roles = {r["id"] for r in roles_by_name(user).values()}
    assert any(q["target_role_ids"] for q in questions)
    assert all(set(q["target_role_ids"]) <= own_roles for q in questions)

    first, second = questions[:2]
    r = user.patch(f"/api/v1/questions/{first['id']}", json={"text": "In my own words?", "importance": 1})
    assert r.status_code == 200 and r.json()["text"] == "In my own words?"
    assert user.delete(f"/api/v1/questions/{second['id']}").status_code == 204
    assert len(all_questions(user)) == len(questions) - 1


def test_create_returns_201_location_etag_and_exact_fields(user):
    supervisor = roles_by_name(user)["Supervisor"]
    r = user.post(
        "/api/v1/questions",
        json={
            "direction": "expect",
            "text": "  Why are you leaving?  ",
            "category": "long_term_goals",
            "importance": 5,
            "minutes": 4,
            "target_role_ids": [supervisor["id"], supervisor["id"]],
            "prepared_answer": "Growth.",
            "notes": "Stay positive.",
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == FIELDS
    assert r.headers["location"] == f"/api/v1/questions/{body['id']}"
    assert body["text"] == "Why are you leaving?" and body["target_role_ids"] == [supervisor["id"]]
    assert (body["importance"], body["minutes"], body["archived"]) == (5, 4, False)
    got = user.get(r.headers["location"])
    assert got.status_code == 200 and got.json() == body and got.headers["etag"] == r.headers["etag"]


def test_defaults(user):
    body = create_question(user)
    assert (body["importance"], body["minutes"], body["target_role_ids"], body["archived"]) == (3, 2, [], False)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"direction": "tell"}, "direction"),
        ({"category": "salary"}, "category"),
        ({"text": ""}, "text"),
        ({"text": " \n\t "}, "text"),
        ({"text": "a\x00b"}, "text"),
        ({"importance": 0}, "importance"),
        ({"importance": 6}, "importance"),
        ({"importance": 10**20}, "importance"),
        ({"importance": "high"}, "importance"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 61}, "minutes"),
        ({"target_role_ids": "not-a-list"}, "target_role_ids"),
        ({"target_role_ids": ["not-a-uuid"]}, "target_role_ids.0"),
        ({"target_role_ids": ["00000000-0000-4000-8000-000000000000"]}, "target_role_ids"),
        ({"archived": "sometimes"}, "archived"),
        ({"application_id": "not-a-uuid"}, "application_id"),
        ({"application_id": "00000000-0000-4000-8000-000000000000"}, "application_id"),
        ({"owner_id": "00000000-0000-4000-8000-000000000000"}, "owner_id"),
        ({"updated_at": "2030-01-01T00:00:00Z"}, "updated_at"),
    ],
)
def test_create_validates_fields(user, fields, field):
    marker = f"Valid {uuid.uuid4().hex}?"
    body = {"direction": "ask", "text": marker, "category": "teamwork", **fields}
    problem = assert_problem(user.post("/api/v1/questions", json=body), 422)
    assert any(e["field"] == field for e in problem["errors"]), problem
    assert user.get("/api/v1/questions", params={"q": marker}).json()["items"] == []


def test_target_roles_must_be_your_own(user, module_other_user):
    foreign = roles_by_name(module_other_user)["HR"]["id"]
    mine = roles_by_name(user)["HR"]["id"]
    marker = f"Targeted {uuid.uuid4().hex}?"
    body = {"direction": "ask", "text": marker, "category": "teamwork", "target_role_ids": [mine, foreign]}
    problem = assert_problem(user.post("/api/v1/questions", json=body), 422)
    assert problem["errors"][0]["field"] == "target_role_ids" and foreign in problem["detail"]
    assert user.get("/api/v1/questions", params={"q": marker}).json()["items"] == []

    question = create_question(user, target_role_ids=[mine])
    assert_problem(user.patch(f"/api/v1/questions/{question['id']}", json={"target_role_ids": [foreign]}), 422)
    assert user.get(f"/api/v1/questions/{question['id']}").json() == question


def test_patch_replaces_targets_and_honours_if_match(user):
    roles = roles_by_name(user)
    question = create_question(user, target_role_ids=[roles["HR"]["id"]])
    url = f"/api/v1/questions/{question['id']}"
    etag = user.get(url).headers["etag"]
    assert_problem(user.patch(url, json={"archived": True}, headers={"If-Match": '"stale"'}), 412)
    r = user.patch(
        url, json={"target_role_ids": [roles["Co-worker"]["id"]], "archived": True}, headers={"If-Match": etag}
    )
    assert r.status_code == 200, r.text
    assert r.json()["target_role_ids"] == [roles["Co-worker"]["id"]] and r.json()["archived"] is True
    assert r.json()["text"] == question["text"]
    assert r.headers["etag"] == user.get(url).headers["etag"] != etag
    assert user.get(url).json() == r.json()
    assert user.patch(url, json={"target_role_ids": []}).json()["target_role_ids"] == []
    assert_problem(user.patch(url, json={"text": None}), 422)


def test_changing_only_the_targets_is_a_new_version(user):
    """New target roles change what the question is (the plan places it by them): a new `updated_at`
    and ETag, so If-Match, `updated_after` and the plan's cache all see it; the same targets again
    (in any order) are no change."""
    roles = roles_by_name(user)
    question = create_question(user, target_role_ids=[roles["HR"]["id"], roles["Co-worker"]["id"]])
    url = f"/api/v1/questions/{question['id']}"
    etag = user.get(url).headers["etag"]
    same = user.patch(url, json={"target_role_ids": [roles["Co-worker"]["id"], roles["HR"]["id"]]})
    assert same.status_code == 200 and same.headers["etag"] == etag
    assert same.json()["updated_at"] == question["updated_at"]
    r = user.patch(url, json={"target_role_ids": [roles["Supervisor"]["id"], roles["HR"]["id"]]})
    assert r.status_code == 200, r.text
    assert r.headers["etag"] != etag and r.json()["updated_at"] > question["updated_at"]
    found = user.get("/api/v1/questions", params={"updated_after": question["updated_at"], "limit": 200}).json()
    assert question["id"] in [q["id"] for q in found["items"]]


def test_deleting_a_question_removes_its_round_entries(user):
    round_ = create_round(user, create_application(user)["id"])
    question, kept = create_question(user), create_question(user)
    for q in (question, kept):
        assert user.put(f"/api/v1/rounds/{round_['id']}/questions/{q['id']}", json={}).status_code == 201
    etag = user.get(f"/api/v1/questions/{question['id']}").headers["etag"]

    assert_problem(user.delete(f"/api/v1/questions/{question['id']}", headers={"If-Match": '"x"'}), 412)
    assert user.delete(f"/api/v1/questions/{question['id']}", headers={"If-Match": etag}).status_code == 204
    assert_problem(user.get(f"/api/v1/questions/{question['id']}"), 404)
    entries = user.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"]
    assert [e["question_id"] for e in entries] == [kept["id"]]


def test_filters(user):
    role = create_role(user)
    made = [
        create_question(user, text="Team lunch culture?", category="teamwork"),
        create_question(user, direction="expect", text="Tell me about a TEAM conflict", category="teamwork"),
        create_question(user, text="100% remote possible?", category="logistics", archived=True),
        create_question(
            user, text="Who sets priorities?", category="deadlines_efficiency", target_role_ids=[role["id"]]
        ),
    ]
    mine = {q["id"] for q in made}

    def ids(**params):
        return [q["id"] for q in all_questions(user, **params) if q["id"] in mine]

    assert ids() == [q["id"] for q in made]
    assert ids(direction="expect") == [made[1]["id"]]
    assert ids(category="teamwork") == [made[0]["id"], made[1]["id"]]
    assert ids(q="team") == [made[0]["id"], made[1]["id"]]
    assert ids(q="%") == [made[2]["id"]]
    assert ids(archived="true") == [made[2]["id"]]
    assert made[2]["id"] not in ids(archived="false")
    assert ids(direction="ask", category="teamwork", archived="false", q="lunch") == [made[0]["id"]]
    assert all(not q["archived"] for q in all_questions(user, archived="false"))
    for params in ({"direction": "both"}, {"category": "salary"}, {"archived": "maybe"}, {"q": ""}):
        assert_problem(user.get("/api/v1/questions", params=params), 422)


# Questions written for one application


def test_a_question_belongs_to_the_bank_or_to_one_application(user):
    application = create_application(user, company="Halvorsen Research")
    bank = create_question(user)
    own = create_question(user, text="How will the new unit change things?", application_id=application["id"])
    assert bank["application_id"] is None and own["application_id"] == application["id"]
    assert user.get(f"/api/v1/questions/{own['id']}").json() == own
    url = f"/api/v1/questions/{own['id']}"
    # Moved to the bank and back: nothing else changes.
    moved = user.patch(url, json={"application_id": None})
    assert moved.status_code == 200 and moved.json()["application_id"] is None
    assert moved.json()["text"] == own["text"]
    back = user.patch(url, json={"application_id": application["id"]})
    assert back.status_code == 200 and back.json()["application_id"] == application["id"]
    # Leaving the field out of a PATCH keeps it.
    assert user.patch(url, json={"importance": 5}).json()["application_id"] == application["id"]


def test_the_application_must_be_your_own(user, module_other_user):
    foreign = create_application(module_other_user)["id"]
    missing = str(uuid.uuid4())
    marker = f"Scoped {uuid.uuid4().hex}?"
    for application_id in (foreign, missing):
        body = {"direction": "ask", "text": marker, "category": "teamwork", "application_id": application_id}
        problem = assert_problem(user.post("/api/v1/questions", json=body), 422)
        assert problem["errors"][0]["field"] == "application_id" and application_id in problem["detail"]
        assert problem["errors"][0]["type"] == "unknown_application"
    assert user.get("/api/v1/questions", params={"q": marker}).json()["items"] == []

    question = create_question(user)
    for application_id in (foreign, missing):
        r = user.patch(f"/api/v1/questions/{question['id']}", json={"application_id": application_id})
        assert assert_problem(r, 422)["errors"][0]["field"] == "application_id"
    assert user.get(f"/api/v1/questions/{question['id']}").json() == question
    # Another user's application reads the same as one that does not exist.
    first = assert_problem(user.get("/api/v1/questions", params={"application_id": foreign}), 422)
    second = assert_problem(user.get("/api/v1/questions", params={"application_id": missing}), 422)
    assert first["errors"][0]["location"] == "query" and first["errors"][0]["field"] == "application_id"
    assert first["detail"].replace(foreign, "X") == second["detail"].replace(missing, "X")


def test_a_question_recorded_by_another_applications_round_cannot_move_there(user):
    used_at, elsewhere = create_application(user, company="Used at"), create_application(user, company="Elsewhere")
    round_ = create_round(user, used_at["id"])
    question = create_question(user)
    assert (
        user.put(f"/api/v1/rounds/{round_['id']}/questions/{question['id']}", json={"status": "answered"}).status_code
        == 201
    )
    url = f"/api/v1/questions/{question['id']}"
    before = user.get(url)
    problem = assert_problem(user.patch(url, json={"application_id": elsewhere["id"], "importance": 1}), 409)
    assert "another application" in problem["detail"]
    after = user.get(url)
    assert after.json() == before.json() and after.headers["etag"] == before.headers["etag"]
    # To the application whose round recorded it, and back to the bank: both fine.
    assert user.patch(url, json={"application_id": used_at["id"]}).json()["application_id"] == used_at["id"]
    assert user.patch(url, json={"application_id": None}).json()["application_id"] is None


def test_filters_by_application_and_scope(user):
    first, second = create_application(user, company="First"), create_application(user, company="Second")
    marker = uuid.uuid4().hex
    bank = create_question(user, text=f"Bank {marker}?")
    of_first = create_question(user, text=f"First {marker}?", application_id=first["id"])
    of_second = create_question(user, text=f"Second {marker}?", application_id=second["id"], archived=True)

    def ids(**params):
        return [q["id"] for q in all_questions(user, q=marker, **params)]

    assert ids() == ids(scope="all") == [bank["id"], of_first["id"], of_second["id"]]
    assert ids(scope="bank") == [bank["id"]]
    assert ids(scope="application") == [of_first["id"], of_second["id"]]
    assert ids(application_id=first["id"]) == ids(scope="application", application_id=first["id"]) == [of_first["id"]]
    assert ids(application_id=second["id"], archived="false") == []
    # The scope of a single application's list is that application: a contradiction is refused, not guessed.
    for scope in ("bank", "all"):
        problem = assert_problem(
            user.get("/api/v1/questions", params={"scope": scope, "application_id": first["id"]}), 422
        )
        assert problem["errors"][0]["field"] == "scope"
    for params in ({"scope": "mine"}, {"application_id": "first"}, {"scope": ""}):
        assert_problem(user.get("/api/v1/questions", params=params), 422)


def test_deleting_an_application_deletes_its_questions_and_nothing_else(user):
    doomed, kept = create_application(user, company="Doomed"), create_application(user, company="Kept")
    doomed_round, kept_round = create_round(user, doomed["id"]), create_round(user, kept["id"])
    bank = create_question(user)
    own = create_question(user, application_id=doomed["id"])
    kept_own = create_question(user, application_id=kept["id"])
    for round_, question in ((doomed_round, own), (doomed_round, bank), (kept_round, bank), (kept_round, kept_own)):
        r = user.put(f"/api/v1/rounds/{round_['id']}/questions/{question['id']}", json={"status": "answered"})
        assert r.status_code == 201, r.text
    kept_entries = user.get(f"/api/v1/rounds/{kept_round['id']}/questions").json()

    assert user.delete(f"/api/v1/applications/{doomed['id']}").status_code == 204
    assert_problem(user.get(f"/api/v1/questions/{own['id']}"), 404)
    assert user.get(f"/api/v1/questions/{bank['id']}").json() == bank
    assert user.get(f"/api/v1/questions/{kept_own['id']}").json() == kept_own
    assert user.get(f"/api/v1/rounds/{kept_round['id']}/questions").json() == kept_entries
    assert user.get(f"/api/v1/rounds/{kept_round['id']}").status_code == 200


def test_recurring_and_closing_flags(user):
    """The starter bank's closing questions are asked every round, at the end; the user marks others."""
    starter = {q["text"]: q for q in all_questions(user)}
    decision = starter["What are the next steps after today, and when can I expect to hear from you?"]
    who_next = starter["Who will I meet next, and what are their roles?"]
    assert (decision["recurring"], decision["at_end"], decision["asks_next_panel"]) == (True, True, False)
    assert (who_next["recurring"], who_next["at_end"], who_next["asks_next_panel"]) == (True, True, True)
    assert sum(q["at_end"] for q in starter.values()) == 2

    plain = create_question(user, text="Flags marker: plain?", category="logistics")
    assert (plain["recurring"], plain["at_end"], plain["asks_next_panel"]) == (False, False, False)
    made = create_question(user, text="Flags marker: closing?", category="logistics", recurring=True, at_end=True)
    assert (made["recurring"], made["at_end"]) == (True, True)
    r = user.patch(f"/api/v1/questions/{made['id']}", json={"at_end": False, "asks_next_panel": True})
    assert r.status_code == 200, r.text
    assert (r.json()["recurring"], r.json()["at_end"], r.json()["asks_next_panel"]) == (True, False, True)
    assert user.get(f"/api/v1/questions/{made['id']}").json()["at_end"] is False
    for bad in ({"recurring": None}, {"at_end": "yes"}, {"asks_next_panel": 1}):
        problem = assert_problem(user.patch(f"/api/v1/questions/{made['id']}", json=bad), 422)
        assert problem["errors"][0]["field"] == next(iter(bad))
