"""`secondround mcp`: the assistant server, driven by the MCP SDK's own client over stdio, exactly as
an assistant app starts it. Every tool goes through the API with the user's key."""

import json
import uuid
from typing import Any

from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from tests.support.builders import create_application, create_interviewer, create_question, create_round
from tests.support.command_line import COMMAND
from tests.support.event_loop import run_async

TOOLS = {
    "list_applications", "round_plan", "run_sheet", "prep_sheet", "round_readiness", "due_follow_ups",
    "search_questions", "record_answer_notes", "record_follow_up", "add_question",
}  # fmt: skip


def _text(result: Any) -> str:
    return "".join(getattr(block, "text", "") for block in result.content)


def _data(result: Any) -> Any:
    assert not result.is_error, _text(result)
    if result.structured_content is not None:
        content = result.structured_content
        return content["result"] if isinstance(content, dict) and set(content) == {"result"} else content
    return json.loads(_text(result))


def drive(env: dict[str, str], errlog_path, script) -> Any:
    """Start `secondround mcp` with `env`, open a session, run `script(session)`, return what it returns."""

    async def run() -> Any:
        with errlog_path.open("w") as errlog:
            server = StdioServerParameters(command=COMMAND, args=["mcp"], env=env)
            async with stdio_client(server, errlog=errlog) as (read, write), ClientSession(read, write) as session:
                await session.initialize()
                return await script(session)

    return run_async(run())


def test_the_assistant_reads_and_writes_through_the_api(cli_for, user, other_user, tmp_path):
    application = create_application(user, company="Fjord Maps", position="Backend engineer")
    round_ = create_round(user, application["id"], scheduled_at="2030-03-04T10:00", time_zone="Europe/Oslo")
    dana = create_interviewer(user, round_["id"], name="Dana Ortega", meeting_minutes=40)
    question = create_question(user, text="How do you measure a route planner's quality?")
    theirs = create_round(other_user, create_application(other_user, company="Elsewhere")["id"])
    cli = cli_for(user)

    async def script(session: ClientSession) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        listed = await session.list_tools()
        seen["tools"] = {tool.name: tool for tool in listed.tools}
        seen["applications"] = _data(await session.call_tool("list_applications", {}))
        seen["filtered"] = _data(await session.call_tool("list_applications", {"search": "nothing like it"}))
        seen["plan"] = _data(await session.call_tool("round_plan", {"round_id": round_["id"]}))
        seen["run_sheet"] = _data(await session.call_tool("run_sheet", {"round_id": round_["id"]}))
        seen["prep"] = _text(await session.call_tool("prep_sheet", {"round_id": round_["id"]}))
        seen["readiness"] = _data(await session.call_tool("round_readiness", {"round_id": round_["id"]}))
        seen["search"] = _data(await session.call_tool("search_questions", {"text": "route planner"}))
        seen["notes"] = _data(
            await session.call_tool(
                "record_answer_notes",
                {"round_id": round_["id"], "question_id": question["id"], "notes": "Lateness per stop, weekly"},
            )
        )
        seen["follow_up"] = _data(
            await session.call_tool("record_follow_up", {"round_id": round_["id"], "note": "Mailed Dana"})
        )
        seen["added"] = _data(
            await session.call_tool(
                "add_question",
                {
                    "application_id": application["id"],
                    "text": "Which maps do your drivers trust?",
                    "category": "job_description",
                    "importance": 4,
                },
            )
        )
        seen["due"] = _data(await session.call_tool("due_follow_ups", {}))
        # Errors: another account's round, a round that does not exist, input the schema refuses.
        seen["theirs"] = await session.call_tool("round_plan", {"round_id": theirs["id"]})
        seen["missing"] = await session.call_tool("prep_sheet", {"round_id": str(uuid.uuid4())})
        seen["not_uuid"] = await session.call_tool("run_sheet", {"round_id": "round one"})
        seen["too_long"] = await session.call_tool("record_follow_up", {"round_id": round_["id"], "note": "x" * 10_001})
        seen["bad_category"] = await session.call_tool(
            "add_question", {"application_id": application["id"], "text": "Hm?", "category": "gossip"}
        )
        seen["their_write"] = await session.call_tool(
            "record_answer_notes", {"round_id": theirs["id"], "question_id": question["id"], "notes": "no"}
        )
        return seen

    seen = drive(cli.env(), tmp_path / "mcp.log", script)

    assert set(seen["tools"]) == TOOLS
    round_id_schema = seen["tools"]["round_plan"].input_schema["properties"]["round_id"]
    assert round_id_schema.get("format") == "uuid"
    assert seen["tools"]["record_follow_up"].input_schema["properties"]["note"]  # typed and described
    assert [a["company"] for a in seen["applications"]] == ["Fjord Maps"]  # never the other account's
    assert seen["filtered"] == []
    assert seen["plan"]["round_id"] == round_["id"]
    assert seen["run_sheet"]["people"][0]["name"] == "Dana Ortega"
    assert seen["run_sheet"]["starts_at"].startswith("2030-03-04T09:00")  # 10:00 in Oslo, in UTC
    assert "Dana Ortega" in seen["prep"] and seen["prep"].startswith("# ")
    assert seen["readiness"]
    assert [q["id"] for q in seen["search"]] == [question["id"]]
    assert seen["notes"]["answer_notes"] == "Lateness per stop, weekly" and seen["notes"]["status"] == "answered"
    stored = user.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"]
    assert [(q["question_id"], q["answer_notes"]) for q in stored] == [(question["id"], "Lateness per stop, weekly")]
    assert seen["follow_up"]["follow_up_note"] == "Mailed Dana" and seen["follow_up"]["followed_up_at"]
    assert seen["added"]["application_id"] == application["id"] and seen["added"]["importance"] == 4
    assert user.get(f"/api/v1/questions/{seen['added']['id']}").status_code == 200
    assert isinstance(seen["due"], list)
    assert dana["id"] in {p["interviewer_id"] for p in seen["run_sheet"]["people"]}

    not_found = user.get(f"/api/v1/rounds/{theirs['id']}/plan").json()["detail"]
    for name in ("theirs", "missing", "their_write"):
        result = seen[name]
        assert result.is_error, name
        assert _text(result).endswith(".") and "Traceback" not in _text(result), _text(result)
    # The SDK names the tool; the rest is the API's own sentence: the round is not found, as any unknown id.
    assert _text(seen["theirs"]) == f"Error executing tool round_plan: {not_found}"
    assert "No round with id" in _text(seen["missing"])
    for name in ("not_uuid", "too_long", "bad_category"):
        assert seen[name].is_error, name
    assert "round_id" in _text(seen["not_uuid"])
    # The other account's round was neither read nor changed.
    assert other_user.get(f"/api/v1/rounds/{theirs['id']}/questions").json()["items"] == []


def test_a_read_only_key_cannot_write_through_the_assistant(cli_for, user, tmp_path):
    application = create_application(user)
    cli = cli_for(user, scopes=("read",))

    async def script(session: ClientSession) -> Any:
        return await session.call_tool(
            "add_question", {"application_id": application["id"], "text": "Why?", "category": "teamwork"}
        )

    result = drive(cli.env(), tmp_path / "mcp.log", script)
    assert result.is_error
    assert "Traceback" not in _text(result) and _text(result)
    assert user.get("/api/v1/questions", params={"application_id": application["id"]}).json()["items"] == []
