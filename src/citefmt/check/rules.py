"""The lint rules: each looks at one normalised CSL-JSON item and returns what it finds.

A rule returns :class:`Hit` objects: the rule, the steps from the item to the
offending value (``("author", 0, "given")``; ``()`` for the item itself), a
one-line message and, for safe fixes, the corrected value. :mod:`citefmt.check.core`
turns hits into located findings. Rules that compare items (duplicates, dashes
across a file) are in :func:`file_hits`.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable
from urllib.parse import unquote

from . import findings as R
from .findings import Rule
from .text import homoglyph_words, markup_problem, mostly_cyrillic, strip_markup


@dataclass(frozen=True)
class Hit:
    rule: Rule
    steps: tuple
    message: str
    #: The corrected value (only for rules with a safe fix).
    new: str | None = None
    #: For a missing part: the variables any of which would do.
    variables: tuple = ()


# ---------------------------------------------------------------------------
# DOIs.
# ---------------------------------------------------------------------------

_DOI_URL = re.compile(r"^\s*(?:https?://)?(?:dx\.|www\.)?doi\.org/+", re.I)
_DOI_LABEL = re.compile(r"^\s*(?:doi|dol|d0i)\s*[:：]\s*|^\s*doi\s+(?=\d)", re.I)
_DOI_VALID = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
_DOI_NO_10 = re.compile(r"^\d{4,9}/\S")
_DOI_ANYWHERE = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_DOI_IN_URL = re.compile(r"(?:doi\.org/+|/doi/+(?:(?:abs|full|pdf|epdf|book)/+)?)(10\.\d{4,9}/[^\s?#]+)", re.I)
_TRAILING_PUNCT = ".,;"


def _strip_doi_label(value: str) -> tuple[str, str | None]:
    """The value without a leading doi:/dol: label or doi.org URL, and what was removed."""
    text = value.strip()
    match = _DOI_URL.match(text)
    if match:
        return unquote(text[match.end():]).strip(), "a doi.org URL"
    match = _DOI_LABEL.match(text)
    if match:
        label = match.group(0).strip()
        return text[match.end():].strip(), f"the label {label!r}"
    return text, None


def normalize_doi(value: str) -> str:
    """The DOI as it should be stored: no label or URL, ``10.`` prefix, no trailing full stop."""
    text, _ = _strip_doi_label(value)
    text = text.rstrip(_TRAILING_PUNCT)
    if _DOI_NO_10.match(text):
        text = "10." + text
    return text


def doi_key(value: str) -> str | None:
    """The DOI compared case-insensitively (None if it is not a DOI)."""
    text = normalize_doi(value)
    return text.lower() if _DOI_VALID.match(text) else None


def _doi_hits(item: dict) -> Iterable[Hit]:
    value = item.get("DOI")
    if isinstance(value, str) and value.strip():
        fixed = normalize_doi(value)
        bare, removed = _strip_doi_label(value)
        if removed:
            yield Hit(R.DOI_PREFIX, ("DOI",), f"holds {removed}; store the bare DOI {fixed}", fixed)
        if _DOI_NO_10.match(bare):
            yield Hit(R.DOI_MISSING_10, ("DOI",), f"{bare!r} lacks the \"10.\" prefix: {fixed}", fixed)
        if bare.rstrip(_TRAILING_PUNCT) != bare:
            yield Hit(R.DOI_TRAILING_PUNCTUATION, ("DOI",),
                      f"ends in {bare[-1]!r}, copied from the printed reference: {fixed}", fixed)
        if not _DOI_VALID.match(fixed):
            yield Hit(R.DOI_FORMAT, ("DOI",), f"{value!r} is not a DOI (10.NNNN/suffix)")
        return
    url = item.get("URL")
    if isinstance(url, str):
        match = _DOI_IN_URL.search(url)
        if match:
            doi = unquote(match.group(1)).rstrip(_TRAILING_PUNCT)
            yield Hit(R.DOI_IN_URL, ("URL",), f"holds the DOI {doi}: put it in DOI")
            return
    note = item.get("note")
    if isinstance(note, str):
        match = _DOI_ANYWHERE.search(note)
        if match:
            doi = match.group(0).rstrip(_TRAILING_PUNCT + ")]")
            yield Hit(R.DOI_IN_NOTE, ("note",), f"holds the DOI {doi}: put it in DOI")


# ---------------------------------------------------------------------------
# ISSN, ISBN, PMID, PMCID.
# ---------------------------------------------------------------------------

_ISSN = re.compile(r"^(\d{4})-?(\d{3}[\dXx])$")
_ISSN_NOISE = re.compile(r"\((?:print|online|electronic|e|p)\)|\b(?:ISSN|[ep]-?ISSN|print|online)\b:?", re.I)


def issn_ok(issn: str) -> bool:
    match = _ISSN.match(issn)
    if not match:
        return False
    digits = match.group(1) + match.group(2)
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1)))
    check = (11 - total % 11) % 11
    return digits[7].upper() == ("X" if check == 10 else str(check))


def _issn_hits(item: dict) -> Iterable[Hit]:
    value = item.get("ISSN")
    if not isinstance(value, str) or not value.strip():
        return
    for part in re.split(r"[,;/]|\s+(?=\d)", _ISSN_NOISE.sub(" ", value)):
        part = part.strip()
        if not part:
            continue
        if not _ISSN.match(part):
            yield Hit(R.ISSN_INVALID, ("ISSN",), f"{part!r} is not an ISSN (NNNN-NNNC)")
        elif not issn_ok(part):
            yield Hit(R.ISSN_INVALID, ("ISSN",), f"{part}: the check digit is wrong")


def isbn_ok(digits: str) -> bool:
    if len(digits) == 10 and re.match(r"^\d{9}[\dX]$", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def _isbn_hits(item: dict) -> Iterable[Hit]:
    value = item.get("ISBN")
    if not isinstance(value, str) or not value.strip():
        return
    text = re.sub(r"\([^)]*\)|\bISBN(?:-1[03])?\b:?", " ", value, flags=re.I)
    for part in re.split(r"[,;/]", text):
        part = part.strip()
        if not part:
            continue
        candidates = [part]
        if len(_isbn_digits(part)) not in (10, 13):
            # "978-0-306-40615-7 0-306-40615-2": several ISBNs separated by spaces.
            chunks = part.split()
            if len(chunks) > 1 and all(len(_isbn_digits(c)) in (10, 13) for c in chunks):
                candidates = chunks
        for candidate in candidates:
            digits = _isbn_digits(candidate)
            if not re.match(r"^\d{9}[\dX]$|^\d{13}$", digits):
                yield Hit(R.ISBN_INVALID, ("ISBN",), f"{candidate!r} is not an ISBN (10 or 13 digits)")
            elif not isbn_ok(digits):
                yield Hit(R.ISBN_INVALID, ("ISBN",), f"{candidate}: the check digit is wrong")


def _isbn_digits(text: str) -> str:
    return re.sub(r"[\s\-‐‑–]", "", text).upper()


def _pmid_hits(item: dict) -> Iterable[Hit]:
    value = item.get("PMID")
    if isinstance(value, str) and value.strip() and not re.match(r"^\d{1,9}$", value.strip()):
        yield Hit(R.PMID_INVALID, ("PMID",), f"{value!r} is not a PMID (digits only)")
    value = item.get("PMCID")
    if isinstance(value, str) and value.strip() and not re.match(r"^PMC\d{1,9}$", value.strip()):
        hint = f": PMC{value.strip()}" if value.strip().isdigit() else " (PMC followed by digits)"
        yield Hit(R.PMCID_INVALID, ("PMCID",), f"{value!r} is not a PMCID{hint}")


# ---------------------------------------------------------------------------
# Missing parts.
# ---------------------------------------------------------------------------

_NEEDS_CONTAINER = {
    "article-journal": "journal article without container-title (the journal)",
    "article-magazine": "magazine article without container-title (the magazine)",
    "article-newspaper": "newspaper article without container-title (the newspaper)",
    "chapter": "chapter without container-title (the book)",
}
_ONLINE_TYPES = {"webpage", "post", "post-weblog", "software", "dataset"}
_UNTITLED_TYPES = {"personal_communication"}


def _has_text(item: dict, key: str) -> bool:
    value = item.get(key)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value != [] and value != {}


def _missing_hits(item: dict) -> Iterable[Hit]:
    kind = item.get("type")
    if kind in _NEEDS_CONTAINER and not _has_text(item, "container-title"):
        short = [k for k in ("container-title-short", "journalAbbreviation") if _has_text(item, k)]
        extra = f"; only {short[0]} is set" if short else ""
        yield Hit(R.MISSING_CONTAINER_TITLE, (), _NEEDS_CONTAINER[kind] + extra)
    if not _has_text(item, "title") and kind not in _UNTITLED_TYPES:
        yield Hit(R.MISSING_TITLE, (), "has no title")
    if not _has_text(item, "issued") and not _has_text(item, "status"):
        if not (kind in _ONLINE_TYPES and _has_text(item, "accessed")):
            yield Hit(R.MISSING_DATE, (), "has no date (issued)")
    if kind == "book" and not _has_text(item, "publisher"):
        yield Hit(R.MISSING_PUBLISHER, (), "book without a publisher")


# ---------------------------------------------------------------------------
# Pages.
# ---------------------------------------------------------------------------

#: Range separators: a hyphen, an en dash, or something else a style will not expect.
_RANGE = re.compile(r"^(\S+?)(\s*)(---?|[-‐‑‒–—―−])(\s*)(\S+)$")
_PAGE_NUMBER = re.compile(r"^([A-Za-z]{0,3})(\d+)([A-Za-z]?)$")
_ROMAN = re.compile(r"^[ivxlcdm]+$|^[IVXLCDM]+$")
HYPHEN, EN_DASH, ODD = "hyphen", "en dash", "odd"
_DASH_NAMES = {"—": "an em dash", "−": "a minus sign", "‐": "a Unicode hyphen", "‑": "a non-breaking hyphen",
               "‒": "a figure dash", "―": "a horizontal bar"}


@dataclass(frozen=True)
class PageRange:
    start: str
    separator: str
    spaced: bool
    end: str
    #: The range as written.
    text: str = ""

    @property
    def dash(self) -> str:
        if self.spaced or self.separator not in ("-", "–"):
            return ODD
        return HYPHEN if self.separator == "-" else EN_DASH


def page_ranges(value: str) -> list[PageRange]:
    """The ranges of a page field whose two ends are page numbers (``e174``, ``350``, ``xi``)."""
    ranges = []
    for part in re.split(r"\s*[,;&]\s*", value.strip()):
        match = _RANGE.match(part.strip())
        if not match:
            continue
        start, before, separator, after, end = match.groups()
        if all(_PAGE_NUMBER.match(x) or _ROMAN.match(x) for x in (start, end)):
            ranges.append(PageRange(start, separator, bool(before or after), end, part.strip()))
    return ranges


def page_dashes(value: str) -> set[str]:
    return {r.dash for r in page_ranges(value)}


def fix_page_dashes(value: str, dash: str = "-") -> str:
    """Every range separator of a page field made ``dash`` (spaces around it removed)."""
    parts = re.split(r"(\s*[,;&]\s*)", value)
    out = []
    for part in parts:
        match = _RANGE.match(part.strip()) if part.strip() else None
        if match and all(_PAGE_NUMBER.match(x) or _ROMAN.match(x) for x in (match.group(1), match.group(5))):
            lead = part[: len(part) - len(part.lstrip())]
            trail = part[len(part.rstrip()):]
            part = f"{lead}{match.group(1)}{dash}{match.group(5)}{trail}"
        out.append(part)
    return "".join(out)


def preferred_dash(items: Iterable[dict]) -> str:
    """The range dash most page fields of a file use (a hyphen when tied or when there are none)."""
    hyphens = en_dashes = 0
    for item in items:
        value = item.get("page") if isinstance(item, dict) else None
        if isinstance(value, str):
            dashes = page_dashes(value)
            hyphens += dashes == {HYPHEN}
            en_dashes += dashes == {EN_DASH}
    return "–" if en_dashes > hyphens else "-"


def _page_hits(item: dict, dash: str = "-") -> Iterable[Hit]:
    value = item.get("page")
    if not isinstance(value, str):
        return
    for page_range in page_ranges(value):
        start, end = _PAGE_NUMBER.match(page_range.start), _PAGE_NUMBER.match(page_range.end)
        if not start or not end:
            continue
        prefix, digits, _ = start.groups()
        end_prefix, end_digits, _ = end.groups()
        if end_prefix and end_prefix.lower() != prefix.lower():
            continue
        text = f"{page_range.start}{page_range.separator}{page_range.end}"
        if len(end_digits) < len(digits):
            expanded = digits[: len(digits) - len(end_digits)] + end_digits
            if int(expanded) > int(digits):
                full = f"{page_range.start}-{prefix}{expanded}"
                yield Hit(R.PAGE_ABBREVIATED, ("page",), f"{text} is abbreviated: store the full range {full}")
            else:
                yield Hit(R.PAGE_ABBREVIATED, ("page",), f"{text} is abbreviated or reversed: store the full range")
        elif int(end_digits) < int(digits):
            yield Hit(R.PAGE_REVERSED, ("page",), f"{text} ends before it starts")
    dashes = page_dashes(value)
    if ODD in dashes:
        odd = [r for r in page_ranges(value) if r.dash == ODD][0]
        shown = odd.text
        if odd.separator in ("-", "–"):
            what = "spaces around the dash"
        elif len(odd.separator) == 1:
            what = f"{_DASH_NAMES.get(odd.separator, 'an unusual dash')} (U+{ord(odd.separator):04X}) as its dash"
        else:
            what = f"{odd.separator!r} as its dash"
        fixed = fix_page_dashes(value, dash)
        yield Hit(R.PAGE_DASH, ("page",), f"{shown} has {what}: write {fixed}", fixed)
    elif dashes == {HYPHEN, EN_DASH}:
        fixed = fix_page_dashes(value, dash)
        yield Hit(R.PAGE_DASH, ("page",), f"mixes hyphens and en dashes: write {fixed}", fixed)


# ---------------------------------------------------------------------------
# Dates.
# ---------------------------------------------------------------------------

_DATE_VARIABLES = ("issued", "original-date", "accessed", "submitted", "event-date", "available-date")
_ISO_DATE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def _date_parts(value: Any) -> list[tuple[tuple, list[int]]]:
    """(steps below the variable, [year, month, day]) for each date of a date value."""
    found = []
    if isinstance(value, dict):
        for index, parts in enumerate(value.get("date-parts") or []):
            if isinstance(parts, list) and parts:
                found.append((("date-parts", index), [int(p) for p in parts]))
    elif isinstance(value, str):
        for side in value.split("/"):
            match = _ISO_DATE.match(side.strip().rstrip("?~%"))
            if match:
                found.append(((), [int(g) for g in match.groups() if g is not None]))
    return found


def _date_hits(item: dict, today: _dt.date) -> Iterable[Hit]:
    for variable in _DATE_VARIABLES:
        value = item.get(variable)
        if value is None:
            continue
        for steps, parts in _date_parts(value):
            where = (variable,) + steps
            year = parts[0]
            month = parts[1] if len(parts) > 1 else None
            day = parts[2] if len(parts) > 2 else None
            shown = "-".join(str(p) for p in parts)
            if month is not None:
                # Seasons are written as months 21-24 (EDTF, and citeproc-js reads them in
                # date-parts too); CSL-JSON also has the `season` key.
                season = day is None and 21 <= month <= 24
                if not (1 <= month <= 12 or season):
                    hint = " (a season goes in `season`)" if 13 <= month <= 20 and day is None else ""
                    yield Hit(R.DATE_IMPOSSIBLE, where, f"{shown}: there is no month {month}{hint}")
                    continue
                if day is not None:
                    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
                    if not 1 <= day <= last:
                        yield Hit(R.DATE_IMPOSSIBLE, where,
                                  f"{shown}: {calendar.month_name[month]} has no day {day}"
                                  + (f" in {year}" if month == 2 and day == 29 else ""))
                        continue
            if variable == "accessed":
                when = (year, month or 1, day or 1)
                if when > (today.year, today.month, today.day):
                    yield Hit(R.DATE_FUTURE, where, f"{shown} is after today ({today.isoformat()})")
            elif year > today.year:
                yield Hit(R.DATE_FUTURE, where, f"{year} is in the future")


# ---------------------------------------------------------------------------
# Names.
# ---------------------------------------------------------------------------

_NAME_VARIABLES = ("author", "editor", "translator", "container-author", "collection-editor",
                   "composer", "director", "interviewer", "recipient", "reviewed-author",
                   "original-author", "illustrator", "compiler", "contributor", "chair", "curator",
                   "editorial-director", "executive-producer", "guest", "host", "narrator", "organizer",
                   "performer", "producer", "script-writer", "series-creator")

_UPPER = "A-ZА-ЯЁ"
_LOWER = "a-zа-яё"
#: "DV", "D", "JRR": capital letters only, no periods.
_BARE_INITIALS = re.compile(rf"^[{_UPPER}]{{1,3}}$")
#: "D.V.", "Yu.V.", "D.V": several initials without a space between them.
_JOINED_INITIALS = re.compile(rf"^(?:[{_UPPER}][{_LOWER}]{{0,2}}\.){{2,}}$|^(?:[{_UPPER}][{_LOWER}]{{0,2}}\.)+[{_UPPER}]$")
#: A token that is one initial with its period, or hyphenated initials: "D.", "Yu.", "Sh.", "A.-M.".
_INITIAL = re.compile(rf"^[{_UPPER}][{_LOWER}]{{0,2}}\.(?:-[{_UPPER}][{_LOWER}]{{0,2}}\.)*$")
#: A family name that is really initials: "D. V.", "D.", "Yu.V.", "DV".
_INITIALS_ONLY = re.compile(rf"^(?:[{_UPPER}][{_LOWER}]{{0,2}}\.[\s-]*)+$|^[{_UPPER}]{{1,3}}$")
_ET_AL = re.compile(r"(?:^|\s)(?:et\.?\s*al\.?|и\s*др\.?|и\s*соавт\.?|u\.\s*a\.|y\s*col\.?|et\s*coll\.?)$|^others$",
                    re.I)


def _initials_problem(given: str) -> str | None:
    text = given.strip()
    if _BARE_INITIALS.match(text):
        spaced = " ".join(c + "." for c in text)
        if len(text) == 1:
            return f"the initial {text!r} has no period: write {spaced!r}"
        return f"{text!r} are initials without periods: write {spaced!r}"
    tokens = text.split()
    for token in tokens:
        if _JOINED_INITIALS.match(token):
            parts = re.findall(rf"[{_UPPER}][{_LOWER}]{{0,2}}\.?", token)
            spaced = " ".join(p if p.endswith(".") else p + "." for p in parts)
            return f"{token!r}: initials need a space between them: {spaced!r}"
    if len(tokens) > 1 or _INITIAL.match(text) is None:
        for token in tokens:
            if re.match(rf"^[{_UPPER}]$", token):
                return f"the initial {token!r} in {text!r} has no period: {token}."
    return None


def _name_hits(item: dict) -> Iterable[Hit]:
    for variable in _NAME_VARIABLES:
        names = item.get(variable)
        if not isinstance(names, list):
            continue
        for index, name in enumerate(names):
            if not isinstance(name, dict):
                continue
            where = (variable, index)
            parts = {k: name[k] for k in ("family", "given", "literal") if isinstance(name.get(k), str)}
            et_al = [k for k, v in parts.items() if _ET_AL.search(v.strip())]
            if et_al:
                yield Hit(R.NAME_ET_AL, where + (et_al[0],),
                          f"{parts[et_al[0]]!r} is not a name: drop it, the style adds \"et al.\"")
                continue
            family = parts.get("family", "").strip()
            given = parts.get("given", "").strip()
            if family and given and _swapped(family, given):
                yield Hit(R.NAME_SWAPPED, where,
                          f"family {family!r} and given {given!r} look swapped")
            elif given:
                problem = _initials_problem(given)
                if problem:
                    yield Hit(R.NAME_INITIALS, where + ("given",), problem)
            context = " ".join(parts.values())
            for key, value in parts.items():
                for word, fixed, intended in homoglyph_words(value, whole=(key == "given"), context=context):
                    yield Hit(R.MIXED_SCRIPT, where + (key,), _homoglyph_message(word, fixed, intended))


def _swapped(family: str, given: str) -> bool:
    given_is_surname = (len(given) >= 3 and re.search(rf"[{_LOWER}]", given) is not None
                        and not any(_INITIAL.match(t) or _BARE_INITIALS.match(t) for t in given.split()))
    if _INITIALS_ONLY.match(family) and given_is_surname and len(given) > len(family):
        return True
    given_caps = re.match(rf"^[{_UPPER}][{_UPPER}'-]{{3,}}$", given) is not None
    family_caps = family.upper() == family
    return given_caps and not family_caps and not _INITIALS_ONLY.match(family)


def _homoglyph_message(word: str, fixed: str, intended: str) -> str:
    other = "Latin" if intended == "cyrillic" else "Cyrillic"
    return f"{word!r} hides {other} look-alike letters in a {intended.capitalize()} word: {fixed!r}"


# ---------------------------------------------------------------------------
# Titles, mixed scripts in text fields, language.
# ---------------------------------------------------------------------------

_TITLE_FIELDS = ("title", "original-title", "reviewed-title", "volume-title")
_CAPS_FIELDS = ("title", "container-title", "original-title", "volume-title")
_MARKUP_FIELDS = ("title", "title-short", "shortTitle", "container-title", "container-title-short",
                  "collection-title", "original-title", "reviewed-title", "volume-title", "part-title")
#: Text fields where look-alike letters of the other script are a mistake.
_TEXT_FIELDS = ("title", "title-short", "shortTitle", "container-title", "container-title-short",
                "journalAbbreviation", "collection-title", "original-title", "reviewed-title",
                "volume-title", "part-title", "publisher", "publisher-place", "event", "event-title",
                "event-place", "genre", "medium", "archive", "authority", "section", "edition",
                "original-publisher", "original-publisher-place", "note", "keyword")
#: Words that end in a full stop of their own (so a title may end with them).
_ABBREVIATIONS = {
    "etc", "al", "inc", "ltd", "co", "corp", "jr", "sr", "st", "vs", "cf", "sp", "spp", "var", "subsp",
    "ssp", "no", "vol", "ed", "eds", "bros", "approx", "dr", "mr", "mrs", "ms", "prof", "fig", "figs",
    "др", "т", "д", "п", "г", "гг", "в", "вв", "с", "им", "проф", "акад", "изд", "ред", "тыс", "млн", "млрд",
}


def _trailing_period(title: str) -> bool:
    text = strip_markup(title).rstrip()
    if not text.endswith(".") or text.endswith("..") or text.endswith("…"):
        return False
    last = re.split(r"[\s(\[«\"“]+", text[:-1])[-1]
    if "." in last:      # U.S., i.e., e.g., D.V.: an abbreviation keeps its period
        return False
    return last.lower() not in _ABBREVIATIONS


def _all_caps(title: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", strip_markup(title)) if len(w) >= 2]
    cased = [w for w in words if w.upper() != w.lower()]
    return len(cased) >= 2 and all(w == w.upper() for w in cased) and sum(len(w) for w in cased) >= 10


def _title_hits(item: dict) -> Iterable[Hit]:
    for key in _TITLE_FIELDS:
        value = item.get(key)
        if isinstance(value, str) and _trailing_period(value):
            fixed = _fix_title(value)
            yield Hit(R.TITLE_TRAILING_PERIOD, (key,), "ends in a full stop: the style adds its own punctuation",
                      fixed if fixed != value and fixed.strip() else None)
    for key in _CAPS_FIELDS:
        value = item.get(key)
        if isinstance(value, str) and _all_caps(value):
            yield Hit(R.TITLE_ALL_CAPS, (key,), "is in ALL CAPS: store it in sentence or title case")
    for key in _MARKUP_FIELDS:
        value = item.get(key)
        if isinstance(value, str):
            problem = markup_problem(value)
            if problem:
                yield Hit(R.MARKUP_UNBALANCED, (key,), f"unbalanced markup: {problem}")
    for key in _TEXT_FIELDS:
        value = item.get(key)
        if isinstance(value, str):
            for word, fixed, intended in homoglyph_words(value):
                yield Hit(R.MIXED_SCRIPT, (key,), _homoglyph_message(word, fixed, intended))
    title = item.get("title")
    language = item.get("language")
    if isinstance(title, str) and mostly_cyrillic(title) and not (isinstance(language, str) and language.strip()):
        yield Hit(R.LANGUAGE_MISSING, ("title",), "a Cyrillic title but no language: add e.g. language: ru")


# ---------------------------------------------------------------------------
# All the per-item rules.
# ---------------------------------------------------------------------------

ItemRule = Callable[[dict], Iterable[Hit]]


def item_hits(item: dict, *, today: _dt.date | None = None, dash: str = "-") -> list[Hit]:
    """Every per-item rule's hits for one normalised item (``dash``: the file's page-range dash)."""
    today = today or _dt.date.today()
    hits: list[Hit] = []
    for rule in (_doi_hits, _issn_hits, _isbn_hits, _pmid_hits, _missing_hits, _name_hits, _title_hits):
        hits.extend(rule(item))
    hits.extend(_page_hits(item, dash))
    hits.extend(_date_hits(item, today))
    return hits


# ---------------------------------------------------------------------------
# Rules across items.
# ---------------------------------------------------------------------------

def _year(item: dict) -> int | None:
    parts = _date_parts(item.get("issued"))
    return parts[0][1][0] if parts else None


def _title_key(title: str) -> str:
    return "".join(c for c in strip_markup(title).casefold() if c.isalnum())


def file_hits(items: list[dict]) -> list[tuple[int, Hit]]:
    """Hits that compare items: duplicate DOIs and titles, page dashes mixed across the file.

    Returns (index of the item in ``items``, hit) pairs; the later of two duplicates
    is the one reported.
    """
    hits: list[tuple[int, Hit]] = []
    by_doi: dict[str, int] = {}
    by_title: dict[tuple, int] = {}
    for index, item in enumerate(items):
        doi = item.get("DOI")
        key = doi_key(doi) if isinstance(doi, str) else None
        if key:
            if key in by_doi:
                first = items[by_doi[key]]
                hits.append((index, Hit(R.DUPLICATE_DOI, ("DOI",),
                                        f"the same DOI as {first.get('id')!r}: a duplicate reference?")))
                continue
            by_doi[key] = index
        title = item.get("title")
        if not isinstance(title, str) or len(_title_key(title)) < 8:
            continue
        tkey = (_title_key(title), _year(item))
        if tkey in by_title:
            first = items[by_title[tkey]]
            if _distinct(first, item):
                continue
            hits.append((index, Hit(R.DUPLICATE_TITLE, ("title",),
                                    f"the same title and year as {first.get('id')!r}: a duplicate reference?")))
            continue
        by_title[tkey] = index
    hits.extend(_file_dash_hits(items))
    return hits


def _distinct(a: dict, b: dict) -> bool:
    """Two items with the same title and year that are still different works."""
    da, db = doi_key(a.get("DOI") or ""), doi_key(b.get("DOI") or "")
    if da and db and da != db:
        return True
    for key in ("volume", "edition", "language", "page", "number", "version", "container-title", "type"):
        va, vb = a.get(key), b.get(key)
        if va is not None and vb is not None and str(va).strip().casefold() != str(vb).strip().casefold():
            return True
    return False


def _file_dash_hits(items: list[dict]) -> list[tuple[int, Hit]]:
    """Page ranges of the file written with hyphens in some items and en dashes in others."""
    kinds: list[tuple[int, str]] = []
    for index, item in enumerate(items):
        value = item.get("page")
        if isinstance(value, str):
            dashes = page_dashes(value)
            if len(dashes) == 1 and ODD not in dashes:
                kinds.append((index, dashes.pop()))
    hyphens = sum(1 for _, kind in kinds if kind == HYPHEN)
    en_dashes = len(kinds) - hyphens
    if not hyphens or not en_dashes:
        return []
    minority = HYPHEN if hyphens < en_dashes else EN_DASH
    majority_dash = "–" if minority == HYPHEN else "-"
    hits = []
    for index, kind in kinds:
        if kind == minority:
            value = items[index]["page"]
            fixed = fix_page_dashes(value, majority_dash)
            other = "en dashes" if minority == HYPHEN else "hyphens"
            hits.append((index, Hit(R.PAGE_DASH, ("page",),
                                    f"{value} uses a{'n en dash' if minority == EN_DASH else ' hyphen'} where the "
                                    f"other page ranges of the file use {other}: write {fixed}", fixed)))
    return hits


def _fix_title(value: str) -> str:
    stripped = value.rstrip()
    if stripped.endswith(".") and _trailing_period(value):
        return stripped[:-1].rstrip()
    return value


#: How each fixable rule corrects a value (applied in turn when several fix the same value).
FIXERS: dict[str, Callable[[str], str]] = {
    R.DOI_PREFIX.id: normalize_doi,
    R.DOI_MISSING_10.id: normalize_doi,
    R.DOI_TRAILING_PUNCTUATION.id: normalize_doi,
    R.TITLE_TRAILING_PERIOD.id: _fix_title,
    R.PAGE_DASH.id: fix_page_dashes,
}
