"""Run the official CSL test suite against citefmt's engine, the way citeproc-js's runner does.

The suite (``csl-test-suite/humans/*.txt``) is a set of human-readable fixtures: a style, some
CSL-JSON items, what to render (citations or a bibliography) and the output citeproc-js gives.
This module parses them, drives an engine exactly as citeproc-js's test runner
(Juris-M/citeproc-test-runner, ``lib/sys.js``) drives citeproc-js, and compares the result.

Usage::

    python -m citefmt.conformance [DIR] [--engine citefmt|citeproc-py] [--category name]
                                  [--fixture NAME] [--show-diff] [--write-passing FILE] [--jobs N]

How a fixture is executed (the semantics of ``sys.js``):

* Without a ``CITATIONS`` section every ``INPUT`` item is registered, in ``INPUT`` order
  (``update_items``).
* Without ``CITATION-ITEMS`` and ``CITATIONS`` there is one cluster citing every registered item
  in registry (bibliography-sorted) order.
* ``CITATION-ITEMS``: each cluster goes through ``make_citation_cluster``, in order (citefmt's
  adapter lets positions such as ibid carry from one cluster to the next, which is what the
  fixtures expect); the results are joined by newlines.
* ``CITATIONS``: each ``[citation, pre, post]`` is one ``processCitationCluster`` call. The engine
  renders the document ``pre + [citation] + post`` from scratch; a line is marked ``>>`` when it
  is the inserted citation or its text changed in that call, ``..`` otherwise. The output is
  ``"{mark}[{index}] {text}"`` per citation, in document order.
* ``MODE`` bibliography: the citations above are still rendered (as citeproc-js's runner does),
  then the output is ``bibstart + "".join(entries) + bibend`` from ``make_bibliography``.

Two optional engine methods sharpen this (the runner uses them when a processor has them):

* ``registered_ids() -> list[str]``: the registry's order (bibliography-sorted) for the default
  cluster; without it the ``INPUT`` order is used.
* ``process_citation_cluster(citation, pre, post, items) -> [[index, text, citationID], ...]``:
  citeproc-js's ``processCitationCluster``, incremental, returning the citations it updated. Then
  ``>>`` marks exactly what the engine reports, as in citeproc-js, where a citation can be
  returned (tainted) with unchanged text. With ``process_document`` alone five fixtures cannot
  pass (bugreports_EnvAndUrb, bugreports_OldMhraDisambiguationFailure,
  disambiguate_DisambiguationHang, integration_FirstReferenceNoteNumberPositionChange,
  sort_RangeUnaffected): citeproc-js marks an unchanged citation ``>>`` there.

Checked against the reference: citeproc-js 2.4.63 (npm ``citeproc``) behind this runner, with
citeproc-py's locale files, passes 839 of the 845 fixtures through ``process_citation_cluster``
(835 through ``process_document``). The six it fails: bugreports_SortedIeeeItalicsFail,
date_NegativeDateSort, date_NegativeDateSortViaMacroOnYearMonthOnly,
magic_SubsequentAuthorSubstituteNotFooled, position_ResetNoteNumbers (passes from scratch),
textcase_TitleCaseWithVolumeTitle.

Output is HTML; expected and actual text are compared after normalising newlines and stripping
surrounding whitespace. Sections this runner does not implement (``BIBENTRIES``, ``BIBSECTION``,
``ABBREVIATIONS``, ``OPTIONS``, ``LANGPARAMS``, ``INPUT2``, ``MULTIAFFIX`` …) and modes other than
``citation``/``bibliography`` make a fixture *unsupported*: it is counted as failed, not run.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import fnmatch
import io
import json
import os
import re
import signal
import sys
import threading
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

__all__ = [
    "Fixture", "FixtureError", "Outcome", "load_fixture", "parse_fixture", "find_fixtures",
    "run_fixture", "run_suite", "engine_available", "load_passing", "write_passing",
    "default_suite_dir", "main", "Result", "CiteprocPyAdapter",
]

ENGINES = ("citefmt", "citeproc-py")
DEFAULT_TIMEOUT = 10.0

#: Statuses of an :class:`Outcome`.
PASS, FAIL, UNSUPPORTED, ERROR, CRASH, TIMEOUT, UNAVAILABLE = (
    "pass", "fail", "unsupported", "error", "crash", "timeout", "unavailable")
#: Statuses counted in the "crashed" column.
CRASHED = frozenset({ERROR, CRASH, TIMEOUT})

# Section delimiters: ">>===== NAME =====>>" and "<<===== NAME =====<<", with 2 to 5 "="
# (the suite is not consistent, and a few open with 5 "=" and close the line with 4).
_OPEN = re.compile(r">>=+\s*([A-Z][A-Z0-9-]*)\s*=+>>")
_CLOSE = re.compile(r"<<=+\s*([A-Z][A-Z0-9-]*)\s*=+<<")

_SUPPORTED = frozenset({"MODE", "RESULT", "CSL", "INPUT", "CITATION-ITEMS", "CITATIONS",
                        "DESCRIPTION", "VERSION", "NAME"})
_JSON = frozenset({"INPUT", "CITATION-ITEMS", "CITATIONS", "BIBENTRIES", "BIBSECTION",
                   "ABBREVIATIONS", "OPTIONS", "OPTIONZ", "LANGPARAMS", "MULTIAFFIX", "INPUT2"})
_REQUIRED = ("MODE", "RESULT", "CSL", "INPUT")
_MODES = frozenset({"citation", "bibliography"})


class FixtureError(ValueError):
    """A fixture file cannot be parsed."""


class FixtureTimeout(BaseException):
    """A fixture ran longer than its time limit (a BaseException, so engines cannot swallow it)."""


# --------------------------------------------------------------------------------------------
# Fixtures


@dataclass
class Fixture:
    """One parsed test fixture."""

    #: File name without ``.txt`` (``name_AfterInvertedName``).
    name: str
    #: File-name prefix before the first ``_`` (``name``).
    category: str
    mode: str
    result: str
    csl: str
    input: list[dict[str, Any]]
    citation_items: list[list[dict[str, Any]]] | None = None
    citations: list[list[Any]] | None = None
    #: Sections present that this runner does not implement (or a non-standard mode).
    unsupported_sections: list[str] = field(default_factory=list)
    description: str | None = None
    path: Path | None = None
    #: Every section's raw text, by name.
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return self.name + ".txt"


def _split_sections(text: str, origin: str) -> dict[str, str]:
    text = text.lstrip("\ufeff")
    sections: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for number, line in enumerate(re.split(r"\r\n|\n|\r", text), 1):
        opened = _OPEN.search(line)
        if opened:
            if current is not None:
                raise FixtureError(f"{origin}:{number}: section {opened.group(1)} opened "
                                   f"inside {current}")
            current, lines = opened.group(1), []
            continue
        closed = _CLOSE.search(line)
        if closed:
            if closed.group(1) != current:
                raise FixtureError(f"{origin}:{number}: {closed.group(1)} closed, "
                                   f"expected {current or 'no section'} to close")
            if current in sections:
                raise FixtureError(f"{origin}:{number}: section {current} given twice")
            sections[current] = "\n".join(lines)
            current = None
            continue
        if current is not None:
            lines.append(line)
    if current is not None:
        raise FixtureError(f"{origin}: section {current} is never closed")
    return sections


def parse_fixture(text: str, name: str, path: Path | None = None) -> Fixture:
    """Parse the text of a fixture named ``name`` (its file name, with or without ``.txt``)."""
    name = name[:-4] if name.endswith(".txt") else name
    sections = _split_sections(text, str(path or name))
    missing = [s for s in _REQUIRED if s not in sections]
    if missing:
        raise FixtureError(f"{path or name}: missing section(s) {', '.join(missing)}")
    data: dict[str, Any] = {}
    for key in _JSON & sections.keys():
        try:
            data[key] = json.loads(sections[key])
        except json.JSONDecodeError as exc:
            raise FixtureError(f"{path or name}: section {key}: invalid JSON: {exc}") from None
    mode = sections["MODE"].strip()
    unsupported = sorted(k for k in sections if k not in _SUPPORTED)
    if mode not in _MODES:
        unsupported.append(f"MODE {mode}")
    if not isinstance(data["INPUT"], list):
        raise FixtureError(f"{path or name}: INPUT is not a JSON list")
    return Fixture(
        name=name,
        category=name.split("_", 1)[0],
        mode=mode,
        result=sections["RESULT"],
        csl=sections["CSL"],
        input=data["INPUT"],
        citation_items=data.get("CITATION-ITEMS"),
        citations=data.get("CITATIONS"),
        unsupported_sections=unsupported,
        description=sections["DESCRIPTION"].strip() if "DESCRIPTION" in sections else None,
        path=path,
        sections=sections,
    )


def load_fixture(path: str | os.PathLike[str]) -> Fixture:
    """Read and parse one fixture file."""
    path = Path(path)
    return parse_fixture(path.read_text(encoding="utf-8-sig"), path.name, path)


def find_fixtures(directory: str | os.PathLike[str], *, categories: Iterable[str] = (),
                  names: Iterable[str] = ()) -> list[Path]:
    """The fixture files in ``directory``, sorted, optionally filtered.

    ``categories`` keeps fixtures of those categories; ``names`` keeps fixtures whose name
    (with or without ``.txt``) matches one of the patterns (shell wildcards allowed).
    """
    paths = sorted(Path(directory).glob("*.txt"))
    categories = set(categories)
    if categories:
        paths = [p for p in paths if p.stem.split("_", 1)[0] in categories]
    patterns = [n[:-4] if n.endswith(".txt") else n for n in names]
    if patterns:
        paths = [p for p in paths if any(fnmatch.fnmatchcase(p.stem, pat) for pat in patterns)]
    return paths


def default_suite_dir() -> Path | None:
    """``../shared/csl-test-suite/humans`` beside the repository, when running from a checkout."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file():
        return None  # an installed package: no repository around it
    suite = root.parent / "shared" / "csl-test-suite" / "humans"
    return suite if suite.is_dir() else None


