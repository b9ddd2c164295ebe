"""The CSL test suite as a ratchet: progress is recorded in tests/conformance/passing.txt, never lost.

The suite is read from ``../shared/csl-test-suite/humans`` beside the repository (it is not part
of the project); these tests skip when it is absent or when citefmt's engine cannot be imported.
Every fixture runs (in parallel). The run fails when:

* a fixture listed in ``passing.txt`` no longer passes (a regression);
* a fixture not listed passes (record it: ``python -m citefmt.conformance --write-passing
  tests/conformance/passing.txt``);
* a fixture crashes with an exception other than a clean :class:`~citefmt.errors.CitefmtError`,
  or hangs past the time limit.

The first tests below check the runner itself (fixture parsing, citeproc-js runner semantics)
with a fake engine; they need neither the suite nor the engine.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citefmt import conformance
from citefmt.conformance import parse_fixture, run_fixture

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SUITE = SHARED / "csl-test-suite" / "humans"
PASSING = Path(__file__).resolve().parent / "conformance" / "passing.txt"
REGENERATE = "python -m citefmt.conformance --write-passing tests/conformance/passing.txt"


# --------------------------------------------------------------------------------------------
# The runner, with a fake engine


def _fixture_text(sections: dict[str, str], eq: str = "=====") -> str:
    body = []
    for name, content in sections.items():
        body += [f">>{eq} {name} {eq}>>", content, f"<<{eq} {name} {eq}<<", "", "ignored text", ""]
    return "\n".join(body)


_CSL = '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"/>'


class FakeEngine:
    """Renders a citation as its ids joined by ";" and counts how often each item was cited
    before it in the document: enough to see what the runner asks and how it marks lines."""

    def __init__(self, style_xml: str, output_format: str = "html"):
        self.ids: list[str] = []
        self.items: dict = {}

    def update_items(self, ids, items):
        self.ids, self.items = list(ids), items

    def registered_ids(self):
        return sorted(self.ids, reverse=True)

    def make_citation_cluster(self, cites):
        return ";".join(c["id"] + ("@" + str(c["position"]) if "position" in c else "") for c in cites)

    def process_document(self, citations, items):
        seen: dict[str, int] = {}
        out = []
        for citation in citations:
            parts = []
            for cite in citation["citationItems"]:
                parts.append(f"{cite['id']}#{seen.get(cite['id'], 0)}")
                seen[cite["id"]] = seen.get(cite["id"], 0) + 1
            out.append(";".join(parts) + f" n{citation['properties']['noteIndex']}")
        self.ids = list(dict.fromkeys(c["id"] for cit in citations for c in cit["citationItems"]))
        return out

    def make_bibliography(self):
        entries = [f'  <div class="csl-entry">{i}</div>\n' for i in self.ids]
        return {"bibstart": '<div class="csl-bib-body">\n', "bibend": "</div>"}, entries


def test_parse_quirks():
    """BOM, 2 to 5 "=", unbalanced "=" counts, CRLF, text outside sections, numeric ids."""
    text = "\ufeff" + _fixture_text({
        "MODE": "citation",
        "RESULT": "A",
        "CSL": _CSL,
    }, eq="==") + "\r\n>>===== INPUT ====>>\r\n[{\"id\": 1}]\r\n<<==== INPUT =====<<\r\n"
    fixture = parse_fixture(text, "name_Quirks.txt")
    assert (fixture.name, fixture.category, fixture.mode) == ("name_Quirks", "name", "citation")
    assert fixture.input == [{"id": 1}]
    assert fixture.citation_items is None and fixture.citations is None
    assert fixture.unsupported_sections == []


def test_parse_errors():
    with pytest.raises(conformance.FixtureError, match="missing"):
        parse_fixture(_fixture_text({"MODE": "citation", "CSL": _CSL, "INPUT": "[]"}), "x_Y")
    with pytest.raises(conformance.FixtureError, match="invalid JSON"):
        parse_fixture(_fixture_text({"MODE": "citation", "RESULT": "", "CSL": _CSL,
                                     "INPUT": "[{"}), "x_Y")


def test_unsupported_sections_and_modes():
    base = {"MODE": "citation", "RESULT": "", "CSL": _CSL, "INPUT": "[]"}
    fixture = parse_fixture(_fixture_text({**base, "BIBSECTION": "{}", "OPTIONS": "{}"}), "x_Y")
    assert fixture.unsupported_sections == ["BIBSECTION", "OPTIONS"]
    outcome = run_fixture(fixture, FakeEngine)
    assert (outcome.passed, outcome.status) == (False, "unsupported")
    fixture = parse_fixture(_fixture_text({**base, "MODE": "bibliography-header"}), "x_Y")
    assert fixture.unsupported_sections == ["MODE bibliography-header"]


def test_default_cluster_in_registry_order():
    fixture = parse_fixture(_fixture_text({
        "MODE": "citation", "RESULT": "c;b;a", "CSL": _CSL,
        "INPUT": json.dumps([{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "b"}])}), "x_Y")
    outcome = run_fixture(fixture, FakeEngine)
    assert outcome.passed, outcome


def test_citation_items_numeric_ids_and_positions():
    fixture = parse_fixture(_fixture_text({
        "MODE": "citation", "RESULT": "1\n1@2;2", "CSL": _CSL,
        "INPUT": json.dumps([{"id": 1}, {"id": 2}]),
        "CITATION-ITEMS": json.dumps([[{"id": 1}], [{"id": 1, "position": 2}, {"id": "2"}]])}),
        "x_Y")
    assert run_fixture(fixture, FakeEngine).output == "1\n1@2;2"


def test_citations_marks_changed_lines():
    citations = [
        [{"citationID": "C1", "citationItems": [{"id": "a"}], "properties": {"noteIndex": 1}}, [], []],
        [{"citationID": "C2", "citationItems": [{"id": "b"}], "properties": {"noteIndex": 2}},
         [["C1", 1]], []],
        # inserted first: C1's text changes (a is now cited before it), C2's does not
        [{"citationID": "C0", "citationItems": [{"id": "a"}], "properties": {"noteIndex": 1}},
         [], [["C1", 2], ["C2", 2]]],
    ]
    expected = ">>[0] a#0 n1\n>>[1] a#1 n2\n..[2] b#0 n2"
    fixture = parse_fixture(_fixture_text({
        "MODE": "citation", "RESULT": expected, "CSL": _CSL,
        "INPUT": json.dumps([{"id": "a"}, {"id": "b"}]), "CITATIONS": json.dumps(citations)}),
        "x_Y")
    outcome = run_fixture(fixture, FakeEngine)
    assert outcome.passed, outcome.output


def test_citations_incremental_hook():
    """An engine with process_citation_cluster decides the ">>" marks itself (as citeproc-js)."""

    class Incremental(FakeEngine):
        def process_citation_cluster(self, citation, pre, post, items):
            # report the new citation and (tainted, unchanged) everything before it
            return [[i, f"pre {cid}", cid] for i, (cid, _n) in enumerate(pre)] + [
                [len(pre), "new " + citation["citationID"], citation["citationID"]]]

    citations = [
        [{"citationID": "C1", "citationItems": [{"id": "a"}], "properties": {"noteIndex": 1}}, [], []],
        [{"citationID": "C2", "citationItems": [{"id": "a"}], "properties": {"noteIndex": 2}}, [], [["C1", 3]]],
        [{"citationID": "C3", "citationItems": [{"id": "a"}], "properties": {"noteIndex": 4}}, [["C2", 1]], []],
    ]
    fixture = parse_fixture(_fixture_text({
        "MODE": "citation", "RESULT": ">>[0] pre C2\n>>[1] new C3", "CSL": _CSL,
        "INPUT": json.dumps([{"id": "a"}]), "CITATIONS": json.dumps(citations)}), "x_Y")
    outcome = run_fixture(fixture, Incremental)
    assert outcome.passed, outcome.output


def test_bibliography_mode():
    fixture = parse_fixture(_fixture_text({
        "MODE": "bibliography",
        "RESULT": '<div class="csl-bib-body">\n  <div class="csl-entry">a</div>\n'
                  '  <div class="csl-entry">b</div>\n</div>',
        "CSL": _CSL, "INPUT": json.dumps([{"id": "a"}, {"id": "b"}])}), "x_Y")
    assert run_fixture(fixture, FakeEngine).passed


def test_crashes_errors_and_timeouts():
    from citefmt.errors import StyleNotFoundError

    fixture = parse_fixture(_fixture_text({"MODE": "citation", "RESULT": "", "CSL": _CSL,
                                           "INPUT": "[]"}), "x_Y")

    def clean(_xml):
        raise StyleNotFoundError("bad style")

    def broken(_xml):
        return {}["missing"]

    class Hang(FakeEngine):
        def update_items(self, ids, items):
            while True:
                pass

    assert run_fixture(fixture, clean).status == "error"
    outcome = run_fixture(fixture, broken)
    assert outcome.status == "crash" and "KeyError" in outcome.error and outcome.traceback
    assert run_fixture(fixture, Hang, timeout=0.2).status == "timeout"


def test_passing_file_round_trip(tmp_path):
    target = tmp_path / "passing.txt"
    conformance.write_passing(target, ["b_Two", "a_One.txt"])
    text = target.read_text()
    assert text.startswith("#") and text.endswith("a_One.txt\nb_Two.txt\n")
    assert conformance.load_passing(target) == {"a_One", "b_Two"}
    assert conformance.load_passing(PASSING) is not None  # the committed file parses


# --------------------------------------------------------------------------------------------
# The ratchet over the whole suite


@pytest.fixture(scope="module")
def suite_results() -> dict[str, conformance.Result]:
    if not SUITE.is_dir():
        pytest.skip(f"{SUITE} is absent (../shared is not beside the repository)")
    available, why = conformance.engine_available("citefmt")
    if not available:
        pytest.skip(f"citefmt's CSL engine is not importable: {why}")
    results = conformance.run_suite(SUITE, "citefmt")
    return {r.name: r for r in results}


def _listing(names: list[str], suite_results, limit: int = 40) -> str:
    lines = []
    for name in sorted(names)[:limit]:
        outcome = suite_results[name].outcome if name in suite_results else None
        if outcome is None:
            detail = " (no such fixture)"
        elif outcome.passed:
            detail = ""
        else:
            detail = f" ({outcome.status}" + (f": {outcome.error})" if outcome.error else ")")
        lines.append(f"  {name}{detail}")
    if len(names) > limit:
        lines.append(f"  … and {len(names) - limit} more")
    return "\n".join(lines)


def test_no_regressions(suite_results):
    listed = conformance.load_passing(PASSING)
    regressed = [n for n in listed if n not in suite_results or not suite_results[n].outcome.passed]
    assert not regressed, (
        f"{len(regressed)} fixture(s) listed in tests/conformance/passing.txt no longer pass "
        f"(see them with python -m citefmt.conformance --fixture NAME):\n"
        + _listing(regressed, suite_results))


def test_no_unlisted_passes(suite_results):
    listed = conformance.load_passing(PASSING)
    fixed = [n for n, r in suite_results.items() if r.outcome.passed and n not in listed]
    assert not fixed, (
        f"{len(fixed)} fixture(s) pass but are not in tests/conformance/passing.txt; record the "
        f"progress with:\n  {REGENERATE}\n" + _listing(fixed, suite_results))


def test_no_crashes(suite_results):
    crashed = [n for n, r in suite_results.items() if r.outcome.status in ("crash", "timeout")]
    assert not crashed, (
        f"{len(crashed)} fixture(s) raise an exception that is not a CitefmtError, or hang "
        f"(python -m citefmt.conformance --fixture NAME shows the traceback):\n"
        + _listing(crashed, suite_results))
