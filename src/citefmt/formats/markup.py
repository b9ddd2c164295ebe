"""Reading the engine's HTML back into styled runs, for the formats that are not HTML.

The engine produces each entry as HTML with a small, known set of tags (the markup
citeproc-js emits). :func:`runs` turns that into a flat list of :class:`Run`
(text plus the formatting in effect), which the Markdown writer and the terminal
renderer then express in their own terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

ITALIC, BOLD, UNDERLINE, SMALL_CAPS, SUPERSCRIPT, SUBSCRIPT = (
    "italic", "bold", "underline", "small-caps", "superscript", "subscript")

_TAG_STYLES = {"i": {ITALIC}, "em": {ITALIC}, "b": {BOLD}, "strong": {BOLD}, "u": {UNDERLINE},
               "sup": {SUPERSCRIPT}, "sub": {SUBSCRIPT}}
_CSS = re.compile(r"([a-z-]+)\s*:\s*([^;]+)")
_HTTP = re.compile(r"^https?://[^\s\"'<>\\`\x00-\x1f\x7f]+$", re.IGNORECASE)
_DOI = re.compile(r"^(?:doi:\s*)(10\.[^\s\"'<>\\`\x00-\x1f\x7f]+)$", re.IGNORECASE)


def safe_href(url: str | None) -> str | None:
    """The link target ``url`` may become: http(s) as is, ``doi:10.x/y`` as https://doi.org/10.x/y.

    Anything else (``javascript:``, ``data:``, relative or malformed URLs) is None:
    it stays text, never a link.
    """
    if not url:
        return None
    url = url.strip()
    if _HTTP.match(url):
        return url
    doi = _DOI.match(url)
    if doi:
        return "https://doi.org/" + doi.group(1)
    return None


@dataclass(frozen=True)
class Run:
    """A stretch of text with the same formatting."""

    text: str
    styles: frozenset[str] = frozenset()
    #: ``margin`` for the left-margin field (the list number), else None.
    role: str | None = None
    #: The link target, when the text is a link.
    href: str | None = None


def _css_effect(style: str) -> tuple[set[str], set[str]]:
    """What an inline CSS declaration adds and removes."""
    add: set[str] = set()
    remove: set[str] = set()
    for prop, value in _CSS.findall(style.lower()):
        value = value.strip()
        target = {"font-style": ITALIC, "font-weight": BOLD, "font-variant": SMALL_CAPS,
                  "text-decoration": UNDERLINE}.get(prop)
        if target is None:
            continue
        if value in ("normal", "none"):
            remove.add(target)
        elif prop != "font-style" or value in ("italic", "oblique"):
            add.add(target)
    return add, remove


class _RunParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, frozenset[str], str | None, str | None]] = [("", frozenset(), None, None)]
        self.runs: list[Run] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        _, styles, role, href = self.stack[-1]
        attributes = dict(attrs)
        new = set(styles)
        new |= _TAG_STYLES.get(tag, set())
        add, remove = _css_effect(attributes.get("style") or "")
        new = (new - remove) | add
        if tag == "div" and "csl-left-margin" in (attributes.get("class") or ""):
            role = "margin"
        elif tag == "div" and "csl-right-inline" in (attributes.get("class") or ""):
            role = None
        if tag == "a":
            href = safe_href(attributes.get("href"))
        self.stack.append((tag, frozenset(new), role, href))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_data(" ")

    def handle_data(self, data: str) -> None:
        if not data:
            return
        _, styles, role, href = self.stack[-1]
        if self.runs and (self.runs[-1].styles, self.runs[-1].role, self.runs[-1].href) == (styles, role, href):
            self.runs[-1] = Run(self.runs[-1].text + data, styles, role, href)
        else:
            self.runs.append(Run(data, styles, role, href))


def runs(markup: str) -> list[Run]:
    """The styled runs of an HTML fragment produced by the engine."""
    parser = _RunParser()
    parser.feed(markup)
    parser.close()
    return parser.runs
