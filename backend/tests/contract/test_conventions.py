"""The API conventions, checked on every route the app serves (walked from app.routes, so a route
added later is covered without touching this file): problem details, 401/404/405, malformed JSON
and ids, body size, ETag and If-Match, server-owned fields, and no input that gives a 500."""

import json
import uuid

import httpx
import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_world
from tests.support.routes import OPEN_BODIES, ApiRoute, api_routes, request_body_schema, resolve_schema
from tests.support.samplers import sample_value

MiB = 1024 * 1024


# The OAuth token and revocation endpoints answer their refusals as RFC 6749 errors, which OAuth
# client libraries expect (docs/decisions.md, "OAuth for third-party apps").
RFC6749_ENDPOINTS = ("POST /api/v1/oauth/token", "POST /api/v1/oauth/revoke")


def _is_rfc6749_error(response: httpx.Response, what: str) -> bool:
    if not what.startswith(RFC6749_ENDPOINTS) or response.status_code not in (400, 401):
        return False
    body = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
    return isinstance(body.get("error"), str) and response.headers.get("cache-control") == "no-store"


def assert_handled(response: httpx.Response, what: str, failures: list[str]) -> None:
    """Collect (rather than stop at) any 5xx, or any error that is not a problem document."""
    if response.status_code >= 500:
        failures.append(f"{what} -> {response.status_code} {response.text[:200]}")
    elif _is_rfc6749_error(response, what):
        pass
    elif response.status_code >= 400:
        body = (
            response.json() if response.headers.get("content-type", "").startswith("application/problem+json") else None
        )
        if not body or body.get("status") != response.status_code or not body.get("title") or not body.get("type"):
            failures.append(f"{what} -> {response.status_code} is not a problem document: {response.text[:200]}")


def report(failures: list[str]) -> None:
    assert not failures, f"{len(failures)} bad responses:\n" + "\n".join(failures[:60])


def json_routes(app) -> list[tuple[ApiRoute, str, dict]]:
    """(route, media type, body schema) of every route that takes a request body."""
    found = []
    for route in api_routes(app):
        body = request_body_schema(app, route)
        if body is not None:
            found.append((route, *body))
    return found


@pytest.fixture(scope="module")
def world(module_user):
    return create_world(module_user)


# Problem details for routing errors


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v2/applications", "/api"])
def test_unknown_routes_are_404_problems(client, path):
    assert "no resource" in assert_problem(client.get(path), 404)["detail"].lower()


@pytest.mark.parametrize(
    "method, path",
    [
        ("PUT", "/api/v1/applications"),
        ("DELETE", "/api/v1/me"),
        ("POST", "/api/v1/health"),
        ("GET", "/api/v1/auth/token"),
    ],
)
def test_wrong_methods_are_405_problems(client, method, path):
    r = client.request(method, path)
    assert_problem(r, 405)
    assert r.headers["allow"]


def test_every_protected_route_is_401_without_credentials(app, client, world):
    """Routes the OpenAPI document marks as secured refuse anonymous callers, and say how to sign in."""
    failures = []
    spec = app.openapi()["paths"]
    for route in api_routes(app):
        if not spec[route.path][route.method.lower()]["security"]:
            continue
        r = client.request(route.method, route.url(world.path_ids), json={})
        if r.status_code != 401 or "www-authenticate" not in r.headers:
            failures.append(f"{route.method} {route.path} -> {r.status_code}")
        assert_handled(r, f"{route.method} {route.path}", failures)
    report(failures)


def test_malformed_json_is_a_400_problem(module_user):
    r = module_user.post(
        "/api/v1/applications", content=b'{"company": "Acme",', headers={"Content-Type": "application/json"}
    )
    assert assert_problem(r, 400)["type"].endswith("malformed-json")


UNPARSABLE_JSON = {
    "truncated": b'{"company": "Acme",',
    "nested too deeply": b"[" * 100_000 + b"]" * 100_000,
    "invalid UTF-8": b'{"company": "Ac\xffme", "position": "Engineer"}',
    "an integer too long to convert": b'{"salary_min": ' + b"9" * 5000 + b"}",
}


