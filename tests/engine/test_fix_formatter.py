"""One rendering for text and HTML (:mod:`citefmt.engine.fixes.formatter`): formatting as markers."""

from enginetools import book, htmls, style, texts


def test_italics_in_the_data_inside_italics_of_the_style_flip_to_roman():
    csl = style('<layout><text variable="container-title" font-style="italic"/></layout>')
    items = [book(type="chapter", container_title="Studies of <i>Homo sapiens</i> & <b>x</b>")]
    assert htmls(csl, items) == ['<div class="csl-entry"><i>Studies of <span style="font-style:normal;">'
                                 'Homo sapiens</span> &#38; <b>x</b></i></div>']
    assert texts(csl, items) == ["Studies of Homo sapiens & x"]


def test_html_escaping_applies_to_data_only_never_to_the_markup():
    items = [book(title='Fish & <chips> <i>x</i> "q"')]
    assert htmls(style('<layout><text variable="title"/></layout>'), items) == [
        '<div class="csl-entry">Fish &#38; &#60;chips&#62; <i>x</i> “q”</div>']
    affixed = style('<layout><text variable="title" prefix="&lt;" suffix="&amp;"/></layout>')
    assert htmls(affixed, [book(title="a<b")]) == ['<div class="csl-entry">&#60;a&#60;b&#38;</div>']
