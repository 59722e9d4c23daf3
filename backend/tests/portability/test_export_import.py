"""Export and import (issue 18, item 4): the whole account as one versioned document, loaded into
another account with new ids, starter items merged, all or nothing; and the job-search spreadsheet."""

import csv
import io
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from secondround.portability.document import json_schema_text
from tests.support.assertions import assert_problem
from tests.support.builders import (
    create_application,
    create_interviewer,
    create_question,
    create_role,
    create_round,
    roles_by_name,
)
from tests.webhooks.test_webhooks_api import make_hook, queued

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "openapi" / "export-v1.schema.json"
KINDS = ("roles", "questions", "applications", "rounds", "interviewers", "round_questions", "application_answers")
REFS = {"id", "application_id", "round_id", "question_id", "role_id", "interviewer_id", "marked_for_interviewer_id"}
STAMPS = {"created_at", "updated_at", "exported_at"}


def _bank(user, text: str) -> dict:
    found = user.get("/api/v1/questions", params={"q": text}).json()["items"]
    return next(q for q in found if q["text"] == text)


def build_rich_account(user) -> None:
    """Several applications (one without rounds), rounds with outcomes and follow-ups, people with
    roles (one of them the user's own), marks, own questions with targets, answers per application."""
    user.patch("/api/v1/me", json={"display_name": "Ana Pérez", "time_zone": "Europe/Oslo"})
    roles = roles_by_name(user)
    lead = create_role(user, name="Team lead", goals="Wants to see how you work.", focus={"teamwork": 0.9})
    user.patch(f"/api/v1/roles/{roles['HR']['id']}", json={"goals": "My own words about HR."})
    own = create_question(
        user,
        direction="ask",
        text="How does the team review code?",
        category="teamwork",
        target_role_ids=[lead["id"], roles["Co-worker"]["id"]],
        prepared_answer=None,
        notes="Ask early.",
    )
    why_us = _bank(user, "Why do you want to work for us rather than a competitor?")
    user.patch(f"/api/v1/questions/{why_us['id']}", json={"prepared_answer": "A general answer.", "importance": 5})

    north = create_application(
        user,
        company="Northwind",
        position="Analyst",
        applied_on="2026-11-02",
        status="interviewing",
        job_url="https://jobs.example.com/nw",
        salary_min=50000,
        salary_max=60000,
        salary_currency="EUR",
        notes="Referral from Kim.",
        source="greenhouse",
        external_id="nw-1",
    )
    contoso = create_application(user, company="Contoso", position="=Data engineer", applied_on="2026-11-05")
    create_application(user, company="Fabrikam", position="Planner", status="wishlist")
    nw_own = create_question(
        user,
        direction="expect",
        text="Tell us about the route planner.",
        category="skills_experience",
        application_id=north["id"],
    )
    r = user.put(f"/api/v1/applications/{north['id']}/answers/{why_us['id']}", json={"answer": "Northwind's planner."})
    assert r.status_code == 201, r.text

    first = create_round(
        user,
        north["id"],
        kind="screen",
        scheduled_at="2026-11-10T09:00:00+01:00",
        time_zone="Europe/Oslo",
        duration_minutes=30,
    )
    user.patch(f"/api/v1/rounds/{first['id']}", json={"status": "completed", "outcome": "next_round"})
    second = create_round(
        user,
        north["id"],
        kind="second",
        scheduled_at="2026-11-20T14:00:00+01:00",
        time_zone="Europe/Oslo",
        decision_expected_by="2026-11-27",
    )
    dana = create_interviewer(user, second["id"], name="Dana Ortega", title="Head of data", role_id=lead["id"])
    olu = create_interviewer(user, second["id"], name="Olu", role_id=roles["Owner / executive"]["id"], order=1)
    r = user.put(
        f"/api/v1/rounds/{second['id']}/questions/{own['id']}",
        json={
            "pinned": True,
            "status": "answered",
            "answer_notes": "Pairing, then review.",
            "interviewer_id": dana["id"],
            "marked_for_interviewer_id": dana["id"],
        },
    )
    assert r.status_code in (200, 201), r.text
    r = user.put(
        f"/api/v1/rounds/{second['id']}/questions/{nw_own['id']}",
        json={"status": "asked", "marked_for_interviewer_id": olu["id"]},
    )
    assert r.status_code in (200, 201), r.text
    r = user.post(f"/api/v1/rounds/{first['id']}/follow-up", json={"note": "Called Dana."})
    assert r.status_code == 200, r.text
    c1 = create_round(user, contoso["id"], kind="screen")
    create_interviewer(user, c1["id"], name="@Sam", role_id=roles["HR"]["id"])


