"""Reading input: the three kinds, stdin, Markdown front matter, JSON, and validation errors.

Validation errors are one line each on stderr, ``citefmt: error: FILE:LINE:COL: path: message``,
with exit code 3 (ExitCode.INPUT_INVALID).
"""

from __future__ import annotations

import io
import json

import pytest

from citefmt.errors import ExitCode, InputError
from citefmt.inputs import KIND_ARTICLE, KIND_CSL_LIST, KIND_CSL_YAML, load_library, parse_library
from helpers import ARTICLE, SMALL_REFS_YAML

SMALL_AS_LIST = json.dumps([
    {"id": "smith2020", "type": "article-journal",
     "author": [{"family": "Smith", "given": "John"}, {"family": "Jones", "given": "Ann"}],
     "title": "A study of things", "container-title": "Journal of Tests", "volume": 12, "issue": "3",
     "page": "100-110", "issued": {"date-parts": [[2020]]}},
    {"id": "brown2019", "type": "book", "author": [{"family": "Brown", "given": "Carol"}],
     "title": "A book about stuff", "publisher": "Test Press", "publisher-place": "London",
     "issued": {"date-parts": [["2019"]]}},
], indent=2)

FRONT_MATTER = "---\ntitle: My paper\n" + SMALL_REFS_YAML + "---\n\n# Introduction\n\nAs shown [@smith2020].\n"


# --- detection ----------------------------------------------------------------------------------

def test_article_format():
    library = load_library(ARTICLE)
    assert library.kind == KIND_ARTICLE
    assert library.article["id"] == "zaitsev2020"
    assert len(library.references) == 31
    assert library.references[0]["id"] == "rabbat2005"
    assert library.path == ARTICLE


def test_default_source_is_the_bundled_article():
    library = load_library()
    assert library.kind == KIND_ARTICLE
    assert library.name == "data/article.yaml"
    assert [r["id"] for r in library.references] == [r["id"] for r in load_library(ARTICLE).references]


def test_csl_yaml(write_file):
    library = load_library(write_file("refs.yaml", SMALL_REFS_YAML))
    assert library.kind == KIND_CSL_YAML
    assert library.article is None
    assert [r["id"] for r in library.references] == ["smith2020", "brown2019"]


def test_pandoc_csl_yaml_with_document_markers():
    library = parse_library("---\n" + SMALL_REFS_YAML + "...\n")
    assert library.kind == KIND_CSL_YAML
    assert len(library.references) == 2


def test_markdown_front_matter(write_file):
    library = load_library(write_file("paper.md", FRONT_MATTER))
    assert library.kind == KIND_CSL_YAML
    assert [r["id"] for r in library.references] == ["smith2020", "brown2019"]


def test_json_list(write_file):
    library = load_library(write_file("refs.json", SMALL_AS_LIST))
    assert library.kind == KIND_CSL_LIST
    assert [r["id"] for r in library.references] == ["smith2020", "brown2019"]


def test_yaml_list():
    library = parse_library("- id: a\n  type: book\n  title: T\n")
    assert library.kind == KIND_CSL_LIST
    assert library.references == [{"id": "a", "type": "book", "title": "T"}]


def test_json_object_with_references():
    library = parse_library(json.dumps({"references": json.loads(SMALL_AS_LIST)}))
    assert library.kind == KIND_CSL_YAML
    assert len(library.references) == 2


def test_single_item():
    library = parse_library('{"id": "a", "type": "book", "title": "T"}')
    assert library.kind == KIND_CSL_LIST
    assert [r["id"] for r in library.references] == ["a"]


def test_stdin_through_the_library():
    library = load_library("-", stdin=io.BytesIO(SMALL_AS_LIST.encode()))
    assert library.name == "<stdin>"
    assert library.path is None
    assert len(library.references) == 2


@pytest.mark.parametrize("content", [SMALL_REFS_YAML, SMALL_AS_LIST, FRONT_MATTER])
def test_every_kind_renders_the_same_from_a_file_and_from_stdin(run, write_file, content):
    path = write_file("input.txt", content)
    from_file = run(["refs", path, "-s", "apa"])
    from_stdin = run(["refs", "-", "-s", "apa"], input=content)
    assert from_file.exit_code == from_stdin.exit_code == 0, from_file.stderr + from_stdin.stderr
    assert from_file.stdout == from_stdin.stdout == (
        "Brown, C. (2019). A book about stuff. Test Press.\n"
        "Smith, J., & Jones, A. (2020). A study of things. Journal of Tests, 12(3), 100–110.\n")


