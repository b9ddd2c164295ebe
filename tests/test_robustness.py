"""The broken and hostile inputs corpus, ``tests/robustness/cases.yaml``: exact exit code and stderr for each.

Every case runs ``citefmt ARGS`` in an empty directory holding the case's files and
checks the exit code, every stderr line (exactly, or against a regex where a path
or a library message varies), stdout where the case says, and that nothing that
looks like a traceback or an internal error ever appears. The file format is
described at its top; adding a case needs no code.

Cases marked ``slow: true`` (100,000 items, 50 MB) run only with ``CITEFMT_SLOW_TESTS=1``.
Cases marked ``xfail: REASON`` document a problem that needs a fix outside the input,
output and XML code; they are strict, so they fail loudly once fixed.
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from citefmt.errors import ExitCode
from helpers import invoke, load_make_refs

HERE = Path(__file__).resolve().parent / "robustness"
CASES_FILE = HERE / "cases.yaml"
SLOW = os.environ.get("CITEFMT_SLOW_TESTS", "").lower() not in ("", "0", "false", "no")
make_refs = load_make_refs()


#: Every exit code citefmt documents; anything else is a bug.
DOCUMENTED_EXIT_CODES = {int(code) for code in ExitCode}
#: What must never reach stderr.
FORBIDDEN = ("Traceback", "Exception ignored", "internal error", "\x1b")


def load_cases() -> list[dict[str, Any]]:
    with open(CASES_FILE, encoding="utf-8") as handle:
        cases = yaml.safe_load(handle)
    names = [case["name"] for case in cases]
    duplicates = {name for name in names if names.count(name) > 1}
    assert not duplicates, f"duplicate case names in {CASES_FILE.name}: {duplicates}"
    return cases


def content_bytes(spec: Any) -> bytes:
    """A file or stdin as the case gives it (see the top of cases.yaml)."""
    if spec is None:
        return b""
    if isinstance(spec, bytes):
        return spec
    if isinstance(spec, str):
        return spec.encode("utf-8")
    if not isinstance(spec, dict) or len(spec) != 1:
        raise ValueError(f"bad content spec: {spec!r}")
    (kind, value), = spec.items()
    if kind == "text":
        return value.encode("utf-8")
    if kind == "latin1":
        return value.encode("latin-1")
    if kind == "utf16":
        return value.encode("utf-16")
    if kind == "base64":
        return base64.b64decode(value)
    if kind == "python":  # an expression, for sizes no one wants to write out
        return content_bytes(eval(value, {"make_refs": make_refs}))  # noqa: S307 - test data we wrote
    raise ValueError(f"unknown content kind {kind!r}")


def _params():
    for case in load_cases():
        marks = []
        if case.get("slow") and not SLOW:
            marks.append(pytest.mark.skip(reason="slow: set CITEFMT_SLOW_TESTS=1 to run"))
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
        yield pytest.param(case, id=case["name"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_case(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, spec in (case.get("files") or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if spec == {"directory": True}:
            path.mkdir()
        else:
            path.write_bytes(content_bytes(spec))
    result = invoke([str(a) for a in case["args"]],
                    input=content_bytes(case["stdin"]) if "stdin" in case else b"",
                    env=case.get("env"))
    lines = result.stderr.splitlines()
    context = f"exit {result.exit_code}, stderr: {result.stderr[:2000]!r}"
    for forbidden in FORBIDDEN:
        assert forbidden not in result.stderr, context
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), f"escaped exception: {result.exception!r}"
    assert result.exit_code in DOCUMENTED_EXIT_CODES, context
    assert result.exit_code == case["exit"], context
    if "stderr" in case:
        assert lines == case["stderr"], context
    if "stderr_match" in case:
        assert len(lines) == len(case["stderr_match"]), context
        for line, pattern in zip(lines, case["stderr_match"]):
            assert re.fullmatch(pattern, line), f"{line!r} !~ {pattern!r}"
    if "stderr" not in case and "stderr_match" not in case:
        assert lines == [], context
    if case["exit"] != 0:
        assert result.stdout == "", "nothing on stdout after an error"
    if "stdout" in case:
        assert result.stdout == case["stdout"]
    for needle in case.get("stdout_contains", []):
        assert needle in result.stdout, (needle, result.stdout[:2000])
    for needle in case.get("stdout_excludes", []):
        assert needle not in result.stdout, (needle, result.stdout[:2000])
    if "stdout_lines" in case:
        assert len(result.stdout.splitlines()) == case["stdout_lines"]
    for name, expected in (case.get("files_after") or {}).items():
        path = tmp_path / name
        if expected is None:
            assert not path.exists(), name
        else:
            assert path.read_bytes() == content_bytes(expected), name


def test_every_case_is_well_formed():
    allowed = {"name", "about", "files", "args", "stdin", "env", "exit", "stderr", "stderr_match", "stdout",
               "stdout_contains", "stdout_excludes", "stdout_lines", "files_after", "slow", "xfail"}
    for case in load_cases():
        assert set(case) <= allowed, (case["name"], set(case) - allowed)
        assert {"name", "args", "exit"} <= set(case), case["name"]
        assert case["exit"] in DOCUMENTED_EXIT_CODES, case["name"]
        for spec in list((case.get("files") or {}).values()) + [case.get("stdin")]:
            if spec != {"directory": True} and not (isinstance(spec, dict) and "python" in spec):
                content_bytes(spec)


@pytest.mark.parametrize("source", ["big.yaml", "/dev/zero", "-"])
def test_input_size_is_bounded(source, tmp_path, monkeypatch):
    """Past the limit (256 MB; 1 KB here) a file, a device or stdin is refused without reading on."""
    import citefmt.inputs

    if source == "/dev/zero" and not Path(source).exists():
        pytest.skip("no /dev/zero")
    monkeypatch.setattr(citefmt.inputs, "MAX_INPUT_BYTES", 1024)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "big.yaml").write_bytes(b"# padding\n" * 200)
    result = invoke(["refs", source], input=b"x" * 2000)
    shown = "<stdin>" if source == "-" else source
    assert result.exit_code == 3
    assert result.error_lines == [f"citefmt: error: {shown}: is larger than 1,024 bytes, the most citefmt reads "
                                  "(split the references into several files)"]
