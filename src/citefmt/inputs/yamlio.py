"""Reading YAML and JSON the way citefmt wants it: strings stay strings, positions are kept.

citefmt reads YAML with PyYAML's C parser (libyaml) but its own, deliberately small
resolver: a plain scalar is ``null``/``~``/empty (None), ``true``/``false`` (bool),
or a string. Nothing else is guessed, so ``volume: 129`` is the string ``"129"``,
``title: 1.10`` keeps its zero, ``language: no`` stays Norwegian and
``issued: 2020-05-01`` is an EDTF string, not a Python date.

When a position is needed (an error message, a safe in-place fix), the same text
is *composed* into nodes, whose marks hold line, column and character offset.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import yaml

try:  # libyaml is part of PyYAML's wheels; fall back to the pure parser elsewhere.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class StringsLoader(_BaseLoader):
    """A safe YAML loader whose plain scalars are strings, booleans or null only."""


StringsLoader.yaml_implicit_resolvers = {}
StringsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
StringsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null",
    re.compile(r"^(?:~|null|Null|NULL|)$"),
    ["~", "n", "N", ""],
)


def _construct_bool(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> bool:
    return loader.construct_scalar(node).lower() == "true"


StringsLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
# Explicitly tagged numbers and timestamps (`!!int 5`) still come back as their text.
for _tag in ("int", "float", "timestamp"):
    StringsLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", StringsLoader.construct_yaml_str)


class MaxSizeExceeded(Exception):
    """The data holds more nodes than citefmt agrees to expand (alias bombs)."""

    def __init__(self, message: str, path: tuple = ()):
        super().__init__(message)
        #: Where in the data the limit was hit (mapping keys and list indexes).
        self.path = path


#: Values YAML aliases may add to the data, over what is written out (an alias bomb's
#: nine lists of nine aliases expand a 1 KB file into 387 million values).
MAX_ALIAS_EXPANSION = 1_000_000
#: How deeply lists and mappings may nest; CSL data needs five or six levels. libyaml
#: refuses more than 1,000 while parsing; Python's JSON parser about as many.
MAX_DEPTH = 100

def check_expansion(data: Any, *, max_expansion: int = MAX_ALIAS_EXPANSION, max_depth: int = MAX_DEPTH) -> None:
    """Refuse data that aliases would expand beyond bounds, that contains itself, or that nests too deeply.

    YAML aliases make one Python list or dict appear in several places. Loading
    stays cheap (the object is shared), but everything that walks the data
    afterwards (validation, rendering, output) sees every copy. This walk visits
    each distinct container once, so it costs the size of the file, not of the
    expansion. Raises :class:`MaxSizeExceeded` naming the path where a bound was hit.
    """
    if not isinstance(data, (list, dict)):
        return
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    added = 0
    # Each frame: [container, iterator of (step, child), expanded size so far, step from the parent]
    stack: list[list[Any]] = [[data, _children(data), 1, None]]
    on_path.add(id(data))
    while stack:
        frame = stack[-1]
        entry = next(frame[1], None)
        if entry is None:
            stack.pop()
            on_path.discard(id(frame[0]))
            sizes[id(frame[0])] = frame[2]
            if stack:
                stack[-1][2] += frame[2]
            continue
        step, child = entry
        if not isinstance(child, (list, dict)):
            frame[2] += 1
            continue
        key = id(child)
        if key in on_path:
            raise MaxSizeExceeded("a YAML alias refers to a node that contains it (a cycle)",
                                  _path(stack, step))
        size = sizes.get(key)
        if size is not None:  # an alias of a container already seen
            frame[2] += size
            added += size
            if added > max_expansion:
                raise MaxSizeExceeded(f"YAML aliases expand the data by more than {max_expansion:,} values "
                                      "(an alias bomb?)", _path(stack, step))
            continue
        if len(stack) >= max_depth:
            raise MaxSizeExceeded(f"nested more than {max_depth} levels deep", _path(stack, step))
        on_path.add(key)
        stack.append([child, _children(child), 1, step])


def nests_deeper_than(data: Any, max_depth: int) -> bool:
    """Whether lists and mappings in ``data`` nest more than ``max_depth`` levels (the root is one).

    For parsed JSON, which has no aliases (every container appears once), this is all
    :func:`check_expansion` can find, at a fraction of its cost: only containers are visited.
    """
    stack = [(data, 1)] if isinstance(data, (list, dict)) else []
    while stack:
        container, depth = stack.pop()
        for child in (container.values() if isinstance(container, dict) else container):
            if isinstance(child, (list, dict)):
                if depth >= max_depth:
                    return True
                stack.append((child, depth + 1))
    return False


def _children(container: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(container, dict):
        return iter(container.items())
    return enumerate(container)


def _path(stack: list[list[Any]], step: Any) -> tuple:
    steps = [frame[3] for frame in stack[1:]] + [step]
    return tuple(s if isinstance(s, (str, int)) else str(s) for s in steps)


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a text."""

    line: int
    column: int


