"""`citefmt check`: report formats (text, JSON, SARIF), terminal styling, exit codes, several files."""

from __future__ import annotations

import json

import pytest

from citefmt.check import RULES
from citefmt.cli import terminal
from citefmt.cli.terminal import Terminal
from citefmt.errors import ExitCode
from helpers import ANSI, ROOT, strip_ansi

PRINTED = ROOT / "tests" / "data" / "printed-refs.yaml"

WARNINGS_ONLY = """\
references:
  - id: a
    type: article-journal
    title: A title.
    container-title: J
    issued: {date-parts: [[2020]]}
    page: "350-7"
"""

WITH_ERRORS = """\
references:
  - id: a
    type: journal-article
    title: A title.
    issued: {date-parts: [[2020, "May"]]}
  - id: a
    type: book
    title: B
    publisher: P
    auther: [{family: X}]
    issued: {date-parts: [[2020]]}
"""


def test_text_report_one_line_per_finding_grouped_by_line(run, write_file):
    path = write_file("refs.yaml", WARNINGS_ONLY)
    result = run(["check", path])
    assert result.exit_code == 0
    assert result.stdout == (
        "refs.yaml:4:12: warning[title-trailing-period]: references[0].title: ends in a full stop: "
        "the style adds its own punctuation (fixable with --fix)\n"
        "refs.yaml:7:11: warning[page-abbreviated]: references[0].page: 350-7 is abbreviated: "
        "store the full range 350-357\n")
    assert result.stderr == "citefmt: refs.yaml: 0 errors, 2 warnings (1 fixable with --fix)\n"


def test_exit_codes(run, write_file):
    clean = write_file("clean.yaml", (ROOT / "data" / "article.yaml").read_text(encoding="utf-8"))
    warned = write_file("warned.yaml", WARNINGS_ONLY)
    broken = write_file("broken.yaml", WITH_ERRORS)
    assert run(["check", clean]).exit_code == ExitCode.OK == 0
    assert run(["check", clean, "--strict"]).exit_code == 0
    assert run(["check", warned]).exit_code == 0
    assert run(["check", warned, "--strict"]).exit_code == ExitCode.CHECK_WARNINGS == 10
    assert run(["check", broken]).exit_code == ExitCode.INPUT_INVALID == 3
    assert run(["check", broken, "--strict"]).exit_code == 3
    assert run(["check", clean, warned, broken]).exit_code == 3


def test_errors_and_warnings_together_with_positions(run, write_file):
    path = write_file("refs.yaml", WITH_ERRORS)
    lines = run(["check", path]).stdout.splitlines()
    assert lines == [
        "refs.yaml:3:11: error[invalid-type]: references[0].type: unknown item type 'journal-article' "
        "(see the CSL 1.0.2 item types)",
        "refs.yaml:4:12: warning[title-trailing-period]: references[0].title: ends in a full stop: "
        "the style adds its own punctuation (fixable with --fix)",
        "refs.yaml:5:27: error[invalid-date]: references[0].issued.date-parts[0]: date parts must be whole "
        "numbers, found 'May'",
        "refs.yaml:6:9: error[duplicate-id]: references[1].id: duplicate id 'a' (also used by references[0])",
        "refs.yaml:10:5: error[unknown-field]: references[1].auther: unknown CSL variable (did you mean author?)",
    ]


def test_refs_and_cite_run_the_same_validation(run, write_file):
    path = write_file("refs.yaml", WITH_ERRORS)
    for command in ("refs", "cite"):
        result = run([command, path])
        assert result.exit_code == 3
        errors = result.stderr.splitlines()
        assert len(errors) == 4
        assert "citefmt: error: refs.yaml:3:11: references[0].type: unknown item type 'journal-article'" in errors[0]


def test_unparseable_input_is_one_error_finding(run, write_file):
    path = write_file("refs.json", '{"references": [\n')
    result = run(["check", path, "-f", "json"])
    assert result.exit_code == 3
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "invalid-input" and finding["severity"] == "error" and finding["line"] == 2


def test_missing_file_is_an_input_error(run):
    result = run(["check", "no-such-file.yaml"])
    assert result.exit_code == 3
    assert result.stderr == "citefmt: error: no-such-file.yaml: no such file\n"