def export(user) -> dict[str, Any]:
    r = user.get("/api/v1/export")
    assert r.status_code == 200, r.text
    assert r.headers["content-disposition"].startswith('attachment; filename="secondround-')
    return r.json()


def canonical(doc: dict[str, Any]) -> dict[str, Any]:
    """The document without ids and timestamps: each reference replaced by what it refers to, so two
    documents of the same data in different accounts compare equal."""
    by_id: dict[str, str] = {}
    for role in doc["roles"]:
        by_id[role["id"]] = "role:" + role["name"]
    for app in doc["applications"]:
        by_id[app["id"]] = f"application:{app['company']}/{app['position']}"
    for q in doc["questions"]:
        by_id[q["id"]] = f"question:{q['direction']}:{q['text']}"
    for r in doc["rounds"]:
        by_id[r["id"]] = f"round:{by_id[r['application_id']]}#{r['sequence']}"
    for p in doc["interviewers"]:
        by_id[p["id"]] = f"person:{by_id[p['round_id']]}:{p['name']}"

    def strip(item: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for key, value in item.items():
            if key in STAMPS:
                continue
            if key in REFS:
                value = by_id.get(value) if value is not None else None
            elif key == "target_role_ids":
                value = sorted(by_id[v] for v in value)
            out[key] = value
        return out

    return {
        "format": doc["format"],
        "version": doc["version"],
        "account": doc["account"],
        **{kind: sorted((strip(i) for i in doc[kind]), key=lambda i: json.dumps(i, sort_keys=True)) for kind in KINDS},
    }


def test_export_import_export_agree_but_for_ids_and_timestamps(make_user):
    source = make_user("source")
    build_rich_account(source)
    first = export(source)
    assert first["format"] == "secondround-export" and first["version"] == 1
    assert {len(first[k]) for k in ("applications",)} == {3} and len(first["rounds"]) == 3
    assert len(first["interviewers"]) == 3 and len(first["round_questions"]) == 2
    assert len(first["application_answers"]) == 1

    target = make_user("target")
    dry = target.post("/api/v1/import", params={"dry_run": "true"}, json=first)
    assert dry.status_code == 200, dry.text
    summary = dry.json()
    assert summary["dry_run"] is True
    assert summary["created"] == {
        "roles": 1,
        "questions": 2,
        "applications": 3,
        "rounds": 3,
        "interviewers": 3,
        "round_questions": 2,
        "application_answers": 1,
    }
    assert summary["merged_roles"] == 4 and summary["merged_questions"] == len(first["questions"]) - 2
    assert summary["settings_changed"] == ["display_name", "time_zone"]
    assert target.get("/api/v1/applications").json()["items"] == []  # a dry run writes nothing

    done = target.post("/api/v1/import", json=first)
    assert done.status_code == 200, done.text
    assert {**done.json(), "dry_run": True} == summary

    second = export(target)
    assert canonical(second) == canonical(first)
    # Every id is new.
    old = {i["id"] for k in ("roles", "applications", "rounds", "interviewers") for i in first[k]}
    new = {i["id"] for k in ("applications", "rounds", "interviewers") for i in second[k]}
    assert not old & new
    # The imported data works: the plan of the imported round has the pinned question with its notes.
    nw = next(a for a in second["applications"] if a["company"] == "Northwind")
    round_2 = next(r for r in second["rounds"] if r["application_id"] == nw["id"] and r["sequence"] == 2)
    assert target.get(f"/api/v1/rounds/{round_2['id']}/plan").status_code == 200
    # The source account is untouched.
    assert canonical(export(source)) == canonical(first)


def test_importing_twice_doubles_the_data_but_not_the_starter_items(make_user):
    source = make_user("source")
    build_rich_account(source)
    doc = export(source)
    target = make_user("target")
    doc_without_external_ids = json.loads(json.dumps(doc))
    for app in doc_without_external_ids["applications"]:
        app["source"] = app["external_id"] = None
    results: list[int] = []

    def run() -> None:
        results.append(target.post("/api/v1/import", json=doc_without_external_ids).status_code)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200, 200]
    twice = export(target)
    assert len(twice["applications"]) == 6 and len(twice["rounds"]) == 6 and len(twice["interviewers"]) == 6
    assert len(twice["roles"]) == 5  # the four starter roles and "Team lead", once
    bank = [q for q in twice["questions"] if q["application_id"] is None]
    assert len(bank) == len([q for q in doc["questions"] if q["application_id"] is None])
    assert len([q for q in twice["questions"] if q["application_id"] is not None]) == 2

    # With external ids, a second import would make a second copy of a job board's application: 409.
    r = target.post("/api/v1/import", json=doc)
    assert r.status_code == 200, r.text
    r = target.post("/api/v1/import", json=doc)
    assert_problem(r, 409)
    assert "nw-1" in r.json()["detail"]


