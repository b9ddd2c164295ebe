"""citefmt's engine: citeproc-py with citefmt's fixes, behind the :class:`~citefmt.engine.Processor` interface.

A :class:`CitefmtProcessor` holds one style loaded with the fixed element classes
(:mod:`citefmt.engine.fixes`), in the style's locale or a forced one, and, with
per-item language on, the same style once more per locale its items ask for. Each
entry or citation is rendered once, into a marked string, which is finished (quotes,
punctuation, flip-flop) and written out as text and as HTML.
"""

from __future__ import annotations

import warnings
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography
from citeproc.source import Locator

from ..bulk import no_cycle_collection
from ..progress import Progress, ticker
from . import CiteItem, Cluster, EngineOutput, Entry
from .fixes import formatter
from .fixes.disambiguation import Disambiguator
from .fixes.finish import finish
from .fixes.groups import compile_renderers
from .fixes.source import Cite, Source, uncited
from .fixes.style import LoadedStyle, StyleError  # noqa: F401  (StyleError: part of this API)
from .fixes.typography import smart_quotes
from .richtext import MARKS, parse_data, to_html, to_text

_LEFT, _RIGHT = MARKS["left-margin"], MARKS["right-inline"]

#: What is trimmed from a citation's ends: ASCII white space, not the no-break space a style
#: may open one with (american-physics-society's "&#160;[1]", kept by citeproc-js).
_SPACES = " \t\n\r\f\v"

#: The representations an entry can be written in (``outputs=``): both unless asked otherwise.
BOTH = frozenset({"text", "html"})


class CitefmtProcessor:
    """A style and locale loaded once; renders bibliographies and citation clusters."""

    def __init__(self, style_xml: bytes, *, name: str | None = None, locale: str | None = None,
                 per_item_language: bool = False):
        self.xml = style_xml
        self.name = name
        self.forced_locale = locale
        self.per_item_language = per_item_language
        self.style = LoadedStyle(style_xml, name=name, locale=locale)
        self._by_locale: dict[str, LoadedStyle] = {self.style.locale: self.style}

    @property
    def has_bibliography(self) -> bool:
        return self.style.has_bibliography()

    def _style_for(self, language: str | None) -> LoadedStyle:
        """The style in the locale of an item's ``language`` (per-item language), or the main one."""
        if not self.per_item_language:
            return self.style
        from ..locales import locale_for_language

        tag = locale_for_language(str(language or "")) or self.style.locale
        if tag not in self._by_locale:
            self._by_locale[tag] = LoadedStyle(self.xml, name=self.name, locale=tag)
        return self._by_locale[tag]

    @classmethod
    def from_path(cls, path, **options: Any) -> "CitefmtProcessor":
        from pathlib import Path

        path = Path(path)
        return cls(path.read_bytes(), name=path.name, **options)

    def document(self, items: list[dict[str, Any]], *, jobs: int = 1, release_items: bool = False,
                 progress: Progress | None = None) -> "Document":
        """A new document over ``items``: cite clusters into it, then render (on ``jobs`` processes).

        ``release_items``: ``items`` is emptied as the engine takes each item in (for a
        caller that needs them no more: a large input is then not held twice).
        ``progress``: told how far each phase has got (:mod:`citefmt.progress`).
        """
        document = Document(self, items, release_items=release_items, progress=progress)
        document.jobs = jobs
        return document

    # --- the Processor interface ----------------------------------------------------------------

    def bibliography(self, items: list[dict[str, Any]], *, strip_margin: bool = False,
                     progress: Progress | None = None, jobs: int = 1, release_items: bool = False,
                     outputs: frozenset[str] = BOTH) -> EngineOutput:
        """Entries for ``items`` (all registered, in input order), in the style's order.

        ``jobs`` > 1 renders long lists on that many processes; the output is the same.
        ``release_items``, ``progress``: as for :meth:`document`. ``outputs``: see
        :meth:`Document.entries`.
        """
        document = self.document(items, jobs=jobs, release_items=release_items, progress=progress)
        document.register_uncited()
        entries = document.entries(strip_margin=strip_margin, outputs=outputs, close=True)
        return EngineOutput(entries=entries)

    def citations(self, items: list[dict[str, Any]], clusters: list[list[CiteItem]]) -> EngineOutput:
        """The clusters in document order; every item not cited is registered as uncited context."""
        document = self.document(items)
        citations = [document.cite(cluster) for cluster in clusters]
        document.register_uncited()
        output = EngineOutput()
        for cluster, (text, html) in zip(clusters, document.render_citations(citations)):
            output.clusters.append(Cluster([c.id for c in cluster], text, html))
        return output


