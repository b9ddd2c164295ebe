"""The terminal side of the CLI: is stdout a terminal, and how rich shows an entry there.

Styling (italics, bold) only when stdout is a terminal and ``NO_COLOR`` is unset
(and ``TERM`` is not ``dumb``); into a pipe or a file the output is plain bytes.
Tests replace :func:`detect` to pretend to be a terminal.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Terminal:
    """What citefmt knows about where its output goes."""

    #: stdout is an interactive terminal.
    stdout_is_tty: bool
    #: stderr is an interactive terminal.
    stderr_is_tty: bool
    #: The user asked for no colour/styling (``NO_COLOR``, ``TERM=dumb``).
    no_color: bool

    @property
    def styled(self) -> bool:
        """Style stdout with escape codes."""
        return self.stdout_is_tty and not self.no_color


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def detect() -> Terminal:
    """Look at the real process: its streams and its environment."""
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Terminal(_isatty(sys.stdout), _isatty(sys.stderr), no_color)


def rich_text(markup: str):
    """An entry's HTML as a :class:`rich.text.Text` with its italics, bold and underline."""
    from rich.text import Text

    from ..formats.markup import BOLD, ITALIC, SMALL_CAPS, SUBSCRIPT, SUPERSCRIPT, UNDERLINE, runs

    text = Text()
    for run in runs(markup):
        style = []
        if ITALIC in run.styles:
            style.append("italic")
        if BOLD in run.styles:
            style.append("bold")
        if UNDERLINE in run.styles:
            style.append("underline")
        if run.role == "margin":
            text.append(run.text.strip() + " ", style="bold")
            continue
        content = run.text
        if SMALL_CAPS in run.styles:
            content = content.upper()
        if run.styles & {SUPERSCRIPT, SUBSCRIPT}:
            style.append("dim")
        if run.href:
            style.append(f"link {run.href}")
        text.append(content, style=" ".join(style) or None)
    return text


class ProgressBar:
    """A rich progress bar on stderr for long runs, used as the library's ``progress`` callback.

    It appears only when stderr is a terminal and a phase has enough to do (``min_total``
    items, or ``min_chars`` characters to read), shows a row per phase from then on, and
    is removed once the run ends (``close``), so that nothing but the result is left on
    the screen.
    """

    LABELS = {"read": "Reading", "references": "Loading references", "sort": "Sorting",
              "compare": "Comparing citations", "given-names": "Expanding given names",
              "disambiguate": "Disambiguating", "render": "Formatting"}

    def __init__(self, env: Terminal, min_total: int = 500, min_chars: int = 250_000):
        self.enabled = env.stderr_is_tty
        self.min_total = min_total
        self.min_chars = min_chars
        self._bar = None
        self._tasks: dict[str, int] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            if total < (self.min_chars if phase == "read" else self.min_total):
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("{task.description:<21}"), BarColumn(),
                                 TextColumn("{task.fields[count]}", justify="right"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True)
            self._bar.start()
        # Characters read say little: that phase shows how far it is.
        count = f"{100 * done // max(total, 1)}%" if phase == "read" else f"{done:,}/{total:,}"
        task = self._tasks.get(phase)
        if task is None:
            task = self._tasks[phase] = self._bar.add_task(self.LABELS.get(phase, phase), total=total, count=count)
        self._bar.update(task, completed=done, total=total, count=count)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
