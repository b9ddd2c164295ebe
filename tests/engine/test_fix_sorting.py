"""``cs:sort`` and ``cs:key`` (:mod:`citefmt.engine.fixes.sorting`): sort keys and a real collation."""

from enginetools import book, name, style, texts, year

BY_TITLE = '<sort><key variable="title"/></sort><layout><text variable="title"/></layout>'


def _sorted_titles(titles, locale: str = "en-US") -> list[str]:
    return texts(style(BY_TITLE, locale=locale), [book(f"i{n}", title=t) for n, t in enumerate(titles)])


def test_strings_sort_as_people_sort_them():
    titles = ["Zebra", "Çelik", "Cole", "Ångström", "Apple", "Banana", "ёж", "ехать", "еда", "Strasse b",
              "Straße a", "Æther", "Adz", "Aeb", "apple", "Item 10", "Item 2", "O'Brien", "Obrien", "De la", "Dean"]
    # citeproc-py compared lower-cased code points: Ångström, Æther, Çelik and ёж after every z.
    assert _sorted_titles(titles) == [
        "Adz", "Aeb", "Æther", "Ångström", "Apple", "apple", "Banana", "Çelik", "Cole", "De la", "Dean",
        "Item 2", "Item 10", "O’Brien", "Obrien", "Straße a", "Strasse b", "Zebra", "еда", "ёж", "ехать"]


def test_scripts_sort_latin_first_by_default_and_cyrillic_first_in_russian():
    titles = ["Яблоко", "Apple", "Zebra", "Арбуз"]
    assert _sorted_titles(titles) == ["Apple", "Zebra", "Арбуз", "Яблоко"]
    assert _sorted_titles(titles, "de-DE") == ["Apple", "Zebra", "Арбуз", "Яблоко"]
    assert _sorted_titles(titles, "ru-RU") == ["Арбуз", "Яблоко", "Apple", "Zebra"]
    assert _sorted_titles(titles, "uk-UA") == ["Арбуз", "Яблоко", "Apple", "Zebra"]


def test_a_key_that_renders_nothing_sorts_last_ascending_and_descending():
    items = [book("a", title="A"), book("b", title="B", volume="2"), book("c", title="C"),
             book("d", title="D", volume="1")]
    layout = '<layout><group delimiter=" "><text variable="volume"/><text variable="title"/></group></layout>'
    ascending = style('<sort><key variable="volume"/><key variable="title" sort="descending"/></sort>' + layout)
    assert texts(ascending, items) == ["1 D", "2 B", "C", "A"]
    items[3]["volume"] = "10"
    descending = style('<sort><key variable="volume" sort="descending"/></sort>' + layout)
    assert texts(descending, items) == ["10 D", "2 B", "A", "C"]


def test_sort_ties_keep_the_order_the_items_were_registered_in():
    csl = style('<sort><key variable="volume"/></sort><layout><text variable="title"/></layout>')
    items = [book("a", title="Z", volume="1"), book("b", title="A", volume="1"), book("c", title="M", volume="1")]
    assert texts(csl, items) == ["Z", "A", "M"]


def test_macro_key_sorts_names_with_names_use_first_dates_as_full_dates_and_numbers_by_value():
    macros = ('<macro name="au"><names variable="author"><name name-as-sort-order="all" initialize-with="."/>'
              '</names></macro><macro name="date"><date variable="issued" form="text" date-parts="year-month"/>'
              '</macro><macro name="vol"><number variable="volume"/></macro>')
    csl = style('<sort><key macro="au" names-min="1" names-use-first="1"/><key macro="date"/><key macro="vol"/></sort>'
                '<layout><group delimiter=" | "><names variable="author"><name/></names><text macro="date"/>'
                '<text variable="volume"/></group></layout>', before=macros)
    items = [book("a", author=[name("Smith", "John"), name("Zed", "Z")], issued=year(2019, 11), volume="10"),
             book("b", author=[name("Smith", "John"), name("Abe", "A")], issued=year(2019, 5), volume="10"),
             book("c", author=[name("Smith", "John"), name("Abe", "A")], issued=year(2019, 11), volume="9"),
             book("d", author=[name("Adams", "Bob")], issued=year(2020), volume="1")]
    # Only the first author counts; May before November although "May" > "November"; 9 before 10.
    assert texts(csl, items) == ["Bob Adams | 2020 | 1", "John Smith, A Abe | May 2019 | 10",
                                 "John Smith, A Abe | November 2019 | 9", "John Smith, Z Zed | November 2019 | 10"]


def test_name_key_sorts_by_family_then_given_with_demote_non_dropping_particle():
    items = [book("a", author=[name("Beek", "Ludwig", non_dropping_particle="van")]),
             book("b", author=[name("Smith", "Zed")]), book("c", author=[name("Smith", "Adam")]),
             book("d", author=[name("Cole", "Xi")]), book("e", author=[name("Vance", "Al")]),
             book("f", author=[name("Humboldt", "A", dropping_particle="von")])]

    def sort(demote):
        csl = style('<sort><key variable="author"/></sort><layout><names variable="author"><name/></names></layout>',
                    attrs=f'demote-non-dropping-particle="{demote}"')
        return texts(csl, items)

    assert sort("display-and-sort") == sort("sort-only") == [
        "Ludwig van Beek", "Xi Cole", "A von Humboldt", "Adam Smith", "Zed Smith", "Al Vance"]
    assert sort("never") == ["Xi Cole", "A von Humboldt", "Adam Smith", "Zed Smith", "Ludwig van Beek", "Al Vance"]


