"""The exception handlers that answer every error as a problem document (api/problems.py writes it):
domain errors, request validation, Starlette's own HTTP errors (404, 405, a body it cannot parse)
and anything unexpected (a logged 500)."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from secondround.api import wording
from secondround.api.app_state import app_state
from secondround.api.problems import (
    FieldError,
    InvalidInput,
    MalformedBody,
    MalformedJson,
    NotFound,
    ProblemError,
    error_response,
    problem_response,
)

log = logging.getLogger("secondround")

# The collections whose screens name a field otherwise (api/wording.py), found in the request path:
# every collection with labels of its own counts, so a new one cannot be forgotten here.
_RESOURCES = frozenset(
    {"applications", "rounds", "interviewers", "roles", "questions", "me", "auth"}
    | set(wording.FIELD_LABELS_BY_RESOURCE)
)


def _resource(path: str) -> str | None:
    found = [part for part in path.split("/") if part in _RESOURCES]
    return found[-1] if found else None


def _field_errors(exc: RequestValidationError, path: str) -> list[FieldError]:
    errors = []
    resource = _resource(path)
    for error in exc.errors():
        location, *rest = [str(part) for part in error.get("loc", ())] or ["body"]
        field = ".".join(rest) or location
        kind = error.get("type", "value_error")
        message = wording.pydantic_sentence(
            kind, field, location, error.get("ctx"), str(error.get("msg", "")), resource
        )
        errors.append(FieldError(field=field, location=location, message=message, type=kind))
    return errors


def _allowed_methods(app: FastAPI, path: str) -> str:
    """Every method the app serves on `path`. Starlette's own 405 names only the methods of the first
    route object that matched, while FastAPI makes one route object per method."""
    state = app_state(app)
    table = state.methods_by_path
    if table is None:
        table = [(compile_path(c.path)[0], c.methods or set()) for c in iter_route_contexts(app.routes) if c.path]
        state.methods_by_path = table
    methods: set[str] = set()
    for pattern, route_methods in table:
        if pattern.match(path):
            methods |= route_methods
    if "GET" in methods:
        methods.add("HEAD")  # middleware/http_fields.py answers HEAD wherever GET is served
    return ", ".join(sorted(methods))


def _malformed_json(request: Request) -> JSONResponse:
    error = MalformedJson("The request body is not valid JSON.")
    return error_response(error, instance=request.url.path)


# Path parameters that are names, not ids (PUT /applications/by-external-id/{source}/{external_id}).
NOT_AN_EXTERNAL_NAME = {
    "source": "No application can have this source: a source is a short lower-case name (a-z, 0-9, '.', '_', "
    "'-'; up to 50 characters), e.g. greenhouse.",
    "external_id": "No application can have this external id: it must be 1 to 255 characters, not blank, "
    "without control characters.",
}


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _domain(request: Request, exc: ProblemError) -> JSONResponse:
        return error_response(exc, instance=request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return _malformed_json(request)
        in_path = [e for e in exc.errors() if e.get("loc", ("",))[0] == "path"]
        if in_path:
            # An id in the address that cannot be one names nothing: the same 404 as an id that is
            # well formed but unknown (or someone else's), so a bad link reads the same either way.
            field = str(in_path[0]["loc"][-1])
            name = field.removesuffix("_id").replace("_", " ")
            given = str(in_path[0].get("input", ""))[:100]
            detail = NOT_AN_EXTERNAL_NAME.get(field) or (
                f"No {name} with id {given}." if given.isprintable() else f"No {name} with that id."
            )
            return problem_response(
                404,
                detail,
                slug=NotFound.slug,
                instance=request.url.path,
            )
        errors = _field_errors(exc, request.url.path)
        return problem_response(
            InvalidInput.status,
            " ".join(e.message for e in errors[:5]),
            slug=InvalidInput.slug,
            instance=request.url.path,
            errors=errors,
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
        return problem_response(exc.status_code, detail, slug=slug, instance=request.url.path, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        # The server drops the connection after an unhandled error, so tell the client not to reuse it
        # (otherwise its next request on this keep-alive connection fails with a reset).
        error = ProblemError("Something went wrong on our side; it has been logged.", headers={"Connection": "close"})
        return error_response(error, instance=request.url.path)
