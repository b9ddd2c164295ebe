"""`citefmt check` lint rules, through the library: one failing and one passing example per rule."""

from __future__ import annotations

import datetime
import json

import pytest

from citefmt.check import RULES, Severity, check_text
from citefmt.check.rules import isbn_ok, issn_ok, normalize_doi

TODAY = datetime.date(2026, 11, 25)

#: A clean journal article; each example changes a few fields of it (None removes one).
BASE = {
    "id": "smith2020", "type": "article-journal", "language": "en",
    "title": "A study of things in adults",
    "author": [{"family": "Smith", "given": "John A."}, {"family": "Jones", "given": "Ann"}],
    "container-title": "Journal of Tests", "issued": {"date-parts": [[2020, 5, 17]]},
    "volume": "12", "issue": "3", "page": "100-110", "DOI": "10.1000/jt.2020.12",
}


def item(**changes) -> dict:
    data = dict(BASE)
    for key, value in changes.items():
        key = key.replace("_", "-") if key not in ("DOI", "URL", "ISSN", "ISBN", "PMID", "PMCID") else key
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def rules_of(*items: dict) -> list[tuple[str, str]]:
    report = check_text(json.dumps(list(items), ensure_ascii=False), name="refs.json", today=TODAY)
    return [(f.rule, f.field) for f in report.findings]


BOOK = {"id": "b", "type": "book", "language": "en", "title": "A book about stuff",
        "author": [{"family": "Brown", "given": "Carol"}], "publisher": "Test Press",
        "publisher-place": "London", "issued": {"date-parts": [[2019]]}}

