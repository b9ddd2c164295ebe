"""Styles and locales that passed :func:`~citefmt.engine.xml.check_csl_tree`, remembered across runs.

Checking a style's tree costs about as much as the rest of loading it (APA: 15 ms of
every start). The same bytes under the same checks give the same answer, so a file that
passed once is remembered: an empty file named after the SHA-256 of its bytes, in a
folder named after the checks themselves (the source of ``xml.py`` and the lxml and
libxml2 versions), so a changed style or a changed check is checked again. Only passes
are remembered; a refusal is worked out, and reported, every time.

The folder is ``$CITEFMT_CACHE_DIR`` (empty: remember nothing), else
``$XDG_CACHE_HOME/citefmt`` or ``~/.cache/citefmt`` (none without a home folder). A
folder that cannot be read or written only means checking every time.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path


def cache_dir() -> Path | None:
    """citefmt's cache folder, or None when remembering is switched off."""
    configured = os.environ.get("CITEFMT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # unset, or relative (which the XDG spec says to ignore)
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None  # no home to be found: nothing is written into the working directory
    return Path(base) / "citefmt"


@lru_cache(maxsize=1)
def _checks_digest() -> str:
    from lxml import etree

    from . import xml

    digest = hashlib.sha256(Path(xml.__file__).read_bytes())
    digest.update(repr((etree.LXML_VERSION, etree.LIBXML_VERSION)).encode())
    return digest.hexdigest()[:20]


def _marker(data: bytes) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / "checked" / _checks_digest() / hashlib.sha256(data).hexdigest()


def passed_before(data: bytes) -> bool:
    """Whether these exact bytes passed the current checks in an earlier run."""
    marker = _marker(data)
    try:
        return marker is not None and marker.is_file()
    except OSError:
        return False


def remember_passed(data: bytes) -> None:
    """Note that these bytes passed the current checks (quietly nothing if it cannot be written)."""
    marker = _marker(data)
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass
