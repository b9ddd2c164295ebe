"""Rendering on several processes prints exactly what one process prints (engine/parallel.py)."""

import json
from pathlib import Path

import pytest

from citefmt.engine import parallel
from citefmt.engine.processor import CitefmtProcessor
from citefmt.styles import resolve_style

CORPUS = json.loads((Path(__file__).resolve().parents[1] / "corpus" / "references.json").read_text("utf-8"))


@pytest.mark.parametrize("style_id, per_item", [("apa", False), ("nlm-citation-sequence", False),
                                                 ("gost-r-7-0-5-2008-numeric", True)])
def test_entries_rendered_on_two_processes_are_identical_to_one(monkeypatch, style_id, per_item):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)  # the corpus is shorter than the usual threshold
    processor = CitefmtProcessor.from_path(resolve_style(style_id).path, per_item_language=per_item)
    serial = processor.bibliography(CORPUS, jobs=1).entries
    pooled = processor.bibliography(CORPUS, jobs=2).entries
    assert [(e.id, e.text, e.html) for e in pooled] == [(e.id, e.text, e.html) for e in serial]


def test_subsequent_author_substitute_crosses_slice_boundaries(monkeypatch):
    """An entry's substitute depends on the entry before it, even when another process rendered that one."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    style = (b'<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
             b'<info><id>t</id><title>T</title><updated>2020-01-01T00:00:00+00:00</updated></info>'
             b'<citation><layout><text variable="title"/></layout></citation>'
             b'<bibliography subsequent-author-substitute="---"><layout><group delimiter=". ">'
             b'<names variable="author"><name/></names><text variable="title"/></group></layout>'
             b'</bibliography></style>')
    items = [{"id": f"i{n}", "type": "book", "title": f"T{n}", "author": [{"family": "Same", "given": "A"}]}
             for n in range(9)]
    processor = CitefmtProcessor(style)
    texts = [e.text for e in processor.bibliography(items, jobs=2).entries]
    assert texts == ["A Same. T0"] + [f"---. T{n}" for n in range(1, 9)]


def test_slices_cover_every_position_once():
    assert parallel.split(10, 3) == [(0, 4), (4, 7), (7, 10)]
    assert parallel.split(2, 8) == [(0, 1), (1, 2)]


def test_results_come_back_in_order_from_every_worker(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    # Large results: a worker's pipe fills while the parent waits on another one.
    result = parallel.map_slices(lambda start, end: [str(i) * 5000 for i in range(start, end)], 40, 3)
    assert result == [str(i) * 5000 for i in range(40)]


def test_a_worker_exception_is_raised_in_the_parent(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)

    def task(start, end):
        if start <= 7 < end:
            raise KeyError("item 7")
        return list(range(start, end))

    with pytest.raises(KeyError, match="item 7"):
        parallel.map_slices(task, 20, 2)


def test_a_worker_that_dies_is_an_error_not_a_short_result(monkeypatch):
    import os
    import time

    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    parent = os.getpid()

    def task(start, end):
        if os.getpid() != parent:
            os._exit(3)  # as if killed
        time.sleep(0.01)  # the worker takes a slice meanwhile
        return list(range(start, end))

    with pytest.raises(parallel.WorkerError, match="exited with status 3 before giving its results"):
        parallel.map_slices(task, 20, 2)


def test_a_worker_killed_by_a_signal_is_named_and_has_its_exit_code(monkeypatch):
    import os
    import signal
    import time

    from citefmt.errors import ExitCode

    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    parent = os.getpid()

    def task(start, end):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
        time.sleep(0.01)  # the worker takes a slice meanwhile
        return list(range(start, end))

    with pytest.raises(parallel.WorkerError, match=r"killed by SIGKILL \(out of memory\?\)") as caught:
        parallel.map_slices(task, 20, 2)
    assert caught.value.exit_code == ExitCode.PROCESS_KILLED


def test_progress_is_told_each_finished_slice(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    seen = []
    parallel.map_slices(lambda start, end: list(range(start, end)), 100, 2, done=seen.append)
    assert seen == [end for _, end in parallel.split(100, 2 * parallel.SLICES_PER_JOB)]


def test_a_free_worker_takes_the_slices_a_busy_one_has_not_started(monkeypatch):
    """Slices come from a shared queue: one slow slice does not hold up the ones after it."""
    import os
    import time

    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)

    def task(start, end):
        if start == 0:
            time.sleep(0.5)
        return [os.getpid()] * (end - start)

    pids = parallel.map_slices(task, 64, 2)
    slow = pids[0]
    assert len(pids) == 64 and set(pids) == {os.getpid(), next(p for p in pids if p != os.getpid())}
    assert pids.count(slow) < 16  # round-robin would have given it half of them


def test_workers_collect_cycles_while_the_parent_pauses_collection(monkeypatch):
    """The parent only gathers results (no cycles) with collection paused; rendering in the
    workers makes cycles, so they collect as usual."""
    import gc

    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    seen_in_parent = []

    def done(finished):
        seen_in_parent.append(gc.isenabled())

    assert parallel.map_slices(lambda start, end: [gc.isenabled()] * (end - start), 40, 2, done=done) == [True] * 40
    assert seen_in_parent and not any(seen_in_parent)
    assert gc.isenabled()


def test_this_process_renders_a_share_and_keeps_what_it_worked_out(monkeypatch):
    """The calling process is one of the ``jobs``: its slices run here (what they cache
    stays for the next phase), the others' come back from one forked worker."""
    import os
    import time

    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    here = []

    def task(start, end):
        if os.getpid() == parent:
            here.append((start, end))
        time.sleep(0.005)
        return [os.getpid()] * (end - start)

    parent = os.getpid()
    pids = parallel.map_slices(task, 64, 2)
    assert len(pids) == 64 and len(set(pids)) == 2 and parent in pids
    assert here and sum(end - start for start, end in here) == pids.count(parent)



def test_above_the_share_limit_only_forked_workers_render(monkeypatch):
    """A long list is rendered by forked workers alone; ``started`` comes before any result."""
    import os
    import time

    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    monkeypatch.setattr(parallel, "SHARE_LIMIT", 10)
    events = []

    def task(start, end):
        time.sleep(0.005)  # each worker takes some
        return [os.getpid()] * (end - start)

    pids = parallel.map_slices(task, 64, 2,
                               done=lambda finished: events.append("result"),
                               started=lambda: events.append("started"))
    assert len(pids) == 64 and os.getpid() not in pids and len(set(pids)) == 2
    assert events[0] == "started" and events.count("started") == 1
