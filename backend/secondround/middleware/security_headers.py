"""Security headers on every response, problems and 404s included, from one pure ASGI middleware.

Pure ASGI (not BaseHTTPMiddleware): it only adds headers to `http.response.start`, so streaming
responses pass through untouched and no extra task is spawned per request.
"""

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from secondround.accounts.credentials import SESSION_COOKIE as _SESSION_COOKIE

SESSION_COOKIE = _SESSION_COOKIE.encode()

# Pages of the web app: everything from our own origin, no inline script or style, no framing.
APP_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Everything else (JSON, problems, Markdown, iCalendar): nothing may load, nothing may frame it.
API_CSP = "default-src 'none'; frame-ancestors 'none'"

# strict-origin-when-cross-origin rather than no-referrer: with no-referrer, browsers send
# `Origin: null` on the web app's own POST/PATCH/DELETE, and the cookie sign-in's cross-site check
# needs the real origin. Other sites still learn only the origin, never a path.
REFERRER_POLICY = "strict-origin-when-cross-origin"
HSTS = "max-age=31536000"

# Browser features neither the web app nor the API uses, switched off for them and any frame.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), "
    "browsing-topics=()"
)
# A response to a signed-in request holds the account's data: no cache (browser, proxy) keeps a
# copy, unless the route chose its own Cache-Control.
SIGNED_IN_CACHE_CONTROL = b"no-store"

_COMMON: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", REFERRER_POLICY.encode()),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", PERMISSIONS_POLICY.encode()),
]
_CSP = b"content-security-policy"
# Documents a browser renders or runs with this response's policy: HTML pages, and scripts
# (a worker takes its policy from its own script's response).
_PAGE_TYPES = (b"text/html", b"text/javascript", b"application/javascript")


def page_csp(*, script_hashes: Iterable[str] = (), style_src: str = "'self'", extra: str = "") -> str:
    """The app pages' policy, with inline scripts allowed by hash only (for pages we do not write,
    such as the API docs), and an optional wider `style-src` or extra directives."""
    scripts = " ".join(["'self'", *(f"'{h}'" for h in script_hashes)])
    policy = APP_CSP.replace("script-src 'self'", f"script-src {scripts}").replace(
        "style-src 'self'", f"style-src {style_src}"
    )
    return f"{policy}; {extra}" if extra else policy


def _signed_in(scope: Scope) -> bool:
    """The request carries a credential: a bearer token, or the web app's session cookie."""
    for name, value in scope.get("headers", ()):
        if name == b"authorization" or (name == b"cookie" and SESSION_COOKIE in value):
            return True
    return False


class SecurityHeadersMiddleware:
    """Adds the headers a response does not set itself: a route may send its own CSP (the docs
    pages do, with the hashes of their inline scripts)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        over_https = scope.get("scheme") == "https"
        signed_in = _signed_in(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [h for h in _COMMON if h[0] not in present]
                if _CSP not in present:
                    content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"").lower()
                    policy = APP_CSP if content_type.startswith(_PAGE_TYPES) else API_CSP
                    headers.append((_CSP, policy.encode()))
                if signed_in and b"cache-control" not in present:
                    headers.append((b"cache-control", SIGNED_IN_CACHE_CONTROL))
                if over_https and b"strict-transport-security" not in present:
                    headers.append((b"strict-transport-security", HSTS.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_security_headers(app) -> None:
    """Wrap the whole middleware stack, Starlette's outermost error middleware included, so even an
    unexpected 500 carries the headers (`add_middleware` would sit inside that one)."""
    build_stack = app.build_middleware_stack
    app.build_middleware_stack = lambda: SecurityHeadersMiddleware(build_stack())
