"""``cs:names`` and friends (:mod:`citefmt.engine.fixes.names`): name variables, parts, initials, et-al, labels, substitute."""

from enginetools import book, cite_texts, name, style, texts, year


def _both_orders(attrs: str = "") -> bytes:
    return style('<layout><names variable="author"><name delimiter="; "/></names><text value=" || "/>'
                 '<names variable="author"><name delimiter="; " name-as-sort-order="all"/></names></layout>',
                 attrs=attrs)


def test_every_name_variable_is_found_hyphenated_ones_included():
    csl = style('<layout><group delimiter="|"><names variable="container-author"/><names variable="reviewed-author"/>'
                '<names variable="collection-editor"/><names variable="original-author"/>'
                '<names variable="editorial-director"/></group></layout>')
    item = book(type="chapter", container_author=[name("Cont", "Ann")], reviewed_author=[name("Rev", "Bob")],
                collection_editor=[name("Coll", "Cy")], original_author=[name("Orig", "Di")],
                editorial_director=[name("Dir", "Ed")])
    assert texts(csl, [item]) == ["Ann Cont|Bob Rev|Cy Coll|Di Orig|Ed Dir"]


def test_name_part_order_with_demote_non_dropping_particle_and_suffixes():
    people = [name("Beek", "Ludwig", non_dropping_particle="van"), name("Humboldt", "Alexander", dropping_particle="von"),
              name("Smith", "John", suffix="Jr.", comma_suffix=True), name("Jones", "Al", suffix="III")]
    item = book(author=people)
    display = "Ludwig van Beek; Alexander von Humboldt; John Smith, Jr.; Al Jones III"
    assert texts(_both_orders('demote-non-dropping-particle="never"'), [item]) == [
        display + " || van Beek, Ludwig; Humboldt, Alexander von; Smith, John, Jr.; Jones, Al, III"]
    assert texts(_both_orders('demote-non-dropping-particle="display-and-sort"'), [item]) == [
        display + " || Beek, Ludwig van; Humboldt, Alexander von; Smith, John, Jr.; Jones, Al, III"]


def test_particles_ending_in_an_apostrophe_or_hyphen_join_without_a_space():
    item = book(author=[name("Alembert", "Jean", non_dropping_particle="d'"),
                        name("Rahman", "Ali", non_dropping_particle="al-")])
    assert texts(_both_orders(), [item]) == ["Jean d’Alembert; Ali al-Rahman || Alembert, Jean d’; Rahman, Ali al-"]


def test_names_in_family_first_scripts_print_without_a_separator():
    item = book(author=[name("屠", "呦呦"), name("山田", "太郎"), name("김", "철수")])
    assert texts(_both_orders(), [item]) == ["屠呦呦; 山田太郎; 김철수 || 屠呦呦; 山田太郎; 김철수"]


def test_initialize_with_keeps_multi_letter_initials_and_hyphenated_given_names():
    csl = style('<layout><names variable="author"><name delimiter="; " initialize-with=". "/></names>'
                '<text value=" || "/><names variable="author"><name delimiter="; " initialize-with="." '
                'name-as-sort-order="all"/></names></layout>')
    item = book(author=[name("Tolkien", "John Ronald Reuel"), name("Gagarin", "Yu. A."), name("Ivanov", "Дж."),
                        name("Picard", "Jean-Luc"), name("Khan", "Sh. M."), name("Smith", "J R")])
    assert texts(csl, [item]) == [
        "J. R. R. Tolkien; Yu. A. Gagarin; Дж. Ivanov; J.-L. Picard; Sh. M. Khan; J. R. Smith || "
        "Tolkien, J.R.R.; Gagarin, Yu.A.; Ivanov, Дж.; Picard, J.-L.; Khan, Sh.M.; Smith, J.R."]


def test_initialize_with_hyphen_false_parts_words_at_a_hyphen_as_at_a_space():
    """CSL 1.0.2 ``initialize-with-hyphen="false"`` (Vancouver/NLM), as citeproc-js applies it
    (test suite: name_CeltsAndToffsCrowdedInitials): a hyphen parts the given name as a space
    does, so a lowercase part after it is kept, apart (``Ji-hoon`` -> ``J hoon``)."""
    def names(initialize_with: str) -> bytes:
        return style(f'<layout><names variable="author"><name delimiter="; " initialize-with="{initialize_with}" '
                     'name-as-sort-order="all" sort-separator=" "/></names></layout>',
                     attrs='initialize-with-hyphen="false"')

    item = book(author=[name("Kim", "Ji-hoon"), name("Park", "Soo-yeon K."), name("Picard", "Jean-Luc"),
                        name("Lee", "Ji-Hoon")])
    # citeproc-js prints these for the same names.
    assert texts(names(""), [item]) == ["Kim J hoon; Park S yeon K; Picard JL; Lee JH"]
    assert texts(names(". "), [item]) == ["Kim J. hoon; Park S. yeon K.; Picard J. L.; Lee J. H."]
    assert texts("nlm-citation-sequence", [dict(item, title="T")])[0].startswith(
        "1. Kim J hoon, Park S yeon K, Picard JL, Lee JH. T.")


