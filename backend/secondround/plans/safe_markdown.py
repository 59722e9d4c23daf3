"""User text made safe for a Markdown document, whatever renderer shows it later.

Short fields (names, questions, answers) are escaped: they show as written and never become
markup. The company research is the user's own Markdown and keeps its formatting, but its raw
HTML goes through nh3 (a small allow-list of formatting tags, no attributes), and every link,
image or reference definition whose destination has a scheme other than http, https or mailto
stops being one. Destinations are found by markdown-it-py itself (its link and image tokens and
its reference definitions), not by a pattern of ours: CommonMark's escapes (`javascript\\:`),
character references and which characters end a destination are then read as a renderer reads
them. A renderer that passes raw HTML and trusts every link still shows no script, no event
handler, no `javascript:` link.
"""

import html
import re
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Formatting a note may carry as raw HTML; no attribute survives (so no href, src, style, on*=).
ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "s", "del", "sub", "sup", "code", "pre", "br", "p", "ul", "ol", "li", "blockquote"}
)
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# `<https://...>`: CommonMark autolinks, which an HTML sanitiser would take for tags and drop.
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^\s<>]*)>", re.IGNORECASE)
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
    text = "".join(c for c in text if c.isprintable() and not c.isspace() and c not in "<>\\").lower()
    found = _SCHEME.match(text)
    return found[1] if found else None


# Parses as the most permissive renderer would: raw HTML on, every link accepted (markdown-it's own
# validateLink would hide a `javascript:` destination from us instead of showing it).
_parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_parser.validateLink = lambda url: True  # type: ignore[method-assign]
# Rounds of defusing before falling back to escaping every bracket of the text.
_MAX_ROUNDS = 5
# `[`, `]` or `<` not already escaped by an odd run of backslashes.
_LINK_SYNTAX = re.compile(r"(?<!\\)((?:\\\\)*)([\[\]<])")


def _allowed(destination: str) -> bool:
    scheme = _scheme(destination)
    return scheme is None or scheme in SAFE_SCHEMES


def is_safe_destination(destination: str) -> bool:
    """True when a link to `destination` has no scheme, or http, https or mailto."""
    return _allowed(destination)


def _unsafe_lines(text: str) -> set[int]:
    """The source lines (0-based) holding a link, image or reference definition whose destination
    has a scheme off the allow-list, as markdown-it-py parses `text`."""
    env: dict = {}
    tokens = _parser.parse(text, env)
    lines: set[int] = set()

    def walk(tokens: list[Token], where: list[int] | None) -> None:
        for token in tokens:
            span = token.map or where
            for name in ("href", "src"):
                value = token.attrGet(name)
                if isinstance(value, str) and not _allowed(value):
                    # No line known (never seen): -1 says "the whole text".
                    lines.update(range(span[0], span[1]) if span else [-1])
            if token.children:
                walk(token.children, span)

    walk(tokens, None)
    for reference in env.get("references", {}).values():
        if not _allowed(reference.get("href", "")):
            span = reference.get("map")
            lines.update(range(span[0], span[1]) if span else [-1])
    return lines


def _escape_link_syntax(line: str) -> str:
    # An escaped bracket is text: no link, image or definition can open or close on this line.
    return _LINK_SYNTAX.sub(lambda m: m[1] + "\\" + m[2], line)


def _defuse_links(text: str) -> str:
    """`text` with the link syntax of every line that holds a disallowed destination escaped."""
    # markdown-it reads `\r\n` and `\r` as line ends and NUL as U+FFFD; so do we, so lines match its map.
    text = re.sub(r"\r\n?", "\n", text).replace("\x00", "\ufffd")
    for _ in range(_MAX_ROUNDS):
        unsafe = _unsafe_lines(text)
        if not unsafe:
            return text
        lines = text.split("\n")
        chosen = range(len(lines)) if -1 in unsafe else unsafe
        for number in chosen:
            if 0 <= number < len(lines):
                lines[number] = _escape_link_syntax(lines[number])
        text = "\n".join(lines)
    # Never seen: nothing parsed as a link survives escaping every bracket of every line.
    text = "\n".join(_escape_link_syntax(line) for line in text.split("\n"))
    return text if not _unsafe_lines(text) else escape_inline(text)


def without_unsafe_links(text: str) -> str:
    """Markdown with the link syntax of every line holding a disallowed destination escaped."""
    return _defuse_links(text)


def sanitize_markdown(text: str) -> str:
    """The user's Markdown with its formatting kept and anything active removed."""
    text = _AUTOLINK.sub(r"\1", text)
    cleaned = nh3.clean(text, tags=set(ALLOWED_TAGS), attributes={}, link_rel=None, strip_comments=True)
    # nh3 writes HTML, escaping `&` and `>` in text; Markdown needs them back (`>` quotes a line).
    # Neither can open a tag, and with no attribute allowed there is no attribute value to reach.
    cleaned = cleaned.replace("&gt;", ">").replace("&amp;", "&")
    return _defuse_links(cleaned)
