#!/usr/bin/env python3
"""Profile one library call, ``render_bibliography(library, style)``, with cProfile.

    python benchmarks/profile_call.py benchmarks/corpora/refs-1000.json apa
    python benchmarks/profile_call.py CORPUS gost --top 40 --dump /tmp/gost.prof
    python benchmarks/profile_call.py CORPUS apa --only engine/fixes --callers xpath_search

The corpus is loaded before profiling starts (``python benchmarks/generate.py 1000 -o
CORPUS`` makes one; run.py makes them in benchmarks/corpora/); the profile covers style
compilation (a ``CitefmtProcessor``) and rendering (citeproc-py's elements with citefmt's
fixes), the cold call, as in run.py's ``library`` mode. Prints the top functions by
cumulative and by own (total) time, each with its share of the call; ``--only SUBSTR``
adds the same two listings restricted to functions whose file contains SUBSTR (e.g.
``engine/fixes``); ``--callers PATTERN`` shows who calls the functions matching PATTERN
(a regular expression on ``file:line(function)``), and how often. ``--dump`` writes the
raw stats for snakeviz / ``python -m pstats``.

The plain ``python -m cProfile -s cumtime`` form works too but also profiles the
imports and the corpus loading:

    python -m cProfile -s cumtime benchmarks/profile_call.py --plain CORPUS apa | head -60
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("style", nargs="?", default="apa")
    parser.add_argument("--top", type=int, default=25, help="rows per listing (default 25)")
    parser.add_argument("--dump", metavar="PATH", help="write the raw profile here")
    parser.add_argument("--locale", help="force a locale (default: the style's)")
    parser.add_argument("--item-language", choices=("auto", "on", "off"), default="auto",
                        help="per-item language (default auto: on for GOST styles, as the CLI)")
    parser.add_argument("--only", metavar="SUBSTR", action="append", default=[],
                        help="also list the top functions whose file contains SUBSTR (repeatable)")
    parser.add_argument("--callers", metavar="PATTERN", action="append", default=[],
                        help="print the callers of the functions matching PATTERN (repeatable)")
    parser.add_argument("--plain", action="store_true",
                        help="just run the call (for an outer `python -m cProfile`)")
    args = parser.parse_args(argv)

    from citefmt.inputs import load_library
    from citefmt.render import render_bibliography

    library = load_library(args.corpus)
    options = {"locale": args.locale,
               "per_item_language": {"auto": None, "on": True, "off": False}[args.item_language]}
    if args.plain:
        render_bibliography(library, args.style, **options)
        return 0

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    result = render_bibliography(library, args.style, **options)
    profiler.disable()
    wall = time.perf_counter() - start
    if args.dump:
        profiler.dump_stats(args.dump)

    import citefmt

    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"citefmt from {Path(citefmt.__file__).resolve().parent}")
    print(f"render_bibliography({len(library.references)} refs, {args.style!r}): "
          f"{len(result.entries)} entries, {wall:.2f} s wall under the profiler, "
          f"{total:.2f} s profiled, {stats.total_calls:,} calls")
    for only in [None] + args.only:
        where = f" in files containing {only!r}" if only else ""
        for key, title in (("cumulative", "cumulative time"), ("tottime", "own (total) time")):
            print(f"\nTop {args.top} by {title}{where}:")
            print(f"{'cum s':>8} {'cum %':>6} {'own s':>8} {'own %':>6} {'calls':>10}  function")
            rows = sorted(((k, v) for k, v in stats.stats.items() if not only or only in k[0]),
                          key=lambda kv: -kv[1][3 if key == "cumulative" else 2])
            for (filename, line, name), (_cc, ncalls, tt, ct, _callers) in rows[: args.top]:
                print(f"{ct:8.3f} {100 * ct / total:5.1f}% {tt:8.3f} {100 * tt / total:5.1f}% {ncalls:>10,}  "
                      f"{_where(filename, line, name)}")
    for pattern in args.callers:
        _print_callers(stats, re.compile(pattern), total)
    return 0


def _print_callers(stats: pstats.Stats, pattern: "re.Pattern[str]", total: float) -> None:
    """Who calls each function matching ``pattern``: calls, own and cumulative time per caller."""
    for (filename, line, name), (_cc, ncalls, tt, ct, callers) in sorted(
            stats.stats.items(), key=lambda kv: -kv[1][3]):
        where = _where(filename, line, name)
        if not pattern.search(where):
            continue
        print(f"\n{where}: {ncalls:,} calls, own {tt:.3f} s, cumulative {ct:.3f} s "
              f"({100 * ct / total:.1f}%); called by:")
        for caller, (_ccc, c_calls, c_tt, c_ct) in sorted(callers.items(), key=lambda kv: -kv[1][3]):
            print(f"  {c_calls:>10,} calls  own {c_tt:7.3f} s  cum {c_ct:7.3f} s  {_where(*caller)}")


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
