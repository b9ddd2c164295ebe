"""Checking one source: read it, validate it, run the lint rules, locate every finding."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any, BinaryIO

from .. import csl
from ..errors import InputError
from ..inputs import TextLocator, _detect, _parse_text, decode_text, read_source_bytes
from ..inputs.validate import Problem, validate_items
from . import findings as R
from .findings import CheckReport, Finding, Fix, Rule, Severity
from .rules import FIXERS, Hit, file_hits, item_hits, preferred_dash


def read_source(source: str | os.PathLike[str] | None = None, *,
                stdin: BinaryIO | None = None) -> tuple[str, str, Path | None, bool]:
    """Read a source as :func:`citefmt.inputs.load_library` does.

    Returns (name, text, path, had a BOM); the text keeps its line endings (so a
    fix can be written back byte for byte). Raises :class:`InputError` if the
    source cannot be read or is not UTF-8 text.
    """
    name, raw, path = read_source_bytes(source, stdin=stdin)
    decode_text(raw, name)          # the same checks (and messages) as every other command
    bom = raw.startswith(b"\xef\xbb\xbf")
    return name, raw[3:].decode("utf-8") if bom else raw.decode("utf-8"), path, bom


def check_source(source: str | os.PathLike[str] | None = None, *, style: str | None = None,
                 stdin: BinaryIO | None = None, today: _dt.date | None = None) -> CheckReport:
    """Check a file (a path, ``"-"`` for stdin, None for the bundled article).

    A ``str`` holding a line break, or starting with ``[`` or ``{``, is taken as the
    text itself (named ``<text>``). Raises :class:`InputError` only if the source
    cannot be read at all; everything wrong inside it is a finding.
    """
    if isinstance(source, str) and ("\n" in source or source.lstrip()[:1] in ("[", "{")):
        return check_text(source, name="<text>", style=style, today=today)
    name, text, _, _ = read_source(source, stdin=stdin)
    return check_text(text, name=name, style=style, today=today)


def check_text(text: str, *, name: str = "<input>", style: str | None = None,
               today: _dt.date | None = None) -> CheckReport:
    """Check reference data given as text (YAML or JSON; any kind citefmt reads)."""
    report = CheckReport(file=name, text=text)
    locator = TextLocator(text, name)
    try:
        data = _parse_text(text, name)
        kind, article, references, container = _detect(data, name)
    except InputError as exc:
        location = exc.location
        report.findings.append(Finding(
            R.INVALID_INPUT.id, Severity.error, _with_hint(exc.message, exc.hint), name,
            location.line if location else None, location.column if location else None,
            exc.field or ""))
        return report
    report.kind = kind
    entries: list[tuple[tuple, str, Any, bool]] = []
    if article is not None:
        entries.append((("article",), "article", article, True))
    for index, raw in enumerate(references):
        path = (container, index) if container else (index,)
        entries.append((path, f"{container}[{index}]" if container else f"[{index}]", raw, False))
    report.items = len(entries)

    _, problems = validate_items([e[2] for e in entries], [e[1] for e in entries])
    for problem in problems:
        report.findings.append(_problem_finding(problem, locator))

    fields = None
    if style is not None:
        from .style_fields import style_fields

        fields = style_fields(style)

    cleaned = []
    for path, prefix, raw, is_article in entries:
        clean, _ = validate_items([raw], [prefix])
        if clean:
            cleaned.append((path, prefix, raw, is_article, clean[0]))
    dash = preferred_dash(item for *_, item in cleaned)

    references_checked: list[tuple[tuple, str, dict, Any]] = []
    for path, prefix, raw, is_article, item in cleaned:
        hits = item_hits(item, today=today, dash=dash)
        if fields is not None:
            for requirement in fields.missing(item):
                hits.append(Hit(R.MISSING_STYLE_FIELD, (),
                                f"{fields.name} prints {requirement.label()} for {item.get('type')} items; "
                                f"it is missing", variables=requirement.variables))
        for hit in hits:
            if _present_but_invalid(hit, raw):
                continue
            report.findings.append(_hit_finding(hit, path, prefix, item, raw, locator))
        if not is_article:
            references_checked.append((path, prefix, item, raw))

    for index, hit in file_hits([entry[2] for entry in references_checked]):
        path, prefix, item, raw = references_checked[index]
        report.findings.append(_hit_finding(hit, path, prefix, item, raw, locator))

    report.findings.sort(key=Finding.sort_key)
    return report


#: What each "missing" rule looks for (a value that is there but invalid is an error already).
_MISSING_FIELD = {R.MISSING_DATE.id: "issued", R.MISSING_TITLE.id: "title",
                  R.MISSING_CONTAINER_TITLE.id: "container-title", R.MISSING_PUBLISHER.id: "publisher"}


def _present_but_invalid(hit: Hit, raw: Any) -> bool:
    if not isinstance(raw, dict):
        return False
    if hit.rule is R.MISSING_STYLE_FIELD:
        return any(raw.get(v) is not None for v in hit.variables)
    field = _MISSING_FIELD.get(hit.rule.id)
    return field is not None and raw.get(field) is not None


def _with_hint(message: str, hint: str | None) -> str:
    return f"{message} ({hint})" if hint else message


def _display(prefix: str, steps: tuple) -> str:
    text = prefix
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text.lstrip(".")


def _value_at(raw: Any, steps: tuple) -> Any:
    value = raw
    for step in steps:
        if isinstance(value, dict) and step in value:
            value = value[step]
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return None
    return value


def _hit_finding(hit: Hit, path: tuple, prefix: str, item: dict, raw: Any, locator: TextLocator) -> Finding:
    full_path = path + hit.steps
    location = locator.locate(full_path)
    fix = None
    if hit.new is not None:
        old = _value_at(raw, hit.steps)
        new: str | None = hit.new
        if isinstance(old, str) and old != _value_at(item, hit.steps):
            # Validation normalised the value (a line break, a control character): fix the
            # value as written, so that nothing but the fix changes.
            fixer = FIXERS.get(hit.rule.id)
            new = fixer(old) if fixer else None
        if isinstance(old, str) and new is not None and old != new:
            fix = Fix(full_path, old, new)
    message = hit.message + (" (fixable with --fix)" if fix is not None else "")
    return Finding(hit.rule.id, hit.rule.severity, message, location.file, location.line, location.column,
                   _display(prefix, hit.steps), full_path, _item_id(item), fix)


def _item_id(item: dict) -> str | None:
    value = item.get("id")
    return str(value) if value is not None else None


def _problem_rule(problem: Problem) -> Rule:
    """The rule a validation problem belongs to."""
    message = problem.message
    top = next((step for step in problem.path if isinstance(step, str) and step not in ("references", "article")),
               None)
    if message.startswith("duplicate id"):
        return R.DUPLICATE_ID
    if message in ("has no id", "has no type"):
        return R.MISSING_REQUIRED
    if problem.on_key or message.startswith("unknown CSL variable"):
        return R.UNKNOWN_FIELD
    if message.startswith("unknown item type") or top == "type":
        return R.INVALID_TYPE
    if top in csl.NAME_VARIABLES:
        return R.INVALID_NAME
    if top in csl.DATE_VARIABLES:
        return R.INVALID_DATE
    return R.INVALID_VALUE


def _problem_finding(problem: Problem, locator: TextLocator) -> Finding:
    rule = _problem_rule(problem)
    location = locator.locate(problem.path, on_key=problem.on_key)
    return Finding(rule.id, Severity.error, _with_hint(problem.message, problem.hint), location.file,
                   location.line, location.column, problem.field, problem.path)
