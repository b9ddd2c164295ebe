"""Writing check reports: one line per finding (text), JSON, and SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json
from typing import Iterable

from .. import __version__
from .findings import RULES, CheckReport, Finding, Severity
from .report_format import ReportFormat  # noqa: F401 - also imported from here




def all_findings(reports: Iterable[CheckReport]) -> list[Finding]:
    """The findings of every report, grouped by file (in the order given), then by line."""
    found: list[Finding] = []
    for report in reports:
        found.extend(sorted(report.findings, key=Finding.sort_key))
    return found


def text_lines(reports: Iterable[CheckReport]) -> list[str]:
    """``FILE:LINE:COL: severity[rule]: field: message``, one line per finding."""
    return [str(finding) for finding in all_findings(reports)]


def summary(reports: list[CheckReport]) -> str:
    """One line: how many files, errors, warnings and fixable findings."""
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports)
    fixable = sum(len(r.fixable) for r in reports)
    files = len(reports)
    where = reports[0].file if files == 1 else f"{files} files"
    if not errors and not warnings:
        items = sum(r.items for r in reports)
        return f"{where}: no problems in {items} item{'s' if items != 1 else ''}"
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    text = f"{where}: " + ", ".join(parts)
    if fixable:
        text += f" ({fixable} fixable with --fix)"
    return text


def to_json(reports: list[CheckReport]) -> str:
    document = {
        "version": 1,
        "files": [report.as_dict() for report in reports],
        "summary": {
            "files": len(reports),
            "items": sum(r.items for r in reports),
            "errors": sum(len(r.errors) for r in reports),
            "warnings": sum(len(r.warnings) for r in reports),
            "fixable": sum(len(r.fixable) for r in reports),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_sarif(reports: list[CheckReport]) -> str:
    """A SARIF 2.1.0 log: one run, citefmt's rules, one result per finding."""
    rules = [{
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.description},
        "defaultConfiguration": {"level": rule.severity.value},
    } for rule in RULES.values()]
    index = {rule.id: i for i, rule in enumerate(RULES.values())}
    results = []
    for finding in all_findings(reports):
        region = {}
        if finding.line is not None:
            region["startLine"] = finding.line
            if finding.column is not None:
                region["startColumn"] = finding.column
        location = {"physicalLocation": {"artifactLocation": {"uri": _uri(finding.file)}}}
        if region:
            location["physicalLocation"]["region"] = region
        if finding.field:
            location["logicalLocations"] = [{"fullyQualifiedName": finding.field, "kind": "member"}]
        result = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": "error" if finding.severity is Severity.error else "warning",
            "message": {"text": (f"{finding.field}: " if finding.field else "") + finding.message},
            "locations": [location],
        }
        if finding.fix is not None:
            result["properties"] = {"fix": finding.fix.as_dict()}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "citefmt",
                "version": __version__,
                "rules": rules,
            }},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _uri(name: str) -> str:
    """A file name as a relative URI reference (SARIF's artifactLocation.uri)."""
    from urllib.parse import quote

    return quote(name.replace("\\", "/"), safe="/:._-~")


def render(reports: list[CheckReport], fmt: ReportFormat | str) -> str:
    """The whole report in ``fmt`` (text: one line per finding)."""
    fmt = ReportFormat(fmt)
    if fmt is ReportFormat.json:
        return to_json(reports)
    if fmt is ReportFormat.sarif:
        return to_sarif(reports)
    lines = text_lines(reports)
    return "\n".join(lines) + "\n" if lines else ""
