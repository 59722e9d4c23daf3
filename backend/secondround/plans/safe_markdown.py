"""User text made safe for a Markdown document, whatever renderer shows it later.

Short fields (names, questions, answers) are escaped: they show as written and never become
markup. The company research is the user's own Markdown and keeps its formatting, but its raw
HTML goes through nh3 (a small allow-list of formatting tags, no attributes) and every link or
image whose destination is not http, https or mailto stops being a link. A renderer that passes
raw HTML and trusts every link still shows no script, no event handler, no `javascript:` link.
"""

import html
import re
from urllib.parse import unquote

import nh3

# Formatting a note may carry as raw HTML; no attribute survives (so no href, src, style, on*=).
ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "s", "del", "sub", "sup", "code", "pre", "br", "p", "ul", "ol", "li", "blockquote"}
)
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# `<https://...>`: CommonMark autolinks, which an HTML sanitiser would take for tags and drop.
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^\s<>]*)>", re.IGNORECASE)
# A link or image destination (`](dest`) or a reference definition (`]: dest`); CommonMark lets
# the destination follow on the next line and sit in angle brackets.
_DESTINATION = re.compile(r"\](?P<opener>[(:])(?P<destination>[ \t]*\n?[ \t]*(?:<[^>\n]*>?|[^\s)]*))")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def escape_inline(text: str) -> str:
    """User text on one line, with Markdown's active characters escaped."""
    flat = " ".join(text.split())
    for char in "\\`*_[]<>#|":
        flat = flat.replace(char, "\\" + char)
    return flat


def _scheme(destination: str) -> str | None:
    """The scheme a browser could end up with, read as generously as any renderer might: character
    references and percent-escapes decoded, spaces, control characters and brackets dropped."""
    text = destination
    for _ in range(3):
        decoded = html.unescape(unquote(text))
        if decoded == text:
            break
        text = decoded
    text = "".join(c for c in text if c.isprintable() and not c.isspace() and c not in "<>").lower()
    found = _SCHEME.match(text)
    return found[1] if found else None


def _defuse_link(match: re.Match[str]) -> str:
    scheme = _scheme(match["destination"])
    if scheme is None or scheme in SAFE_SCHEMES:
        return match[0]
    # A space between `]` and `(` or `:` and it is neither a link nor a definition: plain text.
    return f"] {match['opener']}{match['destination']}"


def sanitize_markdown(text: str) -> str:
    """The user's Markdown with its formatting kept and anything active removed."""
    text = _AUTOLINK.sub(r"\1", text)
    cleaned = nh3.clean(text, tags=set(ALLOWED_TAGS), attributes={}, link_rel=None, strip_comments=True)
    # nh3 writes HTML, escaping `&` and `>` in text; Markdown needs them back (`>` quotes a line).
    # Neither can open a tag, and with no attribute allowed there is no attribute value to reach.
    cleaned = cleaned.replace("&gt;", ">").replace("&amp;", "&")
    return _DESTINATION.sub(_defuse_link, cleaned)
