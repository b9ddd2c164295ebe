"""Helpers shared by the tests (imported as ``helpers``; fixtures live in conftest.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from typer.testing import CliRunner

#: The repository root (the directory holding ``tests/``).
ROOT = Path(__file__).resolve().parents[1]
#: The bundled article, as committed.
ARTICLE = ROOT / "data" / "article.yaml"
#: ``../shared`` beside the repository (golden files); may be absent.
SHARED = ROOT.parent / "shared"
EXPECTED = SHARED / "reference" / "expected"

#: What any ANSI escape sequence (CSI or OSC) looks like.
ANSI = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\))")

#: Environment variables that change how citefmt or rich behave; a test run
#: starts with them unset so that the developer's shell cannot leak in.
NEUTRAL_ENV: dict[str, str | None] = {
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "PY_COLORS": None,
    "CLICOLOR_FORCE": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
    "CITEFMT_DEBUG": None,
    "COLUMNS": None,
    "TERM": "xterm-256color",
}


@dataclass
class Outcome:
    """What one run of the command produced."""

    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes
    #: The exception that ended the run (SystemExit for a deliberate exit code).
    exception: BaseException | None

    @property
    def error_lines(self) -> list[str]:
        return self.stderr.splitlines()


Run = Callable[..., Outcome]


def invoke(args: Sequence[str], *, input: bytes | str | None = None,
           env: Mapping[str, str | None] | None = None) -> Outcome:
    """Run ``citefmt ARGS`` in-process and return exit code, stdout and stderr separately."""
    from citefmt.cli import app

    runner = CliRunner()  # this Typer's runner keeps stderr apart (result.stderr)
    merged = dict(NEUTRAL_ENV)
    merged.update(env or {})
    result = runner.invoke(app, [str(a) for a in args], input=input, env=merged, prog_name="citefmt")
    return Outcome(result.exit_code, result.stdout, result.stderr, result.stdout_bytes, result.exception)


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def squash(text: str) -> str:
    """Text with ANSI codes removed and every run of whitespace (and box drawing) made one space."""
    text = strip_ansi(text)
    text = re.sub(r"[\u2500-\u257f]", " ", text)
    return re.sub(r"\s+", " ", text)


#: A small CSL-JSON library without an article, used across the tests.
SMALL_REFS_YAML = """\
references:
  - id: smith2020
    type: article-journal
    author:
      - {family: Smith, given: John}
      - {family: Jones, given: Ann}
    title: A study of things
    container-title: Journal of Tests
    volume: "12"
    issue: "3"
    page: "100-110"
    issued: {date-parts: [[2020]]}
  - id: brown2019
    type: book
    author:
      - {family: Brown, given: Carol}
    title: A book about stuff
    publisher: Test Press
    publisher-place: London
    issued: {date-parts: [[2019]]}
"""


_CACHE: dict[tuple[str, ...], Outcome] = {}


def invoke_cached(*args: str) -> Outcome:
    """:func:`invoke` with no input and the default environment, memoised for the session.

    Only for runs whose result depends on nothing but ``args`` (e.g. the bundled
    article): rendering APA takes about half a second each time.
    """
    key = tuple(str(a) for a in args)
    if key not in _CACHE:
        _CACHE[key] = invoke(key)
    return _CACHE[key]


def load_make_refs():
    """tests/robustness/make_refs.py, loaded under its own name (benchmarks/ has a `generate` too)."""
    import importlib.util

    path = Path(__file__).resolve().parent / "robustness" / "make_refs.py"
    spec = importlib.util.spec_from_file_location("citefmt_robustness_make_refs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
