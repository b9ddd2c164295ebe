"""Output formats: a :class:`~citefmt.render.RenderResult` written as text, HTML, Markdown or JSON.

:func:`write` returns the whole document as one string; :func:`write_chunks` gives the
same document in pieces, to be written as they come (``-o`` still writes a file
atomically: the pieces go to a temporary file renamed when complete). Entries and
citations come one per line.

Reference data is data in every format. The engine escapes it in its HTML; on top
of that, :func:`inert_html` lets through only the markup the engine itself writes
(a fixed set of tags, classes and inline styles, links only to http/https), so no
title can become a ``<script>``, an event handler or a ``javascript:`` link even if
a bug let one slip. Markdown escapes every character that could start markup in
data; text is the data as is (input reading has already replaced control characters,
see :func:`citefmt.inputs.validate.clean_text`); JSON escapes what JSON must.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import TYPE_CHECKING, Iterator

from ..render import RenderResult

if TYPE_CHECKING:
    from .markup import Run

# .markup (an HTML parser) is imported where Markdown or styled runs are made: plain text needs none.


class OutputFormat(str, Enum):
    """The formats ``-f/--format`` accepts."""

    text = "text"
    html = "html"
    markdown = "markdown"
    json = "json"


#: What each format is made from: an entry's ``"text"``, its ``"html"``, or both.
NEEDS = {OutputFormat.text: frozenset({"text"}), OutputFormat.html: frozenset({"html"}),
         OutputFormat.markdown: frozenset({"html"}), OutputFormat.json: frozenset({"text", "html"})}


def needs(fmt: OutputFormat | str) -> frozenset[str]:
    """The representations of an entry ``fmt`` is written from (``render_bibliography(outputs=)``)."""
    return NEEDS[OutputFormat(fmt)]


def write(result: RenderResult, fmt: OutputFormat | str, *, bibliography: bool = False) -> str:
    """The result in ``fmt``. ``bibliography`` wraps HTML entries in a ``csl-bib-body`` div."""
    return "".join(write_chunks(result, fmt, bibliography=bibliography))


def write_chunks(result: RenderResult, fmt: OutputFormat | str, *, bibliography: bool = False) -> Iterator[str]:
    """The document :func:`write` returns, in pieces (a line each, but for JSON), to be
    written out as they come: a long list is then never held twice, as entries and as text."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.json:
        data = result.as_dict()
        for group in ("entries", "citations"):
            for record in data[group]:
                record["text"] = one_line(record["text"])
                record["html"] = inert_html(record["html"])
        yield json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt is OutputFormat.text:
        for entry in result.entries:
            yield one_line(entry.text) + "\n"
        for citation in result.citations:
            yield one_line(citation.text) + "\n"
    elif fmt is OutputFormat.html:
        if result.entries and bibliography:
            yield '<div class="csl-bib-body">\n'
        for entry in result.entries:
            yield ("  " if bibliography else "") + inert_html(entry.html) + "\n"
        if result.entries and bibliography:
            yield "</div>\n"
        for citation in result.citations:
            yield inert_html(citation.html) + "\n"
    else:
        # A blank line keeps Markdown from running the entries into one paragraph.
        separator = ""
        for record in (*result.entries, *result.citations):
            yield separator + markdown(record.html)
            separator = "\n\n"
        if separator:
            yield "\n"


# --- text ---------------------------------------------------------------------------------------

# Line breaks of every kind (str.splitlines() splits at all of these).
_LINE_BREAK = re.compile("\\s*[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]\\s*")


def one_line(text: str) -> str:
    """An entry as one line: any line break left inside it becomes a space."""
    if _LINE_BREAK.search(text) is None:
        return text
    return _LINE_BREAK.sub(" ", text).strip()


# --- html ---------------------------------------------------------------------------------------

_DIV_CLASSES = frozenset({"csl-bib-body", "csl-entry", "csl-left-margin", "csl-right-inline",
                          "csl-indent", "csl-block"})
_SPAN_CLASSES = frozenset({"nocase", "nodecor"})
_STYLE = re.compile(r"^(?:\s*(?:font-style|font-variant|font-weight|text-decoration|vertical-align)"
                    r"\s*:\s*[a-z-]+\s*;?)+\s*$|^baseline$")
_BARE_TAGS = frozenset({"i", "em", "b", "strong", "u", "sup", "sub"})
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*(/?)>')
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"<>]*)"')
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));")
_SPECIAL = re.compile(r"[<>&]")


def _allowed_start(name: str, attributes: str) -> bool:
    attrs = _ATTRIBUTE.findall(attributes)
    if name in _BARE_TAGS:
        return not attrs
    if name == "div":
        return all(key == "class" and value in _DIV_CLASSES for key, value in attrs)
    if name == "span":
        return bool(attrs) and all((key == "class" and value in _SPAN_CLASSES) or
                                   (key == "style" and _STYLE.match(value)) for key, value in attrs)
    if name == "a":
        return len(attrs) == 1 and attrs[0][0] == "href" and safe_href(attrs[0][1]) == attrs[0][1]
    return False


