"""Which variables a CSL style always prints for an item type (for ``check --style``).

The style's XML is walked, not rendered: a
``cs:choose`` is followed only where its branch can be decided from the item's
type alone (``<if type="book">``); a branch that also tests anything else
(``variable``, ``is-numeric``, ``position``, ...) makes that choose undecided, and
nothing below it counts. Alternatives are not required either: a ``cs:names``
with a ``cs:substitute``, or a ``cs:text`` of a short form (which falls back to
the long one) count as printed when any of their variables is present. What is
left is what the style prints for every item of that type.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

#: Variables that come from the citation or the processor, never from the item.
_NOT_ITEM_DATA = {"citation-number", "citation-label", "year-suffix", "locator", "locator-extra",
                  "first-reference-note-number", "first-container-reference-note-number", "position"}
#: Short forms and the variable they fall back to.
_SHORT = {"title-short": "title", "container-title-short": "container-title", "shortTitle": "title"}


@dataclass(frozen=True)
class Requirement:
    """One printed element: satisfied when any of ``variables`` is present."""

    variables: tuple[str, ...]

    def label(self) -> str:
        return " or ".join(self.variables)


class StyleFields:
    """The variables a compiled style prints unconditionally, per item type."""

    def __init__(self, root, name: str):
        from ..engine.xml import local

        self.root = root
        self.name = name
        self.macros = {m.get("name"): list(m) for m in root if local(m) == "macro"}
        self._cache: dict[str, list[Requirement]] = {}

    def required(self, item_type: str) -> list[Requirement]:
        if item_type not in self._cache:
            from ..engine.xml import CSL_NS

            area = self.root.find(f"{{{CSL_NS}}}bibliography")
            if area is None:
                area = self.root.find(f"{{{CSL_NS}}}citation")
            layout = area.find(f"{{{CSL_NS}}}layout") if area is not None else None
            found: list[Requirement] = []
            if layout is not None:
                self._walk(list(layout), item_type, found, set())
            unique: dict[tuple, Requirement] = {}
            for requirement in found:
                unique.setdefault(requirement.variables, requirement)
            self._cache[item_type] = list(unique.values())
        return self._cache[item_type]

    def missing(self, item: dict) -> list[Requirement]:
        """The essential parts the style prints for ``item``'s type that the item lacks."""
        item_type = item.get("type")
        if not isinstance(item_type, str):
            return []
        essential = essential_variables(item_type)
        return [r for r in self.required(item_type)
                if r.variables[-1] in essential and not any(_present(item, v) for v in r.variables)
                and not _excused(item, r)]

    def _walk(self, nodes: Iterable, item_type: str, found: list[Requirement], macros: set[str]) -> None:
        from ..engine.xml import local

        for node in nodes:
            tag = local(node)
            if tag == "text" and node.get("macro") is not None:
                name = node.get("macro")
                if name in macros or name not in self.macros:
                    continue  # a loop or an undefined macro: the renderer reports it, not the checker
                self._walk(self.macros[name], item_type, found, macros | {name})
            elif tag == "text" and node.get("variable"):
                variables = [v for v in node.get("variable").split() if v not in _NOT_ITEM_DATA]
                if variables:
                    variable = variables[0]
                    alternatives = (variable,)
                    if node.get("form") == "short" or variable in _SHORT:
                        base = _SHORT.get(variable, variable)
                        alternatives = tuple(dict.fromkeys((variable, f"{base}-short", base)))
                    found.append(Requirement(alternatives))
            elif tag in ("number", "date") and node.get("variable"):
                if node.get("variable") not in _NOT_ITEM_DATA:
                    found.append(Requirement((node.get("variable"),)))
            elif tag == "names":
                inside_substitute = local(node.getparent()) == "substitute"
                has_substitute = any(local(child) == "substitute" for child in node)
                if inside_substitute or has_substitute:
                    continue
                if node.get("variable", "").split():
                    found.append(Requirement(tuple(node.get("variable").split())))
            elif tag == "choose":
                for branch in node:
                    verdict = _decide(branch, item_type)
                    if verdict is None:
                        break          # undecided: nothing below this choose is certain
                    if verdict:
                        self._walk(list(branch), item_type, found, macros)
                        break
            elif tag == "group":
                self._walk(list(node), item_type, found, macros)


#: The parts a reader needs to find a work of each kind. A style may print many more
#: variables unconditionally (genre, edition, archive, issue, ...) that most items
#: rightly lack; ``check --style`` only asks for these, and only if the style prints them.
_ESSENTIAL_COMMON = {"title", "issued"}
_ESSENTIAL_BY_TYPE = {
    "article-journal": {"container-title"},
    "article-magazine": {"container-title"},
    "article-newspaper": {"container-title"},
    "review": {"container-title"},
    "chapter": {"container-title", "publisher", "publisher-place"},
    "paper-conference": {"container-title"},
    "entry-encyclopedia": {"container-title"},
    "entry-dictionary": {"container-title"},
    "book": {"publisher", "publisher-place"},
    "report": {"publisher", "publisher-place"},
    "thesis": {"publisher"},
    "webpage": {"URL"},
    "post": {"URL"},
    "post-weblog": {"URL"},
}


def essential_variables(item_type: str) -> set[str]:
    """The variables ``check --style`` may ask for on an item of this type."""
    return _ESSENTIAL_COMMON | _ESSENTIAL_BY_TYPE.get(item_type, set())


def _decide(branch, item_type: str) -> bool | None:
    """True/False if the branch's test depends on the type only; None if it depends on more."""
    from ..engine.xml import local

    if local(branch) == "else":
        return True
    attrib = branch.attrib
    tests = [k for k in attrib if k not in ("match",)]
    results: list[bool | None] = []
    for key in tests:
        if key == "type":          # one test, true for any of the types (as the engine reads it)
            results.append(item_type in attrib["type"].split())
        else:
            count = len(attrib[key].split()) or 1
            results.extend([None] * count)
    if not results:
        return None
    match = branch.get("match", "all")
    if match == "any":
        if any(r is True for r in results):
            return True
        return False if all(r is False for r in results) else None
    if match == "none":
        if any(r is True for r in results):
            return False
        return True if all(r is False for r in results) else None
    if any(r is False for r in results):
        return False
    return True if all(r is True for r in results) else None


def _excused(item: dict, requirement: Requirement) -> bool:
    """A date the style prints as "n.d." is fine for an online work with an accessed date or a status."""
    if requirement.variables != ("issued",):
        return False
    return _present(item, "status") or (item.get("type") in _ONLINE and _present(item, "accessed"))


_ONLINE = {"webpage", "post", "post-weblog", "software", "dataset"}


def _present(item: dict, variable: str) -> bool:
    value = item.get(variable)
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, [], {})


@lru_cache(maxsize=16)
def style_fields(spec: str) -> StyleFields:
    """The compiled style for ``spec`` (alias, id or .csl path), ready to ask what it prints."""
    from ..engine.xml import CslXmlError, parse_csl_xml
    from ..errors import StyleNotFoundError
    from ..styles import resolve_style

    resolved = resolve_style(spec)
    try:
        root = parse_csl_xml(resolved.path.read_bytes(), str(resolved.path))
    except (CslXmlError, OSError) as exc:
        raise StyleNotFoundError(f"{spec}: not a usable CSL style: {exc}") from None
    return StyleFields(root, resolved.id)
