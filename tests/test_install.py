"""The package as installed: version, bundled files, and (in CI) a real install, not the source tree."""

from __future__ import annotations

import os
from importlib.metadata import version
from pathlib import Path

import pytest

import citefmt
from citefmt.resources import bundled_article_path, styles_dir
from helpers import ARTICLE, ROOT

IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def test_version_matches_the_distribution():
    assert citefmt.__version__ == version("citefmt")


def test_bundled_article_is_the_committed_one():
    assert bundled_article_path().read_bytes() == ARTICLE.read_bytes()


def test_bundled_styles_directory():
    assert (styles_dir() / "aliases.yaml").read_bytes() == (ROOT / "styles" / "aliases.yaml").read_bytes()


@pytest.mark.skipif(not IN_CI, reason="only CI (.ci/run) tests a real, non-editable install")
def test_ci_imports_the_installed_package():
    package = Path(citefmt.__file__).resolve().parent
    assert ROOT not in package.parents, f"imported from the checkout: {package}"
    assert (package / "_bundled" / "article.yaml").is_file()