def looks_like_json(text: str) -> bool:
    """True if the text starts like a JSON document (after whitespace)."""
    stripped = text.lstrip()
    return stripped.startswith(("[", "{"))


def _json_int(text: str) -> int | str:
    # Python refuses to convert integers of more than 4,300 digits; keep such a number as text.
    return int(text) if len(text) <= 4000 else text


def _json_float(text: str) -> float | str:
    value = float(text)
    return value if math.isfinite(value) else text  # 1e999 overflows: keep what was written


def load_json(text: str) -> Any:
    """Parse JSON text (raises :class:`json.JSONDecodeError`).

    Numbers too large for Python, and the non-standard ``NaN``/``Infinity`` that
    Python's parser accepts, come back as the text written, as YAML reads them.
    """
    return json.loads(text, parse_int=_json_int, parse_float=_json_float, parse_constant=str)


def iter_json_list(text: str, at: Callable[[int], None] | None = None) -> Iterator[Any]:
    """The elements of a JSON array, parsed one at a time, as :func:`load_json` parses them.

    Raises :class:`json.JSONDecodeError` where ``json.loads`` would (once the elements
    before it have been yielded). ``at(n)``: told, once the text is read to its end,
    ``len(text)``, and before that, after each element, where it ends.
    """
    decoder = json.JSONDecoder(parse_int=_json_int, parse_float=_json_float, parse_constant=str)
    skip = _JSON_SPACE.match
    end = skip(text, 0).end()
    if text[end:end + 1] != "[":
        raise json.JSONDecodeError("Expecting value", text, end)
    end = skip(text, end + 1).end()
    if text[end:end + 1] == "]":
        end += 1
    else:
        while True:
            item, end = decoder.raw_decode(text, end)
            if at is not None:
                at(end)
            yield item
            end = skip(text, end).end()
            separator = text[end:end + 1]
            if separator == "]":
                end += 1
                break
            if separator != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, end)
            end = skip(text, end + 1).end()
    end = skip(text, end).end()
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    if at is not None:
        at(end)


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def load_yaml(text: str) -> Iterator[Any]:
    """Parse every YAML document in the text (raises :class:`yaml.YAMLError`)."""
    return yaml.load_all(text, Loader=StringsLoader)


def compose_yaml(text: str) -> list[yaml.Node]:
    """Compose the YAML documents of the text into nodes that carry their marks."""
    return list(yaml.compose_all(text, Loader=StringsLoader))


def node_at(root: yaml.Node, path: tuple[str | int, ...]) -> tuple[yaml.Node | None, bool]:
    """Follow ``path`` (mapping keys and sequence indexes) from ``root``.

    Returns the deepest node reached and whether the whole path was found. For a
    mapping key the *value* node is returned, unless the key is the last step and
    has no value worth pointing at, in which case the key node is returned.
    """
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == step:
                    node = value_node
                    break
            else:
                return node, False
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if 0 <= step < len(node.value):
                node = node.value[step]
            else:
                return node, False
        else:
            return node, False
    return node, True


def key_node_at(root: yaml.Node, path: tuple[str | int, ...]) -> yaml.Node | None:
    """The node of the last mapping *key* of ``path`` (where a field name is written)."""
    if not path or not isinstance(path[-1], str):
        return None
    parent, found = node_at(root, path[:-1])
    if not found or not isinstance(parent, yaml.MappingNode):
        return None
    for key_node, _ in parent.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == path[-1]:
            return key_node
    return None


def mark_of(node: yaml.Node) -> Mark:
    """The 1-based start position of a node."""
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def offset_to_mark(text: str, offset: int) -> Mark:
    """The 1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Mark(line, column)
