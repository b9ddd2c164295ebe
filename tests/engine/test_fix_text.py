"""``cs:text``, ``cs:number`` and ``cs:label`` (:mod:`citefmt.engine.fixes.text`)."""

from citefmt.engine import CiteItem

from enginetools import book, cite_texts, style, texts


def test_every_csl_variable_prints_with_short_forms_falling_back_and_short_title_aliases():
    csl = style('<layout><group delimiter="|"><text variable="dimensions"/><text variable="archive_location"/>'
                '<text variable="medium"/><text variable="references"/><text variable="original-publisher-place"/>'
                '<text variable="reviewed-title"/><text variable="publisher-place" form="short"/>'
                '<text variable="title" form="short"/><text variable="container-title" form="short"/></group></layout>')
    item = book(dimensions="20 cm", archive_location="Box 3", medium="CD", references="Ref",
                original_publisher_place="Paris", reviewed_title="RevT", publisher_place="Oslo",
                title="Long title: sub", shortTitle="Long", container_title="Journal of Things",
                journalAbbreviation="J Things")
    assert texts(csl, [item]) == ["20 cm|Box 3|CD|Ref|Paris|RevT|Oslo|Long|J Things"]
    short = style('<layout><group delimiter="|"><text variable="title" form="short"/>'
                  '<text variable="container-title" form="short"/></group></layout>')
    assert texts(short, [book(title="Long title: sub", container_title="Journal of Things")]) == [
        "Long title: sub|Journal of Things"]


def test_page_and_locator_ranges_follow_page_range_format_and_number_ranges_get_an_en_dash():
    csl = style('<layout><group delimiter="|"><text variable="page"/><text variable="volume"/>'
                '<number variable="volume"/><number variable="issue"/><text variable="number"/></group></layout>',
                attrs='page-range-format="expanded"')
    assert texts(csl, [book(page="123-9", volume="3-5", issue="2-4", number="7-9")]) == ["123–129|3–5|3–5|2–4|7–9"]
    locator = style(citation='<layout><text variable="locator"/></layout>', attrs='page-range-format="expanded"')
    assert cite_texts(locator, [book()], [[CiteItem("a", locator="123-9")],
                                          [CiteItem("a", locator="3-5", label="chapter")]]) == ["123–129", "3–5"]


def test_number_forms_ordinal_long_ordinal_and_roman_with_csl_ordinal_matching():
    csl = style('<layout><group delimiter="|"><number variable="edition" form="ordinal"/>'
                '<number variable="edition" form="long-ordinal"/><number variable="edition" form="roman"/>'
                '</group></layout>')
    values = ["1", "2", "3", "4", "11", "12", "13", "21", "22", "23", "101", "111", "112", "113", "2nd", "foo"]
    assert texts(csl, [book(v, edition=v) for v in values]) == [
        "1st|first|i", "2nd|second|ii", "3rd|third|iii", "4th|fourth|iv", "11th|11th|xi", "12th|12th|xii",
        "13th|13th|xiii", "21st|21st|xxi", "22nd|22nd|xxii", "23rd|23rd|xxiii", "101st|101st|ci",
        "111th|111th|cxi", "112th|112th|cxii", "113th|113th|cxiii", "2nd|2nd|2nd", "foo|foo|foo"]
    german = csl.replace(b'default-locale="en-US"', b'default-locale="de-DE"')
    assert texts(german, [book(v, edition=v) for v in ("1", "2", "11")]) == ["1.|erster|i", "2.|zweiter|ii", "11.|11.|xi"]
    # Gendered ordinals: "édition" is feminine in fr-FR.
    french = csl.replace(b'default-locale="en-US"', b'default-locale="fr-FR"')
    assert texts(french, [book(v, edition=v) for v in ("1", "2", "11")]) == [
        "1ʳᵉ|premier|i", "2ᵉ|deuxième|ii", "11ᵉ|11ᵉ|xi"]


