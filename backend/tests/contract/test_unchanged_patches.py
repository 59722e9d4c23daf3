"""A PATCH that changes nothing (an empty body, or every field sent as it already is) leaves the
resource's version alone: the same `updated_at`, the same ETag. Walked over every PATCH route the app
serves, so a resource added later is covered without touching this file."""

import time

from tests.support.accounts import User
from tests.support.builders import create_world
from tests.support.routes import ApiRoute, api_routes, request_body_schema, resolve_schema


def patch_routes(app) -> list[ApiRoute]:
    return [r for r in api_routes(app) if r.method == "PATCH"]


def current(u: User, url: str) -> dict:
    """The resource as its GET answers, or, for one without a GET of its own (a round question), as
    the list it belongs to shows it."""
    r = u.get(url)
    if r.status_code == 200:
        return r.json()
    parent, _, key = url.rpartition("/")
    items = u.get(parent).json()["items"]
    return next(item for item in items if key in (str(v) for v in item.values()))


def versions_after(u: User, url: str, body: dict, failures: list[str], what: str) -> None:
    before = current(u, url)
    time.sleep(0.01)  # a new updated_at would differ from the old one
    r = u.patch(url, json=body, headers={"If-Match": before["etag"]})
    if r.status_code != 200:
        failures.append(f"{what}: {r.status_code} {r.text[:200]}")
        return
    after = current(u, url)
    for name in ("etag", "updated_at"):
        if r.json()[name] != before[name] or after[name] != before[name]:
            failures.append(f"{what}: {name} {before[name]} became {after[name]}")
    if r.headers.get("etag") != before["etag"]:
        failures.append(f"{what}: the ETag header {r.headers.get('etag')} is not {before['etag']}")


def test_an_empty_patch_changes_no_version(app, module_user):
    world = create_world(module_user)
    failures: list[str] = []
    routes = patch_routes(app)
    assert len(routes) >= 6, routes  # applications, rounds, interviewers, roles, questions, me...
    for route in routes:
        versions_after(module_user, route.url(world.path_ids), {}, failures, f"PATCH {route.path} {{}}")
    assert not failures, "\n".join(failures)


def test_a_patch_that_sends_the_current_values_changes_no_version(app, module_user):
    world = create_world(module_user)
    failures: list[str] = []
    for route in patch_routes(app):
        url = route.url(world.path_ids)
        _, schema = request_body_schema(app, route) or (None, {})
        writable = set(resolve_schema(app, schema).get("properties", {})) - {"password", "current_password"}
        shown = current(module_user, url)
        body = {name: value for name, value in shown.items() if name in writable}
        assert body, route.path
        versions_after(module_user, url, body, failures, f"PATCH {route.path} with its current values")
    assert not failures, "\n".join(failures)


def test_a_patch_that_changes_a_value_changes_the_version(app, module_user):
    """The other side of the rule: a real change gives a new `updated_at` and a new ETag."""
    world = create_world(module_user)
    failures: list[str] = []
    for route in patch_routes(app):
        url = route.url(world.path_ids)
        _, schema = request_body_schema(app, route) or (None, {})
        properties = resolve_schema(app, schema).get("properties", {})
        text = next(
            name
            for name, spec in properties.items()
            if resolve_schema(app, spec).get("type") == "string"
            and not {"enum", "format"} & set(resolve_schema(app, spec))
            and "password" not in name
            and name != "time_zone"
        )
        before = current(module_user, url)
        time.sleep(0.01)
        r = module_user.patch(url, json={text: f"Changed {time.time_ns()}"}, headers={"If-Match": before["etag"]})
        if r.status_code != 200:
            failures.append(f"PATCH {route.path} {text}: {r.status_code} {r.text[:200]}")
        elif r.json()["etag"] == before["etag"] or r.json()["updated_at"] == before["updated_at"]:
            failures.append(f"PATCH {route.path} {text}: the version did not change")
    assert not failures, "\n".join(failures)
