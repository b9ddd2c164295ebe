"""Applying safe fixes as surgical text edits: everything but the fixed values stays byte-identical.

The text is composed into YAML nodes (JSON is read as YAML here, as
:class:`~citefmt.inputs.TextLocator` does); a node's marks give the exact
character span of each value. The characters of the old value are aligned with
the characters of the source (quotes, escapes, folded line breaks), and only the
characters that change are replaced, written the way the scalar is written
(plain, 'single' or "double" quoted, escaped as JSON if the file escapes its
non-ASCII). After each edit the file is read again and must hold exactly the
old data with the one value changed; otherwise the value is rewritten whole in
its quoting style, and if even that does not read back right, it is left alone.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable

import yaml

from ..inputs import yamlio
from .findings import Finding, Fix
from .rules import FIXERS


@dataclass(frozen=True)
class FixResult:
    """The fixed text and what was done."""

    text: str
    #: The fixes applied (one per value changed).
    applied: list[Fix]
    #: The fixes that could not be applied safely (left for a human).
    skipped: list[Fix]


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with the safe fixes of ``findings`` applied (values changed in place)."""
    return fix_text(text, findings).text


def fix_text(text: str, findings: Iterable[Finding]) -> FixResult:
    """Apply the fixes of ``findings`` to ``text``; report what was applied and skipped."""
    groups: dict[tuple, list[Finding]] = {}
    for finding in findings:
        if finding.fix is not None:
            groups.setdefault(tuple(finding.fix.path), []).append(finding)
    if not groups:
        return FixResult(text, [], [])
    document = _Document(text)
    if document.root is None:
        return FixResult(text, [], [Fix(p, fs[0].fix.old, fs[0].fix.new) for p, fs in groups.items()])

    planned: list[tuple[int, yaml.ScalarNode, Fix]] = []
    skipped: list[Fix] = []
    for path, group in groups.items():
        node, found = yamlio.node_at(document.root, path)
        old = group[0].fix.old
        new = _combined(old, group)
        fix = Fix(path, old, new)
        if not found or not isinstance(node, yaml.ScalarNode) or node.value != old or new == old:
            if new != old:
                skipped.append(fix)
            continue
        planned.append((node.start_mark.index, node, fix))

    # Edit from the end of the file backwards, so earlier offsets stay valid.
    planned.sort(key=lambda entry: entry[0], reverse=True)
    current = text
    expected = document.data
    applied: list[Fix] = []
    for _, node, fix in planned:
        target = _set(expected, document.data_path(fix.path), fix.new)
        for candidate in (_surgical(current, node, fix.old, fix.new, document.json),
                          _whole(current, node, fix.new, document.json)):
            if candidate is not None and document.reads_as(candidate, target):
                current, expected = candidate, target
                applied.append(fix)
                break
        else:
            skipped.append(fix)
    applied.reverse()
    return FixResult(current, applied, skipped)


def _combined(old: str, group: list[Finding]) -> str:
    """The value after every fix of the group (rules that fix the same value, applied in turn)."""
    targets = {f.fix.new for f in group}
    if len(targets) == 1:
        return targets.pop()
    value = old
    for finding in group:
        fixer = FIXERS.get(finding.rule)
        value = fixer(value) if fixer else (finding.fix.new if finding.fix.old == value else value)
    return value


class _Document:
    """The text's YAML nodes and data, and how to tell that an edit changed only what it should."""

    def __init__(self, text: str):
        self.text = text
        self.json = yamlio.looks_like_json(text) and _is_json(text)
        self.root: yaml.Node | None = None
        self.root_index = 0
        self.data: Any = None
        try:
            roots = yamlio.compose_yaml(text.replace("\t", " ") if self.json else text)
            self.data = self._load(text)
        except (yaml.YAMLError, ValueError, RecursionError):
            return
        roots = [n for n in roots if n is not None]
        for index, node in enumerate(roots):
            if isinstance(node, yaml.MappingNode) and any(
                    isinstance(k, yaml.ScalarNode) and k.value == "references" for k, _ in node.value):
                self.root, self.root_index = node, index
                break
        else:
            if roots:
                self.root, self.root_index = roots[0], 0

    def _load(self, text: str) -> Any:
        if self.json:
            return [json.loads(text)]
        return [doc for doc in yamlio.load_yaml(text) if doc is not None]

    def data_path(self, path: tuple) -> tuple:
        return (self.root_index,) + tuple(path)

    def reads_as(self, text: str, expected: Any) -> bool:
        try:
            return self._load(text) == expected
        except (yaml.YAMLError, ValueError, RecursionError):
            return False


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
        return True
    except ValueError:
        return False


