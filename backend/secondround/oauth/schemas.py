from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from secondround.api.fields import BodyBool, LabelText, MediumText, WriteModel
from secondround.api.pagination import Page
from secondround.api_keys.schemas import Scope

RedirectUri = Annotated[
    str, StringConstraints(min_length=1, max_length=2000), Field(json_schema_extra={"format": "uri"})
]
Param = MediumText


class OAuthClientCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"name": "Job board", "redirect_uris": ["https://jobs.example/oauth/callback"]}]
        }
    )

    name: LabelText = Field(description="The app's name, shown to people on the page where they allow it.")
    redirect_uris: list[RedirectUri] = Field(
        min_length=1,
        max_length=10,
        description="Where people are sent back with the authorization code: `https://` addresses, or "
        "`http://` to 127.0.0.1 or localhost only (any port) for apps on the user's own computer.",
    )
    confidential: BodyBool = Field(
        default=False,
        description="`true` for an app with a server that can keep a secret: it gets a `client_secret`, shown "
        "once. `false` (the default) for a public app (browser, mobile, desktop), which must use PKCE.",
    )


class OAuthClientRead(BaseModel):
    client_id: str = Field(description="The app's public identifier (`client_id` in OAuth requests).")
    name: str
    redirect_uris: list[str]
    confidential: bool
    created_at: datetime


class OAuthClientCreated(OAuthClientRead):
    client_secret: str | None = Field(
        description="A confidential app's secret, shown this once: store it on the app's server. Null for a public app."
    )


class OAuthClientPage(Page[OAuthClientRead]):
    pass


class ConnectedAppRead(BaseModel):
    client_id: str
    name: str
    scopes: list[Scope] = Field(description="What the app may do: `read`, or `read` and `write`.")
    connected_at: datetime = Field(description="When the oldest of the app's live tokens was issued.")
    last_used_at: datetime | None = Field(description="Roughly when the app last called the API (to the minute).")


class ConnectedAppList(BaseModel):
    items: list[ConnectedAppRead]


class OAuthConsentRead(BaseModel):
    """What the authorization page shows, or where it must send the browser at once."""

    client_id: str | None = None
    client_name: str | None = None
    scopes: list[Scope] = Field(default=[], description="The scopes the app asks for, as they will be granted.")
    redirect_uri: str | None = Field(default=None, description="Where the browser goes back after the answer.")
    redirect_to: str | None = Field(
        default=None,
        description="Set when the request cannot be answered but the app can be told so: send the browser "
        "here (its redirect address with `error=...`) instead of asking.",
    )


class OAuthDecision(WriteModel):
    """The consent page's answer: the authorization request's parameters as the app sent them, and `allow`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "response_type": "code",
                    "client_id": "srcl_abcdefghijkmnpqrstu",
                    "redirect_uri": "https://jobs.example/oauth/callback",
                    "scope": "read write",
                    "state": "af0ifjsldkj",
                    "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                    "code_challenge_method": "S256",
                    "allow": True,
                }
            ]
        }
    )

    response_type: Param = Field(description="`code`.")
    client_id: Param
    redirect_uri: Param | None = None
    scope: Param | None = None
    state: Param | None = None
    code_challenge: Param | None = None
    code_challenge_method: Param | None = None
    allow: BodyBool = Field(description="`true`: the user allowed the app; `false`: they said no.")


class OAuthRedirect(BaseModel):
    redirect_to: str = Field(description="Send the browser here: the app's redirect address with `code` or `error`.")


class OAuthError(BaseModel):
    """An RFC 6749 error (section 5.2), as OAuth client libraries expect at the token and revocation endpoints."""

    error: str = Field(
        description="`invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, "
        "`unsupported_grant_type`, `invalid_scope` or `unsupported_token_type`."
    )
    error_description: str | None = None


class OAuthToken(BaseModel):
    access_token: str
    token_type: str = Field(description="`Bearer`.")
    expires_in: int = Field(description="Seconds until the access token expires.")
    scope: str = Field(description="Space-separated: `read` or `read write`.")
    refresh_token: str = Field(description="Use once with grant_type=refresh_token: each use returns a new one.")


class OAuthTokenForm(BaseModel):
    """The token request (RFC 6749 4.1.3 and 6), form-encoded. Every field is optional here so that a
    missing one is answered the RFC 6749 way (`invalid_request`), not as a 422 problem."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "grant_type": "authorization_code",
                    "code": "the code from the redirect",
                    "redirect_uri": "https://jobs.example/oauth/callback",
                    "client_id": "srcl_abcdefghijkmnpqrstu",
                    "code_verifier": "the PKCE verifier, 43 to 128 characters",
                }
            ]
        }
    )

    grant_type: str | None = Field(default=None, description="Required: `authorization_code` or `refresh_token`.")
    code: str | None = None
    redirect_uri: str | None = None
    code_verifier: str | None = None
    refresh_token: str | None = None
    scope: str | None = None
    client_id: str | None = None
    client_secret: str | None = None


class OAuthRevokeForm(BaseModel):
    """The revocation request (RFC 7009 2.1), form-encoded."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"token": "srr_...", "client_id": "srcl_abcdefghijkmnpqrstu"}]}
    )

    token: str | None = Field(default=None, description="Required: the access or refresh token to revoke.")
    token_type_hint: str | None = Field(default=None, description="`access_token` or `refresh_token`.")
    client_id: str | None = None
    client_secret: str | None = None
