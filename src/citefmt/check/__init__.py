"""Checking reference data: CSL-JSON validation (errors) and lint rules (warnings), with safe fixes.

>>> from citefmt.check import check_source, apply_fixes
>>> report = check_source("refs.yaml", style="vancouver")          # doctest: +SKIP
>>> for finding in report.findings:                                # doctest: +SKIP
...     print(finding)   # refs.yaml:12:10: warning[doi-missing-10]: references[3].DOI: ...
>>> fixed = apply_fixes(report.text, report.findings)              # doctest: +SKIP

* :func:`check_source` / :func:`check_text` return a :class:`CheckReport` whose
  findings each carry a rule id (:data:`RULES`), a severity, a message, the file,
  line and column of the value, its data path (``references[3].DOI``) and, for
  safe cases (DOI labels and URLs, a missing ``10.``, page dashes, trailing full
  stops), a :class:`Fix`.
* :func:`apply_fixes` applies those fixes as surgical text edits at the values'
  exact offsets: comments, key order, quoting and layout elsewhere stay byte-identical.
* :func:`fix_file` checks a file, applies its fixes and writes it back atomically.
* :mod:`citefmt.check.output` writes reports as text, JSON or SARIF 2.1.0.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from .findings import CheckReport
    from .fixing import FixResult

#: Each public name and the module it is imported from on first use: the CLI reads
#: ``ReportFormat`` at start-up, and needs the rules only when ``check`` runs.
_EXPORTS = {
    "check_source": "core", "check_text": "core", "read_source": "core",
    "RULES": "findings", "CheckReport": "findings", "Finding": "findings", "Fix": "findings",
    "Rule": "findings", "Severity": "findings",
    "FixResult": "fixing", "apply_fixes": "fixing", "fix_text": "fixing",
    "ReportFormat": "report_format",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __name__), name)


__all__ = [
    "RULES", "CheckReport", "Finding", "Fix", "FixOutcome", "FixResult", "ReportFormat", "Rule", "Severity",
    "apply_fixes", "check_source", "check_text", "fix_file", "fix_text", "unified_diff",
]


@dataclass
class FixOutcome:
    """What :func:`fix_file` did to one file."""

    #: The report of the file before fixing.
    before: CheckReport
    #: The report of the fixed text (what is left to do by hand).
    after: CheckReport
    #: The text before and after.
    old_text: str
    new_text: str
    result: FixResult
    #: True if the file was written.
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.new_text != self.old_text


def fix_file(source: str | os.PathLike[str] | None, *, style: str | None = None, write: bool = True,
             stdin: BinaryIO | None = None, today: _dt.date | None = None) -> FixOutcome:
    """Check a file, apply the safe fixes and (with ``write``) replace it atomically.

    The file keeps its BOM and line endings; only the fixed values change.
    """
    from ..errors import InputError, Location
    from ..outfile import write_atomically
    from .core import check_text, read_source
    from .fixing import fix_text

    if write and (source is None or str(source) == "-"):
        where = "<stdin>" if source is not None else "data/article.yaml"
        raise InputError("cannot fix this input in place", location=Location(where),
                         hint="give the path of the file to fix, or use --diff to see the fixes")
    name, text, path, bom = read_source(source, stdin=stdin)
    before = check_text(text, name=name, style=style, today=today)
    result = fix_text(text, before.findings)
    after = check_text(result.text, name=name, style=style, today=today) if result.applied else before
    outcome = FixOutcome(before, after, text, result.text, result)
    if write and outcome.changed and path is not None:
        payload = (b"\xef\xbb\xbf" if bom else b"") + result.text.encode("utf-8")
        write_atomically(path, payload)       # the input is the target here: no inputs guard
        outcome.written = True
    return outcome


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff of a fix (``a/NAME`` → ``b/NAME``), empty if nothing changed."""
    import difflib

    if old == new:
        return ""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)

