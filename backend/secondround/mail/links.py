"""The unsubscribe token in a reminder's links: the account id signed with the server's secret
(HMAC-SHA256), so it works without signing in, cannot be guessed or made for another account, and
needs no table. Changing SECONDROUND_SECRET_KEY voids every link sent before."""

import base64
import hashlib
import hmac
import uuid

PURPOSE = b"secondround unsubscribe v1:"


def _signature(secret: str, account_id: uuid.UUID) -> str:
    digest = hmac.new(secret.encode(), PURPOSE + account_id.bytes, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")


def unsubscribe_token(secret: str, account_id: uuid.UUID) -> str:
    encoded = base64.urlsafe_b64encode(account_id.bytes).decode().rstrip("=")
    return f"{encoded}.{_signature(secret, account_id)}"


def account_of(secret: str, token: str) -> uuid.UUID | None:
    """The account an unsubscribe token was made for, or None when it is not one of ours."""
    encoded, _, signature = token.partition(".")
    try:
        account_id = uuid.UUID(bytes=base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (ValueError, TypeError):
        return None
    return account_id if hmac.compare_digest(signature.encode(), _signature(secret, account_id).encode()) else None
