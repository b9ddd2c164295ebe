"""``cs:layout`` of the bibliography (:mod:`citefmt.engine.fixes.layout`): second-field-align, one entry at a time."""

from enginetools import book, cite_texts, entries, name, style, texts, year

ARTICLE = book(type="article-journal", title="Test", author=[name("Smith", "John A")],
               container_title="J Test", issued=year(2020))


def test_second_field_align_puts_one_space_after_the_number():
    (nlm,) = entries("nlm-citation-sequence", [ARTICLE])
    assert nlm.text == "1. Smith JA. Test. J Test. 2020."  # citeproc-py: "1.Smith JA. ..."
    (gost,) = entries("gost-r-7-0-5-2008-numeric", [ARTICLE])
    assert gost.text == "1. Smith J. A. Test // J Test. 2020."


def test_second_field_align_writes_left_margin_and_right_inline_blocks_in_html():
    (nlm,) = entries("nlm-citation-sequence", [ARTICLE])
    assert nlm.html == ('<div class="csl-entry"><div class="csl-left-margin">1.</div>'
                        '<div class="csl-right-inline">Smith JA. Test. J Test. 2020.</div></div>')


def test_an_entry_that_renders_nothing_does_not_shift_the_entries_after_it():
    csl = style('<layout><text variable="note"/></layout>')
    rendered = entries(csl, [book("a"), book("b", note="B"), book("c", note="C")])
    assert [(entry.id, entry.text) for entry in rendered] == [("b", "B"), ("c", "C")]


def test_subsequent_author_substitute_follows_its_four_rules():
    people = {"a": [name("Smith", "J")], "b": [name("Smith", "J")], "c": [name("Smith", "J"), name("Doe", "K")],
              "d": [name("Smith", "J"), name("Doe", "K")], "e": [name("Smith", "J"), name("Roe", "L")],
              "f": [name("Young", "M")]}
    items = [book(key, title="T" + key, author=authors, issued=year(2000)) for key, authors in people.items()]
    layout = ('<layout><group delimiter=". "><names variable="author"><name and="text" delimiter=", "/></names>'
              '<text variable="title"/></group></layout>')

    def substituted(rule: str) -> list[str]:
        csl = style(layout, bibliography_attrs=f'subsequent-author-substitute="———" '
                                               f'subsequent-author-substitute-rule="{rule}"')
        return [entry.text for entry in entries(csl, items)]

    assert substituted("complete-all") == ["J Smith. Ta", "———. Tb", "J Smith and K Doe. Tc", "———. Td",
                                           "J Smith and L Roe. Te", "M Young. Tf"]
    assert substituted("complete-each") == ["J Smith. Ta", "———. Tb", "J Smith and K Doe. Tc", "——— and ———. Td",
                                            "J Smith and L Roe. Te", "M Young. Tf"]
    assert substituted("partial-each") == ["J Smith. Ta", "———. Tb", "——— and K Doe. Tc", "——— and ———. Td",
                                           "——— and L Roe. Te", "M Young. Tf"]
    assert substituted("partial-first") == ["J Smith. Ta", "———. Tb", "——— and K Doe. Tc", "——— and K Doe. Td",
                                            "——— and L Roe. Te", "M Young. Tf"]
    empty = style(layout, bibliography_attrs='subsequent-author-substitute=""')
    assert [entry.text for entry in entries(empty, items[:2])] == ["J Smith. Ta", "Tb"]


def test_a_term_that_opens_an_entry_is_capitalized():
    """citeproc-js capitalizes a term at the start of a bibliography entry ("Anon., X",
    "In X"), not one further on or in an in-text citation."""
    items = [book("a", title="T", DOI="X")]
    layouts = {'<group delimiter=", "><text term="anonymous" form="short"/><text variable="DOI"/></group>': "Anon., X",
               '<text term="in"/><text variable="DOI" prefix=" "/>': "In X",
               '<text variable="DOI" suffix=" "/><text term="in"/>': "X in"}
    for layout, expected in layouts.items():
        assert texts(style(f"<layout>{layout}</layout>"), items) == [expected]
    cite = style(citation='<layout><text term="in"/><text variable="DOI" prefix=" "/></layout>')
    assert cite_texts(cite, items, [["a"]]) == ["in X"]
