"""Helpers for the engine tests: tiny inline CSL styles and one-call rendering.

Every expected string in ``tests/engine/`` was printed by citeproc-js (the reference CSL
processor) for the same style and data; the tests never run it themselves.
"""

from __future__ import annotations

from typing import Any, Sequence

from citefmt.engine import CiteItem, Cluster, Entry
from citefmt.engine.processor import CitefmtProcessor
from citefmt.styles import resolve_style

CSL_NS = "http://purl.org/net/xbiblio/csl"


def style(bibliography: str = "", citation: str = '<layout><text variable="title"/></layout>', *,
          locale: str = "en-US", attrs: str = "", citation_attrs: str = "",
          bibliography_attrs: str = "", before: str = "", cls: str = "in-text") -> bytes:
    """A minimal CSL 1.0 style: ``citation`` and ``bibliography`` are the areas' contents.

    ``before`` goes between ``<info>`` and ``<citation>`` (macros, ``<locale>``).
    """
    bib = f"<bibliography {bibliography_attrs}>{bibliography}</bibliography>" if bibliography else ""
    return (f'<style xmlns="{CSL_NS}" class="{cls}" version="1.0" default-locale="{locale}" {attrs}>'
            "<info><id>t</id><title>T</title><updated>2020-01-01T00:00:00+00:00</updated></info>"
            f"{before}<citation {citation_attrs}>{citation}</citation>{bib}</style>").encode()


def processor(style_or_id: bytes | str, **options: Any) -> CitefmtProcessor:
    """A processor for inline XML (bytes) or a bundled style id (``"apa"``)."""
    if isinstance(style_or_id, bytes):
        return CitefmtProcessor(style_or_id, **options)
    return CitefmtProcessor.from_path(resolve_style(style_or_id).path, **options)


def entries(style_or_id: bytes | str, items: list[dict[str, Any]], **options: Any) -> list[Entry]:
    """The bibliography entries of ``items``."""
    return processor(style_or_id, **options).bibliography(items).entries


def texts(style_or_id: bytes | str, items: list[dict[str, Any]], **options: Any) -> list[str]:
    """The bibliography entries of ``items`` as plain text."""
    return [entry.text for entry in entries(style_or_id, items, **options)]


def htmls(style_or_id: bytes | str, items: list[dict[str, Any]], **options: Any) -> list[str]:
    """The bibliography entries of ``items`` as HTML."""
    return [entry.html for entry in entries(style_or_id, items, **options)]


def clusters(style_or_id: bytes | str, items: list[dict[str, Any]],
             cites: Sequence[Sequence[CiteItem | str]], **options: Any) -> list[Cluster]:
    """The citation clusters ``cites`` (ids or CiteItems), processed in document order."""
    wanted = [[c if isinstance(c, CiteItem) else CiteItem(c) for c in cluster] for cluster in cites]
    return processor(style_or_id, **options).citations(items, wanted).clusters


def cite_texts(style_or_id: bytes | str, items: list[dict[str, Any]],
               cites: Sequence[Sequence[CiteItem | str]], **options: Any) -> list[str]:
    """The citation clusters as plain text."""
    return [cluster.text for cluster in clusters(style_or_id, items, cites, **options)]


def name(family: str, given: str = "", **parts: Any) -> dict[str, Any]:
    """A CSL-JSON name (``parts`` with ``_`` for ``-``: ``non_dropping_particle="van"``)."""
    data: dict[str, Any] = {"family": family}
    if given:
        data["given"] = given
    data.update({key.replace("_", "-"): value for key, value in parts.items()})
    return data


def book(id: str = "a", **fields: Any) -> dict[str, Any]:
    """A CSL-JSON ``book`` item (fields with ``_`` for ``-``; ``type=`` overrides)."""
    item: dict[str, Any] = {"id": id, "type": "book"}
    item.update({key.replace("_", "-") if key not in ("archive_location",) else key: value
                 for key, value in fields.items()})
    return item


def year(*parts: int | str) -> dict[str, Any]:
    """A CSL-JSON date from its parts: ``year(2020, 5, 17)``."""
    return {"date-parts": [list(parts)]}
