"""In-text citations: cite order, positions, narrative forms, prefixes and suffixes, collapsing.

Restores, against citeproc-py's ``Layout.render_citation``:

* cites keep the order they were given in unless the style sorts citations (citeproc-py
  always reordered them by bibliography position first);
* ``position``: a cite knows whether its item was cited before (``subsequent``), right
  before (``ibid``, ``ibid-with-locator``), so ``et-al-subsequent-*`` applies;
* ``suppress-author`` prints the cite without its first names (``(2005)``), ``author-only``
  prints only them (``Rabbat et al.``, without the cluster's affixes when every cite is
  author-only); a cluster with nothing to print in that form prints ``[NO_PRINTED_FORM]``,
  and such a cite among others ``[CSL STYLE ERROR: reference with no printed form.]``, as
  citeproc-js does;
* cite prefixes and suffixes are spaced from the cite (``see Horton, 2020``);
* in note styles a term that opens a note or follows a full stop is capitalized (``Ibid.``);
* ``collapse="citation-number"``: runs of three or more consecutive numbers print as a range
  (``(1–3,5)``), with ``after-collapse-delimiter``;
* ``collapse="year"`` (and ``year-suffix``, ``year-suffix-ranged``): cites of the same
  author(s) are grouped (in a sorted citation wherever they stand, else when adjacent), the author printed once, the cites joined by
  ``cite-group-delimiter`` (``(Smith, 2019b, 2019c)``), ``year-suffix`` printing only the
  suffix of the later years (``2019a, b``).
"""

from __future__ import annotations

import re

from citeproc.source import VariableError

from ..richtext import is_marker, plain

NO_PRINTED_FORM = "[NO_PRINTED_FORM]"
NO_FORM_IN_CLUSTER = "[CSL STYLE ERROR: reference with no printed form.]"


def _spaced_prefix(prefix: str) -> str:
    if prefix and not prefix[-1].isspace() and prefix[-1] not in "([{\u201c\u2018\u00ab\"'":
        return prefix + " "
    return prefix


def _spaced_suffix(suffix: str) -> str:
    if suffix and (suffix[0].isalnum() or suffix[0] in "([{\u201c\u00ab"):
        return " " + suffix
    return suffix


def _starts_sentence(cite) -> bool:
    """The cite opens its citation, or follows a prefix that ends a sentence."""
    prefix = plain(cite.get("prefix") or "").rstrip()
    if prefix:
        # "Caps after. Ibid." but not "Nocapsafter. ibid.": a one-word prefix is an abbreviation.
        return prefix.endswith((".", "!", "?")) and " " in prefix
    return cite is cite.citation.cites[0]


def capitalize_leading_term(text: str, terms: list[str]) -> str:
    """A term that starts the cite (``ibid.``) or the entry with a capital, as at the start of a sentence."""
    for char in text:  # the first character that prints: most often a capital already
        if not (is_marker(char) or char.isspace()):
            if not char.islower():
                return text
            break
    stripped = plain(text).lstrip()
    if not stripped[:1].islower() or not any(stripped.startswith(plain(t)) for t in terms if t):
        return text
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1:]
    return text


def mark_position(cite, history) -> None:
    """Set the cite's position flags from the cites rendered before it in the document."""
    previous = [c for c in history if c.key == cite.key]
    positions = set()
    if not previous:
        positions.add("first")
    else:
        positions.add("subsequent")
        last = history[-1] if history else None
        if last is not None and last.key == cite.key and (
                last.citation is cite.citation or len(last.citation.cites) == 1):
            if cite.has_locator:
                if not last.has_locator or str(last.locator.identifier) != str(cite.locator.identifier):
                    positions.add("ibid-with-locator")
                else:
                    positions.add("ibid")
            elif not last.has_locator:
                positions.add("ibid")
        positions.add("near-note")
    dict.__setitem__(cite, "positions", positions)
    dict.__setitem__(cite, "position_subsequent", "subsequent" in positions)


def render_cite(layout, cite, *, suppress_author=None) -> tuple[str | None, str | None]:
    """(the cite's text, the text of its first names) as the layout prints one cite."""
    layout.repressed = {}
    keys = ("suppress_author", "_author_text", "_names_depth", "_author_done")
    saved = {key: cite[key] for key in keys if key in cite}
    if suppress_author is not None:
        dict.__setitem__(cite, "suppress_author", suppress_author)
    dict.__setitem__(cite, "_author_text", None)
    dict.__setitem__(cite, "_names_depth", 0)
    dict.__setitem__(cite, "_author_done", False)
    dict.__setitem__(cite, "_suffix_used", False)
    dict.__setitem__(cite, "_terms", [])
    try:
        text = layout.render_children(cite)
    except VariableError:
        text = None
    if text and layout.get_root().get("class") == "note" and _starts_sentence(cite):
        text = capitalize_leading_term(str(text), cite["_terms"])
    dict.pop(cite, "_terms", None)
    author = cite.get("_author_text")
    for key in keys:
        if key in saved:
            dict.__setitem__(cite, key, saved[key])
        else:
            dict.pop(cite, key, None)
    return (str(text) if text else None), author


