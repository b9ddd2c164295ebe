"""Hostile strings in reference data are inert in every output format, under every style.

``tests/robustness/hostile_strings.json`` holds script tags, event handlers, ``javascript:``
URLs, Markdown links and emphasis, terminal escape sequences, NUL, bidi overrides,
format strings, very long text. Each string is put in the title, container, author,
publisher, URL, DOI and note of one reference; the references are rendered with
Vancouver, APA and GOST, as a bibliography and as in-text citations, and every
format is checked:

* html: only the engine's own tags, classes and styles; no link at all; well-formed XML;
* markdown: rendered by a CommonMark parser, it gives exactly the text output (so no
  data became a link, emphasis, heading, list, code or raw HTML);
* text and the terminal: one line per entry, no control character;
* json: valid, and its text and html are the text and html outputs.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from citefmt.cli.terminal import rich_text
from citefmt.formats import inert_html, markdown, write
from citefmt.formats.markup import safe_href
from citefmt.inputs import parse_library
from citefmt.inputs.validate import clean_text
from citefmt.render import render_bibliography, render_citations

HOSTILE = json.loads((Path(__file__).resolve().parent / "robustness" / "hostile_strings.json")
                     .read_text(encoding="utf-8"))
STYLES = ["vancouver", "apa", "gost"]
FORMATS = ["text", "html", "markdown", "json"]

#: Tags and attributes the engine writes; nothing else may appear in HTML output.
ALLOWED_TAGS = {"div", "span", "i", "em", "b", "strong", "u", "sup", "sub"}
ALLOWED_DIV_CLASSES = {"csl-bib-body", "csl-entry", "csl-left-margin", "csl-right-inline", "csl-indent",
                       "csl-block"}
ALLOWED_STYLE = re.compile(r"^(?:(?:font-style|font-variant|font-weight|text-decoration|vertical-align)"
                           r":[a-z-]+;)+$|^baseline$")
#: Control characters (C0 but tab, DEL, C1) and the characters str.splitlines() splits at.
CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def library_json() -> str:
    items = []
    for index, text in enumerate(HOSTILE):
        items.append({
            "id": f"h{index}", "type": "article-journal",
            "title": f"T{index} {text} end", "container-title": text,
            "author": [{"family": f"F{index}{text}", "given": text[:50]}, {"literal": text}],
            "publisher": text, "URL": text, "DOI": text, "note": text, "volume": text[:100],
            "page": text[:100], "issued": {"date-parts": [[2000 + index % 20]]},
        })
    return json.dumps(items, ensure_ascii=True)


@pytest.fixture(scope="module")
def library():
    return parse_library(library_json(), name="hostile.json")


@pytest.fixture(scope="module", params=STYLES)
def rendered(request, library):
    style = request.param
    bibliography = render_bibliography(library, style)
    ids = [item["id"] for item in library.references]
    citations = render_citations(library, [[i] for i in ids] + [ids[:5]], style)
    return style, bibliography, citations


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for key, value in attrs:
            if tag == "div" and key == "class" and value in ALLOWED_DIV_CLASSES:
                continue
            if tag == "span" and key == "style" and ALLOWED_STYLE.match(value or ""):
                continue
            if tag == "span" and key == "class" and value in ("nocase", "nodecor"):
                continue
            self.problems.append(f"attribute {key}={value!r} on <{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.problems.append(f"self-closing <{tag}/>")

    def handle_comment(self, data):
        self.problems.append("comment")

    def handle_pi(self, data):
        self.problems.append("processing instruction")

    def handle_decl(self, decl):
        self.problems.append("declaration")

    def unknown_decl(self, data):
        self.problems.append("CDATA or unknown declaration")

    def handle_data(self, data):
        self.text.append(data)


def check_html(document: str) -> None:
    collector = _TagCollector()
    collector.feed(document)
    collector.close()
    assert not collector.problems, (collector.problems, document[:500])
    assert inert_html(document) == document
    ET.fromstring(f"<root>{document}</root>")  # well-formed: no tag left open, no stray &


def test_every_hostile_string_is_read(library):
    assert len(library.references) == len(HOSTILE)


def test_no_control_character_reaches_the_engine(library):
    for item in library.references:
        for key, value in item.items():
            texts = [value] if isinstance(value, str) else [
                part for name in value for part in name.values() if isinstance(part, str)
            ] if key == "author" else []
            for text in texts:
                assert not CONTROL.search(text), (key, text[:80])
                assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def test_html_is_inert(rendered):
    _, bibliography, citations = rendered
    for fmt_result, bib in ((bibliography, True), (citations, False)):
        document = write(fmt_result, "html", bibliography=bib)
        check_html(document)
        for line in document.splitlines():
            lowered = line.lower()
            assert "<script" not in lowered and "<img" not in lowered and "<a " not in lowered
            assert "<iframe" not in lowered and "<svg" not in lowered and "<style" not in lowered
            assert not re.search(r"<[^>]*\son\w+\s*=", lowered), line


def test_html_keeps_the_data(rendered):
    """Escaped, not dropped: the text of the HTML is the text output."""
    _, bibliography, _ = rendered
    for entry in bibliography.entries:
        collector = _TagCollector()
        collector.feed(inert_html(entry.html))
        collector.close()
        # (the list number sits in its own div in HTML, a space follows it in text)
        assert re.sub(r"\s", "", "".join(collector.text)) == re.sub(r"\s", "", entry.text), entry.id


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _markdown_renderer():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def test_markdown_renders_to_exactly_the_text(rendered):
    """Rendered as CommonMark, each entry is one paragraph whose text is the text output:
    nothing in the data turned into a link, emphasis, heading, list, code or HTML."""
    style, bibliography, citations = rendered
    parser = _markdown_renderer()
    for entries in (bibliography.entries, citations.citations):
        for entry in entries:
            line = markdown(entry.html)
            rendered_html = parser.render(line)
            assert "<a " not in rendered_html and "<img" not in rendered_html, line
            assert "<code>" not in rendered_html and "<h1>" not in rendered_html, line
            assert "<script" not in rendered_html.lower(), line
            tags = set(re.findall(r"</?([a-z0-9]+)", rendered_html))
            assert tags <= {"p", "em", "strong", "sup", "sub", "u", "ol", "li"}, (tags, line)
            if "ol" in tags:  # a numbered style: "1. ..." is a list item with the number
                assert style != "apa" and re.match(r"\d+\. ", line), line
            text = html.unescape(re.sub(r"<[^>]+>", "", rendered_html))
            expected = entry.text
            if "ol" in tags:
                expected = expected.split(" ", 1)[1] if " " in expected else ""
            assert _squash(text) == _squash(expected), (line[:300], entry.text[:300])


def test_text_is_one_clean_line_per_entry(rendered):
    _, bibliography, citations = rendered
    for result, count in ((bibliography, len(bibliography.entries)), (citations, len(citations.citations))):
        document = write(result, "text")
        lines = document.split("\n")
        assert lines[-1] == "" and len(lines) - 1 == count
        assert document.splitlines() == lines[:-1], "no other character splits a line"
        for line in lines:
            assert not CONTROL.search(line), repr(line[:200])


def test_terminal_view_has_no_control_characters(rendered):
    _, bibliography, citations = rendered
    for entry in list(bibliography.entries) + list(citations.citations):
        plain = rich_text(entry.html).plain
        assert not CONTROL.search(plain), repr(plain[:200])
        assert all(span.style is None or "link" not in str(span.style) for span in rich_text(entry.html).spans)


def test_json_is_valid_and_matches_text_and_html(rendered):
    _, bibliography, _ = rendered
    data = json.loads(write(bibliography, "json"))
    assert [e["text"] for e in data["entries"]] == write(bibliography, "text").splitlines()
    assert [e["html"] for e in data["entries"]] == write(bibliography, "html").splitlines()


@pytest.mark.parametrize("fmt", FORMATS)
def test_through_the_command(run, fmt, tmp_path, monkeypatch):
    """The same, end to end: `citefmt refs hostile.json -f FMT` exits 0 and is inert."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hostile.json").write_text(library_json(), encoding="utf-8")
    result = run(["refs", "hostile.json", "-s", "apa", "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "\x1b" not in result.stdout and "\x00" not in result.stdout
    if fmt == "html":
        check_html(result.stdout)
    if fmt == "json":
        json.loads(result.stdout)


# --- the pieces -----------------------------------------------------------------------------------

@pytest.mark.parametrize("markup", [
    '<div class="csl-entry"><script>alert(1)</script></div>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<span style="background:url(javascript:alert(1))">x</span>',
    '<div class="csl-entry" onclick="alert(1)">y</div>',
    '</div></div>forged<div>',
    '<i>unclosed <b>twice',
    'a & b &#0; &#27; &bogus; &#xD800;',
    '<I>upper</I> <br> <i/>',
    '<!-- c --><![CDATA[x]]>',
])
def test_inert_html_escapes_what_the_engine_never_writes(markup):
    document = inert_html(markup)
    check_html(document)
    assert "<script" not in document and "<img" not in document and "<a " not in document


def test_inert_html_leaves_engine_markup_alone():
    markup = ('<div class="csl-entry"><div class="csl-left-margin">1.</div><div class="csl-right-inline">'
              'A &#38; B. <i>J</i> <b>1</b> <sup>2</sup><sub>3</sub> '
              '<span style="font-variant:small-caps;">Sc</span> <span style="font-style:normal;">n</span>'
              '</div></div>')
    assert inert_html(markup) is markup or inert_html(markup) == markup


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=c", "https://example.org/a?b=c"),
    ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
    ("doi:10.1000/182", "https://doi.org/10.1000/182"),
    ("javascript:alert(1)", None),
    (" javascript:alert(1)", None),
    ("JAVASCRIPT:alert(1)", None),
    ("data:text/html,<script>", None),
    ("vbscript:x", None),
    ("//evil.example", None),
    ("https://exa mple.org", None),
    ('https://x.org/"onmouseover="x', None),
    ("", None),
    (None, None),
])
def test_only_http_https_and_doi_become_links(url, expected):
    assert safe_href(url) == expected


@pytest.mark.parametrize("text, expected", [
    ("plain", "plain"),
    ("a\nb", "a b"),
    ("  a \r\n  b  ", "  a b  "),
    ("trailing\n", "trailing"),
    ("\nleading", "leading"),
    ("esc\x1b[31m", "esc\ufffd[31m"),
    ("nul\x00", "nul\ufffd"),
    ("c1\x9b", "c1\ufffd"),
    ("tab\tkept", "tab\tkept"),
    ("\ud800", "\ufffd"),
    ("a\u202eb", "a\u202eb\u202c"),
    ("a\u202cb", "ab"),
    ("\u2067x\u202ay\u2069z", "\u2067x\u202ay\u2069z"),
    ("\u202ax\u2067y", "\u202ax\u2067y\u2069\u202c"),
])
def test_clean_text(text, expected):
    assert clean_text(text) == expected


def test_clean_text_leaves_every_printable_character():
    sample = "".join(chr(c) for c in range(0x20, 0x3000) if unicodedata.category(chr(c)) not in ("Cc", "Cs", "Cf", "Zl", "Zp"))
    assert clean_text(sample) == sample
