"""citefmt: exact citations from CSL-JSON in Vancouver (NLM), APA 7 and GOST R 7.0.5-2008.

The library renders references to a :class:`~citefmt.render.RenderResult`;
the ``citefmt`` command is a thin layer over it (see :mod:`citefmt.cli`).

>>> from citefmt import load_library, render_bibliography
>>> result = render_bibliography(load_library(), style="apa")   # doctest: +SKIP
"""

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "load_library",
    "render_bibliography",
    "render_article",
    "render_citations",
    "resolve_style",
]


def __getattr__(name):
    # Lazy re-exports keep `import citefmt` (and the CLI's start-up) cheap.
    if name == "load_library":
        from .inputs import load_library
        return load_library
    if name in ("render_bibliography", "render_article", "render_citations"):
        from . import render
        return getattr(render, name)
    if name == "resolve_style":
        from .styles import resolve_style
        return resolve_style
    raise AttributeError(f"module 'citefmt' has no attribute {name!r}")
