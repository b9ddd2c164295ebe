"""CSL-JSON items as citeproc-py references: every CSL 1.0.2 variable, dates in every form.

Restores, against citeproc-py's ``CiteProcJSON``:

* every name variable of CSL 1.0.2 (``director``, ``host``, ``chair``, ``reviewed-author`` …)
  is read as names, not as a string holding a Python list;
* every date variable, in every form CSL-JSON takes in the wild: ``date-parts`` (numbers or
  digit strings), ``raw``, ``literal``, EDTF strings (``"2020-05-01"``, ``"2019/2020"``,
  ``"2020-21"`` for spring, ``"2020~"``), seasons, circa, ranges, and ``"issued": "2020"``;
* rich text in fields (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small caps, ``nocase``) as
  formatting (see :func:`citefmt.engine.richtext.parse_data`);
* names given with their particles inside ``family``/``given`` (``"van Beek"``) split as CSL
  says;
* ids compared exactly (citeproc-py folds them to lower case, so ``Smith2020`` and
  ``smith2020`` would be one reference).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any, Callable, Iterable

from citeproc.source import BibliographySource, Citation, CitationItem, Date, DateRange, LiteralDate, Name, Reference

from ...bulk import no_cycle_collection
from ..richtext import parse_data, strip_markers
from .typography import french_spacing, smart_quotes

NAME_VARIABLES = frozenset("""
author chair collection-editor compiler composer container-author contributor curator director editor
editorial-director editor-translator executive-producer guest host illustrator interviewer narrator
organizer original-author performer producer recipient reviewed-author script-writer series-creator
translator
""".split())

DATE_VARIABLES = frozenset("accessed available-date event-date issued original-date submitted".split())

NUMBER_VARIABLES = frozenset("""
chapter-number citation-number collection-number edition first-reference-note-number issue locator
number number-of-pages number-of-volumes page page-first part printing supplement volume
""".split())

#: Fields that hold identifiers or addresses: never read as rich text.
LITERAL_FIELDS = frozenset("URL DOI ISBN ISSN PMID PMCID call-number citation-key id".split())

#: CSL-JSON spellings that are other names for a CSL variable.
ALIASES = {"shortTitle": "title-short", "journalAbbreviation": "container-title-short"}


def python_key(variable: str) -> str:
    """citeproc-py's spelling of a CSL variable (``container-title`` -> ``container_title``)."""
    return variable.replace("-", "_")


class Source(BibliographySource):
    """References keyed by an internal key; :attr:`keys` maps each item id to its key."""

    def __init__(self, items: Iterable[dict[str, Any]], *, release: bool = False,
                 tick: Callable[[int], None] | None = None):
        """``release``: ``items`` (a list) is emptied as its items become references.
        ``tick(n)``: told after each item how many have been taken in."""
        super().__init__()
        self.keys: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        with no_cycle_collection():  # the references are kept
            for index, item in enumerate(items):
                if release:
                    items[index] = None
                item_id = str(item["id"])
                if item_id not in self.keys:
                    key = f"r{len(self.keys)}"
                    self.keys[item_id] = key
                    self.ids[key] = item_id
                    self[key] = make_reference(key, item)
                if tick is not None:
                    tick(index + 1)
        if release:
            items.clear()


_NOTE_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z-]*)\s*:\s*(.+?)\s*$")


def note_fields(note: Any) -> dict[str, str]:
    """CSL variables written as ``name: value`` lines in ``note`` (as Zotero stores them)."""
    if not isinstance(note, str) or ":" not in note:
        return {}
    found = {}
    for line in note.splitlines():
        match = _NOTE_FIELD.match(line)
        if match and (match.group(1) in NAME_VARIABLES or match.group(1) in DATE_VARIABLES
                      or match.group(1) in NUMBER_VARIABLES):
            found.setdefault(match.group(1), match.group(2))
    return found


