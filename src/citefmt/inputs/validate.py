"""Validation of items against the CSL-JSON data model, collecting every problem.

:func:`validate_items` checks item shapes, types, variable names, names, dates and
numbers, normalises what CSL-JSON allows in several forms (ids and numbers become
strings, empty values are dropped) and returns the problems with the data path of
each, so the caller can point at the file, line and column.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Any

from .. import csl

_NUMERIC_DATE_PART = re.compile(r"^-?\d+$")
#: Date parts beyond this are not dates (and would overflow date arithmetic).
_MAX_DATE_PART = 10**9

# --- text hygiene -------------------------------------------------------------------------------
#
# Reference data is pasted together by hand, from PDFs and web pages. What reaches the
# engine is text that prints the same in every format and cannot act on a terminal or a page:
#
# * a line break inside a value (and the whitespace around it) becomes one space, or
#   nothing at either end: every entry prints on one line;
# * any other control character (C0 but tab, DEL, C1), a lone surrogate or a noncharacter
#   becomes U+FFFD, so an escape sequence in a title can never reach a terminal;
# * bidirectional embeddings, overrides and isolates are closed at the end of the value
#   that opened them (and stray closers dropped), so a right-to-left override in a title
#   cannot reorder the rest of the entry.

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BIDI_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
                 "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}
_BIDI_CLOSERS = ("\u202c", "\u2069")
#: Anything the slow path has to look at.
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029"
                             "\ufffe\uffff\ud800-\udfff]")
_BREAK_RUN = re.compile(f"\\s*[{_LINE_BREAKS}]\\s*")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_text(text: str) -> str:
    """``text`` made safe to print anywhere: see the rules above. Unchanged if already safe."""
    if not _NEEDS_CLEANING.search(text):
        return text
    end = len(text)
    text = _BREAK_RUN.sub(lambda m: "" if m.start() == 0 or m.end() == end else " ", text)
    text = _CONTROLS.sub(REPLACEMENT, text)
    if any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"):
        text = _balance_bidi(text)
    return text


def _balance_bidi(text: str) -> str:
    out: list[str] = []
    stack: list[str] = []  # the closer each open embedding/isolate needs
    for char in text:
        closer = _BIDI_OPENERS.get(char)
        if closer is not None:
            stack.append(closer)
        elif char in _BIDI_CLOSERS:
            if char not in stack:
                continue  # closes nothing this value opened: dropped
            # A PDI also closes the embeddings opened inside its isolate (UAX #9).
            while stack:
                if stack.pop() == char:
                    break
        out.append(char)
    out.extend(reversed(stack))
    return "".join(out)


def _quote(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: its repr, shortened (``'11111…'``)."""
    text = repr(value)
    if len(text) <= limit:
        return text
    if isinstance(value, str):
        short = repr(value[: limit - 3])
        return short[:-1] + "…" + short[-1]
    return text[: limit - 1] + "…"


#: Python converts at most 4,300 digits to a number, and numbers in data are parsed
#: (volumes, pages, ``is-numeric``): a longer run of digits is refused here.
MAX_DIGITS = 4000
_LONG_DIGITS = re.compile(r"\d{%d}" % (MAX_DIGITS + 1))


def _too_many_digits(text: str) -> bool:
    return len(text) > MAX_DIGITS and _LONG_DIGITS.search(text) is not None


def printable(text: str, limit: int = 80) -> str:
    """``text`` for an error message: control characters escaped, at most ``limit`` characters."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text[: limit + 1])
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, at a path such as ``("references", 2, "issued")``."""

    path: tuple
    field: str
    message: str
    hint: str | None = None
    #: Point at the key rather than the value (e.g. an unknown field name).
    on_key: bool = False


def _display(prefix: str, *steps: str | int) -> str:
    text = prefix
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else f".{printable(str(step), 60)}"
    return text.lstrip(".")


def _path(prefix: str) -> tuple:
    """Turn ``references[2]`` into ``("references", 2)``; ``[3]`` into ``(3,)``."""
    steps: list[str | int] = []
    for match in re.finditer(r"([^\[\].]+)|\[(\d+)\]", prefix):
        steps.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
    return tuple(steps)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (bytes, bytearray)):
        return "binary data (!!binary)"
    if isinstance(value, (set, frozenset)):
        return "a set (!!set)"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__} value"


def _finite(value: Any) -> bool:
    """False for a float that is infinite or not a number (JSON's 1e999)."""
    return not isinstance(value, float) or math.isfinite(value)


def _suggest(word: str, choices) -> str | None:
    lowered = {choice.lower(): choice for choice in choices}
    if word.lower() in lowered:
        return f"did you mean {lowered[word.lower()]}?"
    if word.replace("_", "-") in choices:
        return f"did you mean {word.replace('_', '-')}?"
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.7)
    return ("did you mean " + " or ".join(close) + "?") if close else None


