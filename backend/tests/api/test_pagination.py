"""Keyset pagination on every list: limits, opaque signed cursors, the Link header, no duplicate and
no gap while rows come and go between pages; the list filters and updated_after."""

import base64
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import (
    create_application,
    create_interviewer,
    create_question,
    create_role,
    create_round,
    create_world,
)
from tests.support.routes import api_routes

RESOURCE_LISTS = {
    "/api/v1/applications",
    "/api/v1/applications/{application_id}/rounds",
    "/api/v1/rounds/{round_id}/interviewers",
    "/api/v1/roles",
    "/api/v1/questions",
    "/api/v1/rounds/{round_id}/questions",
}


def list_routes(app):
    """Every GET route that pages (takes `limit` and `cursor`)."""
    spec = app.openapi()["paths"]
    return [
        r
        for r in api_routes(app)
        if r.method == "GET" and {"limit", "cursor"} <= {p["name"] for p in spec[r.path]["get"].get("parameters", [])}
    ]


@pytest.fixture(scope="module")
def world(module_user):
    return create_world(module_user)


def next_link(response) -> str | None:
    link = response.headers.get("link")
    if link is None:
        return None
    target, rel = link.split(";", 1)
    assert rel.strip() == 'rel="next"'
    return target.strip().removeprefix("<").removesuffix(">")


# Limits


def test_every_list_pages_with_limit_and_refuses_bad_limits(app, module_user, world):
    routes = list_routes(app)
    assert RESOURCE_LISTS <= {r.path for r in routes}
    for route in routes:
        url = route.url(world.path_ids)
        for limit in (0, -1, 201, 10**30, "ten", 1.5):
            problem = assert_problem(module_user.get(url, params={"limit": limit}), 422)
            assert problem["errors"][0]["field"] == "limit", (route.path, problem)
        for limit in (1, 200):
            r = module_user.get(url, params={"limit": limit})
            assert r.status_code == 200, (route.path, r.text)
            assert set(r.json()) == {"items", "next_cursor"} and len(r.json()["items"]) <= limit


def test_default_limit_is_50(make_user):
    user = make_user("fifty")
    starter = len(user.get("/api/v1/questions", params={"limit": 200}).json()["items"])
    for i in range(max(0, 54 - starter)):
        create_question(user, text=f"Question {i}?")
    total = max(starter, 54)
    first = user.get("/api/v1/questions")
    assert len(first.json()["items"]) == 50 and first.json()["next_cursor"]
    rest = user.get("/api/v1/questions", params={"cursor": first.json()["next_cursor"]})
    assert len(rest.json()["items"]) == total - 50 and rest.json()["next_cursor"] is None
    assert "link" not in rest.headers


# Walking pages while the list changes