def _set(data: Any, path: tuple, value: str) -> Any:
    """A copy of ``data`` with the value at ``path`` replaced (copying only along the path)."""
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(data, list):
        copy = list(data)
        copy[step] = _set(data[step], rest, value)
        return copy
    if isinstance(data, dict):
        copy = dict(data)
        copy[step] = _set(data[step], rest, value)
        return copy
    raise KeyError(step)


# ---------------------------------------------------------------------------
# Writing a value the way its scalar is written.
# ---------------------------------------------------------------------------

_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


def _content_span(text: str, node: yaml.ScalarNode) -> tuple[int, int]:
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ('"', "'"):
        return start + 1, end - 1
    if node.style in ("|", ">"):
        newline = text.find("\n", start, end)
        return (newline + 1 if newline >= 0 else end), end
    return start, end


def _align(text: str, node: yaml.ScalarNode, value: str) -> list[tuple[int, int]] | None:
    """For each character of ``value``, its span in ``text`` (None if they cannot be matched)."""
    start, end = _content_span(text, node)
    style = node.style
    spans: list[tuple[int, int]] = []
    j = start
    for char in value:
        while True:
            if j >= end:
                return None
            raw = text[j]
            if style == '"' and raw == "\\":
                decoded, length = _escape(text, j)
                if decoded is None:          # an escaped line break: nothing in the value
                    j += length
                    continue
                if decoded != char:
                    return None
                spans.append((j, j + length))
                j += length
                break
            if style == "'" and raw == "'" and text[j + 1:j + 2] == "'":
                if char != "'":
                    return None
                spans.append((j, j + 2))
                j += 2
                break
            if raw == char:
                spans.append((j, j + 1))
                j += 1
                break
            if char in " \n" and raw in " \t\r\n":   # a folded line break
                k = j
                while k < end and text[k] in " \t\r\n":
                    k += 1
                spans.append((j, k))
                j = k
                break
            if raw in " \t\r\n":                       # indentation of a continuation line
                j += 1
                continue
            return None
    return spans


def _escape(text: str, j: int) -> tuple[str | None, int]:
    code = text[j + 1:j + 2]
    if code in ("\n", "\r"):
        k = j + 1
        while k < len(text) and text[k] in " \t\r\n":
            k += 1
        return None, k - j
    if code in _HEX:
        digits = text[j + 2:j + 2 + _HEX[code]]
        try:
            return chr(int(digits, 16)), 2 + _HEX[code]
        except ValueError:
            return "\ufffd", 2
    return _ESCAPES.get(code, code), 2


def _ascii_escaped(text: str, node: yaml.ScalarNode) -> bool:
    raw = text[node.start_mark.index:node.end_mark.index]
    return node.style == '"' and bool(re.search(r"\\u[0-9A-Fa-f]{4}", raw)) and raw.isascii()


def _encode(piece: str, node: yaml.ScalarNode, ascii_only: bool) -> str | None:
    if "\n" in piece:
        return None
    if node.style == '"':
        return json.dumps(piece, ensure_ascii=ascii_only)[1:-1]
    if node.style == "'":
        return piece.replace("'", "''")
    return piece


def _surgical(text: str, node: yaml.ScalarNode, old: str, new: str, is_json: bool) -> str | None:
    """Replace only the characters that differ between ``old`` and ``new``."""
    spans = _align(text, node, old)
    if spans is None or not old:
        return None
    ascii_only = _ascii_escaped(text, node)
    edits: list[tuple[int, int, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        replacement = _encode(new[j1:j2], node, ascii_only)
        if replacement is None:
            return None
        if i1 < i2:
            edits.append((spans[i1][0], spans[i2 - 1][1], replacement))
        elif i1 < len(old):
            edits.append((spans[i1][0], spans[i1][0], replacement))
        else:
            edits.append((spans[-1][1], spans[-1][1], replacement))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _whole(text: str, node: yaml.ScalarNode, new: str, is_json: bool) -> str | None:
    """Rewrite the whole scalar in its own quoting style (a plain one that cannot stay plain: "double")."""
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">") or "\n" in text[start:end]:
        return None
    if node.style == "'":
        written = "'" + new.replace("'", "''") + "'"
    elif node.style == '"' or is_json:
        written = json.dumps(new, ensure_ascii=_ascii_escaped(text, node))
    else:
        written = json.dumps(new, ensure_ascii=False)
    return text[:start] + written + text[end:]