# --------------------------------------------------------------------------------------------
# Engines


def _citefmt_factory() -> Callable[[str], Any]:
    import citefmt.engine.processor  # noqa: F401  (fail here, not per fixture, when it is missing)

    return CitefmtAdapter


def _citeproc_py_factory() -> Callable[[str], Any]:
    import citeproc  # noqa: F401  (fail here, not per fixture, when it is missing)

    return CiteprocPyAdapter


_FACTORIES: dict[str, Callable[[], Callable[[str], Any]]] = {
    "citefmt": _citefmt_factory,
    "citeproc-py": _citeproc_py_factory,
}


def engine_available(engine: str = "citefmt") -> tuple[bool, str | None]:
    """Whether ``engine`` can be imported, and if not, why."""
    try:
        _FACTORIES[engine]()
    except KeyError:
        return False, f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})"
    except Exception as exc:  # ImportError, or a module that fails while importing
        return False, f"{type(exc).__name__}: {exc}"
    return True, None


def _cite_items(cites: list[dict[str, Any]]):
    from citefmt.engine import CiteItem

    out = []
    for cite in cites:
        locator = cite.get("locator")
        out.append(CiteItem(str(cite["id"]), locator=str(locator) if locator not in (None, "") else None,
                            label=cite.get("label"), prefix=cite.get("prefix"), suffix=cite.get("suffix"),
                            suppress_author=bool(cite.get("suppress-author")),
                            author_only=bool(cite.get("author-only"))))
    return out