@pytest.mark.parametrize("body", UNPARSABLE_JSON.values(), ids=UNPARSABLE_JSON.keys())
def test_every_unparsable_json_body_is_the_one_malformed_json_problem(app, module_user, world, body):
    # One problem type, whatever the reason the parser gave up; on every route that takes JSON.
    failures = []
    for route, media_type, _schema in json_routes(app):
        if media_type != "application/json":
            continue
        r = module_user.client.request(
            route.method, route.url(world.path_ids), content=body, headers={"Content-Type": "application/json"}
        )
        if r.status_code != 400 or r.json().get("type") != "/problems/malformed-json":
            failures.append(f"{route.method} {route.path} -> {r.status_code} {r.text[:120]}")
        assert_handled(r, f"{route.method} {route.path}", failures)
    report(failures)


def test_validation_errors_list_the_fields(module_user):
    r = module_user.post("/api/v1/questions", json={"direction": "sideways", "importance": 9, "surprise": 1})
    problem = assert_problem(r, 422)
    fields = {e["field"]: e for e in problem["errors"]}
    assert {"direction", "importance", "text", "category", "surprise"} <= set(fields)
    assert all(set(e) == {"field", "location", "message", "type"} for e in problem["errors"])
    assert fields["text"]["type"] == "missing" and fields["surprise"]["type"] == "extra_forbidden"
    assert fields["direction"]["location"] == "body"
    query = assert_problem(module_user.get("/api/v1/questions", params={"limit": 0}), 422)
    assert query["errors"][0]["field"] == "limit" and query["errors"][0]["location"] == "query"


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "%00", "1", "00000000-0000-0000-0000-00000000000g", "%C3%A9"])
def test_malformed_ids_in_the_path_are_problems_on_every_route(app, module_user, world, bad_id):
    failures = []
    for route in api_routes(app):
        for param in route.path_params:
            url = route.url(world.path_ids | {param: bad_id})
            r = module_user.client.request(route.method, url, json={})
            if r.status_code not in (404, 422):
                failures.append(f"{route.method} {url} -> {r.status_code}")
            assert_handled(r, f"{route.method} {url}", failures)
    report(failures)


def test_unknown_ids_are_404_problems_on_every_route(app, module_user, world):
    failures = []
    for route in api_routes(app):
        # source and external_id name nothing that must exist: the upsert makes what is not there.
        for param in set(route.path_params) - {"source", "external_id"}:
            url = route.url(world.path_ids | {param: str(uuid.uuid4())})
            r = module_user.client.request(route.method, url, json={})
            if r.status_code != 404:
                failures.append(f"{route.method} {url} -> {r.status_code}")
            assert_handled(r, f"{route.method} {url}", failures)
    report(failures)


# Body size


def test_bodies_over_one_mebibyte_are_413_with_content_length(module_user):
    body = json.dumps({"company": "Big", "position": "x", "notes": "n" * MiB}).encode()
    r = module_user.post("/api/v1/applications", content=body, headers={"Content-Type": "application/json"})
    assert_problem(r, 413)
    assert module_user.get("/api/v1/applications", params={"q": "Big"}).json()["items"] == []


def test_bodies_over_one_mebibyte_are_413_when_chunked(module_user):
    def chunks():
        yield b'{"company": "Chunked", "position": "x", "notes": "'
        for _ in range(17):
            yield b"n" * 65536
        yield b'"}'

    r = module_user.post("/api/v1/applications", content=chunks(), headers={"Content-Type": "application/json"})
    assert "content-length" not in r.request.headers and r.request.headers["transfer-encoding"] == "chunked"
    assert_problem(r, 413)
    assert module_user.get("/api/v1/applications", params={"q": "Chunked"}).json()["items"] == []


@pytest.mark.parametrize(
    "method, path, media_type",
    [
        ("PATCH", "/api/v1/me", "application/json"),
        ("POST", "/api/v1/auth/token", "application/x-www-form-urlencoded"),
        ("POST", "/api/v1/auth/register", "application/json"),
    ],
)
def test_the_body_limit_applies_to_every_route(module_user, method, path, media_type):
    r = module_user.client.request(method, path, content=b"x" * (MiB + 1), headers={"Content-Type": media_type})
    assert_problem(r, 413)


def test_a_body_just_under_the_limit_is_read(module_user):
    # 100 000 characters of notes is the longest allowed; a body near 1 MiB is parsed and validated.
    body = json.dumps({"company": "Near", "position": "x", "notes": "n" * (MiB - 200)}).encode()
    assert len(body) < MiB
    r = module_user.post("/api/v1/applications", content=body, headers={"Content-Type": "application/json"})
    assert assert_problem(r, 422)["errors"][0]["field"] == "notes"


# ETag and If-Match on every single resource


