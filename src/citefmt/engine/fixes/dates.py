"""``cs:date`` and ``cs:date-part``: localized and custom dates, ranges, seasons.

Restores, against citeproc-py:

* a localized date (``form="text"``/``"numeric"``) is joined with the locale date's own
  ``delimiter`` (citeproc-py used the style's, printing ``2020May17`` for Vancouver);
* ``cs:date-part`` children of a localized date override the attributes of the locale's
  parts (form, strip-periods, text-case, fonts, and, as citeproc-js does although CSL
  forbids them there, affixes), and never change the locale's tree (citeproc-py wrote the style's attributes into the
  locale, so one date leaked into the next);
* ``date-parts`` limits the parts shown; a missing part drops with its affixes;
* ranges print the parts they share once, joined by the ``range-delimiter`` of the
  largest part that differs (``May 3–June 5, 2020``, ``2019–2020``);
* seasons print their term (``Spring 2020``) where the month would be; negative years
  print with ``BC``, years below 500 with ``AD`` (as citeproc-js does); day ordinals respect
  ``limit-day-ordinals-to-day-1``;
* a literal date prints as it is; a date with no year prints nothing.
"""

from __future__ import annotations

from citeproc import model
from citeproc.source import DateRange, LiteralDate, VariableError

from ..xml import CSL_NS
from . import register
from ..richtext import wrap
from .common import Fixed, font_markers
from .source import python_key
from .groups import report_variable
from .text import is_repressed, item_language, note_rendered, ordinal_suffix, term_gender

PART_ORDER = ("year", "month", "day")
_OVERRIDABLE = ("form", "strip-periods", "text-case", "font-style", "font-variant", "font-weight", "prefix", "suffix",
                "text-decoration", "vertical-align", "range-delimiter")


def _value(date, part: str):
    value = date.get(part)
    return value if value not in (None, 0, "") else None


def _differs(begin, end, part: str) -> bool:
    if part == "month":
        return (_value(begin, "month") or _value(begin, "season")) != (_value(end, "month") or _value(end, "season"))
    return _value(begin, part) != _value(end, part)


def explicit_year_suffix(element) -> bool:
    """Whether the style prints ``year-suffix`` itself (if not, it follows the first year)."""
    root = element.get_root()
    if isinstance(root, model.Locale) and getattr(root, "style", None) is not None:
        root = root.style
    if "explicit_year_suffix" not in root.__dict__:
        root.explicit_year_suffix = bool(root.xpath(".//cs:text[@variable='year-suffix']",
                                                    namespaces={"cs": CSL_NS}))
    return root.explicit_year_suffix


@register
class Date(Fixed, model.Date):
    def calls_variable(self):
        return True

    def is_locale_date(self):
        return isinstance(self.get_root(), model.Locale)

    def render(self, item, context=None, **kwargs):
        variable = self.get("variable")
        if context is None:
            context = self
        value = item.reference.get(python_key(variable)) if variable else None
        if variable == "accessed" and item.get("_comparing"):
            value = None  # cites that differ only in when they were accessed print alike (citeproc-js)
        if (variable and is_repressed(context, variable)) or not isinstance(value, dict) or not value:
            report_variable(False)
            raise VariableError
        implicit = variable == "issued" and item.get("year_suffix") and not item.get("_suffix_used") \
            and not explicit_year_suffix(self)
        if implicit:
            dict.__setitem__(item, "_implicit_suffix_now", item.get("year_suffix"))
        try:
            text = self._render_value(item, value)
        finally:
            if implicit:
                dict.pop(item, "_implicit_suffix_now", None)
        report_variable(bool(text))
        if not text:
            raise VariableError
        note_rendered(context, "var", variable)
        return text

    def _render_value(self, item, value):
        if item.get("_sorting"):
            from .sorting import date_sort_key

            shown = {part.get("name") for part, _ in self._parts_spec()[0]} if not isinstance(
                value, LiteralDate) else set()
            return date_sort_key(value, shown)
        if isinstance(value, LiteralDate):
            text = value.text
        else:
            spec, delimiter = self._parts_spec()
            if isinstance(value, DateRange):
                text = self._range(value, spec, delimiter, item)
            else:
                text = self._single(value, spec, delimiter, item)
        if not text:
            return None
        text = str(text)
        if self._rendering_plan()[1]:  # a text-case, which may depend on the item's language
            text = self.case(text, item_language(item))
        text = self.format(text)
        return self.display(self.wrap(text))

    _spec = None  # _parts_spec()'s answer, the same for every date

    def _parts_spec(self):
        """[(date-part element, attribute overrides)] in display order, and the delimiter (read only)."""
        if self._spec is None:
            self._spec = self._find_parts_spec()
        return self._spec

    def _find_parts_spec(self):
        form = self.get("form")
        if form in ("text", "numeric"):
            localized = self._localized(form)
            shown = (self.get("date-parts") or "year-month-day").split("-")
            overrides = {part.get("name"): {k: v for k, v in part.attrib.items() if k in _OVERRIDABLE}
                         for part in self.iterchildren() if isinstance(part, Date_Part)}
            spec = [(part, overrides.get(part.get("name"), {})) for part in localized.iterchildren()
                    if isinstance(part, Date_Part) and part.get("name") in shown]
            return spec, localized.get("delimiter", "")
        spec = [(part, {}) for part in self.iterchildren() if isinstance(part, Date_Part)]
        return spec, self.get("delimiter", "")

    def _localized(self, form):
        for locale in self._locale_chain():
            for date in locale.findall("cs:date", self.nsmap):
                if date.get("form") == form:
                    return date
        raise VariableError

    def _locale_chain(self):
        root = self.get_root()
        return getattr(root, "locales", None) or [root]

    def _render_parts(self, date, spec, item, names=None, strip_suffix_last=False, strip_prefix_first=False):
        pieces = []
        selected = [(part, over) for part, over in spec if names is None or part.get("name") in names]
        for index, (part, over) in enumerate(selected):
            text = part.render_part(date, over, item)
            if text is None:
                continue
            pieces.append([part, text, over])
        if not pieces:
            return []
        out = []
        for index, (part, text, over) in enumerate(pieces):
            prefix = over.get("prefix", part.get("prefix", ""))
            suffix = over.get("suffix", part.get("suffix", ""))
            if strip_suffix_last and index == len(pieces) - 1:
                suffix = ""
            if strip_prefix_first and index == 0:
                prefix = ""
            out.append(prefix + text + suffix)
        return out

    def _single(self, date, spec, delimiter, item):
        if _value(date, "year") is None and date.get("year") != 0:
            return None
        return delimiter.join(self._render_parts(date, spec, item))

    def _range(self, date_range, spec, delimiter, item):
        begin, end = date_range["begin"], date_range.get("end")
        if end is not None and not end and type(end).__name__ == "_OpenEnd":
            single = self._single(begin, spec, delimiter, item)
            if not single:
                return single
            largest = next((p for p in PART_ORDER if p in [part.get("name") for part, _ in spec]), "year")
            range_delimiter = next((over.get("range-delimiter", part.get("range-delimiter", "\u2013"))
                                    for part, over in spec if part.get("name") == largest), "\u2013")
            return single + range_delimiter
        if end is None or _value(end, "year") is None:
            return self._single(begin, spec, delimiter, item)
        shown = [part.get("name") for part, _ in spec]
        largest = next((p for p in PART_ORDER if p in shown and _differs(begin, end, p)), None)
        if largest is None:
            return self._single(begin, spec, delimiter, item)
        diff = set(PART_ORDER[PART_ORDER.index(largest):])
        range_delimiter = "\u2013"
        for part, over in spec:
            if part.get("name") == largest:
                range_delimiter = over.get("range-delimiter", part.get("range-delimiter", "\u2013"))
        names_in_order = [name for name in shown]
        same_before = []
        for name in names_in_order:
            if name in diff:
                break
            same_before.append(name)
        same_after = [name for name in names_in_order[len(same_before):] if name not in diff]
        diff_names = [name for name in names_in_order if name in diff]
        before = self._render_parts(begin, spec, item, set(same_before))
        first = self._render_parts(begin, spec, item, set(diff_names), strip_suffix_last=True)
        last = self._render_parts(end, spec, item, set(diff_names), strip_prefix_first=True,
                                  strip_suffix_last=not same_after)
        middle = delimiter.join(first) + range_delimiter + delimiter.join(last)
        after = self._render_parts(begin, spec, item, set(same_after))
        pieces = [delimiter.join(before), middle, delimiter.join(after)]
        return delimiter.join(piece for piece in pieces if piece)


