"""Reading your account: `applications`, `plan ROUND_ID` and `follow-ups`."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.markdown import Markdown
from rich.table import Table

from secondround.cli.client import Api
from secondround.cli.errors import CliError, ExitCode, results, say
from secondround.cli.output import JsonOption, print_json, progress
from secondround.helpers.vocabulary import ApplicationStatus

# Hidden: the page size of the requests behind a list (tests make it small to prove every page is read).
PageSize = Annotated[int, typer.Option("--page-size", min=1, max=200, hidden=True)]


def _every(api: Api, path: str, params: dict[str, Any], what: str, page_size: int = 200) -> list[Any]:
    """Every item of a cursor-paged list, page after page, with a progress display."""
    found: list[Any] = []
    with progress(f"Reading {what}") as (bar, task):
        for page in api.pages(path, params, page_size):
            found.extend(page)
            bar.update(task, completed=len(found), unit=f" {what}")
    return found


def applications(
    status: Annotated[ApplicationStatus | None, typer.Option(help="Only applications with this status.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Only those whose company or position contains this.")
    ] = None,
    as_json: JsonOption = False,
    page_size: PageSize = 200,
) -> None:
    """Your applications in a table (every page of them), oldest first."""
    params: dict[str, Any] = {}
    if status is not None:
        params["status"] = status.value
    if search:
        params["q"] = search
    with Api.signed_in() as api:
        items = _every(api, "/applications", params, "applications", page_size)
    if as_json:
        print_json(items)
        return
    if not items:
        say("No applications yet." if not params else "No application matches.")
        return
    table = Table(title=f"{len(items)} application{'s' if len(items) != 1 else ''}")
    table.add_column("Company")
    table.add_column("Position")
    table.add_column("Status")
    table.add_column("Applied on")
    table.add_column("Id", no_wrap=True, style="dim")
    for item in items:
        table.add_row(item["company"], item["position"], item["status"], item.get("applied_on") or "", item["id"])
    results().print(table)


def rounds(
    application_id: Annotated[
        uuid.UUID | None, typer.Option("--application", help="Only the rounds of this application.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Your rounds with their ids (for `plan`), every application's or one's, soonest first."""
    params: dict[str, Any] = {} if application_id is None else {"application_id": str(application_id)}
    with Api.signed_in() as api:
        items = _every(api, "/rounds", params, "rounds")
        companies = {a["id"]: a["company"] for a in _every(api, "/applications", {}, "applications")} if items else {}
    items.sort(key=lambda r: (r.get("scheduled_at") is None, r.get("scheduled_at") or "", r["sequence"]))
    if as_json:
        print_json(items)
        return
    if not items:
        say("No rounds yet.")
        return
    table = Table(title="Rounds")
    table.add_column("When (local)", no_wrap=True)
    table.add_column("Company")
    table.add_column("Round")
    table.add_column("Status")
    table.add_column("Round id", no_wrap=True, style="dim")
    for item in items:
        when = (item.get("scheduled_local") or "not scheduled")[:16].replace("T", " ")
        table.add_row(
            when,
            companies.get(item["application_id"], ""),
            f"{item['sequence']} ({item['kind']})",
            item.get("status", ""),
            item["id"],
        )
    results().print(table)


def plan(
    round_id: Annotated[uuid.UUID, typer.Argument(help="The round's id (`secondround rounds` lists them).")],
    raw: Annotated[bool, typer.Option("--raw", help="Print the Markdown as it is, not rendered.")] = False,
    as_json: JsonOption = False,
) -> None:
    """The round's prep sheet in the terminal: the run sheet, and for each person whom to greet how and
    what to ask in which order. --json prints the plan itself (GET /rounds/{id}/plan)."""
    with Api.signed_in() as api:
        if as_json:
            print_json(api.get(f"/rounds/{round_id}/plan").json())
            return
        sheet = api.get(f"/rounds/{round_id}/prep-sheet", headers={"Accept": "text/markdown"}).text
    if raw:
        typer.echo(sheet, nl=not sheet.endswith("\n"))
    else:
        results().print(Markdown(sheet))


def _account_today(api: Api) -> date:
    zone = api.get("/me").json().get("time_zone") or "UTC"
    try:
        return datetime.now(ZoneInfo(zone)).date()
    except ZoneInfoNotFoundError:
        return datetime.now(ZoneInfo("UTC")).date()


def follow_ups(
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only those whose date has passed (before today) and not done yet.")
    ] = False,
    due: Annotated[bool, typer.Option("--due", help="Only those due today or earlier and not done yet.")] = False,
    as_json: JsonOption = False,
    page_size: PageSize = 200,
) -> None:
    """Rounds waiting for an answer that have a follow-up date, soonest first: whom to contact, and when.
    Without an option: every pending one, done or not. Days are your account's (its time zone)."""
    if overdue and due:
        raise CliError("Use --overdue or --due, not both.", ExitCode.USAGE)
    with Api.signed_in() as api:
        when = "due" if overdue or due else "all"
        items = _every(api, "/follow-ups", {"when": when}, "follow-ups", page_size)
        if overdue:
            today = _account_today(api).isoformat()
            items = [item for item in items if item["round"]["follow_up_on"] < today]
    if as_json:
        print_json(items)
        return
    if not items:
        say("Nothing to follow up." if overdue or due else "No pending follow-ups.")
        return
    table = Table(title="Follow-ups")
    table.add_column("On", no_wrap=True)
    table.add_column("Company")
    table.add_column("Position")
    table.add_column("Round")
    table.add_column("Contact")
    table.add_column("Done")
    table.add_column("Round id", no_wrap=True, style="dim")
    for item in items:
        round_ = item["round"]
        people = ", ".join(
            person["name"] + (f" <{person['email']}>" if person.get("email") else "") for person in item["interviewers"]
        )
        done = (round_.get("followed_up_at") or "")[:10]
        table.add_row(
            round_["follow_up_on"],
            item["application"]["company"],
            item["application"]["position"],
            f"{round_['sequence']} ({round_['kind']})",
            people,
            done,
            round_["id"],
        )
    results().print(table)


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Read your account")(applications)
    app.command(rich_help_panel="Read your account")(rounds)
    app.command(rich_help_panel="Read your account")(plan)
    app.command("follow-ups", rich_help_panel="Read your account")(follow_ups)
