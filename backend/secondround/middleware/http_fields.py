"""HTTP semantics the routes do not each implement, in one pure ASGI middleware around the app:

- `HEAD` wherever `GET` is served (RFC 9110, 9.3.2): the request runs as a GET and only the body is
  dropped, so the status and every header (ETag, Link, Content-Length) are the GET's own. The OpenAPI
  document lists GET operations only (docs/decisions.md, "HEAD and conditional GETs").
- Entity tags on every successful API GET: a route's own (a resource's version) is kept; any other
  answer (lists, the plan, readiness, the prep sheet) gets a strong tag hashed from its bytes, so it
  changes whenever an item, `next_cursor` or the representation chosen by `Accept` changes.
- `If-None-Match` on a GET or HEAD: a 304 with the ETag (and the other fields a 200 would carry,
  but no body and no Content-Type) when a listed tag matches, by the weak comparison of RFC 9110
  13.1.2.
- No Content-Type or Content-Length on a 204 or 304: there is no content to describe.
- The RateLimit and RateLimit-Policy fields of whatever limits the request was counted against
  (api/rate_limit.py `note`), on every answer to it, problems included.
"""

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from secondround.api.rate_limit import STATE_KEY, Counted

# Probes: their answers change with the server, not with data worth revalidating.
UNTAGGED_PATHS = frozenset({"/api/v1/health", "/api/v1/health/ready"})
# Content metadata a 304 or 204 must not describe (RFC 9110, 15.4.5): there is no content.
_CONTENT_FIELDS = frozenset({b"content-type", b"content-length", b"content-disposition", b"content-encoding"})
_RATE_LIMIT_FIELDS = frozenset({b"ratelimit", b"ratelimit-policy"})


def body_etag(body: bytes) -> str:
    """A strong entity tag for exactly these bytes (same length and form as api/etag.py's)."""
    return '"' + hashlib.sha256(body).hexdigest()[:24] + '"'


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def none_match(if_none_match: str, etag: str) -> bool:
    """True when `If-None-Match` lists `etag` (weak comparison) or is `*`: the client's copy is current."""
    listed = {_opaque(t) for t in if_none_match.split(",") if t.strip()}
    return "*" in listed or _opaque(etag) in listed


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    return next((v for n, v in headers if n.lower() == name), None)


class HttpFieldsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:  # served as the GET it mirrors; `scope` itself stays HEAD for the server
            scope = {**scope, "method": "GET"}
        state = scope.setdefault("state", {})
        # Several If-None-Match lines are one list (RFC 9110, 5.3).
        if_none_match = b", ".join(v for n, v in scope["headers"] if n == b"if-none-match").decode("latin-1")
        taggable = (
            scope["method"] == "GET" and scope["path"].startswith("/api/") and scope["path"] not in UNTAGGED_PATHS
        )
        start: Message | None = None
        answered = False  # a 304 went out for the route's own tag: its body goes nowhere
        chunks: list[bytes] = []

        async def send_fields(message: Message) -> None:
            nonlocal start, answered
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                counted: Counted | None = state.get(STATE_KEY)
                if counted is not None and counted.policies:  # all the request was counted against
                    headers = [(n, v) for n, v in headers if n.lower() not in _RATE_LIMIT_FIELDS]
                    headers += [(n.lower().encode(), v.encode()) for n, v in counted.headers().items()]
                message = {**message, "headers": headers}
                if message["status"] in (204, 304):
                    message["headers"] = [(n, v) for n, v in headers if n.lower() not in _CONTENT_FIELDS]
                elif taggable and message["status"] == 200:
                    own = _header(headers, b"etag")
                    if own is None:
                        start = message  # held until the body is known (for its tag, or to answer 304)
                        return
                    # The route's own tag: judged now, and the body streams through unheld.
                    if if_none_match and none_match(if_none_match, own.decode("latin-1")):
                        kept = [(n, v) for n, v in headers if n.lower() not in _CONTENT_FIELDS]
                        await send({"type": "http.response.start", "status": 304, "headers": kept})
                        await send({"type": "http.response.body", "body": b"", "more_body": False})
                        answered = True
                        return
                await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            if answered:
                return
            if start is None:  # not held: passed through (without its body for a HEAD)
                if not head:
                    await send(message)
                elif not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._send_tagged(start, b"".join(chunks), if_none_match, head, send)

        await self.app(scope, receive, send_fields)

    @staticmethod
    async def _send_tagged(start: Message, body: bytes, if_none_match: str, head: bool, send: Send) -> None:
        headers = list(start["headers"])
        existing = _header(headers, b"etag")
        etag = existing.decode("latin-1") if existing else body_etag(body)
        if existing is None:
            headers.append((b"etag", etag.encode("latin-1")))
        if if_none_match and none_match(if_none_match, etag):
            kept = [(n, v) for n, v in headers if n.lower() not in _CONTENT_FIELDS]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if head else body, "more_body": False})
