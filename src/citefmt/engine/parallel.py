"""Rendering long lists on every CPU, with output identical to one process.

Everything that orders or changes entries (registration, sorting, disambiguation) runs
first, in this process. What is left is independent per entry: rendering it. Forked
worker processes inherit the prepared document as it stands in memory (nothing is
pickled but the results) and each renders one contiguous slice; the slices are joined in
order. Where ``fork`` is not available, or for short lists, everything stays in this
process.
"""

from __future__ import annotations

import gc
import os
from typing import Any, Callable

#: Below this many items a second process costs more than it saves.
MIN_ITEMS = 200

_TASK: Callable[[int, int], Any] | None = None


def available_jobs() -> int:
    """How many processes rendering may use (the CPUs this process may run on)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _can_fork() -> bool:
    import multiprocessing  # here: short lists never start a process, and the import costs start-up

    return "fork" in multiprocessing.get_all_start_methods()


def _run(bounds: tuple[int, int]):
    assert _TASK is not None
    return _TASK(*bounds)


def split(count: int, parts: int) -> list[tuple[int, int]]:
    """``count`` positions as ``parts`` contiguous, nearly equal (start, end) slices."""
    size, extra = divmod(count, parts)
    bounds, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        if end > start:
            bounds.append((start, end))
        start = end
    return bounds


def map_slices(task: Callable[[int, int], list], count: int, jobs: int,
               done: Callable[[int], None] | None = None, weight: float = 1.0) -> list:
    """``task(start, end)`` over ``count`` positions, on ``jobs`` processes; results in order.

    ``done(n)`` is told how many positions have been finished so far. ``weight``: how many
    items' work one position is (a group of cites), for the short-list threshold.
    """
    global _TASK
    if jobs <= 1 or count * weight < MIN_ITEMS or count < 2 or not _can_fork():
        result = task(0, count)
        if done is not None:
            done(count)
        return result
    slices = split(count, jobs * 4)
    _TASK = task
    # Objects made so far are left out of the workers' garbage collections, which would
    # otherwise touch (and so copy) every page the parent's objects are on.
    gc.freeze()
    try:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        out: list = []
        finished = 0
        with context.Pool(processes=min(jobs, len(slices))) as pool:
            for (start, end), part in zip(slices, pool.imap(_run, slices)):
                out.extend(part)
                finished += end - start
                if done is not None:
                    done(finished)
        return out
    finally:
        _TASK = None
        gc.unfreeze()
