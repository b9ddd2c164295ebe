"""Page ranges (:mod:`citefmt.engine.fixes.pages`): ``page-range-format`` and range delimiters."""

from citefmt.engine import CiteItem

from enginetools import book, cite_texts, style, texts

PAGES = ["321-328", "42-45", "321-28", "101-108", "1496-1504", "2787-2816", "107-108", "100-104", "1100-1123",
         "95-102", "110-112", "e123-e129", "S12-S19", "x-xv"]


def _pages(fmt: str, pages=PAGES, locale: str = "en-US") -> list[str]:
    attrs = f'page-range-format="{fmt}"' if fmt else ""
    csl = style('<layout><text variable="page"/></layout>', attrs=attrs, locale=locale)
    return texts(csl, [book(str(n), page=page) for n, page in enumerate(pages)])


def test_page_range_format_follows_the_csl_rules_of_each_format():
    assert _pages("expanded") == ["321–328", "42–45", "321–328", "101–108", "1496–1504", "2787–2816", "107–108",
                                  "100–104", "1100–1123", "95–102", "110–112", "e123–e129", "S12–S19", "x–xv"]
    assert _pages("minimal") == ["321–8", "42–5", "321–8", "101–8", "1496–504", "2787–816", "107–8",
                                 "100–4", "1100–23", "95–102", "110–2", "e123–9", "S12–9", "x–xv"]
    assert _pages("minimal-two") == ["321–28", "42–45", "321–28", "101–08", "1496–504", "2787–816", "107–08",
                                     "100–04", "1100–23", "95–102", "110–12", "e123–29", "S12–19", "x–xv"]
    chicago = ["321–28", "42–45", "321–28", "101–8", "1496–1504", "2787–2816", "107–8",
               "100–104", "1100–1123", "95–102", "110–12", "e123–29", "S12–19", "x–xv"]
    assert _pages("chicago") == chicago
    assert _pages("chicago-15") == chicago
    assert _pages("chicago-16") == ["321–28", "42–45", "321–28", "101–8", "1496–504", "2787–816", "107–8",
                                    "100–104", "1100–1123", "95–102", "110–12", "e123–29", "S12–19", "x–xv"]


def test_page_range_abbreviated_in_the_data_is_expanded_first():
    assert _pages("expanded", ["123-9", "101-9", "42-5"]) == ["123–129", "101–109", "42–45"]
    assert _pages("minimal-two", ["123-9"]) == ["123–29"]


def test_page_range_minimal_never_drops_digits():
    assert _pages("minimal", ["1-10", "123-9"]) == ["1–10", "123–9"]  # never "1–0"


def test_range_delimiter_is_the_locales_page_range_delimiter_term():
    # uk-UA's page-range-delimiter is an em dash; other locales' an en dash.
    assert _pages("expanded", ["123-9"], locale="uk-UA") == ["123—129"]
    assert _pages("", ["123-9"], locale="uk-UA") == ["123—9"]
    assert _pages("", ["123-9"], locale="ru-RU") == ["123–9"]
    locator = style(citation='<layout><text variable="locator"/></layout>', locale="uk-UA")
    assert cite_texts(locator, [book()], [[CiteItem("a", locator="10-12")]]) == ["10—12"]


def test_ranges_in_a_list_are_each_formatted_and_their_separators_kept():
    assert _pages("minimal", ["1-3, 5-7", "10-12 & 15"]) == ["1–3, 5–7", "10–2 & 15"]
    assert _pages("", ["1-3, 5-7", "10-12 & 15"]) == ["1–3, 5–7", "10–12 & 15"]


def test_range_ends_with_different_prefixes_or_words_keep_a_plain_hyphen():
    # CSL 1.0.2 "Range Delimiters": only numbers with the same prefix (or none) are a page
    # range. citeproc-js prints other ends with a bare hyphen (page_Expand, page_Minimal);
    # numbers and roman numerals still take the delimiter. Strings from citeproc-js 2.4.63.
    pages = ["N110 - 5", "110 - N6", "N110 - P5", "123N110 - N5", "12 - S19", "A–B", "10 – N", "iv-xii", "xii - 5",
             "2a-2c", "S1—S5", "8n11564 - 8n1568"]
    assert _pages("", pages) == ["N110-5", "110-N6", "N110-P5", "123N110-N5", "12-S19", "A-B", "10-N", "iv–xii",
                                 "xii–5", "2a–2c", "S1—S5", "8n11564–8n1568"]
    assert _pages("chicago", pages)[-1] == "8n11564–68"  # a prefix of digits and letters is a prefix too


def test_an_escaped_hyphen_is_no_range_and_takes_the_singular_label():
    # citeproc-js reads "\-" in a number as a hyphen that is not a range (label_CollapsedPage-
    # NumberPluralDetection, number_PlainHyphenOrEnDashAlwaysPlural): printed as "-", one number.
    csl = style(citation='<layout><label variable="locator" form="short" suffix=" "/><text variable="locator"/>'
                         '<text variable="page" prefix="; "/><text variable="volume" prefix="; "/></layout>',
                attrs='page-range-format="minimal"')
    cites = [[CiteItem("a", locator="327\\-30")], [CiteItem("a", locator="327-30")]]
    assert cite_texts(csl, [book(page="3\\-B", volume="4\\-5")], cites) == ["p. 327-30; 3-B; 4-5",
                                                                            "pp. 327–30; 3-B; 4-5"]

