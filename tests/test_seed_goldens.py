"""Golden files: citefmt's output for the bundled article equals the reference processor's, byte for byte.

The expectations live in ``../shared/reference/expected/`` (printed by citeproc-js with the
official styles); they are read at test time, never copied into the repository.
"""

from __future__ import annotations

import json

import pytest

from helpers import EXPECTED, invoke, invoke_cached

#: --style alias -> the official style id that names the golden files.
STYLES = {
    "vancouver": "nlm-citation-sequence",
    "apa": "apa",
    "gost": "gost-r-7-0-5-2008-numeric",
}

#: --style alias -> the golden reference list of its default output. GOST prints each entry in its
#: item's language (the seed references are English); its seed-refs.<id>.txt is the list in the
#: style's own locale (ru-RU), which a forced --locale must reproduce.
DEFAULT_LISTS = {
    "vancouver": "seed-refs.nlm-citation-sequence.txt",
    "apa": "seed-refs.apa.txt",
    "gost": "seed-refs.gost-per-item-language.txt",
}


def expected(name: str) -> bytes:
    path = EXPECTED / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (../shared is not beside the repository)")
    return path.read_bytes()


@pytest.mark.parametrize("alias", list(STYLES))
def test_reference_list(alias):
    golden = expected(DEFAULT_LISTS[alias])
    result = invoke_cached("refs", "-s", alias)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == golden


@pytest.mark.parametrize("alias, locale", [("vancouver", "en-US"), ("apa", "en-US"), ("gost", "ru-RU")])
def test_reference_list_in_the_styles_own_locale_forced(alias, locale):
    """--locale set to the style's own locale gives the reference processor's list, for every item."""
    golden = expected(f"seed-refs.{STYLES[alias]}.txt")
    result = invoke_cached("refs", "-s", alias, "-l", locale)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == golden


@pytest.mark.parametrize("alias", list(STYLES))
def test_one_citation_per_reference(alias, reference_ids):
    golden = expected(f"seed-refs.{STYLES[alias]}.citations.txt")
    args = ["cite", "-s", alias]
    for ref_id in reference_ids:
        args += ["--in-text", ref_id]
    result = invoke_cached(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == golden


def test_gost_per_item_language():
    golden = expected("seed-refs.gost-per-item-language.txt")
    assert invoke_cached("refs", "-s", "gost").stdout_bytes == golden


@pytest.mark.parametrize("alias", ["vancouver", "gost"])
def test_seed_csl_json_through_stdin_gives_the_same_list(alias):
    """The shared CSL-JSON (ids ref1..ref31) read as a JSON list from stdin renders the same entries."""
    seed = EXPECTED.parent / "seed.csl.json"
    golden = expected(DEFAULT_LISTS[alias])
    if not seed.is_file():
        pytest.skip(f"{seed} is absent")
    items = [item for item in json.loads(seed.read_text(encoding="utf-8")) if item["id"] != "article"]
    result = invoke(["refs", "-", "-s", alias], input=json.dumps(items))
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == golden