def test_initialize_false_keeps_given_names_and_only_formats_existing_initials():
    csl = style('<layout><names variable="author"><name delimiter="; " initialize-with=". " initialize="false"/>'
                '</names></layout>')
    item = book(author=[name("Tolkien", "John Ronald Reuel"), name("Picard", "Jean-Luc"), name("Smith", "J R"),
                        name("Li", "Thomas A.")])
    assert texts(csl, [item]) == ["John Ronald Reuel Tolkien; Jean-Luc Picard; J. R. Smith; Thomas A. Li"]


def test_initialize_false_keeps_a_lowercase_part_after_a_hyphen_and_parts_hyphenated_initials():
    """Not initializing (chicago-author-date), "Seo-yeon K." and "Mary-jo" print as written
    (citefmt printed "Seo K."), and two one-letter initials joined by a hyphen part as
    citeproc-js parts them ("A.-M." -> "A. M."), while "J.-Luc" and "Yu.-Sh." keep theirs."""
    givens = ["Seo-yeon K.", "Mary-jo Ann", "A.-M. K.", "J-L", "J.-Luc", "Yu.-Sh.", "Ji-hoon"]
    item = book(author=[name(f"N{n}", given) for n, given in enumerate(givens)])
    for mark, expected in ((". ", "Seo-yeon K. N0; Mary-jo Ann N1; A. M. K. N2; J. L. N3; J.-Luc N4; Yu.-Sh. N5; Ji-hoon N6"),
                           ("", "Seo-yeon K N0; Mary-jo Ann N1; AMK N2; JL N3; J-Luc N4; Yu-Sh N5; Ji-hoon N6")):
        csl = style(f'<layout><names variable="author"><name delimiter="; " initialize-with="{mark}" '
                    'initialize="false"/></names></layout>')
        assert texts(csl, [item]) == [expected]


def test_delimiter_precedes_et_al_takes_all_four_values():
    six = book(author=[name(f"N{n}", f"G{n}") for n in range(1, 7)])
    expected = {"always": "N1, G., et al. || G. N1, G. N2, et al.",
                "never": "N1, G. et al. || G. N1, G. N2 et al.",
                "contextual": "N1, G. et al. || G. N1, G. N2, et al.",
                "after-inverted-name": "N1, G., et al. || G. N1, G. N2 et al."}
    for value, text in expected.items():
        csl = style(f'<layout><names variable="author"><name delimiter=", " et-al-min="3" et-al-use-first="1" '
                    f'delimiter-precedes-et-al="{value}" initialize-with="." name-as-sort-order="first"/></names>'
                    f'<text value=" || "/><names variable="author"><name delimiter=", " et-al-min="3" '
                    f'et-al-use-first="2" delimiter-precedes-et-al="{value}" initialize-with="."/></names></layout>')
        assert texts(csl, [six]) == [text], value


def test_et_al_use_last_prints_an_ellipsis_and_the_last_name():
    csl = style('<layout><names variable="author"><name delimiter=", " et-al-min="4" et-al-use-first="2" '
                'et-al-use-last="true"/></names></layout>')
    assert texts(csl, [book(author=[name(f"N{n}", f"G{n}") for n in range(1, 7)])]) == ["G1 N1, G2 N2, … G6 N6"]


def test_delimiter_precedes_last_takes_all_four_values():
    two, three = (book(k, author=[name(f"N{n}", f"G{n}") for n in range(1, count + 1)])
                  for k, count in (("a", 2), ("b", 3)))
    expected = {"always": ["N1, G., and G. N2", "N1, G., G. N2, and G. N3"],
                "never": ["N1, G. and G. N2", "N1, G., G. N2 and G. N3"],
                "contextual": ["N1, G. and G. N2", "N1, G., G. N2, and G. N3"],
                "after-inverted-name": ["N1, G., and G. N2", "N1, G., G. N2 and G. N3"]}
    for value, text in expected.items():
        csl = style(f'<layout><names variable="author"><name and="text" delimiter=", " delimiter-precedes-last='
                    f'"{value}" name-as-sort-order="first" initialize-with="."/></names></layout>')
        assert texts(csl, [two, three]) == text, value


def test_form_count_counts_the_names_that_would_print():
    csl = style('<layout><names variable="author"><name form="count"/></names><text value="|"/>'
                '<names variable="author"><name form="count" et-al-min="3" et-al-use-first="2"/></names></layout>')
    assert texts(csl, [book(author=[name(f"N{n}", f"G{n}") for n in range(1, 7)])]) == ["6|2"]