def test_several_files_grouped_by_file(run, write_file):
    one = write_file("b.yaml", WARNINGS_ONLY)
    two = write_file("a.yaml", WARNINGS_ONLY)
    result = run(["check", one, two])
    files = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert files == ["b.yaml", "b.yaml", "a.yaml", "a.yaml"]
    assert result.stderr == "citefmt: 2 files: 0 errors, 4 warnings (2 fixable with --fix)\n"


def test_stdin(run):
    result = run(["check", "-"], input=WARNINGS_ONLY.encode())
    assert result.stdout.startswith("<stdin>:4:12: warning[title-trailing-period]")


def test_json_report(run):
    result = run(["check", PRINTED, "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr == ""
    document = json.loads(result.stdout)
    (report,) = document["files"]
    assert report["kind"] == "csl-yaml" and report["items"] == 31
    assert document["summary"] == {"files": 1, "items": 31, "errors": 0, "warnings": 34, "fixable": 7}
    doi = next(f for f in report["findings"] if f["id"] == "patil2016")
    assert doi == {"rule": "doi-missing-10", "severity": "warning",
                   "message": "'1016/j.phrs.2016.07.019' lacks the \"10.\" prefix: 10.1016/j.phrs.2016.07.019 "
                              "(fixable with --fix)",
                   "file": str(PRINTED), "line": 78, "column": 10, "field": "references[3].DOI",
                   "id": "patil2016",
                   "fix": {"old": "1016/j.phrs.2016.07.019", "new": "10.1016/j.phrs.2016.07.019"}}


def test_sarif_report(run, write_file):
    path = write_file("refs.yaml", WITH_ERRORS)
    result = run(["check", path, "-f", "sarif"])
    assert result.exit_code == 3
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "citefmt"
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    assert all(r["shortDescription"]["text"] for r in driver["rules"])
    first = run_["results"][0]
    assert first["ruleId"] == "invalid-type" and first["level"] == "error"
    assert driver["rules"][first["ruleIndex"]]["id"] == "invalid-type"
    location = first["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "refs.yaml"}, "region": {"startLine": 3, "startColumn": 11}}
    assert first["message"]["text"].startswith("references[0].type: unknown item type")
    assert {r["level"] for r in run_["results"]} == {"error", "warning"}


def test_report_to_a_file(run, write_file, tmp_path):
    path = write_file("refs.yaml", WARNINGS_ONLY)
    result = run(["check", path, "-f", "sarif", "-o", "check.sarif"])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads((tmp_path / "check.sarif").read_text())["runs"][0]["results"]
    assert run(["check", path, "-o", "refs.yaml"]).exit_code == ExitCode.OUTPUT_NOT_WRITABLE


def test_style_option(run, write_file):
    path = write_file("book.yaml", "references:\n  - {id: b, type: book, title: A book, publisher: P, "
                                   "issued: {date-parts: [[2019]]}}\n")
    assert run(["check", path]).stdout == ""
    result = run(["check", path, "--style", "vancouver"])
    assert result.stdout == ("book.yaml:2:5: warning[missing-style-field]: references[0]: nlm-citation-sequence "
                             "prints publisher-place for book items; it is missing\n")
    assert run(["check", path, "--style", "no-such-style"]).exit_code == ExitCode.STYLE_NOT_FOUND


def test_terminal_output_is_coloured(run, write_file, monkeypatch):
    path = write_file("refs.yaml", WARNINGS_ONLY)
    plain = run(["check", path]).stdout
    monkeypatch.setattr(terminal, "detect", lambda: Terminal(True, True, False))
    result = run(["check", path])
    assert ANSI.search(result.stdout)
    assert strip_ansi(result.stdout) == plain


@pytest.mark.parametrize("env", [Terminal(False, False, False), Terminal(True, True, True)])
def test_pipe_or_no_color_is_plain(run, write_file, monkeypatch, env):
    path = write_file("refs.yaml", WARNINGS_ONLY)
    monkeypatch.setattr(terminal, "detect", lambda: env)
    assert not ANSI.search(run(["check", path]).stdout)


def test_help_documents_exit_codes_and_rules(run):
    text = run(["check", "--help"]).stdout
    assert "Exit codes: 0 clean or warnings only; 10 warnings with --strict; 3 errors." in text
    assert "severity[rule-id]" in text
