"""RFC 9457 problem details: the error family, the one function that writes a problem document
(`problem_response`), and the OpenAPI entries routes declare. The handlers that turn exceptions into
problems are in api/problem_handlers.py."""

import inspect
from http import HTTPStatus
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from secondround.api import wording

PROBLEM_MEDIA_TYPE = "application/problem+json"


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
    """Too many requests: this account already has as many requests in progress as it may, this
    credential (token or API key) has spent its requests for the minute, or there were too many
    sign-in attempts. `RateLimit` and `RateLimit-Policy` say which limit it is; wait the number of
    seconds in `Retry-After`, then try again."""

    status, slug = 429, "too-many-requests"


class UnsupportedMediaType(ProblemError):
    """The request body is not in a format this operation reads: send JSON with
    `Content-Type: application/json` (a token request takes a form,
    `application/x-www-form-urlencoded`). `Accept-Post` or `Accept-Patch` lists what is read."""

    status, slug = 415, "unsupported-media-type"


class OriginNotAllowed(ProblemError):
    """A browser page from this origin may not call the API: only the origins the server lists in
    `SECONDROUND_CORS_ORIGINS` (for example a browser extension) may, with a bearer token or API key."""

    status, slug = 403, "origin-not-allowed"


class PayloadTooLarge(ProblemError):
    """The request body is larger than the server accepts (1 MiB unless configured otherwise)."""

    status, slug = 413, "payload-too-large"


class InvalidInput(ProblemError):
    """The request is well-formed but some values are not acceptable; `errors` lists each field with
    the reason.

    Raised by business rules (schema validation answers with the same type), pointing at one field."""

    status, slug = 422, "validation-error"

    def __init__(self, field: str, message: str, *, type: str = "value_error", location: str = "body") -> None:
        # A fragment ("must be your current password") follows the field's name on the screen; a
        # whole sentence is kept as written (api/wording.py).
        message = wording.sentence(field, message)
        super().__init__(message, errors=[FieldError(field=field, location=location, message=message, type=type)])


class LinkInvalid(ProblemError):
    """The link from the email no longer works: a password reset link works once and for 30 minutes,
    and a newer one replaces it; an unsubscribe link must be copied whole. Ask for a new password
    reset link, or change the reminder in Settings."""

    status, slug = 400, "link-invalid"


class CursorExpired(ProblemError):
    """The change feed no longer holds everything after this cursor: deletions and changes replaced by
    later ones are kept for a limited time (30 days by default). Discard your copy of the account and
    read the feed again from the start, without `after`: it holds every resource that exists."""

    status, slug = 410, "cursor-expired"


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


class NoJobPostingFound(ProblemError):
    """The imported JSON-LD or page holds no schema.org JobPosting with a title and a hiring
    organisation, so no application can be made from it; `detail` says what was missing."""

    status, slug = 422, "no-job-posting"


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


def problem_response(
    status: int,
    detail: str | None,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The one writer of problem documents: every error the service answers with, from a route, an
    exception handler or a middleware (a Starlette response is an ASGI app: `await
    problem_response(...)(scope, receive, send)`), is made here. `slug` names the problem type
    (`/problems/<slug>`); without one it is `about:blank` (a plain HTTP status, e.g. a 404 path)."""
    problem = Problem(
        type=f"/problems/{slug}" if slug else "about:blank",
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=instance,
        errors=errors,
    )
    return JSONResponse(
        problem.model_dump(exclude_none=True), status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE
    )


def error_response(error: ProblemError, *, instance: str | None, headers: dict[str, str] | None = None) -> JSONResponse:
    """The problem document of a domain error, with its own headers over `headers`."""
    return problem_response(
        error.status,
        error.detail,
        slug=error.slug,
        instance=instance,
        errors=error.errors,
        headers={**(headers or {}), **error.headers},
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the problems a route can return. Their headers come from
    api/openapi.py (`HEADERS_BY_STATUS`, `with_headers_on`), where each is described once."""
    descriptions = {
        400: "Malformed request (bad JSON or a bad cursor)",
        401: "Not signed in",
        403: "Forbidden (cross-site request with a session cookie)",
        404: "Not found (or owned by someone else)",
        405: "Method not allowed",
        406: "None of the offered media types is acceptable (`Accept`)",
        409: "Conflict with the current state",
        410: "The cursor is older than the change feed keeps; read the feed again from the start",
        412: "If-Match does not match the current ETag",
        413: "Request body too large",
        415: "The body is not in a format the operation reads (`Accept-Post`, `Accept-Patch`)",
        422: "Invalid input; `errors` lists the fields",
        429: "Too many attempts; wait `Retry-After` seconds",
        503: "Not ready",
    }
    return {status: {"model": Problem, "description": descriptions[status]} for status in statuses}