def single_resource_routes(app) -> list[ApiRoute]:
    """GET routes of one object: those whose path also takes PATCH or DELETE."""
    writable = {r.path for r in api_routes(app) if r.method in ("PATCH", "DELETE")}
    return [r for r in api_routes(app) if r.method == "GET" and r.path in writable]


def test_single_resources_send_an_etag_that_if_match_checks(app, module_user):
    failures = []
    routes = api_routes(app)
    for get in single_resource_routes(app):
        world = create_world(module_user)
        url = get.url(world.path_ids)
        before = module_user.get(url)
        etag = before.headers.get("etag")
        if not etag or not etag.startswith('"'):
            failures.append(f"GET {get.path}: no strong ETag")
            continue
        if any(r.path == get.path and r.method == "PATCH" for r in routes):
            for stale in ('"stale"', "W/" + etag, etag + "x"):
                r = module_user.patch(url, json={}, headers={"If-Match": stale})
                if r.status_code != 412:
                    failures.append(f"PATCH {get.path} If-Match {stale} -> {r.status_code}")
            if module_user.get(url).json() != before.json():
                failures.append(f"PATCH {get.path}: a refused PATCH changed the resource")
            for template in ("{etag}", "*", '"other", {etag}'):
                match = template.format(etag=etag)
                r = module_user.patch(url, json={}, headers={"If-Match": match})
                if r.status_code != 200 or r.headers.get("etag") != module_user.get(url).headers["etag"]:
                    failures.append(f"PATCH {get.path} If-Match {match} -> {r.status_code}")
                etag = r.headers.get("etag", etag)
            if etag != before.headers["etag"]:
                failures.append(f"PATCH {get.path}: an empty PATCH changed the ETag (tests/test_unchanged_patches.py)")
        if any(r.path == get.path and r.method == "DELETE" for r in routes):
            r = module_user.delete(url, headers={"If-Match": '"stale"'})
            if r.status_code != 412 or module_user.get(url).status_code != 200:
                failures.append(f"DELETE {get.path} with a stale If-Match -> {r.status_code}")
            r = module_user.delete(url, headers={"If-Match": module_user.get(url).headers["etag"]})
            if r.status_code != 204 or module_user.get(url).status_code != 404:
                failures.append(f"DELETE {get.path} with the current ETag -> {r.status_code}")
    report(failures)


def test_if_match_too_long_is_a_problem(module_user):
    application = create_application(module_user)
    r = module_user.patch(
        f"/api/v1/applications/{application['id']}", json={}, headers={"If-Match": '"' + "x" * 3000 + '"'}
    )
    assert_problem(r, 422)


# Fields the client may not write

SERVER_OWNED = {
    "id": str(uuid.uuid4()),
    "owner_id": str(uuid.uuid4()),
    "user_id": str(uuid.uuid4()),
    "created_at": "2030-01-01T00:00:00Z",
    "updated_at": "2030-01-01T00:00:00Z",
    "sequence": 99,
    "application_id": str(uuid.uuid4()),
    "round_id": str(uuid.uuid4()),
    "question_id": str(uuid.uuid4()),
    "password_hash": "$argon2id$x",
    "token_hash": "x",
    "followed_up_at": "2030-01-01T00:00:00Z",
    "follow_up_on_is_manual": True,
    "is_admin": True,
}


def open_body_takes_no_server_field(user, route: ApiRoute, resolved: dict) -> list[str]:
    """An open body (OPEN_BODIES) with every server-owned field added: accepted, and none is taken."""
    body = resolved["examples"][0] | SERVER_OWNED | {"url": f"https://jobs.example.com/{uuid.uuid4().hex}"}
    r = user.client.request(route.method, route.path, json=body)
    if r.status_code not in (200, 201):
        return [f"{route.method} {route.path} with server-owned fields -> {r.status_code} {r.text[:150]}"]
    got = r.json()
    shown = got | got.get("application", {})
    return [
        f"{route.method} {route.path} took {field} from the body"
        for field, value in SERVER_OWNED.items()
        if field in shown and shown[field] == value
    ]


