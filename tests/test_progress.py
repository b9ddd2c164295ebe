"""Progress of long runs (citefmt.progress): every phase is told, in order, up to its end,
and telling it changes nothing in the output; the CLI's bar shows it only in a terminal."""

from pathlib import Path

import pytest

from citefmt.cli.terminal import ProgressBar, Terminal
from citefmt.engine import parallel
from citefmt.inputs import load_library
from citefmt.progress import PHASES, STEPS, ticker
from citefmt.render import render_bibliography

CORPUS = Path(__file__).resolve().parent / "corpus" / "references.json"


class Recorder:
    def __init__(self):
        self.calls: list[tuple[str, int, int]] = []

    def __call__(self, phase: str, done: int, total: int) -> None:
        self.calls.append((phase, done, total))

    def phases(self) -> list[str]:
        return list(dict.fromkeys(phase for phase, _, _ in self.calls))


def _render(style: str, jobs: int, progress=None):
    library = load_library(CORPUS, progress=progress)
    return [(e.id, e.text, e.html) for e in render_bibliography(library, style, jobs=jobs, progress=progress).entries]


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_phase_is_told_in_order_up_to_its_end_and_the_output_does_not_change(monkeypatch, jobs):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)  # the corpus is shorter than the usual threshold
    recorder = Recorder()
    assert _render("apa", jobs, recorder) == _render("apa", jobs)
    # APA sorts, compares, expands given names (its global rule) and tells cites apart.
    assert recorder.phases() == list(PHASES)
    for phase in PHASES:
        calls = [(done, total) for name, done, total in recorder.calls if name == phase]
        totals = {total for _, total in calls}
        assert len(totals) == 1, phase
        done = [d for d, _ in calls]
        assert done == sorted(done) and done[-1] == calls[0][1] and done[-1] > 0, phase
    counts = {phase: total for phase, _, total in recorder.calls}
    assert counts["read"] == len(CORPUS.read_text("utf-8"))
    assert counts["references"] == counts["sort"] == counts["compare"] == counts["render"] == 124


def test_a_style_that_neither_sorts_nor_disambiguates_is_told_only_what_it_does():
    recorder = Recorder()
    _render("nlm-citation-sequence", 1, recorder)
    assert recorder.phases() == ["read", "references", "render"]


def test_a_ticker_tells_each_step_and_the_end():
    seen = []
    tick = ticker(lambda phase, done, total: seen.append(done), "sort", 10_000)
    for done in range(1, 10_001):
        tick(done)
    assert len(seen) <= STEPS + 1 and seen[0] == 1 and seen[-1] == 10_000
    assert ticker(None, "sort", 10) is None


def _bar(stderr_is_tty: bool) -> ProgressBar:
    return ProgressBar(Terminal(stdout_is_tty=False, stderr_is_tty=stderr_is_tty, no_color=False))


def test_the_bar_starts_with_a_phase_of_enough_work_and_then_shows_every_phase():
    bar = _bar(True)
    bar("read", 10, 1000)  # a short input: no bar
    bar("references", 1, 20)
    assert bar._bar is None
    bar("references", 600, 600)
    bar("sort", 3, 7)  # shown once the bar is up
    tasks = {task.description.strip(): (task.completed, task.total, task.fields["count"])
             for task in bar._bar.tasks}
    bar.close()
    assert tasks == {"Loading references": (600, 600, "600/600"), "Sorting": (3, 7, "3/7")}
    assert bar._bar is None


def test_reading_shows_how_far_it_is_in_percent():
    bar = _bar(True)
    bar("read", 150_000, 300_000)
    [task] = bar._bar.tasks
    bar.close()
    assert (task.description.strip(), task.fields["count"]) == ("Reading", "50%")


def test_no_bar_when_stderr_is_not_a_terminal():
    bar = _bar(False)
    bar("render", 10_000, 10_000)
    assert bar._bar is None and not bar.enabled
