"""Serve the built web app (frontend/dist) at `/`, beside the API, from the same origin.

Paths under /api and every path one of the app's own routes or mounts answers (the API docs, their
static files, the OpenAPI document) belong to the API, so an unknown /api/... path stays a problem
404. Every other GET is the web app's: a file that exists in the build is sent as it is, anything
else is index.html so the app's own router can show the screen (deep links such as /rounds/{id}
work on reload).
"""

from pathlib import Path

from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Match, Router
from starlette.types import ASGIApp, Receive, Scope, Send

# Vite names everything under assets/ by content hash, so a name never changes meaning.
IMMUTABLE = "public, max-age=31536000, immutable"
# index.html names the current hashes: the browser must ask again each time (it may revalidate).
REVALIDATE = "no-cache"

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>secondround</title></head>
<body><h1>The web app is not built</h1>
<p>Run <code>make run</code> (it builds <code>frontend/</code>) or <code>make web</code>.
The API is at <a href="/api/v1/health">/api/v1</a> and its docs at <a href="/docs">/docs</a>.</p>
</body></html>
"""


class WebAppMiddleware:
    """Answer GET and HEAD for app paths from `dist_dir`; hand everything else to the API."""

    def __init__(self, app: ASGIApp, dist_dir: Path, api_router: Router) -> None:
        self.app = app
        self.dist_dir = dist_dir.resolve()
        self.api_router = api_router

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or self._is_api(scope):
            await self.app(scope, receive, send)
            return
        await self._response(scope["path"])(scope, receive, send)

    def _is_api(self, scope: Scope) -> bool:
        path = scope["path"]
        if path == "/api" or path.startswith("/api/"):
            return True
        return any(route.matches(scope)[0] != Match.NONE for route in self.api_router.routes)

    def _response(self, path: str) -> Response:
        index = self.dist_dir / "index.html"
        if not index.is_file():
            return HTMLResponse(NOT_BUILT, status_code=503, headers={"Cache-Control": "no-store"})
        file = self._file(path)
        if file is None and path.startswith("/assets/"):
            # An asset of an older build: HTML in its place would only confuse the browser.
            return Response("Not found", status_code=404, media_type="text/plain")
        if file is None or file == index:
            return FileResponse(index, media_type="text/html", headers={"Cache-Control": REVALIDATE})
        hashed = file.parent == self.dist_dir / "assets"
        return FileResponse(file, headers={"Cache-Control": IMMUTABLE if hashed else REVALIDATE})

    def _file(self, path: str) -> Path | None:
        """The build file the path names, or None (never a file outside the build folder)."""
        relative = path.lstrip("/")
        if not relative:
            return None
        candidate = (self.dist_dir / relative).resolve()
        if not candidate.is_relative_to(self.dist_dir) or not candidate.is_file():
            return None
        return candidate
