"""`-o PATH` holds under failure: whatever step of the write fails, the old file stays whole.

tests/test_robustness_process.py kills real processes at random moments; here each
step of :func:`citefmt.outfile.write_atomically` is made to fail in turn, so the
moments a kill is unlikely to hit are covered too.
"""

from __future__ import annotations

import errno
import os
import stat

import pytest

from citefmt.errors import OutputError
from citefmt.outfile import check_writable, write_atomically

OLD = b"old content, whole\n" * 1000
NEW = "new content\n" * 5000


class Boom(BaseException):
    """Stands for a signal or a crash at that step (a BaseException, like KeyboardInterrupt)."""


@pytest.fixture
def target(tmp_path):
    path = tmp_path / "out.txt"
    path.write_bytes(OLD)
    return path


STEPS = ["os.fdopen", "os.fsync", "os.chmod", "os.replace"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("failure", [Boom(), OSError(errno.ENOSPC, "No space left on device")],
                         ids=["interrupted", "disk-full"])
def test_a_failure_at_any_step_keeps_the_old_file(target, monkeypatch, step, failure):
    module, name = step.split(".")
    original = getattr(os, name)

    def failing(*args, **kwargs):
        raise failure

    monkeypatch.setattr(os, name, failing)
    if isinstance(failure, OSError):
        with pytest.raises(OutputError, match=r"out\.txt: cannot write: No space left on device"):
            write_atomically(target, NEW)
    else:
        with pytest.raises(Boom):
            write_atomically(target, NEW)
    monkeypatch.setattr(os, name, original)
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"], "the temporary file is removed"


def test_a_failure_halfway_through_the_bytes_keeps_the_old_file(target, monkeypatch):
    real_fdopen = os.fdopen

    class HalfWriter:
        """Writes half of what it is given, then fails as a full disk does."""

        def __init__(self, handle, mode):
            self.stream = real_fdopen(handle, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def write(self, data):
            self.stream.write(data[: len(data) // 2])
            self.stream.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", HalfWriter)
    with pytest.raises(OutputError, match="cannot write: No space left on device"):
        write_atomically(target, NEW)
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_success_replaces_the_file_whole(target):
    write_atomically(target, NEW)
    assert target.read_text() == NEW
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_a_device_is_written_not_replaced():
    before = os.stat(os.devnull)
    write_atomically(os.devnull, NEW)
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and (before.st_ino, before.st_rdev) == (after.st_ino, after.st_rdev)


def test_a_named_pipe_is_written_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomically(fifo, "through the pipe\n")
        assert os.read(reader, 100) == b"through the pipe\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_long_file_name_still_gets_a_temporary_file(tmp_path):
    target = tmp_path / ("n" * 250 + ".txt")
    write_atomically(target, NEW)
    assert target.read_text() == NEW


def test_a_name_too_long_is_a_clear_error(tmp_path):
    with pytest.raises(OutputError, match="cannot write: File name too long"):
        write_atomically(tmp_path / ("n" * 300), NEW)


@pytest.mark.parametrize("name, message", [
    ("bad\x00name", "bad\\x00name: not a valid file name"),
    ("esc\x1b[31m/x.txt", r"esc\x1b[31m/x.txt: directory esc\x1b[31m does not exist"),
])
def test_names_in_messages_are_printable(tmp_path, monkeypatch, name, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError) as caught:
        check_writable(name)
    assert str(caught.value) == message


def test_a_symlink_loop_as_target_is_no_crash(tmp_path, monkeypatch):
    """The loop is a link pointing at itself: it is replaced like any link (never followed)."""
    monkeypatch.chdir(tmp_path)
    os.symlink("loop", tmp_path / "loop")
    write_atomically(tmp_path / "loop", NEW, inputs=[tmp_path / "refs.yaml"])
    assert (tmp_path / "loop").read_text() == NEW


def test_an_existing_file_keeps_its_mode(target):
    target.chmod(0o600)
    write_atomically(target, NEW)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
