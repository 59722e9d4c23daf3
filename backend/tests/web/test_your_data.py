"""Settings → Your data: download everything (JSON) and the job-search spreadsheet (CSV), then import
the JSON into another account: a dry run shown as a sentence first, then the import."""

import csv
import io
import json

from playwright.sync_api import Page, expect

from tests.web.conftest import api, check_screen, screenshot, sign_in_as_new_user


def test_a_candidate_downloads_their_data_and_imports_it_into_another_account(
    web_page: Page, web_url, viewport, tmp_path
):
    page = web_page
    sign_in_as_new_user(page, web_url)
    application = api(page, web_url, "POST", "/applications", {"company": "Northwind", "position": "Analyst"})
    round_ = api(page, web_url, "POST", f"/applications/{application['id']}/rounds", {"kind": "screen"})
    api(page, web_url, "POST", f"/rounds/{round_['id']}/interviewers", {"name": "Dana Ortega"})
    api(page, web_url, "POST", "/applications", {"company": "=Contoso", "position": "Planner"})

    page.goto("/settings")
    card = page.get_by_role("region", name="Your data")
    card.scroll_into_view_if_needed()
    with page.expect_download() as json_download:
        card.get_by_role("link", name="Download my data").click()
    saved = tmp_path / json_download.value.suggested_filename
    json_download.value.save_as(saved)
    assert saved.suffix == ".json"
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["format"] == "secondround-export" and len(document["applications"]) == 2

    with page.expect_download() as csv_download:
        card.get_by_role("link", name="Download a spreadsheet (CSV)").click()
    sheet = tmp_path / csv_download.value.suggested_filename
    csv_download.value.save_as(sheet)
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["Company", "Position"] and len(rows) == 3
    assert {r[0] for r in rows[1:]} == {"Northwind", "'=Contoso"}

    # Another account imports the file.
    page.context.clear_cookies()
    sign_in_as_new_user(page, web_url, name="Ana again")
    page.goto("/settings")
    card = page.get_by_role("region", name="Your data")
    card.get_by_label("File to import (.json)").set_input_files(str(saved))
    summary = card.get_by_role("status").filter(has_text="This will")
    expect(summary).to_contain_text("This will add 2 applications, 1 round and 1 person")
    expect(summary).to_contain_text(", and merge ")
    expect(summary).to_contain_text("questions and 4 roles you already have")
    card.scroll_into_view_if_needed()
    check_screen(page, f"settings-your-data-preview-{viewport[0]}")
    assert api(page, web_url, "GET", "/applications")["items"] == []  # the dry run wrote nothing

    card.get_by_role("button", name="Import this file").click()
    expect(card.get_by_role("status").filter(has_text="Imported")).to_contain_text("added 2 applications")
    check_screen(page, f"settings-your-data-imported-{viewport[0]}")
    card.scroll_into_view_if_needed()
    screenshot(page, f"settings-your-data-card-{viewport[0]}", full_page=False)
    companies = {a["company"] for a in api(page, web_url, "GET", "/applications")["items"]}
    assert companies == {"Northwind", "=Contoso"}

    # A file that is not an export is refused in plain words.
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    card.get_by_label("File to import (.json)").set_input_files(str(bad))
    expect(card.get_by_role("alert")).to_contain_text("This is not a secondround export")
    expect(card.get_by_role("button", name="Import this file")).to_have_count(0)
