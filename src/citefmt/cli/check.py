"""The ``citefmt check`` command: validate and lint reference data, and apply the safe fixes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..check.report_format import ReportFormat
from ..errors import ExitCode
from . import DebugOption, _count, _guard, app, terminal, write_stdout

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


def _exit_code(reports, strict: bool) -> int:
    if any(report.errors for report in reports):
        return int(ExitCode.INPUT_INVALID)
    if strict and any(report.warnings for report in reports):
        return int(ExitCode.CHECK_WARNINGS)
    return int(ExitCode.OK)


def _print_findings(reports) -> None:
    """One line per finding; coloured in a terminal, plain bytes into a pipe."""
    from ..check.output import all_findings, render

    env = terminal.detect()
    if not env.styled:
        write_stdout(render(reports, "text"))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(soft_wrap=True, highlight=False, force_terminal=True)
    for finding in all_findings(reports):
        line = Text()
        line.append(finding.location + ": ", style="bold")
        line.append(finding.severity.value, style=_SEVERITY_STYLE[finding.severity.value])
        line.append(f"[{finding.rule}]", style="dim")
        line.append(": ")
        if finding.field:
            line.append(finding.field, style="cyan")
            line.append(": ")
        line.append(finding.message)
        console.print(line)


@app.command()
def check(
    sources: Optional[List[str]] = typer.Argument(
        None, metavar="SOURCE", show_default=False,
        help="YAML/JSON files of references, or - for stdin. Default: the bundled article."),
    style: Optional[str] = typer.Option(
        None, "--style", "-s", metavar="STYLE",
        help="Also warn about essential parts (title, date, journal, publisher, place, URL) this style "
             "prints for an item's type that the item lacks."),
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", case_sensitive=False,
                                     help="Report format: text (one line per finding), json, or sarif "
                                          "(SARIF 2.1.0, for code-scanning tools)."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes in place (atomically), then report "
                                                  "what is left."),
    diff: bool = typer.Option(False, "--diff", help="Print the safe fixes as a unified diff; write nothing "
                                                    "(with --fix: write and print the diff)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 10 when there are warnings (default: 0)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="PATH",
                                          help="Write the report to PATH (atomically) instead of stdout."),
    debug: bool = DebugOption,
) -> None:
    """Validate references against CSL-JSON and lint them; fix what is safe.

    Errors: data that is not valid CSL-JSON (unknown types or fields; bad
    names, dates or numbers; duplicate ids). Warnings: DOIs, identifiers,
    missing parts, page ranges, dates, names, titles, language, duplicates.
    One line per finding: FILE:LINE:COL: severity\\[rule-id]: field: message.
    The report goes to stdout, a summary line to stderr.

    --fix applies the safe fixes (DOI labels and URLs, a missing "10.", page
    dashes, trailing full stops) in place; nothing else in the file changes.
    --diff prints them as a unified diff instead, and writes nothing.

    Exit codes: 0 clean or warnings only; 10 warnings with --strict; 3 errors.

    Examples:

        $ citefmt check refs.yaml
        refs.yaml:78:10: warning\\[doi-missing-10]: references[3].DOI: ...
        $ citefmt check refs.yaml --diff          # what --fix would change
        $ citefmt check refs.yaml --fix --strict  # fix, fail on the rest
        $ citefmt check refs.json -s gost -f sarif -o check.sarif
    """
    from ..check import check_source, fix_file, unified_diff
    from ..check.output import render, summary
    from ..outfile import check_writable, write_atomically

    with _guard(debug):
        report_format = ReportFormat(fmt)
        names: list[Optional[str]] = list(sources) if sources else [None]
        if fix and None in names:
            raise typer.BadParameter("give the file to fix (the bundled article is not changed)",
                                     param_hint="--fix")
        if fix and "-" in names:
            raise typer.BadParameter("cannot fix standard input in place; use --diff", param_hint="--fix")
        if names.count("-") > 1:
            raise typer.BadParameter("standard input (-) can be read only once", param_hint="SOURCE")
        if output is not None:
            check_writable(output, inputs=[n for n in names if n not in (None, "-")])

        reports = []
        diffs: list[str] = []
        notes: list[str] = []
        for name in names:
            if fix or diff:
                outcome = fix_file(name, style=style, write=fix)
                reports.append(outcome.after if fix else outcome.before)
                diffs.append(unified_diff(outcome.old_text, outcome.new_text, outcome.before.file))
                applied = len(outcome.result.applied)
                if fix and outcome.written:
                    notes.append(f"{outcome.before.file}: fixed {_count(applied, 'value', 'values')}")
                elif diff and not fix and applied:
                    notes.append(f"{outcome.before.file}: {_count(applied, 'value', 'values')} would be fixed "
                                 "(not written: --diff)")
                for skipped in outcome.result.skipped:
                    notes.append(f"{outcome.before.file}: could not fix {'.'.join(map(str, skipped.path))} "
                                 "safely; fix it by hand")
            else:
                reports.append(check_source(name, style=style))

        document = render(reports, report_format)
        if output is not None:
            write_atomically(output, document, inputs=[n for n in names if n not in (None, "-")])
        elif diff:
            write_stdout("".join(diffs))
        elif report_format is ReportFormat.text:
            _print_findings(reports)
        else:
            write_stdout(document)
        for note in notes:
            sys.stderr.write(f"citefmt: {note}\n")
        if report_format is ReportFormat.text or diff or output is not None:
            sys.stderr.write(f"citefmt: {summary(reports)}\n")
        sys.stderr.flush()
        code = _exit_code(reports, strict)
        if code:
            raise typer.Exit(code)
