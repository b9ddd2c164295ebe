"""Shared fixtures of the citefmt test suite.

Tests drive the command through ``typer.testing.CliRunner`` (in-process, stdout
and stderr captured separately) and the library directly. They import the
*installed* ``citefmt`` package; files of the checkout (``data/article.yaml``,
``../shared``) are found relative to this file, never relative to the cwd.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, Mapping, Sequence

import pytest
import yaml
from hypothesis import HealthCheck, settings

from helpers import ARTICLE, NEUTRAL_ENV, Run, invoke

# Styles that passed their checks are remembered in a cache folder: the suite (and every
# process it starts) uses its own, never the user's.
if "CITEFMT_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["CITEFMT_CACHE_DIR"] = tempfile.mkdtemp(prefix="citefmt-test-cache-")

# Hypothesis: deterministic and without deadlines in CI (CI=true), quick locally.
settings.register_profile("ci", derandomize=True, deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=60)
settings.load_profile("ci" if os.environ.get("CI", "").lower() not in ("", "0", "false", "no") else "dev")


@pytest.fixture
def run() -> Run:
    """``run(["refs", "-s", "apa"], input=..., env=...)`` -> :class:`Outcome`."""
    return invoke


@pytest.fixture
def run_process(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess]:
    """Run ``python -m citefmt ARGS`` as a real process (no terminal, no stdin), in ``tmp_path``."""

    def _run(args: Sequence[str], *, env: Mapping[str, str] | None = None,
             stdin: bytes | None = None) -> subprocess.CompletedProcess:
        full_env = {k: v for k, v in os.environ.items() if k not in NEUTRAL_ENV}
        full_env.update({k: v for k, v in NEUTRAL_ENV.items() if v is not None})
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-m", "citefmt", *map(str, args)], cwd=tmp_path,
                              input=stdin if stdin is not None else b"", capture_output=True,
                              env=full_env, timeout=120)

    return _run


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """Keep the style catalogue cache out of the user's home, shared by the whole session."""
    cache = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        yield cache


@pytest.fixture(scope="session")
def article_data() -> dict:
    """``data/article.yaml`` as plain YAML (read independently of citefmt's reader)."""
    with open(ARTICLE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="session")
def reference_ids(article_data: dict) -> list[str]:
    """The ids of the bundled article's references, in printed order."""
    return [str(item["id"]) for item in article_data["references"]]


@pytest.fixture
def write_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str | bytes], Path]:
    """Write a file into ``tmp_path``, made the cwd; returns the bare relative path (as messages name it)."""
    monkeypatch.chdir(tmp_path)

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return Path(name)

    return _write