def walk(user, url: str, *, follow: str, between_pages) -> list[str]:
    """Page through `url` 7 at a time, by next_cursor or by the Link header, calling between_pages."""
    seen, page, next_url, params = [], 0, url, {"limit": 7}
    while True:
        r = user.get(next_url, params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        items = [item["id"] for item in body["items"]]
        seen += items
        link = next_link(r)
        if body["next_cursor"] is None:
            assert link is None and len(items) <= 7
            return seen
        assert len(items) == 7
        assert parse_qs(urlsplit(link).query)["cursor"] == [body["next_cursor"]]
        assert parse_qs(urlsplit(link).query)["limit"] == ["7"]
        between_pages(page, items)
        page += 1
        if follow == "cursor":
            params = {"limit": 7, "cursor": body["next_cursor"]}
        else:
            next_url, params = link, None


@pytest.mark.parametrize("follow", ["cursor", "link"])
def test_no_duplicate_and_no_gap_while_rows_are_added_and_removed(make_user, follow):
    user = make_user("walker")
    for i in range(120):
        create_question(user, text=f"Bank question {i}?")
    everything = user.get("/api/v1/questions", params={"limit": 200}).json()
    assert everything["next_cursor"] is None
    at_start = [q["id"] for q in everything["items"]]
    assert len(at_start) >= 120 and len(set(at_start)) == len(at_start)
    added, removed = [], []

    def change_the_list(page: int, items: list[str]) -> None:
        added.append(create_question(user, text=f"Added after page {page}?")["id"])
        if page % 3 == 0:  # delete the row the cursor points at: the walk must go on from where it was
            assert user.delete(f"/api/v1/questions/{items[-1]}").status_code == 204
            removed.append(items[-1])

    seen = walk(user, "/api/v1/questions", follow=follow, between_pages=change_the_list)

    assert len(seen) == len(set(seen)), "a row was served twice"
    assert [i for i in seen if i in set(at_start)] == at_start, "a row that existed at the start was missed"
    assert [i for i in seen if i in set(added)] == added, "rows added while walking come at the end, in order"
    assert removed and all(i in seen for i in removed)


def test_pages_of_every_list_cover_it_exactly(make_user):
    """The other lists walk the same way (each has its own keyset order)."""
    user = make_user("lists")
    application = create_application(user)
    round_ = create_round(user, application["id"])
    for i in range(15):
        create_application(user, company=f"Company {i}")
        create_round(user, application["id"])
        create_interviewer(user, round_["id"], name=f"Person {i}")
        create_role(user)
        assert (
            user.put(f"/api/v1/rounds/{round_['id']}/questions/{create_question(user)['id']}", json={}).status_code
            == 201
        )
    for url in (
        "/api/v1/applications",
        f"/api/v1/applications/{application['id']}/rounds",
        f"/api/v1/rounds/{round_['id']}/interviewers",
        "/api/v1/roles",
        f"/api/v1/rounds/{round_['id']}/questions",
    ):
        whole = user.get(url, params={"limit": 200}).json()["items"]
        key = "question_id" if url.endswith("/questions") else "id"
        paged, cursor = [], None
        while True:
            body = user.get(url, params={"limit": 4, **({"cursor": cursor} if cursor else {})}).json()
            paged += body["items"]
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert [i[key] for i in paged] == [i[key] for i in whole] and len(whole) >= 15, url
    rounds = user.get(f"/api/v1/applications/{application['id']}/rounds", params={"limit": 200}).json()["items"]
    assert [r["sequence"] for r in rounds] == list(range(1, 17))


# Bad cursors


def flip(cursor: str, position: int) -> str:
    replacement = "A" if cursor[position] != "A" else "B"
    return cursor[:position] + replacement + cursor[position + 1 :]


def test_tampered_foreign_and_garbage_cursors_are_400_problems(app, module_user, world):
    for i in range(3):
        create_question(module_user, text=f"Cursor test {i}?")
        create_role(module_user)
    questions_cursor = module_user.get("/api/v1/questions", params={"limit": 1}).json()["next_cursor"]
    roles_cursor = module_user.get("/api/v1/roles", params={"limit": 1}).json()["next_cursor"]
    assert questions_cursor and roles_cursor

    # Forge a cursor that points elsewhere: decode it, edit the payload, keep the old signature.
    raw = base64.urlsafe_b64decode(questions_cursor + "=" * (-len(questions_cursor) % 4))
    forged_payload = raw[:-16].replace(b'"s":"questions"', b'"s":"roles"')
    forged = base64.urlsafe_b64encode(forged_payload + raw[-16:]).decode().rstrip("=")

    bad = [
        flip(questions_cursor, len(questions_cursor) // 2),
        flip(questions_cursor, 5),
        forged,
        roles_cursor,
        "garbage",
        "",
        "%%%",
        "\x00",
        "é",
        "A" * 1000,
        base64.urlsafe_b64encode(b"{}" + b"x" * 16).decode(),
    ]
    for cursor in bad:
        r = module_user.get("/api/v1/questions", params={"cursor": cursor})
        if cursor == "":
            assert r.status_code == 200  # an empty cursor is the first page
            continue
        assert r.status_code in (400, 422), (cursor, r.text)
        assert_problem(r, r.status_code)
    assert_problem(module_user.get("/api/v1/questions", params={"cursor": roles_cursor}), 400)
    assert_problem(module_user.get("/api/v1/roles", params={"cursor": questions_cursor}), 400)
    assert_problem(module_user.get("/api/v1/questions", params={"cursor": "A" * 1001}), 422)

    # Every list refuses a cursor from another list.
    for route in list_routes(app):
        url = route.url(world.path_ids)
        foreign = roles_cursor if route.path != "/api/v1/roles" else questions_cursor
        assert_problem(module_user.get(url, params={"cursor": foreign}), 400)
        assert_problem(module_user.get(url, params={"cursor": "not-a-cursor"}), 400)


# Filters and incremental sync


def test_updated_after_on_every_list(app, module_user, world):
    spec = app.openapi()["paths"]
    syncable = [
        r for r in list_routes(app) if "updated_after" in {p["name"] for p in spec[r.path]["get"].get("parameters", [])}
    ]
    assert RESOURCE_LISTS <= {r.path for r in syncable}
    assert {r.path for r in syncable} == {r.path for r in list_routes(app)}, "every list takes updated_after"
    for route in syncable:
        url = route.url(world.path_ids)
        problem = assert_problem(module_user.get(url, params={"updated_after": "2030-01-01T10:00:00"}), 422)
        assert problem["errors"][0]["field"] == "updated_after"
        far_future = module_user.get(url, params={"updated_after": "9000-01-01T00:00:00+00:00"})
        assert far_future.status_code == 200 and far_future.json()["items"] == [], route.path


def test_updated_after_returns_what_changed_since(make_user):
    user = make_user("sync")
    application = create_application(user)
    round_ = create_round(user, application["id"])
    interviewer, role, question = (create_interviewer(user, round_["id"]), create_role(user), create_question(user))
    # Each list gets a second object that will not change.
    create_application(user), create_round(user, application["id"]), create_interviewer(user, round_["id"])
    create_role(user)
    entry_url = f"/api/v1/rounds/{round_['id']}/questions/{question['id']}"
    assert user.put(entry_url, json={}).status_code == 201
    last = user.put(f"/api/v1/rounds/{round_['id']}/questions/{create_question(user)['id']}", json={})
    assert last.status_code == 201
    since = last.json()["updated_at"]  # the last write so far: nothing has changed after it yet

    # Then one object of each list changes.
    changes = {
        "/api/v1/applications": (user.patch(f"/api/v1/applications/{application['id']}", json={"notes": "x"}), "id"),
        f"/api/v1/applications/{application['id']}/rounds": (
            user.patch(f"/api/v1/rounds/{round_['id']}", json={"notes": "x"}),
            "id",
        ),
        f"/api/v1/rounds/{round_['id']}/interviewers": (
            user.patch(f"/api/v1/interviewers/{interviewer['id']}", json={"notes": "x"}),
            "id",
        ),
        "/api/v1/roles": (user.patch(f"/api/v1/roles/{role['id']}", json={"goals": "x"}), "id"),
        "/api/v1/questions": (user.patch(f"/api/v1/questions/{question['id']}", json={"notes": "x"}), "id"),
        f"/api/v1/rounds/{round_['id']}/questions": (user.put(entry_url, json={"status": "asked"}), "question_id"),
    }
    for url, (response, key) in changes.items():
        assert response.status_code == 200, response.text
        got = user.get(url, params={"updated_after": since}).json()["items"]
        assert [i[key] for i in got] == [response.json()[key]], url
        # The same instant written with another offset means the same thing.
        assert (
            user.get(url, params={"updated_after": "1999-12-31T20:00:00-04:00"}).json()["items"]
            == user.get(url, params={"updated_after": "2000-01-01T00:00:00Z"}).json()["items"]
        )