def test_ordinal_suffix_follows_each_nouns_gender_within_one_entry():
    """CSL 1.0.2 "Gender-specific Ordinals": the same number takes the suffix of its
    noun's gender (fr-FR: "édition" feminine, "volume" masculine), in either order."""
    csl = style('<layout><group delimiter="|"><number variable="edition" form="ordinal"/>'
                '<number variable="volume" form="ordinal"/><number variable="edition" form="ordinal"/>'
                '</group></layout>').replace(b'default-locale="en-US"', b'default-locale="fr-FR"')
    assert texts(csl, [book("a", edition="1", volume="1"), book("b", edition="2", volume="1")]) == [
        "1ʳᵉ|1ᵉʳ|1ʳᵉ", "2ᵉ|1ᵉʳ|2ᵉ"]


def test_terms_print_their_plural_and_fall_back_by_form():
    csl = style('<layout><text value="x"/><group delimiter="|" prefix=" "><text term="editor" plural="true"/>'
                '<text term="page" form="short" plural="true"/><text term="editor" form="verb-short" plural="true"/>'
                '<text term="section" form="symbol" plural="true"/><text term="chapter" form="verb" plural="true"/>'
                '</group></layout>')
    assert texts(csl, [book()]) == ["x editors|pp.|ed. by|§§|chapters"]


def test_label_is_plural_for_a_range_a_list_or_a_count_above_one():
    csl = style('<layout><group delimiter="|"><group><label variable="page" form="short" suffix=" "/>'
                '<text variable="page"/></group><group><text variable="number-of-pages"/>'
                '<label variable="number-of-pages" form="short" prefix=" "/></group><group>'
                '<label variable="volume" form="short" suffix=" "/><text variable="volume"/></group></group></layout>')
    items = [book("a", page="5-7", number_of_pages="1", volume="2"),
             book("b", page="5", number_of_pages="300", volume="2, 4"),
             book("c", page="5, 9", volume="2 & 3"), book("d", page="5 & 9", volume="2-3")]
    assert texts(csl, items) == ["pp. 5–7|1 p.|vol. 2", "p. 5|300 pp.|vols. 2, 4", "pp. 5, 9|vols. 2 & 3",
                                 "pp. 5 & 9|vols. 2–3"]


def test_locator_label_prints_the_locator_labels_term():
    layout = '<layout><group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group></layout>'
    cites = [[CiteItem("a", locator="5")], [CiteItem("a", locator="5-7")], [CiteItem("a", locator="3", label="chapter")]]
    assert cite_texts(style(citation=layout), [book()], cites) == ["p. 5", "pp. 5–7", "chap. 3"]
    assert cite_texts(style(citation=layout, locale="ru-RU"), [book()], cites) == ["с. 5", "сс. 5–7", "гл. 3"]


def test_text_case_title_applies_only_to_english_items_judged_by_their_language():
    csl = style('<layout><text variable="title" text-case="title"/></layout>')
    title = "the war of the worlds"
    items = [book("a", title=title, language="en"), book("b", title=title, language="fr"), book("c", title=title),
             book("d", title=title, language="en-GB"), book("e", title=title, language="de-DE")]
    assert texts(csl, items) == ["The War of the Worlds", title, "The War of the Worlds", "The War of the Worlds", title]


def test_a_urls_short_form_is_its_host_or_the_address_up_to_its_last_dotted_part():
    """citeproc-js prints form="short" of URL (annual-reviews' web pages) as the host of a
    www. address and otherwise cuts the address after its last part holding a dot."""
    urls = {"https://www.cancer.gov/publications/17047": "www.cancer.gov", "www.site.com/page": "www.site.com",
            "https://doi.org/10.1/x": "https://doi.org/10.1", "http://example.org/a?b=1": "http://example.org",
            "https://a.com/b/c/d": "https://a.com", "http://WWW.A.com/x": "http://WWW.A.com",
            "https://sub.site.co.uk": "https://sub.site.co.uk", "http://localhost/x": "http://localhost/x"}
    csl = style('<layout><text variable="URL" form="short"/><text value=" | "/><text variable="URL"/></layout>')
    items = [book(f"u{n}", title="T", URL=url) for n, url in enumerate(urls)]
    assert texts(csl, items) == [f"{short} | {url}" for url, short in urls.items()]
