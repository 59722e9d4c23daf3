"""OAuth clients as Authlib sees them, the redirect URI rule, and the apps an operator configures.

Redirect URIs (docs/decisions.md, "OAuth for third-party apps"): `https` to any host, or `http` to
a loopback address only (127.0.0.1, [::1], localhost: RFC 8252 section 7.3, for apps on the user's
machine, where the port may change from one run to the next); no fragment, no user name. Anything
else (`javascript:`, `data:`, `http` to another host, custom schemes) is refused at registration.
"""

import hmac
import ipaddress
import json
import re
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from authlib.oauth2.rfc6749 import ClientMixin
from authlib.oauth2.rfc6749.util import scope_to_list

from secondround.accounts.credentials import token_hash

SCOPES = ("read", "write")
GRANT_TYPES = ("authorization_code", "refresh_token")
SECRET_METHODS = ("client_secret_basic", "client_secret_post")
USER_CLIENT_PREFIX = "srcl_"
MAX_REDIRECT_URI_LENGTH = 2000
_CONFIGURED_ID = re.compile(r"^[A-Za-z0-9._~-]{3,64}$")
_SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def redirect_uri_problem(uri: str) -> str | None:
    """None when `uri` may receive authorization codes, else why not (a sentence)."""
    if len(uri) > MAX_REDIRECT_URI_LENGTH:
        return f"A redirect address may be at most {MAX_REDIRECT_URI_LENGTH} characters long."
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in uri):
        return "A redirect address may not contain spaces or control characters."
    try:
        parts = urlsplit(uri)
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError on a malformed port)
    except ValueError:
        return "This is not a web address."
    if parts.scheme not in ("https", "http") or not host:
        return (
            "A redirect address must start with https:// (or http:// for this computer only: 127.0.0.1 or localhost)."
        )
    if parts.scheme == "http" and not _is_loopback(host):
        return "A redirect address on another computer must use https://; http:// is only for 127.0.0.1 or localhost."
    if parts.fragment or "#" in uri:
        return "A redirect address may not have a fragment (#...)."
    if parts.username is not None or parts.password is not None:
        return "A redirect address may not hold a user name or password."
    return None


def _loopback_without_port(uri: str) -> tuple[str, str, str, str] | None:
    parts = urlsplit(uri)
    if parts.scheme != "http" or not parts.hostname or not _is_loopback(parts.hostname):
        return None
    return parts.scheme, parts.hostname, parts.path or "/", parts.query


def redirect_uri_matches(registered: list[str], requested: str) -> bool:
    """Exact match, except that a loopback address may come with any port (RFC 8252, 7.3)."""
    if requested in registered:
        return True
    try:
        loose = _loopback_without_port(requested)
        return loose is not None and any(_loopback_without_port(r) == loose for r in registered)
    except ValueError:
        return False


def allowed_scopes(requested: str | None) -> list[str]:
    """The scopes granted for a request: `read` unless asked otherwise; `write` brings `read`."""
    asked = set(scope_to_list(requested) or ["read"])
    if "write" in asked:
        asked.add("read")
    return [s for s in SCOPES if s in asked]


@dataclass(frozen=True)
class Client(ClientMixin):
    """A registered app: a user's (`owner_id`) or the operator's (`owner_id` None)."""

    client_id: str
    name: str
    redirect_uris: list[str]
    secret_hash: str | None = None
    owner_id: uuid.UUID | None = None
    created_at: object = field(default=None, compare=False)

    @property
    def is_public(self) -> bool:
        return self.secret_hash is None

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return self.redirect_uris[0] if len(self.redirect_uris) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str:
        return " ".join(allowed_scopes(scope))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri_matches(self.redirect_uris, redirect_uri)

    def check_client_secret(self, client_secret: str) -> bool:
        return self.secret_hash is not None and hmac.compare_digest(token_hash(client_secret), self.secret_hash)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "none" if self.is_public else method in SECRET_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in GRANT_TYPES


@lru_cache(maxsize=8)
def parse_configured_clients(value: str) -> tuple[Client, ...]:
    """The operator's apps from SECONDROUND_OAUTH_CLIENTS (a JSON list); ValueError says what is wrong."""
    if not value.strip():
        return ()
    try:
        entries = json.loads(value)
    except json.JSONDecodeError as error:
        raise ValueError(f"SECONDROUND_OAUTH_CLIENTS is not JSON: {error}") from None
    if not isinstance(entries, list):
        raise ValueError("SECONDROUND_OAUTH_CLIENTS must be a JSON list of apps")
    clients: list[Client] = []
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) - {"client_id", "name", "redirect_uris", "client_secret_sha256"}:
            raise ValueError(
                "each app in SECONDROUND_OAUTH_CLIENTS has client_id, name, redirect_uris and, for a "
                "confidential app, client_secret_sha256"
            )
        client_id, name, uris = entry.get("client_id"), entry.get("name"), entry.get("redirect_uris")
        secret = entry.get("client_secret_sha256")
        if not isinstance(client_id, str) or not _CONFIGURED_ID.match(client_id):
            raise ValueError(f"OAuth client_id {client_id!r}: 3 to 64 letters, digits or ._~-")
        if client_id.startswith(USER_CLIENT_PREFIX) or client_id in {c.client_id for c in clients}:
            raise ValueError(f"OAuth client_id {client_id!r} is taken or starts with {USER_CLIENT_PREFIX!r}")
        if not isinstance(name, str) or not 1 <= len(name.strip()) <= 100:
            raise ValueError(f"OAuth client {client_id!r}: a name of 1 to 100 characters")
        if not isinstance(uris, list) or not uris or not all(isinstance(u, str) for u in uris):
            raise ValueError(f"OAuth client {client_id!r}: redirect_uris is a non-empty list of addresses")
        for uri in uris:
            if problem := redirect_uri_problem(uri):
                raise ValueError(f"OAuth client {client_id!r}: {uri!r}: {problem}")
        if secret is not None and (not isinstance(secret, str) or not _SHA256_HEX.match(secret)):
            raise ValueError(f"OAuth client {client_id!r}: client_secret_sha256 is 64 lowercase hex digits")
        clients.append(Client(client_id=client_id, name=name.strip(), redirect_uris=list(uris), secret_hash=secret))
    return tuple(clients)
