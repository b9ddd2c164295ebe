"""`citefmt check --fix` / `--diff`: safe fixes as surgical edits; the rest of the file stays byte for byte."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from citefmt.check import apply_fixes, check_source, check_text, fix_file, fix_text
from helpers import ROOT

DATA = ROOT / "tests" / "data"
FIXABLE = DATA / "fixable-refs.yaml"
FIXED = DATA / "fixable-refs.fixed.yaml"

#: The values --fix changes in tests/data/fixable-refs.yaml, as (old line, new line).
CHANGED_LINES = [
    ("    title: Immunotherapy is a promising approach to reverse sepsis-induced immunosuppression.   # fix: full stop",
     "    title: Immunotherapy is a promising approach to reverse sepsis-induced immunosuppression   # fix: full stop"),
    ("    DOI: https://doi.org/10.1016/j.phrs.2016.07.019   # fix: URL form",
     "    DOI: 10.1016/j.phrs.2016.07.019   # fix: URL form"),
    ('    page: "674—678"       # fix: em dash', '    page: "674-678"       # fix: em dash'),
    ('    DOI: "dol: 1378/chest.97.3.674"  # fix: label and 10.', '    DOI: "10.1378/chest.97.3.674"  # fix: label and 10.'),
    ("      and therapeutic options.", "      and therapeutic options"),
    ("    page: '309 - 316'", "    page: '309-316'"),
    ("    DOI: 'doi: 10.1177/2040620711410774.'", "    DOI: '10.1177/2040620711410774'"),
    ('  - {id: lan2009, type: article-journal, language: en, title: "Prognostic factors in granulocytic sarcoma.", '
     'container-title: Acta Haematologica, issued: {date-parts: [[2009]]}, page: 238–246, DOI: "DOI:10.1159/000253592"}',
     '  - {id: lan2009, type: article-journal, language: en, title: "Prognostic factors in granulocytic sarcoma", '
     'container-title: Acta Haematologica, issued: {date-parts: [[2009]]}, page: 238-246, DOI: "10.1159/000253592"}'),
]


def test_fix_round_trips_a_commented_yaml_file_byte_for_byte():
    original = FIXABLE.read_text(encoding="utf-8")
    report = check_source(FIXABLE)
    fixed = apply_fixes(report.text, report.findings)
    expected = original
    for old, new in CHANGED_LINES:
        assert expected.count(old + "\n") == 1, old
        expected = expected.replace(old + "\n", new + "\n")
    assert fixed == expected
    assert fixed.encode("utf-8") == FIXED.read_bytes()


def test_fixed_file_holds_the_same_data_but_the_fixed_values():
    before = yaml.safe_load(FIXABLE.read_text(encoding="utf-8"))["references"]
    after = yaml.safe_load(FIXED.read_text(encoding="utf-8"))["references"]
    changed = {(i, key) for i, (a, b) in enumerate(zip(before, after)) for key in a if a[key] != b[key]}
    assert changed == {(0, "title"), (0, "DOI"), (1, "page"), (1, "DOI"), (2, "title"), (2, "page"), (2, "DOI"),
                       (3, "title"), (3, "page"), (3, "DOI")}
    assert [list(a) for a in before] == [list(b) for b in after]      # key order kept


def test_what_is_left_after_fixing():
    report = check_source(FIXED)
    assert [f.rule for f in report.findings] == ["page-abbreviated"]   # not a safe fix: a human decides


def test_fix_file_writes_atomically_and_keeps_the_mode(tmp_path):
    target = tmp_path / "refs.yaml"
    target.write_bytes(FIXABLE.read_bytes())
    os.chmod(target, 0o640)
    outcome = fix_file(target)
    assert outcome.written and outcome.changed
    assert target.read_bytes() == FIXED.read_bytes()
    assert (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["refs.yaml"]          # no temporary file left
    assert len(outcome.result.applied) == 10 and outcome.result.skipped == []
    again = fix_file(target)
    assert not again.changed and not again.written


def test_fix_keeps_crlf_line_endings_and_bom(tmp_path):
    target = tmp_path / "refs.yaml"
    original = b"\xef\xbb\xbf" + FIXABLE.read_bytes().replace(b"\n", b"\r\n")
    target.write_bytes(original)
    fix_file(target)
    assert target.read_bytes() == b"\xef\xbb\xbf" + FIXED.read_bytes().replace(b"\n", b"\r\n")


def test_fix_json_in_place_keeping_its_escapes_and_layout():
    text = ('[\n\t{"id": "a", "type": "article-journal", "title": "Caf\\u00e9 study.",\n'
            '\t "container-title": "J", "issued": {"date-parts": [[2020]]},\n'
            '\t "DOI": "doi: 1378/x.1", "page": "1\\u20142"}\n]\n')
    fixed = apply_fixes(text, check_text(text, name="r.json").findings)
    assert fixed == text.replace("study.", "study").replace("doi: 1378/x.1", "10.1378/x.1").replace("1\\u20142", "1-2")
    assert json.loads(fixed)[0]["title"] == "Café study"


def test_fix_compact_json():
    text = '[{"id":"a","type":"article-journal","title":"Étude.","container-title":"J",' \
           '"issued":{"date-parts":[[2020]]},"DOI":"https://doi.org/10.1/x"}]'
    assert apply_fixes(text, check_text(text, name="r.json").findings) == text.replace("Étude.", "Étude").replace(
        "https://doi.org/10.1/x", "10.1/x")


def test_a_plain_value_that_can_no_longer_be_plain_gets_quoted():
    text = "references:\n  - id: a\n    type: book\n    publisher: P\n    issued: {date-parts: [[2020]]}\n" \
           "    title: 'Note: an example.'\n"
    # Single quotes stay single quotes.
    assert apply_fixes(text, check_text(text).findings).endswith("    title: 'Note: an example'\n")
    plain = text.replace("'Note: an example.'", "Notes on it:.")
    fixed = apply_fixes(plain, check_text(plain).findings)
    assert fixed.endswith('    title: "Notes on it:"\n')
    assert yaml.safe_load(fixed)["references"][0]["title"] == "Notes on it:"


def test_fix_in_a_literal_block_keeps_its_line_breaks():
    text = "references:\n  - id: a\n    type: book\n    publisher: P\n    issued: {date-parts: [[2020]]}\n" \
           "    title: |-\n      Line one\n      line two.\n"
    (finding,) = check_text(text).findings
    assert finding.fix.old == "Line one\nline two." and finding.fix.new == "Line one\nline two"
    assert apply_fixes(text, [finding]) == text.replace("two.", "two")


def test_stale_findings_are_not_applied():
    text = "references:\n  - {id: a, type: book, title: A title., publisher: P, issued: {date-parts: [[2020]]}}\n"
    findings = check_text(text).findings
    changed = text.replace("A title.", "Another title.")
    result = fix_text(changed, findings)
    assert result.text == changed and result.applied == [] and len(result.skipped) == 1


# --- the command -------------------------------------------------------------------------------------

def test_cli_fix_writes_and_reports_what_is_left(run, write_file):
    path = write_file("refs.yaml", FIXABLE.read_bytes())
    result = run(["check", path, "--fix"])
    assert result.exit_code == 0
    assert path.read_bytes() == FIXED.read_bytes()
    assert result.stdout.splitlines() == [
        "refs.yaml:61:11: warning[page-abbreviated]: references[4].page: 350-7 is abbreviated: "
        "store the full range 350-357"]
    assert result.stderr.splitlines() == ["citefmt: refs.yaml: fixed 10 values",
                                          "citefmt: refs.yaml: 0 errors, 1 warning"]


def test_cli_fix_strict_fails_on_what_is_left(run, write_file):
    path = write_file("refs.yaml", FIXABLE.read_bytes())
    assert run(["check", path, "--fix", "--strict"]).exit_code == 10


def test_cli_diff_shows_the_fixes_and_writes_nothing(run, write_file):
    path = write_file("refs.yaml", FIXABLE.read_bytes())
    result = run(["check", path, "--diff"])
    assert result.exit_code == 0
    assert path.read_bytes() == FIXABLE.read_bytes()
    lines = result.stdout.splitlines()
    assert lines[:2] == ["--- a/refs.yaml", "+++ b/refs.yaml"]
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert removed == [old for old, _ in CHANGED_LINES]
    assert added == [new for _, new in CHANGED_LINES]
    assert "10 values would be fixed (not written: --diff)" in result.stderr


def test_cli_diff_reads_stdin(run):
    result = run(["check", "-", "--diff"], input=FIXABLE.read_bytes())
    assert result.exit_code == 0
    assert result.stdout.startswith("--- a/<stdin>\n+++ b/<stdin>\n")


def test_cli_fix_with_diff_writes_and_shows(run, write_file):
    path = write_file("refs.yaml", FIXABLE.read_bytes())
    result = run(["check", path, "--fix", "--diff"])
    assert path.read_bytes() == FIXED.read_bytes()
    assert result.stdout.startswith("--- a/refs.yaml\n")


@pytest.mark.parametrize("args, needle", [
    (["check", "-", "--fix"], "cannot fix standard input"),
    (["check", "--fix"], "give the file to fix"),
])
def test_cli_fix_refuses_stdin_and_the_bundled_article(run, args, needle):
    result = run(args, input=b"[]")
    assert result.exit_code == 2
    assert needle in result.stderr


def test_cli_nothing_to_fix_leaves_the_file_alone(run, write_file):
    path = write_file("clean.yaml", (ROOT / "data" / "article.yaml").read_bytes())
    before = os.stat(path).st_mtime_ns
    result = run(["check", path, "--fix"])
    assert result.exit_code == 0 and result.stdout == ""
    assert os.stat(path).st_mtime_ns == before
