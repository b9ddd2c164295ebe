"""What every fixed element shares: term look-up with CSL's fall-backs, and the rendering order.

Restores, against citeproc-py's ``CitationStylesElement``:

* a term missing in the form asked for falls back as CSL 1.0.2 says ("Terms": ``verb-short``
  -> ``verb`` -> ``long``, ``symbol`` -> ``short`` -> ``long``), in every locale of the
  fall-back chain, instead of printing nothing;
* the terms and options of an item's own locale are used when the entry is rendered in it
  (per-item language), since every look-up goes through the locale list of the style
  being rendered;
* formatting, text-case, quotes, strip-periods and affixes are applied in the order CSL
  gives (text-case and strip-periods on the text, then font formatting, then quotes, then
  affixes, then display), on marked strings.
"""

from __future__ import annotations

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import join
from lxml import etree

from ..richtext import wrap

_FONT = {
    ("font-style", "italic"): "italic", ("font-style", "oblique"): "oblique", ("font-style", "normal"): "roman",
    ("font-variant", "small-caps"): "smallcaps", ("font-variant", "normal"): "nosmallcaps",
    ("font-weight", "bold"): "bold", ("font-weight", "light"): "light", ("font-weight", "normal"): "unbold",
    ("text-decoration", "underline"): "underline", ("text-decoration", "none"): "nodecor",
    ("vertical-align", "sup"): "sup", ("vertical-align", "sub"): "sub", ("vertical-align", "baseline"): "baseline",
}
_FONT_ORDER = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


def font_markers(attributes) -> tuple[str, ...]:
    """The formatting markers ``attributes`` ask for, innermost first."""
    return tuple(_FONT[(attribute, attributes[attribute])] for attribute in _FONT_ORDER
                 if (attribute, attributes.get(attribute)) in _FONT)


from .textcase import apply_case, is_english

FORM_FALLBACK = {
    "verb-short": ("verb-short", "verb", "long"),
    "symbol": ("symbol", "short", "long"),
    "short": ("short", "long"),
    "verb": ("verb", "long"),
    "long": ("long",),
    None: ("long",),
}


def _xpath_term(locale, name: str, form: str | None):
    terms = locale.find("cs:terms", model.SomewhatObjectifiedElement.nsmap)
    if terms is None:
        return None
    for term in terms.iterchildren():
        if term.get("name") != name:
            continue
        term_form = term.get("form") or "long"
        if term_form == (form or "long") and term.get("match") is None and term.get("gender-form") is None:
            return term
    return None


#: What an element works out from its attributes and children on first use; :meth:`Fixed.prepare` drops it.
_PREPARED_CACHES = ("_renders", "_affixes", "_plan", "_checks", "_branches", "_name_parts", "_macro", "_options",
                    "_option_tables", "_formatters", "_label_and_et_al", "_variables", "_fonts", "_spec", "_keys")

#: The rendering plan (:meth:`Fixed._rendering_plan`) of an element that changes nothing of its text.
_PLAIN_PLAN = (False, None, (), False, False, None)

#: Names looked up as child elements (``element.layout``), dropped by :meth:`Fixed.prepare`.
_FOUND_CHILDREN: set[str] = set()


def join_rendered(renders, item, delimiter: str, context, kwargs: dict, skip_empty: bool = False):
    """The texts the ``renders`` of children (:meth:`Fixed.child_renders`) print, joined by
    ``delimiter``; a child raising VariableError prints nothing, a cs:choose is given the delimiter.

    ``kwargs``: the other options to pass on (``sort_options`` …), most often none; a call
    that spreads an empty mapping costs three times a plain one. ``skip_empty``: a child
    that printed "" is left out too (a cs:group's children).
    """
    output = []
    for render, is_choose in renders:
        try:
            if is_choose:
                text = render(item, context=context, delimiter=delimiter, **kwargs) if kwargs else \
                    render(item, context=context, delimiter=delimiter)
            else:
                text = render(item, context=context, **kwargs) if kwargs else render(item, context=context)
        except VariableError:
            continue
        if text is not None and not (skip_empty and str(text) == ""):
            output.append(text)
    if len(output) == 1:
        return output[0]  # what join() gives for one text
    return join(output, delimiter) if output else None