@register
class Date_Part(Fixed, model.Date_Part):
    def attr(self, name, overrides, default=None):
        return overrides.get(name, self.get(name, default))

    def render_part(self, date, overrides, item):
        """This part of ``date``, formatted (without affixes), or None if the date lacks it."""
        name = self.get("name")
        form = self.attr("form", overrides)
        if name == "year":
            year = date.get("year")
            if year in (None, ""):
                return None
            year = int(year)
            if form == "short":
                text = str(abs(year))[-2:]
            else:
                text = str(abs(year))
                if year < 0:
                    text += self.get_single_term("bc")
                elif 0 < year < 500:
                    text += self.get_single_term("ad")  # citeproc-js marks AD below 500 only
            suffix = item.get("_implicit_suffix_now") if hasattr(item, "get") else None
            if suffix:
                # The year suffix of a style that never prints year-suffix itself (CSL: after the first year).
                text += suffix
                dict.__setitem__(item, "_implicit_suffix_now", None)
                dict.__setitem__(item, "_suffix_used", True)
        elif name == "month":
            month = _value(date, "month")
            season = _value(date, "season")
            if month is None and season is None:
                return None
            if month is None:
                text = self.get_single_term(f"season-{int(season):02d}") or ""
                if not text:
                    return None
            elif form == "numeric":
                text = str(month)
            elif form == "numeric-leading-zeros":
                text = f"{month:02d}"
            else:
                text = self.get_single_term(f"month-{month:02d}", "short" if form == "short" else None)
            if self.attr("strip-periods", overrides, "false") == "true":
                text = text.replace(".", "")
        elif name == "day":
            day = _value(date, "day")
            if day is None or _value(date, "month") is None:
                return None
            if form == "numeric-leading-zeros":
                text = f"{day:02d}"
            elif form == "ordinal":
                limit = (self.get_locale_option("limit-day-ordinals-to-day-1") or "false").lower() == "true"
                month = _value(date, "month")
                gender = term_gender(self, f"month-{int(month):02d}") if month else None
                text = f"{day}{ordinal_suffix(self, day, gender)}" if not limit or day == 1 else str(day)
            else:
                text = str(day)
        else:
            return None
        if not text:
            return None
        case = self.attr("text-case", overrides)
        if case:
            from .textcase import apply_case

            text = apply_case(text, case)
        return self._format_with(text, overrides)

    _fonts = None  # overrides (as items) -> font markers, by _format_with()

    def _format_with(self, text, overrides):
        fonts = self._fonts
        if fonts is None:
            fonts = self._fonts = {}
        key = tuple(overrides.items())
        markers = fonts.get(key)
        if markers is None:
            attributes = dict(self._attributes)
            attributes.update(overrides)
            markers = fonts[key] = font_markers(attributes)
        for name in markers:
            text = wrap(name, text)
        return text
