"""citefmt's CSL engine layer: everything between a style plus CSL-JSON items and formatted text.

The rest of citefmt talks to an engine through :class:`Processor`: a style and a
locale loaded once, then asked for a bibliography or for citation clusters. Each
result carries the entry both as plain text and as HTML (the markup citeproc-js
produces); the other output formats are derived from the HTML. The engine itself is
citeproc-py with citefmt's fixes (:mod:`citefmt.engine.processor`,
:mod:`citefmt.engine.fixes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(slots=True)  # a long list holds 100,000 of them
class Entry:
    """One bibliography entry."""

    id: str
    #: Plain text; None when the entry was rendered without it (``outputs=``).
    text: str | None
    #: The HTML (``<div class="csl-entry">…</div>``); None when rendered without it.
    html: str | None
    #: The text of the left-margin field (``1.``), when the style aligns one.
    margin: str | None = None
    #: With a left-margin field: its HTML as rendered (``1. ``) and the HTML of the rest.
    parts: tuple[str, str] | None = None
    #: The entry's content with display blocks on lines of their own, as citeproc-js writes it
    #: (only when asked for: ``Document.entries(block_html=True)``).
    block_html: str | None = None


@dataclass
class Cluster:
    """One rendered in-text citation cluster."""

    ids: list[str]
    text: str
    html: str


@dataclass
class CiteItem:
    """One item of a citation cluster, with its CSL citation-item options."""

    id: str
    locator: str | None = None
    label: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    suppress_author: bool = False
    author_only: bool = False

    def as_csl(self) -> dict[str, Any]:
        """The item as a CSL citation-item mapping."""
        data: dict[str, Any] = {"id": self.id}
        for key in ("locator", "label", "prefix", "suffix"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.suppress_author:
            data["suppress-author"] = True
        if self.author_only:
            data["author-only"] = True
        return data


@dataclass
class EngineOutput:
    """What one engine call produced, with any warnings."""

    entries: list[Entry] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Processor(Protocol):
    """A loaded style and locale that renders CSL-JSON items."""

    def bibliography(self, items: list[dict[str, Any]]) -> EngineOutput:
        """Entries for ``items`` (all registered, in input order), in the style's order."""

    def citations(self, items: list[dict[str, Any]], clusters: list[list[CiteItem]]) -> EngineOutput:
        """The clusters, processed in order as in a document; ``items`` are all known items."""
