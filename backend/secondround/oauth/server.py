"""Authlib's authorization server, adapted to this app: its grants and endpoints run as plain sync
code inside a request's database session (`await db.run(token_response, ...)`), so every lookup and
write they make is part of the request's one transaction.

Authlib brings the protocol (RFC 6749 authorization code and refresh grants, RFC 7636 PKCE, RFC 7009
revocation, client authentication, the error responses); this module supplies storage:
- codes, access and refresh tokens are stored by their SHA-256 hash only (oauth_codes, access_tokens);
- a code is redeemed once: a second try is refused and revokes every token the first one issued;
- refresh tokens rotate: each use returns a new one and retires the old; an old one coming back
  revokes the whole family (the grant), because a thief or the app has a copy it should not have.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from authlib.oauth2.rfc6749 import AuthorizationServer, OAuth2Payload, OAuth2Request
from authlib.oauth2.rfc6749.errors import InsecureTransportError, InvalidRequestError, OAuth2Error
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant, RefreshTokenGrant
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from sqlalchemy import select, update
from sqlmodel import Session, col

from secondround.accounts.credentials import new_token, token_hash
from secondround.api.problems import BadRequest
from secondround.config import Settings
from secondround.db.types import utcnow
from secondround.models import AccessToken, OAuthCode, User
from secondround.oauth import service
from secondround.oauth.clients import SCOPES, Client

ACCESS, REFRESH = "oauth", "oauth_refresh"
CODE_TTL = timedelta(minutes=10)  # RFC 6749 4.1.2: short, at most ten minutes
REFRESH_TTL = timedelta(days=60)  # from the last refresh: an app used every two months stays connected
CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]


@dataclass(frozen=True)
class HttpRequest:
    """What Authlib needs of an HTTP request, read on the event loop before the sync code runs."""

    method: str
    uri: str
    headers: Mapping[str, str]
    data: dict[str, list[str]]

    @property
    def printable(self) -> bool:
        """Every parameter is printable ASCII but " and \\, as OAuth's are in practice; Authlib quotes
        some of them in its error descriptions, which may hold nothing else."""
        return all(all(" " <= c <= "~" and c not in '"\\' for c in v) for values in self.data.values() for v in values)


class _Payload(OAuth2Payload):
    def __init__(self, datalist: dict[str, list[str]]) -> None:
        self._datalist = datalist
        self._data = {key: values[0] for key, values in datalist.items() if values}

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> Any:
        return self._datalist


class _Request(OAuth2Request):
    def __init__(self, http: HttpRequest) -> None:
        super().__init__(http.method, http.uri, headers=http.headers)
        self.payload = _Payload(http.data)

    @property
    def args(self) -> dict[str, str]:
        return self.payload.data

    @property
    def form(self) -> dict[str, str]:
        return self.payload.data


@dataclass(frozen=True)
class _Token:
    """An OAuth access or refresh token row as Authlib's TokenMixin."""

    row: AccessToken

    def check_client(self, client: Client) -> bool:
        return self.row.client_id == client.client_id

    def get_scope(self) -> str:
        return self.row.scopes or "read"