class Cite(CitationItem):
    """A cite that looks its reference and its number up once.

    citeproc-py looks the reference up on every access and finds a cite's number (and
    whether it is registered) by searching the list of registered keys: quadratic in the
    length of the bibliography.
    """

    def _positions(self) -> dict:
        bibliography = self.citation.bibliography
        cached = getattr(bibliography, "_positions", None)
        if cached is None or cached[0] is not bibliography.keys or len(cached[1]) != len(bibliography.keys):
            cached = (bibliography.keys, {key: index for index, key in enumerate(bibliography.keys)})
            bibliography._positions = cached
        return cached[1]

    @property
    def number(self):
        return self._positions()[self.key] + 1

    def is_bad(self):
        return self.key not in self._positions()

    @cached_property
    def reference(self):
        # Kept in the instance's __dict__: later look-ups are plain attribute reads.
        return self.citation.bibliography.source[self.key]


def uncited(key: str, bibliography) -> "Cite":
    """``Citation([Cite(key)])`` in ``bibliography``, built without citeproc-py's keyword
    checks (a key the source made is lowercase already); returns the cite."""
    cite = Cite.__new__(Cite)
    citation = Citation.__new__(Citation)
    dict.__setitem__(cite, "key", key)
    dict.__setitem__(cite, "citation", citation)
    dict.__setitem__(citation, "cites", [cite])
    dict.__setitem__(citation, "bibliography", bibliography)
    return cite


def make_reference(key: str, item: dict[str, Any]) -> Reference:
    """One CSL-JSON item as a citeproc-py :class:`Reference`."""
    extra = {k: v for k, v in note_fields(item.get("note")).items() if k not in item and k not in NAME_VARIABLES}
    if extra:
        item = dict(item, **extra)
    reference = Reference.__new__(Reference)
    dict.__setitem__(reference, "key", key)
    dict.__setitem__(reference, "type", str(item.get("type") or "document"))
    for raw_key, value in item.items():
        variable = ALIASES.get(raw_key, raw_key)
        if variable in ("id", "type", "custom") or value is None or value == "" or value == []:
            continue
        if variable in ALIASES.values() and python_key(variable) in reference and raw_key != variable:
            continue  # the standard spelling wins over the alias
        converted = convert_value(variable, value)
        if converted is not None:
            dict.__setitem__(reference, python_key(variable), converted)
    return reference


