"""A style or locale that passed its checks is not checked again (engine/checked.py)."""

from __future__ import annotations

import pytest

from citefmt.engine import checked, xml
from citefmt.engine.fixes.style import LoadedStyle

STYLE = (b'<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
         b'<info><id>t</id><title>T</title><updated>2020-01-01T00:00:00+00:00</updated></info>'
         b'<citation><layout><text variable="title"/></layout></citation></style>')
BROKEN = STYLE.replace(b'<text variable="title"/>', b'<txt variable="title"/>')


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEFMT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _count_checks(monkeypatch) -> list:
    calls = []
    original = xml.check_csl_tree

    def counted(root, name=None):
        calls.append(name)
        return original(root, name)

    monkeypatch.setattr(xml, "check_csl_tree", counted)
    return calls


def test_a_style_that_passed_is_not_checked_again(cache, monkeypatch):
    calls = _count_checks(monkeypatch)
    LoadedStyle(STYLE)
    first = len(calls)  # the style, and its locale unless an earlier test remembered that
    assert first >= 1 and list((cache / "checked").rglob("*"))
    LoadedStyle(STYLE)
    assert len(calls) == first
    LoadedStyle(STYLE.replace(b"<title>T</title>", b"<title>T2</title>"))  # other bytes: checked
    assert len(calls) == first + 1


def test_a_refused_style_is_refused_every_time(cache, monkeypatch):
    calls = _count_checks(monkeypatch)
    for _ in range(2):
        with pytest.raises(xml.CslXmlError, match="unknown element <txt>"):
            xml.parse_csl_xml(BROKEN)
    assert len(calls) == 2


def test_changed_checks_check_again(cache, monkeypatch):
    calls = _count_checks(monkeypatch)
    xml.parse_csl_xml(STYLE)
    xml.parse_csl_xml(STYLE)
    assert len(calls) == 1
    monkeypatch.setattr(checked, "_checks_digest", lambda: "other-checks")
    xml.parse_csl_xml(STYLE)
    assert len(calls) == 2


def test_an_empty_cache_dir_setting_remembers_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEFMT_CACHE_DIR", "")
    calls = _count_checks(monkeypatch)
    xml.parse_csl_xml(STYLE)
    xml.parse_csl_xml(STYLE)
    assert len(calls) == 2


def test_a_cache_that_cannot_be_written_only_means_checking(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CITEFMT_CACHE_DIR", str(blocker))
    calls = _count_checks(monkeypatch)
    xml.parse_csl_xml(STYLE)
    xml.parse_csl_xml(STYLE)
    assert len(calls) == 2


def test_the_cache_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("CITEFMT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert checked.cache_dir() == tmp_path / "citefmt"


def test_without_a_home_nothing_is_written_into_the_working_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("CITEFMT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG spec says
    monkeypatch.setattr(checked.os.path, "expanduser", lambda path: path)  # no home found
    monkeypatch.chdir(tmp_path)
    assert checked.cache_dir() is None
    xml.parse_csl_xml(STYLE)
    assert list(tmp_path.iterdir()) == []
