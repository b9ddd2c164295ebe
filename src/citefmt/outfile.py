"""Writing files safely: completely or not at all, and never over an input file.

``-o PATH`` goes through a temporary file in the same directory, flushed to disk,
then renamed over PATH: a reader, a crash or a ``kill -9`` mid-write sees the old
file whole or the new one whole, never a part. (A killed process can leave its
``.NAME.*.tmp`` file behind; the target is never touched before the rename.)

A PATH that exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a
named pipe) is written directly: there is nothing to keep whole, and renaming over
a device would replace it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import OutputError


def write_utf8(stream, data: str | bytes | Iterable[str]) -> None:
    """``data`` on the binary ``stream`` as UTF-8: a string, bytes, or pieces of text in turn."""
    if isinstance(data, bytes):
        stream.write(data)
    elif isinstance(data, str):
        stream.write(data.encode("utf-8"))
    else:
        for piece in data:
            stream.write(piece.encode("utf-8"))


def _shown(path: Path | str) -> str:
    """A path for a message: control characters escaped."""
    text = str(path)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL in the name
        return False


def _is_special(path: Path) -> bool:
    """True for an existing target that is not a regular file (a device, a pipe, a socket)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_writable(path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str] | None] = ()) -> Path:
    """Fail early, with a clear message, if ``path`` cannot or must not be written."""
    target = Path(path)
    shown = _shown(target)
    if "\x00" in str(target):
        raise OutputError(f"{shown}: not a valid file name")
    try:
        return _check_writable(target, shown, inputs)
    except OSError as exc:  # a name too long, a loop of links, an I/O error while looking
        raise OutputError(f"{shown}: cannot write: {exc.strerror or exc}") from None


def _check_writable(target: Path, shown: str, inputs: Iterable[str | os.PathLike[str] | None]) -> Path:
    for source in inputs:
        if source is not None and (_same_file(target, Path(source)) or _same_path(target, Path(source))):
            raise OutputError(f"{shown}: refusing to overwrite the input file", hint="choose another -o PATH")
    if target.is_dir():
        raise OutputError(f"{shown}: is a directory")
    if _is_special(target):
        if not os.access(target, os.W_OK):
            raise OutputError(f"{shown}: permission denied")
        return target
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.exists():
        raise OutputError(f"{shown}: directory {_shown(directory)} does not exist")
    if not directory.is_dir():
        raise OutputError(f"{shown}: {_shown(directory)} is not a directory")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"{shown}: permission denied (cannot write in {_shown(directory)})")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"{shown}: permission denied")
    return target


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every system can open a directory)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_atomically(path: str | os.PathLike[str], data: str | bytes | Iterable[str], *,
                     inputs: Iterable[str | os.PathLike[str] | None] = ()) -> Path:
    """Write ``data`` (a string, bytes, or pieces of text) to ``path`` through a temporary file and a rename.

    Pieces are written as they come, so a long document is never held whole; if
    producing one raises, the temporary file is removed and ``path`` is untouched.

    A reader (or a crash) sees the old file or the new one, never a part of
    either. An existing file keeps its permission bits. Raises
    :class:`~citefmt.errors.OutputError` with the reason if it cannot.
    """
    target = check_writable(path, inputs=inputs)
    if _is_special(target):
        try:
            with open(target, "wb") as stream:
                write_utf8(stream, data)
        except OSError as exc:
            raise OutputError(f"{_shown(target)}: cannot write: {exc.strerror or exc}") from None
        return target
    directory = target.parent if str(target.parent) else Path(".")
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        # A short prefix keeps the temporary name legal even when the target's is at the limit.
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name[:64]}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(handle, "wb") as stream:
                write_utf8(stream, data)
                stream.flush()
                os.fsync(stream.fileno())
            if mode is not None:
                os.chmod(temporary, mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temporary, 0o666 & ~umask)
            os.replace(temporary, target)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    except OSError as exc:
        raise OutputError(f"{_shown(target)}: cannot write: {exc.strerror or exc}") from None
    _fsync_directory(directory)
    return target