def _minimal(**extra: Any) -> dict[str, Any]:
    return {
        "format": "secondround-export",
        "version": 1,
        "exported_at": "2026-12-01T10:00:00Z",
        "account": {"display_name": None, "time_zone": "UTC"},
        **extra,
    }


APP = {
    "id": "11111111-1111-4111-8111-111111111111",
    "company": "Acme",
    "position": "Engineer",
    "status": "applied",
    "created_at": "2026-11-01T10:00:00Z",
    "updated_at": "2026-11-01T10:00:00Z",
}
ROUND = {
    "id": "22222222-2222-4222-8222-222222222222",
    "application_id": APP["id"],
    "sequence": 1,
    "kind": "screen",
    "status": "planned",
    "outcome": "pending",
    "created_at": "2026-11-01T10:00:00Z",
    "updated_at": "2026-11-01T10:00:00Z",
}


@pytest.mark.parametrize(
    ("doc", "field", "words"),
    [
        (
            {**_minimal(), "version": 2},
            "version",
            "made by a newer secondround: version 2; this server reads version 1",
        ),
        ({**_minimal(), "format": "something-else"}, "format", "not a secondround export"),
        ({**_minimal(), "version": "1"}, "version", "a whole number from 1 up; this server reads version 1"),
        ({**_minimal(), "version": 0}, "version", "a whole number from 1 up"),
        ([1, 2], "format", "not a secondround export"),
        (_minimal(rounds=[ROUND]), "rounds.0.application_id", "does not hold"),
        (_minimal(applications=[APP, APP]), "applications.1", "twice"),
        (
            _minimal(applications=[APP], rounds=[ROUND, {**ROUND, "id": APP["id"].replace("1", "3")}]),
            "rounds.1",
            "twice",
        ),
        (_minimal(applications=[{**APP, "colour": "red"}]), "applications.0.colour", ""),
    ],
)
def test_a_document_that_cannot_be_imported_is_a_422_saying_why(user, doc, field, words):
    r = user.post("/api/v1/import", json=doc)
    assert_problem(r, 422)
    body = r.json()
    assert body["errors"][0]["field"] == field, body
    assert words in body["detail"], body
    assert user.get("/api/v1/applications").json()["items"] == []


