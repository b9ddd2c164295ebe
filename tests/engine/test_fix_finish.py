"""Whole-entry passes (:mod:`citefmt.engine.fixes.finish`): punctuation in quotes, no doubled punctuation."""

from hypothesis import given, settings
from hypothesis import strategies as st

from citefmt.engine.fixes import finish as finish_module
from citefmt.engine.richtext import MARKER_CHARS
from enginetools import book, htmls, style, texts


def test_punctuation_goes_inside_quotes_where_the_locale_says_so():
    listed = style('<layout suffix="."><group delimiter=", "><text variable="title" quotes="true"/>'
                   '<text variable="container-title"/></group></layout>')
    last = style('<layout suffix="."><text variable="title" quotes="true"/></layout>')
    items = [book(type="article-journal", title="Title", container_title="Journal")]
    # citeproc-py printed “Title”, Journal.
    assert texts(listed, items) == ["“Title,” Journal."]
    assert texts(last, items) == ["“Title.”"]
    # en-GB has punctuation-in-quote="false" (and single outer quotes).
    assert texts(style('<layout suffix="."><text variable="title" quotes="true"/></layout>', locale="en-GB"),
                 items) == ["‘Title’."]


def test_no_doubled_punctuation_across_formatting_and_quotes():
    csl = style('<layout suffix="."><group delimiter=". "><text variable="title"/>'
                '<text variable="container-title" font-style="italic"/></group></layout>')
    items = [book(type="article-journal", title="What? Really?", container_title="J. Test.")]
    assert texts(csl, items) == ["What? Really? J. Test."]
    assert htmls(csl, items) == ['<div class="csl-entry">What? Really? <i>J. Test.</i></div>']
    comma = style('<layout><group delimiter=", "><text variable="title" suffix=","/>'
                  '<text variable="container-title"/></group></layout>')
    colon = style('<layout><group delimiter=": "><text variable="title" suffix=":"/>'
                  '<text variable="container-title"/></group></layout>')
    space = style('<layout><group delimiter=" "><text variable="title" suffix=" "/>'
                  '<text variable="container-title"/></group></layout>')
    plain = [book(title="Title", container_title="J")]
    assert texts(comma, plain) == ["Title, J"]
    assert texts(colon, plain) == ["Title: J"]
    assert texts(space, plain) == ["Title J"]


def test_punctuation_is_merged_pair_by_pair_as_citeproc_js_does():
    def joined(title: str, suffix: str) -> str:
        csl = style(f'<layout><text variable="title" suffix="{suffix} "/><text variable="container-title"/></layout>')
        return texts(csl, [book(title=title, container_title="J")])[0]

    # A period after ?, !, :, ; or a period is dropped.
    assert [joined(t, ".") for t in ("Title:", "Title;", "Title.", "Title!")] == [
        "Title: J", "Title; J", "Title. J", "Title! J"]
    # ! or ? replace a colon or semicolon before them.
    assert [joined("What?", ":"), joined("Title:", "?"), joined("Title;", "!")] == ["What? J", "Title? J", "Title! J"]
    # These pairs stay.
    assert [joined("Title.", ","), joined("Title,", ";"), joined("Title?", ",")] == [
        "Title., J", "Title,; J", "Title?, J"]


# A string of what merging looks at: punctuation, spaces, letters and formatting markers.
_MERGE_ALPHABET = ":;!?.,\u2026 a" + "".join(sorted(MARKER_CHARS))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_MERGE_ALPHABET, max_size=24))
def test_punctuation_merging_skips_only_strings_it_would_leave_alone(marked):
    """The quick look for a merging pair (a speed-up) never skips a string the merge would change."""
    assert finish_module.merge_punctuation(marked) == finish_module._merge_all(marked)
