"""Errors: one line on stderr, a documented exit code for each kind, a traceback only with --debug."""

from __future__ import annotations

import shutil

import pytest

from citefmt.errors import (CitefmtError, ExitCode, InputError, LocaleNotFoundError, OutputError,
                            StyleNotFoundError, StyleUnsupportedError, UnknownIdError)
from helpers import ARTICLE, SMALL_REFS_YAML

NO_BIBLIOGRAPHY_CSL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Citations only</title><id>citations-only</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
</style>
"""


def test_exit_code_values_are_stable():
    assert {code.name: int(code) for code in ExitCode} == {
        "OK": 0, "INTERNAL": 1, "USAGE": 2, "INPUT_INVALID": 3, "UNKNOWN_ID": 4,
        "STYLE_NOT_FOUND": 5, "LOCALE_NOT_FOUND": 6, "OUTPUT_NOT_WRITABLE": 7, "STYLE_UNSUPPORTED": 8, "PROCESS_KILLED": 9,
        "CHECK_WARNINGS": 10,
    }


@pytest.mark.parametrize("error_class, code", [
    (CitefmtError, 1), (InputError, 3), (UnknownIdError, 4), (StyleNotFoundError, 5),
    (LocaleNotFoundError, 6), (OutputError, 7), (StyleUnsupportedError, 8),
])
def test_each_error_class_maps_to_its_exit_code(error_class, code):
    assert error_class("x").exit_code == code


def assert_one_error_line(result, code: int, message: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert result.error_lines == [f"citefmt: error: {message}"]
    assert "Traceback" not in result.stderr
    assert isinstance(result.exception, SystemExit), "a deliberate exit, not an escaped exception"


# --- 2: usage -----------------------------------------------------------------------------------

@pytest.mark.parametrize("args, needle", [
    (["refs", "--bogus"], "No such option: --bogus"),
    (["refs", "-f", "pdf"], "'pdf' is not one of"),
    (["refs", "-s"], "Option '-s' requires an argument"),
    (["frobnicate"], "No such command 'frobnicate'"),
    (["cite", "--id", "rabbat2005", "--in-text", "thol2015"], "either --id or --in-text"),
])
def test_usage_errors_exit_2(run, args, needle):
    result = run(args)
    assert result.exit_code == ExitCode.USAGE == 2
    assert result.stdout == ""
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args, message", [
    (["refs", "-f", "pdf"], "Invalid value for '--format' / '-f': 'pdf' is not one of 'text', 'html', "
                            "'markdown', 'json'. (see 'citefmt refs -h')"),
    (["frobnicate"], "No such command 'frobnicate'. (see 'citefmt -h')"),
    (["cite", "--id", "rabbat2005", "--in-text", "thol2015"],
     "Invalid value for --in-text: use either --id or --in-text, not both (see 'citefmt cite -h')"),
])
def test_usage_errors_of_the_console_script_are_one_line(run_process, args, message):
    """The installed command (``citefmt.cli.main``) prints one line, not Typer's box."""
    result = run_process(args)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().splitlines() == [f"citefmt: error: {message}"]


def test_the_console_script_leaves_without_collecting_what_is_alive(monkeypatch, capsys):
    """``citefmt.cli.main`` freezes what is alive before the interpreter exits: Python's last
    collections would walk it all (tens of ms) to free memory the process hands back anyway."""
    import gc
    import sys

    from citefmt.cli import main

    monkeypatch.setattr(sys, "argv", ["citefmt", "cite"])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit) as exited:
            main()
        assert exited.value.code == 0 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert capsys.readouterr().out.startswith("Zaitsev DV, Girshova LL")


# --- 3: input -----------------------------------------------------------------------------------