def test_a_failing_import_writes_nothing(user):
    # The first items are fine; the last one dangles: nothing at all is written.
    bad = {
        **ROUND,
        "id": "44444444-4444-4444-8444-444444444444",
        "application_id": "55555555-5555-4555-8555-555555555555",
    }
    r = user.post("/api/v1/import", json=_minimal(applications=[APP], rounds=[ROUND, bad]))
    assert_problem(r, 422)
    assert user.get("/api/v1/applications").json()["items"] == []


def test_too_large_documents_are_a_413(user, settings):
    many = [
        {**APP, "id": f"{i:08d}-1111-4111-8111-111111111111"} for i in range(settings.max_applications_per_account + 1)
    ]
    r = user.post("/api/v1/import", json=_minimal(applications=many))
    assert_problem(r, 413)
    assert "at most" in r.json()["detail"]
    padding = "x" * (settings.max_import_bytes + 1)
    r = user.post("/api/v1/import", content=padding.encode(), headers={"content-type": "application/json"})
    assert_problem(r, 413)


def test_the_published_schema_is_current_and_served(client):
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "openapi/export-v1.schema.json is out of date: regenerate it with "
        "`python -m secondround.portability.document > ../openapi/export-v1.schema.json`"
    )
    r = client.get("/api/v1/export/schema.json")
    assert r.status_code == 200 and r.json() == json.loads(json_schema_text())


def test_the_export_validates_against_its_schema(user):
    jsonschema = pytest.importorskip("jsonschema")
    build_rich_account(user)
    jsonschema.validate(export(user), json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_the_spreadsheet_has_a_row_per_round_and_no_formulas(user):
    build_rich_account(user)
    r = user.get("/api/v1/export.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].endswith('.csv"')
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    header, *data = rows
    assert header[:8] == [
        "Company",
        "Position",
        "Location",
        "Job link",
        "Found via",
        "Applied on",
        "Application status",
        "Round",
    ]
    by_company: dict[str, list[dict[str, str]]] = {}
    for row in data:
        by_company.setdefault(row[0], []).append(dict(zip(header, row, strict=True)))
    assert [len(by_company[c]) for c in ("Northwind", "Contoso", "Fabrikam")] == [2, 1, 1]
    nw = by_company["Northwind"]
    assert [(x["Round"], x["Round type"], x["Date"], x["Time"], x["Outcome"]) for x in nw] == [
        ("1", "Screening interview", "2026-11-10", "09:00", "Next round"),
        ("2", "Second interview", "2026-11-20", "14:00", "Pending"),
    ]
    assert nw[1]["People met"] == "Dana Ortega (Head of data); Olu"
    assert nw[0]["Followed up on"] != ""
    assert by_company["Contoso"][0]["Position"] == "'=Data engineer"
    assert by_company["Contoso"][0]["People met"] == "'@Sam"
    assert by_company["Fabrikam"][0]["Round"] == "" and by_company["Fabrikam"][0]["Application status"] == "Wishlist"


def test_nobody_else_sees_the_export(user, other_user):
    build_rich_account(user)
    theirs = export(other_user)
    assert theirs["applications"] == [] and theirs["rounds"] == []


def test_webhooks_hear_of_imported_applications_and_rounds_but_not_of_a_dry_run(app, make_user):
    source = make_user("source")
    build_rich_account(source)
    doc = export(source)
    target = make_user("target")
    hook = make_hook(target, events=["application.created", "round.created"])
    assert target.post("/api/v1/import", params={"dry_run": "true"}, json=doc).status_code == 200
    assert queued(app, hook["id"]) == []
    assert target.post("/api/v1/import", json=doc).status_code == 200
    events = queued(app, hook["id"])
    assert sorted(e["type"] for e in events) == ["application.created"] * 3 + ["round.created"] * 3
    companies = {e["payload"]["data"]["company"] for e in events if e["type"] == "application.created"}
    assert companies == {"Northwind", "Contoso", "Fabrikam"}