# rule id -> (failing item, field the finding points at, passing item)
CASES = {
    "doi-format": (item(DOI="j.phrs.2016.07.019"), "[0].DOI", item(DOI="10.1016/j.phrs.2016.07.019")),
    "doi-missing-10": (item(DOI="1016/j.phrs.2016.07.019"), "[0].DOI", item(DOI="10.1016/j.phrs.2016.07.019")),
    "doi-prefix": (item(DOI="https://doi.org/10.1378/chest.97.3.674"), "[0].DOI", item(DOI="10.1378/chest.97.3.674")),
    "doi-trailing-punctuation": (item(DOI="10.1182/blood-2014-10-551911."), "[0].DOI",
                                 item(DOI="10.1182/blood-2014-10-551911")),
    "doi-in-url": (item(DOI=None, URL="https://onlinelibrary.wiley.com/doi/full/10.1002/cncr.22524"), "[0].URL",
                   item(URL="https://example.org/articles/22524")),
    "doi-in-note": (item(DOI=None, note="Available from: doi:10.1002/cncr.22524."), "[0].note",
                    item(note="Published online ahead of print.")),
    "issn-invalid": (item(ISSN="1997-6934"), "[0].ISSN", item(ISSN="1997-6933, 2500-2139")),
    "isbn-invalid": (dict(BOOK, ISBN="978-0-306-40615-8"), "[0].ISBN", dict(BOOK, ISBN="978-0-306-40615-7")),
    "pmid-invalid": (item(PMID="PMID: 15914219"), "[0].PMID", item(PMID="15914219")),
    "pmcid-invalid": (item(PMCID="1234567"), "[0].PMCID", item(PMCID="PMC1234567")),
    "missing-container-title": (item(container_title=None), "[0]", item()),
    "missing-date": (item(issued=None), "[0]", item(issued=None, status="in press")),
    "missing-title": (item(title=None), "[0]", item()),
    "missing-publisher": (dict(BOOK, publisher=None), "[0]", BOOK),
    "page-reversed": (item(page="357-350"), "[0].page", item(page="350-357")),
    "page-abbreviated": (item(page="350-7"), "[0].page", item(page="e174-e176")),
    "page-dash": (item(page="350—357"), "[0].page", item(page="350-357, 400-412")),
    "date-impossible": (item(issued={"date-parts": [[2020, 4, 31]]}), "[0].issued.date-parts[0]",
                        item(issued={"date-parts": [[2024, 2, 29]]})),
    "date-future": (item(issued={"date-parts": [[2031]]}), "[0].issued.date-parts[0]",
                    item(issued={"date-parts": [[2026]]})),
    "name-initials": (item(author=[{"family": "Zaitsev", "given": "DV"}]), "[0].author[0].given",
                      item(author=[{"family": "Zaitsev", "given": "D. V."}, {"family": "Badaev", "given": "R. Sh."},
                                   {"family": "Tsimberidou", "given": "A.-M."}, {"family": "Уэст", "given": "Дж. Б."}])),
    "name-et-al": (item(author=[{"family": "Smith", "given": "J."}, {"literal": "et al."}]), "[0].author[1].literal",
                   item(author=[{"family": "Smith", "given": "J."}, {"literal": "World Health Organization"}])),
    "name-swapped": (item(author=[{"family": "D. V.", "given": "Zaitsev"}]), "[0].author[0]",
                     item(author=[{"family": "Zaitsev", "given": "D. V."}])),
    "mixed-script": (item(title="Лечение острого лейкоза в Мoскве", language="ru"), "[0].title",
                     item(title="Экспрессия CD33 и p53 при ОМЛ в Москве", language="ru")),
    "title-trailing-period": (item(title="A study of things in adults."), "[0].title",
                              item(title="Apples, pears, etc.")),
    "title-all-caps": (item(title="A STUDY OF THINGS IN ADULTS"), "[0].title",
                       item(title="TP53 and decitabine in AML and MDS")),
    "markup-unbalanced": (item(title="Resistance of <i>Staphylococcus aureus"), "[0].title",
                          item(title="Resistance of <i>Staphylococcus aureus</i> to CO<sub>2</sub>")),
    "language-missing": (item(title="Лечение острого миелоидного лейкоза", language=None), "[0].title",
                         item(title="Лечение острого миелоидного лейкоза", language="ru")),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fails_on_the_bad_example(rule):
    bad, field, _ = CASES[rule]
    assert (rule, field) in rules_of(bad)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_passes_on_the_good_example(rule):
    _, _, good = CASES[rule]
    assert rules_of(good) == []


def test_every_warning_rule_has_examples():
    covered = set(CASES) | {"duplicate-doi", "duplicate-title", "missing-style-field"}
    warnings = {rule.id for rule in RULES.values() if rule.severity is Severity.warning}
    assert warnings == covered


def test_duplicate_doi():
    other = item(id="other", title="Another study entirely", DOI="10.1000/JT.2020.12")
    assert ("duplicate-doi", "[1].DOI") in rules_of(item(), other)
    assert rules_of(item(), item(id="other", title="Another study entirely", DOI="10.1000/jt.2020.13")) == []


def test_duplicate_title_and_year():
    twin = item(id="twin", DOI=None, title="A Study of Things in Adults")
    assert ("duplicate-title", "[1].title") in rules_of(item(), twin)
    assert rules_of(item(), item(id="later", DOI=None, issued={"date-parts": [[2021]]})) == []
    # Same title and year, but plainly different works: two volumes.
    assert rules_of(dict(BOOK, volume="1"), dict(BOOK, id="b2", volume="2")) == []


def test_missing_style_field():
    book = dict(BOOK)
    del book["publisher-place"]
    report = check_text(json.dumps([book]), name="b.json", style="vancouver", today=TODAY)
    assert [(f.rule, f.field) for f in report.findings] == [("missing-style-field", "[0]")]
    assert "publisher-place" in report.findings[0].message
    # APA 7 does not print the place: no finding; and the complete book passes with Vancouver.
    assert check_text(json.dumps([book]), name="b.json", style="apa", today=TODAY).findings == []
    assert check_text(json.dumps([BOOK]), name="b.json", style="vancouver", today=TODAY).findings == []


def test_style_rule_is_quiet_on_the_bundled_article_and_corpus():
    from citefmt.check import check_source
    from helpers import ROOT

    for style in ("vancouver", "apa", "gost"):
        assert check_source(None, style=style).findings == []
        found = check_source(ROOT / "tests" / "corpus" / "references.json", style=style, today=TODAY).findings
        assert [f for f in found if f.rule == "missing-style-field"] == []


# --- details of individual rules -------------------------------------------------------------------

@pytest.mark.parametrize("value, fixed", [
    ("10.1000/xyz", "10.1000/xyz"),
    ("doi: 1016/j.phrs.2016.07.019", "10.1016/j.phrs.2016.07.019"),
    ("dol: 1378/chest.97.3.674", "10.1378/chest.97.3.674"),
    ("DOI:10.1159/000253592", "10.1159/000253592"),
    ("https://doi.org/10.1016/j.x", "10.1016/j.x"),
    ("http://dx.doi.org/10.1016%2Fj.x", "10.1016/j.x"),
    ("10.1182/blood-2014-10-551911.", "10.1182/blood-2014-10-551911"),
])
def test_normalize_doi(value, fixed):
    assert normalize_doi(value) == fixed


def test_printed_dol_typo_is_two_findings_with_one_fix():
    report = check_text(json.dumps([item(DOI="dol: 1378/chest.97.3.674")]), name="r.json", today=TODAY)
    assert sorted(f.rule for f in report.findings) == ["doi-missing-10", "doi-prefix"]
    assert {f.fix.new for f in report.findings} == {"10.1378/chest.97.3.674"}


@pytest.mark.parametrize("issn, ok", [("1997-6933", True), ("2500-2139", True), ("0000-006X", True),
                                      ("0317-8471", True), ("1997-6934", False), ("19976933", True)])
def test_issn_check_digit(issn, ok):
    assert issn_ok(issn) is ok


@pytest.mark.parametrize("isbn, ok", [("9780306406157", True), ("0306406152", True), ("080442957X", True),
                                      ("9780306406158", False), ("0306406153", False)])
def test_isbn_check_digit(isbn, ok):
    assert isbn_ok(isbn) is ok


def test_several_isbns_in_one_field():
    assert rules_of(dict(BOOK, ISBN="978-0-306-40615-7 (pbk.); 0-306-40615-2")) == []
    assert rules_of(dict(BOOK, ISBN="978-0-306-40615-7 0-306-40615-2")) == []


@pytest.mark.parametrize("page, rule", [
    ("350–7", "page-abbreviated"), ("1058-61", "page-abbreviated"), ("e174-6", "page-abbreviated"),
    ("2697–702", "page-abbreviated"), ("e176-e174", "page-reversed"), ("350 - 357", "page-dash"),
    ("350−357", "page-dash"), ("350--357", "page-dash"), ("1-5, 7–9", "page-dash"),
])
def test_page_defects(page, rule):
    assert rules_of(item(page=page)) == [(rule, "[0].page")]


@pytest.mark.parametrize("page", ["350-357", "350–357", "e174-e176", "S12-S18", "xi-xv", "874", "m1823",
                                  "1-10", "96-101", "e88181", "12, 15-18"])
def test_clean_pages(page):
    assert rules_of(item(page=page)) == []


def test_page_dashes_mixed_across_the_file():
    found = rules_of(item(page="1-10"), item(id="b", DOI=None, page="11–20", title="Second"),
                     item(id="c", DOI=None, page="21-30", title="Third"))
    assert found == [("page-dash", "[1].page")]
    # A file written with en dashes throughout (as a journal prints them) is consistent.
    assert rules_of(item(page="1–10"), item(id="b", DOI=None, page="11–20", title="Second")) == []


@pytest.mark.parametrize("issued, bad", [
    ({"date-parts": [[2020, 13]]}, True), ({"date-parts": [[2020, 0]]}, True),
    ({"date-parts": [[2023, 2, 29]]}, True), ("2020-02-30", True), ("2020-13", True),
    ({"date-parts": [[2020, 12, 31]]}, False), ("2020-21", False), ({"date-parts": [[2020, 21]]}, False),
    ("2019/2020", False), ({"date-parts": [[2020, 21, 3]]}, True),
    ({"date-parts": [[2019], [2020]]}, False), ({"literal": "in press"}, False),
])
def test_dates(issued, bad):
    assert bool(rules_of(item(issued=issued))) is bad


def test_future_accessed_date():
    found = rules_of(item(URL="https://example.org", accessed={"date-parts": [[2026, 12, 1]]}))
    assert found == [("date-future", "[0].accessed.date-parts[0]")]
    assert rules_of(item(URL="https://example.org", accessed={"date-parts": [[2026, 11, 25]]})) == []


@pytest.mark.parametrize("given", ["DV", "D.V.", "Yu.V.", "D. V", "John D", "JRR"])
def test_initials_without_periods_or_spaces(given):
    assert rules_of(item(author=[{"family": "Zaitsev", "given": given}])) == [("name-initials", "[0].author[0].given")]


@pytest.mark.parametrize("given", ["D. V.", "R. Sh.", "Yu. V.", "A.-M.", "J.-P.", "Jean-Paul", "Gert J.",
                                   "Дж. Б.", "Иван Петрович", "Wei Shen", "伸弥", "Íñigo"])
def test_clean_given_names(given):
    assert rules_of(item(author=[{"family": "Zaitsev", "given": given}])) == []


@pytest.mark.parametrize("name", [{"family": "et al."}, {"literal": "et al"}, {"family": "и др."},
                                  {"literal": "и соавт."}, {"family": "Smith et al."}])
def test_et_al_as_a_name(name):
    assert rules_of(item(author=[{"family": "Jones", "given": "A."}, name]))[0][0] == "name-et-al"


@pytest.mark.parametrize("name", [{"family": "DV", "given": "Zaitsev"}, {"family": "D.", "given": "Zaitsev"},
                                  {"family": "Dmitry", "given": "ZAITSEV"}, {"family": "Д. В.", "given": "Зайцев"}])
def test_swapped_names(name):
    assert rules_of(item(author=[name])) == [("name-swapped", "[0].author[0]")]


@pytest.mark.parametrize("name", [{"family": "Li", "given": "Na"}, {"family": "Ng", "given": "Andrew"},
                                  {"family": "Aristotle"}, {"family": "屠", "given": "呦呦"},
                                  {"literal": "C4591001 Clinical Trial Group"}])
def test_names_that_are_not_swapped(name):
    assert rules_of(item(author=[name])) == []


@pytest.mark.parametrize("changes, field", [
    ({"title": "Cаncer in adults"}, "[0].title"),                                 # Cyrillic а
    ({"title": "Study of а patient"}, "[0].title"),                               # Cyrillic а, alone
    ({"title": "Лечение больных c лейкозом", "language": "ru"}, "[0].title"),     # Latin c, alone
    ({"author": [{"family": "Ивaнов", "given": "И. И."}]}, "[0].author[0].family"),
    ({"author": [{"family": "Иванов", "given": "И. B."}]}, "[0].author[0].given"),
    ({"container-title": "Гематология и трансфузиoлогия"}, "[0].container-title"),
])
def test_homoglyphs(changes, field):
    assert ("mixed-script", field) in rules_of(item(**{k.replace("-", "_"): v for k, v in changes.items()}))


@pytest.mark.parametrize("title", ["Экспрессия p53 в опухолях", "B-клеточный лимфолейкоз и CD20",
                                   "Ca2+-зависимые каналы", "Induction by calicheamicin θII"])
def test_no_homoglyph_in_mixed_but_honest_text(title):
    assert rules_of(item(title=title, language="ru")) == []


@pytest.mark.parametrize("title", ["Lorem ipsum in the U.S.", "Apples, pears, etc.", "Ending with a question?",
                                   "Wait for it...", "Studies of Staphylococcus spp."])
def test_titles_ending_in_an_abbreviation_are_fine(title):
    assert rules_of(item(title=title)) == []


@pytest.mark.parametrize("title, caps", [
    ("GEMTUZUMAB OZOGAMICIN", True), ("ЛЕЧЕНИЕ ОСТРОГО ЛЕЙКОЗА", True), ("PLOS ONE", False), ("BMJ", False),
    ("AML AND MDS", False), ("CONSORT 2010", False), ("TP53 and decitabine in AML", False),
])
def test_all_caps_titles(title, caps):
    assert (("title-all-caps", "[0].title") in rules_of(item(title=title, language="ru"))) is caps


def test_trailing_period_fix_keeps_markup():
    report = check_text(json.dumps([item(title="Resistance of <i>E. coli</i>.")]), name="r.json", today=TODAY)
    assert [f.fix.new for f in report.findings] == ["Resistance of <i>E. coli</i>"]


def test_invalid_field_is_an_error_not_a_missing_part():
    report = check_text(json.dumps([item(issued={"date-parts": [[2020, "May"]]})]), name="r.json", today=TODAY)
    assert [(f.rule, f.severity.value) for f in report.findings] == [("invalid-date", "error")]


def test_findings_point_at_the_value_in_yaml():
    text = "references:\n  - id: a\n    type: article-journal\n    title: T\n" \
           "    container-title: J\n    issued: {date-parts: [[2020]]}\n    DOI: 1016/j.x.2020\n"
    (finding,) = check_text(text, name="r.yaml", today=TODAY).findings
    assert (finding.file, finding.line, finding.column, finding.field) == ("r.yaml", 7, 10, "references[0].DOI")
    assert str(finding).startswith("r.yaml:7:10: warning[doi-missing-10]: references[0].DOI: ")
