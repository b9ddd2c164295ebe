"""Reading reference data: the article format, CSL-YAML and CSL-JSON, from a path or stdin.

:func:`load_library` reads a source, detects its kind from the content, validates
every item against the CSL-JSON data model (see :mod:`citefmt.inputs.validate`)
and returns a :class:`Library` of normalised CSL-JSON items.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator

import yaml

from ..bulk import no_cycle_collection
from ..errors import InputError, Location, UnknownIdError
from ..progress import Progress, ticker
from ..resources import bundled_article_path
from . import yamlio
from .validate import Problem, printable, validate_items

#: The value of ``SOURCE`` that means standard input.
STDIN = "-"

#: The largest input citefmt reads (a file or stdin), in bytes. 100,000 references
#: take about 50 MB; anything much larger is not a bibliography (or is /dev/zero).
MAX_INPUT_BYTES = 256 * 1024 * 1024
#: At most this many problems are reported one per line; the rest are counted.
MAX_PROBLEMS_SHOWN = 20

#: Kinds of input citefmt recognises.
KIND_ARTICLE = "article"        # {article: item, references: [items]}
KIND_CSL_YAML = "csl-yaml"      # {references: [items]}, as pandoc writes it
KIND_CSL_LIST = "csl-json"      # [items], in JSON or YAML


@dataclass
class Library:
    """Reference data read from one source, as normalised CSL-JSON items."""

    #: How the source is named in messages (a path as given, or ``<stdin>``).
    name: str
    #: The kind of input detected (``article``, ``csl-yaml`` or ``csl-json``).
    kind: str
    #: The article itself, if the source has one.
    article: dict[str, Any] | None
    #: The references, in input order.
    references: list[dict[str, Any]]
    #: The path read, or None for stdin.
    path: Path | None = None

    def items(self) -> list[dict[str, Any]]:
        """Every item: the article (if any) first, then the references."""
        return ([self.article] if self.article else []) + self.references

    def get(self, item_id: str) -> dict[str, Any]:
        """The item with this id; :class:`UnknownIdError` naming close ids if absent."""
        for item in self.items():
            if item["id"] == item_id:
                return item
        import difflib

        ids = [item["id"] for item in self.items()]
        close = difflib.get_close_matches(item_id[:200], ids, n=3) if len(ids) <= 10_000 else []
        hint = (("did you mean " + ", ".join(printable(i, 60) for i in close) + "?") if close
                else f"{len(ids)} ids in {self.name}")
        shown = repr(item_id) if len(item_id) <= 80 else repr(item_id[:79]) + "…"
        raise UnknownIdError(f"no reference with id {printable(shown, 90)}", hint=hint)


def load_library(source: str | os.PathLike[str] | None = None, *,
                 stdin: BinaryIO | None = None, progress: Progress | None = None) -> Library:
    """Read, detect and validate reference data.

    ``source`` is a path, ``"-"`` for standard input, or None for the bundled
    article. Raises :class:`~citefmt.errors.InputError` (with every problem
    found, each with its file, line and field) if the data is not valid.
    ``progress`` is told how much of a CSL-JSON list has been read (phase ``"read"``).
    """
    name, raw, path = read_source_bytes(source, stdin=stdin)
    text = decode_text(raw, name)
    del raw  # a large input is not held twice while it is parsed
    return parse_library(text, name=name, path=path, progress=progress)


def read_source_bytes(source: str | os.PathLike[str] | None = None, *,
                      stdin: BinaryIO | None = None) -> tuple[str, bytes, Path | None]:
    """(name for messages, bytes, path or None) of a source: a path, ``"-"``, or None for the article.

    Every command reads its input through this: the same size limit and the same messages.
    """
    if source is None:
        path: Path | None = bundled_article_path()
        name = "data/article.yaml"
        return name, _read_path(path, name), path
    if str(source) == STDIN:
        name = "<stdin>"
        stream = stdin if stdin is not None else sys.stdin.buffer
        if stream is None:
            raise InputError("standard input is closed", location=Location(name))
        try:
            return name, _read_limited(stream, name), None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", location=Location(name)) from None
    path = Path(source)
    name = printable(str(source), 200)
    return name, _read_path(path, name), path


def _read_limited(stream: BinaryIO, name: str) -> bytes:
    """Everything in ``stream``, or :class:`InputError` past :data:`MAX_INPUT_BYTES`."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if data is None:  # a non-blocking stream with nothing ready
        data = b""
    if len(data) > MAX_INPUT_BYTES:
        limit = (f"{MAX_INPUT_BYTES // (1024 * 1024)} MB" if MAX_INPUT_BYTES >= 1024 * 1024
                 else f"{MAX_INPUT_BYTES:,} bytes")
        raise InputError(f"is larger than {limit}, the most citefmt reads",
                         location=Location(name), hint="split the references into several files")
    return data


