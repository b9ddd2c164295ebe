"""Writing files safely: completely or not at all, and never over an input file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import OutputError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_writable(path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str] | None] = ()) -> Path:
    """Fail early, with a clear message, if ``path`` cannot or must not be written."""
    target = Path(path)
    for source in inputs:
        if source is not None and (_same_file(target, Path(source)) or
                                   target.resolve() == Path(source).resolve()):
            raise OutputError(f"{target}: refusing to overwrite the input file", hint="choose another -o PATH")
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.exists():
        raise OutputError(f"{target}: directory {directory} does not exist")
    if not directory.is_dir():
        raise OutputError(f"{target}: {directory} is not a directory")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: permission denied (cannot write in {directory})")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"{target}: permission denied")
    return target


def write_atomically(path: str | os.PathLike[str], data: str | bytes, *,
                     inputs: Iterable[str | os.PathLike[str] | None] = ()) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader (or a crash) sees the old file or the new one, never a part of
    either. An existing file keeps its permission bits.
    """
    target = check_writable(path, inputs=inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
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
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    return target
