"""The passes that see a whole rendered entry or citation before it is written out.

Restores, against citeproc-py (which joined strings and looked only at the two
characters either side of a join):

* punctuation inside quotes where the locale says so (``punctuation-in-quote="true"``,
  en-US): ``“Title,”`` and ``“Title.”``, not ``“Title”,`` — for the quotes the style adds
  and those written in fields (``The “so-called,”``), through nested quotes; a quotation in
  a cite's prefix or suffix keeps punctuation outside;
* no doubled punctuation across formatting and quotes, merged pair by pair as citeproc-js
  does (a period after ``?``, ``!``, ``:``, ``;`` or a period is dropped: ``What? Really?``
  then ``.`` prints ``What? Really?``, ``<i>J. Test.</i>.`` prints ``<i>J. Test.</i>``; ``!``
  or ``?`` replace a colon or semicolon before them; ``.,`` and ``,;`` stay), and no doubled
  space.
"""

from __future__ import annotations

import re

from ..richtext import MARKER_CLASS, MARKS, is_marker

_QUOTE_CLOSE = MARKS["quote"].close
_DATA_QUOTE_CLOSE = MARKS["dquote"].close
_ENDS_SENTENCE = ".?!\u2026"


def finish(marked: str, root) -> str:
    """``marked`` with the whole-entry passes applied."""
    if root is not None and _punctuation_in_quote(root):
        marked = move_punctuation_into_quotes(marked)
    return merge_punctuation(marked)


def _punctuation_in_quote(root) -> bool:
    if hasattr(root, "punctuation_in_quote"):
        return root.punctuation_in_quote()
    value = root.get_locale_option("punctuation-in-quote") if hasattr(root, "get_locale_option") else None
    return str(value).lower() == "true"


def move_punctuation_into_quotes(marked: str) -> str:
    """A period or comma right after a closing quote goes inside it."""
    if _QUOTE_CLOSE not in marked:
        return marked
    chars = list(marked)
    index = 0
    while index < len(chars):
        if chars[index] == _QUOTE_CLOSE:
            # The closing markers right after the quote, then the punctuation.
            after = index + 1
            while after < len(chars) and is_marker(chars[after]) and chars[after] != MARKS["quote"].open \
                    and _is_closing(chars[after]):
                after += 1
            if after < len(chars) and chars[after] in ".,":
                punctuation = chars.pop(after)
                # Into the style's quote, and through any quotation that closes with it.
                target = index
                while target > 0 and chars[target - 1] in (_DATA_QUOTE_CLOSE, _QUOTE_CLOSE):
                    target -= 1
                chars.insert(target, punctuation)
                index += 1
        index += 1
    return "".join(chars)


def _is_closing(char: str) -> bool:
    return any(char == mark.close for mark in MARKS.values())


#: (punctuation before, punctuation after) -> what is kept where two meet, as citeproc-js merges
#: them: "left" keeps the first, "right" replaces it with the second; any other pair stays.
_MERGE = {}
for _left in ":;!?.":
    _MERGE[(_left, ".")] = "left"
for _left in ":;!?":
    _MERGE[(_left, ":")] = "left"
_MERGE.update({(";", ";"): "left", ("!", "!"): "left", ("?", "?"): "left", (",", ","): "left",
               (":", "!"): "right", (";", "!"): "right", (":", "?"): "right", (";", "?"): "right",
               ("\u2026", "."): "left"})
_PUNCTUATION = frozenset(":;!?.,\u2026")
# Two characters that merge (a double space or a pair of _MERGE), markers between them or not:
# without one, merge_punctuation has nothing to do.
_MERGING_PAIR = re.compile("|".join(
    re.escape(left) + MARKER_CLASS + "*" + re.escape(right) for left, right in [(" ", " "), *_MERGE]))


def merge_punctuation(marked: str) -> str:
    """Doubled punctuation and spaces across joins and markers merged (see the module docstring)."""
    if _MERGING_PAIR.search(marked) is None:
        return marked
    return _merge_all(marked)


def _merge_all(marked: str) -> str:
    out: list[str] = []
    last_index = -1  # where in ``out`` the last character that is not a marker sits
    for char in marked:
        if is_marker(char):
            out.append(char)
            continue
        last = out[last_index] if last_index >= 0 else ""
        if char == " " and last == " ":
            continue
        if char in _PUNCTUATION and last in _PUNCTUATION and last:
            rule = _MERGE.get((last, char))
            if rule == "left":
                continue
            if rule == "right":
                out[last_index] = char
                continue
        out.append(char)
        last_index = len(out) - 1
    return "".join(out)
