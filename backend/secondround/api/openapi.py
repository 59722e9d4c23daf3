"""OpenAPI: stable, readable operation ids, problem+json errors, and the parts of the contract
FastAPI does not write by itself (response headers, public operations, problem types)."""

import json
import re
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel

from secondround.api.problems import PROBLEM_MEDIA_TYPE, problem_types
from secondround.middleware.admission import UNLIMITED_PATHS
from secondround.middleware.http_fields import UNTAGGED_PATHS

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
        "description": "The limits this request was counted against (draft-ietf-httpapi-ratelimit-headers-11): "
        'a bearer credential\'s budget `"per-credential";q=600;w=60`, the sign-in limits '
        '`"account-60s";q=10;w=60`, or requests in progress `"per-account-in-progress";q=6;w=1`.',
        "schema": {"type": "string"},
    },
    "RateLimit": {
        "description": 'What is left of each of those limits and when it resets, e.g. `"per-credential";r=599;t=42`.',
        "schema": {"type": "string"},
    },
    "Accept-Post": {
        "description": "The media types this operation reads in a POST body.",
        "schema": {"type": "string"},
    },
    "Accept-Patch": {
        "description": "The media types this operation reads in a PATCH body (RFC 5789).",
        "schema": {"type": "string"},
    },
}
RATE_LIMIT_FIELDS = ("RateLimit-Policy", "RateLimit")
# Headers every response with this status carries, whichever route sent it.
HEADERS_BY_STATUS = {"401": ["WWW-Authenticate"], "429": ["Retry-After", *RATE_LIMIT_FIELDS], "503": ["Retry-After"]}


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


def _complete_operation(path: str, method: str, operation: dict[str, Any]) -> None:
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
        # api/media_types.py: a body of another type than the operation reads.
        refused = responses.setdefault("415", _problem("The body is not in a format this operation reads"))
        accept_field = {"post": "Accept-Post", "patch": "Accept-Patch"}.get(method)
        if accept_field:
            refused.setdefault("headers", {})[accept_field] = HEADERS[accept_field]
    if method == "get" and path.startswith("/api/") and path not in UNTAGGED_PATHS:
        # middleware/http_fields.py: every such GET has an ETag and answers If-None-Match with 304.
        ok = responses.get("200")
        if ok is not None:
            ok.setdefault("headers", {}).setdefault("ETag", HEADERS["ETag"])
        responses.setdefault(
            "304",
            {"description": "Unchanged: `If-None-Match` lists the current ETag.", "headers": {"ETag": HEADERS["ETag"]}},
        )
    for code, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        if code[0] in "45" and "application/json" in content and response.get("description") != RFC6749_ERROR:
            response["content"] = {PROBLEM_MEDIA_TYPE: content.pop("application/json")}
        for name in HEADERS_BY_STATUS.get(code, []):
            response.setdefault("headers", {})[name] = HEADERS[name]
        if code[0] == "2" and operation["security"]:  # a bearer credential's budget (api/credential_budget.py)
            for name in RATE_LIMIT_FIELDS:
                response.setdefault("headers", {}).setdefault(name, HEADERS[name])


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


def _refs(node: Any, schemas: dict[str, Any]) -> set[str]:
    """Names of the component schemas `node` uses, directly or through others."""
    found: set[str] = set()
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[-1]
                if name not in found:
                    found.add(name)
                    pending.append(schemas[name])
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
    return found


def _request_defaults_optional(schema: dict[str, Any]) -> None:
    """A request field with a server default may be left out, but openapi-typescript (v7, by default)
    types a property with `default` as always present, in request schemas too. In schemas only
    requests use, the default moves into the field's description: clients leave such fields out and
    the server fills them in (docs/decisions.md, "Request fields with defaults")."""
    schemas = schema["components"]["schemas"]
    operations = [op for ops in schema["paths"].values() for op in ops.values()]
    requests = _refs([op.get("requestBody", {}) for op in operations], schemas)
    responses = _refs([op.get("responses", {}) for op in operations], schemas)
    for name in sorted(requests - responses):
        for field in schemas[name].get("properties", {}).values():
            if "default" in field:
                default = json.dumps(field.pop("default"))
                described = field.get("description", "").rstrip()
                field["description"] = f"{described} Default: `{default}`.".strip()


def _shared_headers(schema: dict[str, Any]) -> None:
    """Each header described once, in `components/headers`, and referred to from every response that
    sends it: the RateLimit fields and ETag are on most responses, and the document stays readable."""
    used: dict[str, Any] = {}
    for operations in schema["paths"].values():
        for operation in operations.values():
            for response in operation["responses"].values():
                for name, header in response.get("headers", {}).items():
                    if HEADERS.get(name) == header:
                        response["headers"][name] = {"$ref": f"#/components/headers/{name}"}
                        used[name] = header
    schema["components"]["headers"] = dict(sorted(used.items()))


# Request bodies a route reads itself (api/media_types.py `reads`), so FastAPI does not see their
# models: each is added to components/schemas, where the route's `openapi_extra` refers to it.
_OWN_BODY_MODELS: list[type[BaseModel]] = []


def document_body_model(model: type[BaseModel]) -> dict[str, str]:
    """Put `model` in the document's schemas; returns the reference to it for `openapi_extra`."""
    if model not in _OWN_BODY_MODELS:
        _OWN_BODY_MODELS.append(model)
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _own_body_models(schema: dict[str, Any]) -> None:
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in _OWN_BODY_MODELS:
        found = model.model_json_schema(ref_template="#/components/schemas/{model}", mode="validation")
        for name, definition in found.pop("$defs", {}).items():
            schemas.setdefault(name, definition)
        schemas.setdefault(model.__name__, found)
    schema["components"]["schemas"] = dict(sorted(schemas.items()))


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
        _own_body_models(schema)
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                _complete_operation(path, method, operation)
        _problem_type_enum(schema)
        _link_creates_to_their_uses(schema)
        _request_defaults_optional(schema)
        _shared_headers(schema)
        app.openapi_schema = schema
        return schema

    app.openapi = build  # type: ignore[method-assign]
