"""``text-case`` on marked strings, as CSL 1.0.2 defines it.

Restores, against citeproc-py's ``TextCased``:

* text-case works on formatted text: an italic word or a ``<span class="nocase">`` in a
  title is one word among the others, and nocase text is never changed (citeproc-py
  lost the formatting of rich text, and crashed on plain strings);
* ``title``: stop words stay lower case unless first, last or after a colon (``v.`` and
  ``vs.`` among them, as in case names); words in mixed or upper case keep their case
  (``BMJ``, ``eBay``); each part of a hyphenated word is a word; applied only to English
  items in an English style (CSL "Title case conversion");
* ``capitalize-first`` and ``capitalize-all`` change only the first letter of lowercase
  words; ``sentence`` follows the CSL 1.0 rules;
* lower/upper case use the full Unicode case mappings of every script (Cyrillic
  included), not only ASCII.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..richtext import MARKER_CLASS, MARKS, is_marker

#: CSL 1.0.2's title-case stop words, and the prepositions and particles citeproc-js keeps
#: lower case with them (its "skip words"; its phrases are not kept apart, as there).
STOP_WORDS = frozenset("""
a an and as at but by down for from in into nor of on onto or over so the till to up via with yet
about v v. vs vs. de d' d’ van von
above across afore after against al along alongside amid amidst among amongst anenst apropos apud
around aside astride athwart atop barring before behind below beneath beside besides between
beyond c ca circa despite during et except forenenst given inside lest like modulo near next
notwithstanding off out per plus pro qua sans since than through throughout thruout toward
towards under underneath until unto upon versus within without
""".split())

_NOCASE = MARKS["nocase"]
_WORD = re.compile(r"[^\s\u00a0]+")
_ANY_MARKER = re.compile(MARKER_CLASS)


def _protected(text: str) -> list[bool]:
    """For each character: True if text-case must leave it alone (markers, nocase text)."""
    if not _ANY_MARKER.search(text):
        return [False] * len(text)  # no marker, so no nocase text either
    out = []
    depth = 0
    for char in text:
        if char == _NOCASE.open:
            depth += 1
            out.append(True)
        elif char == _NOCASE.close:
            depth = max(0, depth - 1)
            out.append(True)
        else:
            out.append(depth > 0 or is_marker(char))
    return out


def _words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of characters between spaces."""
    return [match.span() for match in _WORD.finditer(text)]


def _map(text: str, function, protected: list[bool] | None = None) -> str:
    protected = protected if protected is not None else _protected(text)
    return "".join(char if protected[i] else function(char) for i, char in enumerate(text))


def lowercase(text: str) -> str:
    return _map(text, str.lower)


def uppercase(text: str) -> str:
    return _map(text, str.upper)


def _letters(text: str, start: int, end: int, protected: list[bool]) -> str:
    if not any(protected[start:end]):
        return text[start:end]
    return "".join(text[i] for i in range(start, end) if not protected[i])


def _first_letter(text: str, start: int, end: int, protected: list[bool]) -> int | None:
    for i in range(start, end):
        if protected[i]:
            if text[i] == _NOCASE.open:
                return None  # a word that starts with nocase text keeps its case
            continue
        if text[i].isalpha():
            return i
        if text[i].isdigit():
            return None
    return None


def _latin(char: str) -> bool:
    return char.isascii() or "\u00c0" <= char <= "\u024f" or "\u1e00" <= char <= "\u1eff"


def _capitalize_at(chars: list[str], index: int | None) -> None:
    if index is not None:
        chars[index] = chars[index].upper() if len(chars[index].upper()) == 1 else chars[index]


def _hyphen_parts(text: str, protected: list[bool]) -> list[tuple[int, int]]:
    spans = []
    for start, end in _words(text):
        part_start = start
        for i in range(start, end):
            if text[i] == "-" and not protected[i]:
                if i > part_start:
                    spans.append((part_start, i))
                part_start = i + 1
        if part_start < end:
            spans.append((part_start, end))
    return spans


