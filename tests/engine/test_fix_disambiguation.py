"""Disambiguation of cites (:mod:`citefmt.engine.fixes.disambiguation`), in the order CSL 1.0.2 gives."""

from enginetools import book, cite_texts, name, style, texts, year


def _author_year(rule: str = "", add: str = "") -> bytes:
    attrs = f'givenname-disambiguation-rule="{rule}" ' if rule else ""
    return style('<layout><text variable="title"/></layout>',
                 citation='<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">'
                          '<names variable="author"><name form="short" and="text" initialize-with=". "/></names>'
                          '<date variable="issued"><date-part name="year"/></date></group></layout>',
                 citation_attrs=attrs + add)


def _lees_and_kims():
    return [book("l1", title="A", author=[name("Lee", "Ji-Hoon")], issued=year(2019)),
            book("l2", title="B", author=[name("Lee", "Soo-Yeon")], issued=year(2019)),
            book("k1", title="C", author=[name("Kim", "John"), name("Park", "Alan")], issued=year(2020)),
            book("k2", title="D", author=[name("Kim", "Jane"), name("Park", "Alan")], issued=year(2020))]


def test_add_givenname_with_a_global_rule_expands_a_name_to_initials_then_to_the_full_given_name():
    csl = _author_year("all-names", 'disambiguate-add-givenname="true"')
    assert cite_texts(csl, _lees_and_kims(), [["l1", "l2"], ["k1", "k2"]]) == [
        "(J.-H. Lee, 2019; S.-Y. Lee, 2019)", "(John Kim and Park, 2020; Jane Kim and Park, 2020)"]
    assert cite_texts("apa", _lees_and_kims()[:2], [["l1", "l2"]]) == ["(J.-H. Lee, 2019; S.-Y. Lee, 2019)"]


def test_add_names_stops_at_the_first_name_count_that_prints_a_cite_alone_in_any_group():
    """In a group of three, the cite of four authors is told apart once three are shown and
    "et al." follows (``Xu, Yo, Zed, Wu, et al.`` for five), not by printing every name: the
    count is the one at which the printed cite differs, "et al." included."""
    def article(key, *families):
        return book(key, type="article-journal", title=key, issued=year(2020),
                    author=[name(family, "A") for family in families])

    items = [article("three", "Xu", "Yo", "Zed"), article("four", "Xu", "Yo", "Zed", "Wu"),
             article("five", "Xu", "Yo", "Zed", "Wu", "Vo")]
    # citeproc-js prints these for the same items.
    assert cite_texts("apa", items, [["three"], ["four"], ["five"]]) == [
        "(Xu, Yo, & Zed, 2020)", "(Xu, Yo, Zed, & Wu, 2020)", "(Xu, Yo, Zed, Wu, et al., 2020)"]
    assert cite_texts("apa", items[:2], [["three"], ["four"]]) == [
        "(Xu, Yo, & Zed, 2020)", "(Xu, Yo, Zed, et al., 2020)"]


def test_add_names_shows_more_names_until_the_cites_differ():
    items = [book("w1", type="article-journal", title="A", issued=year(2021),
                  author=[name("Wang", "Q"), name("Li", "X"), name("Zhao", "Y")]),
             book("w2", type="article-journal", title="B", issued=year(2021),
                  author=[name("Wang", "Q"), name("Chen", "X"), name("Zhao", "Y")])]
    assert cite_texts("apa", items, [["w1", "w2"]]) == ["(Wang, Chen, et al., 2021; Wang, Li, et al., 2021)"]
    csl = style('<layout><text variable="title"/></layout>',
                citation='<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">'
                         '<names variable="author"><name form="short" delimiter=", " et-al-min="3" '
                         'et-al-use-first="1"/></names><date variable="issued"><date-part name="year"/></date>'
                         '</group></layout>',
                citation_attrs='disambiguate-add-names="true"')
    assert cite_texts(csl, items, [["w1", "w2"]]) == ["(Wang, Li, et al., 2021; Wang, Chen, et al., 2021)"]


