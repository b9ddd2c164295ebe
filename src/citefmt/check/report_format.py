"""The formats ``citefmt check --format`` accepts (apart, so the CLI starts without the rules)."""

from __future__ import annotations

from enum import Enum


class ReportFormat(str, Enum):
    """The formats ``check --format`` accepts."""

    text = "text"
    json = "json"
    sarif = "sarif"
