"""The passes that see a whole rendered entry or citation before it is written out."""

from __future__ import annotations


def finish(marked: str, root) -> str:
    """``marked`` with the whole-entry passes applied (see the functions below)."""
    return marked
