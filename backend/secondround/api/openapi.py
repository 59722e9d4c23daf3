"""OpenAPI: stable, readable operation ids, problem+json errors, and the parts of the contract
FastAPI does not write by itself (response headers, public operations, problem types)."""

import re
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from secondround.api.problems import PROBLEM_MEDIA_TYPE, problem_types
from secondround.middleware.admission import UNLIMITED_PATHS

# Response headers the API sends, declared on the responses that carry them so generated clients
# can read them. Routes name them with `response_headers(...)`.
HEADERS: dict[str, dict[str, Any]] = {
    "ETag": {
        "description": "The entity tag of the resource as returned; send it back in `If-Match` on PATCH, PUT or "
        "DELETE so a concurrent change gives 412 instead of being overwritten.",
        "schema": {"type": "string", "example": '"3f2a9c0d5e1b7a4c8d6e2f10"'},
    },
    "Location": {
        "description": "Path of the resource just created.",
        "schema": {"type": "string", "format": "uri-reference"},
    },
    "Link": {
        "description": 'The next page as `<url>; rel="next"` (RFC 8288); absent on the last page.',
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 0},
    },
    "WWW-Authenticate": {
        "description": "The authentication scheme to use (`Bearer`).",
        "schema": {"type": "string"},
    },
    "Set-Cookie": {
        "description": "The HttpOnly, SameSite=Lax session cookie (cleared on logout).",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "`no-store`: the response holds a secret and must not be cached.",
        "schema": {"type": "string"},
    },
    "Content-Disposition": {
        "description": "Suggests a file name for the download.",
        "schema": {"type": "string"},
    },
    "RateLimit-Policy": {
        "description": 'The sign-in limits in force (draft-ietf-httpapi-ratelimit-headers): `"account-60s";q=10;w=60`.',
        "schema": {"type": "string"},
    },
    "RateLimit": {
        "description": 'What is left of each sign-in limit, e.g. `"account-60s";r=0;t=42`.',
        "schema": {"type": "string"},
    },
}
# Headers every response with this status carries, whichever route sent it.
HEADERS_BY_STATUS = {"401": ["WWW-Authenticate"], "429": ["Retry-After"], "503": ["Retry-After"]}


def response_headers(status: int, *names: str, description: str | None = None) -> dict[int | str, dict[str, Any]]:
    """A `responses=` entry declaring the headers a route sends with `status`."""
    entry: dict[str, Any] = {"headers": {name: HEADERS[name] for name in names}}
    if description:
        entry["description"] = description
    return {status: entry}


def with_headers_on(responses: dict[int | str, dict[str, Any]], *names: str) -> dict[int | str, dict[str, Any]]:
    """The same `responses=` entries, each also declaring `names` (headers a route sends with any answer)."""
    return {
        status: {**entry, "headers": {**entry.get("headers", {}), **{name: HEADERS[name] for name in names}}}
        for status, entry in responses.items()
    }


def operation_id(route: APIRoute) -> str:
    """`list_applications` tagged `applications` -> `applications-list`; `get_round_plan` -> `rounds-get-plan`."""
    tag = str(route.tags[0]) if route.tags else "default"
    stems = {tag, tag.rstrip("s"), tag.replace("-", "_"), tag.replace("-", "_").rstrip("s")}
    words = [w for w in route.name.split("_") if w not in stems]
    name = "_".join(words)
    for stem in sorted(stems, key=len, reverse=True):  # multi-word tags such as round_questions
        name = name.replace(f"_{stem}", "").replace(stem, "")
    return f"{tag}-{name.strip('_').replace('_', '-') or 'call'}"


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query or header value is text: `null` cannot be sent, only left out. FastAPI writes
    optional parameters as `anyOf: [X, null]`, which makes generated clients send the word null."""
    branches = schema.get("anyOf")
    if not branches:
        return schema
    rest = [b for b in branches if b.get("type") != "null"]
    if len(rest) == len(branches):
        return schema
    extra = {k: v for k, v in schema.items() if k != "anyOf"}
    return {**rest[0], **extra} if len(rest) == 1 else {**extra, "anyOf": rest}


def _problem_type_enum(schema: dict[str, Any]) -> None:
    problem = schema["components"]["schemas"]["Problem"]
    problem["properties"]["type"]["enum"] = ["about:blank"] + sorted(f"/problems/{slug}" for slug in problem_types())


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


# The description of an error answered the RFC 6749 way (the OAuth token and revocation endpoints,
# oauth/router.py) rather than as a problem document.
RFC6749_ERROR = "An RFC 6749 error (`error`, `error_description`), not a problem document"


def _complete_operation(path: str, operation: dict[str, Any]) -> None:
    # Operations without a security dependency are public; say so (an absent list means "inherit").
    operation.setdefault("security", [])
    for parameter in operation.get("parameters", []):
        parameter["schema"] = _without_null(parameter["schema"])
    responses = operation["responses"]
    # Every operation refuses unknown query parameters (and, with a body, invalid fields) with 422.
    responses.setdefault(
        "422", _problem("Invalid input; `errors` lists the fields (an unknown query parameter is one)")
    )
    # Admission control (middleware/admission.py) answers before any route: 429 per account, 503 when the
    # server or its database is busy or down (health probes are never limited, but can be unready).
    if path not in UNLIMITED_PATHS:
        responses.setdefault(
            "429", _problem("Too many requests in progress for this account; retry after `Retry-After`")
        )
    responses.setdefault("503", _problem("The server or its database is busy or down; retry after `Retry-After`"))
    if "requestBody" in operation:
        # FastAPI answers 400 itself when a body cannot be parsed at all (e.g. a broken form).
        responses.setdefault("400", _problem("The body could not be parsed (malformed JSON or form data)"))
    for code, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        if code[0] in "45" and "application/json" in content and response.get("description") != RFC6749_ERROR:
            response["content"] = {PROBLEM_MEDIA_TYPE: content.pop("application/json")}
        for name in HEADERS_BY_STATUS.get(code, []):
            response.setdefault("headers", {})[name] = HEADERS[name]


def _path_parameters(path: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", path))


# Objects known by another field than `id`: an OAuth app by its client_id (the value OAuth requests carry).
KEY_FIELDS = {"oauth_client_id": "client_id"}


def _link_creates_to_their_uses(schema: dict[str, Any]) -> None:
    """OpenAPI links from each create to every operation that takes the new object's id alone (get,
    update, delete, its sub-resources), so clients and stateful testers can follow them."""
    operations = [(path, op) for path, ops in schema["paths"].items() for op in ops.values()]
    for _, create in operations:
        if not create["operationId"].endswith("-create") or "201" not in create["responses"]:
            continue
        parameter = create["tags"][0].rstrip("s").replace("-", "_") + "_id"
        links = {
            op["operationId"]: {
                "operationId": op["operationId"],
                "parameters": {parameter: f"$response.body#/{KEY_FIELDS.get(parameter, 'id')}"},
                "description": f"`{KEY_FIELDS.get(parameter, 'id')}` of the created object as `{parameter}`.",
            }
            for path, op in operations
            if _path_parameters(path) == {parameter}
        }
        if links:
            create["responses"]["201"]["links"] = links


def install_openapi(app: FastAPI, *, servers: list[dict[str, str]], contact: dict[str, str]) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
            servers=servers,
            contact=contact,
            license_info=app.license_info,
        )
        for path, operations in schema.get("paths", {}).items():
            for operation in operations.values():
                _complete_operation(path, operation)
        _problem_type_enum(schema)
        _link_creates_to_their_uses(schema)
        app.openapi_schema = schema
        return schema

    app.openapi = build  # type: ignore[method-assign]