def test_add_givenname_by_cite_expands_the_names_of_cites_that_still_print_alike():
    csl = _author_year("by-cite", 'disambiguate-add-givenname="true"')
    assert cite_texts(csl, _lees_and_kims(), [["l1", "l2"], ["k1", "k2"]]) == [
        "(J.-H. Lee, 2019; S.-Y. Lee, 2019)", "(John Kim and Park, 2020; Jane Kim and Park, 2020)"]


def test_year_suffixes_follow_bibliography_order_in_citations_and_entries_alike():
    items = [book(f"s{n}", title=f"T{n}", author=[name("Smith", "J")], issued=year(2019)) for n in (3, 1, 2)]
    # Suffixes follow the bibliography's sort (by title here), not the order of citing.
    assert cite_texts("apa", items, [["s2", "s3", "s1"], ["s3"]]) == ["(Smith, 2019b, 2019c, 2019a)", "(Smith, 2019c)"]
    assert texts("apa", items) == ["Smith, J. (2019a). T1.", "Smith, J. (2019b). T2.", "Smith, J. (2019c). T3."]
    # A style that never prints year-suffix gets it after the first year it prints.
    implicit = style('<sort><key variable="title"/></sort><layout><group delimiter=" "><text variable="title"/>'
                     '<date variable="issued"><date-part name="year"/></date></group></layout>',
                     citation='<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">'
                              '<names variable="author"><name form="short"/></names>'
                              '<date variable="issued"><date-part name="year"/></date></group></layout>',
                     citation_attrs='disambiguate-add-year-suffix="true"')
    assert cite_texts(implicit, items, [["s2", "s3", "s1"]]) == ["(Smith, 2019b; Smith, 2019c; Smith, 2019a)"]
    assert texts(implicit, items) == ["T1 2019a", "T2 2019b", "T3 2019c"]


def test_cites_still_ambiguous_test_true_for_disambiguate():
    csl = style('<layout><text variable="title"/></layout>',
                citation='<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">'
                         '<names variable="author"><name form="short"/></names>'
                         '<date variable="issued"><date-part name="year"/></date>'
                         '<choose><if disambiguate="true"><text variable="title" font-style="italic"/></if></choose>'
                         '</group></layout>')
    items = [book("s1", title="T1", author=[name("Smith", "J")], issued=year(2019)),
             book("s2", title="T2", author=[name("Smith", "J")], issued=year(2019)),
             book("o", title="Other", author=[name("Jones", "K")], issued=year(2019))]
    assert cite_texts(csl, items, [["s1", "s2", "o"]]) == ["(Smith, 2019, T1; Smith, 2019, T2; Jones, 2019)"]


def test_cites_by_the_same_long_author_list_go_to_year_suffixes_without_adding_every_name(monkeypatch):
    """CSL 1.0.2 "Disambiguation": added names cannot tell apart two works by the same 25
    authors in the same year, so year suffixes do; the add-names step sees that the cites
    are twins and ends at once instead of rendering both with 2, 3, … 25 names."""
    from citefmt.engine.fixes import disambiguation

    authors = [name(f"Family{n:02d}", "A") for n in range(25)]
    items = [book(key, type="article-journal", title=key, issued=year(2020), author=authors)
             for key in ("first", "second")] + [
        book("other", type="article-journal", title="other", issued=year(2020), author=authors[:1])]
    renders = []
    original = disambiguation.Disambiguator._render_now

    def counted(self, key, state):
        renders.append(state.names)  # None: the style's own count
        return original(self, key, state)

    monkeypatch.setattr(disambiguation.Disambiguator, "_render_now", counted)
    # citeproc-js prints these for the same items.
    assert cite_texts("apa", items, [["first"], ["second"], ["other"]]) == [
        "(Family00 et al., 2020a)", "(Family00 et al., 2020b)", "(Family00, 2020)"]
    assert renders and not [names for names in renders if names is not None]