def _author_of(layout):
    """The names a cite prints (or what stands in for them), as plain text: citeproc-js
    orders the cites of a collapsing citation that its sort leaves tied by them."""
    def author(cite) -> str:
        return plain(render_cite(layout, cite)[1] or "")
    return author


def render_citation(layout, citation, callback) -> str:
    """One citation cluster as a marked string."""
    area = layout.getparent()
    cites = [cite for cite in citation.cites if not cite.is_bad()]
    bad = [cite for cite in citation.cites if cite.is_bad()]
    states = getattr(citation.bibliography, "disamb_states", {})
    for cite in cites:
        if cite.key in states:
            states[cite.key].apply(cite)
    if area.sort is not None and len(cites) > 1:
        cites = area.sort.sort(cites, layout, tie_break=_author_of(layout) if area.get("collapse") else None)
    history = area.cites
    rendered = []  # (cite, text, author text)
    all_author_only = bool(cites) and all(cite.get("author_only") for cite in cites)
    for cite in cites:
        mark_position(cite, history)
        text, author = render_cite(layout, cite)
        if cite.get("author_only"):
            text = author
        if not text:
            text = NO_FORM_IN_CLUSTER if (cite.get("author_only") or cite.get("suppress_author")) else None
        history.append(cite)
        if text is None:
            continue
        rendered.append([cite, text, author])
    if rendered and all(text == NO_FORM_IN_CLUSTER for _, text, _ in rendered) and not bad:
        return NO_PRINTED_FORM  # nothing at all to print: citeproc-js's marker, without the affixes
    pieces = _collapse(layout, area, rendered)
    for cite in bad:
        value = callback(cite) if callback else None
        pieces.append((value or f"{cite.key}?", layout.get("delimiter", "")))
    if not pieces:
        return ""
    out = pieces[0][0]
    for (text, _), (_, delimiter) in zip(pieces[1:], pieces[:-1]):
        if plain(text)[:1] in (",", ";", ".", ":"):
            delimiter = ""  # a cite prefix that starts with punctuation replaces the delimiter
        out += delimiter + text
    if all_author_only:
        return layout.format(out)
    return layout.format(layout.wrap(out))


def _affixed(cite, text: str) -> str:
    return _spaced_prefix(cite.get("prefix", "") or "") + text + _spaced_suffix(cite.get("suffix", "") or "")


def _collapse(layout, area, rendered) -> list[tuple[str, str]]:
    """[(text, delimiter after it)] for the cites, collapsed as the style says."""
    delimiter = layout.get("delimiter", "")
    collapse = area.get("collapse")
    after_collapse = area.get("after-collapse-delimiter", delimiter)
    if collapse == "citation-number":
        # citeproc-js keeps the layout's delimiter after a range; between two cites with
        # locators it puts the after-collapse delimiter where the style gives one.
        return _collapse_numbers(rendered, delimiter, area.get("after-collapse-delimiter"))
    if collapse in ("year", "year-suffix", "year-suffix-ranged"):
        return _collapse_years(layout, area, rendered, delimiter, after_collapse, collapse)
    if area.get("cite-group-delimiter") is not None and area.sort is not None:
        return _group_cites(area, rendered, delimiter)
    return [(_affixed(cite, text), delimiter) for cite, text, _ in rendered]


def _group_cites(area, rendered, delimiter):
    """``cite-group-delimiter`` without collapsing: cites of the same names together, names kept."""
    group_delimiter = area.get("cite-group-delimiter")
    groups: list[list] = []
    for entry in rendered:
        for group in groups:
            if entry[2] is not None and group[0][2] == entry[2]:
                group.append(entry)
                break
        else:
            groups.append([entry])
    out = []
    for group in groups:
        for position, (cite, text, _) in enumerate(group):
            out.append((_affixed(cite, text), group_delimiter if position < len(group) - 1 else delimiter))
    return out


def _collapse_numbers(rendered, delimiter, between_locators=None):
    out = []
    index = 0
    while index < len(rendered):
        cite, text, _ = rendered[index]
        end = index
        if _plain_number_cite(rendered[index]):
            while (end + 1 < len(rendered) and _plain_number_cite(rendered[end + 1])
                   and rendered[end + 1][0].number == rendered[end][0].number + 1):
                end += 1
        if end - index >= 2:
            out.append((text + "\u2013" + rendered[end][1], delimiter))
            index = end + 1
            continue
        following = rendered[index + 1][0] if index + 1 < len(rendered) else None
        located = between_locators and cite.has_locator and following is not None and following.has_locator
        out.append((_affixed(cite, text), between_locators if located else delimiter))
        index += 1
    return out


def _plain_number_cite(entry) -> bool:
    """A cite that prints its number and nothing else that varies (``1``, ``[1]``): it can be collapsed."""
    cite, text, _ = entry
    return (not cite.get("prefix") and not cite.get("suffix")
            and re.findall(r"\d+", plain(text)) == [str(cite.number)])


