"""RFC 9457 problem details: one error family, one renderer, declared on every route."""

import inspect
import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

log = logging.getLogger("secondround")

PROBLEM_MEDIA_TYPE = "application/problem+json"
# Fields a client may never write: the server owns them.
SERVER_OWNED_FIELDS = {"id", "owner_id", "created_at", "updated_at", "sequence"}


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. `focus.teamwork`.")
    location: str = Field(description="Where the field was sent: body, query, path or header.")
    message: str
    type: str = Field(description="Machine-readable error code, e.g. `missing`, `extra_forbidden`.")


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(
        description="URI reference naming the kind of problem; a person can read what it means at that address. "
        "The values are stable: switch on them."
    )
    title: str
    status: int
    detail: str | None = None
    instance: str | None = Field(default=None, description="The request path.")
    errors: list[FieldError] | None = Field(default=None, description="Field errors (422 only).")


class ProblemError(Exception):
    """Something went wrong on the server's side. It has been logged; retrying later may help.

    Base of the domain errors: the handler renders each as a problem document, and its docstring's
    first paragraph is the human page served at the problem type's URI."""

    status: int = 500
    slug: str = "internal-error"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


class BadRequest(ProblemError):
    """The request cannot be used as sent, for example a pagination cursor that was changed, comes from
    another list, or was made with another server key. Start the list again without `cursor`."""

    status, slug = 400, "bad-request"


class Unauthorized(ProblemError):
    """You are not signed in: send a bearer token from `POST /api/v1/auth/token` (scripts) or the
    session cookie from `POST /api/v1/auth/login` (the web app). The token may also have expired or
    been revoked."""

    status, slug = 401, "unauthorized"

    def __init__(self, detail: str = "Sign in first: send a bearer token or the session cookie.") -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="secondround"'})


class Forbidden(ProblemError):
    """The request was refused although you are signed in: a write signed in with the session cookie
    must come from the web app's own origin. Scripts should use a bearer token instead."""

    status, slug = 403, "forbidden"


class NotFound(ProblemError):
    """There is no such object, or it belongs to another account (the answer is the same, so nobody
    can probe for other people's data)."""

    status, slug = 404, "not-found"


class NotAcceptable(ProblemError):
    """None of the representations this operation offers is in the request's `Accept` header. The
    prep sheet comes as `text/markdown` (the default) or `text/html`; send one of them, or `*/*`."""

    status, slug = 406, "not-acceptable"


class Conflict(ProblemError):
    """The change conflicts with what is stored, for example a second account with the same email or
    a second role with the same name."""

    status, slug = 409, "conflict"


class PreconditionFailed(ProblemError):
    """The object changed since you read it: the `If-Match` you sent is not its current `ETag`.
    Fetch it again, reapply your change and retry."""

    status, slug = 412, "precondition-failed"


class TooManyRequests(ProblemError):
    """Too many requests: this account already has as many requests in progress as it may, or has
    tried to sign in too often. Wait the number of seconds in `Retry-After`, then try again."""

    status, slug = 429, "too-many-requests"


class PayloadTooLarge(ProblemError):
    """The request body is larger than the server accepts (1 MiB unless configured otherwise)."""

    status, slug = 413, "payload-too-large"


class InvalidInput(ProblemError):
    """The request is well-formed but some values are not acceptable; `errors` lists each field with
    the reason.

    Raised by business rules (schema validation answers with the same type), pointing at one field."""

    status, slug = 422, "validation-error"

    def __init__(self, field: str, message: str, *, type: str = "value_error", location: str = "body") -> None:
        super().__init__(
            f"{field}: {message}",
            errors=[FieldError(field=field, location=location, message=message, type=type)],
        )


class LimitReached(ProblemError):
    """A create that would take an account, application or round past one of its caps."""

    status, slug = 422, "limit-reached"


class ServiceUnavailable(ProblemError):
    """The service cannot answer right now (for example its database is unreachable or busy). Retry
    after the number of seconds in `Retry-After`, if given."""

    status, slug = 503, "service-unavailable"


class MalformedJson(ProblemError):
    """The request body is not valid JSON. Check quoting and commas, and send
    `Content-Type: application/json`."""

    status, slug = 400, "malformed-json"


class MalformedBody(ProblemError):
    """The request body could not be parsed, for example a broken form on `POST /api/v1/auth/token`."""

    status, slug = 400, "malformed-body"


def problem_types() -> dict[str, type[ProblemError]]:
    """Every problem type the API answers with, by slug: the domain errors and their subclasses
    (wherever they are defined), so a new error class is listed and documented without registration."""
    found: dict[str, type[ProblemError]] = {}
    pending: list[type[ProblemError]] = [ProblemError]
    while pending:
        kind = pending.pop(0)
        found.setdefault(kind.slug, kind)
        pending.extend(kind.__subclasses__())
    return found


def problem_explanation(kind: type[ProblemError]) -> str:
    """The first paragraph of the class docstring: what a person reads at the problem type's URI."""
    return " ".join(inspect.cleandoc(kind.__doc__ or "").split("\n\n")[0].split())


