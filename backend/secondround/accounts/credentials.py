"""Passwords (Argon2id via pwdlib) and opaque random tokens stored only as hashes."""

import hashlib
import secrets
from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from secondround.helpers.off_loop import off_the_loop

_passwords = PasswordHash((Argon2Hasher(),))
# The web app's sign-in session cookie (set by POST /auth/login; middleware/admission.py keys on it too).
SESSION_COOKIE = "secondround_session"


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
    Made on first use, not at import: every process that imports this module would pay a hash."""
    return _passwords.hash("not-a-real-password-but-hashed-once")


def hash_password(password: str) -> str:
    return off_the_loop(_passwords.hash, password)


def verify_password(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """Return (valid, new_hash); new_hash is set when the stored hash's parameters are outdated."""
    return off_the_loop(_verify, password, password_hash)


def _verify(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    if password_hash is None:
        _passwords.verify(password, _dummy_hash())
        return False, None
    return _passwords.verify_and_update(password, password_hash)


def new_token(prefix: str) -> str:
    """A 256-bit random token; the prefix tells a leaked secret's kind at a glance."""
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    # Tokens have 256 bits of entropy, so a fast hash is enough (no need for a slow KDF).
    return hashlib.sha256(token.encode()).hexdigest()