def revoke_grant(db: Session, grant_id: uuid.UUID) -> None:
    """Revoke every token of one authorization (its access and refresh tokens, refreshed or not)."""
    db.execute(
        update(AccessToken)
        .where(col(AccessToken.grant_id) == grant_id, col(AccessToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


class Pkce(CodeChallenge):
    """RFC 7636 with S256 only (`plain` protects nothing a TLS-intercepting attacker cannot read);
    a public client must use it, a confidential one may."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if grant.request.client.is_public and not data.get("code_challenge"):
            raise InvalidRequestError("A public client must use PKCE: send code_challenge with S256.")
        if data.get("code_challenge") and data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("Send code_challenge_method=S256: only S256 is supported.")
        super().validate_code_challenge(grant, redirect_uri)


class _CodeGrant(AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS
    server: "Server"

    def save_authorization_code(self, code: str, request: Any) -> None:
        data = request.payload.data
        self.server.db.add(
            OAuthCode(
                user_id=request.user.id,
                code_hash=token_hash(code),
                client_id=request.client.client_id,
                redirect_uri=data.get("redirect_uri"),
                scopes=request.scope,
                code_challenge=data.get("code_challenge"),
                code_challenge_method=data.get("code_challenge_method"),
                grant_id=uuid.uuid4(),
                expires_at=utcnow() + CODE_TTL,
            )
        )
        self.server.db.flush()

    def query_authorization_code(self, code: str, client: Client) -> OAuthCode | None:
        db = self.server.db
        found = db.scalars(
            select(OAuthCode).where(col(OAuthCode.code_hash) == token_hash(code)).with_for_update()
        ).first()
        if found is None or found.client_id != client.client_id:
            return None
        if found.used_at is not None:  # a replayed code: whoever holds it, stop what it issued
            revoke_grant(db, found.grant_id)
            return None
        if found.expires_at <= utcnow():
            return None
        return found

    def delete_authorization_code(self, authorization_code: OAuthCode) -> None:
        authorization_code.used_at = utcnow()  # kept (until it expires) to recognise a replay
        self.server.db.add(authorization_code)
        self.server.db.flush()

    def authenticate_user(self, authorization_code: OAuthCode) -> User | None:
        return self.server.db.get(User, authorization_code.user_id)


class _RefreshGrant(RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation
    server: "Server"

    def authenticate_refresh_token(self, refresh_token: str) -> _Token | None:
        db = self.server.db
        row = db.scalars(
            select(AccessToken)
            .where(col(AccessToken.token_hash) == token_hash(refresh_token), col(AccessToken.kind) == REFRESH)
            .with_for_update()
        ).first()
        if row is None:
            return None
        if row.revoked_at is not None:  # a rotated token came back: revoke its family
            if row.grant_id is not None:
                revoke_grant(db, row.grant_id)
            return None
        if row.expires_at is not None and row.expires_at <= utcnow():
            return None
        return _Token(row)

    def authenticate_user(self, refresh_token: _Token) -> User | None:
        return self.server.db.get(User, refresh_token.row.user_id)

    def revoke_old_credential(self, refresh_token: _Token) -> None:
        refresh_token.row.revoked_at = utcnow()
        self.server.db.add(refresh_token.row)
        self.server.db.flush()


class _Revocation(RevocationEndpoint):
    CLIENT_AUTH_METHODS = CLIENT_AUTH_METHODS
    server: "Server"

    def query_token(self, token_string: str, token_type_hint: str | None) -> _Token | None:
        row = self.server.db.scalars(
            select(AccessToken).where(
                col(AccessToken.token_hash) == token_hash(token_string),
                col(AccessToken.kind).in_((ACCESS, REFRESH)),
            )
        ).first()
        return _Token(row) if row is not None else None

    def revoke_token(self, token: _Token, request: Any) -> None:
        """A refresh token takes its whole grant with it (RFC 7009, 2.1); an access token goes alone."""
        row = token.row
        if row.kind == REFRESH and row.grant_id is not None:
            revoke_grant(self.server.db, row.grant_id)
        elif row.revoked_at is None:
            row.revoked_at = utcnow()
            self.server.db.add(row)
        self.server.db.flush()


Response = tuple[int, Any, list[tuple[str, str]]]


class Server(AuthorizationServer):
    """One per call, bound to the request's session and the app's settings."""

    def __init__(self, db: Session, settings: Settings) -> None:
        super().__init__(scopes_supported=list(SCOPES))
        self.db = db
        self.settings = settings
        self.register_token_generator("default", self._generate_token)
        self.register_grant(_CodeGrant, [Pkce(required=True)])
        self.register_grant(_RefreshGrant)
        self.register_endpoint(_Revocation)

    def query_client(self, client_id: str) -> Client | None:
        return service.find_client(self.db, self.settings, client_id)

    def _generate_token(
        self, *, grant_type, client, user=None, scope=None, expires_in=None, include_refresh_token=True
    ):
        token = {
            "token_type": "Bearer",
            "access_token": new_token("sro"),
            "expires_in": self.settings.access_token_ttl_seconds,
            "scope": scope or "read",
        }
        if include_refresh_token:
            token["refresh_token"] = new_token("srr")
        return token

    def save_token(self, token: dict, request: Any) -> None:
        grant_id = request.refresh_token.row.grant_id if request.refresh_token else request.authorization_code.grant_id
        now = utcnow()
        common = {"user_id": request.user.id, "client_id": request.client.client_id, "grant_id": grant_id}
        self.db.add(
            AccessToken(
                token_hash=token_hash(token["access_token"]),
                kind=ACCESS,
                scopes=token["scope"],
                created_at=now,
                expires_at=now + timedelta(seconds=token["expires_in"]),
                **common,
            )
        )
        if "refresh_token" in token:
            self.db.add(
                AccessToken(
                    token_hash=token_hash(token["refresh_token"]),
                    kind=REFRESH,
                    scopes=token["scope"],
                    created_at=now,
                    expires_at=now + REFRESH_TTL,
                    **common,
                )
            )
        self.db.flush()

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        return request if isinstance(request, OAuth2Request) else _Request(request)

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
        return status, body, list(headers)

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None


NOT_PRINTABLE: Response = (
    400,
    {"error": "invalid_request", "error_description": "Parameters hold printable ASCII characters only."},
    [],
)


def token_response(db: Session, settings: Settings, http: HttpRequest) -> Response:
    if not http.printable:
        return NOT_PRINTABLE
    server = Server(db, settings)
    try:
        return server.create_token_response(http)
    except OAuth2Error as error:  # raised before Authlib's own handling (e.g. not over https)
        return server.handle_response(*error())


def revocation_response(db: Session, settings: Settings, http: HttpRequest) -> Response:
    if not http.printable:
        return NOT_PRINTABLE
    server = Server(db, settings)
    try:
        return server.create_endpoint_response("revocation", http)
    except OAuth2Error as error:
        return server.handle_response(*error())


@dataclass(frozen=True)
class Consent:
    """A valid authorization request, to put before the user; or, when it is invalid in a way the
    app can be told, the address to send the browser to (`redirect_to`, with `error=`)."""

    client: Client | None = None
    scopes: tuple[str, ...] = ()
    redirect_uri: str | None = None
    redirect_to: str | None = None


def _unredirectable(error: OAuth2Error) -> BadRequest:
    """An error the app cannot be sent (RFC 6749 4.1.2.1: never redirect to an unchecked address)."""
    description = error.description or ""
    if isinstance(error, InsecureTransportError):
        return BadRequest("Connecting an app needs a secure (https) connection to this server.")
    if error.error == "invalid_client":
        return BadRequest("This app is not registered here, or it was deleted: its link cannot be used.")
    if "Redirect URI" in description:
        return BadRequest(
            "The app asked to send you back to an address it did not register, so the request was stopped."
        )
    if "redirect_uri" in description:
        return BadRequest("The app did not say where to send you back, and it registered several addresses.")
    return BadRequest("This app's request to connect is not valid; ask its makers to check it.")


def _grant(server: Server, http: HttpRequest, user: User) -> Any:
    if not http.printable:
        raise BadRequest(
            "This app's request to connect holds characters no OAuth request may; ask its makers to check it."
        )
    return server.get_consent_grant(http, end_user=user)


def check_consent(db: Session, settings: Settings, user: User, http: HttpRequest) -> Consent:
    try:
        grant = _grant(Server(db, settings), http, user)
    except OAuth2Error as error:
        if error.redirect_uri:
            _status, _body, headers = error()
            return Consent(redirect_to=dict(headers)["Location"])
        raise _unredirectable(error) from None
    return Consent(
        client=grant.client,
        scopes=tuple(grant.request.scope.split()),
        redirect_uri=grant.redirect_uri,
    )


def decide(db: Session, settings: Settings, user: User, http: HttpRequest, allow: bool) -> str:
    """Where to send the browser after the user's answer: the app's address with a code, or with
    error=access_denied (or another error the app must hear of)."""
    server = Server(db, settings)
    try:
        grant = _grant(server, http, user)
    except OAuth2Error as error:
        if error.redirect_uri:
            return dict(error()[2])["Location"]
        raise _unredirectable(error) from None
    status, _body, headers = server.create_authorization_response(http, grant_user=user if allow else None, grant=grant)
    location = dict(headers).get("Location")
    if status != 302 or location is None:
        raise BadRequest("This app's request to connect is not valid; ask its makers to check it.")
    return location