def test_cites_that_added_names_part_from_the_rest_keep_them_with_their_year_suffixes():
    """CSL 1.0.2 "Disambiguation", as citeproc-js applies it (test suite:
    disambiguate_AndreaEg5): when an added name tells some cites of a group apart, the cites
    it leaves alike keep that name and take year suffixes; only cites that no added name
    separated at all go back to the style's own count."""
    def article(key, *families):
        return book(key, type="article-journal", title=key, issued=year(2020),
                    author=[name(family, "A") for family in families])

    items = [article("b", "Lee", "Choi", "Kim"), article("c", "Lee", "Choi", "Kim"), article("e", "Lee", "Moon", "Kim")]
    # citeproc-js prints these for the same items.
    assert cite_texts("apa", items, [["b"], ["c"], ["e"]]) == [
        "(Lee, Choi, et al., 2020a)", "(Lee, Choi, et al., 2020b)", "(Lee, Moon, et al., 2020)"]
    # Nothing separates these two (only the hidden given name of Park differs): one name again.
    twins = [book(key, type="article-journal", title=key, issued=year(2020),
                  author=[name("Lee", "Ji"), name("Park", given), name("Kim", "Bo")])
             for key, given in (("x", "Ann"), ("y", "Cy"))]
    assert cite_texts("apa", twins, [["x"], ["y"]]) == ["(Lee et al., 2020a)", "(Lee et al., 2020b)"]


def test_a_global_rule_compares_the_initials_of_given_names_as_written():
    """CSL 1.0.2 "Disambiguation", givenname-disambiguation-rule (APA: primary-name-with-initials):
    Barbara C. and Brian D. Klein have different initials (B. C., B. D.), so each shows them;
    a name whose initials part it from some of its family shows them even where another
    shares them (D. and David Liu beside Hervé); where every one of the family has the same
    initials (Cecil and Charles Smith), the -with-initials rule shows none."""
    def by(key, family, given, issued):
        return book(key, title=key, issued=year(issued), author=[name(family, given)])

    items = [by("k1", "Klein", "Barbara C.", 2023), by("k2", "Klein", "Brian D.", 2021),
             by("l1", "Liu", "D", 2018), by("l2", "Liu", "David", 2019), by("l3", "Liu", "Hervé", 2020),
             by("s1", "Smith", "Cecil", 2018), by("s2", "Smith", "Charles", 2019)]
    # citeproc-js prints these for the same items.
    assert cite_texts("apa", items, [[item["id"]] for item in items]) == [
        "(B. C. Klein, 2023)", "(B. D. Klein, 2021)", "(D. Liu, 2018)", "(D. Liu, 2019)", "(H. Liu, 2020)",
        "(Smith, 2018)", "(Smith, 2019)"]


def test_added_names_that_part_a_group_into_smaller_groups_stay_with_year_suffixes_in_each():
    """CSL 1.0.2 "Disambiguation", as citeproc-js applies it (test suite:
    disambiguate_YearSuffixAtTwoLevels): a second name parts four cites into two pairs of
    works by the same authors; each pair keeps that name and takes its own year suffixes,
    in the entries as in the cites."""
    def article(key, *families):
        return book(key, type="article-journal", title=key, issued=year(2023),
                    author=[name(family, "A") for family in families])

    items = [article("o1", "Durand", "Olsen", "Suzuki", "Broek"), article("o2", "Durand", "Olsen", "Suzuki", "Broek"),
             article("w1", "Durand", "Wang", "Karlsson"), article("w2", "Durand", "Wang", "Karlsson")]
    # citeproc-js prints these for the same items.
    assert cite_texts("apa", items, [["o1"], ["o2"], ["w1"], ["w2"]]) == [
        "(Durand, Olsen, et al., 2023a)", "(Durand, Olsen, et al., 2023b)",
        "(Durand, Wang, et al., 2023a)", "(Durand, Wang, et al., 2023b)"]
    assert texts("apa", items) == [
        "Durand, A., Olsen, A., Suzuki, A., & Broek, A. (2023a). o1.",
        "Durand, A., Olsen, A., Suzuki, A., & Broek, A. (2023b). o2.",
        "Durand, A., Wang, A., & Karlsson, A. (2023a). w1.", "Durand, A., Wang, A., & Karlsson, A. (2023b). w2."]


