"""Compare citefmt's output with citeproc-js on the generated corpora, line for line.

The benchmark corpora put disambiguation, sorting and initials to work at a scale the
test corpora do not (``tests/corpus/generated`` holds 500 of these items with goldens);
this prints, per style, how many entries (and APA in-text citations: each item alone,
then every seventh with the two after it) differ, and the first few that do. A
development aid, like ``run.py --oracle``: it needs node and a csl-oracle directory.

    python benchmarks/compare.py --oracle /path/to/csl-oracle
    python benchmarks/compare.py --oracle DIR --sizes 10000 --styles apa --show 5
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from run import ensure_corpus, oracle_problem

STYLES = ["apa", "nlm-citation-sequence", "gost-r-7-0-5-2008-numeric"]


def clusters_of(corpus: Path) -> list[str]:
    """The in-text clusters compared: every id alone, then every seventh with the two after it."""
    ids = [item["id"] for item in json.loads(corpus.read_text(encoding="utf-8"))]
    return ids + [",".join(ids[start:start + 3]) for start in range(0, len(ids), 7)]


def citeproc_js(oracle: Path, style: str, corpus: Path, clusters: list[str] | None) -> list[str]:
    argv = ["node", str(oracle / "render.js"), "--style", style, "--items", str(corpus)]
    if clusters is not None:
        argv += ["--mode", "citation"] + [arg for cluster in clusters for arg in ("--cite", cluster)]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return out.replace("&#38;", "&").splitlines()


def citefmt_lines(style: str, corpus: Path, clusters: list[str] | None) -> list[str]:
    from citefmt.inputs import load_library
    from citefmt.render import render_bibliography, render_citations

    library = load_library(str(corpus))
    if clusters is None:
        # citeproc-js renders every entry in the style's own locale: no per-item language.
        return [e.text for e in render_bibliography(library, style, per_item_language=False, outputs=("text",)).entries]
    return [c.text for c in render_citations(library, clusters, style).citations]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oracle", required=True, help="a csl-oracle directory (render.js, node_modules)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--styles", nargs="+", default=STYLES)
    parser.add_argument("--show", type=int, default=3, help="differing lines printed per comparison")
    args = parser.parse_args(argv)
    oracle = Path(args.oracle)
    problem = oracle_problem(oracle)
    if problem:
        print(f"compare.py: {problem}", file=sys.stderr)
        return 2
    differing_total = 0
    for size in args.sizes:
        corpus = ensure_corpus(size, None)
        for style in args.styles:
            kinds = [("entries", None)] + ([("citations", clusters_of(corpus))] if style == "apa" else [])
            for kind, clusters in kinds:
                expected = citeproc_js(oracle, style, corpus, clusters)
                got = citefmt_lines(style, corpus, clusters)
                differing = [n for n in range(max(len(got), len(expected)))
                             if n >= len(got) or n >= len(expected) or got[n] != expected[n]]
                differing_total += len(differing)
                print(f"{size:>7,} {style:<28} {kind:<9} {len(expected) - len(differing):>7,}/{len(expected):,} identical")
                for n in differing[:args.show]:
                    print(f"    line {n + 1}\n      citeproc-js {expected[n] if n < len(expected) else '(none)'}"
                          f"\n      citefmt     {got[n] if n < len(got) else '(none)'}")
    return 1 if differing_total else 0


if __name__ == "__main__":
    sys.exit(main())