class Fixed:
    """Mixin for every fixed element: terms, locale options, and the CSL rendering order.

    Look-ups that give the same answer for every reference (the root, the layout, a macro
    by name, the element's attributes, children and named child elements) are answered
    once per element and kept on it; :class:`LoadedStyle` keeps every element's Python
    object alive, so what is kept stays. lxml answers ``get()``, ``iterchildren()`` and
    ``find()`` anew on every call (a new string, a new iterator, a tree search); a loaded
    style does not change, so the answers are copied once. An element whose children
    change afterwards calls :meth:`prepare` again.
    """

    def prepare(self) -> None:
        """Copy this element's attributes and children (again, after a change to them)."""
        self._attributes = dict(self.attrib)
        self._children = tuple(etree.ElementBase.iterchildren(self))
        for cache in _PREPARED_CACHES:
            self.__dict__.pop(cache, None)
        for name in [key for key in self.__dict__ if key in _FOUND_CHILDREN]:
            del self.__dict__[name]

    def __getattr__(self, name):
        # Only called for what the element does not have: citeproc-py's ``element.layout``
        # style of child look-up, kept once found (or not found).
        if name in ("_attributes", "_children"):
            self.prepare()
            return self.__dict__[name]
        if name.startswith("__"):
            raise AttributeError(name)
        child = self.find(f"cs:{name}", model.SomewhatObjectifiedElement.nsmap)
        self.__dict__[name] = child
        _FOUND_CHILDREN.add(name)
        return child

    def render_children(self, item, delimiter="", **kwargs):
        """citeproc-py's ``Parent.render_children`` (the children's texts, joined) on the kept children."""
        context = kwargs.pop("context", None)
        return join_rendered(self._renders or self.child_renders(), item, delimiter, context, kwargs)

    _renders = None  # by child_renders()

    def child_renders(self) -> tuple:
        """(what renders it, is a cs:choose) of each child, in order: worked out once."""
        renders = self._renders
        if renders is None:
            renders = self._renders = tuple((child.renderer() if isinstance(child, Fixed) else child.render,
                                             isinstance(child, model.Choose))
                                            for child in self._children)
        return renders

    def renderer(self):
        """What a parent calls to render this element: :meth:`render`, or a shortcut to the
        same text where the element's attributes leave most of ``render`` with nothing to do."""
        return self.render

    def get(self, key, default=None):
        return self._attributes.get(key, default)

    def iterchildren(self, *args, **kwargs):
        if args or kwargs:
            return etree.ElementBase.iterchildren(self, *args, **kwargs)
        return iter(self._children)

    _root = _layout = None  # get_root() and get_layout(), once found

    def get_root(self):
        root = self._root
        if root is None:
            root = self.getroottree().getroot()
            self._root = root
        return root

    def get_layout(self):
        layout = self._layout
        if layout is None:
            found = self.xpath_search("./ancestor-or-self::cs:layout[1]")
            if not found:
                raise IndexError("no cs:layout around this element")
            layout = found[0]
            self._layout = layout
        return layout

    def get_macro(self, name):
        root = self.get_root()
        table = root.__dict__.get("_macros")
        if table is None:
            table = {}
            for macro in root.findall("cs:macro", model.SomewhatObjectifiedElement.nsmap):
                table.setdefault(macro.get("name"), macro)
            root._macros = table
        try:
            return table[name]
        except KeyError:
            raise IndexError(f"no macro {name!r}") from None

    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False, **kwargs):
        root = self.get_root()
        if isinstance(root, model.Locale) and getattr(root, "style", None) is not None:
            root = root.style  # a date format of a locale file: terms still come from the whole chain
        locales = getattr(root, "locales", None) or [root]
        cache = root.__dict__.setdefault("_term_cache", {})
        key = (name, form, fallback_locale)
        if key in cache:
            return cache[key]
        found = None
        # Each locale is searched in every fall-back form before the next locale is tried.
        for locale in locales:
            for candidate_form in FORM_FALLBACK.get(form, (form, "long")):
                term = _xpath_term(locale, name, candidate_form)
                if term is not None:
                    found = term
                    break
            if found is not None:
                break
        cache[key] = found
        return found

    def term_text(self, name: str, form: str | None = None, plural: bool = False) -> str:
        """The text of a term ('' when the locale has none)."""
        root = self.get_root()
        texts = root._term_texts
        if texts is None:
            texts = root._term_texts = {}
        key = (name, form, plural)
        text = texts.get(key)
        if text is None:
            term = self.get_term(name, form)
            text = texts[key] = "" if term is None else str(term.multiple if plural else term.single)
        return text

    def get_single_term(self, name, *args, **kwargs):
        term = self.get_term(name, *args, **kwargs)
        return str(term.single) if term is not None else ""

    def get_plural_term(self, name, *args, **kwargs):
        term = self.get_term(name, *args, **kwargs)
        return str(term.multiple) if term is not None else ""

    def style_language(self) -> str:
        root = self.get_root()
        if isinstance(root, model.Locale) and getattr(root, "style", None) is not None:
            root = root.style
        return getattr(root, "locale_tag", None) or root.get("default-locale") or "en-US"

    # --- rendering order -----------------------------------------------------------------------

    def has_plain_rendering(self) -> bool:
        """No strip-periods, text-case, formatting, quotes, affixes or display: the text is left as it is."""
        return (self._plan or self._rendering_plan()) == _PLAIN_PLAN

    _term_texts = None  # on the root: (term, form, plural) -> text, by term_text()
    _plan = None  # what this element applies to its text, made once by _rendering_plan()

    def _rendering_plan(self):
        """(strip periods, text-case, font markers, quotes, has affixes, display marker), once."""
        plan = self._plan
        if plan is None:
            attributes = self._attributes
            fonts = font_markers(attributes)
            display = attributes.get("display")
            plan = self._plan = (
                attributes.get("strip-periods", "false").lower() == "true",
                attributes.get("text-case"),
                fonts,
                attributes.get("quotes", "false").lower() == "true",
                bool(attributes.get("prefix") or attributes.get("suffix")),
                display if display in ("block", "left-margin", "right-inline", "indent") else None,
            )
        return plan

    _affixes = None  # (prefix, suffix), by wrap()

    def wrap(self, string):
        """citeproc-py's ``Affixed.wrap`` (affixes with their seams normalized); none: ``string`` itself."""
        affixes = self._affixes
        if affixes is None:
            attributes = self._attributes
            affixes = self._affixes = (attributes.get("prefix", ""), attributes.get("suffix", ""))
        if affixes == ("", "") and type(string) is str:
            return string
        return model.Affixed.wrap(self, string)

    def format(self, text):
        """Font formatting as markers; an explicit "normal" undoes an enclosing one (flip-flop)."""
        text = str(text) if text is not None else ""
        if not text:
            return text
        for name in self._rendering_plan()[2]:
            text = wrap(name, text)
        return text

    def strip_periods(self, text: str) -> str:
        return text.replace(".", "") if self._rendering_plan()[0] else text

    def case(self, text: str, language: str | None = None) -> str:
        case = self._rendering_plan()[1]
        if case is None:
            return text
        if case == "title" and not (is_english(language) if language else is_english(self.style_language())):
            return text
        return apply_case(text, case)

    def quote(self, text: str) -> str:
        return wrap("quote", text) if self._rendering_plan()[3] else text

    def display(self, text: str) -> str:
        display = self._rendering_plan()[5]
        return wrap(display, text) if display is not None else text

    def finish_rendering(self, text, language: str | None = None):
        """``text`` with this element's strip-periods, case, formatting, quotes, affixes, display."""
        if text is None:
            return None
        text = str(text)
        if text == "":
            return None
        strip, case, fonts, quotes, affixes, display = self._rendering_plan()
        if strip:
            text = text.replace(".", "")
        if case is not None:
            text = self.case(text, language)
        if text:
            for name in fonts:
                text = wrap(name, text)
        if quotes:
            text = wrap("quote", text)
        if affixes:
            text = self.wrap(text)
        return wrap(display, text) if display is not None else text
