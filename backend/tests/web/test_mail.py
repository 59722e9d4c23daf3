"""Forgot your password? From the sign-in screen to the mail (a real SMTP server on loopback, sent by
the real mail worker) to the reset page and back to sign-in with the new password; a used link says
so; the daily reminder's switch in Settings; the unsubscribe page from the reminder's link. At phone
and desktop widths, with screenshots."""

import re
import uuid
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, expect

from secondround.api.app_state import app_state
from secondround.config import Settings
from secondround.mail import links
from secondround.main import create_app
from tests.mail.conftest import deliver
from tests.support.accounts import PASSWORD
from tests.support.serving import serve
from tests.support.smtp import SmtpServer
from tests.web.conftest import SCREENSHOTS, WithCsp, check_screen, new_email, new_page

NEW_PASSWORD = "a quite different passphrase for the reset"


@pytest.fixture(scope="module")
def mail_web(settings: Settings) -> Iterator[tuple[str, Settings, SmtpServer]]:
    smtp = SmtpServer().start()
    chosen = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": smtp.port, "smtp_starttls": False, "smtp_timeout_seconds": 3}
    )
    app = create_app(chosen)
    with serve(WithCsp(app)) as url:
        app_state(app).settings = app_state(app).settings.model_copy(update={"public_url": url})
        yield url, app_state(app).settings, smtp
    app_state(app).database.dispose_sync()
    smtp.stop()


def test_forgot_password_to_a_new_password_and_a_used_link(browser: Browser, mail_web, viewport):
    url, mail_settings, smtp = mail_web
    size_name, size = viewport
    email = new_email("forgot")
    httpx.post(f"{url}/api/v1/auth/register", json={"email": email, "password": PASSWORD}).raise_for_status()
    context, page, problems = new_page(browser, url, size)
    page.goto("/sign-in")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_role("heading", level=1, name="Forgot your password?").wait_for()
    check_screen(page, f"mail-forgot-{size_name}")
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("status")).to_contain_text(f"If an account uses {email}, a link is on its way.")
    # One sentence on its lines, not three boxes of a flex row (the email was once its own block).
    assert page.locator(".notice").inner_text().startswith(f"If an account uses {email}, a link")
    check_screen(page, f"mail-forgot-sent-{size_name}")

    deliver(mail_settings, lambda: len(smtp.inbox.to(email)) == 1)
    link = re.search(r"http://\S+/reset-password\?token=\S+", smtp.inbox.to(email)[0].text)
    assert link is not None
    page.goto(link[0])
    page.get_by_role("heading", level=1, name="Choose a new password").wait_for()
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD + "!")
    page.get_by_role("button", name="Set new password").click()
    expect(page.locator("#f-confirm-error")).to_have_text("The two new passwords differ.")
    check_screen(page, f"mail-reset-{size_name}")
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set new password").click()

    page.get_by_role("heading", level=1, name="Sign in").wait_for()
    expect(page.get_by_role("status")).to_contain_text("Your new password is set")
    expect(page.get_by_label("Email")).to_have_value(email)
    check_screen(page, f"mail-reset-done-{size_name}")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1, name="Applications").wait_for()

    # The link worked once.
    page.goto(link[0])
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD + " again")
    page.get_by_label("New password again").fill(NEW_PASSWORD + " again")
    page.get_by_role("button", name="Set new password").click()
    page.get_by_role("heading", level=1, name="This link no longer works").wait_for()
    expect(page.get_by_role("alert")).to_contain_text("it was used already, it expired, or a newer link replaced it")
    check_screen(page, f"mail-reset-used-{size_name}")
    context.close()
    assert problems == [], "the browser console reported problems"


def test_the_reminder_switch_in_settings_and_the_unsubscribe_page(browser: Browser, mail_web, viewport):
    url, mail_settings, _smtp = mail_web
    size_name, size = viewport
    email = new_email("remind")
    made = httpx.post(f"{url}/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    made.raise_for_status()
    context, page, problems = new_page(browser, url, size)
    page.goto("/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1, name="Applications").wait_for()
    page.goto("/settings")
    card = page.locator("section", has=page.get_by_role("heading", name="Daily reminder email"))
    switch = card.get_by_label("Send me the daily reminder")
    expect(switch).to_be_checked()
    expect(card.get_by_label("From")).to_have_value("7")
    card.get_by_label("From").select_option("6")
    switch.uncheck()
    card.get_by_role("button", name="Save reminder").click()
    expect(card.get_by_role("status")).to_have_text("Saved")
    card.scroll_into_view_if_needed()
    check_screen(page, f"mail-settings-reminder-{size_name}")
    card.screenshot(path=str(SCREENSHOTS / f"mail-settings-reminder-card-{size_name}.png"))
    me = page.request.get(f"{url}/api/v1/me").json()
    assert (me["daily_reminder"], me["reminder_hour"]) == (False, 6)
    switch.check()
    card.get_by_role("button", name="Save reminder").click()
    expect(card.get_by_role("status")).to_have_text("Saved")
    assert page.request.get(f"{url}/api/v1/me").json()["daily_reminder"] is True

    # The reminder's link: a page with one button (a link scanner's visit changes nothing).
    token = links.unsubscribe_token(mail_settings.secret_key, uuid.UUID(made.json()["id"]))
    page.goto(f"/unsubscribe?token={token}")
    page.get_by_role("heading", level=1, name="Daily reminder").wait_for()
    assert page.request.get(f"{url}/api/v1/me").json()["daily_reminder"] is True
    page.get_by_role("button", name="Stop the daily reminder").click()
    expect(page.get_by_role("status")).to_have_text("The daily reminder is off. You can turn it on again in Settings.")
    check_screen(page, f"mail-unsubscribed-{size_name}")
    assert page.request.get(f"{url}/api/v1/me").json()["daily_reminder"] is False
    context.close()
    assert problems == [], "the browser console reported problems"
