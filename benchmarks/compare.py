"""Compare citefmt's output with citeproc-js on the generated corpora, line for line.

The benchmark corpora put disambiguation, sorting and initials to work at a scale the
test corpora do not (``tests/corpus/generated`` holds 500 of these items with goldens);
this prints, per style, how many entries (and APA in-text citations: each item alone,
then every seventh with the two after it) differ, and the first few that do. A
development aid, like ``run.py --oracle``: it needs node and a csl-oracle directory.

With ``--random-clusters K``, each style also renders K random clusters (1 to 5 cites,
about a third with a locator) of the corpus's first ``--cluster-items`` items, the rest
uncited, as one document; citeproc-js renders them through ``citeproc_clusters.js``
(uncited items registered first, clusters processed in document order, locators kept),
which csl-oracle's own citation mode does not do. Comparing many styles so finds what the
CSL test suite does not exercise (collapsing with locators, disambiguation order).

    python benchmarks/compare.py --oracle /path/to/csl-oracle
    python benchmarks/compare.py --oracle DIR --sizes 10000 --styles apa --show 5
    python benchmarks/compare.py --oracle DIR --styles chicago-author-date harvard-cite-them-right \\
        --random-clusters 40 --cluster-items 200 --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
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


def random_clusters(items: list[dict], count: int, seed: int) -> list[list[dict]]:
    """``count`` clusters of 1 to 5 distinct cites of ``items``, about a third with a page locator."""
    chooser = random.Random(seed)
    ids = [str(item["id"]) for item in items]
    clusters = []
    for _ in range(count):
        cluster = []
        for item_id in chooser.sample(ids, min(len(ids), chooser.randint(1, 5))):
            cite = {"id": item_id}
            if chooser.random() < 0.35:
                cite["locator"] = chooser.choice(["12", "3-7", "45-49", "100"])
            cluster.append(cite)
        clusters.append(cluster)
    return clusters


def citeproc_js_clusters(oracle: Path, style: str, items: list[dict], clusters: list[list[dict]]) -> list[str]:
    import citeproc

    from citefmt.styles import resolve_style

    resolved = resolve_style(style)
    request = {"style": resolved.path.read_text(encoding="utf-8"), "lang": resolved.default_locale,
               "locales": str(Path(citeproc.__file__).parent / "data" / "locales"), "items": items,
               "clusters": clusters}
    out = subprocess.run(["node", str(Path(__file__).parent / "citeproc_clusters.js"), str(oracle)],
                         input=json.dumps(request), capture_output=True, text=True, check=True).stdout
    return [text.replace("&#38;", "&") for text in json.loads(out)]


def citefmt_clusters(style: str, items: list[dict], clusters: list[list[dict]]) -> list[str]:
    from citefmt.engine import CiteItem
    from citefmt.inputs import parse_library
    from citefmt.render import render_citations

    library = parse_library(json.dumps(items), name="clusters.json")
    cites = [[CiteItem(cite["id"], locator=cite.get("locator")) for cite in cluster] for cluster in clusters]
    return [c.text for c in render_citations(library, cites, style).citations]


def report(label: str, expected: list[str], got: list[str], show: int) -> int:
    """Print how many lines agree and the first ``show`` that do not; the number that do not."""
    differing = [n for n in range(max(len(got), len(expected)))
                 if n >= len(got) or n >= len(expected) or got[n] != expected[n]]
    print(f"{label} {len(expected) - len(differing):>7,}/{len(expected):,} identical")
    for n in differing[:show]:
        print(f"    line {n + 1}\n      citeproc-js {expected[n] if n < len(expected) else '(none)'}"
              f"\n      citefmt     {got[n] if n < len(got) else '(none)'}")
    return len(differing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oracle", required=True, help="a csl-oracle directory (render.js, node_modules)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--styles", nargs="+", default=STYLES)
    parser.add_argument("--show", type=int, default=3, help="differing lines printed per comparison")
    parser.add_argument("--random-clusters", type=int, default=0, metavar="K",
                        help="also compare K random clusters with locators per style (default: none)")
    parser.add_argument("--cluster-items", type=int, default=200, metavar="N",
                        help="the random clusters' document: the corpus's first N items (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random clusters (default 1)")
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
                differing_total += report(f"{size:>7,} {style:<28} {kind:<9}", expected, got, args.show)
            if args.random_clusters:
                items = json.loads(corpus.read_text(encoding="utf-8"))[:args.cluster_items]
                clusters = random_clusters(items, args.random_clusters, args.seed)
                differing_total += report(f"{len(items):>7,} {style:<28} {'clusters':<9}",
                                          citeproc_js_clusters(oracle, style, items, clusters),
                                          citefmt_clusters(style, items, clusters), args.show)
    return 1 if differing_total else 0


if __name__ == "__main__":
    sys.exit(main())
