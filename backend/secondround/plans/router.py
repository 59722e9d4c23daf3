"""The plan's endpoints: `GET /rounds/{round_id}/plan` (JSON) and `/prep-sheet` (Markdown or printable
HTML). Each asks `service.py` for the plan and returns it; the engine itself is `plan_engine/`."""

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from secondround.api.etag import weak_etag_of
from secondround.api.negotiation import choose
from secondround.api.problems import NotAcceptable, problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession
from secondround.plans import prep_sheet_html, prep_sheet_markdown, service
from secondround.plans.schemas import RoundPlanRead
from secondround.rounds.deps import OwnedRound

router = APIRouter(prefix="/rounds/{round_id}", tags=["plans"], responses=problem_responses(401, 404, 422))

MARKDOWN = "text/markdown; charset=utf-8"
HTML = "text/html; charset=utf-8"


BacklogLimit = Annotated[
    int,
    Query(
        ge=0,
        le=service.MAX_BACKLOG_LIMIT,
        description="How many backlog entries to list (the first ones); `backlog_total` counts them all.",
    ),
]


@router.get("/plan", response_model=RoundPlanRead)
async def get_round_plan(
    round_: OwnedRound, db: DbSession, response: Response, backlog_limit: BacklogLimit = service.DEFAULT_BACKLOG_LIMIT
) -> Response:
    """Which of your questions to ask whom, in what order, in the time you have with each person;
    what each person will likely ask you; and what was left out, with the reasons. JSON only: the
    printable version is `GET /api/v1/rounds/{round_id}/prep-sheet`."""
    plan = await db.run(service.plan_round, round_, backlog_limit=backlog_limit)
    # Weak: the same facts give the same plan, but each answer has its own `generated_at`.
    response.headers["ETag"] = weak_etag_of(plan.model_dump_json(exclude={"generated_at"}))
    return serialized(plan, response)


# The prep sheet's representations, the default first (what `*/*` or no Accept gets).
SHEET_TYPES = ("text/markdown", "text/html")


@router.get(
    "/prep-sheet",
    response_class=Response,
    responses={
        200: {
            "description": "The prep sheet, as Markdown (CommonMark; the default) or, when `Accept` prefers "
            "`text/html`, as one self-contained HTML document for printing (inline CSS, no script, nothing "
            "loaded from elsewhere).",
            "headers": {
                "Vary": {"description": "`Accept`: the representation depends on it.", "schema": {"type": "string"}}
            },
            "content": {"text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}},
        },
        **problem_responses(406),
    },
)
async def get_prep_sheet(
    round_: OwnedRound,
    db: DbSession,
    request: Request,
    backlog_limit: BacklogLimit = service.DEFAULT_BACKLOG_LIMIT,
) -> Response:
    """The plan as a prep sheet to read or print: the round's local date and time, the run sheet,
    what you know about the company, and for each interviewer how to greet them, their profile and
    contact details, your notes, what they care about, your questions in order with the reason for
    each, the closing block, and what they will likely ask with your prepared answers; then what
    earlier rounds already settled, with your notes. Markdown by default; `Accept: text/html` gives
    the printable page (a browser opening this address gets it)."""
    # Accept is read, not declared: OpenAPI ignores an `Accept` parameter; the 200's content map says it.
    chosen = choose(",".join(request.headers.getlist("accept")), SHEET_TYPES)
    if chosen is None:
        raise NotAcceptable(f"The prep sheet comes as {' or '.join(SHEET_TYPES)}; the request accepts neither.")
    sheet = await db.run(service.prep_sheet_of, round_, backlog_limit=backlog_limit)
    # Weak, as the plan's: the sheet says when it was made; one tag per representation.
    etag = weak_etag_of(chosen, repr(replace(sheet, generated="")))
    if chosen == "text/html":
        return Response(
            prep_sheet_html.render(sheet),
            media_type=HTML,
            headers={"Vary": "Accept", "Content-Security-Policy": prep_sheet_html.csp(), "ETag": etag},
        )
    return Response(prep_sheet_markdown.render(sheet), media_type=MARKDOWN, headers={"Vary": "Accept", "ETag": etag})
