"""Marked strings: formatted text as one Python string, written out as plain text or HTML.

citeproc-py builds an entry by concatenating strings, and lets a *formatter* wrap a
piece of text in italics, bold and so on. citefmt's formatter (:data:`FORMATTER`)
wraps text in pairs of private-use characters instead of tags: a *marked string*.
Rich text in reference data (``<i>``, ``<b>``, ``<sup>``, ``<span class="nocase">`` …)
is read into the same markers when references are loaded. One rendering therefore
yields one marked string per entry, and :func:`to_text` and :func:`to_html` write it
out; the passes that must see the whole entry (flip-flopping nested italics, outer
and inner quotes, punctuation moved into quotes, doubled punctuation) run on its
tokens in between (see :mod:`citefmt.engine.fixes.punctuation`).

The markers live in Supplementary Private Use Area-A (U+F0000…), which reference
data never needs; :func:`strip_markers` removes any from data as it is loaded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

_BASE = 0xF0000


@dataclass(frozen=True)
class Mark:
    """One kind of formatting: its opening and closing marker characters and its HTML."""

    name: str
    open: str
    close: str
    html_open: str
    html_close: str


def _marks() -> dict[str, Mark]:
    table = [
        # name, html open, html close
        ("italic", "<i>", "</i>"),
        ("oblique", '<span style="font-style:oblique;">', "</span>"),
        ("roman", '<span style="font-style:normal;">', "</span>"),
        ("bold", "<b>", "</b>"),
        ("light", '<span style="font-weight:lighter;">', "</span>"),
        ("unbold", '<span style="font-weight:normal;">', "</span>"),
        ("underline", '<span style="text-decoration:underline;">', "</span>"),
        ("nodecor", '<span style="text-decoration:none;">', "</span>"),
        ("smallcaps", '<span style="font-variant:small-caps;">', "</span>"),
        ("nosmallcaps", '<span style="font-variant:normal;">', "</span>"),
        ("sup", "<sup>", "</sup>"),
        ("sub", "<sub>", "</sub>"),
        ("baseline", '<span style="baseline">', "</span>"),
        # Formatting written in the data: it flips against the formatting around it.
        ("d-italic", "<i>", "</i>"),
        ("d-roman", '<span style="font-style:normal;">', "</span>"),
        ("d-bold", "<b>", "</b>"),
        ("d-smallcaps", '<span style="font-variant:small-caps;">', "</span>"),
        # Text that text-case never changes (<span class="nocase"> in data); no output of its own.
        ("nocase", "", ""),
        # <span class="nodecor"> in data: undoes every enclosing font formatting.
        ("plain", "", ""),
        # A quoted span; the quote characters are chosen when written (outer or inner).
        ("quote", "", ""),
        # A quotation written in the data ("so-called"): printed like one, but takes no punctuation in.
        ("dquote", "", ""),
        # display="..." and the parts of a second-field-align entry.
        ("block", '<div class="csl-block">', "</div>"),
        ("left-margin", '<div class="csl-left-margin">', "</div>"),
        ("right-inline", '<div class="csl-right-inline">', "</div>"),
        ("indent", '<div class="csl-indent">', "</div>"),
    ]
    marks = {}
    for index, (name, html_open, html_close) in enumerate(table):
        marks[name] = Mark(name, chr(_BASE + 2 * index), chr(_BASE + 2 * index + 1), html_open, html_close)
    return marks


MARKS: dict[str, Mark] = _marks()
_BY_CHAR: dict[str, tuple[Mark, bool]] = {}
for _mark in MARKS.values():
    _BY_CHAR[_mark.open] = (_mark, True)
    _BY_CHAR[_mark.close] = (_mark, False)
MARKER_CHARS = frozenset(_BY_CHAR)
MARKER_CLASS = "[" + "".join(sorted(MARKER_CHARS)) + "]"
_MARKER_RE = re.compile(MARKER_CLASS)
_ANY_PUA_A = re.compile("[\U000F0000-\U000FFFFD]")


def wrap(name: str, text: str) -> str:
    """``text`` inside the markers of formatting ``name``."""
    mark = MARKS[name]
    return f"{mark.open}{text}{mark.close}"


def strip_markers(text: str) -> str:
    """``text`` with every marker (and any other Private Use Area-A character) removed."""
    return _ANY_PUA_A.sub("", text)


def plain(text: str) -> str:
    """The characters of a marked string, markers dropped (for sort keys and comparisons)."""
    return _MARKER_RE.sub("", text)


def is_marker(char: str) -> bool:
    return char in _BY_CHAR


# --- tokens --------------------------------------------------------------------------------------


@dataclass
class Token:
    """A run of text (``mark`` None) or one opening/closing marker."""

    text: str
    mark: Mark | None = None
    opening: bool = False

    @property
    def is_text(self) -> bool:
        return self.mark is None


def tokens(marked: str) -> list[Token]:
    """The marked string as text runs and markers, in order."""
    out: list[Token] = []
    start = 0
    for match in _MARKER_RE.finditer(marked):
        if match.start() > start:
            out.append(Token(marked[start:match.start()]))
        mark, opening = _BY_CHAR[match.group()]
        out.append(Token(match.group(), mark, opening))
        start = match.end()
    if start < len(marked):
        out.append(Token(marked[start:]))
    return out


# --- rich text in reference data ----------------------------------------------------------------

#: The tags CSL-JSON data may hold (the CSL "HTML-like" markup), and the formatting each means.
_DATA_TAGS = {
    "i": "d-italic", "em": "d-italic", "b": "d-bold", "strong": "d-bold", "sup": "sup", "sub": "sub",
}
_SPAN_STYLES = {
    "font-variant:small-caps": "d-smallcaps",
    "font-style:italic": "d-italic",
    "font-weight:bold": "d-bold",
    "font-style:normal": "d-roman",
}
_DATA_TAG = re.compile(r'<(/?)(i|em|b|strong|sup|sub|sc|span)(\s+(?:class|style)\s*=\s*"[^"<>]*")?\s*>',
                       re.IGNORECASE)


def parse_data(text: str) -> str:
    """A data value as a marked string: its rich-text tags become markers, the rest stays text.

    Only balanced tags count; a tag without its partner is left as the characters it is
    (it is data, and is escaped in HTML output like any other ``<``).
    """
    text = strip_markers(text)
    if "<" not in text:
        return text
    pieces: list[str] = []
    stack: list[tuple[str, int]] = []  # (tag name, index into pieces of its opening)
    position = 0
    for match in _DATA_TAG.finditer(text):
        pieces.append(text[position:match.start()])
        position = match.end()
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3) or ""
        if not closing:
            name = _open_tag_mark(tag, attributes)
            if name is None:
                pieces.append(match.group())
                continue
            stack.append((tag, len(pieces), name))
            pieces.append(match.group())  # replaced by the marker once the tag is closed
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == tag:
                break
        else:
            pieces.append(match.group())
            continue
        _, opened_at, name = stack[depth]
        del stack[depth:]
        pieces[opened_at] = MARKS[name].open
        pieces.append(MARKS[name].close)
    pieces.append(text[position:])
    return "".join(pieces)


def _open_tag_mark(tag: str, attributes: str) -> str | None:
    if tag in _DATA_TAGS:
        return None if attributes else _DATA_TAGS[tag]
    if tag == "sc":
        return "d-smallcaps"
    if tag == "span":
        value = re.sub(r"\s+", "", attributes.split("=", 1)[-1].strip().strip('"')).rstrip(";").lower()
        if attributes.strip().lower().startswith("class"):
            return {"nocase": "nocase", "nodecor": "plain"}.get(value)
        return _SPAN_STYLES.get(value)
    return None


# --- writing out ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quotes:
    """The locale's quotation marks: outer pair, inner pair."""

    open: str = "\u201c"
    close: str = "\u201d"
    open_inner: str = "\u2018"
    close_inner: str = "\u2019"


