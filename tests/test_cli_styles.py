"""`citefmt styles [QUERY]`: aliases and matching styles; a table in a terminal, id TAB title in a pipe."""

from __future__ import annotations

import os

import pytest

from citefmt.cli import terminal
from helpers import invoke_cached, squash

ALIASES = {
    "vancouver": "nlm-citation-sequence",
    "nlm": "nlm-citation-sequence",
    "apa": "apa",
    "gost": "gost-r-7-0-5-2008-numeric",
}


def rows(stdout: str) -> list[tuple[str, str]]:
    out = []
    for line in stdout.splitlines():
        assert line.count("\t") == 1, f"not 'id TAB title': {line!r}"
        style_id, title = line.split("\t")
        out.append((style_id, title))
    return out


def test_without_query_lists_aliases_first_then_independent_styles():
    from citefmt.styles import official_styles_dir

    result = invoke_cached("styles")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    listed = rows(result.stdout)
    assert [style_id for style_id, _ in listed[:4]] == list(ALIASES)
    for (alias, title), target in zip(listed[:4], ALIASES.values()):
        assert title.endswith(f"(→ {target})"), (alias, title)
    independent = {f[:-4] for f in os.listdir(official_styles_dir()) if f.endswith(".csl")}
    rest = [style_id for style_id, _ in listed[4:]]
    assert set(rest) == independent
    assert len(rest) == len(independent) > 2000
    assert "vancouver-nlm" not in rest, "dependent styles are listed only when a query matches them"


def test_plain_output_in_a_pipe():
    result = invoke_cached("styles", "gost")
    assert "\x1b" not in result.stdout
    assert "┃" not in result.stdout and "│" not in result.stdout
    assert rows(result.stdout) == [
        ("gost", "Russian GOST R 7.0.5-2008 (numeric) (→ gost-r-7-0-5-2008-numeric)"),
        ("gost-r-7-0-5-2008-numeric-alphabetical",
         "Russian GOST R 7.0.5-2008 (numeric, sorted alphabetically, Ру́сский)"),
        ("gost-r-7-0-5-2008-numeric", "Russian GOST R 7.0.5-2008 (numeric)"),
        ("gost-r-7-0-5-2008", "Russian GOST R 7.0.5-2008 (Ру́сский)"),
    ]


def test_query_finds_dependent_styles_and_names_their_parent():
    listed = dict(rows(invoke_cached("styles", "lancet").stdout))
    assert listed["the-lancet"] == "The Lancet"
    assert listed["the-lancet-oncology"] == "The Lancet Oncology (→ the-lancet)"


def test_query_matches_every_word_in_id_or_title_case_insensitively():
    ids = [style_id for style_id, _ in rows(invoke_cached("styles", "GOST Numeric").stdout)]
    assert ids == ["gost", "gost-r-7-0-5-2008-numeric-alphabetical", "gost-r-7-0-5-2008-numeric"]


def test_query_matches_titles_too():
    # "Citing Medicine" appears only in titles, never in ids.
    ids = [style_id for style_id, _ in rows(invoke_cached("styles", "citing medicine").stdout)]
    assert "nlm-citation-sequence" in ids and "vancouver" in ids


def test_no_match_is_an_error():
    result = invoke_cached("styles", "zzqqxx")
    assert result.exit_code == 5
    assert result.stdout == ""
    assert result.stderr == "citefmt: error: no style matches 'zzqqxx'\n"


def test_every_listed_style_resolves():
    from citefmt.styles import resolve_style

    for style_id, _ in rows(invoke_cached("styles", "vancouver").stdout):
        resolve_style(style_id)  # raises StyleNotFoundError if not


@pytest.fixture
def pretend_tty(monkeypatch):
    monkeypatch.setattr(terminal, "detect", lambda: terminal.Terminal(True, True, False))


def test_table_in_a_terminal(run, pretend_tty):
    result = run(["styles", "lancet"])
    assert result.exit_code == 0
    assert "\t" not in result.stdout
    text = squash(result.stdout)
    assert "4 styles matching 'lancet'" in text
    assert "id title kind" in text
    assert "the-lancet independent" in text.replace("The Lancet ", "")


def test_table_keeps_its_title_column_in_80_columns(run, pretend_tty):
    result = run(["styles", "apa"])
    assert result.exit_code == 0
    assert "title" in squash(result.stdout)