class CitefmtAdapter:
    """citefmt's engine behind the test runner's interface (citeproc-js's operations)."""

    def __init__(self, style_xml: str, output_format: str = "html"):
        from citefmt.engine.processor import CitefmtProcessor

        if output_format != "html":
            raise ValueError("the conformance runner compares HTML only")
        self.processor = CitefmtProcessor(style_xml.encode("utf-8"))
        self.document = self.processor.document([])

    def update_items(self, ids: list[str], items: dict[str, dict[str, Any]]) -> None:
        self.document = self.processor.document(list(items.values()))
        self.document.register_uncited(ids)

    def registered_ids(self) -> list[str]:
        return self.document.registered_ids()

    def make_citation_cluster(self, cites: list[dict[str, Any]]) -> str:
        citation = self.document.cite(_cite_items(cites))
        return self.document.render_citations([citation], continued=True)[0][1]

    def process_document(self, citations: list[dict[str, Any]],
                         items: dict[str, dict[str, Any]]) -> list[str]:
        self.document = self.processor.document(list(items.values()))
        built = [self.document.cite(_cite_items(c.get("citationItems", []))) for c in citations]
        return [html for _, html in self.document.render_citations(built)]

    def make_bibliography(self) -> tuple[dict[str, Any], list[str]]:
        entries = self.document.entries(block_html=True)
        out = []
        for entry in entries:
            out.append(f'  <div class="csl-entry">{entry.block_html}</div>\n')
        params = {"bibstart": '<div class="csl-bib-body">\n', "bibend": "</div>",
                  "entry_ids": [[entry.id] for entry in entries]}
        return params, out


