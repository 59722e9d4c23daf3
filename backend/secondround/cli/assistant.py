"""`secondround mcp`: a Model Context Protocol server on stdio, for an assistant (Claude Desktop, an
IDE...) to read and update your account.

It holds no database connection: every tool is one or a few calls to the API with your personal API
key (SECONDROUND_API_KEY, or the one `secondround login` stored), so the API itself decides what the
key may see and change: another account's round is "not found", a read-only key cannot write.
Inputs are typed and bounded before any request is sent; a problem the API answers comes back to the
assistant as a tool error in the API's own plain sentence.
"""

import logging
import uuid
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from pydantic import Field

from secondround.cli import config
from secondround.cli.client import AsyncApi
from secondround.cli.errors import CliError
from secondround.helpers.vocabulary import ApplicationStatus, Category, Direction

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

INSTRUCTIONS = (
    "secondround holds the user's job applications, their interview rounds, the people they will meet, a bank "
    "of questions and a plan per round (which question to ask whom, in what order). Ids are UUIDs: find an "
    "application's with list_applications, a round's in round_plan or due_follow_ups. Times are UTC instants "
    "with the round's time_zone."
)

Id = Annotated[uuid.UUID, Field(description="A UUID, as the other tools return them.")]
Limit = Annotated[int, Field(ge=1, le=200, description="At most this many items (1 to 200).")]
Search = Annotated[str, Field(min_length=1, max_length=200, description="Text to look for (case-insensitive).")]
Notes = Annotated[str, Field(min_length=1, max_length=10_000, description="What was said, in your words.")]
MarkStatus = Literal["asked", "answered", "skipped"]


def build_server(api: AsyncApi) -> "MCPServer":
    from mcp.server.mcpserver import MCPServer
    from mcp.server.mcpserver.exceptions import ToolError

    server: MCPServer = MCPServer(name="secondround", instructions=INSTRUCTIONS, log_level="WARNING")

    async def call(method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = await api.request(method, path, **kwargs)
        except CliError as error:  # a refusal, or no answer: the sentence, for the assistant to read
            raise ToolError(str(error)) from None
        if "json" in response.headers.get("content-type", ""):
            return response.json()
        return response.text

    async def every(path: str, params: dict[str, Any], at_most: int) -> list[Any]:
        try:
            return await api.items(path, params, at_most)
        except CliError as error:
            raise ToolError(str(error)) from None

    @server.tool()
    async def list_applications(
        status: ApplicationStatus | None = None, search: Search | None = None, limit: Limit = 50
    ) -> list[dict[str, Any]]:
        """The user's job applications (company, position, status, id...), oldest first; optionally only one
        status, or those whose company or position contains `search`."""
        params: dict[str, Any] = {}
        if status is not None:
            params["status"] = status.value
        if search is not None:
            params["q"] = search
        return await every("/applications", params, limit)

    @server.tool()
    async def round_plan(round_id: Id) -> dict[str, Any]:
        """A round's plan: for each interviewer in meeting order, the questions to ask them in order with
        the reasons, what they will likely ask, the run sheet, and what did not fit."""
        result: dict[str, Any] = await call("GET", f"/rounds/{round_id}/plan")
        return result

    @server.tool()
    async def run_sheet(round_id: Id) -> dict[str, Any]:
        """A round's day laid out in time: when each person's meeting starts and ends, breaks, spare
        minutes, and warnings when the panel overruns the round."""
        plan = await call("GET", f"/rounds/{round_id}/plan")
        people = [
            {key: person.get(key) for key in ("interviewer_id", "name", "title", "starts_at", "ends_at")}
            for person in plan.get("interviewers", [])
        ]
        return {"round_id": plan["round_id"], "time_zone": plan["time_zone"], **plan["run_sheet"], "people": people}

    @server.tool()
    async def prep_sheet(round_id: Id) -> str:
        """A round's prep sheet as Markdown: what to read before the interview, person by person."""
        text: str = await call("GET", f"/rounds/{round_id}/prep-sheet", headers={"Accept": "text/markdown"})
        return text

    @server.tool()
    async def round_readiness(round_id: Id) -> dict[str, Any]:
        """Is the user ready for this round? Each check, whether it passes, and what to do next."""
        result: dict[str, Any] = await call("GET", f"/rounds/{round_id}/readiness")
        return result

    @server.tool()
    async def due_follow_ups(limit: Limit = 50) -> list[dict[str, Any]]:
        """Rounds whose follow-up date is today or earlier and not followed up yet: whom to contact, about
        which application."""
        return await every("/follow-ups", {"when": "due"}, limit)

    @server.tool()
    async def search_questions(
        text: Search, direction: Direction | None = None, limit: Limit = 20
    ) -> list[dict[str, Any]]:
        """Questions in the user's bank (and those written for one application) whose text contains `text`;
        `direction` "ask" for questions the user asks, "expect" for those they expect to be asked."""
        params: dict[str, Any] = {"q": text}
        if direction is not None:
            params["direction"] = direction.value
        return await every("/questions", params, limit)

    @server.tool()
    async def record_answer_notes(
        round_id: Id, question_id: Id, notes: Notes, status: MarkStatus = "answered"
    ) -> dict[str, Any]:
        """Write down what the interviewer answered to one of the user's questions in a round, and mark it
        asked, answered (the default) or skipped. The question is added to the round if it was not there."""
        body = {"answer_notes": notes, "status": status}
        result: dict[str, Any] = await call("PATCH", f"/rounds/{round_id}/questions/{question_id}", json=body)
        return result

    @server.tool()
    async def record_follow_up(
        round_id: Id,
        note: Annotated[str | None, Field(max_length=10_000, description="What was said or sent.")] = None,
    ) -> dict[str, Any]:
        """Record that the user followed up on a round today (a call, an email), with an optional note."""
        result: dict[str, Any] = await call("POST", f"/rounds/{round_id}/follow-up", json={"note": note})
        return result

    @server.tool()
    async def add_question(
        application_id: Id,
        text: Annotated[str, Field(min_length=1, max_length=2_000, description="The question, as asked.")],
        category: Category,
        direction: Direction = Direction.ASK,
        importance: Annotated[int, Field(ge=1, le=5, description="1 (nice to know) to 5 (must know).")] = 3,
        prepared_answer: Annotated[
            str | None, Field(max_length=10_000, description="For a question they may ask: the user's answer.")
        ] = None,
    ) -> dict[str, Any]:
        """Add a question for one application only (not the whole bank): one the user asks ("ask") or one
        they expect to be asked ("expect"). The application's next plans take it into account."""
        body: dict[str, Any] = {
            "application_id": str(application_id),
            "text": text,
            "category": category.value,
            "direction": direction.value,
            "importance": importance,
        }
        if prepared_answer is not None:
            body["prepared_answer"] = prepared_answer
        result: dict[str, Any] = await call("POST", "/questions", json=body)
        return result

    return server


def mcp() -> None:
    """Run the assistant (MCP) server on stdio, for an MCP client to start. It uses SECONDROUND_URL and
    SECONDROUND_API_KEY, or what `secondround login` stored; every tool goes through the API with that
    key. See README, "Assistant (MCP) server", for a client configuration."""
    url = config.server_url()
    key = config.api_key(url)  # not signed in: exit 4 before the client waits for a handshake
    logging.basicConfig(level=logging.WARNING)
    api = AsyncApi(url, key)
    build_server(api).run("stdio")


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Assistant")(mcp)
