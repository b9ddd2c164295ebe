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

from ..richtext import wrap as wrap_marker
from . import register
from .common import Fixed, join_rendered
from .source import python_key

_NUMBER_TOKEN = r"[A-Za-z]*\d+[A-Za-z]*"
_IS_NUMERIC = re.compile(rf"^\s*{_NUMBER_TOKEN}(?:\s*(?:[,&\-\u2013]|and)\s*{_NUMBER_TOKEN})*\s*$")


def is_numeric(value) -> bool:
    """CSL's is-numeric test of a value."""
    if value is None:
        return False
    return bool(_IS_NUMERIC.match(str(value)))


#: One [variables called, variables that printed] per implicit group being rendered,
#: innermost last. A cite is rendered to the end before the next one starts, so one
#: stack serves every cite; it is empty between renders.
_FRAMES: list[list[int]] = []


def report_variable(success: bool) -> None:
    """Tell the enclosing cs:group that a variable was called, and whether it printed anything."""
    if _FRAMES:
        frame = _FRAMES[-1]
        frame[0] += 1
        if success:
            frame[1] += 1


def render_as_group(renders, item, context, kwargs, delimiter="", skip_empty=False):
    """The children's texts joined by ``delimiter``, suppressed as a cs:group is (CSL 1.0.2 "Group").

    ``renders``: (render, is a cs:choose) of each child (:meth:`Fixed.child_renders`); a
    cs:choose is given the delimiter. ``skip_empty``: a child that printed "" is left out
    as one that printed nothing is (a cs:group's own children; a macro's keep it).
    Suppressed (:class:`VariableError`) when nothing printed, or when variables were
    called and all of them were empty; what counts is what rendering actually did (the
    taken branch of a ``cs:choose``, the variables inside macros and nested groups).
    When it prints, it keeps the group around it, as citeproc-js does.
    """
    frames = _FRAMES
    frame = [0, 0]  # variables called, variables that printed
    frames.append(frame)
    try:
        text = join_rendered(renders, item, delimiter, context, kwargs, skip_empty)
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


@register
class Macro(Fixed, model.Macro):
    """A macro renders its children as citeproc-py does (a cs:text calls it as an implicit group)."""


@register
class Group(Fixed, model.Group):
    """A group is suppressed when it called variables and all of them were empty (CSL 1.0.2)."""

    def render(self, item, context=None, **kwargs):
        text = render_as_group(self._renders or self.child_renders(), item, context, kwargs,
                               self._attributes.get("delimiter", ""), skip_empty=True)  # never None: it raises
        # format(), wrap() and display() in turn, from the element's rendering plan.
        _, _, fonts, _, affixes, display = self._plan or self._rendering_plan()
        text = str(text)
        if text:
            for name in fonts:
                text = wrap_marker(name, text)
        if affixes:
            text = self.wrap(text)
        return wrap_marker(display, text) if display is not None else text

    def process(self, item, context=None, **kwargs):
        return render_as_group(self._renders or self.child_renders(), item, context, kwargs,
                               self._attributes.get("delimiter", ""), skip_empty=True)

    def renderer(self):
        if not self.has_plain_rendering():
            return self.render
        group, delimiter = self, self._attributes.get("delimiter", "")

        def render_plain_group(item, context=None, **kwargs):
            # render() with nothing to apply to the joined text.
            return str(render_as_group(group._renders or group.child_renders(), item, context, kwargs,
                                       delimiter, skip_empty=True))
        return render_plain_group


#: Variables of the cite (or worked out for it), not of its reference.
_CITE_TESTS = frozenset({"locator", "citation-number", "year-suffix", "first-reference-note-number"})


def _references_test(keys: tuple[str, ...], every: bool):
    """Whether the cite's reference has the variables of ``keys``: every one of them
    (``every``) or any one (for ``match="any"`` and, negated, ``match="none"``)."""
    if len(keys) == 1:
        key = keys[0]
        return lambda item, context: present(item.reference.get(key))

    def has_variables(item, context):
        get = item.reference.get
        for key in keys:
            value = get(key)
            found = value is not None and (bool(value) if isinstance(value, (str, list)) else True)
            if found is not every:
                return found
        return every
    return has_variables


def _variable_test(variable: str):
    """The single test ``variable="…"`` of a variable of :data:`_CITE_TESTS` (a function of item, context)."""
    if variable == "locator":
        return lambda item, context: bool(item.has_locator)
    if variable == "citation-number":
        return lambda item, context: True
    if variable == "year-suffix":
        return lambda item, context: bool(item.get("year_suffix"))
    return lambda item, context: bool(item.get("first_reference_note_number"))


