"""How guessable a new password is, judged by zxcvbn (Dropbox's estimator): pure, no database, no HTTP."""

import unicodedata
from collections.abc import Iterable

from zxcvbn import zxcvbn

# zxcvbn's score runs 0 to 4; 3 means about 10^8 guesses or more ("safely unguessable" for an online
# attack, and slow enough offline behind Argon2).
MIN_SCORE = 3
# zxcvbn's cost grows quickly with the length (hundreds of ms at 100 characters on a busy machine);
# a password whose first 64 characters are hard to guess is hard to guess.
JUDGED_LENGTH = 64
GENERIC_ADVICE = "Use three or four uncommon words, or a longer mix of letters, digits and symbols."


def _visible(password: str) -> str:
    """The password as a guesser would try it: compatibility forms folded (full-width digits are
    digits) and invisible characters (zero-width spaces, control and format characters) dropped."""
    folded = unicodedata.normalize("NFKC", password)
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] != "C")


def _personal_words(personal: Iterable[str | None]) -> list[str]:
    """The account's own details and their parts: the email, its local part and domain, names."""
    words: set[str] = set()
    for value in personal:
        if not value:
            continue
        value = value.strip().lower()
        words.add(value)
        local, _, domain = value.partition("@")
        words.update(w for w in (local, domain) if w)
        for separator in ".-_+ ":
            local = local.replace(separator, " ")
        words.update(w for w in local.split() if len(w) >= 3)
    return sorted(words)


def _without_personal(password: str, words: list[str]) -> str | None:
    """What is left of the password once the account's own details are taken out, or None when it
    holds none of them. zxcvbn alone lets "alexcandidate1" through for Alex Candidate: it counts the
    three parts as a longer pattern, not as the name anyone would try first."""
    rest = password.lower()
    found = False
    for word in sorted(words, key=len, reverse=True):
        if len(word) >= 3 and word in rest:
            rest = rest.replace(word, "")
            found = True
    return rest if found else None


def _score(rest: str) -> int:
    return int(zxcvbn(rest, max_length=JUDGED_LENGTH)["score"]) if rest else 0


def weakness(password: str, *, personal: Iterable[str | None] = ()) -> str | None:
    """Why the password is too easy to guess, with advice on choosing a better one; None if it is fine.

    `personal` are the account's own details (email, display name): a password built from them is weak.
    """
    visible = _visible(password)
    if not visible.strip():
        return "must contain visible characters, not only spaces or invisible ones. " + GENERIC_ADVICE
    words = _personal_words(personal)
    result = zxcvbn(visible[:JUDGED_LENGTH], user_inputs=words, max_length=JUDGED_LENGTH)
    if result["score"] >= MIN_SCORE:
        rest = _without_personal(visible[:JUDGED_LENGTH], words)
        if rest is None or _score(rest) >= MIN_SCORE:
            return None
        return (
            "is built from your name or email, which is the first thing anyone who knows you would try. "
            + GENERIC_ADVICE
        )
    feedback = result["feedback"]
    advice = [feedback["warning"], *feedback["suggestions"]] if feedback["warning"] else feedback["suggestions"]
    if not advice:
        advice = ["It is built from your own details or common patterns."]
    return f"is too easy to guess. {' '.join(advice)} {GENERIC_ADVICE}"
