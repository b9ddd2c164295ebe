"""`citefmt refs`: the reference list, in the style's order and numbering, one entry per line."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import ARTICLE, SMALL_REFS_YAML, invoke_cached


def first_family(item: dict) -> str:
    return item["author"][0]["family"]


def test_default_is_the_bundled_article_in_vancouver(run, article_data):
    result = invoke_cached("refs")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.split("\n")
    assert lines[-1] == "", "the output ends with exactly one newline"
    lines = lines[:-1]
    references = article_data["references"]
    assert len(lines) == len(references) == 31
    # Vancouver numbers by order of citation (= the printed order): "N. Family I, ...".
    for number, (line, item) in enumerate(zip(lines, references), start=1):
        assert line.startswith(f"{number}. {first_family(item)} "), line


def test_stdout_holds_only_the_entries(run):
    result = invoke_cached("refs", "-s", "apa")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 31
    assert all(line.strip() == line and line for line in lines), "no blank, padded or header lines"
    assert "<" not in result.stdout and "\x1b" not in result.stdout


def test_no_command_is_refs(run):
    assert invoke_cached().stdout_bytes == invoke_cached("refs").stdout_bytes
    assert invoke_cached().exit_code == 0


def test_explicit_article_path_is_the_default(run):
    assert invoke_cached("refs", ARTICLE).stdout_bytes == invoke_cached("refs").stdout_bytes


def test_apa_is_alphabetical_and_unnumbered(run, article_data):
    lines = invoke_cached("refs", "-s", "apa").stdout.splitlines()
    families = sorted((first_family(i) for i in article_data["references"]), key=str.casefold)
    assert [line.split(",")[0] for line in lines] == families
    assert not any(re.match(r"^\[?\d+[.\]]?\s", line) for line in lines)


def test_gost_is_numbered_with_the_terms_of_each_items_language(run):
    """GOST prints each entry in its item's language: the 31 references are English, the article Russian."""
    lines = invoke_cached("refs", "-s", "gost").stdout.splitlines()
    assert len(lines) == 31
    assert [int(line.split(".")[0]) for line in lines] == list(range(1, 32))
    assert " // " in lines[0] and "Vol. 129" in lines[0] and "P. 350–357" in lines[0]
    assert "Thol F. et al. " in lines[1]
    article = invoke_cached("cite", "-s", "gost").stdout
    assert "Zaitsev D. V. и др. " in article and "Т. 13, № 1. С. 67–74." in article


@pytest.mark.parametrize("alias", ["vancouver", "nlm", "nlm-citation-sequence", "vancouver-nlm"])
def test_vancouver_aliases_and_dependent_render_the_same(run, alias):
    expected = invoke_cached("refs", "-s", "nlm-citation-sequence").stdout_bytes
    assert invoke_cached("refs", "-s", alias).stdout_bytes == expected


@pytest.mark.parametrize("alias, style_id", [("apa", "apa"), ("gost", "gost-r-7-0-5-2008-numeric")])
def test_aliases_equal_their_official_ids(run, alias, style_id):
    assert invoke_cached("refs", "-s", alias).stdout_bytes == invoke_cached("refs", "-s", style_id).stdout_bytes


def test_styles_differ(run):
    styles = ("vancouver", "apa", "gost", "the-lancet")
    outputs = {style: invoke_cached("refs", "-s", style).stdout for style in styles}
    assert len(set(outputs.values())) == 4


def test_official_style_the_lancet(run):
    lines = invoke_cached("refs", "-s", "the-lancet").stdout.splitlines()
    assert lines[0].startswith("1 Rabbat A, Chaoui D, Montani D.")
    assert "Br J Haematol 2005; 129: 350–7." in lines[0]


def test_style_from_a_csl_path(run, tmp_path):
    from citefmt.styles import official_styles_dir

    copy = tmp_path / "my-style.csl"
    shutil.copy(official_styles_dir() / "apa.csl", copy)
    result = run(["refs", "-s", copy])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == invoke_cached("refs", "-s", "apa").stdout_bytes


def test_dependent_style_from_a_csl_path_renders_with_its_parent(run, tmp_path):
    from citefmt.styles import official_styles_dir

    copy = tmp_path / "dep.csl"
    shutil.copy(official_styles_dir() / "dependent" / "vancouver-nlm.csl", copy)
    result = run(["refs", "-s", copy])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == invoke_cached("refs", "-s", "vancouver").stdout_bytes


def test_locale_option_forces_the_terms_of_english_items(run):
    russian = invoke_cached("refs", "-s", "gost", "-l", "ru-RU").stdout.splitlines()[1]
    assert russian == ("2. Thol F. и др. How I treat refractory and early relapsed acute myeloid leukemia "
                       "// Blood. 2015. Т. 126, № 3. С. 319–327.")


def test_locale_option_forces_the_terms_of_a_russian_item(run):
    english = invoke_cached("cite", "-s", "gost", "-l", "en-US").stdout
    assert english == ("Zaitsev D. V. et al. Gemtuzumab Ozogamicin in the Treatment of Critical Patients with "
                       "Refractory Acute Myeloid Leukemia (3 Case Reports) // Clinical oncohematology. 2020. "
                       "Vol. 13, № 1. P. 67–74.\n")


def test_locale_language_only_picks_its_primary_dialect(run):
    english = invoke_cached("refs", "-s", "gost", "-l", "en-US").stdout
    assert invoke_cached("refs", "-s", "gost", "-l", "en").stdout == english


def test_reads_stdin(run):
    result = run(["refs", "-", "-s", "apa"], input=SMALL_REFS_YAML)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Brown, C. (2019). A book about stuff. Test Press.\n"
        "Smith, J., & Jones, A. (2020). A study of things. Journal of Tests, 12(3), 100–110.\n")


def test_small_file_in_vancouver(run, write_file):
    path = write_file("refs.yaml", SMALL_REFS_YAML)
    result = run(["refs", path])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "1. Smith J, Jones A. A study of things. Journal of Tests. 2020;12(3):100–10.",
        "2. Brown C. A book about stuff. London: Test Press; 2019.",
    ]


def test_apa_title_substituted_for_author_is_not_repeated(run):
    data = ("- id: noauthor\n  type: article-journal\n  title: No author here\n"
            "  container-title: Journal\n  issued: {date-parts: [[2020]]}\n")
    result = run(["refs", "-", "-s", "apa"], input=data)
    assert result.stdout == "No author here. (2020). Journal.\n"


def test_date_as_text_is_rendered(run):
    data = "- id: d\n  type: book\n  author: [{family: Doe, given: Jane}]\n  title: T\n  issued: 2019-05-01\n"
    result = run(["refs", "-", "-s", "apa"], input=data)
    assert result.exit_code == 0
    assert result.stdout.startswith("Doe, J. (2019). ")


def test_item_language_flag_turns_it_on_for_any_style(run):
    """`--item-language` renders the Russian article's own entry with ru-RU terms, as citeproc-js does."""
    result = run(["cite", "-s", "vancouver", "--item-language"])
    assert result.exit_code == 0, result.stderr
    assert "Badaev RSh, и др. Gemtuzumab" in result.stdout and "2020 г.;13(1):67–74." in result.stdout
    assert "et al." in invoke_cached("cite", "-s", "vancouver").stdout


def test_no_item_language_flag_prints_gost_in_the_styles_locale(run):
    result = run(["refs", "-s", "gost", "--no-item-language"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == invoke_cached("refs", "-s", "gost", "-l", "ru-RU").stdout
    assert result.stdout != invoke_cached("refs", "-s", "gost").stdout


