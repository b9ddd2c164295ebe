"""Plain citeproc-py as a :class:`~citefmt.engine.Processor` (the baseline citefmt improves on).

Used for comparisons (benchmarks, conformance baselines). Its known defects are
the ones :mod:`citefmt.engine` exists to fix; this adapter only reshapes its output
to citefmt's result types and puts one space after a left-margin number.
"""

from __future__ import annotations

import copy
import html
import re
import warnings
from pathlib import Path
from typing import Any

from . import Cluster, CiteItem, EngineOutput, Entry

_TAG = re.compile(r"<[^>]+>")
_MARGIN = re.compile(r"^(\[?\d+[.\])]?)(?=\S)")


class CiteprocPyProcessor:
    """Render with citeproc-py as it is."""

    def __init__(self, style_path: Path, locale: str | None = None):
        from citeproc import CitationStylesStyle

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.style = CitationStylesStyle(str(style_path), locale=locale, validate=False)
        bibliography = self.style.root.bibliography
        self.second_field_align = (bibliography is not None and
                                   bibliography.get("second-field-align") is not None)

    def _source(self, items: list[dict[str, Any]]):
        from citeproc.source.json import CiteProcJSON

        cleaned = []
        for item in items:
            item = copy.deepcopy(item)
            for key, value in list(item.items()):
                if isinstance(value, str) and key in ("issued", "accessed", "submitted", "event-date",
                                                      "original-date", "available-date"):
                    item[key] = {"raw": value}
            cleaned.append(item)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return CiteProcJSON(cleaned)

    def bibliography(self, items: list[dict[str, Any]]) -> EngineOutput:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter

        source = self._source(items)
        output = EngineOutput()
        keys = {item["id"].lower(): item["id"] for item in items}
        rendered = {}
        for fmt in (formatter.plain, formatter.html):
            bibliography = CitationStylesBibliography(self.style, source, fmt)
            for item in items:
                bibliography.register(Citation([CitationItem(item["id"])]))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                bibliography.sort()
                rendered[fmt] = (list(bibliography.keys), [str(e) for e in bibliography.bibliography()])
        ids, texts = rendered[formatter.plain]
        _, htmls = rendered[formatter.html]
        for key, text, markup in zip(ids, texts, htmls):
            margin = None
            if self.second_field_align:
                match = _MARGIN.match(text)
                if match:
                    margin = match.group(1)
                    text = margin + " " + text[match.end():]
                    markup = (f'<div class="csl-left-margin">{margin} </div>'
                              f'<div class="csl-right-inline">{markup[len(margin):]}</div>')
            output.entries.append(Entry(keys[key], html.unescape(_TAG.sub("", text)),
                                        f'<div class="csl-entry">{markup}</div>', margin))
        return output

    def citations(self, items: list[dict[str, Any]], clusters: list[list[CiteItem]]) -> EngineOutput:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter

        source = self._source(items)
        output = EngineOutput()
        results = {}
        for fmt in (formatter.plain, formatter.html):
            bibliography = CitationStylesBibliography(self.style, source, fmt)
            citations = []
            for cluster in clusters:
                cites = []
                for cite in cluster:
                    options = {k: v for k, v in cite.as_csl().items() if k in ("prefix", "suffix")}
                    cites.append(CitationItem(cite.id, **options))
                citation = Citation(cites)
                bibliography.register(citation)
                citations.append(citation)
            for item in items:
                bibliography.register(Citation([CitationItem(item["id"])]))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                results[fmt] = [str(bibliography.cite(c, lambda _: None)) for c in citations]
        for cluster, text, markup in zip(clusters, results[formatter.plain], results[formatter.html]):
            output.clusters.append(Cluster([c.id for c in cluster], text, markup))
        return output
