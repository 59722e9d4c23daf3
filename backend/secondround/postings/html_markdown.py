"""A job description's HTML as safe Markdown: headings, paragraphs, lists, bold, italics and web
links kept; everything else reduced to its text.

The HTML is parsed by lxml (as browsers read tag soup: broken markup still gives a tree). Only
elements are read, never attributes other than a link's `href`, so no event handler or style can
come through; script, style and other non-text elements are dropped with their content. All text
is written with Markdown's active characters escaped, so text that looks like a tag (`<script>`)
stays text. A link is kept only when its scheme is http, https or mailto (read as
plans/safe_markdown.py reads schemes), and the result goes through that module's link check once
more, so a renderer that trusted every link would still find no `javascript:` one.
"""

import html
from urllib.parse import quote

import lxml.etree
import lxml.html

from secondround.plans.safe_markdown import is_safe_destination, without_unsafe_links

# Dropped with everything inside them: not text a reader of the posting sees.
_DROPPED = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head",
        "title", "form", "button", "select", "textarea", "input", "img", "picture", "video", "audio",
        "canvas", "meta", "link", "base", "frame", "frameset", "applet", "param", "source", "track",
    }
)  # fmt: skip
_HEADINGS = {"h1": "## ", "h2": "## ", "h3": "### ", "h4": "### ", "h5": "### ", "h6": "### "}
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "table", "thead",
        "tbody", "tfoot", "tr", "dl", "dt", "dd", "figure", "figcaption", "blockquote", "address",
        "center", "pre", "hr", "body", "html", "details", "summary", "caption",
    }
)  # fmt: skip
_BOLD = frozenset({"strong", "b"})
_ITALIC = frozenset({"em", "i"})
_CELLS = frozenset({"td", "th"})
# Deeper than this, an element's text is kept but its markup is not followed (no recursion limit).
_MAX_DEPTH = 60
_ACTIVE = "\\`*_[]<>#|~&!"
_WHITESPACE = " \t\n\r\f\v\u00a0\u2028\u2029"


def escape_text(text: str) -> str:
    """Text with every Markdown-active character backslash-escaped (CommonMark escapes any ASCII
    punctuation), so it shows as written."""
    return "".join("\\" + c if c in _ACTIVE else c for c in text)


