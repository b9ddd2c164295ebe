"""Output formats (-f text|html|markdown|json), through the CLI and through citefmt.formats."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citefmt.formats import OutputFormat, escape_markdown, markdown, write
from citefmt.render import RenderedCitation, RenderedEntry, RenderResult
from helpers import invoke_cached

#: Reference data full of characters that mean something in HTML or Markdown.
TRICKY_YAML = """\
- id: tricky
  type: article-journal
  author: [{family: "O'Brien & <Sons>", given: A.}]
  title: "<script>alert(1)</script> & *stars* _under_ [link](x) `code` #hash"
  container-title: Journal of Tests
  issued: {date-parts: [[2020]]}
"""

MD_SPECIALS = set("\\`*_[]<>&|~!{}")


# --- text ---------------------------------------------------------------------------------------

def test_text_is_the_json_entries_one_per_line():
    text = invoke_cached("refs", "-s", "apa").stdout
    data = json.loads(invoke_cached("refs", "-s", "apa", "-f", "json").stdout)
    assert text == "".join(entry["text"] + "\n" for entry in data["entries"])


def test_text_keeps_angle_brackets_in_data(run):
    result = run(["refs", "-", "-s", "apa"], input=TRICKY_YAML)
    # citeproc-js typesets the apostrophe (’) and keeps everything else as given
    assert result.stdout.startswith("O’Brien & <Sons>, A. (2020). <script>alert(1)</script> & *stars*")


# --- html ---------------------------------------------------------------------------------------

def test_html_bibliography_is_wrapped_and_one_entry_per_line():
    lines = invoke_cached("refs", "-s", "apa", "-f", "html").stdout.splitlines()
    assert lines[0] == '<div class="csl-bib-body">'
    assert lines[-1] == "</div>"
    assert len(lines) == 31 + 2
    assert all(line.startswith('  <div class="csl-entry">') and line.endswith("</div>") for line in lines[1:-1])


def test_html_has_apa_italics_and_escapes_the_styles_ampersand():
    document = invoke_cached("refs", "-s", "apa", "-f", "html").stdout
    assert "<i>British Journal of Haematology</i>, <i>129</i>(3), 350–357." in document
    # citeproc-js escapes & as a numeric character reference
    assert "Rabbat, A., Chaoui, D., &#38; Montani, D. (2005)." in document


def test_html_of_the_bundled_article_is_well_formed():
    document = invoke_cached("refs", "-s", "apa", "-f", "html").stdout
    assert "<i>Clinical Lymphoma, Myeloma &#38; Leukemia</i>" in document
    ET.fromstring(document)


def test_html_numbered_style_marks_the_margin():
    line = invoke_cached("refs", "-f", "html").stdout.splitlines()[1]
    assert line.startswith('  <div class="csl-entry"><div class="csl-left-margin">1.</div>'
                           '<div class="csl-right-inline">Rabbat A, Chaoui D, Montani D.')


def test_html_single_reference_is_not_wrapped(run):
    result = run(["cite", "-s", "apa", "-f", "html", "--id", "rabbat2005"])
    assert result.stdout.startswith('<div class="csl-entry">Rabbat, A., Chaoui, D., &#38; Montani, D.')
    assert "csl-bib-body" not in result.stdout
    assert result.stdout.count("\n") == 1


def test_html_escapes_reference_data(run):
    result = run(["refs", "-", "-s", "apa", "-f", "html"], input=TRICKY_YAML)
    assert result.exit_code == 0
    assert "<script>" not in result.stdout
    # escaped as citeproc-js does it: numeric character references
    assert "O’Brien &#38; &#60;Sons&#62;" in result.stdout
    assert "&#60;script&#62;alert(1)&#60;/script&#62; &#38; *stars*" in result.stdout
    ET.fromstring(result.stdout)


# --- markdown -----------------------------------------------------------------------------------

def test_markdown_emphasis_and_blank_line_between_entries():
    document = invoke_cached("refs", "-s", "apa", "-f", "markdown").stdout
    entries = document.rstrip("\n").split("\n\n")
    assert len(entries) == 31 and all("\n" not in e for e in entries)
    rabbat = next(e for e in entries if e.startswith("Rabbat"))
    assert rabbat == ("Rabbat, A., Chaoui, D., \\& Montani, D. (2005). Prognosis of patients with acute "
                      "myeloid leukaemia admitted to intensive care. *British Journal of Haematology*, "
                      "*129*(3), 350–357. https://doi.org/10.1111/j.1365-2141.2005.05459.x")
    assert "<" not in document


def test_markdown_numbered_list_keeps_its_numbers():
    entries = invoke_cached("refs", "-f", "markdown").stdout.rstrip("\n").split("\n\n")
    assert [e.split(" ")[0] for e in entries] == [f"{n}." for n in range(1, 32)]


def test_markdown_escapes_specials_in_data(run):
    result = run(["refs", "-", "-s", "apa", "-f", "markdown"], input=TRICKY_YAML)
    assert result.exit_code == 0
    assert "\\& \\*stars\\* \\_under\\_ \\[link\\](x) \\`code\\` #hash. *Journal of Tests*." in result.stdout


@pytest.mark.parametrize("author, title, expected_start", [
    ("{literal: '1. Numbered Org'}", "T", "1\\. Numbered Org."),
    ("{literal: '# Hash Org'}", "T", "\\# Hash Org."),
    ("{literal: '- Dash Org'}", "T", "\\- Dash Org."),
])
def test_markdown_escapes_block_syntax_at_line_start(run, author, title, expected_start):
    data = (f"- id: x\n  type: article-journal\n  author: [{author}]\n  title: {title}\n"
            "  container-title: J\n  issued: {date-parts: [[2020]]}\n")
    result = run(["refs", "-", "-s", "apa", "-f", "markdown"], input=data)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(expected_start)


_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7e) | st.sampled_from("ёЖ–“”"),
               max_size=40))
def test_markdown_round_trips_any_plain_text(text):
    """Removing Markdown's backslash escapes gives the data back, and no special is left bare."""
    line = markdown(f'<div class="csl-entry">{html.escape(text)}</div>')
    assert _UNESCAPE.sub(r"\1", line) == text.strip()
    bare = re.sub(r"\\.", "", line)
    assert not MD_SPECIALS & set(bare), line


