"""The library's entry points: render a bibliography, single references, or in-text citations.

Each function takes a :class:`~citefmt.inputs.Library` and a style name (alias,
official id or .csl path) and returns a :class:`RenderResult`; nothing here
prints. Warnings are data, in ``RenderResult.warnings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from .engine import CiteItem, Entry, Processor
from .errors import UnknownIdError
from .inputs import Library
from .locales import resolve_locale
from .styles import DEFAULT_STYLE, ResolvedStyle, resolve_style


@dataclass
class RenderedEntry:
    """One formatted reference."""

    id: str
    #: Plain text, exactly as printed.
    text: str
    #: The HTML of the entry (``<div class="csl-entry">…</div>``), data escaped.
    html: str


@dataclass
class RenderedCitation:
    """One formatted in-text citation cluster."""

    ids: list[str]
    text: str
    html: str


@dataclass
class RenderResult:
    """What a render produced: entries and/or citations, and any warnings."""

    #: The id of the style rendered with (the independent style).
    style: str
    #: The style's title.
    style_title: str
    #: The locale forced with ``locale=``, or None for the style's default.
    locale: str | None
    entries: list[RenderedEntry] = field(default_factory=list)
    citations: list[RenderedCitation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The result as the JSON output format shapes it."""
        return {
            "style": self.style,
            "entries": [{"id": e.id, "text": e.text, "html": e.html} for e in self.entries],
            "citations": [{"ids": c.ids, "text": c.text, "html": c.html} for c in self.citations],
            "warnings": list(self.warnings),
        }


@lru_cache(maxsize=16)
def _processor(path: Path, locale: str | None) -> Processor:
    from .engine.citeproc_py import CiteprocPyProcessor

    return CiteprocPyProcessor(path, locale)


def _setup(style: str | ResolvedStyle, locale: str | None) -> tuple[ResolvedStyle, str | None, Processor]:
    resolved = style if isinstance(style, ResolvedStyle) else resolve_style(style)
    chosen = resolve_locale(locale) if locale else (
        resolve_locale(resolved.default_locale) if resolved.default_locale else None)
    return resolved, chosen, _processor(resolved.path, chosen)


def _result(resolved: ResolvedStyle, locale: str | None) -> RenderResult:
    return RenderResult(style=resolved.id, style_title=resolved.title, locale=locale)


def render_bibliography(library: Library, style: str | ResolvedStyle = DEFAULT_STYLE, *,
                        locale: str | None = None) -> RenderResult:
    """The reference list of ``library``: every reference, numbered and sorted as the style says."""
    resolved, chosen, processor = _setup(style, locale)
    result = _result(resolved, chosen)
    output = processor.bibliography(library.references)
    result.entries = [RenderedEntry(e.id, e.text, e.html) for e in output.entries]
    result.warnings.extend(output.warnings)
    return result


_MARGIN_HTML = re.compile(r'^<div class="csl-entry"><div class="csl-left-margin">.*?</div>'
                          r'<div class="csl-right-inline">(.*)</div></div>$', re.S)


def _without_margin(entry: Entry) -> RenderedEntry:
    """The entry as a standalone reference: no list number in front of it."""
    if entry.margin is None:
        return RenderedEntry(entry.id, entry.text, entry.html)
    text = entry.text[len(entry.margin):].lstrip()
    match = _MARGIN_HTML.match(entry.html)
    markup = f'<div class="csl-entry">{match.group(1)}</div>' if match else entry.html
    return RenderedEntry(entry.id, text, markup)


def render_article(library: Library, style: str | ResolvedStyle = DEFAULT_STYLE, *,
                   ids: Sequence[str] = (), locale: str | None = None) -> RenderResult:
    """The article's own reference (its "For citation" line), or the references ``ids``.

    Each item is formatted on its own, as a standalone reference: no list
    number, no year suffix from its neighbours.
    """
    if ids:
        items = [library.get(item_id) for item_id in ids]
    elif library.article is not None:
        items = [library.article]
    else:
        raise UnknownIdError(f"{library.name} has no `article:`, so there is no article to cite",
                             hint="pass --id ID to format references, or use `citefmt refs`")
    resolved, chosen, processor = _setup(style, locale)
    result = _result(resolved, chosen)
    for item in items:
        output = processor.bibliography([item])
        result.entries.extend(_without_margin(e) for e in output.entries)
        result.warnings.extend(output.warnings)
    return result


def parse_cluster(spec: str | Iterable[str | CiteItem]) -> list[CiteItem]:
    """A cluster from ``"a,b"`` or a list of ids/:class:`CiteItem`; ids are stripped, empties dropped."""
    parts: Iterable[str | CiteItem] = spec.split(",") if isinstance(spec, str) else spec
    cluster = []
    for part in parts:
        if isinstance(part, CiteItem):
            cluster.append(part)
        elif part.strip():
            cluster.append(CiteItem(part.strip()))
    return cluster


def render_citations(library: Library, clusters: Sequence[str | Iterable[str | CiteItem]],
                     style: str | ResolvedStyle = DEFAULT_STYLE, *,
                     locale: str | None = None) -> RenderResult:
    """In-text citations: each cluster in order, as in a document, with every other item uncited."""
    parsed = [parse_cluster(c) for c in clusters]
    for cluster in parsed:
        if not cluster:
            raise UnknownIdError("an in-text citation names no ids", hint="e.g. --in-text rabbat2005,thol2015")
        for cite in cluster:
            library.get(cite.id)
    resolved, chosen, processor = _setup(style, locale)
    result = _result(resolved, chosen)
    items = library.references + ([library.article] if library.article else [])
    output = processor.citations(items, parsed)
    result.citations = [RenderedCitation(c.ids, c.text, c.html) for c in output.clusters]
    result.warnings.extend(output.warnings)
    return result
