"""Nobody reaches another user's data: every route with an object id in its path answers a second
user with a 404 problem, for every method, and changes nothing. The routes are walked from
app.routes, so a route added later is covered without touching this file."""

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import World, create_world, roles_by_name
from tests.support.routes import api_routes, request_body_schema
from tests.support.samplers import sample_value

# Path parameters that name something in the caller's own namespace rather than an object: another
# user's PUT /applications/by-external-id/{source}/{external_id} makes their own application
# (tests/applications/test_external_ids.py proves A's stays untouched).
OWN_NAMESPACE = {"source", "external_id"}


@pytest.fixture(scope="module")
def worlds(module_user, module_other_user) -> tuple[World, World]:
    return create_world(module_user), create_world(module_other_user)


def snapshot(u, world: World) -> dict[str, object]:
    """Everything user A can read about their world, to prove B's attempts changed none of it."""
    w = world.path_ids
    urls = [
        f"/api/v1/applications/{w['application_id']}",
        f"/api/v1/applications/{w['application_id']}/rounds",
        f"/api/v1/applications/{w['application_id']}/answers",
        f"/api/v1/applications/{w['application_id']}/answers/{w['question_id']}",
        f"/api/v1/rounds/{w['round_id']}",
        f"/api/v1/rounds/{w['round_id']}/interviewers",
        f"/api/v1/rounds/{w['round_id']}/questions",
        f"/api/v1/interviewers/{w['interviewer_id']}",
        f"/api/v1/roles/{w['role_id']}",
        f"/api/v1/questions/{w['question_id']}",
    ]
    state = {}
    for url in urls:
        r = u.get(url)
        assert r.status_code == 200, (url, r.text)
        state[url] = (r.json(), r.headers.get("etag"))
    return state


def test_another_users_objects_are_404_on_every_route_and_method(app, module_user, module_other_user, worlds):
    a, b = module_user, module_other_user
    world_a, _ = worlds
    before = snapshot(a, world_a)
    routes = [r for r in api_routes(app) if set(r.path_params) - OWN_NAMESPACE]
    assert len(routes) >= 20  # the walk found the app's routes
    # Writes and reads first, deletes last, so a delete that wrongly went through cannot hide another leak.
    failures = []
    for route in sorted(routes, key=lambda r: r.method == "DELETE"):
        url = route.url(world_a.path_ids)
        body = request_body_schema(app, route)
        kwargs = {}
        if body is not None:  # a valid body, so only ownership can make the request fail
            media_type, schema = body
            sample = sample_value(app, schema, ids=world_a.path_ids)
            kwargs = {"json": sample} if media_type == "application/json" else {"data": sample}
        r = b.client.request(route.method, url, **kwargs)
        is_problem = r.headers.get("content-type", "").startswith("application/problem+json")
        if r.status_code != 404 or not is_problem:
            failures.append(f"{route.method} {route.path} -> {r.status_code} {r.text[:120]}")
        for value in world_a.path_ids.values():
            if value in r.text and value not in url:
                failures.append(f"{route.method} {route.path}: the 404 leaks {value}")
    assert not failures, "\n".join(failures)
    assert snapshot(a, world_a) == before


def test_another_users_object_is_404_even_next_to_your_own(app, module_user, module_other_user, worlds):
    """On routes naming two objects, one of them A's and the others B's own, B still gets a 404."""
    world_a, world_b = worlds
    b = module_other_user
    before = snapshot(b, world_b)
    mixed = 0
    for route in api_routes(app):
        if len(set(route.path_params) - OWN_NAMESPACE) < 2 or route.method == "DELETE":
            continue
        body = request_body_schema(app, route)
        for foreign in route.path_params:
            url = route.url(world_b.path_ids | {foreign: world_a.path_ids[foreign]})
            kwargs = {}
            if body is not None:
                media_type, schema = body
                sample = sample_value(app, schema, ids=world_b.path_ids)
                kwargs = {"json": sample} if media_type == "application/json" else {"data": sample}
            assert_problem(b.client.request(route.method, url, **kwargs), 404)
            mixed += 1
    assert mixed >= 2  # e.g. PUT /rounds/{round_id}/questions/{question_id}, both ways round
    assert snapshot(b, world_b) == before


