"""OAuth 2.0 for third-party apps, played by a job board over real HTTP: register, authorize with
PKCE, exchange, call the API within the granted scopes, refresh with rotation, revoke, disconnect;
and every way of getting it wrong refused cleanly (RFC 6749 errors at the token endpoint)."""

import json
from datetime import timedelta

from sqlalchemy import select, update

from secondround.accounts.credentials import token_hash
from secondround.api.app_state import app_state
from secondround.db.types import utcnow
from secondround.models import AccessToken, OAuthClient, OAuthCode
from tests.oauth.helpers import (
    AUTHORIZATION,
    CLIENTS,
    REDIRECT,
    REVOKE,
    as_app,
    assert_oauth_error,
    authorization_params,
    authorize,
    connect,
    exchange,
    pkce,
    query_of,
    register_app,
    token_request,
)
from tests.support.accounts import PASSWORD
from tests.support.assertions import assert_problem

APPS = "/api/v1/connected-apps"


def test_a_job_board_connects_calls_the_api_refreshes_and_is_revoked(base_url, user):
    board = register_app(user)
    assert board["client_id"].startswith("srcl_") and board["client_secret"] is None
    assert board["confidential"] is False

    p = pkce()
    consent = user.get(AUTHORIZATION, params=authorization_params(board["client_id"], p.challenge))
    assert consent.status_code == 200, consent.text
    assert consent.json() == {
        "client_id": board["client_id"],
        "client_name": "Job board",
        "scopes": ["read", "write"],
        "redirect_uri": REDIRECT,
        "redirect_to": None,
    }
    answer = authorize(user, board["client_id"], p.challenge)
    assert answer["state"] == "board-state-42" and answer["code"]

    r = exchange(base_url, board["client_id"], answer["code"], p.verifier)
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    tokens = r.json()
    assert tokens["token_type"] == "Bearer" and tokens["scope"] == "read write" and tokens["expires_in"] > 0
    with as_app(base_url, tokens["access_token"]) as app_client:
        made = app_client.post("/api/v1/applications", json={"company": "Boarded", "position": "Analyst"})
        assert made.status_code == 201, made.text
        assert app_client.get("/api/v1/me").json()["id"] == user.id
    assert [a["company"] for a in user.get("/api/v1/applications").json()["items"]] == ["Boarded"]

    # Refresh: new tokens; the old refresh token is spent.
    refreshed = token_request(
        base_url,
        {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"], "client_id": board["client_id"]},
    )
    assert refreshed.status_code == 200, refreshed.text
    second = refreshed.json()
    assert second["refresh_token"] != tokens["refresh_token"] and second["access_token"] != tokens["access_token"]
    with as_app(base_url, second["access_token"]) as app_client:
        assert app_client.get("/api/v1/applications").status_code == 200

    # Connected apps shows it; revoking the access token stops it (401), the refresh token still works.
    apps = user.get(APPS).json()["items"]
    assert [(a["client_id"], a["name"], a["scopes"]) for a in apps] == [
        (board["client_id"], "Job board", ["read", "write"])
    ]
    r = _revoke(base_url, board["client_id"], second["access_token"])
    assert r.status_code == 200, r.text
    with as_app(base_url, second["access_token"]) as app_client:
        assert_problem(app_client.get("/api/v1/applications"), 401)
    # Revoking the refresh token ends the grant: nothing of it works any more, and the app is gone.
    assert _revoke(base_url, board["client_id"], second["refresh_token"]).status_code == 200
    again = token_request(
        base_url,
        {"grant_type": "refresh_token", "refresh_token": second["refresh_token"], "client_id": board["client_id"]},
    )
    assert_oauth_error(again, "invalid_grant")
    with as_app(base_url, tokens["access_token"]) as app_client:
        assert_problem(app_client.get("/api/v1/me"), 401)
    assert user.get(APPS).json()["items"] == []


def _revoke(base_url: str, client_id: str, token: str, auth: tuple[str, str] | None = None):
    from tests.support.serving import new_client

    with new_client(base_url) as board:
        data = {"token": token} if auth else {"token": token, "client_id": client_id}
        return board.post(REVOKE, data=data, auth=auth)


def _refresh(base_url: str, client_id: str, refresh_token: str):
    return token_request(
        base_url, {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}
    )


def test_a_read_token_reads_and_gets_403_on_writes_and_no_app_token_manages_credentials(base_url, user):
    board = register_app(user)
    read = connect(base_url, user, board["client_id"], scope="read")
    assert read["scope"] == "read"
    write = connect(base_url, user, board["client_id"], scope="write")
    assert write["scope"] == "read write"  # writing implies reading
    with as_app(base_url, read["access_token"]) as app_client:
        assert app_client.get("/api/v1/applications").status_code == 200
        body = assert_problem(app_client.post("/api/v1/applications", json={"company": "A", "position": "B"}), 403)
        assert "read only" in body["detail"]
    with as_app(base_url, write["access_token"]) as app_client:
        for method, url, body in (
            ("POST", "/api/v1/api-keys", {"name": "escalate", "scopes": ["write"]}),
            ("POST", CLIENTS, {"name": "escalate", "redirect_uris": [REDIRECT]}),
            ("DELETE", f"{CLIENTS}/{board['client_id']}", None),
            ("DELETE", f"{APPS}/{board['client_id']}", None),
            ("POST", AUTHORIZATION, {**authorization_params(board["client_id"], pkce().challenge), "allow": True}),
            ("PATCH", "/api/v1/me", {"password": "a much newer passphrase 42", "current_password": PASSWORD}),
            ("POST", "/api/v1/auth/logout", None),
        ):
            problem = assert_problem(app_client.request(method, url, json=body), 403)
            assert "app connected with OAuth" in problem["detail"], (url, problem)
        assert app_client.get("/api/v1/me").status_code == 200  # still live
    # A refresh token is never a bearer credential.
    with as_app(base_url, write["refresh_token"]) as app_client:
        assert_problem(app_client.get("/api/v1/me"), 401)


def test_codes_are_refused_with_a_wrong_verifier_redirect_client_or_when_reused_or_expired(
    app, base_url, user, other_user
):
    board = register_app(user)
    client_id = board["client_id"]
    other_board = register_app(other_user)

    def fresh_code() -> tuple[str, str]:
        p = pkce()
        return authorize(user, client_id, p.challenge)["code"], p.verifier

    code, verifier = fresh_code()
    assert_oauth_error(exchange(base_url, client_id, code, pkce().verifier), "invalid_grant")  # wrong verifier
    code, verifier = fresh_code()
    assert_oauth_error(exchange(base_url, client_id, code, ""), "invalid_request")  # no verifier (public client)
    code, verifier = fresh_code()
    wrong_redirect = exchange(base_url, client_id, code, verifier, redirect_uri="https://jobs.example/other")
    assert_oauth_error(wrong_redirect, "invalid_grant")
    code, verifier = fresh_code()
    assert_oauth_error(exchange(base_url, other_board["client_id"], code, verifier), "invalid_grant")  # another app
    assert_oauth_error(exchange(base_url, "srcl_nosuchapp", code, verifier), "invalid_client")
    assert_oauth_error(exchange(base_url, client_id, "made-up-code", verifier), "invalid_grant")

    # Reused: the second exchange fails and takes the first one's tokens with it.
    code, verifier = fresh_code()
    first = exchange(base_url, client_id, code, verifier)
    assert first.status_code == 200, first.text
    assert_oauth_error(exchange(base_url, client_id, code, verifier), "invalid_grant")
    with as_app(base_url, first.json()["access_token"]) as app_client:
        assert_problem(app_client.get("/api/v1/me"), 401)
    assert_oauth_error(_refresh(base_url, client_id, first.json()["refresh_token"]), "invalid_grant")

    # Expired (codes live ten minutes).
    code, verifier = fresh_code()
    with app_state(app).engine.begin() as connection:
        connection.execute(
            update(OAuthCode)
            .where(OAuthCode.code_hash == token_hash(code))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert_oauth_error(exchange(base_url, client_id, code, verifier), "invalid_grant")

    # Not a form, an unknown grant type.
    with as_app(base_url, "none") as board_client:
        assert_oauth_error(
            board_client.post("/api/v1/oauth/token", json={"grant_type": "authorization_code"}), "invalid_request"
        )
    assert_oauth_error(
        token_request(base_url, {"grant_type": "password", "client_id": client_id}), "unsupported_grant_type"
    )


def test_a_rotated_refresh_token_coming_back_revokes_the_whole_grant(base_url, user):
    board = register_app(user)
    first = connect(base_url, user, board["client_id"])
    second = _refresh(base_url, board["client_id"], first["refresh_token"]).json()
    assert_oauth_error(_refresh(base_url, board["client_id"], first["refresh_token"]), "invalid_grant")  # stolen copy
    assert_oauth_error(_refresh(base_url, board["client_id"], second["refresh_token"]), "invalid_grant")  # family gone
    with as_app(base_url, second["access_token"]) as app_client:
        assert_problem(app_client.get("/api/v1/me"), 401)


def test_hostile_redirect_addresses_are_refused_at_registration(user):
    for uri in (
        "javascript:alert(1)",
        "data:text/html,hi",
        "http://jobs.example/callback",  # http only for this computer
        "http://10.0.0.5/callback",
        "ftp://jobs.example/cb",
        "https://jobs.example/cb#fragment",
        "https://user:pass@jobs.example/cb",
        "com.example.app:/callback",
        "https:///nohost",
        " https://jobs.example/cb",
    ):
        r = user.post(CLIENTS, json={"name": "Evil", "redirect_uris": [REDIRECT, uri]})
        problem = assert_problem(r, 422)
        assert problem["errors"][0]["field"] == "redirect_uris.1", (uri, problem)
        assert problem["errors"][0]["message"][0].isupper(), problem
    assert user.get(CLIENTS).json()["items"] == []
    ok = register_app(user, redirect_uris=["http://127.0.0.1:8765/cb", "http://localhost/cb", "http://[::1]/cb"])
    assert ok["redirect_uris"] == ["http://127.0.0.1:8765/cb", "http://localhost/cb", "http://[::1]/cb"]


def test_the_authorization_request_is_checked_before_anyone_is_redirected(user):
    board = register_app(user, redirect_uris=[REDIRECT, "http://127.0.0.1:8765/cb"])
    client_id, challenge = board["client_id"], pkce().challenge

    # Never sent to an address the app did not register, nor for an unknown app: a problem instead.
    for params in (
        authorization_params(client_id, challenge, redirect_uri="https://evil.example/cb"),
        authorization_params(client_id, challenge, redirect_uri="javascript:alert(1)"),
        authorization_params("srcl_nosuchapp", challenge),
        authorization_params(client_id, challenge, redirect_uri=None),  # two registered: must name one
    ):
        problem = assert_problem(user.get(AUTHORIZATION, params=params), 400)
        assert "evil" not in problem["detail"]
        r = user.post(AUTHORIZATION, json={**params, "allow": True})
        assert_problem(r, 400)

    # A loopback address may come back on another port (RFC 8252, 7.3).
    loopback = authorize(user, client_id, challenge, redirect_uri="http://127.0.0.1:50123/cb")
    assert loopback["code"]

    # Errors the app must hear of go back to it, with its state.
    for params, error in (
        (authorization_params(client_id, None), "invalid_request"),  # a public app without PKCE
        (authorization_params(client_id, challenge, code_challenge_method="plain"), "invalid_request"),
        (authorization_params(client_id, challenge, scope="admin"), "invalid_scope"),
        (authorization_params(client_id, challenge, response_type="token"), "unsupported_response_type"),
    ):
        consent = user.get(AUTHORIZATION, params=params)
        assert consent.status_code == 200, consent.text
        sent_back = consent.json()["redirect_to"]
        assert sent_back.startswith(REDIRECT + "?"), sent_back
        assert query_of(sent_back)["error"] == error and query_of(sent_back)["state"] == "board-state-42"

    denied = authorize(user, client_id, challenge, allow=False)
    assert denied == {
        "error": "access_denied",
        "error_description": denied["error_description"],
        "state": "board-state-42",
    }


def test_a_confidential_app_authenticates_with_its_secret_which_is_shown_once_and_stored_hashed(app, base_url, user):
    board = register_app(user, confidential=True)
    secret = board["client_secret"]
    assert secret.startswith("srcs_") and board["confidential"] is True
    shown = user.get(f"{CLIENTS}/{board['client_id']}")
    assert shown.status_code == 200 and secret not in shown.text and "client_secret" not in shown.json()
    with app_state(app).engine.connect() as connection:
        row = connection.execute(select(OAuthClient).where(OAuthClient.client_id == board["client_id"])).one()
    assert row.secret_hash == token_hash(secret) and secret not in str(tuple(row))

    p = pkce()
    code = authorize(user, board["client_id"], None)["code"]  # PKCE is optional for a confidential app
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    assert_oauth_error(token_request(base_url, data, auth=(board["client_id"], "srcs_wrong")), "invalid_client", 401)
    assert_oauth_error(token_request(base_url, {**data, "client_id": board["client_id"]}), "invalid_client", 401)
    r = token_request(base_url, data, auth=(board["client_id"], secret))
    assert r.status_code == 200, r.text
    tokens = r.json()
    with app_state(app).engine.connect() as connection:
        stored = (
            connection.execute(select(AccessToken.token_hash).where(AccessToken.client_id == board["client_id"]))
            .scalars()
            .all()
        )
        codes = (
            connection.execute(select(OAuthCode.code_hash).where(OAuthCode.client_id == board["client_id"]))
            .scalars()
            .all()
        )
    assert set(stored) == {token_hash(tokens["access_token"]), token_hash(tokens["refresh_token"])}
    assert codes == [token_hash(code)]
    # Refreshing and revoking with the secret in the form (client_secret_post) works too.
    r = token_request(
        base_url,
        {
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": board["client_id"],
            "client_secret": secret,
        },
    )
    assert r.status_code == 200, r.text
    assert (
        _revoke(base_url, board["client_id"], r.json()["refresh_token"], auth=(board["client_id"], secret)).status_code
        == 200
    )
    assert p  # (the verifier was not needed)


def test_another_users_apps_are_theirs_to_manage_but_anyone_may_connect_them(base_url, user, other_user):
    board = register_app(user)
    assert other_user.get(CLIENTS).json()["items"] == []
    assert_problem(other_user.get(f"{CLIENTS}/{board['client_id']}"), 404)
    assert_problem(other_user.delete(f"{CLIENTS}/{board['client_id']}"), 404)
    assert_problem(other_user.delete(f"{APPS}/{board['client_id']}"), 404)  # they never connected it
    # A third-party app is registered by its maker and connected by its users.
    theirs = connect(base_url, other_user, board["client_id"])
    mine = connect(base_url, user, board["client_id"])
    with as_app(base_url, theirs["access_token"]) as app_client:
        assert app_client.get("/api/v1/me").json()["id"] == other_user.id
    # The maker deletes the app: every account's tokens for it stop working.
    assert user.delete(f"{CLIENTS}/{board['client_id']}").status_code == 204
    for tokens in (theirs, mine):
        with as_app(base_url, tokens["access_token"]) as app_client:
            assert_problem(app_client.get("/api/v1/me"), 401)
    assert other_user.get(APPS).json()["items"] == []


def test_connected_apps_are_disconnected_by_the_user_and_survive_a_password_change(base_url, user):
    board = register_app(user)
    tokens = connect(base_url, user, board["client_id"], scope="read")
    with as_app(base_url, tokens["access_token"]) as app_client:
        assert app_client.get("/api/v1/me").status_code == 200
    r = user.patch("/api/v1/me", json={"password": "a much newer passphrase 42", "current_password": PASSWORD})
    assert r.status_code == 200, r.text
    apps = user.get(APPS).json()["items"]
    assert [(a["name"], a["scopes"]) for a in apps] == [("Job board", ["read"])]
    with as_app(base_url, tokens["access_token"]) as app_client:
        assert app_client.get("/api/v1/me").status_code == 200
    assert user.delete(f"{APPS}/{board['client_id']}").status_code == 204
    with as_app(base_url, tokens["access_token"]) as app_client:
        assert_problem(app_client.get("/api/v1/me"), 401)
    assert_oauth_error(_refresh(base_url, board["client_id"], tokens["refresh_token"]), "invalid_grant")
    assert user.get(APPS).json()["items"] == []
    assert_problem(user.delete(f"{APPS}/{board['client_id']}"), 404)


def test_bad_registrations_are_plain_422s(user):
    for body in (
        {"name": "", "redirect_uris": [REDIRECT]},
        {"name": "x", "redirect_uris": []},
        {"name": "x"},
        {"name": "x", "redirect_uris": [REDIRECT], "client_secret": "mine"},
        {"name": "x" * 101, "redirect_uris": [REDIRECT]},
    ):
        assert_problem(user.post(CLIENTS, json=body), 422)
    assert user.get(CLIENTS).json()["items"] == []


def test_the_server_metadata_is_public(client, base_url):
    r = client.get("/.well-known/oauth-authorization-server")
    assert r.status_code == 200
    meta = r.json()
    assert meta["issuer"] == base_url.rstrip("/")
    assert meta["token_endpoint"] == f"{meta['issuer']}/api/v1/oauth/token"
    assert meta["revocation_endpoint"] == f"{meta['issuer']}/api/v1/oauth/revoke"
    assert meta["authorization_endpoint"] == f"{meta['issuer']}/oauth/authorize"
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert set(meta["grant_types_supported"]) == {"authorization_code", "refresh_token"}


def test_an_app_the_operator_configured_connects_without_registration(settings, user):
    from secondround.main import create_app
    from tests.support.accounts import register_user
    from tests.support.serving import serve

    configured = json.dumps([{"client_id": "partner-board", "name": "Partner board", "redirect_uris": [REDIRECT]}])
    partner_app = create_app(settings.model_copy(update={"oauth_clients": configured}))
    try:
        with serve(partner_app) as url:
            person = register_user(url, "partner")
            consent = person.get(AUTHORIZATION, params=authorization_params("partner-board", pkce().challenge))
            assert consent.json()["client_name"] == "Partner board"
            tokens = connect(url, person, "partner-board")
            with as_app(url, tokens["access_token"]) as app_client:
                assert app_client.get("/api/v1/me").json()["id"] == person.id
            assert [a["name"] for a in person.get(APPS).json()["items"]] == ["Partner board"]
            person.client.close()
    finally:
        app_state(partner_app).database.dispose_sync()
