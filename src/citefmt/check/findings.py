"""What ``citefmt check`` reports: rules, findings, fixes and the report of one source."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..errors import Location


class Severity(str, Enum):
    """How bad a finding is: an ``error`` (the data is not valid CSL-JSON) or a ``warning``."""

    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Rule:
    """A check with a stable id (used in output, SARIF and tests) and a one-line explanation."""

    id: str
    severity: Severity
    description: str
    #: True if the rule's findings carry a safe fix that ``--fix`` applies.
    fixable: bool = False


_RULES: list[Rule] = []


def _rule(id: str, severity: Severity, description: str, fixable: bool = False) -> Rule:
    rule = Rule(id, severity, description, fixable)
    _RULES.append(rule)
    return rule


E, W = Severity.error, Severity.warning

# Errors: the data cannot be read, or is not valid CSL-JSON (the same validation refs and cite run).
INVALID_INPUT = _rule("invalid-input", E, "The file cannot be read as YAML/JSON reference data.")
MISSING_REQUIRED = _rule("missing-required", E, "An item has no id or no type.")
INVALID_TYPE = _rule("invalid-type", E, "The item type is not a CSL item type.")
UNKNOWN_FIELD = _rule("unknown-field", E, "A field, name part or date part that CSL-JSON does not define.")
INVALID_NAME = _rule("invalid-name", E, "A name variable that is not a list of {family, given} or {literal} names.")
INVALID_DATE = _rule("invalid-date", E, "A date that is not date-parts, literal, raw or a date string.")
INVALID_VALUE = _rule("invalid-value", E, "A field whose value has the wrong shape (e.g. a list where text belongs).")
DUPLICATE_ID = _rule("duplicate-id", E, "Two items share the same id.")

# DOIs.
DOI_FORMAT = _rule("doi-format", W, "The DOI does not look like 10.NNNN/suffix.")
DOI_MISSING_10 = _rule("doi-missing-10", W, "The DOI lacks its \"10.\" prefix (1016/j.x instead of 10.1016/j.x).",
                       fixable=True)
DOI_PREFIX = _rule("doi-prefix", W, "The DOI field holds a doi:/dol: label or a https://doi.org/ URL, not the bare DOI.",
                   fixable=True)
DOI_TRAILING_PUNCTUATION = _rule("doi-trailing-punctuation", W,
                                 "The DOI ends in a full stop or comma copied from the printed reference.",
                                 fixable=True)
DOI_IN_URL = _rule("doi-in-url", W, "The URL holds a DOI but the DOI field is empty: the DOI belongs in DOI.")
DOI_IN_NOTE = _rule("doi-in-note", W, "The note holds a DOI but the DOI field is empty: the DOI belongs in DOI.")

# Other identifiers.
ISSN_INVALID = _rule("issn-invalid", W, "An ISSN that is not NNNN-NNNC or whose check digit is wrong.")
ISBN_INVALID = _rule("isbn-invalid", W, "An ISBN that is not 10 or 13 digits or whose check digit is wrong.")
PMID_INVALID = _rule("pmid-invalid", W, "A PMID that is not a plain number.")
PMCID_INVALID = _rule("pmcid-invalid", W, "A PMCID that is not PMC followed by digits.")

# Parts a reader needs.
MISSING_CONTAINER_TITLE = _rule("missing-container-title", W,
                                "A journal, magazine or newspaper article (or a chapter) without container-title.")
MISSING_DATE = _rule("missing-date", W, "An item without an issued date (web pages with an accessed date excepted).")
MISSING_TITLE = _rule("missing-title", W, "An item without a title.")
MISSING_PUBLISHER = _rule("missing-publisher", W, "A book without a publisher.")
MISSING_STYLE_FIELD = _rule("missing-style-field", W,
                            "An essential part (title, date, journal, publisher, place, URL) that the chosen "
                            "style prints for this item type is absent (--style).")

# Pages.
PAGE_REVERSED = _rule("page-reversed", W, "A page range whose end is before its start (357-350).")
PAGE_ABBREVIATED = _rule("page-abbreviated", W, "An abbreviated page range (350-7): store the full range, 350-357.")
PAGE_DASH = _rule("page-dash", W, "A page range written with an unusual dash, or dashes mixed within the field or file.",
                  fixable=True)

# Dates.
DATE_IMPOSSIBLE = _rule("date-impossible", W, "A month or day that does not exist (month 13, 31 April, 29 February 2023).")
DATE_FUTURE = _rule("date-future", W, "A date in the future.")

# Names.
NAME_INITIALS = _rule("name-initials", W, "Initials without periods or without spaces (DV, D.V.): write \"D. V.\".")
NAME_ET_AL = _rule("name-et-al", W, "\"et al.\" (or \"и др.\") stored as a name: the style adds it itself.")
NAME_SWAPPED = _rule("name-swapped", W, "Family and given name look swapped (initials in family, surname in given).")
MIXED_SCRIPT = _rule("mixed-script", W,
                     "A word mixing Latin and Cyrillic look-alike letters (a Latin \"o\" inside a Russian word).")

# Titles.
TITLE_TRAILING_PERIOD = _rule("title-trailing-period", W, "A title ending in a full stop: the style adds punctuation.",
                              fixable=True)
TITLE_ALL_CAPS = _rule("title-all-caps", W, "A title in ALL CAPS: store it in sentence or title case.")
MARKUP_UNBALANCED = _rule("markup-unbalanced", W, "Rich-text markup (<i>, <b>, <sup>, <sub>, <span>) not closed or not opened.")

# Language.
LANGUAGE_MISSING = _rule("language-missing", W, "A Cyrillic title without a language field (styles need it for terms).")

# Duplicates.
DUPLICATE_DOI = _rule("duplicate-doi", W, "Two references with the same DOI.")
DUPLICATE_TITLE = _rule("duplicate-title", W, "Two references with the same title and year.")


#: Every rule, by id, in the order above.
RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


@dataclass(frozen=True)
class Fix:
    """A safe change to one scalar value: at ``path`` in the file, ``old`` becomes ``new``."""

    path: tuple
    old: str
    new: str

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new}


@dataclass(frozen=True)
class Finding:
    """One problem found: which rule, how bad, where, and (for safe cases) how to fix it."""

    rule: str
    severity: Severity
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    #: The data path as text (``references[3].DOI``); empty for the whole file.
    field: str = ""
    #: The data path as steps (``("references", 3, "DOI")``).
    path: tuple = ()
    #: The id of the item the finding is about, if known.
    item_id: str | None = None
    fix: Fix | None = None

    @property
    def location(self) -> str:
        return str(Location(self.file, self.line, self.column))

    def __str__(self) -> str:
        """``FILE:LINE:COL: severity[rule]: field: message``: one line."""
        where = f"{self.field}: " if self.field else ""
        return f"{self.location}: {self.severity.value}[{self.rule}]: {where}{self.message}"

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.field, self.rule)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "id": self.item_id,
            "fix": self.fix.as_dict() if self.fix else None,
        }


@dataclass
class CheckReport:
    """The findings of one source, sorted by line."""

    #: How the source is named in messages (a path as given, ``<stdin>``, ...).
    file: str
    findings: list[Finding] = field(default_factory=list)
    #: The kind of input (``article``, ``csl-yaml``, ``csl-json``), if it could be read.
    kind: str | None = None
    #: The number of items checked.
    items: int = 0
    #: The text checked (line endings as in the file, BOM removed).
    text: str = field(default="", repr=False)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.warning]

    @property
    def fixable(self) -> list[Finding]:
        return [f for f in self.findings if f.fix is not None]

    @property
    def clean(self) -> bool:
        return not self.findings

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "items": self.items,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "fixable": len(self.fixable),
            "findings": [f.as_dict() for f in self.findings],
        }