def _squeeze(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _line_start_safe(line: str) -> str:
    """A block's first characters cannot start a list, a heading underline or a numbered item."""
    if line[:1] in "-+=":
        return "\\" + line
    digits = len(line) - len(line.lstrip("0123456789"))
    if 0 < digits and line[digits : digits + 1] in (".", ")"):
        return line[:digits] + "\\" + line[digits:]
    return line


class _Writer:
    def __init__(self) -> None:
        self.blocks: list[tuple[str, bool]] = []  # (Markdown, is a list item)
        self.inline: list[str] = []
        self.lists: list[str] = []  # "ul" or "ol" for each open list, innermost last
        self.counters: list[int] = []

    def text(self, text: str | None) -> None:
        if text:
            self.inline.append(escape_text(text.replace("\u00a0", " ")))

    def flush(self, prefix: str = "") -> None:
        joined = "".join(self.inline)
        self.inline = []
        # Hard line breaks survive the squeeze as the marker below, then become `\` + newline.
        parts = [_squeeze(part) for part in joined.split("\x00BR\x00")]
        lines = [p for p in parts if p]
        if not lines:
            return
        indent = "  " * max(len(self.lists) - 1, 0) if prefix and self.lists else ""
        body = "\\\n".join(_line_start_safe(line) for line in lines)
        item = bool(prefix) and bool(self.lists)
        self.blocks.append((indent + prefix + (body if prefix else _line_start_safe(body)), item))

    def markdown(self) -> str:
        out: list[str] = []
        previous_item = False
        for text, item in self.blocks:
            if out:
                out.append("\n" if item and previous_item else "\n\n")
            out.append(text)
            previous_item = item
        return "".join(out)

    def walk(self, element: lxml.html.HtmlElement, depth: int) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _DROPPED:  # comments, processing instructions, scripts and the like
            self.text(element.tail)
            return
        if depth > _MAX_DEPTH:
            self.text(element.text_content())
        elif tag in _HEADINGS:
            self.flush()
            self._children(element, depth)
            self.flush(_HEADINGS[tag])
        elif tag in ("ul", "ol", "menu"):
            self.flush(self._bullet())
            self.lists.append("ol" if tag == "ol" else "ul")
            self.counters.append(0)
            self._children(element, depth)
            self.flush(self._bullet())
            self.lists.pop()
            self.counters.pop()
        elif tag == "li":
            self.flush(self._bullet())
            if self.counters:
                self.counters[-1] += 1
            self._children(element, depth)
            self.flush(self._bullet())
        elif tag in _BLOCKS:
            self.flush(self._bullet())
            self._children(element, depth)
            self.flush(self._bullet())
        elif tag == "br":
            self.inline.append("\x00BR\x00")
        elif tag in _BOLD or tag in _ITALIC:
            mark = "**" if tag in _BOLD else "_"
            inner = _Writer()
            inner._children(element, depth)
            raw = "".join(inner.inline).replace("\x00BR\x00", " ")
            text = _squeeze(raw)
            if text:
                before = " " if raw[:1].isspace() else ""
                after = " " if raw[-1:].isspace() else ""
                self.inline.append(f"{before}{mark}{text}{mark}{after}")
        elif tag == "a":
            self._link(element, depth)
        elif tag in _CELLS:
            self._children(element, depth)
            self.inline.append(" ")
        else:  # span, code, font, u and every unknown tag: its text
            self._children(element, depth)
        self.text(element.tail)

    def _bullet(self) -> str:
        if not self.lists:
            return ""
        return f"{max(self.counters[-1], 1)}. " if self.lists[-1] == "ol" else "- "

    def _children(self, element: lxml.html.HtmlElement, depth: int) -> None:
        self.text(element.text)
        for child in element:
            self.walk(child, depth + 1)

    def _link(self, element: lxml.html.HtmlElement, depth: int) -> None:
        inner = _Writer()
        inner._children(element, depth)
        text = _squeeze("".join(inner.inline).replace("\x00BR\x00", " "))
        href = (element.get("href") or "").strip()
        if not text:
            return
        if href and is_safe_destination(href) and href.lower().startswith(("http://", "https://", "mailto:")):
            destination = quote(href, safe=":/?#@!$&'*+,;=%~-._")
            self.inline.append(f"[{text}]({destination})")
        else:
            self.inline.append(text)


def _plain_text(text: str) -> str:
    """Text with no markup: paragraphs kept at blank lines, line breaks as hard breaks."""
    paragraphs = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n"):
        lines = [_line_start_safe(escape_text(_squeeze(line))) for line in paragraph.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\\\n".join(lines))
    return "\n\n".join(paragraphs)


def html_to_markdown(source: str) -> str:
    """The description's HTML (or plain text) as safe Markdown; empty when nothing readable is left."""
    return description_markdown(source)[0]


def description_markdown(source: str, limit: int | None = None) -> tuple[str, bool]:
    """The description's HTML (or plain text) as safe Markdown of at most `limit` characters, and
    whether it was cut. The link check runs on what is kept (it costs more than the conversion).

    Descriptions are often HTML escaped once more inside the JSON (`&lt;p&gt;`): text with escaped
    tags and no real ones is unescaped once before it is read."""
    # Text is rarely under a quarter of a description's HTML: a longer source would be cut anyway, and
    # reading all of it only costs time (a 2 MB description of 100,000 tags takes seconds).
    source_cut = limit is not None and len(source) > 4 * limit
    if source_cut:
        assert limit is not None
        source = source[: 4 * limit]
    if "<" not in source and "&lt;" in source.lower():
        source = html.unescape(source)
    try:
        root = lxml.html.fragment_fromstring(source, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        root = None
    if root is None or len(root) == 0:  # no element at all: plain text, whose line breaks mean something
        markdown = _plain_text(source if root is None else root.text_content())
    else:
        writer = _Writer()
        writer._children(root, 0)
        writer.flush()
        markdown = writer.markdown()
    cut = source_cut
    if limit is not None and len(markdown) > limit:
        cut = True
        assert limit is not None
        # A trailing backslash would escape the ellipsis; a cut link is checked like any other.
        markdown = markdown[: limit - 1].rstrip("\\") + "…"
    return without_unsafe_links(markdown), cut
