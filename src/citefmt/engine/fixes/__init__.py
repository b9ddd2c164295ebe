"""citefmt's fixes to citeproc-py: the one place where its behaviour is changed.

citeproc-py parses a CSL style into one Python object per XML element (``Text``,
``Names``, ``Date`` …, in :mod:`citeproc.model`) and renders an entry by asking each
element for its text. citefmt keeps that design and citeproc-py's code, and loads
styles with its *own subclasses* of those element classes, which override exactly
the methods whose output differs from the CSL specification and from citeproc-js,
the reference processor. citeproc-py itself is never modified (no monkey-patching):
plain citeproc-py stays available beside citefmt, as the baseline the benchmarks and
the conformance report compare against (:mod:`citefmt.engine.citeproc_py`).

Each module holds the fixes of one part of CSL; every fix names, in its docstring,
the CSL behaviour it restores, and ``tests/engine/`` has a test named after it.

==================  =====================================================================
module              what it restores
==================  =====================================================================
``source``          every CSL 1.0.2 variable; dates as date-parts, raw, literal, EDTF; rich
                    text in fields; particles parsed from names; exact ids; note fields
``formatter``       one rendering for text and HTML (formatting as markers)
``style``           the element classes, locales loaded with them, per-item locales,
                    unknown locales refused
``common``          term form fall-backs; the CSL order of case, fonts, quotes, affixes
``textcase``        text-case on formatted text; title case for English items
``text``            cs:text, cs:number, cs:label: every variable, ordinals, plurals
``pages``           page-range formats and range delimiters
``names``           cs:names and cs:name: order, particles, initials, et-al, substitution,
                    subsequent-author-substitute
``dates``           localized and custom dates, ranges, seasons, implicit year suffixes
``groups``          group suppression, macros as implicit groups, conditions
``layout``          second-field-align, entries one at a time
``citations``       cite order, positions, narrative citations, collapsing
``disambiguation``  added names, given names, year suffixes, ``disambiguate``
``sorting``         collation and sort keys
``finish``          punctuation in quotes, merged punctuation
``typography``      typographic apostrophes and quotes, French spacing
==================  =====================================================================
"""

from __future__ import annotations

from lxml import etree

from citeproc import model

from ..xml import CSL_NS

#: tag -> citefmt's class for that element; filled by :func:`register`.
ELEMENT_CLASSES: dict[str, type] = {}


def register(cls: type) -> type:
    """Class decorator: use ``cls`` for its element (named as citeproc-py names it: ``Else_If``)."""
    ELEMENT_CLASSES[cls.__name__.replace("_", "-").lower()] = cls
    return cls


def element_lookup() -> etree.ElementNamespaceClassLookup:
    """An lxml class lookup that builds CSL elements from citefmt's fixed classes."""
    _load_fix_modules()
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = model.CitationStylesElement
    for cls in model.CitationStylesElement.__subclasses__():
        tag = cls.__name__.replace("_", "-").lower()
        namespace[tag] = ELEMENT_CLASSES.get(tag, cls)
    return lookup


def _load_fix_modules() -> None:
    # Each module registers its classes on import.
    from . import dates, groups, layout, names, sorting, style, text  # noqa: F401
