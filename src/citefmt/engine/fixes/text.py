"""``cs:text``, ``cs:number`` and ``cs:label``.

Restores, against citeproc-py:

* every variable of CSL 1.0.2 can be printed (citeproc-py knew a fixed list), with
  ``form="short"`` falling back to the long form, and ``title-short`` /
  ``container-title-short`` taken from their CSL-JSON aliases;
* ``page`` and ``locator`` ranges follow ``page-range-format`` (:mod:`.pages`), and a
  numeric range in a number variable gets an en dash;
* ``cs:number`` forms ``ordinal``, ``long-ordinal`` and ``roman`` with CSL 1.0.2's
  ordinal matching (``ordinal-11`` for 11, 111; ``ordinal-01`` for 21) and a value that
  is not a number printed as it is;
* terms with their plural (``plural="true"``) and form fall-backs;
* ``cs:label``: plural when the value holds a range or a list (``pp. 5–7``), or a count
  above one (``number-of-pages``); the locator's label term (``p.``, ``с.``);
* text-case ``title`` only for English items, judged by the item's ``language``.
"""

from __future__ import annotations

import re

from citeproc import model
from citeproc.source import VariableError

from . import register
from ..richtext import parse_data, plain
from .common import Fixed
from .groups import render_as_group, report_variable
from .typography import smart_quotes
from .pages import ESCAPED_HYPHEN, format_pages, hyphens_to_dashes
from .source import python_key

#: Variables of the cite, not of the item.
CITE_VARIABLES = frozenset({"locator", "first-reference-note-number", "citation-number", "year-suffix"})
_NUMBER_TOKEN = re.compile(r"\d+(?:\.\d+)*|\b[ivxlcdm]+\b|\b[IVXLCDM]+\b")  # 4.3.1 is one number


_UNKNOWN = object()


def item_language(cite) -> str | None:
    """The ``language`` of the cite's item (None if it has none), looked up once per cite."""
    language = dict.get(cite, "_language", _UNKNOWN)
    if language is not _UNKNOWN:
        return language
    try:
        language = str(cite.reference["language"])
    except (VariableError, KeyError):
        language = None
    dict.__setitem__(cite, "_language", language)
    return language


def variable_value(element, cite, variable: str, form: str | None = None):
    """The value of ``variable`` for ``cite`` (short form first when asked), or None."""
    reference = cite.reference
    if form == "short":
        value = reference.get(python_key(variable + "-short"))
        if value and not isinstance(value, (list, dict)):
            return value
    value = reference.get(python_key(variable))
    if isinstance(value, (list, dict)):
        return None  # names or a date: not printable as text
    return value if value not in (None, "") else None


def trigraph(reference) -> str | None:
    """A generated ``citation-label``: letters of up to four family names and the year (``Doe65``, ``RoNo78``).

    One name gives four letters, two names two each, three names two, one and one, four or
    more one each of the first four, as citeproc-js's default trigraph does.
    """
    names = None
    for variable in ("author", "editor", "translator", "composer", "director"):
        value = reference.get(python_key(variable))
        if isinstance(value, list) and value:
            names = value
            break
    if not names:
        return None
    families = []
    for name in names:
        family = str(name.get("literal") or name.get("family") or "")
        family = "".join(c for c in plain(family) if c.isalpha())
        if family:
            families.append(family)
    if not families:
        return None
    count = len(families)
    widths = {1: [4], 2: [2, 2], 3: [2, 1, 1]}.get(count, [1, 1, 1, 1])
    letters = "".join(family[:width] for family, width in zip(families, widths))
    year = ""
    issued = reference.get("issued")
    if isinstance(issued, dict):
        begin = issued.get("begin", issued)
        if isinstance(begin, dict) and begin.get("year") not in (None, ""):
            year = f"{abs(int(begin['year'])) % 100:02d}"
    return letters + year


def note_rendered(context, tag: str, variable: str) -> None:
    """Record that ``variable`` was printed (a substitution suppresses what it printed)."""
    try:
        layout = context.get_layout()
    except IndexError:
        return
    rendered = layout.__dict__.get("rendered")
    if rendered is not None:
        rendered.append((tag, variable))


def is_repressed(context, variable: str, kind: str = "var") -> bool:
    """Whether a substitution already printed ``variable`` in this entry."""
    try:
        repressed = context.get_layout().__dict__.get("repressed") or {}
    except IndexError:
        return False
    return variable in repressed.get(kind, ())


def page_format(element) -> str | None:
    return element.get_root().get("page-range-format")