def test_unknown_and_server_owned_fields_are_refused_everywhere(app, make_user):
    """Every JSON body refuses unknown fields and fields the server owns, and nothing changes."""
    failures = []
    user = make_user("mass-assignment")  # fresh, so each list fits in one page and can be compared whole
    world = create_world(user)
    routes = api_routes(app)
    for route, media_type, schema in json_routes(app):
        if media_type != "application/json":
            continue
        resolved = resolve_schema(app, schema)
        if (route.method, route.path) in OPEN_BODIES:
            failures.extend(open_body_takes_no_server_field(user, route, resolved))
            continue
        if resolved.get("additionalProperties") is not False:
            failures.append(f"{route.method} {route.path}: its body model does not forbid unknown fields")
        url = route.url(world.path_ids)
        readable = next((r for r in routes if r.method == "GET" and r.path == route.path), None)
        snapshot = user.get(url).json() if readable else None
        for field, value in SERVER_OWNED.items():
            if field in resolved.get("properties", {}):
                continue
            body = sample_value(app, schema, ids=world.path_ids) | {field: value}
            r = user.client.request(route.method, url, json=body)
            errors = r.json().get("errors", []) if r.status_code == 422 else []
            if not any(e["field"] == field and e["type"] == "extra_forbidden" for e in errors):
                failures.append(f"{route.method} {route.path} with {field} -> {r.status_code} {r.text[:150]}")
        if readable and user.get(url).json() != snapshot:
            failures.append(f"{route.method} {route.path}: refused requests changed {url}")
    report(failures)


# No input gives a 500

DEEP = 10_000
NESTED = json.loads("[" * 900 + "]" * 900)


def bad_values(app, schema: dict) -> list:
    """Values that must never get past validation into the database, for one property's schema."""
    resolved = resolve_schema(app, schema)
    kind, fmt = resolved.get("type"), resolved.get("format")
    common = [None, True, "a\x00b", NESTED]  # null, a wrong type, a NUL byte, deep nesting
    if "enum" in resolved:
        return common + ["", "x" * 3000]
    if kind == "string" and fmt == "date-time":  # naive; an offset that pushes UTC past year 9999 or before 1
        return common + ["2030-01-01T10:00:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"]
    if kind == "string" and fmt == "date":
        return common + ["2030-02-30", "0001-01-01", "9999-12-31"]
    if kind == "string" and fmt == "uuid":
        return common + ["00000000-0000-0000-0000-000000000000", ""]
    if kind == "string":
        return common + ["", "   ", "\x00", "x" * 3000]
    if kind in ("integer", "number"):
        return common + [10**30, -(10**30), 1.5, 1e308]
    if kind == "array":
        return common + [["a\x00b"], [str(uuid.uuid4())], [10**30], ["x" * 3000]]
    if kind == "object":
        return common + [{"a\x00b": 1}, {"teamwork": 10**30}, {"teamwork": "a\x00b"}, {"x" * 3000: 1}]
    return common + [10**30, -(10**30), "", "x" * 3000, {"a\x00b": 1}]


RAW_BODIES = [
    b"",
    b"null",
    b"[]",
    b'"text"',
    b"0",
    b"true",
    b"{",
    b'{"a":',
    b"}{",
    b"\xff\xfe\xfd",
    b'{"company": "\xff\xfe", "position": "x", "text": "\xff", "name": "\xc3("}',
    b"[" * DEEP + b"]" * DEEP,
    b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    b"NaN",
    b"Infinity",
    b'{"importance": NaN, "salary_min": Infinity, "weight": -Infinity}',
    b'{"salary_min": 1e400, "importance": 1e400, "minutes": -1e400}',
    b"9" * 5000,
    b'{"importance": ' + b"9" * 5000 + b"}",
    b'{"\\u0000": 1, "company": "\\u0000", "text": "a\\u0000b", "name": "\\u0000"}',
    b'{"company": "a", "company": "b"}',
]


def mutations(app, schema: dict, base: dict):
    """Bodies that break one property of `base` at a time, with every bad value for its type."""
    for field, field_schema in resolve_schema(app, schema).get("properties", {}).items():
        for value in bad_values(app, field_schema):
            yield f"{field}={value!r:.40}", base | {field: value}


def send(http: httpx.Client, failures: list[str], what: str, method: str, url: str, **kwargs) -> httpx.Response | None:
    """One request of a table: a dropped connection counts as a failure too, and the table goes on."""
    try:
        response = http.request(method, url, **kwargs)
    except httpx.TransportError as exc:
        failures.append(f"{what} -> connection error {exc!r}")
        return None
    assert_handled(response, what, failures)
    return response


