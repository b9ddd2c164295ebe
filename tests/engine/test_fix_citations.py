"""In-text citations (:mod:`citefmt.engine.fixes.citations`): order, positions, affixes, collapsing."""

from citefmt.engine import CiteItem
from citefmt.engine.processor import CitefmtProcessor

from enginetools import book, cite_texts, name, style, year

TITLE_CITES = '<layout delimiter="; "><text variable="title"/></layout>'
AUTHOR_YEAR = ('<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">'
               '<names variable="author"><name form="short"/></names>'
               '<date variable="issued"><date-part name="year"/></date></group></layout>')


def smiths():
    return [book(f"s{n}", title=f"T{n}", author=[name("Smith", "J")], issued=year(2019)) for n in (1, 2, 3)] + [
        book("j", title="J", author=[name("Jones", "K")], issued=year(2018))]


def test_cites_keep_their_given_order_unless_the_style_sorts_citations():
    items = [book("z", title="Zeta"), book("a", title="Alpha")]
    unsorted = style('<sort><key variable="title"/></sort><layout><text variable="title"/></layout>',
                     citation=TITLE_CITES)
    sorted_cites = style(citation='<sort><key variable="title"/></sort>' + TITLE_CITES)
    # citeproc-py put them in bibliography order: "Alpha; Zeta".
    assert cite_texts(unsorted, items, [["z", "a"]]) == ["Zeta; Alpha"]
    assert cite_texts(sorted_cites, items, [["z", "a"]]) == ["Alpha; Zeta"]


def test_position_knows_subsequent_and_ibid_cites_so_et_al_subsequent_applies():
    csl = style(citation='<layout delimiter="; "><choose>'
                '<if position="ibid-with-locator"><text value="Ibid. at "/><text variable="locator"/></if>'
                '<else-if position="ibid"><text value="Ibid."/></else-if>'
                '<else><names variable="author"><name initialize-with="." and="symbol" delimiter=", "/>'
                '</names></else></choose></layout>',
                citation_attrs='et-al-min="10" et-al-use-first="10" '
                               'et-al-subsequent-min="3" et-al-subsequent-use-first="1"')
    items = [book("r", author=[name("Rabbat", "J"), name("Brown", "K"), name("Cole", "L")]),
             book("o", author=[name("Other", "P")])]
    assert cite_texts(csl, items, [["r"], ["o"], ["r"], ["r"], [CiteItem("r", locator="5")]]) == [
        "J. Rabbat, K. Brown, & L. Cole", "P. Other", "J. Rabbat et al.", "Ibid.", "Ibid. at 5"]


def test_note_style_term_opening_a_note_is_capitalized():
    note = style(citation='<layout suffix="." delimiter="; "><choose><if position="ibid"><text term="ibid"/></if>'
                          '<else><group delimiter=" "><text term="in"/><text variable="title"/></group></else>'
                          '</choose></layout>', cls="note")
    intext = style(citation='<layout suffix="."><group delimiter=" "><text term="in"/><text variable="title"/>'
                            '</group></layout>')
    items = [book("r", title="Title")]
    assert cite_texts(note, items, [["r"], ["r"]]) == ["In Title.", "Ibid."]
    assert cite_texts(intext, items, [["r"]]) == ["in Title."]


def test_suppress_author_prints_the_cite_without_its_names():
    items = [book("r", author=[name("Rabbat", "J"), name("Brown", "K"), name("Cole", "L")], issued=year(2005))]
    assert cite_texts("apa", items, [[CiteItem("r", suppress_author=True)]]) == ["(2005)"]


def test_author_only_prints_only_the_names_without_the_cluster_affixes():
    items = [book("r", author=[name("Rabbat", "J"), name("Brown", "K"), name("Cole", "L")], issued=year(2005)),
             book("n", title="Nameless", issued=year(2010))]
    assert cite_texts("apa", items, [[CiteItem("r", author_only=True)]]) == ["Rabbat et al."]
    # APA substitutes the title for missing authors, so that is the "author".
    assert cite_texts("apa", items, [[CiteItem("n", author_only=True)]]) == ["Nameless"]
    assert cite_texts(style(citation=AUTHOR_YEAR), smiths(), [[CiteItem("s1", author_only=True)]]) == ["Smith"]


def test_cite_prefixes_and_suffixes_are_spaced_from_the_cite():
    items = [book("o", author=[name("Other", "P")], issued=year(2006))]
    assert cite_texts("apa", items, [[CiteItem("o", prefix="see", suffix="for a review")],
                                     [CiteItem("o", prefix="e.g.,", locator="5")]]) == [
        "(see Other, 2006 for a review)", "(e.g., Other, 2006, p. 5)"]
    assert cite_texts(style(citation=AUTHOR_YEAR), smiths(), [[CiteItem("s1", prefix="see ", suffix=", p. 4")],
                                                             [CiteItem("s1", prefix="(cf.", suffix="etc.)")]]) == [
        "(see Smith, 2019, p. 4)", "((cf. Smith, 2019 etc.))"]


