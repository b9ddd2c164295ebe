"""`-o PATH`: the same bytes as stdout, written atomically, never over the input file."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from citefmt.errors import OutputError
from citefmt.outfile import check_writable, write_atomically
from helpers import ARTICLE, SMALL_REFS_YAML, invoke_cached


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("args", [
    ["refs"],
    ["refs", "-s", "gost", "-f", "html"],
    ["refs", "-s", "apa", "-f", "markdown"],
    ["refs", "-s", "apa", "-f", "json"],
    ["cite", "-s", "apa", "--in-text", "rabbat2005", "--in-text", "thol2015,rabbat2005"],
    ["cite", "--id", "thol2015"],
])
def test_file_holds_the_same_bytes_as_stdout(run, workdir, args):
    result = run([*args, "-o", "out.txt"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "", "the 'wrote N entries' note is only for a terminal"
    expected = invoke_cached(*args).stdout_bytes
    assert expected
    assert (workdir / "out.txt").read_bytes() == expected


def test_long_option_name(run, workdir):
    assert run(["refs", "--output", "out.txt"]).exit_code == 0
    assert (workdir / "out.txt").read_bytes() == invoke_cached("refs").stdout_bytes


def test_existing_file_is_replaced_completely(run, workdir):
    target = workdir / "out.txt"
    target.write_bytes(b"old content\n" * 10_000)
    assert run(["cite", "-o", target]).exit_code == 0
    assert target.read_bytes() == invoke_cached("cite").stdout_bytes


def test_existing_file_keeps_its_permissions(run, workdir):
    target = workdir / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    assert run(["cite", "-o", target]).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_no_temporary_file_is_left_behind(run, workdir):
    assert run(["refs", "-o", "out.txt"]).exit_code == 0
    assert sorted(p.name for p in workdir.iterdir()) == ["out.txt"]


def test_stdin_source_to_file(run, workdir):
    result = run(["refs", "-", "-s", "apa", "-o", "out.txt"], input=SMALL_REFS_YAML)
    assert result.exit_code == 0, result.stderr
    assert (workdir / "out.txt").read_text(encoding="utf-8").startswith("Brown, C. (2019).")


@pytest.mark.parametrize("spelling", ["refs.yaml", "./refs.yaml", "sub/../refs.yaml", "{abs}"])
def test_refuses_to_overwrite_the_input(run, workdir, spelling):
    source = workdir / "refs.yaml"
    shutil.copy(ARTICLE, source)
    (workdir / "sub").mkdir()
    before = source.read_bytes()
    target = spelling.format(abs=source)
    result = run(["refs", "refs.yaml", "-o", target])
    assert result.exit_code == 7
    assert result.stdout == ""
    assert result.error_lines == [f"citefmt: error: {Path(target)}: refusing to overwrite the input file "
                                  "(choose another -o PATH)"]
    assert source.read_bytes() == before
    assert sorted(p.name for p in workdir.iterdir()) == ["refs.yaml", "sub"]


@pytest.mark.parametrize("link", [os.symlink, os.link], ids=["symlink", "hardlink"])
def test_refuses_to_overwrite_the_input_through_a_link(run, workdir, link):
    source = workdir / "refs.yaml"
    shutil.copy(ARTICLE, source)
    link(source, workdir / "alias.yaml")
    before = source.read_bytes()
    result = run(["cite", "refs.yaml", "-o", "alias.yaml"])
    assert result.exit_code == 7
    assert "refusing to overwrite the input file" in result.stderr
    assert source.read_bytes() == before


def test_missing_directory(run, workdir):
    result = run(["refs", "-o", "no/such/dir/out.txt"])
    assert result.exit_code == 7
    assert result.error_lines == ["citefmt: error: no/such/dir/out.txt: directory no/such/dir does not exist"]
    assert list(workdir.iterdir()) == []


def test_parent_is_a_file(run, workdir):
    (workdir / "afile").write_text("x")
    result = run(["refs", "-o", "afile/out.txt"])
    assert result.exit_code == 7
    assert result.error_lines == ["citefmt: error: afile/out.txt: afile is not a directory"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_directory(run, workdir):
    locked = workdir / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run(["refs", "-o", locked / "out.txt"])
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 7
    assert "permission denied" in result.stderr


def test_failed_render_leaves_an_existing_output_untouched(run, workdir):
    target = workdir / "out.txt"
    target.write_text("keep me")
    result = run(["refs", "-s", "no-such-style", "-o", target])
    assert result.exit_code == 5
    assert target.read_text() == "keep me"


# --- the library: citefmt.outfile ---------------------------------------------------------------

def test_write_atomically_str_and_bytes(tmp_path):
    target = tmp_path / "x.txt"
    write_atomically(target, "Ру́сский\n")
    assert target.read_bytes() == "Ру́сский\n".encode("utf-8")
    write_atomically(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"


def test_write_atomically_pieces_are_written_whole_or_not_at_all(tmp_path):
    target = tmp_path / "x.txt"
    write_atomically(target, (line for line in ["a\n", "Ж\n"]))
    assert target.read_bytes() == "a\nЖ\n".encode("utf-8")

    def failing():
        yield "partial\n"
        raise RuntimeError("the renderer failed")

    with pytest.raises(RuntimeError):
        write_atomically(target, failing())
    assert target.read_bytes() == "a\nЖ\n".encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


def test_check_writable_refuses_inputs(tmp_path):
    source = tmp_path / "in.yaml"
    source.write_text("x")
    with pytest.raises(OutputError, match="refusing to overwrite the input file"):
        check_writable(source, inputs=[None, source])
    assert check_writable(tmp_path / "other.txt", inputs=[source]) == tmp_path / "other.txt"