def _walk(marked: str, quotes: Quotes) -> Iterator[tuple[Token, int]]:
    """Tokens with, for quote markers, their nesting depth (0: outer)."""
    depth = 0
    for token in tokens(marked):
        if token.mark is not None and token.mark.name in ("quote", "dquote"):
            if token.opening:
                yield token, depth
                depth += 1
            else:
                depth -= 1
                yield token, depth
        else:
            yield token, depth


def _quote_char(token: Token, depth: int, quotes: Quotes) -> str:
    inner = depth % 2 == 1
    if token.opening:
        return quotes.open_inner if inner else quotes.open
    return quotes.close_inner if inner else quotes.close


def to_text(marked: str, quotes: Quotes = Quotes()) -> str:
    """The marked string as plain text: formatting dropped, quotes as the locale's characters."""
    out = []
    for token, depth in _walk(marked, quotes):
        if token.is_text:
            out.append(token.text)
        elif token.mark.name in ("quote", "dquote"):
            out.append(_quote_char(token, depth, quotes))
    return "".join(out)


def escape_html(text: str) -> str:
    """Data as HTML text, the way the reference processor escapes it."""
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


def _superscripts(text: str) -> str:
    """Unicode superscript characters (², ª, ᵉ) as ``<sup>`` of their base character, as citeproc-js writes them."""
    out = []
    for char in text:
        if char > "\u007f":
            decomposition = unicodedata.decomposition(char)
            if decomposition.startswith("<super> "):
                base = "".join(chr(int(code, 16)) for code in decomposition.split()[1:])
                out.append("<sup>" + escape_html(base) + "</sup>")
                continue
        out.append(char)
    return "".join(out)


