"""The library's entry points: render a bibliography, single references, or in-text citations.

Each function takes a :class:`~citefmt.inputs.Library` and a style name (alias,
official id or .csl path) and returns a :class:`RenderResult`; nothing here
prints. Warnings are data, in ``RenderResult.warnings``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from .engine import CiteItem
from .errors import UnknownIdError
from .inputs import Library
from .locales import resolve_locale
from .styles import DEFAULT_STYLE, ResolvedStyle, resolve_style

if TYPE_CHECKING:  # pragma: no cover
    from .progress import Progress


@dataclass(slots=True)  # a long list holds 100,000 of them
class RenderedEntry:
    """One formatted reference."""

    id: str
    #: Plain text, exactly as printed (None if rendered with ``outputs=("html",)``).
    text: str | None
    #: The HTML of the entry (``<div class="csl-entry">…</div>``), data escaped
    #: (None if rendered with ``outputs=("text",)``).
    html: str | None


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


#: Styles whose entries are printed in the language of each source by default (GOST R 7.0.5).
PER_ITEM_LANGUAGE_STYLES = ("gost-r-7-0-5-2008",)


def uses_per_item_language(style_id: str) -> bool:
    """True if the style prints each entry in its source's language unless told otherwise."""
    return style_id.startswith(PER_ITEM_LANGUAGE_STYLES)


@lru_cache(maxsize=16)
def _processor(path: Path, locale: str | None, per_item_language: bool):
    from .engine.processor import CitefmtProcessor
    from .engine.xml import CslXmlError
    from .errors import StyleNotFoundError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StyleNotFoundError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return CitefmtProcessor(data, locale=locale, per_item_language=per_item_language)
    except (CslXmlError, ValueError) as exc:
        raise StyleNotFoundError(f"{path.name}: not a usable CSL style: {exc}") from None


def _setup(style: str | ResolvedStyle, locale: str | None, per_item_language: bool | None = None):
    resolved = style if isinstance(style, ResolvedStyle) else resolve_style(style)
    chosen = resolve_locale(locale) if locale is not None else (
        resolve_locale(resolved.default_locale) if resolved.default_locale else None)
    if per_item_language is None:
        # A locale the user forces applies to every entry.
        per_item_language = uses_per_item_language(resolved.id) and locale is None
    return resolved, chosen, _processor(resolved.path, chosen, per_item_language)


def _require_bibliography(processor, resolved: ResolvedStyle) -> None:
    from .errors import StyleUnsupportedError

    if not processor.has_bibliography:
        raise StyleUnsupportedError(f"style {resolved.id!r} has no bibliography section",
                                    hint="use `citefmt cite --in-text` for its citations")


def _result(resolved: ResolvedStyle, locale: str | None) -> RenderResult:
    return RenderResult(style=resolved.id, style_title=resolved.title, locale=locale)


def render_bibliography(library: Library, style: str | ResolvedStyle = DEFAULT_STYLE, *,
                        locale: str | None = None, per_item_language: bool | None = None,
                        jobs: int = 1, progress: "Progress | None" = None,
                        release_input: bool = False,
                        outputs: Iterable[str] = ("text", "html")) -> RenderResult:
    """The reference list of ``library``: every reference, numbered and sorted as the style says.

    ``per_item_language`` prints each entry with the terms of its item's ``language``
    (default: on for the GOST styles, off otherwise). ``jobs`` > 1 renders long lists
    on that many processes, with the same output (0: one per CPU).
    ``progress(phase, done, total)`` is told how far each phase has got (sorting,
    disambiguation, rendering: :mod:`citefmt.progress`). ``release_input``:
    the library's references are handed over to the engine and ``library.references``
    is left empty (for a caller done with them: a large input is then not held twice).
    ``outputs``: write each entry as ``"text"``, ``"html"`` or both (the one left out
    is None: a long list printed as text never builds its HTML).
    """
    resolved, chosen, processor = _setup(style, locale, per_item_language)
    _require_bibliography(processor, resolved)
    result = _result(resolved, chosen)
    if jobs == 0:
        from .engine.parallel import available_jobs

        jobs = available_jobs()
    output = processor.bibliography(library.references, progress=progress, jobs=jobs, release_items=release_input,
                                    outputs=frozenset(outputs))
    entries = output.entries
    for index, entry in enumerate(entries):  # in place: a long list is not held twice
        entries[index] = RenderedEntry(entry.id, entry.text, entry.html)
    result.entries = entries
    result.warnings.extend(output.warnings)
    return result


def render_article(library: Library, style: str | ResolvedStyle = DEFAULT_STYLE, *,
                   ids: Sequence[str] = (), locale: str | None = None,
                   per_item_language: bool | None = None) -> RenderResult:
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
    resolved, chosen, processor = _setup(style, locale, per_item_language)
    _require_bibliography(processor, resolved)
    result = _result(resolved, chosen)
    for item in items:
        output = processor.bibliography([item], strip_margin=True)
        result.entries.extend(RenderedEntry(e.id, e.text, e.html) for e in output.entries)
        result.warnings.extend(output.warnings)
    return result


def parse_cluster(spec: str | Iterable[str | CiteItem]) -> list[CiteItem]:
    """A cluster from ``"a,b"`` or a list of ids/:class:`CiteItem`; ids are stripped, empties dropped.

    In the text form, ``-id`` suppresses the author (``(2005)``) and ``+id`` prints the
    author only (``Rabbat et al.``): together they make a narrative citation.
    """
    parts: Iterable[str | CiteItem] = spec.split(",") if isinstance(spec, str) else spec
    cluster = []
    for part in parts:
        if isinstance(part, CiteItem):
            cluster.append(part)
            continue
        text = part.strip()
        if text.startswith("-") and len(text) > 1:
            cluster.append(CiteItem(text[1:].strip(), suppress_author=True))
        elif text.startswith("+") and len(text) > 1:
            cluster.append(CiteItem(text[1:].strip(), author_only=True))
        elif text:
            cluster.append(CiteItem(text))
    return cluster


def render_citations(library: Library, clusters: Sequence[str | Iterable[str | CiteItem]],
                     style: str | ResolvedStyle = DEFAULT_STYLE, *,
                     locale: str | None = None, per_item_language: bool | None = None) -> RenderResult:
    """In-text citations: each cluster in order, as in a document, with every other item uncited."""
    parsed = [parse_cluster(c) for c in clusters]
    for cluster in parsed:
        if not cluster:
            raise UnknownIdError("an in-text citation names no ids", hint="e.g. --in-text rabbat2005,thol2015")
        for cite in cluster:
            library.get(cite.id)
    resolved, chosen, processor = _setup(style, locale, per_item_language)
    result = _result(resolved, chosen)
    items = library.references + ([library.article] if library.article else [])
    output = processor.citations(items, parsed)
    result.citations = [RenderedCitation(c.ids, c.text, c.html) for c in output.clusters]
    result.warnings.extend(output.warnings)
    return result
