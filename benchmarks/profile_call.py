#!/usr/bin/env python3
"""Profile one library call, ``render_bibliography(library, style)``, with cProfile.

    python benchmarks/profile_call.py benchmarks/corpora/refs-1000.json apa
    python benchmarks/profile_call.py CORPUS gost --top 40 --dump /tmp/gost.prof

The corpus is loaded before profiling starts; the profile covers style compilation
and rendering (the cold call, as in run.py's ``library`` mode). Prints the top
functions by cumulative and by own (total) time, each with its share of the call.
``--dump`` writes the raw stats for snakeviz / ``python -m pstats``.

The plain ``python -m cProfile -s cumtime`` form works too but also profiles the
imports and the corpus loading:

    python -m cProfile -s cumtime benchmarks/profile_call.py --plain CORPUS apa | head -60
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("style", nargs="?", default="apa")
    parser.add_argument("--top", type=int, default=25, help="rows per listing (default 25)")
    parser.add_argument("--dump", metavar="PATH", help="write the raw profile here")
    parser.add_argument("--plain", action="store_true",
                        help="just run the call (for an outer `python -m cProfile`)")
    args = parser.parse_args(argv)

    from citefmt.inputs import load_library
    from citefmt.render import render_bibliography

    library = load_library(args.corpus)
    if args.plain:
        render_bibliography(library, args.style)
        return 0

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    result = render_bibliography(library, args.style)
    profiler.disable()
    wall = time.perf_counter() - start
    if args.dump:
        profiler.dump_stats(args.dump)

    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"render_bibliography({len(library.references)} refs, {args.style!r}): "
          f"{len(result.entries)} entries, {wall:.2f} s wall under the profiler, "
          f"{total:.2f} s profiled, {stats.total_calls:,} calls")
    for key, title in (("cumulative", "cumulative time"), ("tottime", "own (total) time")):
        print(f"\nTop {args.top} by {title}:")
        print(f"{'cum s':>8} {'cum %':>6} {'own s':>8} {'own %':>6} {'calls':>10}  function")
        rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][3 if key == "cumulative" else 2])
        for (filename, line, name), (_cc, ncalls, tt, ct, _callers) in rows[: args.top]:
            print(f"{ct:8.3f} {100 * ct / total:5.1f}% {tt:8.3f} {100 * tt / total:5.1f}% {ncalls:>10,}  "
                  f"{_where(filename, line, name)}")
    return 0


def _where(filename: str, line: int, name: str) -> str:
    if filename == "~":
        return name
    marker = "/site-packages/"
    for anchor in ("/src/citefmt/", marker):
        if anchor in filename:
            filename = ("citefmt/" if anchor != marker else "") + filename.split(anchor, 1)[1]
            break
    else:
        filename = filename.rsplit("/", 2)[-1] if "/lib/python" in filename else filename
    return f"{filename}:{line}({name})"


if __name__ == "__main__":
    sys.exit(main())