class CiteprocPyAdapter:
    """Plain citeproc-py behind the runner's interface (that of :class:`CitefmtAdapter`): the conformance baseline.

    It makes citeproc-py's output look like citeproc-js's where that is mere presentation (the
    bibliography wrapper, ``&#38;`` for ``&``), and feeds it what it cannot read otherwise (a
    ``type`` where an item has none, string dates as ``raw``). It tracks positions itself and
    ignores explicit ``position`` values; it knows nothing of disambiguation state.
    """

    def __init__(self, style_xml: str, output_format: str = "html"):
        from citeproc import CitationStylesStyle, formatter

        if output_format != "html":
            raise ValueError("the citeproc-py adapter renders HTML only")
        self._formatter = formatter.html
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.style = CitationStylesStyle(io.BytesIO(style_xml.encode("utf-8")),
                                             validate=False)
        self._items: dict[str, dict[str, Any]] = {}
        self._bibliography = None

    # -- helpers

    def _source(self, items: dict[str, dict[str, Any]]):
        from citeproc.source.json import CiteProcJSON

        cleaned = []
        for key, item in items.items():
            item = copy.deepcopy(item)
            item["id"] = key
            item.setdefault("type", "book")
            for name, value in list(item.items()):
                if isinstance(value, str) and name in ("issued", "accessed", "submitted",
                                                       "event-date", "original-date",
                                                       "available-date"):
                    item[name] = {"raw": value}
            cleaned.append(item)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return CiteProcJSON(cleaned)

    def _new_bibliography(self, items: dict[str, dict[str, Any]]):
        from citeproc import CitationStylesBibliography

        self._items = dict(items)
        self._keys = {key.lower(): key for key in items}
        self._bibliography = CitationStylesBibliography(self.style, self._source(items),
                                                        self._formatter)
        return self._bibliography

    @staticmethod
    def _citation(cites: list[dict[str, Any]]):
        from citeproc import Citation, CitationItem
        from citeproc.source import Locator

        citation_items = []
        for cite in cites:
            options: dict[str, Any] = {}
            if cite.get("locator") not in (None, ""):
                options["locator"] = Locator(cite.get("label") or "page", str(cite["locator"]))
            for key in ("prefix", "suffix"):
                if cite.get(key):
                    options[key] = cite[key]
            citation_items.append(CitationItem(str(cite["id"]), **options))
        return Citation(citation_items)

    def _sort(self) -> None:
        if self.style.has_bibliography():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._bibliography.sort()

    def _cite(self, citation) -> str:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text = str(self._bibliography.cite(citation, lambda _item: None))
        return text.replace("&amp;", "&#38;")

    # -- the runner's interface

    def update_items(self, ids: list[str], items: dict[str, dict[str, Any]]) -> None:
        from citeproc import Citation, CitationItem

        bibliography = self._new_bibliography(items)
        for key in ids:
            bibliography.register(Citation([CitationItem(key)]))
        self._sort()

    def registered_ids(self) -> list[str]:
        if self._bibliography is None:
            return []
        return [self._keys.get(key, key) for key in self._bibliography.keys]

    def make_citation_cluster(self, cites: list[dict[str, Any]]) -> str:
        if self._bibliography is None:
            self._new_bibliography({})
        citation = self._citation(cites)
        self._bibliography.register(citation)
        self._bibliography._cites = []  # makeCitationCluster: no position tracking
        return self._cite(citation)

    def process_document(self, citations: list[dict[str, Any]],
                         items: dict[str, dict[str, Any]]) -> list[str]:
        bibliography = self._new_bibliography(items)
        built = []
        for data in citations:
            citation = self._citation(data.get("citationItems", []))
            citation.key = data.get("citationID")
            citation.note_index = data.get("properties", {}).get("noteIndex", 0)
            bibliography.register(citation)
            built.append(citation)
        self._sort()
        return [self._cite(citation) for citation in built]

    def make_bibliography(self) -> tuple[dict[str, Any], list[str]]:
        if self._bibliography is None:
            self._new_bibliography({})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            entries = [str(entry).replace("&amp;", "&#38;")
                       for entry in self._bibliography.bibliography()]
        params = {"bibstart": '<div class="csl-bib-body">\n', "bibend": "</div>",
                  "entry_ids": [[key] for key in self.registered_ids()]}
        return params, [f'  <div class="csl-entry">{entry}</div>\n' for entry in entries]


