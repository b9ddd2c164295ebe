"""`citefmt cite`: the article's own reference, references by id, and in-text citation clusters."""

from __future__ import annotations

import json

from helpers import SMALL_REFS_YAML, invoke_cached

ZAITSEV_VANCOUVER = (
    "Zaitsev DV, Girshova LL, Ivanov VV, Budaeva IG, Motorin DV, Badaev RSh, et al. Gemtuzumab "
    "Ozogamicin in the Treatment of Critical Patients with Refractory Acute Myeloid Leukemia "
    "(3 Case Reports). Clinical oncohematology. 2020;13(1):67–74. doi:10.21320/2500-2139-2020-13-1-67-74\n"
)


def test_default_is_the_articles_own_reference_in_vancouver(run):
    result = run(["cite"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == ZAITSEV_VANCOUVER


def test_article_reference_has_no_list_number(run):
    for style in ("vancouver", "gost"):
        line = invoke_cached("cite", "-s", style).stdout
        assert line.startswith("Zaitsev"), (style, line)


def test_article_in_apa_lists_every_author(run):
    line = invoke_cached("cite", "-s", "apa").stdout
    assert line.startswith("Zaitsev, D. V., Girshova, L. L., ")
    assert "Alekseeva, Yu. A., & Zaritskey, A. Y. (2020). Gemtuzumab Ozogamicin" in line
    assert line.endswith("https://doi.org/10.21320/2500-2139-2020-13-1-67-74\n")
    assert line.count("\n") == 1


def test_id_of_the_article_equals_the_default(run):
    assert run(["cite", "--id", "zaitsev2020"]).stdout == ZAITSEV_VANCOUVER


def test_ids_one_per_line_in_the_order_given(run):
    result = run(["cite", "--id", "thol2015", "--id", "rabbat2005"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Thol F, Schlenk R, Heuser M, Ganser A. How I treat refractory and early relapsed acute myeloid "
        "leukemia. Blood. 2015;126(3):319–27. doi:10.1182/blood-2014-10-551911",
        "Rabbat A, Chaoui D, Montani D. Prognosis of patients with acute myeloid leukaemia admitted to "
        "intensive care. Br J Haematol. 2005;129(3):350–7. doi:10.1111/j.1365-2141.2005.05459.x",
    ]


def test_id_in_gost(run):
    """GOST prints an entry in its item's language: rabbat2005 is English (Vol., P.)."""
    result = run(["cite", "-s", "gost", "--id", "rabbat2005"])
    assert result.stdout == ("Rabbat A., Chaoui D., Montani D. Prognosis of patients with acute myeloid "
                             "leukaemia admitted to intensive care // Br J Haematol. 2005. Vol. 129, № 3. "
                             "P. 350–357.\n")


def test_in_text_apa_example_from_help(run):
    result = run(["cite", "-s", "apa", "--in-text", "rabbat2005", "--in-text", "thol2015,rabbat2005"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "(Rabbat et al., 2005)\n(Rabbat et al., 2005; Thol et al., 2015)\n"


def test_in_text_vancouver_numbers_by_first_citation(run):
    result = run(["cite", "--in-text", "thol2015", "--in-text", "rabbat2005,thol2015",
                  "--in-text", "patil2016", "--in-text", "thol2015"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "(1)\n(1,2)\n(3)\n(1)\n"


def test_in_text_ids_are_stripped(run):
    result = run(["cite", "--in-text", " rabbat2005 , thol2015 "])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "(1,2)\n"


def test_in_text_gost_uses_brackets(run):
    assert run(["cite", "-s", "gost", "--in-text", "rabbat2005", "--in-text", "thol2015"]).stdout == "[1]\n[2]\n"


def test_in_text_vancouver_collapses_ranges(run):
    result = run(["cite", "--in-text", "rabbat2005,thol2015,cardenas-turanzas2013"])
    assert result.stdout == "(1–3)\n"


def test_file_without_article(run, write_file):
    path = write_file("refs.yaml", SMALL_REFS_YAML)
    by_id = run(["cite", path, "-s", "apa", "--id", "brown2019"])
    assert by_id.exit_code == 0, by_id.stderr
    assert by_id.stdout == "Brown, C. (2019). A book about stuff. Test Press.\n"
    in_text = run(["cite", path, "-s", "apa", "--in-text", "smith2020,brown2019"])
    assert in_text.exit_code == 0, in_text.stderr
    assert in_text.stdout == "(Brown, 2019; Smith & Jones, 2020)\n"


def test_file_without_article_cannot_cite_the_article(run, write_file):
    path = write_file("refs.yaml", SMALL_REFS_YAML)
    result = run(["cite", path])
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.error_lines == [
        "citefmt: error: refs.yaml has no `article:`, so there is no article to cite "
        "(pass --id ID to format references, or use `citefmt refs`)"]


def test_unknown_id_names_the_closest(run):
    result = run(["cite", "--id", "rabat2005"])
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.error_lines == ["citefmt: error: no reference with id 'rabat2005' (did you mean rabbat2005?)"]


def test_unknown_id_in_a_cluster(run):
    result = run(["cite", "--in-text", "rabbat2005,nobody1999"])
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.error_lines[0].startswith("citefmt: error: no reference with id 'nobody1999'")


def test_empty_cluster_is_an_error(run):
    result = run(["cite", "--in-text", ","])
    assert result.exit_code == 4
    assert "names no ids" in result.stderr


def test_id_and_in_text_together_is_a_usage_error(run):
    result = run(["cite", "--id", "rabbat2005", "--in-text", "thol2015"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "either --id or --in-text" in result.stderr


def test_json_for_in_text(run):
    result = run(["cite", "-s", "apa", "-f", "json", "--in-text", "rabbat2005", "--in-text", "thol2015,rabbat2005"])
    data = json.loads(result.stdout)
    assert data["style"] == "apa"
    assert data["entries"] == []
    assert [c["ids"] for c in data["citations"]] == [["rabbat2005"], ["thol2015", "rabbat2005"]]
    assert [c["text"] for c in data["citations"]] == ["(Rabbat et al., 2005)", "(Rabbat et al., 2005; Thol et al., 2015)"]


def test_json_for_the_article(run):
    data = json.loads(run(["cite", "-f", "json"]).stdout)
    assert [e["id"] for e in data["entries"]] == ["zaitsev2020"]
    assert data["entries"][0]["text"] + "\n" == ZAITSEV_VANCOUVER
    assert data["citations"] == []