def range_delimiter(element, variable: str) -> str:
    if variable in ("page", "locator"):
        term = element.term_text("page-range-delimiter")
        if term:
            return term
    return "\u2013"


@register
class Text(Fixed, model.Text):
    def calls_variable(self):
        if "variable" in self.attrib:
            return self.get("variable") != "year-suffix"
        if "macro" in self.attrib:
            return self.get_macro(self.get("macro")).calls_variable()
        return False

    _macro = None  # the macro this element calls, by render()

    def render(self, item, context=None, **kwargs):
        if context is None:
            context = self
        attributes = self._attributes
        if "variable" in attributes:
            text = self._variable(item, context)
        elif "macro" in attributes:
            macro = self._macro
            if macro is None:
                macro = self._macro = self.get_macro(attributes["macro"])
            # A called macro is an implicit group, as citeproc-js renders it.
            text = render_as_group(macro._renders or macro.child_renders(), item, context, kwargs)
        elif "term" in attributes:
            text = self.term_text(self.get("term"), self.get("form"),
                                  self.get("plural", "false").lower() == "true")
            terms = item.get("_terms") if hasattr(item, "get") else None
            if terms is not None and text:
                terms.append(text)
        elif "value" in attributes:
            text = smart_quotes(parse_data(self.get("value")))
        else:
            text = None
        # The item's language matters only to a text-case.
        return self.finish_rendering(text, item_language(item) if self._rendering_plan()[1] else None)

    def renderer(self):
        attributes = self._attributes
        if "variable" in attributes:
            return self._variable_renderer()
        if "macro" not in attributes or not self.has_plain_rendering():
            return self.render
        try:
            macro = self._macro or self.get_macro(attributes["macro"])
        except IndexError:
            return self.render  # render() raises it when called
        element = self

        def render_plain_macro_call(item, context=None, **kwargs):
            # render() of a cs:text that calls a macro and applies nothing to its text.
            return str(render_as_group(macro._renders or macro.child_renders(), item,
                                       element if context is None else context, kwargs))
        return render_plain_macro_call

    def _variable_renderer(self):
        """render() of a cs:text that prints an item's variable, its branches settled once."""
        variable = self._attributes["variable"]
        if variable in _CITE_OR_DERIVED:
            return self.render
        element, form = self, self._attributes.get("form")
        plain_rendering = self.has_plain_rendering()
        uses_language = bool(self._rendering_plan()[1])

        def render_item_variable(item, context=None, **kwargs):
            if context is None:
                context = element
            text = None if is_repressed(context, variable) else _item_variable_text(element, item, context,
                                                                                   variable, form)
            report_variable(text is not None and text != "")
            if text is None:
                raise VariableError
            if plain_rendering:
                return text if text != "" else None
            return element.finish_rendering(text, item_language(item) if uses_language else None)
        return render_item_variable

    def _variable(self, item, context):
        text = self._variable_text(item, context)
        if self._attributes["variable"] != "year-suffix":  # generated: never keeps or drops a group
            report_variable(text is not None and str(text) != "")
        if text is None:
            raise VariableError
        return text

    def _variable_text(self, item, context):
        attributes = self._attributes
        variable = attributes["variable"]
        if is_repressed(context, variable):
            return None
        form = attributes.get("form")
        if variable == "citation-number":
            return str(item.number)
        if variable == "locator":
            if not item.has_locator:
                return None
            value = str(item.locator.identifier)
            if item.locator.label == "page":
                return format_pages(value, page_format(self), range_delimiter(self, "page"))
            return hyphens_to_dashes(value)
        if variable == "year-suffix":  # not yet given when citeproc-js sorts: no part of a sort key
            return None if item.get("_sorting") else item.get("year_suffix") or None
        if variable == "first-reference-note-number":
            return item.get("first_reference_note_number") or None
        if variable == "citation-label":
            label = variable_value(self, item, "citation-label") or trigraph(item.reference)
            if not label:
                return None
            from .dates import explicit_year_suffix

            if item.get("year_suffix") and not item.get("_suffix_used") and not explicit_year_suffix(self):
                dict.__setitem__(item, "_suffix_used", True)
                label = str(label) + item.get("year_suffix")
            return str(label)
        if variable == "page-first":
            page = variable_value(self, item, "page-first") or variable_value(self, item, "page")
            if page is None:
                return None
            return re.split(r"\s*[-\u2013,&]\s*", str(page))[0]
        return _item_variable_text(self, item, context, variable, form)