def _read_path(path: Path, name: str) -> bytes:
    try:
        if path.is_dir():
            raise InputError("is a directory, not a file", location=Location(name))
        with open(path, "rb") as handle:
            return _read_limited(handle, name)
    except FileNotFoundError:
        raise InputError("no such file", location=Location(name)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", location=Location(name)) from None
    except PermissionError:
        raise InputError("permission denied", location=Location(name)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", location=Location(name)) from None
    except ValueError:  # a path holding a NUL character
        raise InputError("not a valid file name", location=Location(name)) from None


def decode_text(raw: bytes, name: str) -> str:
    """Decode input bytes as UTF-8 (a BOM is allowed), or fail with the offending position."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("is UTF-16; citefmt reads UTF-8", location=Location(name),
                         hint="convert it, e.g. with iconv -f UTF-16 -t UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        mark = yamlio.offset_to_mark(raw[: exc.start].decode("utf-8", "replace"), exc.start)
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                         location=Location(name, mark.line, mark.column)) from None
    if "\x00" in text:
        mark = yamlio.offset_to_mark(text, text.index("\x00"))
        raise InputError("binary data, not a text file", location=Location(name, mark.line, mark.column))
    return text.replace("\r\n", "\n")


def parse_library(text: str, *, name: str = "<input>", path: Path | None = None,
                  progress: Progress | None = None) -> Library:
    """Parse already decoded text into a validated :class:`Library` (``progress``: as for
    :func:`load_library`)."""
    with no_cycle_collection():  # what is made here is kept
        return _parse_library(text, name, path, progress)


def _parse_library(text: str, name: str, path: Path | None, progress: Progress | None = None) -> Library:
    if _JSON_LIST_START.match(text):
        library = _parse_json_list(text, name, path, ticker(progress, "read", len(text)))
        if library is not None:
            return library
    data = _parse_text(text, name)
    kind, article, references, container = _detect(data, name)
    items = ([article] if article is not None else []) + references
    prefixes = (["article"] if article is not None else []) + [
        f"{container}[{i}]" if container else f"[{i}]" for i in range(len(references))
    ]
    # ``items`` is left the only holder of the parsed items, so that each is freed once
    # its clean copy is made (the peak memory of a large input is then one copy, not two).
    has_article = article is not None
    references.clear()
    del data, article, references
    clean, problems = validate_items(items, prefixes, release=True)
    if problems:
        raise _problems_error(problems, text, name)
    return Library(name=name, kind=kind, article=clean[0] if has_article else None,
                   references=clean[1:] if has_article else clean, path=path)


_JSON_LIST_START = re.compile(r"\s*\[")  # (not text.lstrip(): a copy of a large input)


def _parse_json_list(text: str, name: str, path: Path | None,
                     tick: Callable[[int], None] | None = None) -> Library | None:
    """A CSL-JSON list read one item at a time, each validated as soon as it is parsed.

    Only one item is ever held in two forms (parsed and clean), so a large file costs its
    text and its clean items, not also a whole parsed copy. Returns None when the text is
    not valid JSON: the general path then reports the error (or reads it as YAML) exactly
    as for any other input. ``tick(n)`` is told after each item how many characters are read.
    """
    def parsed_items() -> Iterator[Any]:
        for index, item in enumerate(yamlio.iter_json_list(text, tick)):
            # Each item is the root here: one level less than below the list. JSON has no
            # aliases, so depth is all there is to check; the full walk finds where.
            if yamlio.nests_deeper_than(item, yamlio.MAX_DEPTH - 1):
                try:
                    yamlio.check_expansion(item, max_depth=yamlio.MAX_DEPTH - 1)
                except yamlio.MaxSizeExceeded as exc:
                    location = TextLocator(text, name).locate((index,) + exc.path)
                    raise _too_deep(name, location.line, location.column) from None
            yield item

    try:
        clean, problems = validate_items(parsed_items(), (f"[{i}]" for i in itertools.count()))
    except json.JSONDecodeError:
        return None
    except RecursionError:
        raise _too_deep(name) from None
    if problems:
        raise _problems_error(problems, text, name)
    return Library(name=name, kind=KIND_CSL_LIST, article=None, references=clean, path=path)


def _too_deep(name: str, line: int | None = None, column: int | None = None) -> InputError:
    return InputError(f"is nested too deeply to be reference data (more than {yamlio.MAX_DEPTH} levels)",
                      location=Location(name, line, column if line is not None else None))


def _parse_text(text: str, name: str) -> Any:
    if not text.strip():
        raise InputError("is empty: expected CSL-JSON items or an article file", location=Location(name))
    if yamlio.looks_like_json(text):
        try:
            data = yamlio.load_json(text)
        except json.JSONDecodeError as exc:
            json_error = exc
        except RecursionError:
            raise _too_deep(name) from None
        else:
            _check_shape(data, text, name)
            return data
        # Not JSON after all? YAML flow style also starts with '[' or '{'.
        try:
            return _parse_yaml(text, name)
        except InputError:
            raise InputError(f"invalid JSON: {json_error.msg}",
                             location=Location(name, json_error.lineno, json_error.colno)) from None
    return _parse_yaml(text, name)


def _check_shape(data: Any, text: str, name: str) -> None:
    """Refuse alias bombs, self-containing data and absurd nesting (see :func:`yamlio.check_expansion`)."""
    try:
        yamlio.check_expansion(data)
    except yamlio.MaxSizeExceeded as exc:
        location = TextLocator(text, name).locate(exc.path) if exc.path else Location(name)
        if str(exc).startswith("nested"):
            raise _too_deep(name, location.line, location.column) from None
        raise InputError(str(exc), location=location) from None


def _parse_yaml(text: str, name: str) -> Any:
    try:
        documents = [doc for doc in yamlio.load_yaml(text) if doc is not None]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "cannot be parsed"
        if "maximum nesting depth" in problem:  # libyaml's own bound (1,000 levels)
            raise _too_deep(name, *((mark.line + 1, mark.column + 1) if mark else ())) from None
        location = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        raise InputError(f"invalid YAML: {printable(problem, 200)}", location=location) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {printable(str(exc), 200)}", location=Location(name)) from None
    except RecursionError:
        raise _too_deep(name) from None
    for document in documents:
        _check_shape(document, text, name)
    if not documents:
        raise InputError("holds no data: expected CSL-JSON items or an article file", location=Location(name))
    # A Markdown file's YAML front matter, or a stream of documents: use the first
    # document that holds references.
    for document in documents:
        if isinstance(document, dict) and "references" in document:
            return document
    return documents[0]


def _detect(data: Any, name: str) -> tuple[str, dict | None, list, str]:
    """Work out the kind of input; return (kind, article, references, container key)."""
    if isinstance(data, list):
        return KIND_CSL_LIST, None, data, ""
    if isinstance(data, dict):
        if "references" in data or "article" in data:
            references = data.get("references")
            if references is None:
                references = []
            if not isinstance(references, list):
                raise InputError("must be a list of CSL-JSON items",
                                 location=Location(name), field="references")
            article = data.get("article")
            if article is not None and not isinstance(article, dict):
                raise InputError("must be one CSL-JSON item (a mapping)",
                                 location=Location(name), field="article")
            kind = KIND_ARTICLE if article is not None else KIND_CSL_YAML
            return kind, article, references, "references"
        if "id" in data and "type" in data:
            return KIND_CSL_LIST, None, [data], ""
        keys = ", ".join(printable(str(key), 40) for key in list(data)[:5])
        raise InputError(f"is not reference data: found keys {keys}",
                         location=Location(name),
                         hint="expected `references:` (and optionally `article:`) or a list of CSL-JSON items")
    raise InputError(f"is not reference data: found {_single(data)}",
                     location=Location(name),
                     hint="expected `references:` (and optionally `article:`) or a list of CSL-JSON items")


def _single(value: Any) -> str:
    if isinstance(value, str):
        return "a single text value"
    if isinstance(value, bool):
        return "a single true/false value"
    if isinstance(value, (int, float)):
        return "a single number"
    return f"a single {type(value).__name__} value"


def _problems_error(problems: list[Problem], text: str, name: str) -> InputError:
    """Turn validation problems into one InputError, each problem located in the text.

    The first :data:`MAX_PROBLEMS_SHOWN` are kept, each located; one more line
    counts the rest (a file of 100,000 broken items is not 100,000 lines of errors).
    """
    locator = TextLocator(text, name)
    shown = problems[:MAX_PROBLEMS_SHOWN]
    errors = [InputError(p.message, location=locator.locate(p.path, on_key=p.on_key),
                         field=p.field, hint=p.hint) for p in shown]
    if len(problems) > len(shown):
        more = len(problems) - len(shown)
        errors.append(InputError(f"{more:,} more problem{'s' if more != 1 else ''} not shown",
                                 location=Location(name), hint="fix the ones above and run again"))
    first = errors[0]
    first.problems = errors
    return first


class TextLocator:
    """Finds the line and column of a data path (``references[2].issued``) in the source text."""

    def __init__(self, text: str, name: str):
        self.text = text
        self.name = name
        self._roots: list[yaml.Node] | None = None

    def _root(self) -> yaml.Node | None:
        if self._roots is None:
            self._roots = []
            # JSON is read as YAML here; tabs (legal JSON whitespace) become spaces
            # of the same length so that every offset stays where it was.
            for text in (self.text, self.text.replace("\t", " ")):
                try:
                    self._roots = [n for n in yamlio.compose_yaml(text) if n is not None]
                    break
                except (yaml.YAMLError, RecursionError):
                    continue
        for node in self._roots:
            if isinstance(node, yaml.MappingNode) and any(
                    isinstance(k, yaml.ScalarNode) and k.value == "references" for k, _ in node.value):
                return node
        return self._roots[0] if self._roots else None

    def locate(self, path: tuple, *, on_key: bool = False) -> Location:
        """The location of ``path``; the key's position if ``on_key`` (for unknown fields)."""
        root = self._root()
        if root is None:
            return Location(self.name)
        if on_key:
            key = yamlio.key_node_at(root, path)
            if key is not None:
                mark = yamlio.mark_of(key)
                return Location(self.name, mark.line, mark.column)
        node, _ = yamlio.node_at(root, path)
        if node is None:
            return Location(self.name)
        mark = yamlio.mark_of(node)
        return Location(self.name, mark.line, mark.column)