def test_label_goes_before_or_after_the_names_plural_by_count_with_editortranslator():
    csl = style('<layout><group delimiter="|"><names variable="editor"><label form="short" prefix="(" suffix=") "/>'
                '<name/></names><names variable="editor"><name/><label form="long" prefix=", "/></names>'
                '<names variable="editor translator"><name and="text"/><label form="short" prefix=" (" suffix=")"/>'
                '</names></group></layout>')
    items = [book("a", editor=[name("Ed", "A")]), book("b", editor=[name("Ed", "A"), name("Ed", "B")]),
             book("c", editor=[name("Ed", "A")], translator=[name("Ed", "A")]),
             book("d", editor=[name("Ed", "A")], translator=[name("Tr", "B")])]
    assert texts(csl, items) == [
        "(ed.) A Ed|A Ed, editor|A Ed (ed.)",
        "(eds.) A Ed, B Ed|A Ed, B Ed, editors|A Ed and B Ed (eds.)",
        "(ed.) A Ed|A Ed, editor|A Ed (ed. & trans.)",
        "(ed.) A Ed|A Ed, editor|A Ed (ed.)B Tr (trans.)"]


def test_substitute_first_child_that_renders_wins_and_is_not_printed_again():
    csl = style('<layout><group delimiter=". "><names variable="author"><name and="text" initialize-with=". "/>'
                '<label prefix=" (" suffix=")" form="short"/><substitute><names variable="editor"/>'
                '<names variable="translator"/><text variable="title"/></substitute></names>'
                '<text variable="title" font-style="italic"/><names variable="editor" prefix="Ed. "/>'
                '<names variable="translator" prefix="Tr. "/></group></layout>')
    items = [book("a", title="T", editor=[name("Ed", "Alan"), name("Ed", "Bert")], translator=[name("Tr", "Carl")]),
             book("b", title="T", translator=[name("Tr", "Carl")]), book("c", title="T")]
    assert texts(csl, items) == ["A. Ed and B. Ed (eds.). T. Tr. Carl Tr", "C. Tr (trans.). T", "T"]


def test_substitute_bare_names_inherit_the_parents_name_et_al_and_label():
    csl = style('<layout><names variable="author"><name and="text" initialize-with=". " et-al-min="3" '
                'et-al-use-first="1"/><et-al term="and others"/><substitute><names variable="editor"/></substitute>'
                '</names></layout>')
    assert texts(csl, [book(editor=[name(f"N{n}", f"G{n}") for n in range(1, 7)])]) == ["G. N1 and others"]


def test_names_added_and_given_names_expanded_by_disambiguation_are_printed():
    csl = style('<layout><text variable="title"/></layout>',
                citation='<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", "><names variable="author">'
                         '<name form="short" initialize-with="." et-al-min="3" et-al-use-first="1"/></names>'
                         '<date variable="issued"><date-part name="year"/></date></group></layout>',
                citation_attrs='disambiguate-add-givenname="true" givenname-disambiguation-rule="by-cite" '
                               'disambiguate-add-names="true"')
    items = [book("l1", author=[name("Lee", "Ji-Hoon"), name("Park", "Q")], issued=year(2019)),
             book("l2", author=[name("Lee", "Soo-Yeon"), name("Park", "Q")], issued=year(2019)),
             book("w1", author=[name("Wang", "Q"), name("Li", "X"), name("Zhao", "Y")], issued=year(2021)),
             book("w2", author=[name("Wang", "Q"), name("Chen", "X"), name("Zhao", "Y")], issued=year(2021))]
    assert cite_texts(csl, items, [["l1", "l2"], ["w1", "w2"]]) == [
        "(J.-H. Lee, Park, 2019; S.-Y. Lee, Park, 2019)", "(Wang, Li, et al., 2021; Wang, Chen, et al., 2021)"]


def test_a_bare_names_in_a_choose_or_group_of_a_substitute_inherits_the_outer_options():
    """CSL 1.0.2 "Substitution": a cs:names without a cs:name takes the enclosing one's
    options, as citeproc-js also does inside a cs:choose or cs:group of the substitute (not
    across a macro call); chicago-author-date printed a book's editor as "A. Leroy" for
    "Leroy, Anna, ed."."""
    items = [book("e", title="T", editor=[name("Leroy", "Anna")])]
    expected = {'<choose><if match="none" type="standard"><names variable="editor"/></if></choose>': "Leroy, Anna, ed.",
                '<choose><if type="book"><group><names variable="editor"/></group></if></choose>': "Leroy, Anna, ed.",
                '<text macro="ed"/>': "Anna Leroy",
                '<choose><if type="book"><names variable="editor"><name/></names></if></choose>': "Anna Leroy"}
    for substitute, text in expected.items():
        csl = style('<layout><names variable="composer"><name name-as-sort-order="first" initialize="false"/>'
                    f'<label form="short" prefix=", "/><substitute><names variable="author"/>{substitute}'
                    '</substitute></names></layout>', before='<macro name="ed"><names variable="editor"/></macro>')
        assert texts(csl, items) == [text], substitute
    assert texts("chicago-author-date", [dict(items[0], issued=year(2023))]) == ["Leroy, Anna, ed. 2023. T."]
