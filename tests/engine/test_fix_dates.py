"""``cs:date`` and ``cs:date-part`` (:mod:`citefmt.engine.fixes.dates`): localized and custom dates, ranges, seasons."""

from enginetools import book, entries, htmls, style, texts, year

TEXT_DATE = '<layout><date variable="issued" form="text"/></layout>'
YEAR_ONLY = '<layout><date variable="issued"><date-part name="year"/></date></layout>'


def _issued(csl: bytes, *dates) -> list[str]:
    return texts(csl, [book(str(n), issued=date) for n, date in enumerate(dates)])


def test_localized_date_uses_the_locale_date_delimiter():
    item = book(type="article-journal", title="T", container_title="J", issued=year(2020, 5, 17))
    text = texts("nlm-citation-sequence", [item])[0]
    assert text == "1. T. J. 2020 May 17."
    assert "2020May17" not in text  # citeproc-py joined the parts with the style's delimiter
    assert _issued(style(TEXT_DATE), year(2020, 5, 17)) == ["May 17, 2020"]
    assert _issued(style('<layout><date variable="issued" form="numeric"/></layout>', locale="de-DE"),
                   year(2020, 5, 17)) == ["17.05.2020"]
    assert _issued(style(TEXT_DATE, locale="ru-RU"), year(2020, 5, 17)) == ["17 май 2020 г."]


def test_date_part_of_a_localized_date_overrides_only_formatting_and_never_leaks_into_the_locale():
    csl = style('<layout><date variable="issued" form="text"><date-part name="month" form="short" '
                'strip-periods="true" font-style="italic"/></date><text value="|"/>'
                '<date variable="accessed" form="text"/></layout>')
    item = book(issued=year(2020, 8, 17), accessed=year(2021, 9, 3))
    # The next localized date (accessed) keeps the locale's long month, upright.
    assert htmls(csl, [item]) == ['<div class="csl-entry"><i>Aug</i> 17, 2020|September 3, 2021</div>']
    cased = style('<layout><date variable="issued" form="text" prefix="(" suffix=")">'
                  '<date-part name="month" text-case="uppercase"/></date><text value="|"/>'
                  '<date variable="accessed" form="text"/></layout>')
    assert texts(cased, [item]) == ["(AUGUST 17, 2020)|September 3, 2021"]


def test_date_parts_limits_the_parts_shown_and_a_missing_part_drops_with_its_affixes():
    for parts, expected in [("year", "2020"), ("year-month", "May 2020"), ("year-month-day", "May 17, 2020")]:
        csl = style(f'<layout><date variable="issued" form="text" date-parts="{parts}"/></layout>')
        assert _issued(csl, year(2020, 5, 17)) == [expected]
    custom = style('<layout><date variable="issued"><date-part name="year"/>'
                   '<date-part name="month" prefix="(" suffix=")"/><date-part name="day" prefix="/"/></date></layout>')
    assert _issued(custom, year(2020)) == ["2020"]
    assert _issued(style(TEXT_DATE), year(2020)) == ["2020"]


def test_date_range_prints_shared_parts_once_with_the_range_delimiter_of_the_largest_differing_part():
    def span(start, end):
        return {"date-parts": [start, end]}

    assert _issued(style(TEXT_DATE), span([2020, 5, 3], [2020, 6, 5]), span([2019], [2020]),
                   span([2020, 5, 3], [2020, 5, 9]), span([2019, 12, 30], [2020, 1, 2]),
                   span([2020, 5], [2020, 7])) == [
        "May 3–June 5, 2020", "2019–2020", "May 3–9, 2020", "December 30, 2019–January 2, 2020", "May–July 2020"]
    custom = style('<layout><date variable="issued"><date-part name="month" suffix=" "/>'
                   '<date-part name="day" suffix=", " range-delimiter="-"/>'
                   '<date-part name="year" range-delimiter="/"/></date></layout>')
    assert _issued(custom, span([2020, 5, 3], [2020, 5, 9]), span([2019, 5, 3], [2020, 5, 9])) == [
        "May 3-9, 2020", "May 3, 2019/May 9, 2020"]


def test_season_prints_its_term_where_the_month_would_be():
    assert _issued(style(TEXT_DATE), {"date-parts": [[2020]], "season": 1}, {"date-parts": [[2020, 14]]}) == [
        "Spring 2020", "Summer 2020"]
    custom = style('<layout><date variable="issued"><date-part name="month" suffix=" "/>'
                   '<date-part name="year"/></date></layout>')
    assert _issued(custom, {"date-parts": [[2020, 23]]}) == ["Autumn 2020"]


def test_negative_years_print_with_bc_and_early_years_with_ad():
    assert _issued(style(YEAR_ONLY), year(-44), year(-1000), year(79), year(499), year(1000)) == [
        "44 BC", "1000 BC", "79 AD", "499 AD", "1000"]
    assert _issued(style(TEXT_DATE), year(100)) == ["100 AD"]


def test_day_ordinals_respect_limit_day_ordinals_to_day_1():
    layout = ('<layout><date variable="issued"><date-part name="day" form="ordinal" suffix=" "/>'
              '<date-part name="month" suffix=" "/><date-part name="year"/></date><text value="|"/>'
              '<date variable="accessed"><date-part name="day" form="ordinal" suffix=" "/>'
              '<date-part name="month"/></date></layout>')
    item = book(issued=year(2020, 5, 1), accessed=year(2020, 5, 2))
    expected = {("en-US", "true"): "1st May 2020|2 May", ("en-US", "false"): "1st May 2020|2nd May",
                ("fr-FR", "true"): "1ᵉʳ mai 2020|2 mai", ("fr-FR", "false"): "1ᵉʳ mai 2020|2ᵉ mai"}
    for (locale, limit), text in expected.items():
        csl = style(layout, locale=locale,
                    before=f'<locale><style-options limit-day-ordinals-to-day-1="{limit}"/></locale>')
        assert texts(csl, [item]) == [text], (locale, limit)


def test_literal_date_prints_as_it_is():
    assert _issued(style(TEXT_DATE), {"literal": "Spring, ca. 1850"}) == ["Spring, ca. 1850"]


def test_ad_is_printed_for_years_below_500_only():
    items = [{"id": t, "type": "book", "title": t, "issued": {"date-parts": [[y]]}}
             for t, y in (("A", 800), ("B", 499), ("C", 999))]
    assert [e.text for e in entries("chicago-author-date", items)] == ["A. 800.", "B. 499 AD.", "C. 999."]


def test_date_part_affixes_in_a_localized_date_replace_the_locales_as_citeproc_js_does():
    csl = style(citation='<layout><date variable="issued" form="text"><date-part name="month" form="short" '
                         'prefix="[" suffix="]"/></date></layout>')
    from citefmt.engine import CiteItem
    from citefmt.engine.processor import CitefmtProcessor

    item = book("a", issued={"date-parts": [[2020, 8, 17]]})
    (cluster,) = CitefmtProcessor(csl).citations([item], [[CiteItem("a")]]).clusters
    assert cluster.text == "[Aug.]17, 2020"
