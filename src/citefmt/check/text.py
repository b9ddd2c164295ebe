"""Text helpers of the lint rules: scripts (Latin/Cyrillic), look-alike letters, words, markup."""

from __future__ import annotations

import re
import unicodedata

#: Latin letters that look like Cyrillic ones, and the Cyrillic letter each stands for.
LATIN_TO_CYRILLIC = dict(zip("aceopxyABCEHKMOPTX", "асеорхуАВСЕНКМОРТХ"))
#: Cyrillic letters that look like Latin ones, and the Latin letter each stands for.
CYRILLIC_TO_LATIN = {cyrillic: latin for latin, cyrillic in LATIN_TO_CYRILLIC.items()}

#: A run of letters (digits, punctuation and spaces separate words).
WORD = re.compile(r"[^\W\d_]+")
#: CSL rich-text tags (and any other tag-like run, to strip before counting letters).
TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def script(char: str) -> str | None:
    """``"latin"``, ``"cyrillic"`` or None for a character."""
    if "a" <= char <= "z" or "A" <= char <= "Z":
        return "latin"
    if "\u0400" <= char <= "\u052f" or "\u1c80" <= char <= "\u1c8f" or "\ua640" <= char <= "\ua69f":
        return "cyrillic" if char.isalpha() else None
    if char.isalpha() and ord(char) < 0x2c00:
        name = unicodedata.name(char, "")
        if name.startswith("LATIN"):
            return "latin"
    return None


def script_counts(text: str) -> tuple[int, int]:
    """(Latin letters, Cyrillic letters) in ``text``, markup excluded."""
    latin = cyrillic = 0
    for char in TAG.sub(" ", text):
        kind = script(char)
        if kind == "latin":
            latin += 1
        elif kind == "cyrillic":
            cyrillic += 1
    return latin, cyrillic


def mostly_cyrillic(text: str) -> bool:
    latin, cyrillic = script_counts(text)
    return cyrillic > 0 and cyrillic >= latin


def _fixed_word(word: str, into: str) -> str:
    table = LATIN_TO_CYRILLIC if into == "cyrillic" else CYRILLIC_TO_LATIN
    return "".join(table.get(c, c) for c in word)


def homoglyph_words(text: str, *, whole: bool = False, context: str | None = None) -> list[tuple[str, str, str]]:
    """Words that hide letters of the other script: ``(word, corrected, intended script)``.

    A word is suspect when it mixes Latin and Cyrillic letters and every letter of
    the minority script is a look-alike of the majority's (``Mосква`` with a Latin
    M, ``Cаncer`` with a Cyrillic а). A one-letter lowercase word of look-alikes
    between words of the other script is suspect too (a Latin ``c`` for the Russian
    preposition ``с``). With ``whole``, the whole text counts as one word (a given
    name of initials, ``И. B.``). A tie is broken by the script of ``context``
    (default: the text).
    """
    plain = TAG.sub(" ", text)
    words = [m.group(0) for m in WORD.finditer(plain)]
    #: Letters that stand alone between spaces (not the "p" of "p53" or the "B" of "B-cell").
    alone = {token.strip(".,:;!?()[]«»\"'“”") for token in plain.split()}
    if whole:
        words = [plain.strip()] if words else []
    total_latin, total_cyrillic = script_counts(context if context is not None else plain)
    found: list[tuple[str, str, str]] = []
    for index, word in enumerate(words):
        latin = [c for c in word if script(c) == "latin"]
        cyrillic = [c for c in word if script(c) == "cyrillic"]
        if latin and cyrillic:
            if len(cyrillic) > len(latin):
                intended = "cyrillic"
            elif len(latin) > len(cyrillic):
                intended = "latin"
            elif total_cyrillic != total_latin:
                intended = "cyrillic" if total_cyrillic > total_latin else "latin"
            else:
                continue
            minority = latin if intended == "cyrillic" else cyrillic
            table = LATIN_TO_CYRILLIC if intended == "cyrillic" else CYRILLIC_TO_LATIN
            if all(c in table for c in minority):
                found.append((word, _fixed_word(word, intended), intended))
            continue
        if whole or len(word) != 1 or not word.islower() or word not in alone:
            continue
        kind = script(word)
        other = "cyrillic" if kind == "latin" else "latin"
        table = LATIN_TO_CYRILLIC if kind == "latin" else CYRILLIC_TO_LATIN
        if kind is None or word not in table:
            continue
        neighbours = [words[i] for i in (index - 1, index + 1) if 0 <= i < len(words)]
        if neighbours and all(_word_script(n) == other for n in neighbours):
            found.append((word, _fixed_word(word, other), other))
    return found


def _word_script(word: str) -> str | None:
    kinds = {script(c) for c in word} - {None}
    return kinds.pop() if len(kinds) == 1 else None


_ALLOWED_TAGS = {"i", "b", "sup", "sub", "span", "sc"}
_TAG_PARTS = re.compile(r"<(/?)([A-Za-z]+)\b[^<>]*?(/?)>")


def markup_problem(text: str) -> str | None:
    """What is wrong with the rich-text markup of ``text``, or None if it is balanced."""
    stack: list[str] = []
    for match in _TAG_PARTS.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name not in _ALLOWED_TAGS or self_closing:
            continue
        if not closing:
            stack.append(name)
            continue
        if not stack:
            return f"</{name}> closes nothing"
        if stack[-1] != name:
            return f"<{stack[-1]}> is closed by </{name}>"
        stack.pop()
    if stack:
        return f"<{stack[-1]}> is never closed"
    return None


def strip_markup(text: str) -> str:
    return TAG.sub("", text)
