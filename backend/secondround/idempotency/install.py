"""Wiring `Idempotency-Key` into every POST of the API (the rules are in service.py).

- `claim_if_asked` runs in accounts/deps.py as soon as the caller is known (the key belongs to the
  account), before any route's work, on the request's own session;
- `idempotent_routes` makes every route an IdempotentRoute, whose handler, on a POST under /api/v1
  (but /auth/*), answers a replay with the stored response, and records a fresh response in the key's row
  while the request's transaction is still open (get_db commits when the wrapper has returned);
- the OpenAPI document gets the header as one reusable parameter on those operations.

Sign-in (`/auth/register`, `/auth/token`, `/auth/login`, `/auth/logout`) and the OAuth token and
revocation endpoints take no key: there is no account to scope it to, and the OAuth protocol has its
own answer to a repeat (docs/decisions.md).
"""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.routing import APIRoute

from secondround.db.session import RequestSession
from secondround.idempotency import service
from secondround.idempotency.service import HEADER, KEPT_HEADERS, REPLAYED_HEADER, Replay, StoredResponse

API_PREFIX = "/api/v1/"
# Sign-in, and the OAuth endpoints an app calls with no account of its own yet (RFC 6749 and 7009:
# a code is redeemed once, a refresh token rotates, revoking twice is harmless).
EXCLUDED_PREFIXES = ("/api/v1/auth/", "/api/v1/oauth/token", "/api/v1/oauth/revoke")
_ROUTE_FLAG = "idempotent_route"
_CLAIM = "idempotency_claim"


@dataclass(frozen=True)
class IdempotencyClaim:
    db: RequestSession
    owner_id: Any
    key: str


def takes_key(path: str, methods: set[str] | None) -> bool:
    return "POST" in (methods or set()) and path.startswith(API_PREFIX) and not path.startswith(EXCLUDED_PREFIXES)


async def claim_if_asked(request: Request, db: RequestSession, owner_id: Any) -> None:
    """Reserve the request's `Idempotency-Key` for `owner_id` (raises to replay or refuse it)."""
    raw = request.headers.get(HEADER)
    if raw is None or request.method != "POST" or not getattr(request.state, _ROUTE_FLAG, False):
        return
    if getattr(request.state, _CLAIM, None) is not None:
        return  # resolved once per request
    key = service.parse_key(raw)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    request_fingerprint = service.fingerprint(request.method, target, await request.body())
    await db.run(service.claim, owner_id, key, request_fingerprint)
    setattr(request.state, _CLAIM, IdempotencyClaim(db=db, owner_id=owner_id, key=key))


def replayed(stored: StoredResponse) -> Response:
    response = Response(content=stored.body, status_code=stored.status_code, headers=stored.headers)
    response.headers[REPLAYED_HEADER] = "true"
    return response


def _idempotent(
    handler: Callable[[Request], Coroutine[Any, Any, Response]],
) -> Callable[[Request], Coroutine[Any, Any, Response]]:
    async def handle(request: Request) -> Response:
        if not takes_key(request.url.path, {request.method}):
            return await handler(request)
        setattr(request.state, _ROUTE_FLAG, True)
        try:
            response = await handler(request)
        except Replay as replay:
            return replayed(replay.stored)
        claim: IdempotencyClaim | None = getattr(request.state, _CLAIM, None)
        if claim is None:
            return response
        body = getattr(response, "body", None)
        if isinstance(body, bytes):
            headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
            stored = StoredResponse(response.status_code, headers, body)
            await claim.db.run(service.record, claim.owner_id, claim.key, stored)
        else:  # a streamed body cannot be kept: let the key go rather than replay something else
            await claim.db.run(service.forget, claim.owner_id, claim.key)
        return response

    return handle


PARAMETER = {
    "name": HEADER,
    "in": "header",
    "required": False,
    "description": (
        "Makes the POST safe to retry (draft-ietf-httpapi-idempotency-key-header): a unique value per "
        "intended request, e.g. a UUID (`8e03978e-40d5-43e8-bc93-6894a57f9324`); "
        "1 to 255 printable ASCII characters (else 400). Keys belong to your "
        "account and last 24 hours. Sent again with the same method, path and body, the request is not run "
        "again: you get its first status, `Location`, `ETag` and body, with `Idempotent-Replayed: true`. "
        "The same key with another request is a 422 problem (`/problems/idempotency-key-reused`); while the "
        "first request is still running, a 409 (`/problems/idempotency-key-in-use`) with `Retry-After`. "
        "A request that failed stored nothing and may be retried with the same key."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]*[!-~][ -~]*$"},
    # No `example`: one example value would be the same key on every operation, which is exactly the
    # misuse the header refuses (a tool sending examples would get 422s).
}
REPLAYED = {
    "description": "`true` on a response replayed for a repeated `Idempotency-Key` (absent otherwise).",
    "schema": {"type": "string", "enum": ["true"]},
}


def _document(schema: dict[str, Any]) -> None:
    # Written out on each POST (not a shared component: tools and readers that do not follow a
    # parameter's $ref still see it, and the linters refuse a component nothing refers to).
    for path, operations in schema.get("paths", {}).items():
        post = operations.get("post")
        if post is None or not takes_key(path, {"POST"}):
            continue
        post.setdefault("parameters", []).append(dict(PARAMETER))
        for code, response in post["responses"].items():
            if code.startswith("2"):
                response.setdefault("headers", {})[REPLAYED_HEADER] = REPLAYED
        post["responses"].setdefault(
            "400",
            {
                "description": "Malformed request (a bad `Idempotency-Key`, or a body that cannot be parsed)",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
            },
        )
        post["responses"].setdefault(
            "409",
            {
                "description": "Conflict with the current state (or a request with this `Idempotency-Key` is "
                "still running)",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
            },
        )


class IdempotentRoute(APIRoute):
    """An APIRoute whose handler takes `Idempotency-Key` when it serves a POST under /api/v1 (but sign-in)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        return _idempotent(super().get_route_handler())


def idempotent_routes(router: APIRouter) -> APIRouter:
    """The router, with every route made an IdempotentRoute. Call before including it: FastAPI
    builds an included route's handler when it is included."""
    for route in router.routes:
        if type(route) is APIRoute:
            route.__class__ = IdempotentRoute
    return router


def document_idempotency(app: FastAPI) -> None:
    """Put the header in the OpenAPI document. Call after the OpenAPI builder is installed."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        _document(schema)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
