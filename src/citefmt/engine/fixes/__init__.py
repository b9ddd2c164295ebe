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

========================  ===============================================================
module                    what it restores
========================  ===============================================================
:mod:`.source`            every CSL 1.0.2 variable; dates as date-parts, raw, literal, EDTF
:mod:`.formatter`         one rendering for text and HTML (formatting as markers)
:mod:`.style`             the element classes, locales loaded with them, per-item locales
========================  ===============================================================
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
    from . import dates, groups, layout, names, sorting, style, text  # noqa: F401  (each module registers its classes on import)
