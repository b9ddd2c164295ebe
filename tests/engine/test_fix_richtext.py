"""Marked strings (:mod:`citefmt.engine.richtext`): one rendering written out as text and as HTML."""

from enginetools import book, entries, name, style


def test_one_rendering_is_written_out_as_text_and_as_html():
    csl = style('<layout><group delimiter=". "><names variable="author"><name font-variant="small-caps"/></names>'
                '<text variable="title" font-style="italic"/><text variable="container-title" font-weight="bold" '
                'quotes="true"/></group></layout>')
    (entry,) = entries(csl, [book(author=[name("Smith", "Jo")], title="A & B", container_title="C <sub>2</sub>")])
    assert entry.text == "Jo Smith. A & B. “C 2”"
    assert entry.html == ('<div class="csl-entry"><span style="font-variant:small-caps;">Jo Smith</span>. '
                          '<i>A &#38; B</i>. “<b>C <sub>2</sub></b>”</div>')

