"""Where citefmt's bundled files live: the article and the ``styles/`` directory.

In an installed wheel they sit inside the package (``citefmt/_bundled``); in a
source checkout (editable install, tests) they are read from the repository's
top-level ``data/`` and ``styles/`` directories.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE_DIR / "_bundled"
_CHECKOUT = _PACKAGE_DIR.parent.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]


def bundled_article_path() -> Path:
    """Path of the bundled article (``data/article.yaml``)."""
    return _first_existing(_BUNDLED / "article.yaml", _CHECKOUT / "data" / "article.yaml")


def styles_dir() -> Path:
    """Path of citefmt's own ``styles/`` directory (alias table, own styles)."""
    return _first_existing(_BUNDLED / "styles", _CHECKOUT / "styles")
