"""Words for people: every 422 message is a sentence that names the field as the screen does.

Walks every write route (from the OpenAPI document, so a field or route added later is covered) and
every query parameter, sends values of the wrong kind, size and form, and reads each message: no
field code (`salary_min`), no Pydantic wording ("Input should", "String should", "valid UUID"), no
lowercase fragment; `type` stays the stable code."""

import re

import pytest

from secondround.api import wording
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_round, create_world
from tests.support.routes import api_routes, request_body_schema, resolve_schema

# Values of every wrong kind: an object, an empty and an overlong text, numbers out of range or not
# whole, a boolean, a list, a malformed id, a malformed date.
BAD_VALUES = [{"x": 1}, "", "x" * 2049, -5, 10**13, 1.5, True, [1], "not-a-uuid", "2026-13-45"]
BAD_QUERY_VALUES = ["", "not-a-uuid", "-5", "abc", "2026-13-45", "x" * 2049]
PYDANTIC_WORDING = ("Input should", "String should", "valid UUID", "Value error", "Field required", "Extra inputs")


@pytest.fixture(scope="module")
def world(module_user):
    return create_world(module_user)


def _field_codes(app) -> set[str]:
    """Every snake_case name a client can send: request body properties and query parameters."""
    names: set[str] = set()
    for route in api_routes(app):
        if (body := request_body_schema(app, route)) is not None:
            names.update(resolve_schema(app, body[1]).get("properties", {}))
    for operations in app.openapi()["paths"].values():
        for operation in operations.values():
            names.update(p["name"] for p in operation.get("parameters", []) if p["in"] == "query")
    return {n for n in names if "_" in n}


def _check(messages: list[tuple[str, dict]], codes: set[str]) -> list[str]:
    code = re.compile(r"\b(" + "|".join(sorted(codes, key=len, reverse=True)) + r")\b")
    failures = []
    for what, error in messages:
        message = error["message"]
        if not message or message[0].islower() or not message.endswith((".", "?")):
            failures.append(f"{what}: not a sentence: {message!r}")
        if any(words in message for words in PYDANTIC_WORDING):
            failures.append(f"{what}: Pydantic wording: {message!r}")
        if found := code.search(message):
            failures.append(f"{what}: field code {found[0]!r} in {message!r}")
        if not re.fullmatch(r"[a-z_]+", error["type"]):
            failures.append(f"{what}: type {error['type']!r} is not a code")
    return failures


def media_type_of(body: tuple[str, dict]) -> str:
    return body[0]


def test_every_write_route_answers_bad_values_with_sentences(app, module_user, world):
    ids = world.path_ids
    messages: list[tuple[str, dict]] = []
    for route in api_routes(app):
        body = request_body_schema(app, route)
        if body is None or route.path.startswith("/api/v1/auth"):  # sign-in forms: own test below
            continue
        if media_type_of(body) == "application/x-www-form-urlencoded" and route.path.startswith("/api/v1/oauth/"):
            continue  # the OAuth token and revocation forms answer RFC 6749 errors (tests/oauth)
            continue
        media_type, schema = body
        properties = resolve_schema(app, schema).get("properties", {})
        url = route.url(ids)
        for name in properties:
            for value in BAD_VALUES:
                r = module_user.client.request(route.method, url, json={name: value})
                if r.status_code == 422:
                    messages += [(f"{route.method} {route.path} {name}={value!r:.20}", e) for e in r.json()["errors"]]
        r = module_user.client.request(route.method, url, json=[])
        messages += [(f"{route.method} {route.path} []", e) for e in assert_problem(r, 422)["errors"]]
    assert len(messages) > 300, len(messages)  # the walk reached the routes
    failures = _check(messages, _field_codes(app))
    assert not failures, f"{len(failures)} messages:\n" + "\n".join(failures[:60])


def test_every_query_parameter_answers_bad_values_with_sentences(app, module_user, world):
    messages: list[tuple[str, dict]] = []
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            if method != "get":
                continue
            url = re.sub(r"{(\w+)}", lambda m: world.path_ids[m.group(1)], path)
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "query" or parameter["name"] == "token":
                    continue
                for value in BAD_QUERY_VALUES:
                    r = module_user.client.get(url, params={parameter["name"]: value})
                    if r.status_code == 422:
                        messages += [(f"GET {path}?{parameter['name']}={value:.20}", e) for e in r.json()["errors"]]
    assert len(messages) > 20, len(messages)
    failures = _check(messages, _field_codes(app))
    assert not failures, f"{len(failures)} messages:\n" + "\n".join(failures[:60])