def _valid_entity(match: re.Match[str]) -> bool:
    number = match.group(1) or match.group(2)
    if number is None:
        return True
    code = int(number, 10 if match.group(1) else 16)
    # The characters XML 1.0 allows (so the document stays well-formed), no C1 controls.
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or
            0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF)


def inert_html(markup: str) -> str:
    """The engine's HTML with anything outside its own vocabulary escaped, and every tag closed.

    Returned unchanged when it holds only the engine's tags (as it always should);
    otherwise a stray ``<``, ``>`` or ``&`` is escaped, an unknown tag, attribute or link
    scheme is escaped as text, and unbalanced tags are escaped or closed.
    """
    out: list[str] = []
    stack: list[str] = []
    changed = False
    position = 0
    while True:
        match = _SPECIAL.search(markup, position)
        if match is None:
            out.append(markup[position:])
            break
        start = match.start()
        out.append(markup[position:start])
        if markup[start] == ">":  # the engine escapes it; a bare one could close "]]>" in XML
            out.append("&#62;")
            position = start + 1
            changed = True
            continue
        if markup[start] == "&":
            entity = _ENTITY.match(markup, start)
            if entity is not None and _valid_entity(entity):
                out.append(entity.group(0))
                position = entity.end()
            else:
                out.append("&#38;")
                position = start + 1
                changed = True
            continue
        tag = _TAG.match(markup, start)
        accepted = False
        if tag is not None:
            closing, name, attributes, self_closing = tag.groups()
            if closing:
                if not attributes and not self_closing and stack and stack[-1] == name:
                    stack.pop()
                    accepted = True
            elif not self_closing and _allowed_start(name, attributes):
                stack.append(name)
                accepted = True
        if accepted:
            out.append(tag.group(0))
            position = tag.end()
        else:
            out.append("&#60;")
            position = start + 1
            changed = True
    if stack:
        out.extend(f"</{name}>" for name in reversed(stack))
        changed = True
    return "".join(out) if changed else markup


def safe_href(url: str) -> str | None:
    """``url`` if it may become a link (http, https; ``doi:`` as https://doi.org/), else None."""
    from .markup import safe_href as _safe_href

    return _safe_href(url)


# --- markdown -----------------------------------------------------------------------------------

# Markdown: ASCII punctuation that can start or end markup anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~!{}])")
# At the start of a line: headings, block quotes, list markers, thematic breaks.
_MD_LINE_START = re.compile(r"^(\s*)(#|>|[-+=]|\d{1,9}(?=[.)]))")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown syntax in data so that it prints literally."""
    return _MD_INLINE.sub(r"\\\1", text)


def _md_wrap(text: str, styles: frozenset[str]) -> str:
    from .markup import BOLD, ITALIC, SUBSCRIPT, SUPERSCRIPT, UNDERLINE

    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    if SUPERSCRIPT in styles:
        core = f"<sup>{core}</sup>"
    if SUBSCRIPT in styles:
        core = f"<sub>{core}</sub>"
    if BOLD in styles:
        core = f"**{core}**"
    if ITALIC in styles:
        core = f"*{core}*"
    if UNDERLINE in styles and not (styles & {ITALIC, BOLD}):
        core = f"<u>{core}</u>"
    return lead + core + trail


def _escape_block_start(text: str) -> str:
    """Escape a heading, quote, list or rule marker at the start (but not an ordered-list number)."""
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2)
                              if not m.group(2)[0].isdigit() else m.group(0), text)


def _escape_line_start(text: str) -> str:
    return re.sub(r"^(\s*\d{1,9})([.)])", r"\1\\\2", _escape_block_start(text))


def markdown(markup: str) -> str:
    """One entry or citation as a line of Markdown (emphasis as ``*…*``, data escaped).

    Block syntax is escaped where the content starts: at the start of the line, or
    right after the list number of a numbered style (``1. # x`` would be a heading
    inside a list item).
    """
    from .markup import runs

    out: list[str] = []
    at_start = True
    for run in runs(markup):
        if run.role == "margin":
            # The list number ("1.", "[1]"): kept a Markdown list number, its data escaped.
            out.append(_escape_block_start(escape_markdown(one_line(run.text).strip())) + " ")
            continue
        text = escape_markdown(one_line(run.text))
        if at_start:
            text = _escape_line_start(text)
            at_start = not text.strip()
        out.append(_md_wrap(text, run.styles))
    return "".join(out).strip()


def plain_runs(markup: str) -> list[Run]:
    """The runs of an entry, for renderers that style text themselves (the terminal)."""
    from .markup import runs

    return runs(markup)
