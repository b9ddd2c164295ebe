"""CSL-JSON items as references (:mod:`citefmt.engine.fixes.source`): every variable, dates in every form, ids."""

from enginetools import book, cite_texts, entries, htmls, name, style, texts, year

DATE = ('<layout><group delimiter="|"><date variable="issued" form="text"/>'
        '<choose><if is-uncertain-date="issued"><text value="circa"/></if></choose></group></layout>')


def test_every_name_variable_is_read_as_names():
    csl = style('<layout><group delimiter="|"><names variable="director"/><names variable="host"/>'
                '<names variable="chair"/><names variable="reviewed-author"/><names variable="compiler"/>'
                '<names variable="curator"/></group></layout>')
    item = book(type="motion_picture", director=[name("Lynch", "David")], host=[name("Host", "Hal")],
                chair=[name("Chair", "Cy")], reviewed_author=[name("Rev", "Ro")], compiler=[name("Comp", "Co")],
                curator=[name("Cur", "Cu")])
    # citeproc-py printed the director as the string of a Python list.
    assert texts(csl, [item]) == ["David Lynch|Hal Host|Cy Chair|Ro Rev|Co Comp|Cu Cur"]


def test_every_date_variable_is_read_in_every_csl_json_form():
    dates = [year(2020, 5, 1), {"date-parts": [["2020", "05", "01"]]}, {"raw": "2020-05-01"}, {"raw": "May 1, 2020"},
             {"literal": "ca. 1900"}, {"raw": "2020-21"}, {"raw": "2020~"}, {"raw": "2019/2020"},
             {"raw": "2020-05-01/2020-06-03"}, {"date-parts": [[2020]], "season": "Spring"},
             {"date-parts": [[2020]], "circa": True}, {"date-parts": [[2019], [2020]]}, {"date-parts": [[2020, 21]]}]
    assert texts(style(DATE), [book(str(n), issued=d) for n, d in enumerate(dates)]) == [
        "May 1, 2020", "May 1, 2020", "May 1, 2020", "May 1, 2020", "ca. 1900", "Spring 2020", "2020|circa",
        "2019–2020", "May 1–June 3, 2020", "Spring 2020", "2020|circa", "2019–2020", "Spring 2020"]
    others = style('<layout><group delimiter="|"><date variable="original-date" form="text"/>'
                   '<date variable="event-date" form="text"/><date variable="submitted" form="text"/></group></layout>')
    item = book(original_date={"raw": "1850"}, event_date={"date-parts": [[2019, 6, 1], [2019, 6, 3]]},
                submitted={"date-parts": [["2018"]]})
    assert texts(others, [item]) == ["1850|June 1–3, 2019|2018"]


def test_rich_text_in_fields_is_read_as_formatting():
    csl = style('<layout><text variable="title"/></layout>')
    title = ('<i>E. coli</i> and <b>bold</b> H<sub>2</sub>O x<sup>2</sup> '
             '<span style="font-variant:small-caps;">Sc</span> <span class="nocase">iOS</span>')
    assert htmls(csl, [book(title=title)]) == [
        '<div class="csl-entry"><i>E. coli</i> and <b>bold</b> H<sub>2</sub>O x<sup>2</sup> '
        '<span style="font-variant:small-caps;">Sc</span> iOS</div>']
    upper = style('<layout><text variable="title" text-case="uppercase"/></layout>')
    assert texts(upper, [book(title='a <span class="nocase">iOS</span> b', language="en")]) == ["A iOS B"]


def test_particles_inside_family_or_given_are_split_as_csl_says():
    csl = style('<layout><names variable="author"><name name-as-sort-order="all" delimiter="; "/></names>'
                '<text value=" || "/><names variable="author"><name delimiter="; "/></names></layout>')
    item = book(author=[{"family": "van Beek", "given": "Ludwig"}, {"family": "de la Fontaine", "given": "Jean"},
                        {"family": "Humboldt", "given": "Alexander von"}, {"family": "d'Alembert", "given": "Jean"}])
    assert texts(csl, [item]) == ["Beek, Ludwig van; Fontaine, Jean de la; Humboldt, Alexander von; Alembert, Jean d’ || "
                                  "Ludwig van Beek; Jean de la Fontaine; Alexander von Humboldt; Jean d’Alembert"]


def test_ids_are_compared_exactly():
    items = [book("Smith2020", title="Upper"), book("smith2020", title="Lower")]
    csl = style('<sort><key variable="title"/></sort><layout><text variable="title"/></layout>')
    # citeproc-py folded ids to lower case: one reference for both.
    assert texts(csl, items) == ["Lower", "Upper"]
    assert cite_texts(csl, items, [["smith2020"], ["Smith2020"]]) == ["Lower", "Upper"]


def test_raw_dates_read_circa_as_uncertain_and_drop_ca():
    items = [{"id": t, "type": "book", "title": t, "issued": {"raw": raw}}
             for t, raw in (("D", "ca. 2020"), ("E", "circa 1850"), ("F", "c. 1850"))]
    assert [e.text for e in entries("chicago-author-date", items)] == ["D. 2020.", "E. [1850?].", "F. 1850."]
