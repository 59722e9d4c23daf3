"""Constraint violations from concurrent writes, answered as problems instead of 500s.

Services check uniqueness before they write ("you already have a role named ..."), but two
requests can pass the check at once and then both write; the database refuses the second.
Whatever the route, that ends here as the 409 the check would have given. A row that vanished
under a write (deleted meanwhile) is a 404. Row locks (core.resources.get_owned) make both rare.
"""

import re

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import PrimaryKeyConstraint, UniqueConstraint
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import SQLModel

from secondround.api.problems import Conflict, NotFound, error_response

UNIQUE_VIOLATION = "23505"
FOREIGN_KEY_VIOLATION = "23503"

# What each unique constraint means to the client; one the list does not name gets GENERIC.
MESSAGES = {
    "uq_users_email": "An account with this email already exists.",
    "uq_roles_owner_name": "You already have a role with this name.",
    "uq_rounds_application_sequence": "Another round was added to this application at the same time; retry.",
    "pk_round_questions": "This question's entry in the round was written at the same time; fetch it and retry.",
    "pk_idempotency_keys": "Another request with this Idempotency-Key was made at the same time; send it again "
    "to get its response.",
    "uq_applications_owner_source_external_id": "You already have an application with this source and external id.",
    "uq_rounds_owner_source_external_id": "You already have a round with this source and external id.",
}
GENERIC = "This change conflicts with another made at the same time; fetch the current state and retry."
GONE = "Something this change refers to was deleted at the same time; fetch the current state and retry."

_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (?P<columns>.+)")


def _sqlite_constraint(message: str) -> str | None:
    """SQLite names the columns ("roles.owner_id, roles.name"), not the constraint: find it."""
    found = _SQLITE_UNIQUE.search(message)
    if found is None:
        return None
    qualified = [c.strip().split(".", 1) for c in found["columns"].split(",")]
    table = SQLModel.metadata.tables.get(qualified[0][0])
    columns = {c[-1] for c in qualified}
    for constraint in table.constraints if table is not None else ():
        if not isinstance(constraint, UniqueConstraint | PrimaryKeyConstraint):
            continue
        if set(constraint.columns.keys()) == columns:
            return str(constraint.name)
    for index in table.indexes if table is not None else ():  # partial unique indexes
        if index.unique and set(index.columns.keys()) == columns:
            return str(index.name)
    return None


def classify(exc: IntegrityError) -> tuple[str, str | None] | None:
    """("unique" or "foreign_key", constraint name if known), or None for any other violation."""
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate is not None:  # PostgreSQL (psycopg)
        diag = getattr(orig, "diag", None)
        name = getattr(diag, "constraint_name", None)
        kinds = {UNIQUE_VIOLATION: "unique", FOREIGN_KEY_VIOLATION: "foreign_key"}
        return (kinds[sqlstate], name) if sqlstate in kinds else None
    message = str(orig)
    if message.startswith("UNIQUE constraint failed"):
        return "unique", _sqlite_constraint(message)
    if message.startswith("FOREIGN KEY constraint failed"):
        return "foreign_key", None
    return None


def install_constraint_handlers(app: FastAPI) -> None:
    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        kind = classify(exc)
        if kind is None:  # NOT NULL, CHECK: a bug, not a race; the 500 handler logs it
            raise exc
        detail = GONE if kind[0] == "foreign_key" else MESSAGES.get(kind[1] or "", GENERIC)
        return error_response(Conflict(detail), instance=request.url.path)

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, _exc: StaleDataError) -> JSONResponse:
        detail = "It was deleted by another request at the same time."
        return error_response(NotFound(detail), instance=request.url.path)