def test_a_macro_key_sorts_by_the_names_without_their_label():
    """CSL 1.0.2 "Sorting", as citeproc-js applies it (test suite: sort_DropNameLabelInSort):
    a names label ("Ed.") is not part of a sort key, so an edited book by Smith sorts before
    Smith and Adams (its key is "Smith, A.", not "Smith, A. (Ed.)")."""
    items = [book("x1", type="article-journal", title="X1", issued=year(2018), author=[name("Smith", "A."), name("Cobb", "B.")]),
             book("x2", title="X2", issued=year(2023), editor=[name("Smith", "A.")]),
             book("x3", type="article-journal", title="X3", issued=year(2018), author=[name("Smith", "A."), name("Adams", "B.")])]
    # citeproc-js prints these for the same items.
    assert texts("apa", items) == ["Smith, A. (Ed.). (2023). X2.", "Smith, A., & Adams, B. (2018). X3.",
                                   "Smith, A., & Cobb, B. (2018). X1."]


def test_a_names_sort_key_is_the_names_alone_without_and_or_et_al():
    """citeproc-js sorts by the names a macro prints, leaving out the "and" before the last
    name and the "et al." of a shortened list: "Smith et al." sorts as "Smith" (a tie with a
    lone Smith, kept in registration order) and "Smith and Baker" as "Smith, Baker"."""
    macro = ('<macro name="au"><names variable="author"><name and="text" et-al-min="4" et-al-use-first="1"/>'
             '</names></macro>')
    csl = style('<sort><key macro="au"/></sort><layout><text macro="au"/></layout>', before=macro)
    smith = name("Smith", "John")
    items = [book("a", author=[smith, name("Adams", "A"), name("Brown", "B"), name("Cole", "C")]),
             book("b", author=[smith, name("Baker", "B")]), book("c", author=[smith, name("Young", "Y")]),
             book("d", author=[smith, name("Andrews", "A"), name("Ul", "U")]), book("e", author=[smith])]
    assert texts(csl, items) == ["John Smith et al.", "John Smith", "John Smith, A Andrews, and U Ul",
                                 "John Smith and B Baker", "John Smith and Y Young"]


def test_a_sort_only_particle_is_demoted_in_a_macro_sort_key_and_printed_in_place():
    """demote-non-dropping-particle="sort-only" (harvard-cite-them-right): "van Silva" prints
    as written and sorts under S, in a macro key as in a variable key."""
    macro = '<macro name="au"><names variable="author"><name name-as-sort-order="all"/></names></macro>'
    items = [book("v", author=[name("Silva", "Lars", non_dropping_particle="van")]), book("t", author=[name("Tan", "A")]),
             book("r", author=[name("Ross", "B")])]
    for key in ('<key macro="au"/>', '<key variable="author"/>'):
        csl = style(f'<sort>{key}</sort><layout><text macro="au"/></layout>', before=macro,
                    attrs='demote-non-dropping-particle="sort-only"')
        assert texts(csl, items) == ["Ross, B", "van Silva, Lars", "Tan, A"]


def test_a_short_name_in_a_sort_key_sorts_without_its_particle_unless_never_demoted():
    """A macro key printing short names (american-sociological-association's author-short)
    sorts "Di Souza" under S, unless demote-non-dropping-particle="never"."""
    macro = '<macro name="au"><names variable="author"><name form="short"/></names></macro>'
    items = [book("d", author=[name("Souza", "E", non_dropping_particle="Di")]), book("l", author=[name("Luo", "A")]),
             book("w", author=[name("Weber", "B")])]
    for demote, expected in (("sort-only", ["Luo", "Di Souza", "Weber"]), ("display-and-sort", ["Luo", "Di Souza", "Weber"]),
                             ("never", ["Di Souza", "Luo", "Weber"])):
        csl = style('<sort><key macro="au"/></sort><layout><text macro="au"/></layout>', before=macro,
                    attrs=f'demote-non-dropping-particle="{demote}"')
        assert texts(csl, items) == expected


def test_a_sort_key_counting_no_names_counts_zero():
    """A macro key printing form="count" names sorts an item without those names as 0:
    first ascending, last descending (citeproc-js; sage-harvard's author-count key put a
    corporate author's article before its web pages)."""
    macro = ('<macro name="count"><names variable="author"><name form="count"/>'
             '<substitute><names variable="editor"/></substitute></names></macro>')
    items = [book("a", title="A"), book("e", title="E", author=[name("X", "Y")]),
             book("f", title="F", author=[name("X", "Y"), name("Z", "W")]), book("d", title="D", editor=[name("Q", "R")])]
    layout = '<layout><text variable="title"/></layout>'
    assert texts(style('<sort><key macro="count"/></sort>' + layout, before=macro), items) == ["A", "E", "D", "F"]
    assert texts(style('<sort><key macro="count" sort="descending"/></sort>' + layout, before=macro), items) == [
        "F", "E", "D", "A"]
    bare = macro.replace('<substitute><names variable="editor"/></substitute>', "")
    assert texts(style('<sort><key macro="count"/></sort>' + layout, before=bare), items) == ["A", "D", "E", "F"]
