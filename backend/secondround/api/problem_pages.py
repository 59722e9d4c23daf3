"""A short page for people at each problem type's URI (RFC 9457, section 3.1.1: `type` should
resolve to human-readable documentation). Outside the API schema: it is documentation, not data."""

import html
from http import HTTPStatus

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from secondround.api.problems import NotFound, problem_explanation, problem_types

router = APIRouter(prefix="/problems", include_in_schema=False)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1>
<p>HTTP status {status} ({phrase}); problem type <code>/problems/{slug}</code>.</p>
<p>{explanation}</p>
<p>Every error of the secondround API is an RFC 9457 problem document; the full contract is at
<a href="/docs">/docs</a>.</p></body></html>
"""


@router.get("/{slug}", response_class=HTMLResponse)
async def problem_page(slug: str) -> HTMLResponse:
    kind = problem_types().get(slug)
    if kind is None:
        raise NotFound(f"There is no problem type {slug!r}.")
    phrase = HTTPStatus(kind.status).phrase
    page = PAGE.format(
        title=html.escape(f"{phrase}: {slug.replace('-', ' ')}"),
        status=kind.status,
        phrase=html.escape(phrase),
        slug=html.escape(slug),
        explanation=html.escape(problem_explanation(kind)),
    )
    return HTMLResponse(page, headers={"Cache-Control": "public, max-age=86400"})