def test_undated_cites_that_differ_only_in_their_accessed_date_take_year_suffixes_on_no_date():
    """citeproc-js leaves the accessed date out when it compares cites: two undated web pages by
    one author print alike, so they part as "n.d.-a" and "n.d.-b" even where the accessed date
    is printed (citeproc-py compared the whole cite and found them different)."""
    csl = style('<layout><text variable="title"/></layout>', citation_attrs='disambiguate-add-year-suffix="true"',
                citation='<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">'
                         '<names variable="author"><name form="short"/></names><choose><if variable="issued">'
                         '<date variable="issued"><date-part name="year"/></date></if><else><group>'
                         '<text term="no date" form="short"/><text variable="year-suffix" prefix="-"/></group>'
                         '</else></choose><date variable="accessed" prefix="seen "><date-part name="month"/>'
                         '<date-part name="year" prefix=" "/></date></group></layout>')
    web = [book(key, type="webpage", title=key.upper(), author=[name("Doe", "Jane")], accessed=year(2020, month))
           for key, month in (("w1", 3), ("w2", 4))]
    assert cite_texts(csl, web, [["w1", "w2"]]) == ["(Doe, n.d.-a, seen March 2020; Doe, n.d.-b, seen April 2020)"]


def _author_year_entries(cattrs: str, bib_name: str = "<name/>", bib_attrs: str = "", demote: str = "") -> bytes:
    return style(f'<layout><group delimiter=". "><names variable="author">{bib_name}</names>'
                 '<text variable="title"/></group></layout>',
                 citation='<layout prefix="(" suffix=")" delimiter="; "><group delimiter=" "><names variable="author">'
                          '<name form="short" initialize-with=". "/></names><date variable="issued">'
                          '<date-part name="year"/></date></group></layout>',
                 citation_attrs=cattrs, bibliography_attrs=bib_attrs,
                 attrs=f'demote-non-dropping-particle="{demote}"' if demote else "")


def test_entries_show_the_names_and_given_names_their_cites_added():
    """citeproc-js prints in an entry at least the names its cites added (when the citation
    adds given names too) and the given names they expanded."""
    five = [name("Flores", "H"), name("Jones", "M"), name("Cole", "C"), name("Dunn", "D"), name("Ely", "E")]
    items = [book("a", title="A", author=five, issued=year(2011)),
             book("b", title="B", author=five[:2] + [name("Reddy", "S")] + five[3:], issued=year(2011))]
    both = 'et-al-min="4" et-al-use-first="1" disambiguate-add-names="true" disambiguate-add-givenname="true"'
    assert texts(_author_year_entries(both, bib_attrs='et-al-min="4" et-al-use-first="1"'), items) == [
        "H Flores, M Jones, C Cole, et al. A", "H Flores, M Jones, S Reddy, et al. B"]
    assert texts(_author_year_entries(both, bib_attrs='et-al-min="4" et-al-use-first="4"'), items) == [
        "H Flores, M Jones, C Cole, D Dunn, et al. A", "H Flores, M Jones, S Reddy, D Dunn, et al. B"]
    names_only = 'et-al-min="4" et-al-use-first="1" disambiguate-add-names="true"'
    assert texts(_author_year_entries(names_only, bib_attrs='et-al-min="4" et-al-use-first="1"'), items) == [
        "H Flores et al. A", "H Flores et al. B"]
    lees = [book("a", title="A", author=[name("Lee", "John")], issued=year(2011)),
            book("b", title="B", author=[name("Lee", "Jane")], issued=year(2011)),
            book("c", title="C", author=[name("Lee", "Soo")], issued=year(2012))]
    givens = 'disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names"'
    assert texts(_author_year_entries(givens, '<name form="short"/>'), lees) == ["John Lee. A", "Jane Lee. B", "Soo Lee. C"]
    assert texts(_author_year_entries(givens, '<name initialize-with="."/>'), lees) == [
        "John Lee. A", "Jane Lee. B", "S. Lee. C"]


