"""Output formats: a :class:`~citefmt.render.RenderResult` written as text, HTML, Markdown or JSON.

Every writer returns the whole document as one string (so a file can be written
atomically). Entries and citations come one per line.
"""

from __future__ import annotations

import json
import re
from enum import Enum

from ..render import RenderResult
from .markup import BOLD, ITALIC, SUBSCRIPT, SUPERSCRIPT, UNDERLINE, Run, runs


class OutputFormat(str, Enum):
    """The formats ``-f/--format`` accepts."""

    text = "text"
    html = "html"
    markdown = "markdown"
    json = "json"


def write(result: RenderResult, fmt: OutputFormat | str, *, bibliography: bool = False) -> str:
    """The result in ``fmt``. ``bibliography`` wraps HTML entries in a ``csl-bib-body`` div."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.json:
        return json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt is OutputFormat.text:
        lines = [e.text for e in result.entries] + [c.text for c in result.citations]
    elif fmt is OutputFormat.html:
        lines = [c.html for c in result.citations]
        if result.entries:
            entries = [e.html for e in result.entries]
            lines = (['<div class="csl-bib-body">'] + ["  " + e for e in entries] + ["</div>"]
                     if bibliography else entries) + lines
    else:
        lines = [markdown(e.html) for e in result.entries] + [markdown(c.html) for c in result.citations]
        # A blank line keeps Markdown from running the entries into one paragraph.
        return "\n\n".join(lines) + "\n" if lines else ""
    return "\n".join(lines) + "\n" if lines else ""


# Markdown: ASCII punctuation that can start or end markup anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~!{}])")
# At the start of a line: headings, block quotes, list markers, thematic breaks.
_MD_LINE_START = re.compile(r"^(\s*)(#|>|[-+=]|\d{1,9}(?=[.)]))")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown syntax in data so that it prints literally."""
    return _MD_INLINE.sub(r"\\\1", text)


def _md_wrap(text: str, styles: frozenset[str]) -> str:
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


def markdown(markup: str) -> str:
    """One entry or citation as a line of Markdown (emphasis as ``*…*``, data escaped)."""
    out: list[str] = []
    for index, run in enumerate(runs(markup)):
        if run.role == "margin":
            out.append(run.text.strip() + " ")
            continue
        text = escape_markdown(run.text)
        if index == 0:
            text = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2)
                                      if not m.group(2)[0].isdigit() else m.group(0), text)
            text = re.sub(r"^(\s*\d{1,9})([.)])", r"\1\\\2", text)
        out.append(_md_wrap(text, run.styles))
    return "".join(out).strip()


def plain_runs(markup: str) -> list[Run]:
    """The runs of an entry, for renderers that style text themselves (the terminal)."""
    return runs(markup)
