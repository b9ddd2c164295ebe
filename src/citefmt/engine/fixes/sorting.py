"""``cs:sort`` and ``cs:key``: sort keys and a real collation.

Restores, against citeproc-py (which compared lower-cased code points):

* strings are compared as people sort them: letters before their accented forms are
  told apart only at the base level (``Çelik`` with the C's, ``Ångström`` with the A's,
  ``ё`` with ``е``), case ignored, punctuation and spaces ignored, ``ß`` as ``ss``, ``æ`` as
  ``ae``, numbers by value (``2`` before ``10``);
* scripts in the order of the style's sort locale: Latin first by default, Cyrillic first
  when the locale is Russian (or another Cyrillic-script language), as citeproc-js sorts;
* a key that renders nothing sorts last, ascending and descending alike; ties keep the
  order the items were registered in;
* a macro key renders its names in sort order with ``names-min``/``names-use-first``/
  ``names-use-last`` applied, its dates as full dates (``2019-05`` before ``2019-11``,
  whatever the date's printed form), its numbers by value;
* a name-variable key sorts by family name, then given names, with the style's
  ``demote-non-dropping-particle`` (``van Beek`` under B unless ``never``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from citeproc import model
from citeproc.source import Date as CiteprocDate, DateRange, LiteralDate

from ..richtext import plain
from . import register
from .common import Fixed
from .groups import present
from .source import DATE_VARIABLES, NAME_VARIABLES, NUMBER_VARIABLES, python_key

_CYRILLIC_FIRST = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg"})
_EXPANSIONS = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h",
               "ı": "i", "ŀ": "l", "ĳ": "ij", "ﬁ": "fi", "ﬂ": "fl"}
_KEEP = frozenset("йЙ")  # a letter of its own in Cyrillic, not и with a breve
_DIGITS = re.compile(r"\d+")


def _script_rank(char: str, cyrillic_first: bool) -> int:
    code = ord(char)
    if char.isascii() or 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return 1 if cyrillic_first else 0
    if 0x0370 <= code <= 0x03FF:
        return 2 if cyrillic_first else 1  # Greek comes between Latin and Cyrillic
    if 0x0400 <= code <= 0x052F:
        return 0 if cyrillic_first else 2
    return 3


@lru_cache(maxsize=65536)
def collation_key(text: str, language: str = "en") -> str:
    """A string whose order is the collation order of ``text`` (base letters, numbers by value).

    Each space becomes ``\\x01``; each number ``\\x02``, its length and its digits (so numbers
    compare by value); each letter a script-rank character and its base letter. Plain
    string comparison of two keys then gives the collation order.
    """
    cyrillic_first = language.split("-")[0].lower() in _CYRILLIC_FIRST
    out: list[str] = []
    position = 0
    for match in _DIGITS.finditer(text):
        _letters(text[position:match.start()], cyrillic_first, out)
        digits = str(int(match.group()))
        out.append("\x02" + chr(0x30 + len(digits)) + digits)
        position = match.end()
    _letters(text[position:], cyrillic_first, out)
    return "".join(out)


def _letters(text: str, cyrillic_first: bool, out: list[str]) -> None:
    pieces = _CHAR_KEYS[cyrillic_first]
    for char in text:
        piece = pieces.get(char)
        if piece is None:
            piece = pieces[char] = _char_key(char, cyrillic_first)
        if piece == "\x01":
            # A space is not ignored: it sorts before every letter ("Dale Z" < "Dalebout").
            if out and out[-1] != "\x01":
                out.append("\x01")
        elif piece:
            out.append(piece)


#: Each character's part of a sort key, worked out once (by cyrillic_first).
_CHAR_KEYS: dict[bool, dict[str, str]] = {False: {}, True: {}}


def _char_key(char: str, cyrillic_first: bool) -> str:
    """What ``char`` adds to a sort key: ``\\x01`` for a space, "" if it is ignored."""
    if char.isspace():
        return "\x01"
    if char in _KEEP:
        base = char.lower()
    else:
        lowered = char.lower()
        base = _EXPANSIONS.get(lowered)
        if base is None:
            decomposed = unicodedata.normalize("NFKD", lowered)
            base = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = []
    for letter in base:
        if not letter.isalnum():
            continue  # punctuation and spaces are ignored
        if letter.isdecimal():
            out.append("\x02\x31" + str(int(letter)))
            continue
        if letter == "\u0451":  # ё sorts as е
            letter = "\u0435"
        out.append(chr(0x10 + _script_rank(letter, cyrillic_first)) + letter)
    return "".join(out)


def date_sort_key(value, shown=None) -> str | None:
    """A date as a string that sorts chronologically (years may be negative).

    ``shown``: the date parts a macro prints; the others do not take part.
    """
    if isinstance(value, LiteralDate):
        return None
    if isinstance(value, DateRange):
        begin = date_sort_key(value["begin"], shown)
        end = value.get("end")
        return (begin or "") + "/" + (date_sort_key(end, shown) or "") if end is not None else begin
    if isinstance(value, CiteprocDate) or isinstance(value, dict):
        year = value.get("year")
        if year in (None, ""):
            return None
        month = value.get("month") or 0 if shown is None or "month" in shown else 0
        day = value.get("day") or 0 if shown is None or "day" in shown else 0
        return f"{int(year) + 100000:06d}{int(month or 0):02d}{int(day):02d}"
    return None


def _number_key(value) -> str | None:
    match = re.search(r"-?\d+", str(value))
    if not match:
        return None
    return f"{int(match.group()) + 10**12:013d}"


def _document_setting(items, name: str, default=None):
    """What the processor set on the bibliography of the document being sorted, for the sort
    of the whole list: ``jobs`` (processes it may use), ``progress`` (its callback) and
    ``collect_sort_names`` (None, or whether the names the keys print are to be gathered,
    primary names only)."""
    try:
        return getattr(items[0].citation.bibliography, name, default)
    except (IndexError, AttributeError):
        return default


def _renders_names(element, seen=None) -> bool:
    """Whether a macro (or any element) can print a cs:names, through the macros it calls."""
    from .names import Names

    seen = set() if seen is None else seen
    for child in element.iter():
        if isinstance(child, Names):
            return True
        name = child.get("macro") if child is not element else None
        if name and name not in seen:
            seen.add(name)
            macro = child.get_macro(name) if hasattr(child, "get_macro") else None
            if macro is not None and _renders_names(macro, seen):
                return True
    return False


@register
class Sort(Fixed, model.Sort):
    def _keys_printing_names(self, keys) -> list:
        """The macro keys after the first that can print names (kept once)."""
        found = self.__dict__.get("_name_keys")
        if found is None:
            found = self._name_keys = [key for key in keys[1:] if "macro" in key.attrib
                                       and _renders_names(key.get_macro(key.get("macro")))]
        return found

    def sort(self, items, context, tie_break=None):
        """``items`` sorted by this element's keys (stable; empty keys last); items the keys
        leave tied are ordered by the text ``tie_break(item)`` gives, if given."""
        keys = [key for key in self.iterchildren() if isinstance(key, Key)]
        language = self.sort_language()

        try:
            jobs = int(_document_setting(items, "jobs", 1))
        except (TypeError, ValueError):
            jobs = 1
        progress = _document_setting(items, "progress")
        primary_only = _document_setting(items, "collect_sort_names")
        people: set = set()

        def ordered(group: list, level: int) -> list:
            # A key is computed only for the items the keys before it left tied.
            if len(group) < 2:
                return group
            if level == len(keys):
                if tie_break is None:
                    return group
                return sorted(group, key=lambda item: collation_key(tie_break(item) or "", language))
            key = keys[level]
            name_keys = self._keys_printing_names(keys) if level == 0 and primary_only is not None else ()
            if level == 0 and (name_keys or jobs > 1 or progress is not None):
                from ...progress import ticker
                from ..parallel import map_slices

                def first_values(start: int, end: int) -> list:
                    return [key.value(item, context, language) for item in group[start:end]]

                def with_names(start: int, end: int) -> list:
                    # citeproc-js renders every key of every item, and the names its keys
                    # print join those its given-name rule tells apart (chicago's source-bib
                    # key: the editors of a chapter). The first key prints the names the
                    # cites print; the later keys that can print names are rendered for
                    # every item too, and what they print comes back with its values.
                    out = []
                    for item in group[start:end]:
                        value = key.value(item, context, language)
                        found: set = set()
                        dict.__setitem__(item, "_sort_names", (found, primary_only))
                        try:
                            for other in name_keys:
                                other.value(item, context, language)
                        finally:
                            dict.pop(item, "_sort_names", None)
                        out.append((value, tuple(found)))
                    return out

                computed = map_slices(with_names if name_keys else first_values, len(group), jobs,
                                      ticker(progress, "sort", len(group)))
                if name_keys:
                    for _, found in computed:
                        people.update(found)
                    computed = [value for value, _ in computed]
                values = list(zip(computed, group))
            else:
                values = [(key.value(item, context, language), item) for item in group]
            present_items = [pair for pair in values if pair[0] is not None]
            missing = [item for value, item in values if value is None]
            present_items.sort(key=lambda pair: pair[0], reverse=key.get("sort", "ascending") == "descending")
            out = []
            start = 0
            while start < len(present_items):
                end = start
                while end + 1 < len(present_items) and present_items[end + 1][0] == present_items[start][0]:
                    end += 1
                out.extend(ordered([item for _, item in present_items[start:end + 1]], level + 1))
                start = end + 1
            return out + ordered(missing, level + 1)

        result = ordered(list(items), 0)
        if primary_only is not None:
            items[0].citation.bibliography.sort_people = people
        return result

    def sort_language(self) -> str:
        root = self.get_root()
        return root.get("default-locale-sort") or getattr(root, "locale_tag", None) or \
            root.get("default-locale") or "en-US"


@register
class Key(Fixed, model.Key):
    def value(self, item, context, language):
        """This key's sort value for ``item`` (None: empty)."""
        if "variable" in self.attrib:
            return self._variable_value(item, self.get("variable"), language)
        if "macro" not in self.attrib:
            return None
        sort_options = {"name-as-sort-order": "all"}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                sort_options[option.replace("names", "et-al")] = self.get(option)
        layout = context.get_layout() if not isinstance(context, model.Layout) else context
        macro = self.get_macro(self.get("macro"))
        saved_repressed = layout.__dict__.get("repressed")
        layout.repressed = {}
        dict.__setitem__(item, "_sorting", True)
        try:
            text = macro.render(item, context=context, sort_options=sort_options)
        except Exception:
            text = None
        finally:
            dict.pop(item, "_sorting", None)
            layout.repressed = saved_repressed if saved_repressed is not None else {}
        if text is None or not plain(str(text)).strip():
            return None
        return collation_key(plain(str(text)), language)

    def _variable_value(self, item, variable, language):
        if variable == "citation-number":
            return collation_key(str(item.number))
        if variable == "citation-label":
            from .text import trigraph

            label = item.reference.get("citation_label") or trigraph(item.reference)
            return collation_key(plain(str(label)), language) if label else None
        value = item.reference.get(python_key(variable))
        if not present(value):
            return None
        if variable in NAME_VARIABLES:
            if not isinstance(value, list):
                return None
            return collation_key(" ".join(_name_sort_text(self, name) for name in value), language)
        if variable in DATE_VARIABLES:
            key = date_sort_key(value)
            return None if key is None else collation_key(key)
        if variable in NUMBER_VARIABLES:
            key = _number_key(value)
            return collation_key(key if key is not None else str(value), language)
        return collation_key(plain(str(value)), language)


def _name_sort_text(element, name) -> str:
    if "literal" in name:
        return str(name["literal"])
    demote = element.get_root().get("demote-non-dropping-particle") or "display-and-sort"
    family = str(name.get("family") or "")
    given = str(name.get("given") or "")
    ndp = str(name.get("non-dropping-particle") or "")
    dp = str(name.get("dropping-particle") or "")
    if ndp and demote == "never":
        family = f"{ndp} {family}"
    parts = [family, given, dp] + ([ndp] if ndp and demote != "never" else [])
    return " ".join(p for p in parts if p)
