"""The API docs pages (Swagger UI at /docs, ReDoc at /redoc), served from the package's files,
each with a Content-Security-Policy that admits its inline script by hash and nothing else inline.

fastapi-offline serves the Swagger UI and ReDoc files; the pages themselves are made here so they
can carry their own policy (the app-wide one forbids inline scripts).
"""

import base64
import hashlib
import re

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from starlette.responses import HTMLResponse

from secondround.middleware.security_headers import page_csp

# Where fastapi-offline mounts the Swagger UI and ReDoc files.
STATIC_URL = "/static-offline-docs"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)
# ReDoc styles itself with <style> elements made at run time and runs its search in a blob: worker.
REDOC_STYLE_SRC = "'self' 'unsafe-inline'"
REDOC_EXTRA = "worker-src 'self' blob:"


def inline_script_hashes(html: bytes) -> list[str]:
    """CSP source expressions (`sha256-...`) for every inline <script> of a page we generate."""
    return [
        "sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() for body in _INLINE_SCRIPT.findall(html)
    ]


def _with_policy(page: HTMLResponse, *, style_src: str = "'self'", extra: str = "") -> HTMLResponse:
    page.headers["Content-Security-Policy"] = page_csp(
        script_hashes=inline_script_hashes(bytes(page.body)), style_src=style_src, extra=extra
    )
    return page


def install_api_docs(app: FastAPI, *, docs_url: str = "/docs", redoc_url: str = "/redoc") -> None:
    redirect_url = app.swagger_ui_oauth2_redirect_url or f"{docs_url}/oauth2-redirect"

    @app.get(docs_url, include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        page = get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=redirect_url,
            swagger_js_url=f"{root}{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}{STATIC_URL}/favicon.png",
            swagger_ui_parameters=app.swagger_ui_parameters,
        )
        return _with_policy(page)

    @app.get(redirect_url, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return _with_policy(get_swagger_ui_oauth2_redirect_html())

    @app.get(redoc_url, include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        page = get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{STATIC_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{STATIC_URL}/favicon.png",
            with_google_fonts=False,
        )
        return _with_policy(page, style_src=REDOC_STYLE_SRC, extra=REDOC_EXTRA)