def convert_value(variable: str, value: Any) -> Any:
    """A CSL-JSON value as the object the engine renders (None: treat as absent)."""
    if variable in NAME_VARIABLES:
        return convert_names(value)
    if variable in DATE_VARIABLES:
        return convert_date(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        return text
    if isinstance(value, (list, dict)):
        return None
    text = str(value)
    if variable in LITERAL_FIELDS or variable == "language":
        return strip_markers(text)
    return french_spacing(smart_quotes(parse_data(text)))


# --- names ---------------------------------------------------------------------------------------

_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
#: What joins a particle to the family name in one string ("van Beek", "d'Alembert", "al-Said").
_PARTICLE_JOINER = re.compile("[ '\u2019-]")
_LOWER_PARTICLE = re.compile(r"^((?:[a-z\u00e0-\u00ff'\u2019]+(?:[\s'\u2019]|-(?=[A-Z])))+)(.+)$")


def convert_names(value: Any) -> list[Name] | None:
    if not isinstance(value, list):
        return None
    names = []
    for entry in value:
        if not isinstance(entry, dict):
            continue
        name = _convert_name(entry)
        if name is not None:
            names.append(name)
    return names or None


def _convert_name(entry: dict[str, Any]) -> Name | None:
    name = Name.__new__(Name)
    parts = {}
    quoted_family = False
    family_value = entry.get("family")
    if isinstance(family_value, str) and '"' in family_value:
        stripped = family_value.strip()
        if len(stripped) > 2 and stripped[0] == stripped[-1] == '"':
            # A family name in double quotes is taken as it stands: no particles parsed out of it.
            entry = dict(entry, family=stripped[1:-1])
            quoted_family = True
    for part in _NAME_PARTS:
        value = entry.get(part)
        if value is None or isinstance(value, (list, dict, bool)):
            continue
        text = smart_quotes(parse_data(str(value)).strip())
        if text:
            parts[part] = text
    for flag in ("comma-suffix", "static-ordering", "parse-names"):
        if flag in entry:
            parts[flag] = entry[flag]
    if not parts.keys() & {"family", "given", "literal"}:
        return None
    given = parts.get("given")
    if given and "suffix" not in parts and "," in given:
        # "John, III" and "John,! Jr." (the "!" asks for a comma before the suffix): CSL-JSON's inline suffix.
        head, _, tail = given.partition(",")
        if tail.startswith("!"):
            tail = tail[1:]
            parts["comma-suffix"] = True
        if head.strip() and tail.strip():
            parts["given"], parts["suffix"] = head.strip(), tail.strip()
    if "literal" not in parts and "family" not in parts:
        # A name with a given name only is printed as that one name.
        parts["family"] = parts.pop("given")
    if "literal" not in parts and not quoted_family and entry.get("parse-names", True) not in (False, "false"):
        _split_particles(parts)
    dict.update(name, parts)
    return name


def _split_particles(parts: dict[str, Any]) -> None:
    """Particles written inside family or given (``"van Beek"``, ``"Ludwig van"``), as CSL splits them."""
    family = parts.get("family", "")
    if "non-dropping-particle" not in parts and _PARTICLE_JOINER.search(family):
        match = _LOWER_PARTICLE.match(family)
        if match and match.group(2)[:1].isupper():
            particle = match.group(1)
            parts["non-dropping-particle"] = particle.rstrip() if particle.endswith(" ") else particle
            parts["family"] = match.group(2)
    given = parts.get("given", "")
    if "dropping-particle" not in parts and " " in given:
        words = given.split(" ")
        tail = []
        while len(words) > 1 and words[-1][:1].islower() and words[-1].rstrip("'\u2019").isalpha():
            tail.insert(0, words.pop())
        if tail:
            parts["given"] = " ".join(words)
            parts["dropping-particle"] = " ".join(tail)


# --- dates ---------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_ISO = re.compile(r"^(-?\d{1,5})(?:-(\d{1,2})(?:-(\d{1,2}))?)?([~?%]*)$")


class _Date(Date):
    """A citeproc-py date built without its keyword check (which warns and needs a year)."""

    def __init__(self, year: int, month: int | None = None, day: int | None = None,
                 season: int | None = None, circa: bool = False):
        dict.__init__(self)
        self["year"] = year
        if month:
            self["month"] = month
        if day and month:
            self["day"] = day
        if season:
            self["season"] = season
        self["circa"] = circa


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    return None


def _date_from_parts(parts: Any, season: Any = None, circa: bool = False) -> _Date | None:
    if not isinstance(parts, (list, tuple)) or not parts:
        return None
    numbers = [_int(p) for p in parts[:3]]
    if numbers[0] is None:
        return None
    year = numbers[0]
    month = numbers[1] if len(numbers) > 1 else None
    day = numbers[2] if len(numbers) > 2 else None
    season_number = _int(season) if season is not None else None
    if isinstance(season, str) and season_number is None:
        season_number = _SEASONS.get(season.strip().lower())
    if month is not None and 13 <= month <= 16:
        season_number, month, day = month - 12, None, None
    elif month is not None and 21 <= month <= 24:
        season_number, month, day = month - 20, None, None
    elif month is not None and not 1 <= month <= 12:
        month, day = None, None
    if day is not None and not 1 <= day <= 31:
        day = None
    return _Date(year, month, day, season_number, circa)


def convert_date(value: Any) -> Date | DateRange | LiteralDate | None:
    """A CSL-JSON date (object or string) as a citeproc-py date, range or literal."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if isinstance(value, str):
        return parse_date_text(value)
    if not isinstance(value, dict):
        return None
    circa = value.get("circa") not in (None, False, 0, "", "0", "false")
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts:
        begin = _date_from_parts(parts[0], value.get("season"), circa)
        if begin is not None:
            end = _date_from_parts(parts[1]) if len(parts) > 1 else None
            if len(parts) > 1 and isinstance(parts[1], list) and all(_int(p) in (0, None) for p in parts[1]):
                return _range(begin, _OPEN_END, circa)  # [[1987], [0]]: an open range, 1987–
            if end is not None and _key(end) != _key(begin):
                return _range(begin, end, circa)
            return begin
    if isinstance(value.get("literal"), str) and value["literal"].strip():
        return _literal(value["literal"], circa)
    if isinstance(value.get("raw"), str) and value["raw"].strip():
        parsed = parse_date_text(value["raw"])
        if parsed is not None and circa:
            parsed["circa"] = True
        return parsed
    return None


def _key(date) -> tuple:
    return tuple(date.get(part) for part in ("year", "month", "day", "season"))


class _OpenEnd(dict):
    """The end of an open range (``1987–``): no date parts at all."""


_OPEN_END = _OpenEnd()


def _range(begin: _Date, end: _Date, circa: bool = False) -> DateRange:
    date_range = DateRange.__new__(DateRange)
    dict.update(date_range, {"begin": begin, "end": end, "circa": circa})
    return date_range


def _literal(text: str, circa: bool = False) -> LiteralDate:
    literal = LiteralDate.__new__(LiteralDate)
    literal.text = parse_data(text.strip())
    dict.update(literal, {"circa": circa})
    return literal


_RANGE_SPLIT = re.compile(r"\s*(?:/|\s[-\u2013\u2014]\s|\u2013|\u2014)\s*")
_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f]+\.?|\d+")


def parse_date_text(text: str) -> Date | DateRange | LiteralDate | None:
    """A date written as text: EDTF/ISO (``2020-05-01``, ``2019/2020``, ``2020-21``), or words.

    Forms understood: ``2020``, ``2020-05``, ``2020-05-17``, ``2020~`` / ``2020?`` (circa),
    seasons as months 21-24, ranges with ``/`` or a dash between two dates, ``May 2020``,
    ``17 May 2020``, ``May 17, 2020``, ``Spring 2020``. Anything else is kept as a literal.
    """
    text = text.strip()
    if not text:
        return None
    circa = False
    words = text.split()
    if len(words) > 1 and words[0].lower() in ("ca.", "ca", "c.", "circa"):
        # citeproc-js reads "circa 1850" as uncertain and drops "ca."/"c." without marking it.
        circa = words[0].lower() == "circa"
        text = " ".join(words[1:])
    parsed = _parse_date_words(text)
    if circa and parsed is not None and not isinstance(parsed, LiteralDate):
        parsed["circa"] = True
    return parsed


def _parse_date_words(text: str):
    pieces = _RANGE_SPLIT.split(text)
    if len(pieces) == 2 and all(pieces):
        begin, end = _single_date(pieces[0]), _single_date(pieces[1])
        if begin is not None and end is not None:
            # "2020-05-01/06-03" style abbreviations are not EDTF; an end without a year is rare.
            if _key(end) == _key(begin):
                return begin
            return _range(begin, end, begin["circa"])
    single = _single_date(text)
    if single is not None:
        return single
    return _literal(text)


def _single_date(text: str) -> _Date | None:
    text = text.strip()
    match = _ISO.match(text)
    if match:
        year, month, day, flags = match.groups()
        circa = "~" in flags or "%" in flags
        return _date_from_parts([int(year)] + [int(p) for p in (month, day) if p is not None], circa=circa)
    words = _WORDS.findall(text)
    if not words or len(words) > 3:
        return None
    year = month = day = season = None
    for word in words:
        lowered = word.lower().rstrip(".")
        if word.isdigit():
            number = int(word)
            if len(word) >= 3 or number > 31:
                if year is not None:
                    return None
                year = number
            elif day is None:
                day = number
            else:
                return None
        elif lowered[:3] in _MONTHS and month is None and (len(lowered) == 3 or lowered.startswith(
                ("janu", "febr", "marc", "apri", "may", "june", "july", "augu", "sept", "octo", "nove",
                 "dece")) or lowered == "sept"):
            month = _MONTHS[lowered[:3]]
        elif lowered in _SEASONS and season is None:
            season = _SEASONS[lowered]
        else:
            return None
    if year is None:
        return None
    if day is not None and month is None:
        return None
    return _date_from_parts([year] + ([month] if month else []) + ([day] if day and month else []),
                            season=season)
