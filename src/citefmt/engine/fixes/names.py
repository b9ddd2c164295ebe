"""``cs:names``, ``cs:name``, ``cs:et-al``, ``cs:substitute``, ``cs:name-part``.

Restores, against citeproc-py:

* every name variable of CSL 1.0.2, hyphenated ones included (citeproc-py looked up
  ``container-author`` as ``container-author`` in a reference keyed ``container_author``,
  so it was never found);
* name-part order as CSL 1.0.2 gives it, with ``demote-non-dropping-particle`` in display
  and in sorting, particles that end in an apostrophe or hyphen joined without a space
  (``d'Alembert``), ``comma-suffix``, and names in scripts written family-first (Chinese,
  Japanese, Korean) printed ``屠呦呦``, with no separator;
* initials: ``initialize-with`` on every given name, multi-letter initials kept as they
  are written (``Yu.``, ``Дж.``, ``Sh.``), hyphenated given names (``J.-L.``), and
  ``initialize="false"``;
* et-al with ``delimiter-precedes-et-al``, ``et-al-use-last``, ``et-al-subsequent-*``,
  and "and" with ``delimiter-precedes-last`` (all four values, ``after-inverted-name``
  included);
* ``form="count"``; ``cs:label`` before or after the names, plural by the number of names;
  ``editortranslator`` when editor and translator are the same people;
* ``cs:substitute``: the first child that renders wins and its variables are not printed
  again; a bare ``cs:names`` inside it inherits the ``cs:name``, ``cs:et-al`` and
  ``cs:label`` of its parent;
* names added and given names expanded by disambiguation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from citeproc import model
from citeproc.source import VariableError

from ..richtext import plain, wrap
from ..xml import CSL_NS
from . import register
from .common import Fixed
from .source import python_key
from .groups import report_variable
from .text import is_repressed, note_rendered

_DEFAULTS = {
    "and": None, "delimiter": ", ", "delimiter-precedes-et-al": "contextual",
    "delimiter-precedes-last": "contextual", "et-al-min": None, "et-al-use-first": None,
    "et-al-subsequent-min": None, "et-al-subsequent-use-first": None, "et-al-use-last": "false",
    "form": "long", "initialize": "true", "initialize-with": None, "name-as-sort-order": None,
    "sort-separator": ", ", "initialize-with-hyphen": "true",
    "demote-non-dropping-particle": "display-and-sort",
}
_INHERITED_AS = {"form": "name-form", "delimiter": "name-delimiter"}


#: The first character of those scripts (U+1100, Hangul Jamo): text below it is romanesque.
_FIRST_NON_ROMANESQUE = "\u1100"


@lru_cache(maxsize=65536)
def is_romanesque(text: str) -> bool:
    """True unless the name is written in a script that puts the family name first with no space."""
    if not text or max(text) < _FIRST_NON_ROMANESQUE:
        return True  # Latin, Greek, Cyrillic … (markers are above it, and take the long way)
    for char in plain(text):
        if char.isalpha():
            name = unicodedata.name(char, "")
            if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")):
                return False
    return True


#: Languages whose locale joins a non-dropping particle to the family name with a no-break
#: space (``van\u00a0Beek``), as citeproc-js prints them (measured over all 65 locales).
NBSP_PARTICLE_LANGUAGES = frozenset({"cs", "fr", "hy", "ru"})


def _join_particle(particle: str, rest: str, space: str = " ") -> str:
    if not particle:
        return rest
    if not rest:
        return particle
    if particle[-1] in "'\u2019-":
        return particle + rest
    return particle + space + rest


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


# --- initials -----------------------------------------------------------------------------------

_WORDS = re.compile(r"([^\s.\-\u2010]+)([\s.\-\u2010]*)")


@lru_cache(maxsize=65536)  # the same given names recur across a long list
def initialize(given: str, mark: str, hyphen: bool = True, initialize_names: bool = True) -> str:
    """Given names as initials: ``John Ronald`` -> ``J. R.`` with ``initialize-with=". "``.

    A multi-letter initial written with a period (``Yu.``, ``Sh.``, ``Дж.``) is kept as
    written; lowercase words (particles) are kept whole; ``Jean-Luc`` -> ``J.-L.``
    (``J.L.`` with ``initialize-with-hyphen="false"``, where a hyphen parts words as a
    space does, as in citeproc-js: ``Ji-hoon`` -> ``J. hoon`` as ``Ji hoon`` does).
    """
    if not hyphen:
        given = given.replace("-", " ").replace("\u2010", " ")
    words = _WORDS.findall(given)
    out = ""
    for index, (word, separator) in enumerate(words):
        last = index == len(words) - 1
        if word[:1].islower():
            if index > 0 and "-" in words[index - 1][1] and not initialize_names:
                out += word + " "  # not initialized: "Seo-yeon" as written
                continue
            if index > 0 and "-" in words[index - 1][1]:
                out = out.rstrip("-").rstrip()  # "Ji-hoon": a lowercase part after a hyphen goes
                out += " " if mark.endswith(" ") else ""
                continue
            out = (out.rstrip() + " " if out else "") + word + " "  # "J. hoon", "J hoon": apart
            continue
        written_initial = "." in separator or len(word) == 1
        if written_initial:
            piece = word + mark
        elif initialize_names:
            piece = word[0] + mark
        else:
            piece = word + " "
        # Not initializing, citeproc-js parts two hyphenated one-letter initials: "J.-L." -> "J. L."
        lone_initials = not initialize_names and len(word) == 1 and not last and len(words[index + 1][0]) == 1 \
            and words[index + 1][0][:1].isupper()
        if ("-" in separator or "\u2010" in separator) and not last and not lone_initials:
            piece = piece.rstrip() + ("-" if hyphen else "")
        out += piece
    return out.strip()


#: The parts of a name that tell people apart, as :func:`name_parts` gives them.
NAME_PARTS = ("literal", "non-dropping-particle", "family", "given", "suffix")


def name_parts(name) -> tuple:
    """A name as a small hashable value (sort keys' names, gathered across processes)."""
    return tuple(str(name[part]) if name.get(part) else None for part in NAME_PARTS)


# --- the elements -------------------------------------------------------------------------------


@register
class Names(Fixed, model.Names):
    def calls_variable(self):
        return True

    def render(self, item, names_context=None, context=None, **kwargs):
        if self.substitute() is None and not self._has_names(item) and not _author_pending(item):
            # Prints nothing and substitutes nothing (the alternatives inside a cs:substitute):
            # what the full path below ends in.
            if self._counts_none_in_sort_key(item, self if names_context is None else names_context,
                                             self if context is None else context, kwargs):
                report_variable(True)
                return "0"
            report_variable(False)
            raise VariableError
        if context is None:
            context = self
        if names_context is None:
            names_context = self.__dict__.get("_inherits_from")
            if names_context is None:
                names_context = self
        outermost = _enter(item)
        sas = item.get("_sas") if outermost and not kwargs.get("sort_options") else None
        if sas is not None and sas["pending"]:
            sas["pending"] = False
        else:
            sas = None
        if sas is not None:
            dict.__setitem__(item, "_rendered_names", [])
            dict.__setitem__(item, "_sas_texts", [])
        try:
            text = self.render_names(item, names_context, context, **kwargs)
            if text is None:
                substitute = self.substitute()
                if substitute is not None:
                    text = substitute.render(item, context=context, names_context=names_context, **kwargs)
            if sas is not None:
                text = self._substitute_author(item, sas, text, names_context, context, **kwargs)
        finally:
            _leave(item)
        if (text is None or text == "") and self._counts_none_in_sort_key(item, names_context, context, kwargs):
            text = "0"
        report_variable(text not in (None, ""))
        if text is None or text == "":
            raise VariableError
        text = self.display(self.wrap(self.format(str(text))))
        if outermost and not item.get("_author_done", True):
            # The cite's first names: what author-only prints and suppress-author leaves out.
            dict.__setitem__(item, "_author_done", True)
            dict.__setitem__(item, "_author_text", text)
            if item.get("suppress_author"):
                raise VariableError
        return text

    @staticmethod
    def _counts_none_in_sort_key(item, names_context, context, kwargs) -> bool:
        """Whether a sort key counts names (``form="count"``) and found none: it counts 0,
        before 1 (citeproc-js; sage-harvard's author-count key)."""
        name_element = names_context.name
        return bool(item.get("_sorting")) and name_element is not None and \
            name_element.option("form", context, kwargs.get("sort_options")) == "count"

    _variables = None  # by variables()

    def variables(self) -> tuple[str, ...]:
        variables = self._variables
        if variables is None:
            variables = self._variables = tuple(self.get("variable", "").split())
        return variables

    _keys = None  # the reference keys of the variables, by _has_names()

    def _reference_keys(self) -> tuple[str, ...]:
        """The reference keys of :meth:`variables`, in order."""
        keys = self._keys
        if keys is None:
            keys = self._keys = tuple(python_key(variable) for variable in self.variables())
        return keys

    def _has_names(self, item) -> bool:
        """Whether the cite's reference has a name in any of this element's variables."""
        reference = item.reference
        for key in self._reference_keys():
            value = reference.get(key)
            if isinstance(value, list) and value:
                return True
        return False

    def substitute(self):
        """This element's cs:substitute (looked up once)."""
        if "_substitute" not in self.__dict__:
            self._substitute = self.find("cs:substitute", self.nsmap)
        return self._substitute

    def _substitute_author(self, item, sas, text, names_context, context, **kwargs):
        """``subsequent-author-substitute`` for the entry's first names (CSL 1.0.2, all four rules)."""
        dict.pop(item, "_rendered_names", None)
        printed = [(None, text) for text in dict.pop(item, "_sas_texts", [])]
        previous, sas["current"] = sas.get("previous"), printed
        if text is None or not printed or not previous:
            return text
        rule, value = sas["rule"], sas["value"]
        if rule == "complete-all" or rule == "complete-each":
            if [n for _, n in printed] != [n for _, n in previous]:
                return text
            if rule == "complete-all":
                return value
            replace = set(range(len(printed)))
        else:
            replace = set()
            for index, ((_, name), (_, before)) in enumerate(zip(printed, previous)):
                if name != before:
                    break
                replace.add(index)
                if rule == "partial-first":
                    break
            if not replace:
                return text
        dict.__setitem__(item, "_sas_replace", (value, replace))
        try:
            again = self.render_names(item, names_context, context, **kwargs)
        finally:
            dict.pop(item, "_sas_replace", None)
        return again if again is not None else text

    def render_names(self, item, names_context, context, sort_options=None, **kwargs):
        reference = item.reference
        present = []
        for role, key in zip(self.variables(), self._reference_keys()):
            value = reference.get(key)
            if isinstance(value, list) and value and not is_repressed(context, role, "names"):
                present.append(role)
        if not present:
            return None
        name_element = names_context.name
        if name_element is None:
            name_element = self._default_name()
        label_element, label_first, et_al_element = names_context.label_and_et_al()
        if (set(present) == {"editor", "translator"} and
                _same_names(reference.get("editor"), reference.get("translator")) and
                self.get_term("editortranslator") is not None):
            present = ["editor"]
            label_role = {"editor": "editortranslator"}
        else:
            label_role = {}
        if name_element.option("form", context, sort_options) == "count":
            total = sum(name_element.count(reference.get(python_key(r)), item, context, sort_options)
                        for r in present)
            return str(total) if total else None
        outputs = []
        for role in present:
            note_rendered(context, "names", role)
            names = reference.get(python_key(role))
            text = name_element.render_list(names, item, role, context, et_al_element, sort_options)
            if not text:
                continue
            text = name_element.wrap(text)
            if label_element is not None and not item.get("_sorting"):  # a sort key is the names alone
                label = label_element.render(item, label_role.get(role, role), len(names) > 1)
                if label:
                    text = label + text if label_first else text + label
            outputs.append(text)
        if not outputs:
            return None
        delimiter = self.get("delimiter")
        if delimiter is None:
            delimiter = _inherited(context, "names-delimiter") or ""
        return delimiter.join(outputs)

    _label_and_et_al = None  # by label_and_et_al()

    def label_and_et_al(self):
        """(cs:label or None, whether it comes before cs:name, cs:et-al or None), looked up once."""
        found = self._label_and_et_al
        if found is None:
            label_element = self.label
            label_first = False
            if label_element is not None:
                children = [c for c in self.iterchildren() if isinstance(c, (model.Name, model.Label))]
                label_first = bool(children) and children[0] is label_element
            found = self._label_and_et_al = (label_element, label_first, self.find("cs:et-al", self.nsmap))
        return found

    def _default_name(self):
        element = self.makeelement(f"{{{model.SomewhatObjectifiedElement.nsmap['cs']}}}name", {})
        self.insert(0, element)
        self.prepare()  # the new child is kept (and so pinned) among the element's children
        return element


def _enter(item) -> bool:
    """Count nesting of cs:names in one cite; True for the outermost."""
    if not hasattr(item, "reference") or "_names_depth" not in item:
        return False
    depth = item["_names_depth"]
    dict.__setitem__(item, "_names_depth", depth + 1)
    return depth == 0


def _author_pending(item) -> bool:
    """Whether a cs:names rendered now would be the cite's outermost (see :func:`_enter`) and
    owe the entry's subsequent-author-substitute its turn (see :meth:`Names.render`)."""
    if not hasattr(item, "reference") or item.get("_names_depth") != 0:
        return False
    sas = item.get("_sas")
    return bool(sas and sas["pending"])


def _leave(item) -> None:
    if hasattr(item, "reference") and "_names_depth" in item:
        dict.__setitem__(item, "_names_depth", item["_names_depth"] - 1)


def _same_names(a, b) -> bool:
    if not a or not b or len(a) != len(b):
        return False
    return all(dict(x) == dict(y) for x, y in zip(a, b))


_NO_AREA = object()


def _inherited(context, option: str):
    """An inheritable name option from the enclosing cs:citation/cs:bibliography, else cs:style."""
    area = context.__dict__.get("_area")
    if area is None:
        found = context.xpath_search("./ancestor-or-self::*[self::cs:citation or self::cs:bibliography][1]")
        area = found[0] if found else _NO_AREA
        context._area = area
    if area is not _NO_AREA and option in area.attrib:
        return area.get(option)
    return context.get_root().get(option)


_UNSET = object()


class _Options(dict):
    """A cs:name's options in one context, each worked out by :meth:`Name.option` on first use."""

    def __init__(self, element, context, sort_options):
        super().__init__()
        self._element, self._context, self._sort_options = element, context, sort_options

    def __missing__(self, name):
        value = self[name] = self._element.option(name, self._context, self._sort_options)
        return value


@register
class Name(Fixed, model.Name):
    _options = None  # (option, context) -> value, filled as options are asked for
    _name_parts = None  # name-part name -> cs:name-part, by _part()

    def option(self, name, context=None, sort_options=None):
        """A cs:name option: sort-key override, own attribute, inherited, or CSL's default."""
        if sort_options and name in sort_options:
            return sort_options[name]
        options = self._options
        if options is None:
            options = self._options = {}
        key = (name, context)
        value = options.get(key, _UNSET)
        if value is _UNSET:
            # The same for every reference: the element's, its area's or the style's option.
            if name in self._attributes:
                value = self._attributes[name]
            else:
                value = _inherited(context if context is not None else self, _INHERITED_AS.get(name, name))
                if value is None:
                    value = _DEFAULTS.get(name)
            options[key] = value
        return value

    _option_tables = None  # (context, sort options) -> _Options, by options()

    def options(self, context=None, sort_options=None) -> "_Options":
        """Every option as :meth:`option` answers it, as a mapping (``options(…)["form"]``)."""
        key = (context, tuple(sort_options.items()) if sort_options else None)
        tables = self._option_tables
        if tables is None:
            tables = self._option_tables = {}
        table = tables.get(key)
        if table is None:
            table = tables[key] = _Options(self, context, sort_options)
        return table

    def count(self, names, item, context, sort_options) -> int:
        shown, _ = self._truncation(names, item, context, sort_options)
        return len(shown)

    def _truncation(self, names, item, context, sort_options):
        opt = self.options(context, sort_options).__getitem__
        et_al_min, use_first = opt("et-al-min"), opt("et-al-use-first")
        if item.get("position_subsequent"):
            et_al_min = opt("et-al-subsequent-min") or et_al_min
            use_first = opt("et-al-subsequent-use-first") or use_first
        count = len(names)
        added = item.get("disamb_names") if hasattr(item, "get") else None
        if et_al_min is not None and use_first is not None:
            et_al_min, use_first = int(et_al_min), int(use_first)
            if added:
                use_first = max(use_first, int(added))
            if count >= et_al_min and count > use_first:
                return list(names[:use_first]), True
        return list(names), False

    def render_list(self, names, item, role, context, et_al_element=None, sort_options=None):
        """The names of one variable as text: et-al, "and", delimiters and name order applied."""
        opt = self.options(context, sort_options).__getitem__
        shown, truncated = self._truncation(names, item, context, sort_options)
        if not shown:
            return None
        captured = item.get("_rendered_names") if hasattr(item, "get") else None
        if captured is not None and not sort_options:
            captured.extend((role, index, name) for index, name in enumerate(shown))
        elif sort_options and hasattr(item, "get") and item.get("_sort_names") is not None:
            people, primary_only = item["_sort_names"]
            people.update(name_parts(name) for name in (shown[:1] if primary_only else shown))
        use_last = opt("et-al-use-last") == "true" and truncated and len(names) - len(shown) >= 2
        delimiter = opt("delimiter")
        givens = (item.get("disamb_givens") or {}).get(role, {}) if hasattr(item, "get") else {}
        replace = item.get("_sas_replace") if hasattr(item, "get") else None
        format_name = self.name_formatter(context, sort_options)
        rendered = [format_name(name, index, givens.get(index, 0)) for index, name in enumerate(shown)]
        texts = item.get("_sas_texts") if hasattr(item, "get") else None
        if texts is not None and not replace and not sort_options:
            texts.extend(plain(text) for text in rendered)  # names compare as printed
        if replace:
            rendered = [replace[0] if index in replace[1] else text for index, text in enumerate(rendered)]
        inverted = [self._inverted(index, opt) and "literal" not in name and
                    is_romanesque(str(name.get("family", "")) + str(name.get("given", "")))
                    for index, name in enumerate(shown)]
        if item.get("_sorting") and not use_last:
            return delimiter.join(rendered)  # a sort key is the names alone: no "and", no "et al."
        if truncated:
            if use_last:
                last = format_name(names[-1], len(names) - 1)
                return delimiter.join(rendered) + delimiter + "\u2026 " + last
            if et_al_element is not None:
                et_al = et_al_element.render_term()
            else:
                et_al = self.term_text("et-al")
            if not et_al:
                return delimiter.join(rendered)
            precedes = opt("delimiter-precedes-et-al")
            use_delimiter = (precedes == "always" or
                             (precedes == "contextual" and len(rendered) >= 2) or
                             (precedes == "after-inverted-name" and inverted[len(rendered) - 1]))
            return delimiter.join(rendered) + (delimiter if use_delimiter else " ") + et_al
        and_option = opt("and")
        if and_option in ("text", "symbol") and len(rendered) > 1:
            and_term = self.term_text("and") if and_option == "text" else "&"
            precedes = opt("delimiter-precedes-last")
            use_delimiter = (precedes == "always" or
                             (precedes == "contextual" and len(rendered) >= 3) or
                             (precedes == "after-inverted-name" and inverted[len(rendered) - 2]))
            head = delimiter.join(rendered[:-1])
            return head + (delimiter if use_delimiter else " ") + and_term + " " + rendered[-1]
        return delimiter.join(rendered)

    def _inverted(self, index, opt, form=None) -> bool:
        order = opt("name-as-sort-order")
        return (form or opt("form")) != "short" and (order == "all" or (order == "first" and index == 0))

    _formatters = None  # (context, sort options) -> name formatter, by name_formatter()

    def name_formatter(self, context=None, sort_options=None):
        """``format(name, index, given_level)``: one name as the options in this context say
        (and as disambiguation expanded it), in the element's formatting; made once per context."""
        key = (context, tuple(sort_options.items()) if sort_options else None)
        formatters = self._formatters
        if formatters is None:
            formatters = self._formatters = {}
        formatter = formatters.get(key)
        if formatter is None:
            formatter = formatters[key] = self._make_formatter(self.options(context, sort_options).__getitem__,
                                                               sorting=bool(sort_options))
        return formatter

    def _make_formatter(self, opt, sorting: bool = False):
        part, fonts = self._part, self._rendering_plan()[2]
        base_form, sort_separator, order = opt("form"), opt("sort-separator"), opt("name-as-sort-order")
        initialize_with = opt("initialize-with")
        hyphen, initialize_names = opt("initialize-with-hyphen") != "false", opt("initialize") != "false"
        demote_option = self.get_root().get("demote-non-dropping-particle") or "display-and-sort"
        # In a sort key (a macro's names), "sort-only" demotes too: "van Silva" sorts under S.
        demote = demote_option == "display-and-sort" or (sorting and demote_option == "sort-only")
        space = "\u00a0" if self.style_language().split("-")[0] in NBSP_PARTICLE_LANGUAGES else " "
        strip_suffix_periods = initialize_with is not None and "." not in initialize_with

        def formatted(text: str) -> str:
            if text:
                for font in fonts:
                    text = wrap(font, text)
            return text

        def format_name(name, index: int, given_level: int = 0) -> str:
            if "literal" in name:
                return formatted(part("family", [("family", str(name["literal"]))]))
            family = str(name.get("family") or "")
            given = str(name.get("given") or "")
            form = "long" if given_level >= 1 and base_form == "short" else base_form
            if not is_romanesque(family + given):
                family_text = part("family", [("family", family)])
                if form == "short" or not given:
                    return formatted(family_text)
                return formatted(family_text + part("given", [("given", given)]))
            dropping = str(name.get("dropping-particle") or "")
            non_dropping = str(name.get("non-dropping-particle") or "")
            suffix = str(name.get("suffix") or "")
            if given and initialize_with is not None and given_level < 2:
                given = initialize(given, initialize_with, hyphen, initialize_names)
            if suffix and strip_suffix_periods:
                suffix = suffix.replace(".", "")  # initials without periods: "Benz EJ Jr"
            family_with_particle = [("family", non_dropping, space), ("family", family)]
            if form == "short":
                if sorting and demote and non_dropping:  # a sort key: "Di Souza" under S
                    return formatted(part("family", [("family", family, " "), ("family", non_dropping)]))
                return formatted(part("family", family_with_particle))
            if order == "all" or (order == "first" and index == 0):
                if demote:
                    family_part = part("family", [("family", family)])
                    given_part = part("given", [("given", given, " "), ("given", dropping, " "),
                                                ("family", non_dropping)])
                else:
                    family_part = part("family", family_with_particle)
                    given_part = part("given", [("given", given, " "), ("given", dropping)])
                pieces = [family_part] + ([given_part] if given_part else [])
                if suffix:
                    pieces.append(suffix)
                return formatted(sort_separator.join(p for p in pieces if p))
            given_part = part("given", [("given", given)])
            suffix_piece = [("", (", " if name.get("comma-suffix") in (True, "true") else " ") + suffix)] \
                if suffix else []
            family_part = part("family", [("given", dropping, " ")] + family_with_particle + suffix_piece)
            if given_part and plain(given_part)[-1:].isspace():
                return formatted(given_part + family_part)  # a given part ending in a (no-break) space needs no other
            return formatted(_join(given_part, family_part))
        return format_name

    def _part(self, part_name, pieces):
        """Name pieces joined, each in its name-part's formatting, in ``part_name``'s affixes.

        ``pieces``: (whose formatting — "given", "family" or "" for none, text, joiner after it).
        """
        parts = self._name_parts
        if parts is None:
            parts = self._name_parts = {part.get("name"): part for part in self.findall("cs:name-part", self.nsmap)}
        out = ""
        pending = ""
        for piece in pieces:
            owner, text = piece[0], piece[1]
            joiner = piece[2] if len(piece) > 2 else ""
            if not text:
                continue
            if owner in parts:
                text = parts[owner].format_text(text)
            if out:
                out += pending
            out += text
            pending = joiner if joiner and not text.endswith(("'", "\u2019", "-")) else ""
        if not out:
            return out
        return parts[part_name].wrap(out) if part_name in parts else out

    def render_term(self):  # pragma: no cover - cs:name has no term
        return ""


@register
class Name_Part(Fixed, model.Name_Part):
    def format_text(self, text):
        """Formatting and text-case of this name-part (its affixes go around the whole part)."""
        return self.format(self.case(text))


@register
class Et_Al(Fixed, model.Et_Al):
    def render_term(self):
        text = self.term_text(self.get("term", "et-al"))
        return self.wrap(self.format(text)) if text else ""


#: Elements a bare cs:names inside a cs:substitute inherits through.
_PASS_THROUGH = frozenset(f"{{{CSL_NS}}}{tag}" for tag in ("choose", "if", "else-if", "else", "group"))


@register
class Substitute(Fixed, model.Substitute):
    """The first child that renders wins; what it printed is not printed again (CSL 1.0.2 "Substitution")."""

    _marked = False  # the bare cs:names nested in its choices and groups know whose options they take

    def _mark_nested_names(self) -> None:
        """A bare cs:names inside a cs:choose or cs:group of this substitute inherits the
        options of the enclosing cs:names, as a direct child does (citeproc-js; not across
        a macro call): chicago-author-date's editors of a book without authors."""
        parent = self.getparent()
        owner = parent.__dict__.get("_inherits_from")
        if owner is None:
            owner = parent
        pending = [child for child in self.iterchildren() if not isinstance(child, Names)]
        while pending:
            element = pending.pop()
            if isinstance(element, Names):
                if element.name is None:
                    element._inherits_from = owner
                continue
            if element.tag in _PASS_THROUGH:
                pending.extend(element.iterchildren())
        self._marked = True

    def render(self, item, context=None, names_context=None, **kwargs):
        if not self._marked:
            self._mark_nested_names()
        layout = context.get_layout()
        outer = layout.__dict__.get("rendered")
        for child in self.iterchildren():
            layout.rendered = []
            try:
                if isinstance(child, Names) and child.name is None and names_context is not None:
                    text = child.render(item, names_context=names_context, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            finally:
                printed, layout.rendered = layout.rendered, outer
            if text:
                for tag, variable in printed:
                    layout.repressed.setdefault(tag, []).append(variable)
                if outer is not None:
                    outer.extend(printed)
                return text
        return None
