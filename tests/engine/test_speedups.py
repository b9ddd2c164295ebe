"""The engine's speed-ups print exactly what rendering without them prints.

Each speed-up that can be switched off is switched off here (the render shortcuts of
plain groups, plain macro calls and item variables, the kept renderings of
disambiguation's earlier states)
and the test corpus is rendered both ways, entries and citation clusters, text and
HTML, in the three bundled styles. Rendering on several processes is compared with one
process in ``test_parallel.py``; the quick JSON depth check with the full walk in
``tests/test_inputs.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citefmt.engine import CiteItem
from citefmt.engine.fixes import ELEMENT_CLASSES, common, disambiguation
from citefmt.engine.processor import CitefmtProcessor
from citefmt.styles import resolve_style

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ITEMS = json.loads((CORPUS / "references.json").read_text("utf-8"))
CLUSTERS = [[CiteItem(c["id"], c.get("locator"), c.get("label"), c.get("prefix"), c.get("suffix"),
                      bool(c.get("suppress-author")), bool(c.get("author-only"))) for c in cluster]
            for cluster in json.loads((CORPUS / "citations.json").read_text("utf-8"))]
STYLES = ["apa", "nlm-citation-sequence", "gost-r-7-0-5-2008-numeric"]


def _render(style_id: str) -> tuple[list, list]:
    # A new processor each time: the shortcuts are chosen when an element first renders.
    processor = CitefmtProcessor.from_path(resolve_style(style_id).path)
    entries = [(e.id, e.text, e.html) for e in processor.bibliography(ITEMS).entries]
    clusters = [(c.ids, c.text, c.html) for c in processor.citations(ITEMS, CLUSTERS).clusters]
    return entries, clusters


@pytest.mark.parametrize("style_id", STYLES)
def test_render_shortcuts_print_what_render_prints(monkeypatch, style_id):
    fast = _render(style_id)
    shortcuts = []
    original = common.Fixed.child_renders

    def counted(self):
        renders = original(self)
        shortcuts.extend(r for r, _ in renders if getattr(r, "__self__", None) is None)  # not a bound render()
        return renders

    monkeypatch.setattr(common.Fixed, "child_renders", counted)
    assert _render(style_id) == fast
    assert {r.__name__ for r in shortcuts} >= {"render_plain_group", "render_plain_macro_call", "render_item_variable"}
    for cls in {common.Fixed, *ELEMENT_CLASSES.values()}:
        if "renderer" in vars(cls):
            monkeypatch.setattr(cls, "renderer", lambda self: self.render)
    shortcuts.clear()
    assert _render(style_id) == fast
    assert not shortcuts


def test_kept_earlier_renderings_change_no_disambiguation(monkeypatch):
    """Added names that separate none of the cites of a group (they go back to their own
    names and take year suffixes), beside a group that added names do separate: the same
    cites print when each state is rendered anew, and the kept renderings spare renders."""
    items = [{"id": f"i{n}", "type": "article-journal", "title": f"T{n}", "issued": {"date-parts": [[2020]]},
              "author": [{"family": first, "given": "Ji"}, {"family": second, "given": given},
                         {"family": "Kim", "given": "B"}]}
             for n, (first, second, given) in enumerate([("Lee", "Park", "Ann"), ("Lee", "Park", "Cy"),
                                                        ("Oh", "Choi", "A"), ("Oh", "Moon", "A")])]
    clusters = [[CiteItem(item["id"])] for item in items]
    renders = []
    render_now = disambiguation.Disambiguator._render_now
    monkeypatch.setattr(disambiguation.Disambiguator, "_render_now",
                        lambda self, key, state: renders.append(key) or render_now(self, key, state))

    def rendered():
        renders.clear()
        processor = CitefmtProcessor.from_path(resolve_style("apa").path)
        return [c.text for c in processor.citations(items, clusters).clusters], len(renders)

    kept, with_kept = rendered()
    monkeypatch.setattr(disambiguation.Disambiguator, "_resolve", disambiguation.Disambiguator._resolve_steps)
    anew, without = rendered()
    assert anew == kept
    assert with_kept < without


@pytest.mark.parametrize("style_id", STYLES)
def test_renderers_worked_out_before_rendering_print_what_lazy_ones_print(style_id):
    """compile_renderers (run before rendering is shared out among processes) gives every
    element what it would work out on first use: the same entries and clusters."""
    from citefmt.engine.fixes.groups import Group, compile_renderers

    lazy = _render(style_id)
    processor = CitefmtProcessor.from_path(resolve_style(style_id).path)
    compile_renderers(processor.style.root)
    groups = [e for e in processor.style.root.iter() if isinstance(e, Group)]
    assert groups and all(group._renders is not None for group in groups)
    entries = [(e.id, e.text, e.html) for e in processor.bibliography(ITEMS).entries]
    clusters = [(c.ids, c.text, c.html) for c in processor.citations(ITEMS, CLUSTERS).clusters]
    assert (entries, clusters) == lazy


def test_romanesque_short_path_agrees_with_the_character_names():
    """CSL 1.0.2 "Name-part order": names in scripts such as Chinese, Japanese and Korean
    print family then given with no space. Text wholly below U+1100 skips the per-character
    Unicode-name test; every letter the short path passes must agree with that test."""
    import sys
    import unicodedata

    from citefmt.engine.fixes.names import is_romanesque
    from citefmt.engine.richtext import wrap

    def by_names(text: str) -> bool:
        return not any(char.isalpha() and unicodedata.name(char, "").startswith(
            ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) for char in text)

    below = [chr(c) for c in range(0x1100 + 0x100) if chr(c).isalpha()]
    samples = below + ["\u30a2", "\u3042", "\uac00", "\u4e2d", chr(sys.maxunicode), "Smith", "Иванов", "毛泽东"]
    for text in samples:
        assert is_romanesque.__wrapped__(text) == by_names(text), repr(text)
    assert is_romanesque.__wrapped__(wrap("italic", "Smith")) is True
    assert is_romanesque.__wrapped__(wrap("italic", "毛")) is False


def test_an_uncited_cite_is_what_citeproc_py_builds():
    """Registering uncited items builds each cite and its citation directly; they hold
    what ``Citation([Cite(key)])`` gives them, registered in the bibliography."""
    from citeproc import Citation

    from citefmt.engine.fixes.source import Cite, uncited

    bibliography = object()
    cite = uncited("r7", bibliography)
    built = Cite("r7")
    expected = Citation([built])
    assert type(cite) is Cite and dict(cite).keys() == dict(built).keys() == {"key", "citation"}
    assert cite.key == "r7" and cite.citation.cites == [cite]
    assert type(cite.citation) is Citation and set(cite.citation) == set(expected) | {"bibliography"}
    assert cite.citation.bibliography is bibliography and cite.bibliography is bibliography


_TEXT_CASE_ALPHABET = ["a", "B", "é", "Я", "1", "-", " ", "\u00a0", "\u2003", "\t", ".", "'"]


def _text_case_alphabet():
    from citefmt.engine.richtext import MARKS

    return _TEXT_CASE_ALPHABET + [MARKS["nocase"].open, MARKS["nocase"].close,
                                  MARKS["italic"].open, MARKS["italic"].close]


def test_text_case_scans_agree_with_their_character_by_character_definitions():
    """CSL 1.0.2 "Text-case": words are runs between spaces, and markers and nocase text are
    left alone. The scans take short paths (one regex for the words; no per-character walk
    for text without markers); they must agree with the definitions character by character."""
    from hypothesis import given, strategies as st

    from citefmt.engine.fixes import textcase
    from citefmt.engine.richtext import MARKS

    def protected(text):
        # A marker after the text sends the scan the whole way; the text's own characters
        # are protected as they are without it.
        return textcase._protected(text + MARKS["italic"].open)[:len(text)]

    def words(text):
        spans, start = [], None
        for index, char in enumerate(text):
            if char.isspace() or char == "\u00a0":
                if start is not None:
                    spans.append((start, index))
                    start = None
            elif start is None:
                start = index
        return spans + ([(start, len(text))] if start is not None else [])

    @given(st.lists(st.sampled_from(_text_case_alphabet()), max_size=30).map("".join))
    def check(text):
        shield = protected(text)
        assert textcase._protected(text) == shield
        assert textcase._words(text) == words(text)
        for start, end in words(text):
            assert textcase._letters(text, start, end, shield) == \
                "".join(c for c, p in zip(text[start:end], shield[start:end]) if not p)

    check()


@pytest.mark.parametrize("locale, expected", [("en-US", True), ("en-GB", False), ("fr-FR", False)])
def test_kept_punctuation_in_quote_is_the_locale_option(locale, expected):
    style = CitefmtProcessor.from_path(resolve_style("apa").path, locale=locale).style.root
    assert style.punctuation_in_quote() is expected
    assert (str(style.get_locale_option("punctuation-in-quote")).lower() == "true") is expected
    assert style.punctuation_in_quote() is expected  # the kept answer


def test_disambiguation_keeps_one_description_per_person_and_shares_given_name_levels():
    """A long list repeats names: each printed person is described once, and the cites whose
    only expanded name is in the same place, to the same level, share one mapping of given-name
    levels (a group that changes them gets its own)."""
    items = [{"id": f"i{n}", "type": "book", "title": f"T{n}", "issued": {"date-parts": [[2000 + n]]},
              "author": [{"family": "Lee", "given": given}]}
             for n, given in enumerate(["Ji", "Ji", "Soo", "Soo"])]
    processor = CitefmtProcessor.from_path(resolve_style("apa").path)
    document = processor.document(items)
    document.register_uncited()
    disambiguator = disambiguation.Disambiguator(processor.style, document.bibliography)
    states = disambiguator.run(list(document.bibliography.keys))
    keys = list(document.bibliography.keys)
    whos = [disambiguator.render(key).names[0][2] for key in keys]
    assert whos[0] is whos[1] and whos[2] is whos[3] and whos[0] != whos[2]
    assert [states[key].givens for key in keys] == [{"author": {0: 1}}] * 4
    assert states[keys[0]].givens is states[keys[1]].givens


def test_given_name_expansion_renders_again_only_cites_printed_alike(monkeypatch):
    """A global given-name rule expands the Kims (two people) as well as the Lees, but only
    the Lees' cites print alike before it, so only they are rendered again to be grouped;
    the citations still show every expansion."""
    items = [{"id": key, "type": "book", "title": key, "issued": {"date-parts": [[issued]]},
              "author": [{"family": family, "given": given}]}
             for key, family, given, issued in [("lee1", "Lee", "Ji", 2019), ("lee2", "Lee", "Soo", 2019),
                                                ("kim1", "Kim", "Ann", 2020), ("kim2", "Kim", "Bo", 2021)]]
    renders = []
    render_now = disambiguation.Disambiguator._render_now
    monkeypatch.setattr(disambiguation.Disambiguator, "_render_now",
                        lambda self, key, state: renders.append((self.bibliography.source.ids[key], bool(state.givens)))
                        or render_now(self, key, state))
    processor = CitefmtProcessor.from_path(resolve_style("apa").path)
    texts = [c.text for c in processor.citations(items, [[CiteItem(item["id"])] for item in items]).clusters]
    assert texts == ["(J. Lee, 2019)", "(S. Lee, 2019)", "(A. Kim, 2020)", "(B. Kim, 2021)"]
    assert sorted(key for key, expanded in renders if expanded) == ["lee1", "lee2"]
