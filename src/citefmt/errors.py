"""Typed errors of the citefmt library and the exit codes the CLI maps them to.

Every error a user can cause is a :class:`CitefmtError`. Its ``str()`` is the
one line the CLI prints after ``citefmt: error: ``; where the problem sits in a
file, the line starts with ``FILE:LINE:COLUMN:`` and the path of the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``citefmt`` command. Stable: scripts depend on them."""

    OK = 0
    #: Internal error (a bug in citefmt): please report it.
    INTERNAL = 1
    #: Wrong command-line usage (unknown option, bad value); Click's own code.
    USAGE = 2
    #: The input file is missing, unreadable, or not valid citefmt/CSL-JSON data.
    INPUT_INVALID = 3
    #: An id asked for (``--id``, ``--in-text``) is not in the input.
    UNKNOWN_ID = 4
    #: The style is unknown, unreadable or not valid CSL.
    STYLE_NOT_FOUND = 5
    #: The locale is unknown or unreadable.
    LOCALE_NOT_FOUND = 6
    #: The output file cannot be written (or would overwrite the input).
    OUTPUT_NOT_WRITABLE = 7
    #: The style cannot produce what was asked (e.g. no bibliography section).
    STYLE_UNSUPPORTED = 8
    #: A rendering process was killed (by the out-of-memory killer, or a signal).
    PROCESS_KILLED = 9
    #: ``check --strict`` found warnings (and no errors).
    CHECK_WARNINGS = 10


@dataclass(frozen=True)
class Location:
    """Where a value sits in an input file (1-based line and column)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class CitefmtError(Exception):
    """Base class of every error a user of citefmt can cause."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, *, location: Location | None = None,
                 field: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.field = field
        self.hint = hint

    def __str__(self) -> str:
        prefix = ""
        if self.location is not None:
            prefix += f"{self.location}: "
        if self.field:
            prefix += f"{self.field}: "
        text = prefix + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(CitefmtError):
    """The input cannot be read or is not valid reference data."""

    exit_code = ExitCode.INPUT_INVALID

    def __init__(self, message: str, *, location: Location | None = None,
                 field: str | None = None, hint: str | None = None,
                 problems: list[CitefmtError] | None = None):
        super().__init__(message, location=location, field=field, hint=hint)
        #: Every problem found, when validation collected more than one.
        self.problems = problems or [self]


class UnknownIdError(CitefmtError):
    """A reference id asked for is not in the input."""

    exit_code = ExitCode.UNKNOWN_ID


class StyleNotFoundError(CitefmtError):
    """No style matches the name, or the style file is not valid CSL."""

    exit_code = ExitCode.STYLE_NOT_FOUND


class LocaleNotFoundError(CitefmtError):
    """No locale matches the name, or the locale file is not valid."""

    exit_code = ExitCode.LOCALE_NOT_FOUND


class OutputError(CitefmtError):
    """The output cannot be written where asked."""

    exit_code = ExitCode.OUTPUT_NOT_WRITABLE


class StyleUnsupportedError(CitefmtError):
    """The style cannot render what was asked (e.g. it has no bibliography)."""

    exit_code = ExitCode.STYLE_UNSUPPORTED