def test_escape_markdown_examples():
    assert escape_markdown("a*b_c[d]`e`") == "a\\*b\\_c\\[d\\]\\`e\\`"
    assert escape_markdown("plain text, 1–2") == "plain text, 1–2"


# --- json ---------------------------------------------------------------------------------------

def test_json_shape_and_content():
    result = invoke_cached("refs", "-s", "gost", "-f", "json")
    assert result.stdout.endswith("}\n")
    data = json.loads(result.stdout)
    assert list(data) == ["style", "entries", "citations", "warnings"]
    assert data["style"] == "gost-r-7-0-5-2008-numeric"
    assert data["citations"] == [] and data["warnings"] == []
    assert len(data["entries"]) == 31
    assert all(list(entry) == ["id", "text", "html"] for entry in data["entries"])
    first = data["entries"][0]
    assert first["id"] == "rabbat2005"
    assert first["text"].startswith("1. Rabbat A., Chaoui D., Montani D.")
    assert first["html"].startswith('<div class="csl-entry">')
    assert "Vol. 129, № 3. P. 350–357." in result.stdout, "non-ASCII is written as is, not as \\u escapes"


@pytest.mark.parametrize("alias, style_id", [("vancouver", "nlm-citation-sequence"), ("apa", "apa")])
def test_json_style_is_the_resolved_id(alias, style_id):
    assert json.loads(invoke_cached("refs", "-s", alias, "-f", "json").stdout)["style"] == style_id


def test_format_name_is_case_insensitive():
    assert invoke_cached("refs", "-f", "JSON").stdout == invoke_cached("refs", "-f", "json").stdout


def test_unknown_format_is_a_usage_error():
    result = invoke_cached("refs", "-f", "pdf")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'pdf' is not one of" in result.stderr


# --- the library: citefmt.formats.write ---------------------------------------------------------

@pytest.fixture
def result() -> RenderResult:
    return RenderResult(
        style="apa", style_title="APA", locale=None,
        entries=[RenderedEntry("a", "Doe, J. (2020). T. Journal.",
                               '<div class="csl-entry">Doe, J. (2020). T. <i>Journal</i>.</div>')],
        citations=[RenderedCitation(["a"], "(Doe, 2020)", "(Doe, 2020)")],
        warnings=["something odd"])


def test_write_text(result):
    assert write(result, "text") == "Doe, J. (2020). T. Journal.\n(Doe, 2020)\n"


def test_write_html(result):
    assert write(result, OutputFormat.html) == ('<div class="csl-entry">Doe, J. (2020). T. <i>Journal</i>.</div>\n'
                                                "(Doe, 2020)\n")
    assert write(result, "html", bibliography=True).splitlines()[0] == '<div class="csl-bib-body">'


def test_write_markdown(result):
    assert write(result, "markdown") == "Doe, J. (2020). T. *Journal*.\n\n(Doe, 2020)\n"


def test_write_json(result):
    assert json.loads(write(result, "json")) == {
        "style": "apa",
        "entries": [{"id": "a", "text": "Doe, J. (2020). T. Journal.",
                     "html": '<div class="csl-entry">Doe, J. (2020). T. <i>Journal</i>.</div>'}],
        "citations": [{"ids": ["a"], "text": "(Doe, 2020)", "html": "(Doe, 2020)"}],
        "warnings": ["something odd"],
    }


@pytest.mark.parametrize("fmt", ["text", "html", "markdown"])
def test_write_empty_result_is_empty(fmt):
    assert write(RenderResult(style="apa", style_title="APA", locale=None), fmt) == ""


def test_write_rejects_an_unknown_format(result):
    with pytest.raises(ValueError):
        write(result, "pdf")


# --- what each format is written from -----------------------------------------------------------

@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_each_format_needs_only_what_it_declares(fmt):
    """``citefmt refs`` renders only ``needs(fmt)``: the document is the same as from a full render."""
    from citefmt import load_library, render_bibliography
    from citefmt.formats import needs

    full = render_bibliography(load_library(), "gost")
    partial = render_bibliography(load_library(), "gost", outputs=needs(fmt))
    assert write(partial, fmt, bibliography=True) == write(full, fmt, bibliography=True)
