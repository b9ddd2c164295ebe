"""Finding locales: ``-l ru-RU``, ``-l ru`` (its primary dialect), or an unknown one (an error)."""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

from .errors import LocaleNotFoundError


def locales_dir() -> Path:
    """The CSL locale files shipped inside citeproc-py."""
    import citeproc

    return Path(citeproc.__file__).resolve().parent / "data" / "locales"


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], frozenset[str]]:
    with open(locales_dir() / "locales.json", encoding="utf-8") as handle:
        data = json.load(handle)
    available = frozenset(p.name[len("locales-"):-len(".xml")] for p in locales_dir().glob("locales-*.xml"))
    return data.get("primary-dialects", {}), available


def available_locales() -> list[str]:
    """Every locale tag with a locale file, sorted."""
    return sorted(_table()[1])


def resolve_locale(tag: str) -> str:
    """The locale file tag for ``tag`` (``ru`` -> ``ru-RU``); :class:`LocaleNotFoundError` if none."""
    primary, available = _table()
    wanted = tag.strip().replace("_", "-")
    if not wanted:
        raise LocaleNotFoundError("no locale given (e.g. en-US, ru-RU, de-DE)")
    if wanted in available:
        return wanted
    lowered = {name.lower(): name for name in available}
    if wanted.lower() in lowered:
        return lowered[wanted.lower()]
    language = wanted.split("-")[0].lower()
    if "-" not in wanted and language in primary and primary[language] in available:
        return primary[language]
    close = difflib.get_close_matches(wanted, sorted(available), n=4, cutoff=0.5)
    close = close or [name for name in sorted(available) if name.lower().startswith(language + "-")][:4]
    hint = ("closest: " + ", ".join(close)) if close else f"{len(available)} locales, e.g. en-US, ru-RU, de-DE"
    raise LocaleNotFoundError(f"unknown locale {tag!r}", hint=hint)


def locale_for_language(language: str | None) -> str | None:
    """The locale for an item's ``language`` field (``en`` -> ``en-US``), or None if none fits."""
    if not language:
        return None
    try:
        return resolve_locale(language)
    except LocaleNotFoundError:
        primary, available = _table()
        base = language.strip().replace("_", "-").split("-")[0].lower()
        dialect = primary.get(base)
        return dialect if dialect in available else None