def test_no_body_gives_a_500_on_any_route(app, module_user, world):
    failures = []
    http = module_user.client
    for route, media_type, schema in json_routes(app):
        url = route.url(world.path_ids)
        base = sample_value(app, schema, ids=world.path_ids)
        if (route.method, route.path) in OPEN_BODIES:
            base = resolve_schema(app, schema)["examples"][0]  # a real posting: an empty object holds none
        if route.method == "PUT" and route.path.endswith("/interviewers/order"):
            base = http.get(url).json()  # the body must name the panel as it stands: start from it
        what = f"{route.method} {route.path}"
        if media_type == "application/json":
            r = send(http, failures, f"{what} sample", route.method, url, json=base)
            if r is not None and r.status_code == 422:
                failures.append(f"{what}: the sample body is not valid, so the mutations prove little: {r.text}")
            for label, body in mutations(app, schema, base):
                send(http, failures, f"{what} {label}", route.method, url, json=body)
            for raw in RAW_BODIES:
                send(
                    http,
                    failures,
                    f"{what} raw {raw[:30]!r}",
                    route.method,
                    url,
                    content=raw,
                    headers={"Content-Type": "application/json"},
                )
            for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
                send(
                    http,
                    failures,
                    f"{what} JSON as {content_type}",
                    route.method,
                    url,
                    content=json.dumps(base),
                    headers={"Content-Type": content_type},
                )
        else:  # forms: only strings travel
            for field in resolve_schema(app, schema).get("properties", {}):
                # Few values: a form that validates costs an Argon2 verification.
                for value in ("a\x00b", "x" * 5000):
                    send(
                        http,
                        failures,
                        f"{what} form {field}={value[:20]!r}",
                        route.method,
                        url,
                        data=base | {field: value},
                    )
            for raw in (b"\xff\xfe=\xff", b"username=%00&password=%00", b"a=" + b"%" * 100, b"=" * 1000):
                send(
                    http,
                    failures,
                    f"{what} raw form {raw[:30]!r}",
                    route.method,
                    url,
                    content=raw,
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                )
    report(failures)
    assert module_user.get("/api/v1/me").status_code == 200  # and the account still works


BAD_QUERY_VALUES = [
    "\x00",
    "a\x00b",
    "",
    " ",
    "x" * 5000,
    str(10**30),
    "-1",
    "0",
    "1e3",
    "true",
    "2030-01-01T10:00:00",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "2030-13-45T99:00:00Z",
    "not-a-cursor",
    "é",
    "%",
    "_",
    "*",
    "\\",
    "'; --",
]


def test_no_query_parameter_gives_a_500_on_any_route(app, module_user, world):
    failures = []
    spec = app.openapi()["paths"]
    for route in api_routes(app):
        operation = spec[route.path][route.method.lower()]
        url = route.url(world.path_ids)
        for param in (p["name"] for p in operation.get("parameters", []) if p["in"] == "query"):
            for value in BAD_QUERY_VALUES:
                send(
                    module_user.client,
                    failures,
                    f"{route.method} {route.path}?{param}={value[:20]!r}",
                    route.method,
                    url,
                    params={param: value},
                )
            send(
                module_user.client,
                failures,
                f"{route.method} {route.path}?{param}=%ff%fe repeated",
                route.method,
                f"{url}?{param}=%ff%fe&{param}=1&{param}=2",
            )
    report(failures)


def test_405_allow_header_names_every_method_of_the_path(client):
    r = client.delete("/api/v1/applications")
    problem = assert_problem(r, 405)
    assert r.headers["allow"] == "GET, HEAD, POST"  # HEAD wherever GET (middleware/http_fields.py)
    assert "GET, HEAD, POST" in problem["detail"]
    allow = client.put("/api/v1/rounds/00000000-0000-0000-0000-000000000000").headers["allow"]
    assert allow == "DELETE, GET, HEAD, PATCH"


def test_times_are_iso_8601_text_not_unix_timestamps(module_user):
    for value in ("0", "1700000000", "1.5e9"):
        problem = assert_problem(module_user.get("/api/v1/applications", params={"updated_after": value}), 422)
        assert "ISO 8601 text" in problem["errors"][0]["message"]


def test_dates_are_iso_8601_text_not_numbers(module_user):
    application = create_application(module_user)
    url = f"/api/v1/applications/{application['id']}/rounds"
    for value in (1700000000, "1700000000"):
        problem = assert_problem(module_user.post(url, json={"follow_up_on": value}), 422)
        assert problem["errors"][0]["field"] == "follow_up_on" and "ISO 8601 text" in problem["errors"][0]["message"]
    assert module_user.post(url, json={"follow_up_on": "2026-12-04"}).status_code == 201
