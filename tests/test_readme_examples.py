"""Every example in the README's console blocks prints what the README shows.

A shown line must appear in the real output, in order. A line that is only ``…`` or
``...`` stands for lines left out; a ``…`` inside a line stands for text left out.
Examples that need a file the reader would bring (``my-refs.yaml``) are not run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
ELLIPSES = ("…", "...")


def _examples() -> list[tuple[str, list[str]]]:
    examples: list[tuple[str, list[str]]] = []
    inside = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            inside = line.strip() == "```console"
            continue
        if not inside:
            continue
        if line.startswith("$ "):
            examples.append((line[2:], []))
        elif examples:
            examples[-1][1].append(line)
    return examples


def _brings_own_file(command: str) -> bool:
    return any(word in command for word in ("my-refs.yaml", "refs.json"))


EXAMPLES = [(command, shown) for command, shown in _examples() if shown and not _brings_own_file(command)]


def _matcher(shown: str) -> re.Pattern[str]:
    parts = re.split(r"…|\.\.\.", shown)
    return re.compile(".*".join(re.escape(part) for part in parts) + r"\Z", re.S)


@pytest.mark.parametrize("command, shown", EXAMPLES, ids=[command for command, _ in EXAMPLES])
def test_readme_example(command, shown, tmp_path):
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", COLUMNS="200")
    env.pop("NO_COLOR", None)
    result = subprocess.run(["bash", "-c", command.split("  #")[0] + " 2>&1"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    lines = result.stdout.splitlines()
    position = 0
    for wanted in shown:
        if wanted.strip() in ELLIPSES:
            continue
        pattern = _matcher(wanted)
        while position < len(lines) and not pattern.match(lines[position]):
            position += 1
        assert position < len(lines), f"README shows {wanted!r}, not in the output:\n{result.stdout}"
        position += 1
