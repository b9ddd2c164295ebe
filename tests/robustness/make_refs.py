"""Generate large reference files for the size tests and for measuring citefmt.

    python tests/robustness/make_refs.py 100000 -o /tmp/100k.json          # 100,000 CSL-JSON items
    python tests/robustness/make_refs.py 100000 --yaml -o /tmp/100k.yaml   # the same as CSL-YAML
    python tests/robustness/make_refs.py --megabytes 50 -o /tmp/50mb.json  # as many items as fill 50 MB

The items are the 124 references of ``tests/corpus/references.json`` over and over,
each with its own id, a varied title and a varied first author, so that sorting
and disambiguation have real work to do. Deterministic: the same arguments give
the same bytes.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path
from typing import Any, Iterator

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "references.json"

_WORDS = ("acute", "myeloid", "leukaemia", "outcome", "trial", "cohort", "review", "therapy",
          "risk", "survival", "analysis", "patients", "model", "response", "study", "clinical")


def items(count: int, *, pad: int = 0) -> Iterator[dict[str, Any]]:
    """``count`` CSL-JSON items; ``pad`` characters of abstract each (to reach a file size)."""
    base = json.loads(CORPUS.read_text(encoding="utf-8"))
    for n in range(count):
        item = copy.deepcopy(base[n % len(base)])
        item["id"] = f"{item['id']}-{n}"
        words = [_WORDS[(n >> shift) % len(_WORDS)] for shift in (0, 4, 8, 12)]
        item["title"] = f"{item.get('title', 'Untitled')}: {' '.join(words)} {n}"
        authors = item.get("author")
        if authors and "family" in authors[0]:
            authors[0] = dict(authors[0], family=f"{authors[0]['family']}{n % 997}")
        if pad:
            item["abstract"] = ("lorem ipsum dolor sit amet " * (pad // 27 + 1))[:pad]
        yield item


def render(count: int, *, yaml_out: bool = False, pad: int = 0) -> str:
    """The file text: a JSON list, or ``references:`` in YAML."""
    if not yaml_out:
        return "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items(count, pad=pad)) + "\n]\n"
    lines = ["references:"]
    for item in items(count, pad=pad):
        # JSON is YAML: one flow mapping per item keeps the generator simple and fast.
        lines.append("  - " + json.dumps(item, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def fill(megabytes: float, *, yaml_out: bool = False, pad: int = 600) -> str:
    """As many items as make about ``megabytes`` MB (each padded with an abstract)."""
    sample = len(render(100, yaml_out=yaml_out, pad=pad).encode("utf-8")) / 100
    return render(int(megabytes * 1024 * 1024 / sample) + 1, yaml_out=yaml_out, pad=pad)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=100_000, help="number of items")
    parser.add_argument("--megabytes", type=float, help="instead of COUNT: fill about this many MB")
    parser.add_argument("--yaml", action="store_true", help="write CSL-YAML (references:) instead of JSON")
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.megabytes:
        text = fill(args.megabytes, yaml_out=args.yaml)
    else:
        text = render(args.count, yaml_out=args.yaml)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
