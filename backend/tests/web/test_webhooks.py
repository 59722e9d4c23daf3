"""Settings → Webhooks: add an endpoint (the secret shown once), send a test event that a real receiver
gets and verifies, read the delivery log, pause, resume and delete."""

import re

from playwright.sync_api import Page, expect

from tests.support.webhook_receiver import new_receiver, serving
from tests.support.webhook_worker import drive
from tests.web.conftest import assert_no_horizontal_scroll, axe_violations, screenshot, sign_in_as_new_user


def test_a_candidate_adds_tests_pauses_and_deletes_a_webhook(web_page: Page, web_url, viewport, settings):
    page = web_page
    sign_in_as_new_user(page, web_url)
    page.goto("/settings")
    card = page.get_by_role("region", name="Webhooks")
    receiver = new_receiver(500)
    with serving(receiver):
        card.get_by_label("Endpoint URL").fill(receiver.url)
        card.get_by_label("Description (optional)").fill("Job board sync")
        card.get_by_label("Round changed").check()
        card.get_by_label("Outcome recorded").check()
        card.get_by_role("button", name="Add webhook").click()
        secret_field = card.get_by_label("Signing secret of the new webhook")
        expect(secret_field).to_have_value(re.compile(r"^whsec_"))
        receiver.secret = secret_field.input_value()
        hooks = card.get_by_role("list", name="Your webhooks")
        expect(hooks).to_contain_text("2 events")
        expect(hooks).to_contain_text("Active")

        card.get_by_role("button", name="Send a test event").click()
        drive(settings, lambda: len(receiver.delivered) == 1, webhook_retry_schedule="0.2")
        log = card.get_by_role("list", name=f"Deliveries to {receiver.url}")
        expect(log).to_contain_text("200 OK", timeout=15_000)
        expect(log).to_contain_text("500")
        expect(log).to_contain_text("webhook.test")
        assert all(r.verified for r in receiver.received)
        assert axe_violations(page) == []
        assert_no_horizontal_scroll(page)
        card.scroll_into_view_if_needed()
        screenshot(page, f"settings-webhooks-{viewport[0]}", full_page=False)
        log.scroll_into_view_if_needed()
        screenshot(page, f"settings-webhooks-log-{viewport[0]}", full_page=False)

    card.get_by_role("button", name="Pause").click()
    expect(hooks).to_contain_text("Paused")
    expect(card.get_by_role("button", name="Send a test event")).to_be_disabled()
    card.get_by_role("button", name="Resume").click()
    expect(hooks).to_contain_text("Active")
    page.reload()
    card = page.get_by_role("region", name="Webhooks")
    expect(card).not_to_contain_text(receiver.secret or "whsec_")  # shown once
    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name=f"Delete the webhook {receiver.url}").click()
    expect(card.get_by_role("list", name="Your webhooks")).to_have_count(0)