# --------------------------------------------------------------------------------------------
# Running a fixture


@dataclass
class Outcome:
    """What running one fixture gave."""

    passed: bool
    output: str | None = None
    error: str | None = None
    #: ``pass``, ``fail``, ``unsupported``, ``error`` (a clean :class:`CitefmtError`),
    #: ``crash`` (any other exception), ``timeout`` or ``unavailable`` (engine not importable).
    status: str = FAIL
    traceback: str | None = None
    seconds: float = 0.0

    @property
    def crashed(self) -> bool:
        return self.status in CRASHED


def normalize(text: str) -> str:
    """What is compared: newlines normalised to ``\\n``, surrounding whitespace stripped."""
    return re.sub(r"\r\n?", "\n", text).strip()


def _item_id(value: Any) -> str:
    # citeproc-js keys items by ``"" + id``: a number becomes its decimal string, a missing
    # id becomes "undefined".
    if value is None:
        return "undefined"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _prepare_items(input_items: list[dict[str, Any]]) -> tuple[list[str], dict[str, dict]]:
    """Registration ids (first occurrence order, no duplicates) and id -> item (last one wins)."""
    ids: list[str] = []
    items: dict[str, dict[str, Any]] = {}
    for item in input_items:
        key = _item_id(item.get("id"))
        item = copy.deepcopy(item)
        item["id"] = key
        if key not in items:
            ids.append(key)
        items[key] = item
    return ids, items