def test_collapse_citation_number_prints_runs_of_three_or_more_as_a_range():
    items = [book(f"n{n}", title=f"T{n}") for n in range(1, 7)]
    cites = [["n1", "n2", "n3"], ["n4"], ["n1", "n2", "n3", "n5"], ["n1", "n2"], ["n1", "n2", "n4", "n5", "n6"]]
    assert cite_texts("nlm-citation-sequence", items, cites) == [
        "(1–3)", "(4)", "(1–3,5)", "(1,2)", "(1,2,4–6)"]


def test_collapse_year_groups_cites_of_the_same_authors_with_the_cite_group_delimiter():
    items = smiths()
    items[2]["issued"] = year(2017)
    # APA sorts its cites (author, then date), keeping tied cites in the order given.
    assert cite_texts("apa", items, [["s2", "j", "s1", "s3"]]) == ["(Jones, 2018; Smith, 2017, 2019b, 2019a)"]
    grouped = style(citation=AUTHOR_YEAR.replace('delimiter=", "', 'delimiter=" "'),
                    citation_attrs='collapse="year" cite-group-delimiter=" &amp; "')
    assert cite_texts(grouped, items, [["s1", "s3", "j"]]) == ["(Smith 2019 & 2017; Jones 2018)"]


def test_collapse_year_groups_in_a_sorted_citation_wherever_they_stand_else_only_when_adjacent():
    items = [book(f"s{n}", title=f"T{n}", author=[name("Smith", "J")], issued=year(2010 + n)) for n in (1, 2)] + [
        book("j", title="J", author=[name("Jones", "K")], issued=year(2018))]
    unsorted = style(citation=AUTHOR_YEAR, citation_attrs='collapse="year"')
    sorted_cites = style(citation='<sort><key variable="title"/></sort>' + AUTHOR_YEAR, citation_attrs='collapse="year"')
    assert cite_texts(unsorted, items, [["s1", "j", "s2"], ["s1", "s2", "j"]]) == [
        "(Smith, 2011; Jones, 2018; Smith, 2012)", "(Smith, 2011, 2012; Jones, 2018)"]
    assert cite_texts(sorted_cites, items, [["s1", "j", "s2"]]) == ["(Jones, 2018; Smith, 2011, 2012)"]


def _suffixed(collapse: str) -> bytes:
    return style('<sort><key variable="title"/></sort><layout><text variable="title"/></layout>',
                 citation='<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">'
                          '<names variable="author"><name form="short"/></names><group>'
                          '<date variable="issued"><date-part name="year"/></date><text variable="year-suffix"/>'
                          '</group></group></layout>',
                 citation_attrs=f'collapse="{collapse}" disambiguate-add-year-suffix="true" cite-group-delimiter=", "')


def test_collapse_year_suffix_prints_only_the_suffix_of_the_later_years():
    cites = [["s1", "s2", "s3", "j"]]
    assert cite_texts(_suffixed("year"), smiths(), cites) == ["(Smith, 2019a, 2019b, 2019c; Jones, 2018)"]
    assert cite_texts(_suffixed("year-suffix"), smiths(), cites) == ["(Smith, 2019a, b, c; Jones, 2018)"]


def test_collapse_year_suffix_ranged_prints_runs_of_suffixes_as_a_range():
    assert cite_texts(_suffixed("year-suffix-ranged"), smiths(), [["s1", "s2", "s3", "j"]]) == [
        "(Smith, 2019a–c; Jones, 2018)"]


def test_a_cluster_with_nothing_to_print_shows_citeproc_js_markers():
    csl = style(citation='<layout prefix="(" suffix=")" delimiter="; "><names variable="author">'
                         '<name form="short"/></names></layout>')
    items = [book("s1", author=[name("Smith", "J")]), book("j", author=[name("Jones", "K")])]
    processor = CitefmtProcessor(csl)
    clusters = processor.citations(items, [[CiteItem("s1", suppress_author=True)],
                                           [CiteItem("s1", suppress_author=True), CiteItem("j")]]).clusters
    assert [c.text for c in clusters] == ["[NO_PRINTED_FORM]",
                                          "([CSL STYLE ERROR: reference with no printed form.]; Jones)"]


