"""What every fixed element shares (:mod:`citefmt.engine.fixes.common`): term fall-backs, per-item locales, rendering order."""

from enginetools import book, htmls, name, style, texts, year


def _term(term: str, form: str, locale: str = "en-US") -> str:
    # A value first: citeproc-js capitalizes a term that opens a bibliography entry.
    csl = style(f'<layout><text value="x"/><text term="{term}" form="{form}" prefix=" "/></layout>', locale=locale)
    return texts(csl, [book()])[0]


def test_a_term_missing_in_the_form_asked_for_falls_back_to_the_next_form():
    # citeproc-py printed nothing for a form the locale lacks.
    assert _term("in", "verb-short") == "x in"          # verb-short -> verb -> long
    assert _term("editor", "verb-short") == "x ed. by"
    assert _term("accessed", "verb") == "x accessed"    # verb -> long
    assert _term("page", "symbol") == "x p."            # symbol -> short
    assert _term("volume", "symbol") == "x vol."
    assert _term("accessed", "verb", "de-DE") == "x zugegriffen"
    assert _term("issue", "verb-short", "de-DE") == "x Nummer"


def test_the_terms_and_options_of_an_items_own_locale_are_used_with_per_item_language():
    csl = style('<layout><group delimiter=", "><names variable="author"><name et-al-min="2" et-al-use-first="1"/>'
                '</names><text term="page" form="short"/><date variable="issued" form="text"/><text term="and"/>'
                "</group></layout>")
    items = [book("r", language="ru", author=[name("Иванов", "И."), name("Петров", "П.")], issued=year(2020, 5, 3)),
             book("d", language="de", author=[name("Müller", "H."), name("Schmidt", "K.")], issued=year(2020, 5, 3)),
             book("e", language="en", author=[name("Smith", "J."), name("Brown", "K.")], issued=year(2020, 5, 3))]
    # citeproc-js with each item's locale forced (ru-RU, de-DE, en-US).
    assert texts(csl, items, per_item_language=True) == [
        "И. Иванов и др., с., 3 май 2020 г., и",
        "H. Müller u.\u00a0a., S., 3. Mai 2020, und",
        "J. Smith et al., p., May 3, 2020, and"]
    assert texts(csl, items)[0] == "И. Иванов et al., p., May 3, 2020, and"


def test_case_strip_periods_formatting_quotes_affixes_and_display_apply_in_csl_order():
    csl = style('<layout><text variable="title" text-case="uppercase" strip-periods="true" quotes="true" '
                'font-style="italic" prefix="in. " suffix=" x."/></layout>')
    items = [book(title="The a.b. title", language="en")]
    # Affixes are neither cased nor stripped; quotes sit outside the italics.
    assert texts(csl, items) == ["in. “THE AB TITLE” x."]
    assert htmls(csl, items) == ['<div class="csl-entry">in. “<i>THE AB TITLE</i>” x.</div>']
    block = style('<layout><text variable="title" display="block" font-weight="bold" prefix="[" suffix="]"/>'
                  '<text value="x"/></layout>')
    assert htmls(block, items) == [
        '<div class="csl-entry"><div class="csl-block">[<b>The a.b. title</b>]</div>x</div>']
