"""A job board's side of OAuth, over real HTTP: register an app, PKCE, authorize, exchange, refresh."""

import base64
import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.support.accounts import User
from tests.support.serving import new_client

CLIENTS = "/api/v1/oauth-clients"
AUTHORIZATION = "/api/v1/oauth/authorization"
TOKEN = "/api/v1/oauth/token"
REVOKE = "/api/v1/oauth/revoke"
REDIRECT = "https://jobs.example/oauth/callback"


def register_app(user: User, *, confidential: bool = False, redirect_uris: list[str] | None = None) -> dict:
    body = {"name": "Job board", "redirect_uris": redirect_uris or [REDIRECT], "confidential": confidential}
    r = user.post(CLIENTS, json=body)
    assert r.status_code == 201, r.text
    return r.json()


@dataclass
class Pkce:
    verifier: str
    challenge: str


def pkce() -> Pkce:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return Pkce(verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode())


def authorization_params(client_id: str, challenge: str | None, **extra: str) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": REDIRECT,
        "scope": "read write",
        "state": "board-state-42",
    }
    if challenge is not None:
        params |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    return {k: v for k, v in (params | extra).items() if v is not None}


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def authorize(user: User, client_id: str, challenge: str | None, *, allow: bool = True, **extra: str) -> dict:
    """The user's answer on the consent page; the query the app's redirect address receives."""
    r = user.post(AUTHORIZATION, json={**authorization_params(client_id, challenge, **extra), "allow": allow})
    assert r.status_code == 200, r.text
    return query_of(r.json()["redirect_to"])


def token_request(base_url: str, data: dict, auth: tuple[str, str] | None = None) -> httpx.Response:
    with new_client(base_url) as board:  # the job board's server: no cookie, no bearer
        return board.post(TOKEN, data=data, auth=auth)


def exchange(base_url: str, client_id: str, code: str, verifier: str, **extra: str) -> httpx.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "client_id": client_id}
    return token_request(base_url, {**data, "code_verifier": verifier, **extra})


def connect(base_url: str, user: User, client_id: str, scope: str = "read write") -> dict:
    """The whole dance: the tokens the app ends up with."""
    p = pkce()
    code = authorize(user, client_id, p.challenge, scope=scope)["code"]
    r = exchange(base_url, client_id, code, p.verifier)
    assert r.status_code == 200, r.text
    return r.json()


def as_app(base_url: str, access_token: str) -> httpx.Client:
    client = new_client(base_url)
    client.headers["Authorization"] = f"Bearer {access_token}"
    return client


def assert_oauth_error(response: httpx.Response, error: str, status: int = 400) -> dict:
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json"), response.headers
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["error"] == error, body
    return body
