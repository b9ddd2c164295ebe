"""`citefmt check` on the seed's printed reference list finds the printed defects, and nothing else.

tests/data/printed-refs.yaml is the reference list as the journal printed it.
data/article.yaml holds the corrected facts and marks every correction with a
comment ``# printed: ...`` on the corrected line. The expected findings are built
from those comments: each gives the reference number and the field, and maps to
the rule that must report it. Corrections that no data-only check can see (a wrong
but well-formed issue number, a misspelt name) are listed apart, with the reason.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from citefmt.check import check_source
from helpers import ARTICLE, ROOT, SHARED

PRINTED = ROOT / "tests" / "data" / "printed-refs.yaml"
CORPUS = ROOT / "tests" / "corpus" / "references.json"
TODAY = datetime.date(2026, 11, 25)

#: Corrections that are facts only a journal catalogue or the DOI record can tell:
#: the printed values are well-formed, just wrong. (reference number, field) -> why.
NOT_IN_THE_DATA = {
    (3, "container-title-short"): "Clin Lymph Myel Leuk: a wrong but well-formed abbreviation",
    (5, "container-title-short"): "Diagn Intervent Radiol: a wrong but well-formed abbreviation",
    (5, "issue"): "issue 4 instead of 2: a plausible number",
    (12, "author"): "Lengline for Lengliné: a missing accent",
    (15, "container-title-short"): "Clin Lymph Myel Leuk: a wrong but well-formed abbreviation",
    (19, "author"): "Kantarjian MH for HM: initials in the wrong order",
    (22, "container-title-short"): "J Exper Med: another journal's (Tohoku J Exp Med) name",
}


def printed_corrections() -> list[tuple[int, str, str]]:
    """(reference number, field, printed text) for every ``# printed:`` comment of data/article.yaml."""
    corrections = []
    number = None
    field = None
    in_references = False
    for line in ARTICLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("references:"):
            in_references = True
            continue
        heading = re.match(r"^  # (\d+)\.$", line)
        if heading:
            number = int(heading.group(1))
            continue
        key = re.match(r"^    ([A-Za-z_-]+):", line)
        if key:
            field = key.group(1)
        comment = re.search(r"#\s*printed:\s*(.*)$", line)
        if comment and in_references:
            corrections.append((number, field, comment.group(1).strip()))
    return corrections


def expected_rules(field: str, printed: str) -> set[str] | None:
    """The rules that must report a printed defect (None if the data cannot show it)."""
    if field == "page":
        return {"page-abbreviated"}
    if field == "DOI":
        bare = re.sub(r"^(doi|dol):\s*", "", printed)
        rules = {"doi-missing-10"} if not bare.startswith("10.") else set()
        if printed.startswith("dol:"):      # "doi: " is the style's label; "dol: " a typo kept in the field
            rules.add("doi-prefix")
        return rules
    if field == "container-title" and printed == "journal name missing":
        return {"missing-container-title"}
    return None


def findings_by_reference(path: Path) -> set[tuple[int, str, str]]:
    found = set()
    for finding in check_source(path, today=TODAY).findings:
        match = re.match(r"^references\[(\d+)\](?:\.([A-Za-z_-]+))?", finding.field)
        assert match, finding
        field = match.group(2) or {"missing-container-title": "container-title"}.get(finding.rule, "")
        found.add((int(match.group(1)) + 1, field, finding.rule))
    return found


def test_the_comments_list_forty_corrections():
    corrections = printed_corrections()
    assert len(corrections) == 40
    assert {(n, f) for n, f, _ in corrections} >= set(NOT_IN_THE_DATA)


def test_printed_list_reports_exactly_the_printed_defects():
    expected = set()
    undetectable = set()
    for number, field, printed in printed_corrections():
        rules = expected_rules(field, printed)
        if rules is None:
            undetectable.add((number, field))
            continue
        expected |= {(number, field, rule) for rule in rules}
    assert undetectable == set(NOT_IN_THE_DATA)
    found = findings_by_reference(PRINTED)
    assert found - expected == set(), "false alarms"
    assert expected - found == set(), "printed defects not found"
    assert len(found) == 34      # 33 corrections; the "dol: 1378/..." DOI is two findings


def test_printed_list_has_the_same_ids_as_the_article():
    import yaml

    printed = yaml.safe_load(PRINTED.read_text(encoding="utf-8"))["references"]
    article = yaml.safe_load(ARTICLE.read_text(encoding="utf-8"))["references"]
    assert [r["id"] for r in printed] == [r["id"] for r in article]


def test_bundled_article_is_clean():
    report = check_source(ARTICLE, today=TODAY)
    assert report.items == 32
    assert report.findings == []


def test_bundled_article_is_the_default(run):
    result = run(["check"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "citefmt: data/article.yaml: no problems in 32 items\n"


#: The corpus is clean but for ISBNs made up for it: their check digits are wrong.
CORPUS_ISBNS = {"978-1-108-71234-5", "978-0-367-18842-1", "978-1-62466-784-5", "978-0-444-87156-6",
                "5-225-04812-3", "978-7-122-04372-7"}


def test_corpus_has_no_false_alarms():
    findings = check_source(CORPUS, today=TODAY).findings
    others = [str(f) for f in findings if f.rule != "isbn-invalid"]
    assert others == []
    for finding in findings:
        assert finding.message.split(":")[0] in CORPUS_ISBNS, finding


@pytest.mark.skipif(not (SHARED / "reference" / "seed.csl.json").exists(), reason="../shared is absent")
def test_checked_seed_csl_json_is_clean():
    assert check_source(SHARED / "reference" / "seed.csl.json", today=TODAY).findings == []
