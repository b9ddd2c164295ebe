"""``cs:layout``: bibliography entries, with second-field-align.

Restores, against citeproc-py:

* ``second-field-align``: the first rendered element of an entry (the number of a
  numbered list) is the entry's left-margin field, the rest its right-inline part,
  printed ``1. Smith JA`` in text (citeproc-py ran them together: ``1.Smith JA``) and as
  ``csl-left-margin``/``csl-right-inline`` blocks in HTML, as citeproc-js does;
* an entry is rendered one at a time, so an entry that renders nothing cannot shift
  the entries after it onto the wrong ids;
* ``subsequent-author-substitute`` with its four rules (``complete-all``, ``complete-each``,
  ``partial-each``, ``partial-first``): an entry whose first names repeat the previous
  entry's prints the substitute (``———``) instead (see ``Names._substitute_author``).
"""

from __future__ import annotations

from citeproc import model
from citeproc.source import VariableError

from ..richtext import wrap
from . import register
from .citations import capitalize_leading_term


def givens_added(layout) -> bool:
    """Whether the style's citation adds given names to tell cites apart (kept per layout)."""
    added = layout.__dict__.get("_givens_added")
    if added is None:
        citation = layout.get_root().citation
        added = layout.__dict__["_givens_added"] = citation is not None and \
            citation.get("disambiguate-add-givenname", "false") == "true"
    return added


@register
class Layout(model.Layout):
    def render_citation(self, citation, callback):
        """One citation cluster (see :mod:`.citations`)."""
        from .citations import render_citation

        return render_citation(self, citation, callback)

    def get_layout(self):
        return self

    def render_entry(self, cite, bibliography=None):
        """One bibliography entry as a marked string, or None if it renders nothing."""
        self.repressed = {}
        states = getattr(bibliography, "disamb_states", None) or {}
        state = states.get(cite.key)
        if state is not None:
            dict.__setitem__(cite, "year_suffix", state.year_suffix)
        # As in citeproc-js, an entry shows the given names its cites expanded and, where
        # the citation adds given names too, at least the names they added.
        givens = state.givens if state is not None else {}
        names = state.names if state is not None and givens_added(self) else None
        dict.__setitem__(cite, "disamb_givens", givens)
        dict.__setitem__(cite, "disamb_names", names)
        dict.__setitem__(cite, "_suffix_used", False)
        dict.__setitem__(cite, "_names_depth", 0)
        dict.__setitem__(cite, "_author_done", True)
        bib = self.getparent()
        substitute = bib.get("subsequent-author-substitute")
        if substitute is not None:
            sas = {"pending": True, "previous": getattr(bibliography, "previous_names", None), "current": None,
                   "value": substitute, "rule": bib.get("subsequent-author-substitute-rule", "complete-all")}
            dict.__setitem__(cite, "_sas", sas)
        dict.__setitem__(cite, "_terms", [])  # the terms it prints, in order
        try:
            text = self._render_entry(cite, bib)
            terms = cite["_terms"]
            # citeproc-js capitalizes a term that opens an entry ("Anon.", "In").
            return capitalize_leading_term(text, terms) if text and terms else text
        finally:
            dict.pop(cite, "_terms", None)
            sas = dict.pop(cite, "_sas", None)
            if sas is not None and bibliography is not None:
                bibliography.previous_names = sas["current"]

    def _render_entry(self, cite, bib):
        if bib.get("second-field-align") in ("flush", "margin"):
            margin, rest = None, []
            for child in self.iterchildren():
                try:
                    text = child.render(cite)
                except VariableError:
                    continue
                if text is None or str(text) == "":
                    continue
                if margin is None:
                    margin = str(text)
                else:
                    rest.append(text)
            if margin is None:
                return None
            body = self.format(self.wrap(model.join(rest))) if rest else ""
            return wrap("left-margin", margin) + wrap("right-inline", str(body or ""))
        text = self.format(self.wrap(self.render_children(cite)))
        return None if text is None else str(text)
