"""Moving data in and out: `export`, `import`, `import-posting` and `import-invite`.

Written against these contracts: `GET /api/v1/export` (the account as one JSON document) and
`/export.csv`; `POST /api/v1/import?dry_run=true|false` (that document as the body);
`POST /api/v1/applications/import` (a schema.org JobPosting in JSON-LD, or `{"html": ...}` of a
posting's page; 201 new, 200 already there); `POST /api/v1/applications/{id}/rounds/import`
(an invitation's .ics, as text/calendar).
"""

import json
import uuid
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from secondround.cli.client import Api
from secondround.cli.errors import CliError, ExitCode, results, say
from secondround.cli.output import JsonOption, print_json, progress

ReadableFile = Annotated[
    Path,
    typer.Argument(exists=True, file_okay=True, dir_okay=False, readable=True, resolve_path=True, help="The file."),
]
MAX_FILE_BYTES = 50 * 1024 * 1024  # more than any server accepts: refuse before reading it into memory


def _read(path: Path) -> bytes:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CliError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; no server would take it.")
    return path.read_bytes()


def export(
    csv: Annotated[
        bool, typer.Option("--csv", help="CSV (one row per application) instead of the JSON document.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", dir_okay=False, help="Write to this file instead of stdout.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Export your account: the JSON document `import` reads back, or a CSV for spreadsheets.

    With -o the export goes to the file and --json prints where it went and how big it is."""
    path = "/export.csv" if csv else "/export"
    accept = "text/csv" if csv else "application/json"
    with Api.signed_in() as api, progress("Exporting") as (bar, task):
        body = api.get(path, headers={"Accept": accept}).content
        bar.update(task, completed=len(body), unit=" bytes")
    if output is None:
        typer.echo(body.decode("utf-8"), nl=not body.endswith(b"\n"))
        return
    output.write_bytes(body)
    if as_json:
        print_json({"file": str(output), "bytes": len(body), "format": "csv" if csv else "json"})
    say(f"Exported to {output} ({len(body)} bytes).")


def _counts_table(title: str, summary: dict[str, Any]) -> Table:
    table = Table(title=title)
    table.add_column("What")
    table.add_column("Count", justify="right")
    for key, value in summary.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            table.add_row(key.replace("_", " "), str(value))
        elif isinstance(value, dict):
            for inner, count in value.items():
                if isinstance(count, int | float) and not isinstance(count, bool):
                    table.add_row(f"{key.replace('_', ' ')}: {inner.replace('_', ' ')}", str(count))
    return table


def import_document(
    file: ReadableFile,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and say what would change; change nothing.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Import a document made by `export` (JSON) into your account."""
    raw = _read(file)
    try:
        document = json.loads(raw)
    except ValueError as error:
        raise CliError(f"{file} is not JSON ({error}); `import` reads what `export` writes.", ExitCode.USAGE) from None
    with Api.signed_in() as api, progress("Importing" + (" (dry run)" if dry_run else ""), total=None) as (bar, task):
        response = api.post("/import", params={"dry_run": "true" if dry_run else "false"}, json=document)
        bar.update(task, completed=len(raw), unit=" bytes sent")
    summary = response.json()
    if as_json:
        print_json(summary)
    elif isinstance(summary, dict):
        results().print(_counts_table("Would import" if dry_run else "Imported", summary))
    say("Dry run: nothing was changed." if dry_run else f"Imported {file.name}.")


def import_posting(file: ReadableFile, as_json: JsonOption = False) -> None:
    """Add an application from a job posting: a saved page (.html) or its schema.org JobPosting (JSON-LD).
    A posting you already have is not added twice."""
    raw = _read(file)
    text = raw.decode("utf-8", errors="replace")
    try:
        body: Any = json.loads(text)
    except ValueError:
        body = {"html": text}
    if not isinstance(body, dict):
        raise CliError(f"{file} holds JSON that is not one JobPosting object.", ExitCode.USAGE)
    with Api.signed_in() as api:
        response = api.post("/applications/import", json=body)
    application = response.json()
    created = response.status_code == 201
    if as_json:
        print_json({"created": created, "application": application})
        return
    what = "Added" if created else "Already there:"
    say(f"{what} {application.get('company', '?')}, {application.get('position', '?')} (id {application.get('id')}).")


def import_invite(
    application_id: Annotated[uuid.UUID, typer.Argument(help="The application the round belongs to.")],
    file: ReadableFile,
    as_json: JsonOption = False,
) -> None:
    """Add (or update) a round from a calendar invitation (.ics) to an application."""
    raw = _read(file)
    with Api.signed_in() as api:
        response = api.post(
            f"/applications/{application_id}/rounds/import",
            content=raw,
            headers={"Content-Type": "text/calendar; charset=utf-8"},
        )
    imported = response.json()  # the round, its people, and what the import guessed or left out
    if as_json:
        print_json(imported)
        return
    round_ = imported["round"]
    when = round_.get("scheduled_local") or round_.get("scheduled_at") or "no date yet"
    verb = "Added" if response.status_code == 201 else "Updated"
    say(f"{verb} round {round_.get('sequence', '?')} ({when}); its id is {round_.get('id')}.")
    for person in imported.get("interviewers", []):
        say(f"  {person.get('name')}" + (f", {person['title']}" if person.get("title") else ""))
    for guess in imported.get("guessed_roles", []):
        say(f"  Guessed: {guess.get('interviewer')} is {guess.get('role')} (from {guess.get('guessed_from')}).")
    for remark in imported.get("remarks", []):
        say(f"  {remark}")


def register(app: typer.Typer) -> None:
    panel = "Move data in and out"
    app.command(rich_help_panel=panel)(export)
    app.command("import", rich_help_panel=panel)(import_document)
    app.command("import-posting", rich_help_panel=panel)(import_posting)
    app.command("import-invite", rich_help_panel=panel)(import_invite)