# --- values -------------------------------------------------------------------------------------

def test_yaml_plain_scalars_stay_strings():
    library = parse_library("- id: 1\n  type: book\n  volume: 129\n  title: 1.10\n  language: no\n"
                            "  issued: 2020-05-01\n  edition: 010\n")
    item = library.references[0]
    assert item == {"id": "1", "type": "book", "volume": "129", "title": "1.10", "language": "no",
                    "issued": "2020-05-01", "edition": "010"}


def test_json_numbers_become_strings():
    item = parse_library('[{"id": 7, "type": "book", "volume": 12, "page": 5.0}]').references[0]
    assert item == {"id": "7", "type": "book", "volume": "12", "page": "5"}


def test_empty_values_are_dropped():
    item = parse_library("- id: a\n  type: book\n  title:\n  author: [{family: X, given: ~}]\n").references[0]
    assert item == {"id": "a", "type": "book", "author": [{"family": "X"}]}


def test_utf8_bom_and_crlf_are_accepted():
    library = load_library("-", stdin=io.BytesIO(b"\xef\xbb\xbfreferences:\r\n  - id: a\r\n    type: book\r\n"))
    assert library.references == [{"id": "a", "type": "book"}]


# --- validation errors: exact messages, exit code 3 ---------------------------------------------

BROKEN = {
    "unknown-field": (
        "references:\n  - id: a\n    type: article-journal\n    titel: Hello\n",
        ["refs.yaml:4:5: references[0].titel: unknown CSL variable (did you mean title?)"]),
    "unknown-type": (
        "references:\n  - id: a\n    type: article-jurnal\n",
        ["refs.yaml:3:11: references[0].type: unknown item type 'article-jurnal' (did you mean article-journal?)"]),
    "bad-value-type": (
        "references:\n  - id: a\n    type: book\n  - id: b\n    type: book\n    volume: [1, 2]\n",
        ["refs.yaml:6:13: references[1].volume: must be text or a number, found a list"]),
    "bad-date-parts": (
        "references:\n  - id: a\n    type: book\n  - id: b\n    type: book\n  - id: c\n    type: book\n"
        "    issued: {date-parts: [[2020, May]]}\n",
        ["refs.yaml:8:27: references[2].issued.date-parts[0]: date parts must be whole numbers, found 'May'"]),
    "too-many-date-parts": (
        "references:\n  - id: a\n    type: book\n    issued: {date-parts: [[2020, 1, 2, 3]]}\n",
        ["refs.yaml:4:27: references[0].issued.date-parts[0]: must be [year], [year, month] or [year, month, day]"]),
    "name-as-string": (
        "references:\n  - id: a\n    type: book\n    author: Smith, John\n",
        ["refs.yaml:4:13: references[0].author: must be a list of names, found text "
         "(write each name as {family: ..., given: ...} or {literal: ...})"]),
    "name-in-list-as-string": (
        "references:\n  - id: a\n    type: book\n    author:\n      - {family: X}\n      - Smith, John\n",
        ["refs.yaml:6:9: references[0].author[1]: a name must be a mapping, found text "
         "(write {family: ..., given: ...} or {literal: ...})"]),
    "unknown-name-part": (
        "references:\n  - id: a\n    type: book\n    author: [{famly: X, given: Y}]\n",
        ["refs.yaml:4:15: references[0].author[0].famly: unknown name part (did you mean family?)"]),
    "duplicate-id": (
        "references:\n  - id: a\n    type: book\n  - id: a\n    type: book\n",
        ["refs.yaml:4:9: references[1].id: duplicate id 'a' (also used by references[0])"]),
    "no-id-no-type": (
        "references:\n  - title: T\n",
        ["refs.yaml:2:5: references[0]: has no id (every item needs a unique `id`)",
         "refs.yaml:2:5: references[0]: has no type (e.g. `type: article-journal`)"]),
    "every-problem-reported": (
        "references:\n  - id: a\n    type: jurnal\n    titel: x\n",
        ["refs.yaml:3:11: references[0].type: unknown item type 'jurnal' (see the CSL 1.0.2 item types)",
         "refs.yaml:4:5: references[0].titel: unknown CSL variable (did you mean title?)"]),
    "article-field": (
        "article:\n  id: me\n  type: article-journal\n  issued: {date-parts: [[x]]}\nreferences: []\n",
        ["refs.yaml:4:25: article.issued.date-parts[0]: date parts must be whole numbers, found 'x'"]),
    "item-not-a-mapping": (
        "references:\n  - just a string\n",
        ["refs.yaml:2:5: references[0]: expected a CSL-JSON item (a mapping), found text"]),
    "not-reference-data": (
        "title: x\nauthor: y\n",
        ["refs.yaml: is not reference data: found keys title, author (expected `references:` "
         "(and optionally `article:`) or a list of CSL-JSON items)"]),
    "invalid-yaml": (
        "references:\n  - id: a\n    type: book\n   title: x\n",
        ["refs.yaml:4:4: invalid YAML: did not find expected '-' indicator"]),
    "empty-file": ("", ["refs.yaml: is empty: expected CSL-JSON items or an article file"]),
    "blank-file": ("  \n\n", ["refs.yaml: is empty: expected CSL-JSON items or an article file"]),
    "comment-only": ("# nothing here\n", ["refs.yaml: holds no data: expected CSL-JSON items or an article file"]),
    "not-utf8": (
        b"references:\n  - id: a\n    type: book\n    title: Caf\xe9\n",
        ["refs.yaml:4:15: not UTF-8 text (byte 0xe9)"]),
    "utf16": (
        "[]".encode("utf-16"),
        ["refs.yaml: is UTF-16; citefmt reads UTF-8 (convert it, e.g. with iconv -f UTF-16 -t UTF-8)"]),
    "binary": (b"references:\n\x00\x01\x02", ["refs.yaml:2:1: binary data, not a text file"]),
}


