"""Reading the account from the terminal: applications (every page), rounds, a round's prep sheet,
follow-ups; as tables and with --json for scripts."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.support.builders import create_application, create_interviewer, create_question, create_round


def test_applications_follows_every_page_as_a_table_and_as_json(cli_for, user, other_user):
    made = [create_application(user, company=f"Company {n:02d}", position=f"Role {n}") for n in range(7)]
    create_application(other_user, company="Not mine")
    cli = cli_for(user)

    done = cli("applications", "--json", "--page-size", "2")  # four pages
    assert done.code == 0, done
    listed = json.loads(done.stdout)
    assert [a["id"] for a in listed] == [a["id"] for a in made]

    table = cli("applications", "--page-size", "3")
    assert table.code == 0, table
    for application in made:
        assert application["company"] in table.stdout
        assert application["id"] in table.stdout
    assert "Not mine" not in table.stdout
    assert "7 applications" in table.stdout

    only = cli("applications", "--json", "--search", "Company 03")
    assert [a["company"] for a in json.loads(only.stdout)] == ["Company 03"]


def test_applications_of_a_new_account_say_so_on_stderr(cli_for, user):
    done = cli_for(user)("applications")
    assert done.code == 0, done
    assert done.stdout == ""
    assert "No applications yet." in done.stderr


def test_rounds_list_their_ids_and_plan_renders_the_prep_sheet(cli_for, user):
    application = create_application(user, company="Fjord Maps")
    round_ = create_round(user, application["id"], scheduled_at="2030-03-04T10:00", time_zone="Europe/Oslo")
    create_interviewer(user, round_["id"], name="Dana Ortega", meeting_minutes=40)
    question = create_question(user, text="How is success measured in the first six months?")
    assert (
        user.put(f"/api/v1/rounds/{round_['id']}/questions/{question['id']}", json={"pinned": True}).status_code == 201
    )
    cli = cli_for(user)

    rounds = cli("rounds")
    assert rounds.code == 0, rounds
    assert round_["id"] in rounds.stdout and "Fjord Maps" in rounds.stdout and "2030-03-04 10:00" in rounds.stdout
    assert [r["id"] for r in json.loads(cli("rounds", "--json", "--application", application["id"]).stdout)] == [
        round_["id"]
    ]

    rendered = cli("plan", round_["id"])
    assert rendered.code == 0, rendered
    assert "Dana Ortega" in rendered.stdout
    assert "How is success measured in the first six months?" in rendered.stdout
    assert "##" not in rendered.stdout  # rendered: headings, not Markdown marks

    raw = cli("plan", round_["id"], "--raw")  # the Markdown as the API serves it
    assert raw.stdout.startswith("# ") and "\n## " in raw.stdout and "Dana Ortega" in raw.stdout

    plan = json.loads(cli("plan", round_["id"], "--json").stdout)
    assert plan["round_id"] == round_["id"]
    assert plan["interviewers"][0]["name"] == "Dana Ortega"


def test_follow_ups_all_due_and_overdue(cli_for, user):
    zone = user.get("/api/v1/me").json()["time_zone"]
    today = datetime.now(ZoneInfo(zone)).date()
    application = create_application(user, company="Later Ltd")

    def pending_round(on: date) -> dict:
        made = create_round(user, application["id"], decision_expected_by=(on - timedelta(days=3)).isoformat())
        r = user.patch(f"/api/v1/rounds/{made['id']}", json={"status": "completed", "follow_up_on": on.isoformat()})
        assert r.status_code == 200, r.text
        return made

    past = pending_round(today - timedelta(days=2))
    due_today = pending_round(today)
    later = pending_round(today + timedelta(days=5))
    cli = cli_for(user)

    def ids(*args: str) -> set[str]:
        done = cli("follow-ups", "--json", "--page-size", "1", *args)
        assert done.code == 0, done
        return {item["round"]["id"] for item in json.loads(done.stdout)}

    assert ids() == {past["id"], due_today["id"], later["id"]}
    assert ids("--due") == {past["id"], due_today["id"]}
    assert ids("--overdue") == {past["id"]}

    table = cli("follow-ups", "--overdue")
    assert table.code == 0, table
    assert past["id"] in table.stdout and "Later Ltd" in table.stdout and due_today["id"] not in table.stdout
    assert cli("follow-ups", "--due", "--overdue").code == 2
