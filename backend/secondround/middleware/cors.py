"""CORS for the API (Fetch standard): pages from the listed origins only (`SECONDROUND_CORS_ORIGINS`,
e.g. a browser extension's `chrome-extension://<id>`) may call it, with a bearer token or API key.

`Access-Control-Allow-Credentials` is never sent, so a browser never lets another origin read an
answer to a request that carried the session cookie: the cookie stays the web app's, same-origin,
with its own check on writes (accounts/deps.py, `SECONDROUND_ALLOWED_ORIGINS`). A preflight from an
origin not listed is a 403 problem; answers to a listed origin expose the fields an integration
reads (ETag, Link, Location, Retry-After, the RateLimit fields).
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from secondround.api.problems import OriginNotAllowed, error_response

ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE"
ALLOW_HEADERS = "Authorization, Content-Type, Accept, If-Match, If-None-Match, Idempotency-Key"
EXPOSE_HEADERS = "ETag, Link, Location, Retry-After, RateLimit, RateLimit-Policy, Idempotent-Replayed, X-Request-ID"
MAX_AGE_SECONDS = 600  # how long a browser may reuse a preflight's answer


class CorsMiddleware:
    def __init__(self, app: ASGIApp, *, origins: frozenset[str]) -> None:
        self.app = app
        self.origins = origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        raw_origin = headers.get(b"origin")
        origin = raw_origin.decode("latin-1") if raw_origin is not None else None
        allowed = origin is not None and origin.rstrip("/").lower() in self.origins
        if scope["method"] == "OPTIONS" and origin is not None and b"access-control-request-method" in headers:
            await self._preflight(scope, receive, send, origin, allowed)
            return
        if not self.origins:
            await self.app(scope, receive, send)
            return

        async def send_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                fields = [(b"vary", b"Origin")]  # the answer differs by origin: caches must not mix them
                if allowed and origin is not None:
                    fields += [
                        (b"access-control-allow-origin", origin.encode("latin-1")),
                        (b"access-control-expose-headers", EXPOSE_HEADERS.encode()),
                    ]
                message = {**message, "headers": [*message.get("headers", ()), *fields]}
            await send(message)

        await self.app(scope, receive, send_cors)

    @staticmethod
    async def _preflight(scope: Scope, receive: Receive, send: Send, origin: str, allowed: bool) -> None:
        if not allowed:
            error = OriginNotAllowed(
                f"Pages from {origin[:100]} may not call this API; the server's operator can list the origin "
                "in SECONDROUND_CORS_ORIGINS."
            )
            await error_response(error, instance=scope["path"], headers={"Vary": "Origin"})(scope, receive, send)
            return
        fields = [
            (b"access-control-allow-origin", origin.encode("latin-1")),
            (b"access-control-allow-methods", ALLOW_METHODS.encode()),
            (b"access-control-allow-headers", ALLOW_HEADERS.encode()),
            (b"access-control-max-age", str(MAX_AGE_SECONDS).encode()),
            (b"vary", b"Origin"),
        ]
        await send({"type": "http.response.start", "status": 204, "headers": fields})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
