"""``text-case`` on marked strings (:mod:`citefmt.engine.fixes.textcase`), as CSL 1.0.2 defines it."""

from enginetools import book, htmls, style, texts

RICH = 'the <i>homo sapiens</i> of <span class="nocase">eBay and iPhone</span> in the wild'


def _cased(case: str, *titles: str) -> list[str]:
    csl = style(f'<layout><text variable="title" text-case="{case}"/></layout>')
    return texts(csl, [book(str(n), title=t, language="en") for n, t in enumerate(titles)])


def _cased_html(case: str, title: str) -> str:
    csl = style(f'<layout><text variable="title" text-case="{case}"/></layout>')
    return htmls(csl, [book(title=title, language="en")])[0]


def test_text_case_works_on_formatted_text_and_never_changes_nocase_text():
    assert _cased_html("title", RICH) == (
        '<div class="csl-entry">The <i>Homo Sapiens</i> of eBay and iPhone in the Wild</div>')
    assert _cased_html("uppercase", RICH) == (
        '<div class="csl-entry">THE <i>HOMO SAPIENS</i> OF eBay and iPhone IN THE WILD</div>')
    assert _cased_html("lowercase", RICH) == (
        '<div class="csl-entry">the <i>homo sapiens</i> of eBay and iPhone in the wild</div>')


def test_title_case_keeps_stop_words_lower_and_mixed_or_upper_case_words_as_they_are():
    assert _cased("title", "a tale of two cities: the end of the story", "roe v. wade and smith vs. jones",
                  "BMJ and eBay: the NASA of medicine", "a well-known self-organizing map",
                  "ON THE ORIGIN OF SPECIES", "what is it for") == [
        "A Tale of Two Cities: The End of the Story", "Roe v. Wade and Smith vs. Jones",
        "BMJ and eBay: The NASA of Medicine", "A Well-Known Self-Organizing Map",
        "ON THE ORIGIN OF SPECIES", "What Is It For"]


def test_capitalize_first_and_capitalize_all_change_only_the_first_letter_of_lowercase_words():
    titles = ("a tale of two cities: the end of the story", "BMJ and eBay: the NASA of medicine", "what is it for")
    assert _cased("capitalize-first", *titles) == [
        "A tale of two cities: the end of the story", "BMJ and eBay: the NASA of medicine", "What is it for"]
    assert _cased("capitalize-all", *titles) == [
        "A Tale Of Two Cities: The End Of The Story", "BMJ And eBay: The NASA Of Medicine", "What Is It For"]
    assert _cased_html("capitalize-all", RICH) == (
        '<div class="csl-entry">The <i>Homo Sapiens</i> Of eBay and iPhone In The Wild</div>')


def test_sentence_case_follows_the_csl_rules():
    assert _cased("sentence", "a tale of two cities: the end of the story", "roe v. wade and smith vs. jones",
                  "a well-known self-organizing map", "what is it for") == [
        "A tale of two cities: the end of the story", "Roe v. wade and smith vs. jones",
        "A well-known self-organizing map", "What is it for"]
    assert _cased_html("sentence", RICH) == (
        '<div class="csl-entry">The <i>homo sapiens</i> of eBay and iPhone in the wild</div>')


def test_lower_and_upper_case_use_the_full_unicode_case_mappings():
    csl = style('<layout><group delimiter="|"><text variable="title" text-case="uppercase"/>'
                '<text variable="title" text-case="lowercase"/><text variable="title" text-case="capitalize-all"/>'
                '</group></layout>')
    assert texts(csl, [book(title="Ёлки и Straße: история", language="ru")]) == [
        "ЁЛКИ И STRASSE: ИСТОРИЯ|ёлки и straße: история|Ёлки И Straße: История"]


def test_title_case_reads_words_as_citeproc_js_does():
    """CSL 1.0.2 "Title case conversion", as citeproc-js applies it (test suite:
    textcase_LastChar): its longer list of prepositions stays lower case ("after",
    "versus", "than"); a word of one letter is left as written unless it comes first or
    after a colon; the head of a hyphenated word is capitalized even if it is a stop word
    or one letter; the parts of a word with a full stop inside are words of their own."""
    # citeproc-js prints these for the same titles.
    assert _cased("title", "comparative expression after infection: a population-based analysis",
                  "life after death versus life before", "risk rather than benefit", "plan b",
                  "type a: a study", "an on-the-fly method", "a to-do list", "step a-b-c",
                  "the e.coli strain", "ClinicalTrials.gov", "e.g.", "the x/y axis") == [
        "Comparative Expression after Infection: A Population-Based Analysis",
        "Life after Death versus Life Before", "Risk Rather than Benefit", "Plan b",
        "Type a: A Study", "An On-the-Fly Method", "A To-Do List", "Step A-b-c",
        "The e.Coli Strain", "ClinicalTrials.Gov", "E.g.", "The x/y Axis"]
