"""citefmt's own corpora (tests/corpus): output compared with citeproc-js, line for line, with a ratchet.

124 references and 62 citation clusters rendered in Vancouver (NLM), APA 7 and GOST
R 7.0.5-2008 (in the style's locale and per-item language), in text and HTML, against
golden files made with citeproc-js (see tests/corpus/README.md); and 500 references made
by ``benchmarks/generate.py`` (``tests/corpus/generated``, stems ``generated/…``), each
cited alone and in clusters of three, in the three styles, where names and years alike
put disambiguation, sorting and initials to work on a scale the hand-made corpus does not.

``tests/corpus/known-differences.txt`` lists the lines that still differ. The test
fails when an unlisted line differs (a regression) and when a listed line has become
identical (progress to record: remove it from the list, or run
``python tests/test_corpus.py --write`` to rewrite the list).
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from citefmt.engine import CiteItem
from citefmt.engine.processor import CitefmtProcessor
from citefmt.styles import resolve_style

CORPUS = Path(__file__).resolve().parent / "corpus"
KNOWN = CORPUS / "known-differences.txt"
STYLES = ["nlm-citation-sequence", "apa", "gost-r-7-0-5-2008-numeric"]

#: golden file stem -> (style id, per-item language, "bib" or "cite"); a stem "generated/…"
#: is of the generated corpus (its files under tests/corpus/generated).
CASES = {f"{s}.bib": (s, False, "bib") for s in STYLES}
CASES["gost-per-item-language.bib"] = ("gost-r-7-0-5-2008-numeric", True, "bib")
CASES.update({f"{s}.cite": (s, False, "cite") for s in STYLES})
CASES.update({f"generated/{s}.{kind}": (s, False, kind) for kind in ("bib", "cite") for s in STYLES})


def _folder(stem: str) -> Path:
    return CORPUS / "generated" if stem.startswith("generated/") else CORPUS


@lru_cache(maxsize=None)
def _items(folder: Path):
    return json.loads((folder / "references.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _clusters(folder: Path):
    raw = json.loads((folder / "citations.json").read_text(encoding="utf-8"))
    return [[CiteItem(c["id"], c.get("locator"), c.get("label"), c.get("prefix"), c.get("suffix"),
                      bool(c.get("suppress-author")), bool(c.get("author-only"))) for c in cluster]
            for cluster in raw]


@lru_cache(maxsize=None)
def _rendered(stem: str) -> dict[str, list[str]]:
    style_id, per_item, kind = CASES[stem]
    folder = _folder(stem)
    processor = CitefmtProcessor.from_path(resolve_style(style_id).path, per_item_language=per_item)
    if kind == "bib":
        records = processor.bibliography(_items(folder)).entries
    else:
        records = processor.citations(_items(folder), _clusters(folder)).clusters
    return {"txt": [r.text for r in records], "html": [r.html for r in records]}


def _expected(name: str) -> list[str]:
    stem = name.rsplit(".", 1)[0]
    return (_folder(stem) / "expected" / name.removeprefix("generated/")).read_text(encoding="utf-8").splitlines()


def differing_lines(stem: str, fmt: str) -> set[str]:
    """``STEM.FMT:LINE`` for every line of the golden file citefmt does not reproduce."""
    got, expected = _rendered(stem)[fmt], _expected(f"{stem}.{fmt}")
    keys = {f"{stem}.{fmt}:{n + 1}" for n, (a, b) in enumerate(zip(got, expected)) if a != b}
    keys |= {f"{stem}.{fmt}:{n + 1}" for n in range(min(len(got), len(expected)), max(len(got), len(expected)))}
    return keys


def known_differences() -> set[str]:
    if not KNOWN.is_file():
        return set()
    return {line.split("#", 1)[0].strip() for line in KNOWN.read_text(encoding="utf-8").splitlines()
            if line.split("#", 1)[0].strip()}


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("stem", list(CASES))
def test_corpus_matches_citeproc_js_but_for_the_known_differences(stem, fmt):
    differing = differing_lines(stem, fmt)
    known = {k for k in known_differences() if k.startswith(f"{stem}.{fmt}:")}
    got, expected = _rendered(stem)[fmt], _expected(f"{stem}.{fmt}")
    assert len(got) == len(expected)
    new = sorted(differing - known, key=lambda k: int(k.rsplit(":", 1)[1]))
    fixed = sorted(known - differing, key=lambda k: int(k.rsplit(":", 1)[1]))
    details = []
    for key in new[:10]:
        n = int(key.rsplit(":", 1)[1]) - 1
        details.append(f"{key} differs:\n  got      {got[n]}\n  expected {expected[n]}")
    assert not new, "lines that now differ from citeproc-js:\n" + "\n".join(details)
    assert not fixed, ("lines now identical to citeproc-js: remove them from tests/corpus/known-differences.txt: "
                       + ", ".join(fixed))


def write_known_differences() -> None:
    keys = set()
    for stem in CASES:
        for fmt in ("txt", "html"):
            keys |= differing_lines(stem, fmt)
    header = ("# Lines of tests/corpus/expected/* that citefmt does not yet reproduce (a ratchet:\n"
              "# tests/test_corpus.py). Rewrite with: python tests/test_corpus.py --write\n")
    ordered = sorted(keys, key=lambda k: (k.rsplit(":", 1)[0], int(k.rsplit(":", 1)[1])))
    KNOWN.write_text(header + "".join(k + "\n" for k in ordered), encoding="utf-8")
    print(f"{len(ordered)} differing lines written to {KNOWN}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write_known_differences()
    else:
        for stem in CASES:
            for fmt in ("txt", "html"):
                total = len(_expected(f"{stem}.{fmt}"))
                print(f"{stem}.{fmt}: {total - len(differing_lines(stem, fmt))}/{total} identical")