#: Formatting that flips when nested in itself, and the "off" form it flips to.
_FLIP = {"italic": ("italic", "roman"), "oblique": ("italic", "roman"), "roman": ("italic", "roman"),
         "bold": ("bold", "unbold"), "unbold": ("bold", "unbold"),
         "smallcaps": ("smallcaps", "nosmallcaps"), "nosmallcaps": ("smallcaps", "nosmallcaps"),
         "underline": ("underline", "nodecor"), "nodecor": ("underline", "nodecor"),
         "d-italic": ("italic", "roman"), "d-roman": ("italic", "roman"), "d-bold": ("bold", "unbold"),
         "d-smallcaps": ("smallcaps", "nosmallcaps")}
_OFF = frozenset({"roman", "unbold", "nosmallcaps", "nodecor", "d-roman"})
#: The style's own formatting never flips (citeproc-js prints <i> inside <i>); the data's does.
_STYLE_ON = frozenset({"italic", "oblique", "bold", "smallcaps", "underline"})
_FLIP_OFF = {"italic": "roman", "bold": "unbold", "smallcaps": "nosmallcaps", "underline": "nodecor"}


#: How citeproc-js lays out display blocks inside an entry (``blocks=True``): its own line breaks.
_BLOCK_LAYOUT = {
    "block": ("\n\n    <div class=\"csl-block\">", "</div>\n"),
    "left-margin": ("\n    <div class=\"csl-left-margin\">", "</div>"),
    "right-inline": ("<div class=\"csl-right-inline\">", "</div>\n  "),
    "indent": ("<div class=\"csl-indent\">", "</div>\n  "),
}


def to_html(marked: str, quotes: Quotes = Quotes(), *, blocks: bool = False) -> str:
    """The marked string as HTML: data escaped, formatting as the reference processor's tags.

    ``blocks``: display blocks laid out on lines of their own, exactly as citeproc-js
    writes them inside a bibliography entry (the official test suite compares that).

    Formatting nested in itself flips (CSL "flip-flop"): italics inside italics print as
    ``<span style="font-style:normal;">``, and the same for bold, small caps and underline;
    an explicit "normal" prints only where it undoes something.
    """
    out = []
    active = {"italic": 0, "bold": 0, "smallcaps": 0, "underline": 0}  # nesting depth of "on"
    closers: list[tuple[str, str | None, int]] = []
    for token, depth in _walk(marked, quotes):
        if token.is_text:
            text = escape_html(token.text)
            if not text.isascii():
                text = _superscripts(text)
            out.append(text)
            continue
        mark = token.mark
        if mark.name in ("quote", "dquote"):
            out.append(escape_html(_quote_char(token, depth, quotes)))
            continue
        if mark.name == "plain":
            if token.opening:
                undo = [family for family, depth in active.items() if depth % 2 == 1]
                offs = [_FLIP_OFF[family] for family in undo]
                out.extend(MARKS[off].html_open for off in offs)
                for family in undo:
                    active[family] += 1
                closers.append(("plain", "".join(MARKS[off].html_close for off in reversed(offs)), undo))
            elif closers:
                _, closer, undo = closers.pop()
                out.append(closer)
                for family in undo:
                    active[family] -= 1
            continue
        if mark.name not in _FLIP:
            if blocks and mark.name in _BLOCK_LAYOUT:
                out.append(_BLOCK_LAYOUT[mark.name][0 if token.opening else 1])
            else:
                out.append(mark.html_open if token.opening else mark.html_close)
            continue
        family, off = _FLIP[mark.name]
        if token.opening:
            on_now = active[family] % 2 == 1
            if mark.name in _OFF:
                if on_now:
                    out.append(MARKS[off].html_open)
                    closers.append((family, MARKS[off].html_close, 1))
                    active[family] += 1
                else:
                    closers.append((family, None, 0))
            elif on_now and mark.name not in _STYLE_ON:
                out.append(MARKS[off].html_open)
                closers.append((family, MARKS[off].html_close, 1))
                active[family] += 1
            else:
                out.append(mark.html_open)
                closers.append((family, mark.html_close, 1))
                active[family] += 1
        else:
            if not closers:
                continue
            family, closer, step = closers.pop()
            if closer is not None:
                out.append(closer)
            if family != "plain":
                active[family] -= step
    return "".join(out)
