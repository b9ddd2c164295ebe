"""One rendering for every output format: formatting written as markers, not as tags.

citeproc-py renders an entry once per output format, each time with a different
formatter module (``citeproc.formatter.plain``, ``.html``). citefmt renders once, with
this formatter, which wraps text in the marker pairs of :mod:`citefmt.engine.richtext`;
the marked string is then written out as text and as HTML. Restores: formatting in
the data and in the style nest and combine as CSL says (an italic title inside an
italic container is flipped to roman), and HTML escaping is applied to data only,
never to the markup.
"""

from __future__ import annotations

from ..richtext import wrap


def preformat(text):
    """Terms, affixes and data reach the marked string as they are (escaped when written)."""
    return text


def _wrapper(name: str):
    def apply(text):
        text = str(text)
        return wrap(name, text) if text else text

    apply.__name__ = name
    return apply


Italic = _wrapper("italic")
Oblique = _wrapper("oblique")
Bold = _wrapper("bold")
Light = _wrapper("light")
Underline = _wrapper("underline")
Superscript = _wrapper("sup")
Subscript = _wrapper("sub")
SmallCaps = _wrapper("smallcaps")