NUMERIC_TEXT = frozenset({"volume", "issue", "number-of-pages", "number-of-volumes", "chapter-number",
                          "collection-number", "edition", "number", "supplement", "part", "printing"})
#: What cs:text prints of these is not simply the item's value (Text._variable_text).
_CITE_OR_DERIVED = CITE_VARIABLES | {"citation-label", "page-first"}


def _item_variable_text(element, item, context, variable: str, form: str | None) -> str | None:
    """What a cs:text prints of one of the item's own variables (pages and numbers with dashes)."""
    value = variable_value(element, item, variable, form)
    if value is None:
        return None
    note_rendered(context, "var", variable)
    if variable == "page":
        return format_pages(str(value), page_format(element), range_delimiter(element, "page"))
    if variable in NUMERIC_TEXT:
        return hyphens_to_dashes(str(value))
    if variable == "URL" and form == "short":
        return short_url(str(value))
    return str(value)


_WWW_HOST = re.compile(r"^(?:https?://)?(www\.[^/]*)")
_UP_TO_LAST_DOT = re.compile(r"^(.*\.[^/]*)")


def short_url(url: str) -> str:
    """A URL's short form as citeproc-js prints it: the host of a ``www.`` address
    (``www.cancer.gov``), else the address cut after the last part with a dot in it
    (``https://doi.org/10.1``, ``http://example.org``; annual-reviews prints web pages so)."""
    match = _WWW_HOST.match(url) or _UP_TO_LAST_DOT.match(url)
    return match.group(1) if match else url


# --- numbers -----------------------------------------------------------------------------------------

_NUMERIC = re.compile(r"^\s*(\d+)\s*$")
_LEADING_NUMBER = re.compile(r"\s*(-?\d+)")


def term_gender(element, name: str) -> str | None:
    """The grammatical gender the locale gives a term (``edition`` is feminine in French)."""
    term = element.get_term(name)
    return term.get("gender") if term is not None else None


def ordinal_suffix(element, number: int, gender: str | None = None) -> str:
    """The locale's ordinal suffix for ``number`` (CSL 1.0.2 "Ordinal Suffixes" matching).

    An ordinal term of the noun's gender wins; one without gender is next; a masculine one
    serves a noun of no gender. Answered once per locale chain, number and gender.
    """
    locales = _locales(element)
    owner = element.get_root()
    kept = owner.__dict__.get("_ordinals")
    if kept is None or kept[0] is not locales:
        kept = owner._ordinals = (locales, {})
    suffix = kept[1].get((number, gender))
    if suffix is None:
        suffix = kept[1][(number, gender)] = _find_ordinal_suffix(locales, number, gender)
    return suffix


def _find_ordinal_suffix(locales, number: int, gender: str | None) -> str:
    candidates = []
    for locale in locales:
        terms = locale.find("cs:terms", model.SomewhatObjectifiedElement.nsmap)
        if terms is None:
            continue
        best = None
        for term in terms.iterchildren():
            name = term.get("name") or ""
            if not name.startswith("ordinal") or term.get("form") not in (None, "long"):
                continue
            form = term.get("gender-form")
            if form is None:
                fit = 1
            elif form == gender:
                fit = 2
            elif gender is None and form == "masculine":
                fit = 0
            else:
                continue
            if name == "ordinal":
                rank = 0
            else:
                try:
                    value = int(name[len("ordinal-"):])
                except ValueError:
                    continue
                match = term.get("match") or ("last-digit" if value < 10 else "last-two-digits")
                if match == "whole-number" and number == value:
                    rank = 3
                elif match == "last-two-digits" and number % 100 == value:
                    rank = 2
                elif match == "last-digit" and number % 10 == value:
                    rank = 1
                else:
                    continue
            if best is None or (rank, fit) > best[0]:
                best = ((rank, fit), term)
        if best is not None:
            # The first locale that has ordinal terms decides (its set replaces the others').
            candidates.append(best)
            break
    if not candidates:
        return ""
    rank, term = max(candidates, key=lambda pair: pair[0])
    return str(term.single)


def long_ordinal(element, number: int) -> str:
    if 1 <= number <= 10:
        for locale in _locales(element):
            term = _find(locale, f"long-ordinal-{number:02d}")
            if term is not None:
                return str(term.single)
    return f"{number}{ordinal_suffix(element, number)}"


def _locales(element):
    root = element.get_root()
    if isinstance(root, model.Locale) and getattr(root, "style", None) is not None:
        root = root.style
    return getattr(root, "locales", None) or [root]


