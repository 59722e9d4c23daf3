"""Sign up, sign in, sign out, with clear messages for a wrong password and a taken email."""

from playwright.sync_api import Page, expect

from tests.support.accounts import PASSWORD
from tests.web.conftest import assert_no_horizontal_scroll, axe_violations, new_email, screenshot


def test_sign_up_sign_out_and_sign_in_again(web_page: Page, viewport):
    page = web_page
    email = new_email()
    page.goto("/")
    page.get_by_role("heading", level=1, name="Sign in").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Create an account").click()
    page.get_by_role("heading", level=1, name="Create your account").wait_for()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, f"sign-up-{viewport[0]}")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", level=1, name="Applications").wait_for()

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", level=1, name="Sign in").wait_for()
    # The session is gone: the app's address leads back to sign-in.
    page.goto("/settings")
    page.get_by_role("heading", level=1, name="Sign in").wait_for()

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Back where the user was going.
    page.get_by_role("heading", level=1, name="Settings").wait_for()


def test_a_taken_email_is_explained_next_to_the_field(desktop: Page, web_url):
    page = desktop
    email = new_email()
    for attempt in range(2):
        page.goto("/sign-up")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        if attempt == 0:
            page.get_by_role("heading", level=1, name="Applications").wait_for()
            page.get_by_role("button", name="Sign out").click()
            page.get_by_role("heading", level=1, name="Sign in").wait_for()
    expect(page.locator("#f-email-error")).to_contain_text("already exists")
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")


def test_a_short_password_is_refused_by_the_form(desktop: Page):
    page = desktop
    page.goto("/sign-up")
    page.get_by_label("Email").fill(new_email())
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()
    # The browser's own check (minlength mirrors the schema) keeps the user on the form.
    assert page.get_by_label("Password").evaluate("el => !el.validity.valid")
    page.get_by_role("heading", level=1, name="Create your account").wait_for()


def test_a_guessable_password_gets_the_servers_advice_by_the_field(desktop: Page):
    page = desktop
    page.goto("/sign-up")
    page.get_by_label("Email").fill(new_email())
    page.get_by_label("Password").fill("password1234")
    page.get_by_role("button", name="Create account").click()
    error = page.locator("#f-password-error")
    expect(error).to_be_visible()
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    assert len(error.inner_text()) > 10