class Document:
    """Items, the citations made of them in document order, and their rendering."""

    def __init__(self, processor: CitefmtProcessor, items: list[dict[str, Any]], *, release_items: bool = False,
                 progress: Progress | None = None):
        self.processor = processor
        self.style = processor.style
        self.progress = progress
        self.source = Source(items, release=release_items, tick=ticker(progress, "references", len(items)))
        self.bibliography = CitationStylesBibliography(self.style, self.source, formatter)
        self._sorted = False
        self._registered: set[str] = set()
        self.jobs = 1

    def close(self) -> None:
        """Let go of the references and cites now (they refer to each other in cycles, which
        Python's collector would free only at its next full collection: after the output of a
        long list is written, at the peak of its memory)."""
        bibliography = self.bibliography
        for cite in bibliography.items:
            dict.clear(cite)  # its citation and rendering state
            cite.__dict__.clear()  # its reference
        bibliography.items.clear()
        bibliography.keys.clear()
        self.source.clear()
        self._registered.clear()

    def _register(self, citation: Citation) -> None:
        """citeproc-py's registration, with a set instead of a search through a list."""
        citation.bibliography = self.bibliography
        for item in citation.cites:
            if item.key in self.source and item.key not in self._registered:
                self._registered.add(item.key)
                self.bibliography.keys.append(item.key)
                self.bibliography.items.append(item)

    def cite(self, cluster: list[CiteItem]) -> Citation:
        """Register one citation cluster (in document order) and return it."""
        citation = Citation([self._cite_item(cite) for cite in cluster])
        self._register(citation)
        self._sorted = False
        return citation

    def register_uncited(self, ids: list[str] | None = None) -> None:
        """Register the items not cited so far (all, or ``ids``), as uncited context."""
        registered, bibliography = self._registered, self.bibliography
        with no_cycle_collection():  # the cites are kept
            for item_id in (ids if ids is not None else list(self.source.keys)):
                key = self.source.keys.get(item_id)
                if key is not None and key not in registered:
                    registered.add(key)  # as _register() does, for a cite of a known key
                    bibliography.keys.append(key)
                    bibliography.items.append(uncited(key, bibliography))
        self._sorted = False

    def _sort(self) -> None:
        """Sort the registry (when the style sorts its bibliography), then disambiguate it."""
        if self._sorted:
            return
        if self.jobs > 1:
            compile_renderers(self.style.root)
        disambiguator = Disambiguator(self.style, self.bibliography)
        self.bibliography.sort_people = ()
        if self.style.has_bibliography():
            self.bibliography.jobs = self.jobs
            # For the sort of the whole list only:
            self.bibliography.progress = self.progress
            self.bibliography.collect_sort_names = disambiguator.sort_names_wanted()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    self.bibliography.sort()
            finally:
                self.bibliography.progress = None
                self.bibliography.collect_sort_names = None
        self.bibliography.disamb_states = {}
        disambiguator.jobs = self.jobs
        disambiguator.progress = self.progress
        self.bibliography.disamb_states = disambiguator.run(list(self.bibliography.keys))
        self._sorted = True

    def registered_ids(self) -> list[str]:
        """Item ids in the registry's order (the bibliography's sort, or first citation)."""
        self._sort()
        return [self.source.ids[key] for key in self.bibliography.keys]

    def render_citations(self, citations: list[Citation], *, continued: bool = False) -> list[tuple[str, str]]:
        """Each citation as (text, html), rendered in document order.

        ``continued``: the citations follow those rendered before (positions such as ibid
        carry over) instead of starting a new document.
        """
        self._sort()
        root = self.style.root
        quotes = root.quotes()
        if not continued:
            self.bibliography._cites = []
        out = []
        for citation in citations:
            marked = self.bibliography.cite(citation, lambda cite: None)
            marked = finish(str(marked or ""), root)
            out.append((to_text(marked, quotes).strip(_SPACES), to_html(marked, quotes).strip(_SPACES)))
        return out

    def entries(self, *, strip_margin: bool = False, block_html: bool = False, outputs: frozenset[str] = BOTH,
                close: bool = False) -> list[Entry]:
        """The bibliography entries, in the style's order (on ``jobs`` processes, same output).

        ``outputs``: the representations to write each entry in, ``"text"`` and/or
        ``"html"``; one left out is None (a caller printing text has no use for the HTML
        of 100,000 entries). ``block_html``: also give each entry's HTML with
        citeproc-js's block layout. ``close``: :meth:`close` the document once it is
        needed no more (on several processes: as soon as the workers that render it have
        started, before their entries come in).
        """
        outputs = frozenset(outputs)
        if not outputs or not outputs <= BOTH:
            raise ValueError(f"outputs must be 'text' and/or 'html', not {sorted(outputs)}")
        from .parallel import map_slices

        self._sort()
        cites = self.bibliography.items
        total = len(cites)
        styles = [self.processor._style_for(self.source[cite.key].get("language")) for cite in cites]
        render_entry = {}  # LoadedStyle -> its bibliography layout's render_entry
        for style in styles:
            if style not in render_entry:
                style.root.formatter = formatter
                render_entry[style] = style.root.bibliography.layout.render_entry
        # An entry depends on the one before it only through subsequent-author-substitute.
        chained = self.style.root.bibliography is not None and \
            self.style.root.bibliography.get("subsequent-author-substitute") is not None

        def task(start: int, end: int) -> list[Entry]:
            self.bibliography.previous_names = None
            out = []
            for index in range(start - 1 if chained and start > 0 else start, end):
                cite, style = cites[index], styles[index]
                marked = render_entry[style](cite, self.bibliography)
                if marked is not None and index >= start:
                    out.append(_entry(self.source.ids[cite.key], marked, style, strip_margin, block_html, outputs))
            return out

        done = ticker(self.progress, "render", total)
        entries = map_slices(task, total, self.jobs, done, started=self.close if close else None)
        if close:
            self.close()
        return entries

    def _cite_item(self, cite: CiteItem) -> CitationItem:
        options: dict[str, Any] = {}
        locator = (cite.locator or "").strip()  # " 666" prints as 666, as in citeproc-js
        if locator:
            options["locator"] = Locator(cite.label or "page", locator)
        if cite.prefix:
            options["prefix"] = smart_quotes(parse_data(cite.prefix), "affix")
        if cite.suffix:
            options["suffix"] = smart_quotes(parse_data(cite.suffix), "affix")
        key = self.source.keys.get(cite.id)
        if key is None:
            raise KeyError(cite.id)
        item = Cite(key, **options)
        dict.__setitem__(item, "suppress_author", cite.suppress_author)
        dict.__setitem__(item, "author_only", cite.author_only)
        return item