def capitalize_first(text: str) -> str:
    """The first letter of the first word upper case, if that word is lower case."""
    protected = _protected(text)
    chars = list(text)
    for start, end in _words(text):
        letters = _letters(text, start, end, protected)
        if not any(c.isalpha() for c in letters):
            continue
        if letters == letters.lower():
            _capitalize_at(chars, _first_letter(text, start, end, protected))
        break
    return "".join(chars)


def capitalize_all(text: str) -> str:
    """The first letter of every lowercase word upper case (each part of a hyphenated word too)."""
    protected = _protected(text)
    chars = list(text)
    for start, end in _hyphen_parts(text, protected):
        letters = _letters(text, start, end, protected)
        if letters and letters == letters.lower():
            _capitalize_at(chars, _first_letter(text, start, end, protected))
    return "".join(chars)


def sentence_case(text: str) -> str:
    """CSL 1.0 sentence case: an all-caps string is lowered but for its first letter; else the first word capitalized."""
    protected = _protected(text)
    letters = "".join(c for i, c in enumerate(text) if not protected[i])
    if letters and letters == letters.upper() and letters != letters.lower():
        text = _map(text, str.lower, protected)
        chars = list(text)
        words = _words(text)
        if words:
            _capitalize_at(chars, _first_letter(text, *words[0], protected))
        return "".join(chars)
    return capitalize_first(text)


def title_case(text: str) -> str:
    """CSL title case (English): capitalize lowercase words but stop words, not first/last/after a colon."""
    protected = _protected(text)
    all_caps = False
    chars = list(text)
    # Each part of a hyphenated word is a word of its own, and so is each part of a word
    # with a full stop inside ("e.coli", "ClinicalTrials.gov"), as citeproc-js reads them.
    # The head of a hyphenated word is capitalized even if it is a stop word or one letter.
    spans = []  # (start, end, head of a hyphenated word)
    for start, end in _words(text):
        part_start = start
        for i in range(start, end):
            if protected[i]:
                continue
            if text[i] in "-\u2013\u2014/":
                if i > part_start:
                    spans.append((part_start, i, text[i] == "-" and part_start == start))
                part_start = i + 1
            elif text[i] == "." and i + 1 < end and text[i + 1].isalpha() and i > part_start:
                spans.append((part_start, i + 1, False))
                part_start = i + 1
        if part_start < end:
            spans.append((part_start, end, False))
    last_word = len(spans) - 1
    after_colon = False
    for index, (start, end, head) in enumerate(spans):
        word_letters = _letters(text, start, end, protected)
        core = word_letters.strip("\"'“”‘’«»()[]{},;:!?").lower()
        if core not in STOP_WORDS:
            core = core.rstrip(".")
        first_char = next((text[i] for i in range(start, end) if not protected[i]), "")
        # One letter ("type x", "e.g.") is left as written, as a stop word is, but first.
        one_letter = len(core) == 1 and core.isalpha()
        is_stop = (core in STOP_WORDS or one_letter) and not head
        first = index == 0 or after_colon
        if word_letters and word_letters == word_letters.lower() and \
                (not is_stop or first or (index == last_word and not one_letter)):
            position = _first_letter(text, start, end, protected)
            if position is not None and _latin(text[position]):
                _capitalize_at(chars, position)  # title case is English: other scripts keep their case
        elif is_stop and not first and index != last_word and not all_caps:
            pass  # a stop word written with capitals keeps them (CSL: mixed case stays)
        after_colon = bool(word_letters) and word_letters.rstrip("\"'”’)]").endswith((":", "?", "!")) \
            or first_char in ("—",)
    return "".join(chars)


CASES = {
    "lowercase": lowercase,
    "uppercase": uppercase,
    "capitalize-first": capitalize_first,
    "capitalize-all": capitalize_all,
    "sentence": sentence_case,
    "title": title_case,
}


@lru_cache(maxsize=4096)  # a list repeats its journals' names, each title-cased alike
def apply_case(text: str, case: str | None) -> str:
    """``text`` (a marked string) in text case ``case`` (None or unknown: unchanged)."""
    if not case or not text:
        return text
    function = CASES.get(case)
    return function(text) if function else text


def is_english(language: str | None) -> bool:
    """Whether a language tag is English (title case applies)."""
    return not language or language.lower().split("-")[0] == "en"