def test_by_cite_expands_given_names_before_adding_names():
    """citeproc-js first tries the given names of the names shown: "T. Flores et al." is told
    apart so, the two H. Floreses keep their initials and then take a name each
    (modern-language-association)."""
    items = [book("a", title="A", author=[name("Flores", "H"), name("Jones", "M"), name("Cole", "C")], issued=year(2011)),
             book("b", title="B", author=[name("Flores", "H"), name("Reddy", "S"), name("Cole", "C")], issued=year(2011)),
             book("c", title="C", author=[name("Flores", "T"), name("Young", "M"), name("Cole", "C")], issued=year(2011))]
    csl = _author_year_entries('et-al-min="3" et-al-use-first="1" disambiguate-add-names="true" '
                               'disambiguate-add-givenname="true"')
    assert cite_texts(csl, items, [["a", "b", "c"]]) == [
        "(H. Flores, Jones, et al. 2011; H. Flores, Reddy, et al. 2011; T. Flores et al. 2011)"]


def test_a_suffix_parts_two_people_by_cite_but_not_under_a_global_rule():
    """By cite, "Y. Kowalski Sr." tells a cite apart from "Y. Kowalski"; the global rules
    take them for one person, and take "Souza" and "Di Souza" for one family unless the
    style never demotes particles."""
    kowalskis = [book("a", title="A", author=[name("Kowalski", "Yael"), name("Adams", "A"), name("Baker", "B")],
                      issued=year(2004)),
                 book("b", title="B", author=[name("Kowalski", "Yael", suffix="Sr."), name("Cole", "C"), name("Dunn", "D")],
                      issued=year(2004))]
    by_cite = _author_year_entries('et-al-min="3" et-al-use-first="1" disambiguate-add-names="true" '
                                   'disambiguate-add-givenname="true"')
    assert cite_texts(by_cite, kowalskis, [["a", "b"]]) == ["(Y. Kowalski et al. 2004; Y. Kowalski Sr. et al. 2004)"]
    people = [book("a", title="A", author=[name("Souza", "Luis")], issued=year(2022)),
              book("b", title="B", author=[name("Souza", "Eva", non_dropping_particle="Di")], issued=year(2021)),
              book("c", title="C", author=[name("Kowalski", "Yael")], issued=year(2020)),
              book("d", title="D", author=[name("Kowalski", "Yael", suffix="Sr.")], issued=year(2019))]
    rule = 'disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name"'
    cites = [["a", "b", "c", "d"]]
    assert cite_texts(_author_year_entries(rule), people, cites) == [
        "(L. Souza 2022; E. Di Souza 2021; Kowalski 2020; Kowalski 2019)"]
    assert cite_texts(_author_year_entries(rule, demote="never"), people, cites) == [
        "(Souza 2022; Di Souza 2021; Kowalski 2020; Kowalski 2019)"]


def test_names_the_bibliography_sort_keys_print_count_for_a_global_given_name_rule():
    """citeproc-js renders every sort key of every item, and a global rule tells a cite's
    name apart from the names those keys print: "K. Almeida" because a chapter elsewhere is
    edited by Sara Almeida (chicago-author-date's source-bib key); without that key, "Almeida"."""
    macros = ('<macro name="au"><names variable="author"><name name-as-sort-order="all"/></names></macro>'
              '<macro name="src"><names variable="editor"><name/></names><text variable="container-title"/></macro>')
    keys = '<key macro="au"/><key macro="src"/>'
    items = [book("a", type="article-journal", title="T", author=[name("Almeida", "Kim")], issued=year(2021)),
             book("b", type="chapter", title="C", author=[name("Xu", "Q")], editor=[name("Almeida", "Sara")],
                  container_title="Book", issued=year(2019))]
    for sort, expected in ((keys, "(K. Almeida 2021)"), (keys.replace('<key macro="src"/>', ""), "(Almeida 2021)")):
        csl = style(f'<sort>{sort}</sort><layout><group delimiter=". "><text macro="au"/><text variable="title"/>'
                    '<text macro="src"/></group></layout>', before=macros,
                    citation='<layout prefix="(" suffix=")" delimiter="; "><group delimiter=" "><names variable="author">'
                             '<name form="short" initialize-with=". "/></names><date variable="issued">'
                             '<date-part name="year"/></date></group></layout>',
                    citation_attrs='disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name"')
        assert cite_texts(csl, items, [["a"], ["b"]]) == [expected, "(Xu 2019)"]
