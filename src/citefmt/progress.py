"""How far a long run has got: the ``progress(phase, done, total)`` callback and its phases.

A caller (the CLI's progress bar) passes one callable; the library and the engine tell it,
phase by phase and in this order, how much of each is done:

=================  ======================================================================
``read``           characters of a CSL-JSON list parsed and checked, of its length
``references``     items made into the engine's references
``sort``           items whose first sort key is worked out
``compare``        cites rendered to find those that print alike
``given-names``    cites rendered again once their given names are expanded
``disambiguate``   cites of the groups that printed alike told apart
``render``         entries written
=================  ======================================================================

A phase the input or the style does not need is skipped. Within a phase ``done`` only
grows, and the last report has ``done == total``.
"""

from __future__ import annotations

from typing import Callable

#: ``progress(phase, done, total)``.
Progress = Callable[[str, int, int], None]

PHASES = ("read", "references", "sort", "compare", "given-names", "disambiguate", "render")

#: Reports per phase at most (besides the last): often enough for a bar, rarely enough to cost nothing.
STEPS = 200


def ticker(progress: Progress | None, phase: str, total: int) -> Callable[[int], None] | None:
    """A ``tick(done)`` that tells ``progress`` about ``phase`` each 1/:data:`STEPS` of ``total``
    and at the end (None without ``progress``: nothing to tell)."""
    if progress is None:
        return None
    step = max(1, total // STEPS)
    next_report = 0

    def tick(done: int) -> None:
        nonlocal next_report
        if done >= next_report or done >= total:
            progress(phase, done, total)
            next_report = done + step

    return tick
