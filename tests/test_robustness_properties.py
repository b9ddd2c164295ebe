"""Property tests: whatever the data, citefmt renders it or says clearly why not, never crashes.

* CSL-JSON-shaped items with random values and random missing fields, under the three
  styles, as a bibliography, in-text citations and single references;
* random bytes and random YAML-ish text as an input file;
* random CSL-ish XML as a style.

"Clearly" means a :class:`~citefmt.errors.CitefmtError` (one line, a documented exit
code); anything else (a ``KeyError``, a ``RecursionError``) fails the test.

The number of examples is bounded for CI (the ``ci``/``dev`` profiles of conftest.py
and the caps below). For a long hunt: ``HYPOTHESIS_PROFILE=thorough python -m pytest
tests/test_robustness_properties.py`` (thousands of examples per test), or set
``CITEFMT_FUZZ_EXAMPLES=N``.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from citefmt import csl
from citefmt.engine import CiteItem
from citefmt.engine.processor import CitefmtProcessor
from citefmt.engine.processor import StyleError
from citefmt.engine.xml import CslXmlError
from citefmt.errors import CitefmtError
from citefmt.formats import inert_html, write
from citefmt.inputs import decode_text, parse_library
from citefmt.render import render_article, render_bibliography, render_citations

settings.register_profile("thorough", deadline=None, max_examples=3000,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def examples(ci: int) -> int:
    """``ci`` examples normally; many more on demand."""
    if os.environ.get("CITEFMT_FUZZ_EXAMPLES"):
        return int(os.environ["CITEFMT_FUZZ_EXAMPLES"])
    if os.environ.get("HYPOTHESIS_PROFILE") == "thorough":
        return settings.get_profile("thorough").max_examples
    return ci


FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                    HealthCheck.filter_too_much])

# --- values -------------------------------------------------------------------------------------

TRICKY = ["", " ", "0", "-1", "1-2", "xiv", "1e3", "01234", "99999999999999999999", "12a", "2nd",
          "1, 3-5", "–", "<i>x</i>", "<sc>x</sc>", "\u202e", "&", "&amp;", "1.5", "NaN", "a\\b", "IV-X",
          "123456", "-", "5-", "s.v.", "...", "\"quoted\"", "'single'", "«ёлки»", "<span class=\"nocase\">x",
          "2020-05-17", "2020/2021", "spring 2020", "c. 1900", "[1999]", "?", "et al.", "von", "de la",
          "\x1b[31m", "\x00", "\n", "\ud800", "*", "[x](y)", "{{x}}", "%s"]
text = st.one_of(st.text(max_size=25), st.sampled_from(TRICKY))
number = st.one_of(text, st.integers(min_value=-10**15, max_value=10**15),
                   st.floats(allow_nan=False, allow_infinity=False))
anything = st.recursive(st.one_of(st.none(), st.booleans(), number),
                        lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                        max_leaves=6)
name = st.fixed_dictionaries({}, optional={
    "family": text, "given": text, "literal": text, "suffix": text, "non-dropping-particle": text,
    "dropping-particle": text, "comma-suffix": st.one_of(st.booleans(), text),
    "static-ordering": st.one_of(st.booleans(), text), "parse-names": st.one_of(st.booleans(), text)})
date_part = st.one_of(st.integers(-3000, 3000), st.sampled_from(["2020", "13", "0", "-1", "31", "21", "24", "x"]))
date = st.one_of(text, st.integers(-3000, 3000), st.fixed_dictionaries({}, optional={
    "date-parts": st.lists(st.lists(date_part, min_size=1, max_size=3), min_size=1, max_size=2),
    "literal": text, "raw": text, "season": st.one_of(text, st.integers(0, 5)),
    "circa": st.one_of(st.booleans(), text)}))

NAMES = sorted(csl.NAME_VARIABLES)
DATES = sorted(csl.DATE_VARIABLES)
NUMBERS = sorted(csl.NUMBER_VARIABLES)
STRINGS = sorted(csl.STRING_VARIABLES)


@st.composite
def item(draw, index: int):
    """A CSL-JSON item: usually well typed, sometimes not, any field possibly missing."""
    data = {"id": f"i{index}", "type": draw(st.sampled_from(sorted(csl.ITEM_TYPES)))}
    keys = draw(st.lists(st.sampled_from(NAMES + DATES + NUMBERS + STRINGS), max_size=12, unique=True))
    for key in keys:
        if draw(st.integers(0, 19)) == 0:  # now and then, the wrong type
            data[key] = draw(anything)
        elif key in csl.NAME_VARIABLES:
            data[key] = draw(st.lists(name, max_size=4))
        elif key in csl.DATE_VARIABLES:
            data[key] = draw(date)
        elif key in csl.NUMBER_VARIABLES:
            data[key] = draw(number)
        else:
            data[key] = draw(text)
    if draw(st.integers(0, 29)) == 0:
        del data[draw(st.sampled_from(["id", "type"]))]
    return data


items = st.integers(1, 4).flatmap(lambda n: st.tuples(*[item(i) for i in range(n)]))


def render_everything(library, style: str) -> None:
    ids = [ref["id"] for ref in library.references]
    bibliography = render_bibliography(library, style)
    citations = render_citations(library, [[ids[0]], ids, ids[::-1]], style)
    single = render_article(library, style, ids=[ids[-1]])
    for result in (bibliography, citations, single):
        for fmt in ("text", "html", "markdown", "json"):
            document = write(result, fmt, bibliography=result is bibliography)
            if fmt == "html":
                assert inert_html(document) == document
            if fmt == "json":
                json.loads(document)
    assert len(bibliography.entries) <= len(ids)


@pytest.mark.parametrize("style", ["vancouver", "apa", "gost"])
@settings(max_examples=examples(25), **FUZZ)
@given(data=items)
def test_random_items_render_or_fail_cleanly(style, data):
    source = json.dumps(list(data))
    try:
        library = parse_library(source, name="fuzz.json")
    except CitefmtError as error:
        assert str(error) and "\n" not in str(error)
        return
    try:
        render_everything(library, style)
    except CitefmtError as error:
        assert "\n" not in str(error)


# --- input bytes --------------------------------------------------------------------------------

YAML_ALPHABET = st.sampled_from(list("-:[]{},&*!|>'\"#%@`?~ \t\n\r") + ["id", "type", "book", "references",
                                 "article", "title", "author", "family", "issued", "date-parts", "2020",
                                 "&a ", "*a", "!!binary", "!!set", "!!python/object", "---", "...", "\\",
                                 "<<", "\xef\xbb\xbf", "\ufeff", "é", "\x00", "\x1b"])


def read(raw: bytes) -> None:
    try:
        parse_library(decode_text(raw, "fuzz"), name="fuzz")
    except CitefmtError as error:
        assert str(error) and "\n" not in str(error)
        assert "\x1b" not in str(error)


@settings(max_examples=examples(150), **FUZZ)
@given(raw=st.binary(max_size=300))
def test_random_bytes_never_crash(raw):
    read(raw)


@settings(max_examples=examples(200), **FUZZ)
@given(parts=st.lists(YAML_ALPHABET, max_size=60))
def test_random_yaml_never_crashes(parts):
    read("".join(parts).encode("utf-8", "surrogatepass"))


@settings(max_examples=examples(100), **FUZZ)
@given(data=items, mutation=st.binary(max_size=8), position=st.integers(0, 10**6))
def test_corrupted_json_never_crashes(data, mutation, position):
    """Valid JSON with a few bytes overwritten: truncations, stray bytes, broken escapes."""
    raw = json.dumps(list(data)).encode("utf-8")
    position %= len(raw) + 1
    read(raw[:position] + mutation + raw[position + len(mutation):])


@settings(max_examples=examples(60), **FUZZ)
@given(data=items, cut=st.integers(0, 10**6))
def test_truncated_yaml_never_crashes(data, cut):
    import yaml

    raw = yaml.safe_dump({"references": list(data)}, allow_unicode=True).encode("utf-8")
    read(raw[: cut % (len(raw) + 1)])


# --- styles -------------------------------------------------------------------------------------

ELEMENTS = ["text", "group", "choose", "if", "else", "names", "name", "date", "date-part", "number",
            "label", "macro", "layout", "sort", "key", "substitute", "et-al", "frobnicate"]
ATTRIBUTES = {"variable": ["title", "author", "issued", "page", "", "bogus"], "macro": ["m", "n", ""],
              "value": ["x", "<b>"], "term": ["and", "bogus"], "form": ["short", "long", "text", "bogus"],
              "text-case": ["title", "bogus"], "delimiter": [", "], "name": ["year", "bogus", "m"],
              "et-al-min": ["3", "x"], "match": ["any", "none", "bogus"], "type": ["book", "bogus"]}


@st.composite
def element(draw, depth: int = 0) -> str:
    tag = draw(st.sampled_from(ELEMENTS))
    attrs = "".join(f' {key}="{draw(st.sampled_from(values))}"'
                    for key, values in ATTRIBUTES.items() if draw(st.integers(0, 5)) == 0)
    children = "" if depth > 3 else "".join(draw(st.lists(element(depth + 1), max_size=3)))
    return f"<{tag}{attrs}>{children}</{tag}>"


@settings(max_examples=examples(80), **FUZZ)
@given(macros=st.lists(element(), max_size=2), layout=st.lists(element(), max_size=3))
def test_random_styles_load_or_fail_cleanly(macros, layout):
    body = "".join(f'<macro name="{n}">{m}</macro>' for n, m in zip("mn", macros))
    xml = (f'<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">{body}'
           f'<citation><layout>{"".join(layout)}</layout></citation>'
           f'<bibliography><layout>{"".join(layout)}</layout></bibliography></style>')
    try:
        processor = CitefmtProcessor(xml.encode("utf-8"))
    except (CslXmlError, StyleError) as error:  # what the CLI reports as "not a usable CSL style"
        assert "\n" not in str(error)
        return
    library = parse_library('[{"id": "a", "type": "book", "title": "T", "author": [{"family": "F"}], '
                            '"issued": {"date-parts": [[2020]]}, "page": "1-2"}]')
    processor.bibliography(library.references)
    processor.citations(library.references, [[CiteItem("a")]])