def test_lists_never_show_another_users_objects(app, module_user, module_other_user, worlds):
    """Every GET route, filled with B's own objects, returns nothing of A's."""
    world_a, world_b = worlds
    a_ids = set(world_a.path_ids.values()) | {module_user.id}
    checked = 0
    for route in api_routes(app):
        if route.method != "GET":
            continue
        parameters = {p["name"] for p in app.openapi()["paths"][route.path]["get"].get("parameters", [])}
        r = module_other_user.get(route.url(world_b.path_ids), params={"limit": 200} if "limit" in parameters else None)
        assert r.status_code < 500, (route.path, r.text)
        leaked = [i for i in a_ids if i in r.text]
        assert not leaked, f"GET {route.path} shows {leaked} of another user"
        checked += 1
    assert checked >= 10
    # And the ids B sees in the top-level lists are B's own.
    b_apps = {x["id"] for x in module_other_user.get("/api/v1/applications", params={"limit": 200}).json()["items"]}
    assert world_b.application["id"] in b_apps and world_a.application["id"] not in b_apps


def test_naming_another_users_role_in_a_body_is_refused_and_creates_nothing(module_user, module_other_user, worlds):
    world_a, world_b = worlds
    b = module_other_user
    foreign_roles = [world_a.role["id"], roles_by_name(module_user)["HR"]["id"]]
    interviewers_url = f"/api/v1/rounds/{world_b.round['id']}/interviewers"
    interviewers_before = b.get(interviewers_url).json()["items"]
    questions_before = b.get("/api/v1/questions", params={"limit": 200}).json()["items"]

    for role_id in foreign_roles:
        problem = assert_problem(b.post(interviewers_url, json={"name": "Eve", "role_id": role_id}), 422)
        assert problem["errors"][0]["field"] == "role_id"
        problem = assert_problem(
            b.patch(f"/api/v1/interviewers/{world_b.interviewer['id']}", json={"role_id": role_id}), 422
        )
        assert problem["errors"][0]["field"] == "role_id"
        body = {"direction": "ask", "text": "Sneaky?", "category": "teamwork", "target_role_ids": [role_id]}
        problem = assert_problem(b.post("/api/v1/questions", json=body), 422)
        assert problem["errors"][0]["field"] == "target_role_ids"
        problem = assert_problem(
            b.patch(
                f"/api/v1/questions/{world_b.question['id']}", json={"target_role_ids": [world_b.role["id"], role_id]}
            ),
            422,
        )
        assert problem["errors"][0]["field"] == "target_role_ids"

    assert b.get(interviewers_url).json()["items"] == interviewers_before
    assert b.get("/api/v1/questions", params={"limit": 200}).json()["items"] == questions_before
    # A's role is untouched and still A's alone.
    assert module_user.get(f"/api/v1/roles/{world_a.role['id']}").status_code == 200


def test_naming_another_users_application_is_refused_and_shows_nothing(module_user, module_other_user, worlds):
    world_a, world_b = worlds
    a, b = module_user, module_other_user
    foreign = world_a.application["id"]
    a_question = a.post(
        "/api/v1/questions",
        json={"direction": "ask", "text": "Only for A's company?", "category": "teamwork", "application_id": foreign},
    ).json()
    questions_before = b.get("/api/v1/questions", params={"limit": 200}).json()["items"]

    body = {"direction": "ask", "text": "Sneaky?", "category": "teamwork", "application_id": foreign}
    problem = assert_problem(b.post("/api/v1/questions", json=body), 422)
    assert problem["errors"][0]["field"] == "application_id"
    problem = assert_problem(
        b.patch(f"/api/v1/questions/{world_b.question['id']}", json={"application_id": foreign}), 422
    )
    assert problem["errors"][0]["field"] == "application_id"
    r = b.get("/api/v1/questions", params={"application_id": foreign})
    assert assert_problem(r, 422)["errors"][0]["location"] == "query" and a_question["id"] not in r.text
    assert a_question["id"] not in b.get("/api/v1/questions", params={"scope": "application", "limit": 200}).text

    assert b.get("/api/v1/questions", params={"limit": 200}).json()["items"] == questions_before
    assert a.get(f"/api/v1/questions/{a_question['id']}").json() == a_question
