from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response
from pydantic import WithJsonSchema

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import weak_etag_of
from secondround.api.openapi import HEADERS
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.caps import CapsDep
from secondround.db.session import DbSession
from secondround.db.types import utcnow
from secondround.portability import service, spreadsheet
from secondround.portability.document import ExportDocument, json_schema
from secondround.portability.schemas import ImportSummary

router = APIRouter(tags=["export"], responses=problem_responses(401, 403))

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
DOWNLOAD_HEADERS = {name: HEADERS[name] for name in ("Content-Disposition",)}


def _attachment(response: Response, extension: str) -> None:
    day = utcnow().date().isoformat()
    response.headers["Content-Disposition"] = f'attachment; filename="secondround-{day}.{extension}"'
    response.headers["Cache-Control"] = "no-store"


@router.get(
    "/export",
    response_model=ExportDocument,
    responses={200: {"headers": {**DOWNLOAD_HEADERS, "Cache-Control": HEADERS["Cache-Control"]}}},
)
async def export_account(user: CurrentUser, db: DbSession, response: Response) -> Response:
    """Everything you made, as one JSON document (format `secondround-export`, version 1; its JSON Schema
    is at `GET /api/v1/export/schema.json`): your account's settings, roles, questions with their
    targets, applications, rounds with outcomes and follow-ups, the people you met, the questions'
    states and notes in each round, and answers per application. Ids are the document's own keys:
    `POST /api/v1/import` gives everything new ids. No credential is in it (no sign-in email, password,
    token, API key, OAuth app or webhook)."""
    document = await db.run(service.export_document, user)
    _attachment(response, "json")
    # Weak, and without exported_at: the same account exported twice is the same document.
    response.headers["ETag"] = weak_etag_of(document.model_dump_json(exclude={"exported_at"}))
    return serialized(document, response)


@router.get("/export/schema.json", response_model=dict[str, Any])
async def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the export document, version 1: what `GET /api/v1/export`
    writes and `POST /api/v1/import` reads. No sign-in needed."""
    return json_schema()


@router.get(
    "/export.csv",
    response_class=Response,
    responses={
        200: {
            "description": "A CSV spreadsheet (UTF-8 with a byte order mark, CRLF line ends).",
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "headers": {**DOWNLOAD_HEADERS, "Cache-Control": HEADERS["Cache-Control"]},
        },
    },
)
async def export_spreadsheet(user: CurrentUser, db: DbSession) -> Response:
    """Your job search as a spreadsheet, for an employment agency or your own records: one row per
    interview round (an application without rounds has one row), with Company, Position, Location,
    Job link, Found via, Applied on, Application status, Round, Round type, Date, Time, Time zone,
    Round status, Outcome, People met, Follow up on and Followed up on. A cell starting with
    = + - or @ gets a leading apostrophe, so no spreadsheet runs it as a formula."""
    document = await db.run(service.export_document, user)
    response = Response(content=spreadsheet.render(document), media_type=CSV_MEDIA_TYPE)
    _attachment(response, "csv")
    return response


@router.post(
    "/import",
    response_model=ImportSummary,
    responses=problem_responses(409, 413, 422),
)
async def import_account(
    user: CurrentUser,
    db: DbSession,
    caps: CapsDep,
    document: Annotated[
        Any,
        Body(description="A document from GET /api/v1/export."),
        # Read as JSON first, so a newer version or another format gets its own words (service.py).
        WithJsonSchema({"$ref": "#/components/schemas/ExportDocument"}),
    ],
    dry_run: Annotated[
        bool, Query(description="true: check the document and say what would change, writing nothing.")
    ] = False,
) -> ImportSummary:
    """Load an export document into your account, all or nothing. Everything gets a new id; roles
    with the name of one you have, and bank questions with the direction and text of one you have
    (the starter roles and bank), are merged into yours (taking the document's values) instead of
    duplicated. Importing one document twice adds its applications, rounds and people twice; send an
    `Idempotency-Key` to make a retry safe. A document of another format, of a newer version, with a
    reference to an item it does not hold or with an item twice is a 422; one larger than 20 MiB,
    or holding more than an account may, is a 413."""
    return await db.run(service.import_document, user, document, caps, dry_run=dry_run)