@pytest.mark.parametrize("content, expected", list(BROKEN.values()), ids=list(BROKEN))
def test_broken_file(run, write_file, content, expected):
    path = write_file("refs.yaml", content)
    result = run(["refs", path])
    assert result.exit_code == ExitCode.INPUT_INVALID == 3
    assert result.stdout == ""
    assert result.error_lines == [f"citefmt: error: {line}" for line in expected]


JSON_BROKEN = {
    "syntax": ('[\n  {"id": "a"\n   "type": "book"}\n]\n',
               ["refs.json:3:4: invalid JSON: Expecting ',' delimiter"]),
    "bad-date-parts": (
        '{"references": [\n  {"id": "a", "type": "book"},\n'
        '  {"id": "b", "type": "book", "issued": {"date-parts": [["x"]]}}\n]}\n',
        ["refs.json:3:57: references[1].issued.date-parts[0]: date parts must be whole numbers, found 'x'"]),
    "tab-indented-name-as-string": (
        '[\n\t{"id": "c", "type": "book", "author": "Smith"}\n]\n',
        ["refs.json:2:40: [0].author: must be a list of names, found text "
         "(write each name as {family: ..., given: ...} or {literal: ...})"]),
    "duplicate-id": (
        '[{"id": "a", "type": "book"},\n {"id": "a", "type": "book"}]\n',
        ["refs.json:2:9: [1].id: duplicate id 'a' (also used by [0])"]),
}


@pytest.mark.parametrize("content, expected", list(JSON_BROKEN.values()), ids=list(JSON_BROKEN))
def test_broken_json(run, write_file, content, expected):
    path = write_file("refs.json", content)
    result = run(["refs", path])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.error_lines == [f"citefmt: error: {line}" for line in expected]


def test_broken_stdin_is_named_stdin(run):
    result = run(["refs", "-"], input="references:\n  - id: a\n    type: book\n    titel: x\n")
    assert result.exit_code == 3
    assert result.error_lines == [
        "citefmt: error: <stdin>:4:5: references[0].titel: unknown CSL variable (did you mean title?)"]


def test_empty_stdin(run):
    result = run(["refs", "-"], input=b"")
    assert result.exit_code == 3
    assert result.error_lines == ["citefmt: error: <stdin>: is empty: expected CSL-JSON items or an article file"]


def test_directory(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "adir").mkdir()
    result = run(["refs", "adir"])
    assert result.exit_code == 3
    assert result.error_lines == ["citefmt: error: adir: is a directory, not a file"]


