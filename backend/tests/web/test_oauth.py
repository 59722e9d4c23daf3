"""A job board connects over OAuth, as a person sees it: signed out, the app's link sends them to
sign in and back to the consent page (the app's name, what it may do, Allow/Deny); Allow lands on
the board's own callback with a code, which the board exchanges with its PKCE verifier and uses;
Settings lists the connected app and disconnects it; a developer registers an app (secret shown once)."""

import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlencode

import httpx
from playwright.sync_api import Page, expect

from tests.oauth.helpers import pkce, query_of
from tests.support.accounts import PASSWORD
from tests.web.conftest import assert_no_horizontal_scroll, axe_violations, new_email, screenshot


class _Callback(BaseHTTPRequestHandler):
    """The job board's redirect address: remembers what it was sent."""

    received: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        type(self).received.append(self.path)
        body = b"<!doctype html><title>Job board</title><h1>Connected to secondround</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_a_job_board_connects_through_the_consent_page(web_page: Page, web_url, viewport):
    page = web_page
    callback = HTTPServer(("127.0.0.1", 0), _Callback)
    _Callback.received = []
    threading.Thread(target=callback.serve_forever, daemon=True).start()
    redirect = f"http://127.0.0.1:{callback.server_port}/callback"
    try:
        # The board's maker registers it (another account, over the API).
        maker = httpx.Client(base_url=web_url, timeout=30)
        maker_email = new_email("maker")
        maker.post("/api/v1/auth/register", json={"email": maker_email, "password": PASSWORD}).raise_for_status()
        token = maker.post("/api/v1/auth/token", data={"username": maker_email, "password": PASSWORD}).json()
        maker.headers["Authorization"] = f"Bearer {token['access_token']}"
        board = maker.post("/api/v1/oauth-clients", json={"name": "Job board", "redirect_uris": [redirect]}).json()

        # The candidate follows the board's link while signed out, signs in, and is asked.
        email = new_email("candidate")
        httpx.post(f"{web_url}/api/v1/auth/register", json={"email": email, "password": PASSWORD}, timeout=30)
        p = pkce()
        params = {
            "response_type": "code",
            "client_id": board["client_id"],
            "redirect_uri": redirect,
            "scope": "read write",
            "state": "s-123",
            "code_challenge": p.challenge,
            "code_challenge_method": "S256",
        }
        page.goto(f"/oauth/authorize?{urlencode(params)}")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Connect Job board?")
        scopes = page.get_by_role("list", name="What the app may do")
        expect(scopes).to_contain_text("See everything in your account")
        expect(scopes).to_contain_text("Make changes")
        expect(page.get_by_text("You will go back to 127.0.0.1")).to_be_visible()
        assert axe_violations(page) == []
        assert_no_horizontal_scroll(page)
        screenshot(page, f"oauth-consent-{viewport[0]}", full_page=False)
        page.get_by_role("button", name="Allow").click()
        expect(page.get_by_role("heading", name="Connected to secondround")).to_be_visible()
        answer = query_of(next(path for path in _Callback.received if path.startswith("/callback?")))
        assert answer["state"] == "s-123"

        # The board's server exchanges the code with its verifier and calls the API.
        with httpx.Client(base_url=web_url, timeout=30) as board_server:
            tokens = board_server.post(
                "/api/v1/oauth/token",
                data={
                    "grant_type": "authorization_code",
                    "code": answer["code"],
                    "redirect_uri": redirect,
                    "client_id": board["client_id"],
                    "code_verifier": p.verifier,
                },
            )
            assert tokens.status_code == 200, tokens.text
            board_server.headers["Authorization"] = f"Bearer {tokens.json()['access_token']}"
            made = board_server.post("/api/v1/applications", json={"company": "Via OAuth", "position": "Analyst"})
            assert made.status_code == 201, made.text

            # Settings shows the app; Disconnect stops it at once.
            page.goto("/settings")
            card = page.get_by_role("region", name="Connected apps")
            apps = card.get_by_role("list", name="Your connected apps")
            expect(apps).to_contain_text("Job board")
            expect(apps).to_contain_text("may read and change")
            card.scroll_into_view_if_needed()
            screenshot(page, f"settings-connected-apps-{viewport[0]}", full_page=False)
            page.once("dialog", lambda dialog: dialog.accept())
            card.get_by_role("button", name="Disconnect Job board").click()
            expect(card).to_contain_text("No app is connected.")
            assert board_server.get("/api/v1/applications").status_code == 401

        # A developer registers an app of their own: its secret is shown once.
        made_card = page.get_by_role("region", name="Apps you make")
        made_card.get_by_label("App name").fill("My tool")
        made_card.get_by_label("Redirect addresses").fill("https://tool.example/cb")
        made_card.get_by_label("It has a server that keeps a secret").check()
        made_card.get_by_role("button", name="Register the app").click()
        expect(made_card.get_by_label("Its secret")).to_have_value(re.compile(r"^srcs_"))
        expect(made_card.get_by_role("list", name="Apps you registered")).to_contain_text("with a secret")
        assert axe_violations(page) == []
        assert_no_horizontal_scroll(page)
        made_card.scroll_into_view_if_needed()
        screenshot(page, f"settings-oauth-clients-{viewport[0]}", full_page=False)
        maker.close()
    finally:
        callback.shutdown()
