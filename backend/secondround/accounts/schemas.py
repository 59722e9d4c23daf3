import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from secondround.api.fields import Email, ShortText, TimeZoneName, WriteModel, absent, no_nul
from secondround.api.representation import VersionedRead

Password = Annotated[
    str,
    StringConstraints(min_length=12, max_length=1024),
    AfterValidator(no_nul),
]


class RegisterRequest(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "email": "ana@example.com",
                    "password": "a long passphrase",
                    "display_name": "Ana",
                    "time_zone": "Europe/Oslo",
                }
            ]
        }
    )

    email: Email
    password: Password = Field(description="At least 12 characters.")
    display_name: ShortText | None = None
    time_zone: TimeZoneName = Field(
        default="UTC",
        description="Where you live (the web app sends the browser's zone): new rounds are scheduled "
        "in it, and follow-up days are counted in it.",
    )


# What a password given to sign in may be (any length rules apply when it is set, not here).
GivenPassword = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1024),
    AfterValidator(no_nul),
]


class LoginRequest(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"email": "ana@example.com", "password": "a long passphrase"}]}
    )

    email: Email
    password: GivenPassword


class TokenForm(BaseModel):
    """The OAuth2 password flow's form (RFC 6749, section 4.3.2). Like FastAPI's
    OAuth2PasswordRequestForm, but its texts are validated (a NUL byte would reach the database)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"grant_type": "password", "username": "ana@example.com", "password": "a long passphrase"}]
        }
    )

    grant_type: Annotated[str | None, StringConstraints(pattern="^(password)?$")] = None
    username: Annotated[
        str,
        StringConstraints(min_length=1, max_length=320),
        AfterValidator(no_nul),
    ] = Field(description="Your email.")
    password: GivenPassword = Field(json_schema_extra={"format": "password"})
    scope: str = Field(default="", description="Not used.")
    client_id: str | None = Field(default=None, description="Not used.")
    client_secret: str | None = Field(default=None, json_schema_extra={"format": "password"}, description="Not used.")


ReminderHour = Annotated[
    int,
    Field(
        ge=0,
        le=23,
        description="The hour of the morning (0 to 23, in your time zone) from which the day's reminder is sent.",
    ),
]


class MeUpdate(WriteModel):
    """Change your profile. Changing the password or the email needs the current password and signs
    out other sessions."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"display_name": "Ana P.", "time_zone": "Europe/Oslo"}]})

    email: Email = absent()
    display_name: ShortText | None = None
    time_zone: TimeZoneName = absent()
    password: Password = absent()
    current_password: GivenPassword = absent()
    daily_reminder: Annotated[
        bool, Field(description="Whether the daily reminder email is sent (when the server sends mail).")
    ] = absent()
    reminder_hour: ReminderHour = absent()


class MeRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    display_name: str | None
    time_zone: str = Field(
        description="IANA zone: the default zone of new rounds, and the zone follow-up days are counted in."
    )
    daily_reminder: bool = Field(
        description="Whether the daily reminder email is on: overdue and today's follow-ups, thank-you notes "
        "due and offer deadlines, once a day when something is due (only when the server sends mail)."
    )
    reminder_hour: int = Field(description="From this hour (0 to 23, in `time_zone`) the day's reminder is sent.")
    created_at: datetime
    updated_at: datetime


class RevokedRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    other_sessions: int = Field(
        description="Sessions and tokens of the account, other than the one that made the change, that were signed out."
    )
    calendar_link: bool = Field(
        description="True when a calendar feed link stopped working; issue a new one with "
        "`POST /api/v1/me/calendar-token`."
    )


class MeChanged(MeRead):
    """The account after a change, and what the change revoked."""

    revoked: RevokedRead = Field(
        description="A new password or email signs out the account's other sessions and tokens and retires the "
        "calendar link; other changes revoke nothing (0 and false)."
    )


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the token expires.")


class SessionResponse(BaseModel):
    user: MeRead
    expires_in: int = Field(description="Seconds until the session expires.")


class PasswordResetRequest(WriteModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"email": "ana@example.com"}]})

    email: Email


class PasswordResetAccepted(BaseModel):
    detail: str = Field(description="The same sentence whether or not an account uses the email.")


ResetToken = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(no_nul),
]


class PasswordResetConfirm(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"token": "srr_the-token-from-the-link", "password": "a new long passphrase"}]}
    )

    token: ResetToken = Field(description="The `token` of the link in the mail.")
    password: Password = Field(description="The new password: at least 12 characters, hard to guess.")


class PasswordResetDone(BaseModel):
    email: str = Field(description="The account's sign-in email, to sign in with the new password.")
    detail: str
    revoked: RevokedRead = Field(description="Every session and token of the account was signed out.")