def test_missing_file(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(["cite", "nope.yaml"])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.error_lines == ["citefmt: error: nope.yaml: no such file"]


def test_library_error_carries_every_problem():
    with pytest.raises(InputError) as caught:
        parse_library("- id: a\n  type: jurnal\n  titel: x\n", name="x.yaml")
    error = caught.value
    assert error.exit_code == ExitCode.INPUT_INVALID
    assert [str(p) for p in error.problems] == [
        "x.yaml:2:9: [0].type: unknown item type 'jurnal' (see the CSL 1.0.2 item types)",
        "x.yaml:3:3: [0].titel: unknown CSL variable (did you mean title?)",
    ]
    assert (error.location.line, error.location.column, error.field) == (2, 9, "[0].type")


# --- a CSL-JSON list is read one item at a time (inputs._parse_json_list) ----------------------

JSON_LISTS = ['[]', ' [ ] ', '[{"id": "a", "type": "book"}]', '[1, "x", [2, 3], {"k": null}]\n',
              '[{"id": "a", "type": "book", "volume": 123456789012345678901234567890}]']
JSON_LISTS_BROKEN = ['[', '[,]', '[1,]', '[1 2]', '[1] x', '[{"id": "a"', '[{"id": "a"} {"id": "b"}]', '[1]]']


@pytest.mark.parametrize("text", JSON_LISTS)
def test_json_list_items_are_what_json_loads_gives(text):
    from citefmt.inputs import yamlio

    assert list(yamlio.iter_json_list(text)) == yamlio.load_json(text)


@pytest.mark.parametrize("text", JSON_LISTS_BROKEN)
def test_json_list_errors_where_json_loads_does(text):
    from citefmt.inputs import yamlio

    with pytest.raises(json.JSONDecodeError) as whole:
        yamlio.load_json(text)
    with pytest.raises(json.JSONDecodeError) as streamed:
        list(yamlio.iter_json_list(text))
    assert (streamed.value.msg, streamed.value.pos) == (whole.value.msg, whole.value.pos)


def _whole_file_parse(monkeypatch):
    import citefmt.inputs as inputs

    monkeypatch.setattr(inputs, "_parse_json_list", lambda text, name, path, tick=None: None)


def test_json_list_read_item_by_item_is_the_library_read_whole(monkeypatch):
    text = json.dumps([{"id": f"i{n}", "type": "book", "title": f"T{n}", "author": [{"family": "Lee"}],
                        "issued": {"date-parts": [[2000 + n]]}} for n in range(50)])
    streamed = parse_library(text, name="refs.json")
    _whole_file_parse(monkeypatch)
    whole = parse_library(text, name="refs.json")
    assert (streamed.kind, streamed.references) == (whole.kind, whole.references) == (KIND_CSL_LIST, whole.references)


@pytest.mark.parametrize("text", [
    '[{"id": "a", "type": "book"}, {"id": "b", "type": "book", "note": ' + "[" * 120 + "]" * 120 + '}]',
    '[{"id": "a", "type": "nope"},\n {"id": "a", "type": "book"}]',
    '[{"id": "a", "type": "book"},\n {"id": "b" "type": "book"}]',
])
def test_json_list_errors_read_item_by_item_are_those_of_the_whole_file(monkeypatch, text):
    with pytest.raises(InputError) as streamed:
        parse_library(text, name="refs.json")
    _whole_file_parse(monkeypatch)
    with pytest.raises(InputError) as whole:
        parse_library(text, name="refs.json")
    assert str(streamed.value) == str(whole.value)


@pytest.mark.parametrize("depth", [1, 2, 5, 98, 99, 100, 101])
@pytest.mark.parametrize("shape", ["lists", "dicts", "mixed"])
def test_the_json_depth_check_agrees_with_the_full_walk(depth, shape):
    """JSON items are checked for depth alone (no aliases): the quick check refuses exactly what
    check_expansion refuses, at the same limit."""
    from citefmt.inputs import yamlio

    value: object = "leaf"
    for level in range(depth):
        wrap_in_list = shape == "lists" or (shape == "mixed" and level % 2)
        value = [1, value, "x"] if wrap_in_list else {"a": 1, "b": value}
    try:
        yamlio.check_expansion(value, max_depth=yamlio.MAX_DEPTH - 1)
        refused = False
    except yamlio.MaxSizeExceeded:
        refused = True
    assert yamlio.nests_deeper_than(value, yamlio.MAX_DEPTH - 1) is refused
    assert refused is (depth > yamlio.MAX_DEPTH - 1)