class _Member:
    """A cite in a group of cites by the same names, as collapsing prints it."""

    __slots__ = ("text", "bare", "suffix", "ends_run", "locator")

    def __init__(self, text: str, bare: bool, suffix: str | None, locator: bool, ends_run: bool = False):
        self.text, self.bare, self.suffix, self.locator = text, bare, suffix, locator
        # A bare suffix, or a range of them, ends a run of same-year cites.
        self.ends_run = ends_run or bare


def _collapse_years(layout, area, rendered, delimiter, after_collapse, collapse):
    group_delimiter = area.get("cite-group-delimiter", ", ")
    suffix_delimiter = area.get("year-suffix-delimiter", area.get("cite-group-delimiter", delimiter))
    # citeproc-js follows a cite with a locator with the after-collapse delimiter only where
    # the style gives one (APA gives none: "2000a, p. 5, 2000b").
    after_locator = area.get("after-collapse-delimiter")
    groups: list[list] = []
    anywhere = area.sort is not None  # a sorted citation gathers each author's cites; else adjacent ones
    for entry in rendered:
        author = entry[2]
        candidates = groups if anywhere else groups[-1:]
        for group in candidates:
            # Cites without names group only for year-suffix collapsing (their years then compare).
            same = group[0][2] == author and (author is not None or collapse != "year")
            if same and not entry[0].get("author_only"):
                group.append(entry)
                break
        else:
            groups.append([entry])
    out: list[tuple[str, str]] = []
    for group in groups:
        members = []
        previous_base = None
        for position, (cite, text, author) in enumerate(group):
            if position == 0:
                shown = text
            else:
                suppressed, _ = render_cite(layout, cite, suppress_author=True)
                shown = suppressed or text
            suffix = cite.get("year_suffix")
            # Same-year cites compare without their locators (citeproc-js: "2000a, 5, b").
            base = plain(_rendered_without(layout, cite, suffix=True, locator=True)) \
                if suffix and collapse != "year" else None
            bare = (position > 0 and collapse != "year" and suffix and base is not None and base == previous_base
                    and not cite.get("prefix") and not cite.get("suffix"))
            previous_base = base
            shown_bare = suffix
            if bare and cite.has_locator:  # the suffix, then what the locator adds: "b, 5"
                head = _rendered_without(layout, cite, suffix=False, locator=True)
                bare = bool(head) and shown.startswith(head)
                shown_bare = suffix + shown[len(head):] if bare else suffix
            members.append(_Member(shown_bare if bare else _affixed(cite, shown), bool(bare), suffix,
                                   bool(cite.has_locator)))
        if collapse == "year-suffix-ranged":
            members = _range_suffixes(members)
        for index, member in enumerate(members):
            if index + 1 < len(members):
                if members[index + 1].bare:
                    joiner = after_locator if member.bare and member.locator and after_locator else suffix_delimiter
                elif member.locator:
                    joiner = after_locator or group_delimiter
                elif member.ends_run:
                    joiner = after_collapse
                else:
                    joiner = group_delimiter
            elif collapse != "year-suffix" or len(group) > 1:
                # Between authors: after every author's cites when collapsing years; with
                # year suffixes, only after cites that collapsed or end with a locator.
                joiner = after_collapse
            else:
                joiner = after_locator if member.locator and after_locator else delimiter
            out.append((member.text, joiner))
    return out


def _rendered_without(layout, cite, *, suffix: bool, locator: bool) -> str:
    """The cite as printed without its author, and without its year suffix and/or its locator."""
    saved_suffix = cite.get("year_suffix")
    saved_locator = dict.get(cite, "locator")
    if suffix:
        dict.__setitem__(cite, "year_suffix", None)
    if locator and saved_locator is not None:
        dict.__delitem__(cite, "locator")
    try:
        text, _ = render_cite(layout, cite, suppress_author=True)
    finally:
        dict.__setitem__(cite, "year_suffix", saved_suffix)
        if locator and saved_locator is not None:
            dict.__setitem__(cite, "locator", saved_locator)
    return text or ""


def _range_suffixes(members: list[_Member]) -> list[_Member]:
    """Runs of three or more consecutive bare year suffixes as ``a–c``."""
    out = []
    index = 0
    while index < len(members):
        end = index
        # A run starts at the full cite before the bare suffixes (its suffix is the first letter).
        while (end + 1 < len(members) and members[end + 1].bare and members[end].suffix and members[end + 1].suffix
               and not members[end].locator and not members[end + 1].locator  # (a locator is kept: no range)
               and _next_letters(members[end].suffix) == members[end + 1].suffix):
            end += 1
        if end - index >= 2:
            first, last = members[index], members[end]
            text = (first.text if not first.bare else first.suffix) + "\u2013" + last.suffix
            out.append(_Member(text, first.bare, last.suffix, last.locator, ends_run=True))
            index = end + 1
            continue
        out.append(members[index])
        index += 1
    return out


def _next_letters(letters: str) -> str:
    from .disambiguation import suffix_letters

    value = 0
    for char in letters:
        value = value * 26 + (ord(char) - ord("a") + 1)
    return suffix_letters(value)
