"""``cs:group`` and ``cs:choose``: group suppression and conditions.

Restores, against citeproc-py:

* ``cs:group`` takes ``display`` and its formatting on the joined text;
* conditions as CSL 1.0.2 defines them: ``is-numeric`` accepts numbers with letter affixes
  and lists/ranges (``2nd``, ``D2``, ``2-4``, ``2 & 4``), not ``second`` or ``2nd edition``;
  ``variable`` tests the variables of CSL 1.0.2 and of the cite (``locator``);
  ``locator`` matches the locator's label; ``disambiguate="true"`` is true only for a cite
  the disambiguation step marked (citeproc-py took it as always true); ``match`` of
  ``all``, ``any``, ``none`` over every single test;
* ``position`` is false in the bibliography and follows the cites rendered so far in
  citations.
"""

from __future__ import annotations

import re

from citeproc import model
from citeproc.source import VariableError

from . import register
from .common import Fixed
from .source import python_key

_NUMBER_TOKEN = r"[A-Za-z]*\d+[A-Za-z]*"
_IS_NUMERIC = re.compile(rf"^\s*{_NUMBER_TOKEN}(?:\s*(?:[,&\-\u2013]|and)\s*{_NUMBER_TOKEN})*\s*$")


def is_numeric(value) -> bool:
    """CSL's is-numeric test of a value."""
    if value is None:
        return False
    return bool(_IS_NUMERIC.match(str(value)))


def report_variable(item, success: bool) -> None:
    """Tell the enclosing cs:group that a variable was called, and whether it printed anything."""
    frames = item.get("_frames") if hasattr(item, "get") else None
    if frames:
        frames[-1][0] += 1
        if success:
            frames[-1][1] += 1


def as_implicit_group(item, render):
    """``render()``'s output, suppressed as a cs:group is (CSL 1.0.2 "Group").

    Suppressed (:class:`VariableError`) when it printed nothing, or when it called
    variables and all of them were empty; what counts is what rendering actually did
    (the taken branch of a ``cs:choose``, the variables inside macros and nested groups).
    When it prints, it keeps the group around it, as citeproc-js does.
    """
    if "_frames" not in item:
        dict.__setitem__(item, "_frames", [])
    frames = item["_frames"]
    frame = [0, 0]  # variables called, variables that printed
    frames.append(frame)
    try:
        text = render()
    finally:
        frames.pop()
    if frames:
        frames[-1][0] += frame[0]
    if text is None or str(text) == "" or (frame[0] > 0 and frame[1] == 0):
        raise VariableError
    if frames:
        frames[-1][0] += 1
        frames[-1][1] += frame[1] + 1
    return text


def render_macro_as_group(macro, item, context, **kwargs):
    """A macro called by cs:text, which citeproc-js treats as an implicit group."""
    return as_implicit_group(item, lambda: macro.render(item, context=context, **kwargs))


@register
class Group(Fixed, model.Group):
    """A group is suppressed when it called variables and all of them were empty (CSL 1.0.2)."""

    def render(self, item, context=None, **kwargs):
        text = self.process(item, context=context, **kwargs)
        if text is None:
            return None
        text = self.format(str(text))
        return self.display(self.wrap(text))

    def process(self, item, context=None, **kwargs):
        return as_implicit_group(item, lambda: self._join_children(item, context, **kwargs))

    def _join_children(self, item, context, **kwargs):
        output = []
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None and str(text) != "":
                output.append(text)
        return self.join(output) if output else None


def _has_variable(item, variable: str) -> bool:
    if variable == "locator":
        return bool(item.has_locator)
    if variable == "citation-number":
        return True
    if variable == "year-suffix":
        return bool(item.get("year_suffix"))
    if variable in ("first-reference-note-number",):
        return bool(item.get("first_reference_note_number"))
    if variable == "page-first":
        variable = "page"
    return present(item.reference.get(python_key(variable)))


def present(value) -> bool:
    """Whether a reference value counts as set (dates compare badly, so no ``in`` test)."""
    if value is None:
        return False
    if isinstance(value, (str, list)):
        return bool(value)
    return True


@register
class If(Fixed, model.If):
    def render(self, item, context=None, delimiter="", **kwargs):
        if not self.test(item, context):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def _tests(self):
        tests = self.__dict__.get("_parsed")
        if tests is None:
            tests = {name: self.attrib[name].split() for name in
                     ("type", "variable", "is-numeric", "is-uncertain-date", "locator") if name in self.attrib}
            self._parsed = tests
        return tests

    def test(self, item, context=None) -> bool:
        """Whether this branch's conditions hold for ``item`` (CSL 1.0.2 "Choose")."""
        results: list[bool] = []
        attrib = self.attrib
        tests = self._tests()
        if "type" in tests:
            item_type = item.reference.type
            results += [typ == item_type for typ in tests["type"]]
        if "variable" in tests:
            results += [_has_variable(item, var) for var in tests["variable"]]
        if "is-numeric" in tests:
            results += [self._numeric(item, var) for var in tests["is-numeric"]]
        if "is-uncertain-date" in tests:
            results += [self._uncertain(item, var) for var in tests["is-uncertain-date"]]
        if "locator" in tests:
            label = str(item.locator.label) if item.has_locator else None
            results += [label is not None and label.replace(" ", "-") == var.replace(" ", "-")
                        for var in tests["locator"]]
        if "position" in attrib:
            results += self._position(item, context)
        if "disambiguate" in attrib:
            results.append((attrib["disambiguate"] == "true") == bool(item.get("disambiguate", False)))
        match = attrib.get("match", "all")
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results)

    @staticmethod
    def _numeric(item, variable: str) -> bool:
        if variable == "locator":
            return item.has_locator and is_numeric(item.locator.identifier)
        if variable == "citation-number":
            return True
        return is_numeric(item.reference.get(python_key(variable)))

    @staticmethod
    def _uncertain(item, variable: str) -> bool:
        value = item.reference.get(python_key(variable))
        try:
            return bool(value and value.get("circa"))
        except AttributeError:
            return False

    def _position(self, item, context):
        if context is None:
            context = self
        in_bibliography = context.__dict__.get("_in_bibliography")
        if in_bibliography is None:
            in_bibliography = bool(context.xpath_search("./ancestor::*[self::cs:bibliography]"))
            context._in_bibliography = in_bibliography
        if in_bibliography:
            return [False for _ in self.get("position").split()]
        positions = item.get("positions")
        if positions is not None:
            return [position in positions for position in self.get("position").split()]
        return model.If._position(self, item, context)


@register
class Else_If(If):
    pass


@register
class Choose(Fixed, model.Choose):
    def calls_variable(self):
        return any(child.calls_variable() for child in self.iterchildren())

    def render(self, item, context=None, delimiter="", **kwargs):
        for child in self.iterchildren():
            if isinstance(child, If) and not child.test(item, context):
                continue
            try:
                return child.render_children(item, context=context, delimiter=delimiter, **kwargs)
            except VariableError:
                return None
        return None