def test_invalid_input_exits_3(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_error_line(run(["refs", "missing.yaml"]), 3, "missing.yaml: no such file")


# --- 4: unknown id, no article ------------------------------------------------------------------

def test_unknown_id_exits_4(run):
    assert_one_error_line(run(["cite", "--id", "thol2016"]), 4,
                          "no reference with id 'thol2016' (did you mean thol2015, stahl2018, patil2016?)")


def test_unknown_in_text_id_exits_4(run):
    assert_one_error_line(run(["cite", "--in-text", "zzz"]), 4, "no reference with id 'zzz' (32 ids in data/article.yaml)")


def test_no_article_exits_4(run, write_file):
    path = write_file("refs.yaml", SMALL_REFS_YAML)
    assert_one_error_line(run(["cite", path]), 4, "refs.yaml has no `article:`, so there is no article to cite "
                                                  "(pass --id ID to format references, or use `citefmt refs`)")


# --- 5: style -----------------------------------------------------------------------------------

def test_unknown_style_exits_5_naming_the_closest(run):
    assert_one_error_line(run(["refs", "-s", "vancuver"]), 5,
                          "unknown style 'vancuver' (closest: vancouver, vancouver-nlm, vancouver-ama, "
                          "sage-vancouver; `citefmt styles QUERY` searches all)")


def test_missing_style_file_exits_5(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_error_line(run(["refs", "-s", "nothere.csl"]), 5, "nothere.csl: no such style file")


def test_style_search_without_match_exits_5(run):
    assert_one_error_line(run(["styles", "qqqzzz"]), 5, "no style matches 'qqqzzz'")


def test_invalid_style_file_exits_5(run, write_file):
    path = write_file("broken.csl", "this is not XML\n")
    result = run(["refs", "-s", path])
    assert result.exit_code == 5
    assert result.error_lines[0].startswith("citefmt: error: broken.csl")


# --- 6: locale ----------------------------------------------------------------------------------

def test_unknown_locale_exits_6_naming_the_closest(run):
    assert_one_error_line(run(["refs", "-l", "en-UK"]), 6, "unknown locale 'en-UK' (closest: en-US, en-GB)")


def test_unknown_locale_without_close_match_exits_6(run):
    result = run(["refs", "-l", "klingon"])
    assert result.exit_code == 6
    assert result.error_lines[0].startswith("citefmt: error: unknown locale 'klingon' (")


# --- 7: output ----------------------------------------------------------------------------------

def test_output_into_missing_directory_exits_7(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_error_line(run(["refs", "-o", "nodir/out.txt"]), 7, "nodir/out.txt: directory nodir does not exist")


def test_output_over_the_input_exits_7(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(ARTICLE, tmp_path / "article.yaml")
    assert_one_error_line(run(["refs", "article.yaml", "-o", "article.yaml"]), 7,
                          "article.yaml: refusing to overwrite the input file (choose another -o PATH)")


def test_output_onto_a_directory_exits_7(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outdir").mkdir()
    assert_one_error_line(run(["refs", "-o", "outdir"]), 7, "outdir: is a directory")


# --- 8: the style cannot do it ------------------------------------------------------------------

def test_style_without_bibliography_exits_8(run, write_file):
    path = write_file("citations-only.csl", NO_BIBLIOGRAPHY_CSL)
    result = run(["refs", "-s", path])
    assert result.exit_code == 8
    assert len(result.error_lines) == 1 and "internal error" not in result.stderr


def test_style_without_bibliography_still_cites(run, write_file):
    path = write_file("citations-only.csl", NO_BIBLIOGRAPHY_CSL)
    result = run(["cite", "-s", path, "--in-text", "rabbat2005"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Prognosis of patients with acute myeloid leukaemia admitted to intensive care\n"


# --- 1: internal errors, and --debug ------------------------------------------------------------

@pytest.fixture
def broken_renderer(monkeypatch):
    import citefmt.render

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(citefmt.render, "render_bibliography", explode)


def test_internal_error_is_one_line_exit_1(run, broken_renderer):
    assert_one_error_line(run(["refs"]), 1, "internal error: RuntimeError: boom "
                                            "(run again with --debug for the traceback, and please report it)")


@pytest.mark.parametrize("args", [["--debug", "refs"], ["refs", "--debug"]])
def test_debug_lets_the_exception_through(run, broken_renderer, args):
    result = run(args)
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError) and str(result.exception) == "boom"


def test_debug_environment_variable(run, broken_renderer):
    result = run(["refs"], env={"CITEFMT_DEBUG": "1"})
    assert isinstance(result.exception, RuntimeError)


def test_debug_flag_does_not_stick_to_the_next_run(run, broken_renderer):
    run(["--debug", "refs"])
    result = run(["refs"])
    assert isinstance(result.exception, SystemExit)
    assert result.exit_code == 1


def test_debug_raises_the_library_error(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(["refs", "missing.yaml", "--debug"])
    assert isinstance(result.exception, InputError)
    assert str(result.exception) == "missing.yaml: no such file"


def test_keyboard_interrupt_exits_130(run, monkeypatch):
    import citefmt.render

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(citefmt.render, "render_bibliography", interrupted)
    result = run(["refs"])
    assert result.exit_code == 130
    assert result.stderr == "citefmt: interrupted\n"


def test_a_killed_rendering_process_is_one_line_with_its_exit_code(run, monkeypatch):
    import citefmt.render
    from citefmt.engine.parallel import WorkerError

    def killed(*args, **kwargs):
        raise WorkerError("a rendering process was killed by SIGKILL (out of memory?) before giving its results")

    monkeypatch.setattr(citefmt.render, "render_bibliography", killed)
    result = run(["refs"])
    assert result.exit_code == ExitCode.PROCESS_KILLED == 9
    assert result.stderr.startswith("citefmt: error: a rendering process was killed by SIGKILL")
    assert result.stderr.count("\n") == 1


# --- as a real process: what a user sees --------------------------------------------------------

ERRORS_AS_PROCESS = [
    (["refs", "missing.yaml"], 3, "citefmt: error: missing.yaml: no such file\n"),
    (["cite", "--id", "nobody"], 4, "citefmt: error: no reference with id 'nobody' (32 ids in data/article.yaml)\n"),
    (["refs", "-l", "en-UK"], 6, "citefmt: error: unknown locale 'en-UK' (closest: en-US, en-GB)\n"),
    (["refs", "-o", "nodir/x.txt"], 7, "citefmt: error: nodir/x.txt: directory nodir does not exist\n"),
]


@pytest.mark.parametrize("args, code, stderr", ERRORS_AS_PROCESS, ids=[str(c) for _, c, _ in ERRORS_AS_PROCESS])
def test_process_error_without_traceback(run_process, args, code, stderr):
    completed = run_process(args)
    assert completed.returncode == code
    assert completed.stdout == b""
    assert completed.stderr.decode() == stderr


def test_process_traceback_with_debug(run_process):
    completed = run_process(["--debug", "refs", "missing.yaml"])
    assert completed.returncode != 0
    stderr = completed.stderr.decode()
    assert stderr.startswith("Traceback (most recent call last):")
    assert stderr.rstrip().endswith("citefmt.errors.InputError: missing.yaml: no such file")