def test_a_locator_is_printed_without_surrounding_spaces():
    csl = style(citation='<layout><group delimiter=":"><text variable="title"/><text variable="locator"/></group>'
                         '</layout>')
    assert cite_texts(csl, [book(title="T")], [[CiteItem("a", locator=" 666 ")]]) == ["T:666"]


def _located(collapse: str, delimiter: str = ", ", after_collapse: str | None = "; ") -> bytes:
    attrs = f'collapse="{collapse}" disambiguate-add-year-suffix="true"'
    if after_collapse is not None:
        attrs += f' after-collapse-delimiter="{after_collapse}"'
    return style('<sort><key variable="author"/></sort><layout><text variable="title"/></layout>',
                 citation=f'<layout prefix="(" suffix=")" delimiter="{delimiter}"><group delimiter=", ">'
                          '<group delimiter=" "><names variable="author"><name form="short"/></names>'
                          '<date variable="issued"><date-part name="year"/></date></group>'
                          '<text variable="locator"/></group></layout>', citation_attrs=attrs)


def _whits_and_dees():
    whit, dee = [name("Whit", "A")], [name("Dee", "D")]
    return [book("w1", title="W1", author=whit, issued=year(1967)), book("w2", title="W2", author=whit, issued=year(1975)),
            book("b", title="B", author=[name("Wiens", "B")], issued=year(1989)),
            book("c", title="C", author=[name("Cole", "C")], issued=year(1990))] + [
        book(f"d{n}", title=f"D{n}", author=dee, issued=year(2000)) for n in (1, 2, 3)]


def _cites(*specs: str) -> list[CiteItem]:
    """``"w1@5"``: a cite of w1 at locator 5."""
    return [CiteItem(spec.split("@")[0], locator=spec.split("@")[1]) if "@" in spec else CiteItem(spec)
            for spec in specs]


def test_collapsed_years_take_the_after_collapse_delimiter_after_each_author_and_each_locator():
    """citeproc-js: with collapse="year", every author's cites end with the after-collapse
    delimiter (a lone cite too), and so does a cite with a locator, when the style gives the
    delimiter; APA's kind, without one, keeps the cite-group delimiter after a locator."""
    items = _whits_and_dees()
    clusters = [_cites("w1", "b"), _cites("w1@5", "w2@6", "b"), _cites("w1", "w2@6", "b@7", "c")]
    assert cite_texts(_located("year"), items, clusters) == [
        "(Whit 1967; Wiens 1989)", "(Whit 1967, 5; 1975, 6; Wiens 1989)", "(Whit 1967, 1975, 6; Wiens 1989, 7; Cole 1990)"]
    assert cite_texts(_located("year", "; ", None), items, clusters) == [
        "(Whit 1967; Wiens 1989)", "(Whit 1967, 5, 1975, 6; Wiens 1989)", "(Whit 1967, 1975, 6; Wiens 1989, 7; Cole 1990)"]


def test_collapsed_year_suffixes_compare_years_without_locators_and_keep_them():
    """A same-year cite with a locator still prints as its suffix ("b, 5"), followed by the
    after-collapse delimiter; a lone cite ends with the layout's delimiter unless it has a
    locator; a range of suffixes never hides a locator."""
    items = _whits_and_dees()
    clusters = [_cites("d1@5", "d2", "d3"), _cites("d1", "d2@5", "d3"), _cites("d1", "d2", "d3@5", "b"),
                _cites("w1", "b"), _cites("w1", "w2@6", "b@7", "c")]
    assert cite_texts(_located("year-suffix"), items, clusters) == [
        "(Dee 2000a, 5, b, c)", "(Dee 2000a, b, 5; c)", "(Dee 2000a, b, c, 5; Wiens 1989)", "(Whit 1967, Wiens 1989)",
        "(Whit 1967, 1975, 6; Wiens 1989, 7; Cole 1990)"]
    assert cite_texts(_located("year-suffix-ranged"), items, clusters[2:4] + [_cites("d1", "d2", "d3")]) == [
        "(Dee 2000a, b, c, 5; Wiens 1989)", "(Whit 1967; Wiens 1989)", "(Dee 2000a–c)"]


def test_a_year_suffix_is_no_part_of_a_citation_sort_key():
    """citeproc-js sorts cites before it gives year suffixes: a key printing the year and its
    suffix ties same-year cites, which keep the order given."""
    csl = style('<sort><key variable="author"/></sort><layout><text variable="title"/></layout>',
                citation_attrs='collapse="year" disambiguate-add-year-suffix="true"',
                before='<macro name="year"><date variable="issued"><date-part name="year"/></date>'
                       '<text variable="year-suffix"/></macro>',
                citation='<sort><key macro="year"/></sort><layout prefix="(" suffix=")" delimiter="; ">'
                         '<group delimiter=", "><names variable="author"><name form="short"/></names>'
                         '<text macro="year"/></group></layout>')
    assert cite_texts(csl, _whits_and_dees(), [["d1", "d2", "d3"], ["d3", "w2", "d1"]]) == [
        "(Dee, 2000a, 2000b, 2000c)", "(Whit, 1975; Dee, 2000c, 2000a)"]