def test_sign_up_and_sign_in_answer_with_sentences(app, client):
    messages = []
    for body in [
        {"email": "not an email", "password": "short"},
        {"email": "a@example.com", "password": "x" * 2000, "display_name": "", "time_zone": "Mars/Base"},
        {"email": "alex@example.com", "password": "alexcandidate1", "display_name": "Alex Candidate"},
        {},
    ]:
        r = client.post("/api/v1/auth/register", json=body)
        messages += [(f"register {body}", e) for e in assert_problem(r, 422)["errors"]]
    r = client.post("/api/v1/auth/login", json={"email": "", "password": ""})
    messages += [("login", e) for e in assert_problem(r, 422)["errors"]]
    failures = _check(messages, _field_codes(app))
    assert not failures, "\n".join(failures)
    said = {e["message"] for _, e in messages}
    assert "Password must have at least 12 characters." in said
    assert "Your name must not be empty." in said
    assert any(m.startswith("Password is built from your name or email") for m in said), said


def test_the_messages_the_issue_quotes(module_user):
    application = create_application(module_user)
    url = f"/api/v1/applications/{application['id']}"
    range_ = assert_problem(module_user.patch(url, json={"salary_min": 9, "salary_max": 1}), 422)
    assert range_["errors"] == [
        {
            "field": "salary_min",
            "location": "body",
            "message": "Lowest salary must not be more than the highest salary.",
            "type": "salary_range",
        }
    ]
    assert range_["detail"] == "Lowest salary must not be more than the highest salary."
    created = module_user.post(
        "/api/v1/applications", json={"company": "A", "position": "B", "salary_min": 9, "salary_max": 1}
    )
    assert assert_problem(created, 422)["errors"][0]["field"] == "salary_min"
    empty = assert_problem(module_user.post("/api/v1/roles", json={"name": " "}), 422)["errors"][0]
    assert (empty["message"], empty["type"]) == ("Name must not be empty.", "string_too_short")
    # A collection with a hyphen in its path uses its own screen's words too.
    key = assert_problem(module_user.post("/api/v1/api-keys", json={"name": " ", "scopes": ["read"]}), 422)
    assert key["errors"][0]["message"] == "Key name must not be empty."
    # The column holds 100 characters: the schema says so, and a longer name is a 422, not a 500.
    long = module_user.post("/api/v1/api-keys", json={"name": "k" * 101, "scopes": ["read"]})
    assert assert_problem(long, 422)["errors"][0]["message"].startswith("Key name")
    round_ = create_round(module_user, application["id"])
    question = module_user.put(f"/api/v1/rounds/{round_['id']}/questions/new", json={"pinned": "yes"})
    assert assert_problem(question, 404)["detail"] == "No question with id new."


def test_a_bad_id_in_the_path_is_the_same_404_as_an_unknown_one(module_user):
    malformed = assert_problem(module_user.get("/api/v1/rounds/nope"), 404)
    unknown = assert_problem(module_user.get("/api/v1/rounds/00000000-0000-4000-8000-000000000000"), 404)
    assert malformed["type"] == unknown["type"] == "/problems/not-found"
    assert malformed["detail"] == "No round with id nope."


@pytest.mark.parametrize(
    ("field", "fragment", "resource", "sentence"),
    [
        ("salary_max", "must be at least 0", None, "Highest salary must be at least 0."),
        (
            "location",
            "must have at most 2,000 characters",
            "rounds",
            "Place or video link must have at most 2,000 characters.",
        ),
        ("focus.teamwork", "must be at most 1", "roles", "Focus must be at most 1."),
        ("target_role_ids.0", "is not an id this app gives", None, "Roles is not an id this app gives."),
        ("something_new", "must be true or false", None, "Something new must be true or false."),
        ("scheduled_at", "The interview is over.", None, "The interview is over."),
    ],
)
def test_sentences_name_the_field_as_the_screen_does(field, fragment, resource, sentence):
    assert wording.sentence(field, fragment, resource) == sentence


def test_every_field_a_client_can_send_has_a_label(app):
    missing = sorted(n for n in _field_codes(app) | {"name", "email"} if n not in wording.FIELD_LABELS)
    assert not missing, f"give these fields their screen's words in api/wording.py FIELD_LABELS: {missing}"