def _prepare_cites(cites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    prepared = []
    for cite in cites:
        cite = copy.deepcopy(cite)
        cite["id"] = _item_id(cite.get("id"))
        prepared.append(cite)
    return prepared


def _registry_order(proc: Any, ids: list[str]) -> list[str]:
    """The engine's registry order (bibliography-sorted) if it tells, else registration order."""
    order = getattr(proc, "registered_ids", None)
    if order is None:
        return list(ids)
    return list(order() if callable(order) else order)


def _prepare_citation(citation: dict[str, Any], number: int) -> dict[str, Any]:
    """A copy of a ``CITATIONS`` citation with its id, items and note index filled in."""
    citation = copy.deepcopy(citation)
    citation["citationID"] = str(citation.get("citationID") or f"CITATION-{number}")
    citation["citationItems"] = _prepare_cites(citation.get("citationItems", []))
    citation.setdefault("properties", {}).setdefault("noteIndex", 0)
    return citation


def _run_document(proc: Any, citations: list[list[Any]], items: dict[str, dict]) -> list[str]:
    known: dict[str, dict[str, Any]] = {}
    previous: dict[str, str] = {}
    lines: list[str] = []
    for number, entry in enumerate(citations):
        citation, pre, post = entry
        citation = _prepare_citation(citation, number)
        citation_id = citation["citationID"]
        known[citation_id] = citation

        def placed(pair: list[Any]) -> dict[str, Any]:
            other_id, note_index = str(pair[0]), pair[1]
            if other_id not in known:
                raise FixtureError(f"CITATIONS[{number}] refers to unknown citation {other_id}")
            other = copy.deepcopy(known[other_id])
            other.setdefault("properties", {})["noteIndex"] = note_index
            return other

        document = [placed(p) for p in pre] + [citation] + [placed(p) for p in post]
        texts = proc.process_document(document, items)
        if len(texts) != len(document):
            raise RuntimeError(f"process_document returned {len(texts)} strings "
                               f"for {len(document)} citations")
        lines = []
        for index, (cite, text) in enumerate(zip(document, texts)):
            changed = cite["citationID"] == citation_id or previous.get(cite["citationID"]) != text
            lines.append(f"{'>>' if changed else '..'}[{index}] {text}")
        previous = {cite["citationID"]: text for cite, text in zip(document, texts)}
    return lines


def _run_incremental(proc: Any, citations: list[list[Any]], items: dict[str, dict]) -> list[str]:
    """``CITATIONS`` through an engine's own ``process_citation_cluster`` (citeproc-js's
    ``processCitationCluster``): the document bookkeeping of citeproc-test-runner's
    ``updateDoc``, so ``>>`` marks exactly what the engine says it updated."""
    doc: list[dict[str, str]] = []
    for number, entry in enumerate(citations):
        citation, pre, post = entry
        citation = _prepare_citation(citation, number)
        citation_id = citation["citationID"]
        pre = [[str(p[0]), p[1]] for p in pre]
        post = [[str(p[0]), p[1]] for p in post]
        result = proc.process_citation_cluster(citation, pre, post, items)
        present = {p[0] for p in pre} | {p[0] for p in post} | {citation_id}
        doc = [d for d in doc if d["id"] in present]
        for d in doc:
            d["mark"] = ".."
        inserts = []
        for index, text, updated_id in result:
            for d in doc:
                if d["id"] == str(updated_id):
                    d.update(mark=">>", text=text)
                    break
            else:
                inserts.append((index, text, str(updated_id)))
        for index, text, updated_id in inserts:
            doc.insert(index, {"mark": ">>", "id": updated_id, "text": text})
    return [f"{d['mark']}[{index}] {d['text']}" for index, d in enumerate(doc)]


def _execute(fixture: Fixture, factory: Callable[[str], Any]) -> str:
    proc = factory(fixture.csl)
    ids, items = _prepare_items(fixture.input)
    if fixture.citations is not None:
        if callable(getattr(proc, "process_citation_cluster", None)):
            lines = _run_incremental(proc, fixture.citations, items)
        else:
            lines = _run_document(proc, fixture.citations, items)
        output = "\n".join(lines)
    else:
        proc.update_items(ids, items)
        clusters = fixture.citation_items
        if clusters is None:
            clusters = [[{"id": key} for key in _registry_order(proc, ids)]]
        output = "\n".join(proc.make_citation_cluster(_prepare_cites(c)) for c in clusters)
    if fixture.mode == "bibliography":
        params, entries = proc.make_bibliography()
        output = params["bibstart"] + "".join(entries) + params["bibend"]
    return output


class _TimeLimit:
    """Raise :class:`FixtureTimeout` after ``seconds`` (POSIX main thread only; else no limit)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.active = (bool(seconds) and hasattr(signal, "setitimer")
                       and threading.current_thread() is threading.main_thread())

    def _expired(self, _signum, _frame):
        raise FixtureTimeout(f"timed out after {self.seconds:g} s")

    def __enter__(self):
        if self.active:
            self._previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)
        return False


def _is_clean_error(exc: BaseException) -> bool:
    try:
        from citefmt.errors import CitefmtError
    except Exception:  # pragma: no cover
        return False
    return isinstance(exc, CitefmtError)


def run_fixture(fixture: Fixture, engine: str | Callable[[str], Any] = "citefmt", *,
                timeout: float | None = DEFAULT_TIMEOUT) -> Outcome:
    """Run one fixture with ``engine`` (a name from :data:`ENGINES`, or a factory taking the
    style XML and returning a processor) and compare its output with the fixture's result."""
    import time

    if fixture.unsupported_sections:
        return Outcome(False, None, "unsupported: " + ", ".join(fixture.unsupported_sections),
                       status=UNSUPPORTED)
    if isinstance(engine, str):
        try:
            factory = _FACTORIES[engine]()
        except KeyError:
            raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
        except Exception as exc:
            return Outcome(False, None, f"engine not available: {type(exc).__name__}: {exc}",
                           status=UNAVAILABLE)
    else:
        factory = engine
    start = time.perf_counter()
    try:
        with _TimeLimit(timeout):
            output = _execute(fixture, factory)
    except FixtureTimeout as exc:
        return Outcome(False, None, str(exc), status=TIMEOUT,
                       seconds=time.perf_counter() - start)
    except Exception as exc:
        return Outcome(False, None, f"{type(exc).__name__}: {exc}",
                       status=ERROR if _is_clean_error(exc) else CRASH,
                       traceback=traceback.format_exc(), seconds=time.perf_counter() - start)
    seconds = time.perf_counter() - start
    if not isinstance(output, str):
        return Outcome(False, None, f"engine returned {type(output).__name__}, not str",
                       status=CRASH, seconds=seconds)
    passed = normalize(output) == normalize(fixture.result)
    return Outcome(passed, output, None, status=PASS if passed else FAIL, seconds=seconds)


# --------------------------------------------------------------------------------------------
# Running many fixtures


@dataclass
class Result:
    """One fixture file's outcome in a suite run."""

    name: str
    category: str
    outcome: Outcome
    fixture: Fixture | None = None


def _run_path(task: tuple[str, str, float | None, bool]) -> Result:
    path, engine, timeout, keep_fixture = task
    name = Path(path).stem
    category = name.split("_", 1)[0]
    try:
        fixture = load_fixture(path)
    except (OSError, UnicodeDecodeError, FixtureError) as exc:
        return Result(name, category, Outcome(False, None, f"fixture unreadable: {exc}",
                                              status=CRASH))
    outcome = run_fixture(fixture, engine, timeout=timeout)
    return Result(name, category, outcome, fixture if keep_fixture else None)


def run_suite(directory: str | os.PathLike[str], engine: str = "citefmt", *,
              categories: Iterable[str] = (), names: Iterable[str] = (),
              jobs: int | None = None, timeout: float | None = DEFAULT_TIMEOUT,
              keep_fixtures: bool = False) -> list[Result]:
    """Run every (selected) fixture in ``directory``; results sorted by name.

    ``jobs``: worker processes (default: the number of CPUs; 1 runs in this process).
    """
    paths = find_fixtures(directory, categories=categories, names=names)
    tasks = [(str(p), engine, timeout, keep_fixtures) for p in paths]
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(tasks) <= 1:
        results = [_run_path(task) for task in tasks]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
            results = list(pool.map(_run_path, tasks, chunksize=4))
    return sorted(results, key=lambda r: r.name)


def load_passing(path: str | os.PathLike[str]) -> set[str]:
    """Fixture names listed in a ratchet file (``#`` comments and blank lines ignored;
    names may carry ``.txt``)."""
    names = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line[:-4] if line.endswith(".txt") else line)
    return names


