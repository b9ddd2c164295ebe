"""Straight quotes and apostrophes in data (:mod:`citefmt.engine.fixes.typography`), as citeproc-js prints them."""

from enginetools import book, style, texts

QUOTED = style('<layout><group delimiter=". "><text variable="title"/><text variable="container-title" quotes="true"/>'
               '</group></layout>')


def test_apostrophe_inside_or_at_the_end_of_a_word_is_typographic():
    csl = style('<layout><text variable="title"/></layout>')
    assert texts(csl, [book(title="Don't stop O'Neill's 90's")]) == ["Don’t stop O’Neill’s 90’s"]


def test_space_before_high_punctuation_and_inside_guillemets_is_a_narrow_no_break_space():
    csl = style('<layout><group delimiter=". "><text variable="title"/><text variable="container-title"/></group>'
                '</layout>', locale="fr-FR")
    item = book(title="Titre : sous-titre ; et ! quoi ? « oui »", container_title="Pourquoi?")
    assert texts(csl, [item]) == ["Titre\u202f: sous-titre\u202f; et\u202f! quoi\u202f? «\u202foui\u202f». Pourquoi?"]


def test_straight_quotes_in_data_print_as_the_locales_quotation_marks_by_nesting():
    items = [book("a", type="article", title="the 'so-called' end",
                  container_title="the \"so-called\" and 'single' rock 'n' roll"),
             book("b", type="article", title='A "quoted "inner" phrase" here', container_title="Ok")]
    assert texts(QUOTED, items) == [
        "the “so-called” end. “the ‘so-called’ and ‘single’ rock ‘n’ roll”",
        "A “quoted ‘inner’ phrase” here. “Ok”"]
    assert texts(QUOTED.replace(b'"en-US"', b'"de-DE"'), items[1:]) == ["A „quoted ‚inner‘ phrase“ here. „Ok“"]
    assert texts(QUOTED.replace(b'"en-US"', b'"fr-FR"'), items[1:]) == [
        "A «\u00a0quoted “inner” phrase\u00a0» here. «\u00a0Ok\u00a0»"]