def _entry(item_id: str, marked: str, style: LoadedStyle, strip_margin: bool, block_html: bool = False,
           outputs: frozenset[str] = BOTH) -> Entry:
    """One rendered entry, finished and written out as text and/or HTML (``outputs``)."""
    marked = finish(marked, style.root)
    quotes = style.root.quotes()
    want_text, want_html = "text" in outputs, "html" in outputs
    text = html = margin_text = parts = None
    if _LEFT.open in marked:
        head, _, rest = marked.partition(_LEFT.close)
        margin = head.replace(_LEFT.open, "")
        body = rest.replace(_RIGHT.open, "").replace(_RIGHT.close, "")
        margin_text = to_text(margin, quotes).strip()
        if want_html:
            parts = (to_html(margin, quotes), to_html(body, quotes))
        if strip_margin:
            if want_text:
                text = to_text(body, quotes).strip()
            if want_html:
                html = f'<div class="csl-entry">{parts[1]}</div>'
        else:
            if want_text:
                text = f"{margin_text} {to_text(body, quotes).strip()}"
            if want_html:
                html = (f'<div class="csl-entry"><div class="csl-left-margin">{parts[0].strip()}'
                        f'</div><div class="csl-right-inline">{parts[1]}</div></div>')
    else:
        if want_text:
            text = to_text(marked, quotes).strip()
        if want_html:
            html = f'<div class="csl-entry">{to_html(marked, quotes)}</div>'
    return Entry(item_id, text, html, margin_text, parts, to_html(marked, quotes, blocks=True) if block_html else None)