_PASSING_HEADER = (
    "# CSL test-suite fixtures citefmt's engine passes: a ratchet (tests/test_conformance.py).\n"
    "# Regenerate with: python -m citefmt.conformance --write-passing tests/conformance/passing.txt\n"
)


def write_passing(path: str | os.PathLike[str], names: Iterable[str]) -> None:
    """Write a ratchet file: a header comment, then one fixture file name per line, sorted."""
    lines = sorted({n if n.endswith(".txt") else n + ".txt" for n in names})
    Path(path).write_text(_PASSING_HEADER + "".join(line + "\n" for line in lines),
                          encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Command line


def _table(results: list[Result]) -> str:
    rows: dict[str, Counter] = {}
    for result in results:
        counts = rows.setdefault(result.category, Counter())
        status = result.outcome.status
        counts["total"] += 1
        if status == PASS:
            counts["passed"] += 1
        elif status in CRASHED:
            counts["crashed"] += 1
        else:
            counts["failed"] += 1
            if status == UNSUPPORTED:
                counts["unsupported"] += 1
    total = sum(rows.values(), Counter())
    width = max([len("category")] + [len(c) for c in rows])
    head = f"{'category':<{width}}  {'passed':>6}  {'failed':>6}  {'crashed':>7}  {'total':>5}"
    lines = [head, "-" * len(head)]

    def row(name: str, c: Counter) -> str:
        share = f"{c['passed'] / c['total']:5.0%}" if c["total"] else ""
        return (f"{name:<{width}}  {c['passed']:>6}  {c['failed']:>6}  {c['crashed']:>7}  "
                f"{c['total']:>5}  {share}")

    lines += [row(name, rows[name]) for name in sorted(rows)]
    lines += ["-" * len(head), row("TOTAL", total)]
    if total["unsupported"]:
        lines.append(f"(failed includes {total['unsupported']} unsupported fixture(s), not run)")
    statuses = Counter(r.outcome.status for r in results)
    crashed = {s: statuses[s] for s in (ERROR, CRASH, TIMEOUT) if statuses[s]}
    if crashed:
        lines.append("(crashed: " + ", ".join(f"{n} {s}" for s, n in crashed.items()) + ")")
    return "\n".join(lines)


def _diff(expected: str, got: str) -> str:
    return "\n".join(difflib.unified_diff(normalize(expected).splitlines(),
                                          normalize(got).splitlines(),
                                          "expected", "got", lineterm=""))


def _report(result: Result, *, full: bool) -> str:
    outcome = result.outcome
    lines = [f"=== {result.name}: {outcome.status.upper()}"
             + (f" ({outcome.error})" if outcome.error else "")]
    fixture = result.fixture
    if fixture is None:
        return lines[0]
    if full and fixture.description:
        lines += ["--- description", fixture.description]
    if full or outcome.output is None:
        lines += ["--- expected", normalize(fixture.result)]
    if outcome.output is not None:
        if full:
            lines += ["--- got", normalize(outcome.output)]
        if outcome.status == FAIL:
            lines += ["--- diff", _diff(fixture.result, outcome.output)]
    if outcome.traceback and full:
        lines += ["--- traceback", outcome.traceback.rstrip()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m citefmt.conformance",
        description="Run the CSL test suite (humans/*.txt fixtures) the way citeproc-js's "
                    "runner does and print a per-category table.")
    parser.add_argument("directory", nargs="?", metavar="DIR",
                        help="the fixtures directory (default: ../shared/csl-test-suite/humans "
                             "beside the repository)")
    parser.add_argument("--engine", choices=ENGINES, default="citefmt")
    parser.add_argument("--category", action="append", default=[], metavar="NAME",
                        help="only this category (file-name prefix); repeatable")
    parser.add_argument("--fixture", action="append", default=[], metavar="NAME",
                        help="only this fixture (name, file name or wildcard pattern); prints "
                             "expected and got; repeatable")
    parser.add_argument("--show-diff", action="store_true",
                        help="print a diff (or the error) for every fixture that does not pass")
    parser.add_argument("--write-passing", metavar="FILE",
                        help="write the passing fixtures to FILE (a ratchet list); with filters, "
                             "entries for fixtures not run are kept")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="worker processes (default: number of CPUs)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"time limit per fixture (default {DEFAULT_TIMEOUT:g}; 0: none)")
    args = parser.parse_args(argv)

    directory = Path(args.directory) if args.directory else default_suite_dir()
    if directory is None:
        parser.error("no DIR given and ../shared/csl-test-suite/humans not found beside the "
                     "repository")
    if not directory.is_dir():
        parser.error(f"{directory}: not a directory")
    ok, why = engine_available(args.engine)
    if not ok:
        print(f"engine not available: {args.engine}: {why}", file=sys.stderr)
        return 2
    if not find_fixtures(directory, categories=args.category, names=args.fixture):
        print("no fixtures match", file=sys.stderr)
        return 2

    detailed = bool(args.fixture) or args.show_diff
    results = run_suite(directory, args.engine, categories=args.category, names=args.fixture,
                        jobs=args.jobs, timeout=args.timeout or None, keep_fixtures=detailed)
    if args.fixture:
        for result in results:
            print(_report(result, full=True))
            print()
    elif args.show_diff:
        for result in results:
            if result.outcome.status != PASS:
                print(_report(result, full=False))
                print()
    print(f"engine: {args.engine}   fixtures: {directory}")
    print(_table(results))

    if args.write_passing:
        target = Path(args.write_passing)
        ran = {r.name for r in results}
        kept = load_passing(target) - ran if target.exists() else set()
        passed = {r.name for r in results if r.outcome.status == PASS}
        write_passing(target, kept | passed)
        print(f"wrote {len(kept | passed)} passing fixture(s) to {target}")
        if args.engine != "citefmt":
            print(f"note: these are {args.engine}'s passes; the ratchet in "
                  "tests/conformance/passing.txt records citefmt's", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
