"""Styles and their locales, loaded with citefmt's element classes.

Restores, against citeproc-py's ``CitationStylesStyle``:

* locale files are built from the same fixed element classes as the style (citeproc-py
  reads them with its own classes, so a date format from a locale would bypass every
  date fix);
* an unknown locale is an error, never a silent fall-back to en-US;
* a style is read by citefmt's safe XML reader (no DOCTYPE, no entities, no network),
  whatever lxml version is installed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS, model
from lxml import etree

from ..xml import CSL_NS, parse_csl_xml
from . import element_lookup, register
from .common import Fixed


@lru_cache(maxsize=1)
def _lookup():
    return element_lookup()


def locales_dir() -> Path:
    import citeproc

    return Path(citeproc.__file__).resolve().parent / "data" / "locales"


@lru_cache(maxsize=128)
def _locale_bytes(tag: str) -> bytes:
    path = locales_dir() / f"locales-{tag}.xml"
    try:
        return path.read_bytes()
    except OSError:
        raise LookupError(f"unknown locale {tag!r}") from None


def parse_locale(tag: str) -> model.Locale:
    """A fresh tree of locale ``tag``'s file, built from the fixed classes."""
    return parse_csl_xml(_locale_bytes(tag), f"locales-{tag}.xml", lookup=_lookup())


@register
class Style(Fixed, model.Style):
    def set_locale_list(self, output_locale, validate=False):
        """The locales a term is looked up in, most specific first (CSL 1.0.2 "Locale Fallback")."""
        self.locales = []
        added = set()

        def in_style(lang):
            expr = (f'./cs:locale[@xml:lang="{lang}"]' if lang else './cs:locale[not(@xml:lang)]')
            for element in self.xpath_search(expr):
                self.locales.append(element)

        def from_file(tag):
            if tag not in added:
                self.locales.append(parse_locale(tag))
                added.add(tag)

        language = output_locale.split("-")[0]
        in_style(output_locale)
        if language != output_locale:
            in_style(language)
        in_style(None)
        if output_locale in LANGUAGE_NAMES:
            from_file(output_locale)
        if language in PRIMARY_DIALECTS:
            from_file(PRIMARY_DIALECTS[language])
        from_file("en-US")
        for locale in self.locales:
            locale.style = self
        self.locale_tag = output_locale
        # Keep every locale element's Python object alive (what the fixes cache on them stays).
        self._pinned_locales = [list(locale.iter()) for locale in self.locales]

    def punctuation_in_quote(self) -> bool:
        """The locale's ``punctuation-in-quote`` option (worked out once)."""
        cached = self.__dict__.get("_punctuation_in_quote")
        if cached is None:
            cached = self._punctuation_in_quote = \
                str(self.get_locale_option("punctuation-in-quote")).lower() == "true"
        return cached

    def quotes(self):
        """The locale's outer and inner quotation marks."""
        cached = self.__dict__.get("_quotes")
        if cached is not None:
            return cached
        from ..richtext import Quotes

        terms = [str(self.get_single_term(name)) for name in
                 ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")]
        defaults = Quotes()
        self._quotes = Quotes(*(term or default for term, default in
                                zip(terms, (defaults.open, defaults.close, defaults.open_inner,
                                            defaults.close_inner))))
        return self._quotes


class StyleError(ValueError):
    """The XML is well-formed but is not a CSL style citefmt can render."""


class LoadedStyle:
    """A parsed style with its locale: what citeproc-py's ``CitationStylesBibliography`` expects."""

    def __init__(self, xml: bytes, *, name: str | None = None, locale: str | None = None):
        self.root = parse_csl_xml(xml, name, lookup=_lookup())
        if not isinstance(self.root, model.Style):
            qname = etree.QName(self.root)
            if qname.localname == "style" and qname.namespace != CSL_NS:
                raise StyleError(f'the style is not in the CSL namespace (xmlns="{CSL_NS}")')
            raise StyleError(f"the root element is <{qname.localname}>, not a CSL <style>")
        if self.root.citation is None:
            raise StyleError("the style has no <citation> element")
        for area in (self.root.citation, self.root.bibliography):
            if area is not None and area.layout is None:
                raise StyleError(f"the style's <{etree.QName(area).localname}> has no <layout>")
        if locale is not None and locale not in LANGUAGE_NAMES and locale.split("-")[0] not in PRIMARY_DIALECTS:
            raise LookupError(f"unknown locale {locale!r}")  # asked for: never a silent fall-back
        self.locale = locale or self.root.get("default-locale") or "en-US"
        self.root.set_locale_list(self.locale)
        # Keep every element's Python object alive (what the fixes cache on them stays).
        self._pinned = list(self.root.iter())

    def has_bibliography(self) -> bool:
        return self.root.bibliography is not None

    def render_citation(self, citation, cites, callback=None):
        return self.root.citation.render(citation, cites, callback)

    def sort_bibliography(self, citation_items):
        return self.root.bibliography.sort(citation_items)

    def render_bibliography(self, citation_items):
        return self.root.bibliography.render(citation_items)
