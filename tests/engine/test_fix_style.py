"""Styles and their locales (:mod:`citefmt.engine.fixes.style`): locale dates with the fixes, a safe XML reader."""

import pytest
from citefmt.engine.xml import CslXmlError

from enginetools import book, processor, style, texts


def test_locale_date_formats_are_built_from_the_fixed_element_classes():
    layout = ('<layout><date variable="issued" form="text"/><text value=" | "/>'
              '<date variable="accessed" form="text"><date-part name="month" form="short"/></date>'
              '<text value=" | "/><date variable="submitted" form="numeric"/></layout>')
    item = book(issued={"date-parts": [[2020, 5, 3], [2020, 6, 5]]},
                accessed={"date-parts": [[2020]], "season": 3}, submitted={"date-parts": [[2020, 5, 3]]})
    expected = {"en-US": "May 3–June 5, 2020 | Autumn 2020 | 05/03/2020",
                "de-DE": "3. Mai–5. Juni 2020 | Herbst 2020 | 03.05.2020",
                "ru-RU": "3 май–5 июнь 2020 г. | осень 2020 г. | 03.05.2020",
                "fr-FR": "3 mai–5 juin 2020 | automne 2020 | 03/05/2020"}
    for locale, text in expected.items():
        assert texts(style(layout, locale=locale), [item]) == [text], locale


def test_a_style_is_read_by_the_safe_xml_reader():
    # No expected output here: a DOCTYPE (and so any entity) is refused before rendering.
    evil = b'<?xml version="1.0"?><!DOCTYPE style [<!ENTITY x "EVIL">]>' + style(
        '<layout><text value="&x;"/></layout>')
    with pytest.raises(CslXmlError, match="DOCTYPE"):
        processor(evil)


def test_an_unknown_locale_asked_for_is_an_error_not_a_fall_back():
    import pytest

    from citefmt.engine.processor import CitefmtProcessor
    from citefmt.styles import resolve_style

    with pytest.raises(LookupError):
        CitefmtProcessor.from_path(resolve_style("apa").path, locale="xx-XX")
