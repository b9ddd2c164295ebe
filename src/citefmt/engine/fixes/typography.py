"""Straight quotes and apostrophes in reference data, as the reference processor prints them.

Restores, against citeproc-py (which printed them as typed):

* an apostrophe inside or at the end of a word is the typographic one: ``Don't`` ->
  ``Don’t``, ``O'Neill`` -> ``O’Neill``;
* a space before ``:``, ``;``, ``!``, ``?`` and inside ``« »`` is a narrow no-break space
  (U+202F), as French typography writes it and as citeproc-js prints it in every entry;
* (the quotes of a cite's prefix or suffix print the same but keep punctuation outside;)
* a phrase in straight double quotes (``"so-called"``), or in single quotes that open at
  the start of a word and close at its end, is a quotation: it is printed with the locale's
  quotation marks, outer or inner by nesting (“so-called” in a plain title, ‘so-called’
  inside a title that the style itself quotes).
"""

from __future__ import annotations

import re

from ..richtext import MARKS, is_marker

_QUOTES = {"field": MARKS["quote"], "affix": MARKS["dquote"]}
_ANY_QUOTE = re.compile("[\"'\u201c\u2018]")
_OPENING_CONTEXT = set(" \t\u00a0([{\u2014\u2013-/")


def _prev_char(text: str, index: int) -> str:
    for i in range(index - 1, -1, -1):
        if not is_marker(text[i]):
            return text[i]
    return ""


def _next_char(text: str, index: int) -> str:
    for i in range(index + 1, len(text)):
        if not is_marker(text[i]):
            return text[i]
    return ""


def _opens(text: str, index: int) -> bool:
    before, after = _prev_char(text, index), _next_char(text, index)
    return (before == "" or before in _OPENING_CONTEXT) and after != "" and not after.isspace()


def _closes(text: str, index: int) -> bool:
    before, after = _prev_char(text, index), _next_char(text, index)
    return before != "" and not before.isspace() and (after == "" or not after.isalnum())


_OPENERS = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019"}


def smart_quotes(text: str, kind: str = "field") -> str:
    """``text`` (a marked string) with quotation marks as quote markers and apostrophes curled.

    Straight quotes pair as they open and close around words; typographic ones (“ ” ‘ ’)
    pair with their partners. Guillemets are kept as written. A quotation in a field takes
    punctuation in as the style's own quotes do; one in a cite's prefix or suffix
    (``kind="affix"``) does not.
    """
    quote = _QUOTES[kind]
    if not _ANY_QUOTE.search(text):
        return text
    chars = list(text)
    open_stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        if char not in "\"'\u201c\u201d\u2018\u2019":
            continue
        if open_stack and _OPENERS[open_stack[-1][0]] == char and (char in "\u201d\u2019" or _closes(text, index)):
            if char == "\u2019" and _next_char(text, index).isalnum():
                continue  # an apostrophe inside a word, not the closing quote
            _, start = open_stack.pop()
            pairs.append((start, index))
        elif char in "\u201c\u2018" or (char in "\"'" and _opens(text, index)
                                           and not (char == "'" and _prev_char(text, index).isalnum())):
            open_stack.append((char, index))
    for start, end in pairs:
        chars[start] = quote.open
        chars[end] = quote.close
    out = "".join(chars)
    return out.replace("'", "\u2019")


_BEFORE_PUNCTUATION = re.compile(r" (?=[:;!?](?:\s|$|[\U000F0000-\U000FFFFD]))")
_AFTER_GUILLEMET = re.compile(r"\u00ab ")
_BEFORE_GUILLEMET = re.compile(r" \u00bb")


def french_spacing(text: str) -> str:
    """Spaces before high punctuation and inside guillemets as narrow no-break spaces."""
    if " " not in text:
        return text
    text = _BEFORE_PUNCTUATION.sub("\u202f", text)
    text = _AFTER_GUILLEMET.sub("\u00ab\u202f", text)
    return _BEFORE_GUILLEMET.sub("\u202f\u00bb", text)
