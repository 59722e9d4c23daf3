"""export, import, import-posting and import-invite, against the endpoints other branches add:
`GET /api/v1/export` and `/export.csv`, `POST /api/v1/import?dry_run=`, `POST /api/v1/applications/import`
(JSON-LD JobPosting or {"html": ...}; 201 new, 200 existing) and
`POST /api/v1/applications/{id}/rounds/import` (text/calendar). They pass once those are merged."""

import json

from tests.support.builders import create_application

POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Data engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Posted Co"},
    "url": "https://jobs.example/posted-co/data-engineer",
    "datePosted": "2026-11-20",
    "description": "<p>Pipelines, maps and coffee.</p>",
}

INVITE = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Example Corp//Invites//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:second-round-7f3a@example.com",
        "DTSTAMP:20261201T090000Z",
        "DTSTART:20301105T090000Z",
        "DTEND:20301105T103000Z",
        "SUMMARY:Second interview: Data engineer",
        "LOCATION:Storgata 1, Oslo",
        "ORGANIZER;CN=Dana Ortega:mailto:dana@example.com",
        "ATTENDEE;CN=Maya Lind:mailto:maya@example.com",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
)


def test_export_as_json_to_a_file_and_as_csv_to_stdout(cli_for, user, tmp_path):
    create_application(user, company="Exported AS", position="Planner")
    cli = cli_for(user)
    out = tmp_path / "account.json"
    done = cli("export", "-o", str(out), "--json")
    assert done.code == 0, done
    said = json.loads(done.stdout)
    assert said == {"file": str(out), "bytes": out.stat().st_size, "format": "json"}
    assert "Exported AS" in json.dumps(json.loads(out.read_text()))

    csv = cli("export", "--csv")
    assert csv.code == 0, csv
    assert "Exported AS" in csv.stdout and len(csv.stdout.splitlines()) >= 2


def test_import_a_dry_run_changes_nothing_then_the_import_does(cli_for, user, other_user, tmp_path):
    create_application(user, company="Moved Along", position="Analyst")
    document = tmp_path / "export.json"
    assert cli_for(user)("export", "-o", str(document)).code == 0
    theirs = cli_for(other_user)

    dry = theirs("import", str(document), "--dry-run", "--json")
    assert dry.code == 0, dry
    assert isinstance(json.loads(dry.stdout), dict)
    assert "Dry run: nothing was changed." in dry.stderr
    assert other_user.get("/api/v1/applications").json()["items"] == []

    real = theirs("import", str(document))
    assert real.code == 0, real
    assert [a["company"] for a in other_user.get("/api/v1/applications").json()["items"]] == ["Moved Along"]


def test_import_refuses_a_file_that_is_not_json(cli_for, user, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes")
    done = cli_for(user)("import", str(bad))
    assert done.code == 2, done
    assert "is not JSON" in done.stderr and "Traceback" not in done.stderr


def test_import_posting_from_json_ld_adds_it_once(cli_for, user, tmp_path):
    posting = tmp_path / "posting.jsonld"
    posting.write_text(json.dumps(POSTING))
    cli = cli_for(user)
    first = cli("import-posting", str(posting), "--json")
    assert first.code == 0, first
    made = json.loads(first.stdout)
    assert made["created"] is True and made["application"]["company"] == "Posted Co"
    again = cli("import-posting", str(posting), "--json")
    assert again.code == 0, again
    assert json.loads(again.stdout) == {"created": False, "application": json.loads(again.stdout)["application"]}
    assert json.loads(again.stdout)["application"]["id"] == made["application"]["id"]
    said = cli("import-posting", str(posting))
    assert "Already there: Posted Co, Data engineer" in said.stderr


def test_import_posting_from_a_saved_page(cli_for, user, tmp_path):
    page = tmp_path / "posting.html"
    page.write_text(
        "<!doctype html><html><head><title>Jobs</title>"
        f'<script type="application/ld+json">{json.dumps({**POSTING, "url": "https://jobs.example/other"})}</script>'
        "</head><body><h1>Data engineer</h1></body></html>"
    )
    done = cli_for(user)("import-posting", str(page))
    assert done.code == 0, done
    assert "Added Posted Co, Data engineer" in done.stderr


def test_import_posting_of_a_page_without_a_posting_is_refused_in_the_apis_words(cli_for, user, tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body>Nothing to see</body></html>")
    done = cli_for(user)("import-posting", str(page))
    assert done.code == 1, done
    assert "Error:" in done.stderr and "Traceback" not in done.stderr


def test_import_invite_adds_a_round_from_an_ics_file(cli_for, user, tmp_path):
    application = create_application(user, company="Invited AS")
    invite = tmp_path / "invite.ics"
    invite.write_text(INVITE)
    cli = cli_for(user)
    done = cli("import-invite", application["id"], str(invite), "--json")
    assert done.code == 0, done
    round_ = json.loads(done.stdout)["round"]
    assert round_["application_id"] == application["id"]
    assert round_["scheduled_at"].startswith("2030-11-05T09:00")
    rounds = user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"]
    assert [r["id"] for r in rounds] == [round_["id"]]


def test_a_read_only_key_is_refused_a_write_with_exit_1_in_the_apis_words(cli_for, user, tmp_path):
    posting = tmp_path / "posting.json"
    posting.write_text(json.dumps(POSTING))
    done = cli_for(user, scopes=("read",))("import-posting", str(posting))
    assert done.code == 1, done
    assert "This API key may only read." in done.stderr and "Traceback" not in done.stderr
    assert user.get("/api/v1/applications").json()["items"] == []