def test_cites_a_collapsing_citation_sort_leaves_tied_are_ordered_by_their_names():
    """citeproc-js orders the cites of a citation that collapses (any collapse value) and that
    its keys leave tied by the names they print (case aside; then in the order given),
    without collapse they keep the order given (harvard-cite-them-right: year only)."""
    cit = ('<sort><key macro="y"/></sort><layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">'
           '<names variable="author"><name form="short"/><substitute><names variable="editor"/>'
           '<text variable="title"/></substitute></names><text macro="y"/></group></layout>')
    macro = '<macro name="y"><date variable="issued"><date-part name="year"/></date></macro>'
    items = [book("m", title="M", author=[name("Michel", "J")], issued=year(2023)),
             book("b", title="B", author=[name("Baker", "K")], issued=year(2023)),
             book("z", title="Z", issued=year(2023)), book("e", title="E", editor=[name("Aaron", "Q")], issued=year(2023)),
             book("b2", title="B2", author=[name("Baker", "K"), name("Zed", "Z")], issued=year(2023)),
             book("b3", title="B3", author=[name("baker", "a")], issued=year(2023))]
    clusters = [["m", "z", "b"], ["z", "e", "m", "b2", "b"], ["b3", "b"], ["b", "b3"]]
    collapsing = style('<layout><text variable="title"/></layout>', citation=cit, before=macro, citation_attrs='collapse="year"')
    assert cite_texts(collapsing, items, clusters) == [
        "(Baker, 2023; Michel, 2023; Z, 2023)", "(Aaron, 2023; Baker, 2023; Baker, Zed, 2023; Michel, 2023; Z, 2023)",
        "(baker, 2023; Baker, 2023)", "(Baker, 2023; baker, 2023)"]
    plain_sort = style('<layout><text variable="title"/></layout>', citation=cit, before=macro)
    assert cite_texts(plain_sort, items, clusters[:1]) == ["(Michel, 2023; Z, 2023; Baker, 2023)"]


def test_a_citation_keeps_the_no_break_space_its_style_opens_it_with():
    """american-physics-society's citation layout opens with "&#160;[": citeproc-js keeps
    the no-break space (citefmt trimmed it as white space)."""
    csl = style(citation='<layout prefix="&#160;[" suffix="]" delimiter=","><text variable="title"/></layout>')
    assert cite_texts(csl, [book(title="T")], [["a"]]) == ["\u00a0[T]"]
    assert cite_texts("american-physics-society", [book(title="T")], [["a"]]) == ["\u00a0[1]"]


def test_numbers_collapsing_put_the_after_collapse_delimiter_between_two_cites_with_locators():
    """collapse="citation-number" with an after-collapse-delimiter and the locator in a
    labelled group (iso690-numeric-en): citeproc-js joins two cites that both have locators
    with it, every other pair with the layout's delimiter; without it, the layout's throughout."""
    items = [book(f"i{n}", title=f"T{n}") for n in range(8)]
    layout = ('<sort><key variable="citation-number"/></sort><layout prefix="(" suffix=")" delimiter=", ">'
              '<group delimiter=", "><text variable="citation-number"/><group><label variable="locator" suffix=". " '
              'form="short" strip-periods="true"/><text variable="locator"/></group></group></layout>')
    first = [f"i{n}" for n in range(8)]  # numbers 1 to 8 in this order
    cites = [first, [CiteItem("i0", locator="5"), CiteItem("i1", locator="6"), CiteItem("i2"), CiteItem("i3")],
             [CiteItem("i0", locator="5"), CiteItem("i1")],
             [CiteItem("i0", locator="5"), CiteItem("i2", locator="6"), CiteItem("i3"), CiteItem("i4")]]
    with_delimiter = style(citation=layout, citation_attrs='collapse="citation-number" after-collapse-delimiter=" | "')
    assert cite_texts(with_delimiter, items, cites)[1:] == [
        "(1, p. 5 | 2, p. 6, 3, 4)", "(1, p. 5, 2)", "(1, p. 5 | 3, p. 6, 4, 5)"]
    without = style(citation=layout, citation_attrs='collapse="citation-number"')
    assert cite_texts(without, items, cites)[1:] == ["(1, p. 5, 2, p. 6, 3, 4)", "(1, p. 5, 2)", "(1, p. 5, 3, p. 6, 4, 5)"]
