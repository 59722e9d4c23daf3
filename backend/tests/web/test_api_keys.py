"""Settings → API keys: make a key (shown once), use it from a script, see it used, revoke it."""

import re

import httpx
from playwright.sync_api import Page, expect

from tests.web.conftest import assert_no_horizontal_scroll, axe_violations, screenshot, sign_in_as_new_user


def test_a_candidate_makes_uses_and_revokes_an_api_key(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    page.goto("/settings")
    card = page.get_by_role("region", name="API keys")
    expect(card).to_contain_text("leaves your API keys working")  # a password change does not revoke keys

    card.get_by_label("Key name").fill("Job board sync")
    card.get_by_label("It may also make changes (write)").check()
    card.get_by_role("button", name="Make a key").click()
    key_field = card.get_by_label("Your new API key")
    expect(key_field).to_have_value(re.compile(r"^srk_[a-z2-9]{12}_"))
    key = key_field.input_value()
    expect(card.get_by_role("list", name="Your API keys")).to_contain_text("read and write")
    expect(card.get_by_role("list", name="Your API keys")).to_contain_text("never used")
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    card.scroll_into_view_if_needed()
    screenshot(page, f"settings-api-keys-{viewport[0]}", full_page=False)

    # A script uses it; the screen then says it was used.
    with httpx.Client(base_url=web_url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as script:
        made = script.post("/api/v1/applications", json={"company": "Scripted", "position": "Analyst"})
        assert made.status_code == 201, made.text
    page.reload()
    card = page.get_by_role("region", name="API keys")
    expect(card.get_by_role("list", name="Your API keys")).to_contain_text("last used")
    expect(card).not_to_contain_text(key)  # shown once

    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name="Revoke Job board sync").click()
    expect(card.get_by_role("list", name="Your API keys")).to_have_count(0)  # no keys left: no list
    with httpx.Client(base_url=web_url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as script:
        assert script.get("/api/v1/applications").status_code == 401