#: Values up to this long are kept once per input however often they repeat (names,
#: journals, publishers, languages); longer ones (titles) rarely repeat.
SHARED_MAX_LENGTH = 80


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._shared: dict[str, str] = {}

    def text(self, text: str) -> str:
        """:func:`clean_text`, with a repeated short value kept once (one object for every copy)."""
        text = clean_text(text)
        if len(text) <= SHARED_MAX_LENGTH:
            return self._shared.setdefault(text, text)
        return text

    def key(self, key: str) -> str:
        """A field name kept once (a list parsed item by item repeats every field name)."""
        return self._shared.setdefault(key, key)

    def add(self, prefix: str, steps: tuple, message: str, hint: str | None = None,
            on_key: bool = False) -> None:
        self.problems.append(Problem(_path(prefix) + steps, _display(prefix, *steps),
                                     message, hint, on_key))

    def item(self, raw: Any, prefix: str) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.add(prefix, (), f"expected a CSL-JSON item (a mapping), found {_kind(raw)}")
            return None
        item: dict[str, Any] = {}
        for key, value in raw.items():
            if not isinstance(key, str):
                self.add(prefix, (), f"field names must be text, found {_kind(key)} {_quote(key)}")
                continue
            if value is None:
                continue
            normalised = self.field(key, value, prefix)
            if normalised is not None:
                item[self.key(key)] = normalised
        if "id" not in raw or raw.get("id") is None:
            self.add(prefix, (), "has no id", hint="every item needs a unique `id`")
        if "type" not in raw or raw.get("type") is None:
            self.add(prefix, (), "has no type", hint="e.g. `type: article-journal`")
        return item

    def field(self, key: str, value: Any, prefix: str) -> Any:
        if key == "id":
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                self.add(prefix, (key,), f"must be text or a whole number, found {_kind(value)}")
                return None
            text = clean_text(str(value).strip())
            if not text:
                self.add(prefix, (key,), "is empty")
                return None
            return text
        if key == "type":
            if not isinstance(value, str):
                self.add(prefix, (key,), f"must be text, found {_kind(value)}")
                return None
            if value not in csl.ITEM_TYPES:
                self.add(prefix, (key,), f"unknown item type {_quote(value)}",
                         hint=_suggest(value[:100], csl.ITEM_TYPES) or "see the CSL 1.0.2 item types")
                return None
            return value
        if key in csl.NAME_VARIABLES:
            return self.names(value, prefix, key)
        if key in csl.DATE_VARIABLES:
            return self.date(value, prefix, key)
        if key in csl.NUMBER_VARIABLES or key in csl.STRING_VARIABLES:
            if type(value) is str and not _too_many_digits(value):
                return self.text(value)  # the common case, as the checks below end for it
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                self.add(prefix, (key,), f"must be text or a number, found {_kind(value)}")
                return None
            if not _finite(value):
                self.add(prefix, (key,), f"must be a finite number, found {value!r}")
                return None
            if isinstance(value, str) and _too_many_digits(value):
                self.add(prefix, (key,), f"holds a number of more than {MAX_DIGITS:,} digits")
                return None
            return _number_text(value) if not isinstance(value, str) else self.text(value)
        if key == "categories":
            if not isinstance(value, list):
                self.add(prefix, (key,), f"must be a list of text, found {_kind(value)}")
                return None
            for index, entry in enumerate(value):
                if not isinstance(entry, str):
                    self.add(prefix, (key, index), f"must be text, found {_kind(entry)}")
                    return None
            return [clean_text(entry) for entry in value]
        if key == "custom":
            if not isinstance(value, dict):
                self.add(prefix, (key,), f"must be a mapping, found {_kind(value)}")
                return None
            return value
        self.add(prefix, (key,), "unknown CSL variable",
                 hint=_suggest(key[:100], csl.ALL_KEYS) or "see the CSL-JSON schema", on_key=True)
        return None

    def names(self, value: Any, prefix: str, key: str) -> list[dict[str, Any]] | None:
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            self.add(prefix, (key,), f"must be a list of names, found {_kind(value)}",
                     hint="write each name as {family: ..., given: ...} or {literal: ...}")
            return None
        names = []
        for index, name in enumerate(value):
            if not isinstance(name, dict):
                self.add(prefix, (key, index), f"a name must be a mapping, found {_kind(name)}",
                         hint="write {family: ..., given: ...} or {literal: ...}")
                continue
            clean: dict[str, Any] = {}
            for part, text in name.items():
                if text is None:
                    continue
                if part not in csl.NAME_KEYS:
                    self.add(prefix, (key, index, part), "unknown name part",
                             hint=_suggest(str(part)[:100], csl.NAME_KEYS) or "family, given, literal, suffix, ...",
                             on_key=True)
                    continue
                if type(text) is str and part not in csl.NAME_FLAG_KEYS and not _too_many_digits(text):
                    clean[self.key(part)] = self.text(text)  # the common case, as below
                    continue
                if part in csl.NAME_FLAG_KEYS:
                    if not isinstance(text, (str, int, float, bool)):
                        self.add(prefix, (key, index, part), f"must be a flag, found {_kind(text)}")
                        continue
                elif isinstance(text, bool) or not isinstance(text, (str, int, float)) or not _finite(text):
                    self.add(prefix, (key, index, part), f"must be text, found {_kind(text)}")
                    continue
                elif isinstance(text, str) and _too_many_digits(text):
                    self.add(prefix, (key, index, part), f"holds a number of more than {MAX_DIGITS:,} digits")
                    continue
                else:
                    text = self.text(text) if isinstance(text, str) else _number_text(text)
                clean[self.key(part)] = text
            if not any(str(clean.get(p, "")).strip() for p in ("family", "given", "literal")):
                self.add(prefix, (key, index), "a name needs a family, given or literal part")
                continue
            names.append(clean)
        return names

    def date(self, value: Any, prefix: str, key: str) -> Any:
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            text = clean_text(str(value).strip())
            if not text:
                self.add(prefix, (key,), "is empty")
                return None
            if _too_many_digits(text):
                self.add(prefix, (key,), f"holds a number of more than {MAX_DIGITS:,} digits")
                return None
            return text  # an EDTF or free-text date; the engine parses it
        if not isinstance(value, dict):
            self.add(prefix, (key,), f"must be a date, found {_kind(value)}",
                     hint="e.g. {date-parts: [[2020, 5, 17]]} or \"2020-05-17\"")
            return None
        date: dict[str, Any] = {}
        problems_before = len(self.problems)
        for part, content in value.items():
            if content is None:
                continue
            if part not in csl.DATE_KEYS:
                self.add(prefix, (key, part), "unknown date part",
                         hint=_suggest(str(part)[:100], csl.DATE_KEYS) or "date-parts, literal, raw, season, circa",
                         on_key=True)
                continue
            if part == "date-parts":
                parts = self.date_parts(content, prefix, key)
                if parts is not None:
                    date[self.key(part)] = parts
            elif part == "circa":
                if not isinstance(content, (str, int, float, bool)):
                    self.add(prefix, (key, part), f"must be a flag, found {_kind(content)}")
                else:
                    date[self.key(part)] = content
            elif isinstance(content, bool) or not isinstance(content, (str, int, float)) or not _finite(content):
                self.add(prefix, (key, part), f"must be text, found {_kind(content)}")
            elif isinstance(content, str) and _too_many_digits(content):
                self.add(prefix, (key, part), f"holds a number of more than {MAX_DIGITS:,} digits")
            else:
                date[self.key(part)] = self.text(content) if isinstance(content, str) \
                    else _number_text(content)
        if not any(k in date for k in ("date-parts", "literal", "raw")):
            if len(self.problems) == problems_before:
                self.add(prefix, (key,), "a date needs date-parts, literal or raw")
            return None
        return date

    def date_parts(self, value: Any, prefix: str, key: str) -> list | None:
        steps = (key, "date-parts")
        if not isinstance(value, list) or not value:
            self.add(prefix, steps, f"must be a list of one or two dates, found {_kind(value)}",
                     hint="e.g. [[2020, 5, 17]] or [[2019], [2020]] for a range")
            return None
        if len(value) > 2:
            self.add(prefix, steps, f"holds {len(value)} dates; at most two (a range)")
            return None
        result = []
        for index, parts in enumerate(value):
            if not isinstance(parts, list) or not 1 <= len(parts) <= 3:
                self.add(prefix, steps + (index,),
                         "must be [year], [year, month] or [year, month, day]")
                return None
            clean = []
            for number in parts:
                if isinstance(number, bool) or not (
                        isinstance(number, int) or
                        (isinstance(number, str) and _NUMERIC_DATE_PART.match(number.strip())) or
                        (isinstance(number, float) and number.is_integer())):
                    self.add(prefix, steps + (index,), f"date parts must be whole numbers, found {_quote(number)}")
                    return None
                digits = number.strip() if isinstance(number, str) else None
                value_ = int(number) if digits is None else int(digits) if len(digits) <= 12 else _MAX_DATE_PART
                if abs(value_) >= _MAX_DATE_PART:
                    self.add(prefix, steps + (index,), f"date part {_quote(number)} is out of range")
                    return None
                clean.append(value_)
            result.append(clean)
        return result


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def validate_items(items: list[Any], prefixes: list[str], *,
                   release: bool = False) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Validate and normalise items; return the clean items and every problem found.

    ``prefixes`` names each item for messages (``references[2]``); it is parsed
    back into the data path used to locate the item in its file. ``release``: each
    position of ``items`` is set to None once its item is checked (for the caller that
    no longer needs the raw items).
    """
    checker = _Checker()
    clean_items = []
    seen: dict[str, str] = {}
    for index, (raw, prefix) in enumerate(zip(items, prefixes)):
        if release:
            items[index] = None
        item = checker.item(raw, prefix)
        if item is None:
            continue
        item_id = item.get("id")
        if item_id is not None:
            if item_id in seen:
                checker.add(prefix, ("id",), f"duplicate id {item_id!r}", hint=f"also used by {seen[item_id]}")
            else:
                seen[item_id] = prefix
        clean_items.append(item)
    return clean_items, checker.problems