def problem_body(
    status: int,
    detail: str | None,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: list[FieldError] | None = None,
) -> dict[str, Any]:
    phrase = HTTPStatus(status).phrase
    problem = Problem(
        type=f"/problems/{slug}" if slug else "about:blank",
        title=phrase,
        status=status,
        detail=detail,
        instance=instance,
        errors=errors,
    )
    return problem.model_dump(exclude_none=True)


def problem_response(
    status: int,
    detail: str | None,
    *,
    request: Request | None = None,
    slug: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = problem_body(
        status, detail, slug=slug, errors=errors, instance=request.url.path if request is not None else None
    )
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def _field_errors(exc: RequestValidationError) -> list[FieldError]:
    errors = []
    for error in exc.errors():
        location, *path = [str(part) for part in error.get("loc", ())] or ["body"]
        field = ".".join(path) or location
        kind = error.get("type", "value_error")
        message = error.get("msg", "Invalid value")
        if kind == "extra_forbidden" and location == "body":
            leaf = path[-1] if path else field
            message = (
                "is set by the server and cannot be written" if leaf in SERVER_OWNED_FIELDS else "is not a known field"
            )
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        errors.append(FieldError(field=field, location=location, message=message, type=kind))
    return errors


def _allowed_methods(app: FastAPI, path: str) -> str:
    """Every method the app serves on `path`. Starlette's own 405 names only the methods of the first
    route object that matched, while FastAPI makes one route object per method."""
    table = getattr(app.state, "methods_by_path", None)
    if table is None:
        table = [(compile_path(c.path)[0], c.methods or set()) for c in iter_route_contexts(app.routes) if c.path]
        app.state.methods_by_path = table
    methods: set[str] = set()
    for pattern, route_methods in table:
        if pattern.match(path):
            methods |= route_methods
    return ", ".join(sorted(methods))


def _request_headers(request: Request) -> dict[str, str]:
    """Headers every answer to this request carries, problems included (e.g. the RateLimit fields)."""
    return dict(getattr(request.state, "problem_headers", None) or {})


def _malformed_json(request: Request) -> JSONResponse:
    return problem_response(
        400,
        "The request body is not valid JSON.",
        request=request,
        slug="malformed-json",
        headers=_request_headers(request),
    )


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _domain(request: Request, exc: ProblemError) -> JSONResponse:
        headers = {**_request_headers(request), **exc.headers}
        return problem_response(
            exc.status, exc.detail, request=request, slug=exc.slug, errors=exc.errors, headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return _malformed_json(request)
        errors = _field_errors(exc)
        summary = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
        return problem_response(
            422,
            f"The request is invalid. {summary}",
            request=request,
            slug="validation-error",
            errors=errors,
            headers=_request_headers(request),
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError | RecursionError):
            # FastAPI's own 400 when the JSON parser gave up other than on a syntax error (invalid
            # UTF-8, nesting too deep, an integer too long): to the client it is the same malformed JSON.
            return _malformed_json(request)
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 404 and detail in (None, "Not Found"):
            detail = f"There is no resource at {request.url.path}."
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = _allowed_methods(request.app, request.url.path)
            detail = f"{request.method} is not allowed on {request.url.path}; use {headers['Allow']}."
        slug = MalformedBody.slug if exc.status_code == 400 else None  # a form body that cannot be parsed
        return problem_response(exc.status_code, detail, request=request, slug=slug, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        # The server drops the connection after an unhandled error, so tell the client not to reuse it
        # (otherwise its next request on this keep-alive connection fails with a reset).
        return problem_response(
            500,
            "Something went wrong on our side; it has been logged.",
            request=request,
            slug="internal-error",
            headers={"Connection": "close"},
        )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the problems a route can return."""
    descriptions = {
        400: "Malformed request (bad JSON or a bad cursor)",
        401: "Not signed in",
        403: "Forbidden (cross-site request with a session cookie)",
        404: "Not found (or owned by someone else)",
        405: "Method not allowed",
        406: "None of the offered media types is acceptable (`Accept`)",
        409: "Conflict with the current state",
        412: "If-Match does not match the current ETag",
        413: "Request body too large",
        422: "Invalid input; `errors` lists the fields",
        429: "Too many attempts; wait `Retry-After` seconds",
        503: "Not ready",
    }
    headers = {
        429: {
            "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}},
            "RateLimit-Policy": {
                "description": 'The limits in force (draft-ietf-httpapi-ratelimit-headers): `"account-60s";q=10;w=60`.',
                "schema": {"type": "string"},
            },
            "RateLimit": {
                "description": 'What is left of each limit, e.g. `"account-60s";r=0;t=42`.',
                "schema": {"type": "string"},
            },
        },
    }
    return {
        status: {"model": Problem, "description": descriptions[status]}
        | ({"headers": headers[status]} if status in headers else {})
        for status in statuses
    }
