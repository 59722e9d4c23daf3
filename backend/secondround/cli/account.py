"""`login` and `logout`: a personal API key made for this computer, kept in the user's config directory.

The password is used once, to get a short-lived token that makes the key (a key cannot make keys),
and is never stored; the token is signed out right after. Logging out needs the password again,
because a key cannot revoke keys either (README, "Personal API keys").
"""

import socket
import sys
from typing import Annotated

import typer

from secondround.cli import config
from secondround.cli.client import Api, checked, problem_sentence
from secondround.cli.errors import CliError, ExitCode, say
from secondround.cli.output import JsonOption, print_json

PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from the first line of stdin instead of asking."),
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, err=True)
    if not password:
        raise CliError("The password is empty.", ExitCode.USAGE)
    return password


def _token(api: Api, email: str, password: str) -> str:
    response = api.send("POST", "/auth/token", data={"username": email, "password": password})
    if response.status_code in (400, 401):
        raise CliError(f"Signing in failed: {problem_sentence(response)}", ExitCode.NOT_SIGNED_IN)
    return str(checked(response).json()["access_token"])


def _sign_out(url: str, token: str) -> None:
    """End the password session used to make or revoke the key (it is not needed any more)."""
    with Api(url, token) as session:
        session.send("POST", "/auth/logout")


def login(
    url: Annotated[str | None, typer.Option(help="The server's address, e.g. https://secondround.example.")] = None,
    email: Annotated[str | None, typer.Option(help="Your account's email.")] = None,
    password_stdin: PasswordStdin = False,
    name: Annotated[str | None, typer.Option(help="The key's name in Settings → API keys.")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Make a key that can only read.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Sign in: asks for the server, your email and password, makes a personal API key for this computer
    and stores the address and key (readable by you only). Commands use them from then on;
    SECONDROUND_URL and SECONDROUND_API_KEY still take precedence."""
    if url is None:
        url = typer.prompt("Server", default=config.server_url(), err=True)
    url = url.strip().rstrip("/")
    if email is None:
        email = typer.prompt("Email", err=True)
    email = email.strip()
    password = _password(password_stdin)
    key_name = name or f"secondround command line on {socket.gethostname()}"[:100]
    scopes = ["read"] if read_only else ["read", "write"]

    with Api(url, None) as anonymous:
        token = _token(anonymous, email, password)
    try:
        with Api(url, token) as session:
            made = session.post("/api-keys", json={"name": key_name, "scopes": scopes}).json()
    finally:
        _sign_out(url, token)
    path = config.save(config.Stored(url=url, api_key=made["key"], api_key_id=made["id"], email=email))
    if as_json:
        print_json(
            {
                "url": url,
                "email": email,
                "api_key_id": made["id"],
                "prefix": made["prefix"],
                "scopes": made["scopes"],
                "config_file": str(path),
            }
        )
    say(f"Signed in to {url} as {email}. The key {made['prefix']} is stored in {path}.")


def logout(
    password_stdin: PasswordStdin = False,
    forget: Annotated[
        bool,
        typer.Option(
            "--forget",
            help="Only delete the stored key on this computer, without revoking it (when the server is gone); "
            "revoke it later in Settings → API keys.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Sign out: revokes the key `login` made (asks for your password again: a key cannot revoke itself)
    and deletes the stored address and key."""
    stored = config.load()
    if stored is None:
        say("You are not signed in on this computer; nothing to do.")
        if as_json:
            print_json({"revoked": False, "forgotten": False})
        return
    revoked = False
    if not forget:
        if not stored.email or not stored.api_key_id:
            raise CliError(
                "The stored sign-in does not say which key it is; run `secondround logout --forget` and revoke the "
                "key in Settings → API keys.",
                ExitCode.USAGE,
            )
        password = _password(password_stdin)
        with Api(stored.url, None) as anonymous:
            token = _token(anonymous, stored.email, password)
        try:
            with Api(stored.url, token) as session:
                response = session.send("DELETE", f"/api-keys/{stored.api_key_id}")
                if response.status_code != 404:  # 404: revoked already (in Settings, say)
                    checked(response)
                revoked = True
        finally:
            _sign_out(stored.url, token)
    config.forget()
    if as_json:
        print_json({"revoked": revoked, "forgotten": True})
    if revoked:
        say(f"Signed out of {stored.url}: the key is revoked and no longer stored here.")
    else:
        say("The key is no longer stored here; it still works until you revoke it in Settings → API keys.")


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Your account")(login)
    app.command(rich_help_panel="Your account")(logout)
