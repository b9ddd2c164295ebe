"""Rendering on several processes prints exactly what one process prints (engine/parallel.py)."""

import json
from pathlib import Path

import pytest

from citefmt.engine import parallel
from citefmt.engine.processor import CitefmtProcessor
from citefmt.styles import resolve_style

CORPUS = json.loads((Path(__file__).resolve().parents[1] / "corpus" / "references.json").read_text("utf-8"))


@pytest.mark.parametrize("style_id, per_item", [("apa", False), ("nlm-citation-sequence", False),
                                                 ("gost-r-7-0-5-2008-numeric", True)])
def test_entries_rendered_on_two_processes_are_identical_to_one(monkeypatch, style_id, per_item):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)  # the corpus is shorter than the usual threshold
    processor = CitefmtProcessor.from_path(resolve_style(style_id).path, per_item_language=per_item)
    serial = processor.bibliography(CORPUS, jobs=1).entries
    pooled = processor.bibliography(CORPUS, jobs=2).entries
    assert [(e.id, e.text, e.html) for e in pooled] == [(e.id, e.text, e.html) for e in serial]


def test_subsequent_author_substitute_crosses_slice_boundaries(monkeypatch):
    """An entry's substitute depends on the entry before it, even when another process rendered that one."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    style = (b'<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
             b'<info><id>t</id><title>T</title><updated>2020-01-01T00:00:00+00:00</updated></info>'
             b'<citation><layout><text variable="title"/></layout></citation>'
             b'<bibliography subsequent-author-substitute="---"><layout><group delimiter=". ">'
             b'<names variable="author"><name/></names><text variable="title"/></group></layout>'
             b'</bibliography></style>')
    items = [{"id": f"i{n}", "type": "book", "title": f"T{n}", "author": [{"family": "Same", "given": "A"}]}
             for n in range(9)]
    processor = CitefmtProcessor(style)
    texts = [e.text for e in processor.bibliography(items, jobs=2).entries]
    assert texts == ["A Same. T0"] + [f"---. T{n}" for n in range(1, 9)]


def test_slices_cover_every_position_once():
    assert parallel.split(10, 3) == [(0, 4), (4, 7), (7, 10)]
    assert parallel.split(2, 8) == [(0, 1), (1, 2)]