def _find(locale, name):
    terms = locale.find("cs:terms", model.SomewhatObjectifiedElement.nsmap)
    if terms is None:
        return None
    for term in terms.iterchildren():
        if term.get("name") == name and term.get("form") in (None, "long") and term.get("gender-form") is None:
            return term
    return None


def roman(number: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


@register
class Number(Fixed, model.Number):
    def calls_variable(self):
        return True

    def render(self, item, context=None, **kwargs):
        variable = self.get("variable")
        value = self._value(item, variable, context)
        report_variable(value is not None)
        if value is None:
            raise VariableError
        if context is not None and variable not in CITE_VARIABLES:
            note_rendered(context, "var", variable)
        leading_number = _LEADING_NUMBER.match(value)
        if item.get("_sorting") and leading_number:
            return f"{int(leading_number.group(1)) + 10**12:013d}"
        if variable == "page":
            text = format_pages(value, page_format(self), range_delimiter(self, "page"))
        else:
            text = re.sub(r"\d+", lambda m: self._number(int(m.group())), hyphens_to_dashes(value)) \
                if re.fullmatch(r"\s*\d+(?:\s*[-\u2013&,]\s*\d+)*\s*", value) else value
        return self.finish_rendering(text, item_language(item))

    def _value(self, item, variable, context):
        if variable == "locator":
            return str(item.locator.identifier) if item.has_locator else None
        if variable == "citation-number":
            return str(item.number)
        if context is not None and is_repressed(context, variable):
            return None
        value = variable_value(self, item, variable)
        return None if value is None else str(value)

    def _number(self, number: int) -> str:
        form = self.get("form", "numeric")
        if form == "ordinal":
            return f"{number}{ordinal_suffix(self, number, term_gender(self, self.get('variable')))}"
        if form == "long-ordinal":
            return long_ordinal(self, number)
        if form == "roman":
            return roman(number) if number > 0 else str(number)
        return str(number)


# --- labels --------------------------------------------------------------------------------------------

#: Locator labels as CSL-JSON writes them -> the term that prints them.
LOCATOR_TERMS = {"page": "page", "p": "page", "pp": "page", "chapter": "chapter", "ch": "chapter",
                 "section": "section", "sec": "section", "paragraph": "paragraph", "para": "paragraph",
                 "line": "line", "figure": "figure", "fig": "figure", "volume": "volume", "vol": "volume",
                 "verse": "verse", "note": "note", "issue": "issue", "number": "number", "part": "part",
                 "column": "column", "book": "book", "folio": "folio", "opus": "opus",
                 "sub verbo": "sub-verbo", "sub-verbo": "sub-verbo", "timestamp": "timestamp",
                 "table": "table", "rule": "rule", "title": "title", "appendix": "appendix",
                 "article": "article", "canon": "canon", "algorithm": "algorithm", "equation": "equation",
                 "supplement": "supplement", "elocation": "elocation", "act": "act", "scene": "scene"}


def is_plural_value(value: str) -> bool:
    """A value holding more than one number (``5-7``, ``i-ix``, ``213, and 235``) takes the plural label;
    numbers joined by an escaped hyphen (``327\\-30``) are one."""
    return len(_NUMBER_TOKEN.findall(value.replace(ESCAPED_HYPHEN, ""))) > 1


@register
class Label(Fixed, model.Label):
    def calls_variable(self):
        return False

    def render(self, item, variable=None, plural=None, context=None, **kwargs):
        if variable is None:
            variable = self.get("variable")
        form = self.get("form")
        plural_option = self.get("plural", "contextual")
        term_name = variable
        if variable == "locator":
            if not item.has_locator:
                raise VariableError
            term_name = LOCATOR_TERMS.get(str(item.locator.label), str(item.locator.label))
            value = str(item.locator.identifier)
            if plural is None:
                plural = is_plural_value(value)
        elif plural is None:
            value = variable_value(self, item, variable)
            if value is None:
                raise VariableError
            value = str(value)
            if variable.startswith("number-of-"):
                match = _NUMERIC.match(value)
                plural = int(match.group(1)) > 1 if match else is_plural_value(value)
            else:
                plural = is_plural_value(value)
        if plural_option == "always":
            plural = True
        elif plural_option == "never":
            plural = False
        text = self.term_text(term_name, form, plural)
        # A label is a term of the style's locale: its case follows the style, not the item's language.
        return self.finish_rendering(text, None)