def present(value) -> bool:
    """Whether a reference value counts as set (dates compare badly, so no ``in`` test)."""
    if value is None:
        return False
    if isinstance(value, (str, list)):
        return bool(value)
    return True


def _combine(match: str, tests: tuple):
    """One test from single tests, as ``match`` (all, any, none) combines them."""
    if len(tests) == 1 and match != "none":
        return tests[0]
    if match == "any":
        def any_holds(item, context):
            for single in tests:
                if single(item, context):
                    return True
            return False
        return any_holds
    if match == "none":
        def none_holds(item, context):
            for single in tests:
                if single(item, context):
                    return False
            return True
        return none_holds

    def all_hold(item, context):
        for single in tests:
            if not single(item, context):
                return False
        return True
    return all_hold


@register
class If(Fixed, model.If):
    def render(self, item, context=None, delimiter="", **kwargs):
        if not self.test(item, context):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    _checks = None  # the compiled test, made on first use by _compile()

    def test(self, item, context=None) -> bool:
        """Whether this branch's conditions hold for ``item`` (CSL 1.0.2 "Choose")."""
        return self.compiled_test()(item, context)

    def compiled_test(self):
        """:meth:`test` as one function of (item, context), compiled once."""
        check = self._checks
        if check is None:
            check = self._checks = self._compile()
        return check

    def _compile(self):
        """The conditions as one function, ``test(item, context) -> bool``.

        Each value of each condition attribute is a single test, as CSL 1.0.2 counts them
        for ``match``, except ``type``: citeproc-js reads ``type="thesis manuscript"`` as one
        test, "is one of", whatever ``match`` says (an item has one type: under "all" the
        spec's reading would never hold). None has a side effect, so the first deciding
        test ends the test.
        """
        attributes = self._attributes
        match = attributes.get("match", "all")
        types = attributes.get("type", "").split()
        tests = []
        if types:
            wanted_types = frozenset(types)
            tests.append(lambda item, context: dict.get(item.reference, "type") in wanted_types)
        reference_keys = []
        for variable in attributes.get("variable", "").split():
            if variable in _CITE_TESTS:
                tests.append(_variable_test(variable))
            else:
                reference_keys.append(python_key("page" if variable == "page-first" else variable))
        if reference_keys:
            # One look-up of the reference for all of them; each still counts as a single test.
            tests.append(_references_test(tuple(reference_keys), every=match == "all"))
        for variable in attributes.get("is-numeric", "").split():
            tests.append(lambda item, context, variable=variable: self._numeric(item, variable))
        for variable in attributes.get("is-uncertain-date", "").split():
            tests.append(lambda item, context, variable=variable: self._uncertain(item, variable))
        for label in attributes.get("locator", "").split():
            tests.append(lambda item, context, label=label.replace(" ", "-"):
                         item.has_locator and str(item.locator.label).replace(" ", "-") == label)
        for index, _ in enumerate(attributes.get("position", "").split()):
            tests.append(lambda item, context, index=index: self._position(item, context)[index])
        if "disambiguate" in attributes:
            wanted = attributes["disambiguate"] == "true"
            tests.append(lambda item, context: wanted == bool(item.get("disambiguate", False)))
        return _combine(match, tuple(tests))

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
class Else(Fixed, model.Else):
    pass


@register
class Choose(Fixed, model.Choose):
    def calls_variable(self):
        return any(child.calls_variable() for child in self.iterchildren())

    _branches = None  # ((test or None for cs:else, branch element), ...), by render()

    def render(self, item, context=None, delimiter="", **kwargs):
        branches = self._branches
        if branches is None:
            branches = self._branches = tuple((child.compiled_test() if isinstance(child, If) else None, child)
                                              for child in self._children)
        for test, branch in branches:
            if test is not None and not test(item, context):
                continue
            return join_rendered(branch._renders or branch.child_renders(), item, delimiter, context, kwargs)
        return None


def compile_renderers(root) -> None:
    """Work out now, for every element of ``root``'s layouts and macros, what each works out
    on first use (the children's renderers and shortcuts, conditions, rendering plans).

    Before rendering is shared out among forked processes: each inherits the result instead
    of working it out again, in every process of every phase.
    """
    areas = [area.layout for area in (root.citation, root.bibliography) if area is not None]
    for top in areas + list(root.findall("cs:macro", root.nsmap)):
        for element in top.iter():
            if isinstance(element, (Group, Macro, If, Else)):
                element.child_renders()
            if isinstance(element, If):
                element.compiled_test()
            if isinstance(element, Fixed):
                element._rendering_plan()

