"""Styling: rich escape codes in a terminal only; plain bytes into a pipe or file; NO_COLOR respected.

The CLI asks :func:`citefmt.cli.terminal.detect` where its output goes; tests replace it to
pretend to be a terminal. APA sets journal names (and volumes) in italics: ESC[3m.
"""

from __future__ import annotations

import pytest

from citefmt.cli import terminal
from citefmt.cli.terminal import Terminal, detect, rich_text
from helpers import strip_ansi

ITALIC = "\x1b[3m"
#: One APA reference (rendering all 31 takes half a second).
APA_ONE = ["cite", "-s", "apa", "--id", "rabbat2005"]
ESC = "\x1b"


def pretend(monkeypatch, env: Terminal) -> None:
    monkeypatch.setattr(terminal, "detect", lambda: env)


def test_tty_styles_apa_italics(run, monkeypatch):
    pretend(monkeypatch, Terminal(True, True, False))
    result = run(APA_ONE)
    assert result.exit_code == 0
    assert ITALIC in result.stdout


def test_tty_styles_apa_italics_when_rich_agrees(run, monkeypatch):
    # FORCE_COLOR makes rich trust that the stream is a terminal, as it would in a real one.
    pretend(monkeypatch, Terminal(True, True, False))
    result = run(APA_ONE, env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert f"{ITALIC}British Journal of Haematology" in result.stdout
    # The text under the styling is the same as the plain output (into a pipe).
    pretend(monkeypatch, Terminal(False, False, False))
    plain = run(APA_ONE).stdout
    assert ESC not in plain
    assert strip_ansi(result.stdout) == plain


def test_tty_numbered_style_keeps_its_numbers(run, monkeypatch):
    pretend(monkeypatch, Terminal(True, True, False))
    result = run(["refs"], env={"FORCE_COLOR": "1"})
    lines = strip_ansi(result.stdout).splitlines()
    assert len(lines) == 31
    assert lines[0].startswith("1. Rabbat A, Chaoui D, Montani D.")


def test_no_color_means_plain_bytes(run, monkeypatch):
    pretend(monkeypatch, Terminal(True, True, True))
    result = run(APA_ONE, env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert ESC not in result.stdout
    assert result.stdout_bytes == run(APA_ONE).stdout_bytes


def test_pipe_is_plain_even_if_rich_is_forced(run):
    # The default runner is not a terminal: no escape codes whatever rich is told.
    result = run(APA_ONE, env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert ESC not in result.stdout
    assert "British Journal of Haematology" in result.stdout


@pytest.mark.parametrize("fmt", ["html", "markdown", "json"])
def test_other_formats_are_never_styled(run, monkeypatch, fmt):
    pretend(monkeypatch, Terminal(True, True, False))
    result = run(["cite", "-s", "apa", "-f", fmt], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert ESC not in result.stdout


def test_output_file_is_plain_in_a_terminal(run, monkeypatch, tmp_path):
    pretend(monkeypatch, Terminal(True, True, False))
    target = tmp_path / "out.txt"
    result = run(["cite", "-s", "apa", "-o", target], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert ESC.encode() not in target.read_bytes()
    assert result.stdout == ""
    assert result.stderr == f"citefmt: wrote 1 reference to {target}\n"


# --- detect() against the real process environment ----------------------------------------------

@pytest.fixture
def tty_streams(monkeypatch):
    monkeypatch.setattr(terminal, "_isatty", lambda stream: True)
    for name in ("NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)


def test_detect_terminal(tty_streams):
    assert detect() == Terminal(True, True, False)
    assert detect().styled


@pytest.mark.parametrize("name, value", [("NO_COLOR", "1"), ("NO_COLOR", "anything"), ("TERM", "dumb")])
def test_detect_no_color(tty_streams, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    assert detect().no_color
    assert not detect().styled


def test_detect_empty_no_color_is_unset(tty_streams, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "")  # no-color.org: only a non-empty value counts
    assert not detect().no_color


def test_no_color_environment_reaches_the_cli(run, tty_streams):
    styled = run(APA_ONE, env={"FORCE_COLOR": "1"})
    assert ITALIC in styled.stdout
    plain = run(APA_ONE, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert ESC not in plain.stdout


def test_detect_pipe():
    import io
    import sys

    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    try:
        env = detect()
    finally:
        sys.stdout, sys.stderr = saved
    assert (env.stdout_is_tty, env.stderr_is_tty, env.styled) == (False, False, False)


# --- rich_text -----------------------------------------------------------------------------------

def test_rich_text_styles():
    text = rich_text('<div class="csl-entry"><div class="csl-left-margin">1. </div>'
                     '<div class="csl-right-inline">A <i>B</i> <b>C</b> <span style="font-variant:small-caps">d</span>'
                     '</div></div>')
    assert text.plain == "1. A B C D"
    spans = {text.plain[s.start:s.end]: str(s.style) for s in text.spans}
    assert spans == {"1. ": "bold", "B": "italic", "C": "bold"}
