"""Reading CSL style and locale XML safely.

A style or locale file may come from anywhere, so before lxml sees a byte:

* it must be UTF-8 (what CSL prescribes; a UTF-8 BOM is allowed). The bytes are
  decoded here and handed to lxml as UTF-8 whatever the XML declaration claims, so
  no UTF-16 or UTF-7 spelling can hide anything from the next check;
* a DOCTYPE or entity declaration is refused: CSL needs none, and without one no
  external entity can pull a local file into the output and no "billion laughs"
  can expand, whatever lxml or libxml2 version is installed. The parser is also set
  never to resolve entities, load a DTD or touch the network;
* it must be at most :data:`MAX_XML_BYTES` long, and libxml2's default limits
  (depth 256, 10 MB text nodes) stay on.

After parsing, :func:`check_csl_tree` refuses what citefmt's engine cannot render
meaningfully: elements that are not CSL (an ``xi:include``, a typo such as
``<txt>``), a macro that is called but not defined, macros that call each other in
a circle, and values of the few attributes whose wrong spelling would otherwise
fail deep inside rendering. Bytes that passed these checks once are not checked again
(:mod:`citefmt.engine.checked` remembers them across runs).

Every refusal is a :class:`CslXmlError` whose message says what and where
(``line 12: unknown element <frobnicate> in <layout>``).
"""

from __future__ import annotations

import re

from lxml import etree

CSL_NS = "http://purl.org/net/xbiblio/csl"

#: The largest style or locale file accepted (the largest official style is 250 KB).
MAX_XML_BYTES = 8 * 1024 * 1024

_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_LIBXML_POSITION = re.compile(r",? line \d+, column \d+$")


class CslXmlError(ValueError):
    """The XML of a style or locale is unsafe or malformed."""


def _parser(lookup: etree.ElementClassLookup | None = None) -> etree.XMLParser:
    parser = etree.XMLParser(encoding="utf-8", resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    if lookup is not None:
        parser.set_element_class_lookup(lookup)
    return parser


def _prefix(name: str | None, line: int | None = None) -> str:
    """``NAME:LINE: ``, ``NAME: ``, ``line LINE: `` or nothing."""
    if name and line:
        return f"{name}:{line}: "
    if name:
        return f"{name}: "
    if line:
        return f"line {line}: "
    return ""


def parse_csl_xml(data: bytes | str, name: str | None = None, *,
                  lookup: etree.ElementClassLookup | None = None) -> etree._Element:
    """Parse CSL XML (bytes or text) into an element tree; :class:`CslXmlError` if unsafe or broken.

    ``name`` (a file name) starts every message; without it messages start with
    the line, and the caller says which file. ``lookup`` chooses the Python class
    of each element (the engine's CSL element classes).
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_XML_BYTES:
        raise CslXmlError(f"{_prefix(name)}larger than {MAX_XML_BYTES // (1024 * 1024)} MB: not a CSL file")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raise CslXmlError(f"{_prefix(name)}is UTF-16 or UTF-32; CSL files are UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CslXmlError(f"{_prefix(name, line)}not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                          "CSL files are UTF-8") from None
    match = _DECLARATION.search(text)
    if match:
        kind = match.group(1).upper()
        line = text.count("\n", 0, match.start()) + 1
        raise CslXmlError(f"{_prefix(name, line)}refusing a {kind} declaration (CSL files need none)")
    if not text.strip():
        raise CslXmlError(f"{_prefix(name)}empty file, not CSL XML")
    try:
        root = etree.fromstring(raw, _parser(lookup))
    except etree.XMLSyntaxError as exc:
        message = str(exc.msg) if getattr(exc, "msg", None) else str(exc)
        message = _LIBXML_POSITION.sub("", message.strip())
        if message.startswith("Excessive depth"):  # libxml2 suggests XML_PARSE_HUGE: not for users
            message = "nested too deeply (more than 256 levels)"
        raise CslXmlError(f"{_prefix(name, getattr(exc, 'lineno', None))}malformed XML: {message}") from None
    except (ValueError, MemoryError) as exc:  # lxml's own refusals (e.g. an unsupported encoding)
        raise CslXmlError(f"{_prefix(name)}cannot be parsed: {exc}") from None
    if root is None:
        raise CslXmlError(f"{_prefix(name)}empty XML document")
    if local(root) in ("style", "locale") and etree.QName(root).namespace == CSL_NS:
        from . import checked

        if not checked.passed_before(raw):
            check_csl_tree(root, name)
            checked.remember_passed(raw)
    return root


def local(element: etree._Element) -> str:
    """The element's tag without its namespace ('' for comments and the like)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


# --- what a CSL 1.0.2 file may hold ------------------------------------------------------------

#: Every element of CSL 1.0.2 (styles and locales), plus ``intext`` (citeproc-js)
#: and the locale ``type`` genders, both of which the engine reads.
CSL_ELEMENTS = frozenset("""
style info locale macro citation bibliography intext layout sort key
author contributor translator name email uri category id issn eissn issnl link published
rights summary title title-short updated
text number label group choose if else-if else names name-part et-al substitute date date-part
terms term single multiple style-options type
""".split())

#: Attribute values the engine must understand (a wrong one would fail mid-render).
ENUMERATED = {
    "text-case": frozenset({"lowercase", "uppercase", "capitalize-first", "capitalize-all", "sentence",
                            "title"}),
    "page-range-format": frozenset({"chicago", "chicago-15", "chicago-16", "expanded", "minimal",
                                    "minimal-two"}),
}
_DATE_PART_NAMES = frozenset({"day", "month", "year"})
#: Attributes that hold a whole number (CSL 1.0.2's xsd:integer options).
INTEGER_ATTRIBUTES = frozenset({"et-al-min", "et-al-use-first", "et-al-subsequent-min",
                                "et-al-subsequent-use-first", "names-min", "names-use-first",
                                "near-note-distance", "line-spacing", "entry-spacing"})
_WHOLE_NUMBER = re.compile(r"^\s*\d{1,9}\s*$")


_RENDERING = frozenset({"text", "date", "number", "names", "label", "group", "choose"})
#: Which CSL elements may appear inside which (CSL 1.0.2's schema, outside cs:info).
ALLOWED_CHILDREN = {
    "style": frozenset({"info", "locale", "macro", "citation", "bibliography"}),
    "locale": frozenset({"info", "terms", "date", "style-options"}),
    "terms": frozenset({"term"}),
    "term": frozenset({"single", "multiple"}),
    "citation": frozenset({"sort", "layout"}),
    "bibliography": frozenset({"sort", "layout"}),
    "intext": frozenset({"layout"}),
    "sort": frozenset({"key"}),
    "layout": _RENDERING,
    "macro": _RENDERING,
    "group": _RENDERING,
    "if": _RENDERING,
    "else-if": _RENDERING,
    "else": _RENDERING,
    "substitute": _RENDERING,
    "choose": frozenset({"if", "else-if", "else"}),
    "names": frozenset({"name", "et-al", "label", "substitute"}),
    "name": frozenset({"name-part"}),
    "date": frozenset({"date-part"}),
}
_EMPTY = frozenset({"text", "number", "label", "et-al", "name-part", "date-part", "key", "single", "multiple",
                    "style-options"})


def _check_place(element: etree._Element, tag: str, parent_tag: str | None, in_locale: bool,
                 prefix: str) -> None:
    """Refuse an element where CSL does not allow it, or without the attributes it needs."""
    if parent_tag is None:
        allowed = tag in ("style", "locale")
    elif parent_tag in _EMPTY:
        allowed = False
    else:
        allowed = tag in ALLOWED_CHILDREN.get(parent_tag, frozenset())
    if not allowed:
        where = f"<{parent_tag}>" if parent_tag else "the top of the file"
        raise CslXmlError(f"{prefix}{_where(element)}<{tag}> is not allowed in {where}")
    needs = None
    if tag == "text" and not {"variable", "macro", "term", "value"} & set(element.attrib):
        needs = "one of variable, macro, term, value"
    elif tag in ("number", "names") and not element.get("variable"):
        needs = "a variable"
    elif tag == "date" and not in_locale and not element.get("variable"):
        needs = "a variable"
    elif tag == "label" and parent_tag != "names" and not element.get("variable"):
        needs = "a variable"
    elif tag == "key" and not {"variable", "macro"} & set(element.attrib):
        needs = "a variable or a macro"
    elif tag == "date-part" and not element.get("name"):
        needs = "a name"
    elif tag == "term" and not element.get("name"):
        needs = "a name"
    if needs:
        raise CslXmlError(f"{prefix}{_where(element)}<{tag}> needs {needs}")


def _where(element: etree._Element) -> str:
    return f"line {element.sourceline}: " if element.sourceline else ""


_CSL_PREFIX = f"{{{CSL_NS}}}"


def check_csl_tree(root: etree._Element, name: str | None = None) -> None:
    """Refuse a style or locale tree the engine cannot render (see the module docstring)."""
    prefix = _prefix(name)
    macros: dict[str, etree._Element] = {}
    # Depth first, in document order; each entry carries what the checks need to know
    # of the element's ancestors: (element, parent's local name, inside cs:info, inside cs:locale).
    stack: list[tuple[etree._Element, str | None, bool, bool]] = [(root, None, False, False)]
    while stack:
        element, parent_tag, in_info, in_locale = stack.pop()
        raw_tag = element.tag
        if not isinstance(raw_tag, str):
            continue
        inside = f" in <{parent_tag}>" if parent_tag is not None else ""
        if not raw_tag.startswith(_CSL_PREFIX):
            qname = etree.QName(element)
            shown = f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
            raise CslXmlError(f"{prefix}{_where(element)}element <{shown}>{inside} is not CSL")
        tag = raw_tag[len(_CSL_PREFIX):]
        if tag not in CSL_ELEMENTS:
            raise CslXmlError(f"{prefix}{_where(element)}unknown element <{tag}>{inside}")
        if not in_info:
            _check_place(element, tag, parent_tag, in_locale, prefix)
        attributes = element.attrib
        for attribute, allowed in ENUMERATED.items():
            value = attributes.get(attribute)
            if value is not None and value not in allowed:
                raise CslXmlError(f"{prefix}{_where(element)}<{tag}> {attribute}={value!r} is not one of "
                                  + ", ".join(sorted(allowed)))
        for attribute in INTEGER_ATTRIBUTES.intersection(attributes):
            if not _WHOLE_NUMBER.match(attributes[attribute]):
                raise CslXmlError(f"{prefix}{_where(element)}<{tag}> {attribute}={attributes[attribute]!r} "
                                  "is not a whole number")
        if "variable" in attributes and not attributes["variable"].strip():
            raise CslXmlError(f"{prefix}{_where(element)}<{tag}> variable is empty")
        if tag == "date-part" and parent_tag == "date" and attributes.get("name") not in _DATE_PART_NAMES:
            raise CslXmlError(f"{prefix}{_where(element)}<date-part> name={attributes.get('name')!r} "
                              "is not one of day, month, year")
        if tag == "macro" and element.getparent() is root:
            macro_name = attributes.get("name")
            if not macro_name:
                raise CslXmlError(f"{prefix}{_where(element)}<macro> has no name")
            macros.setdefault(macro_name, element)
        # The children of an element inside cs:info, and of cs:info itself, are not checked for place.
        stack.extend((child, tag, in_info or tag == "info", in_locale or tag == "locale")
                     for child in reversed(element))
    if local(root) == "style":
        _check_macros(root, macros, prefix)


_CALLING_TAGS = (f"{_CSL_PREFIX}text", f"{_CSL_PREFIX}key")
_MACRO_TAG = f"{_CSL_PREFIX}macro"


def _calls(element: etree._Element) -> list[tuple[str, etree._Element]]:
    """The macros called inside ``element`` (``<text macro>``, ``<key macro>``), in order."""
    return [(child.get("macro"), child) for child in element.iter(*_CALLING_TAGS)
            if child.get("macro") is not None]


#: How deeply elements may nest once macro calls are followed. The deepest official
#: style needs 73; the engine recurses a few Python frames per level.
MAX_RENDER_DEPTH = 150


def _subtree_depth(element: etree._Element, macro_depth: dict[str, int], *, skip_macros: bool = False) -> int:
    """The deepest nesting under ``element``, a macro call counting as the macro's own depth."""
    deepest = 0
    stack = [(element, 1)]
    while stack:
        node, depth = stack.pop()
        called = node.get("macro") if node.tag in _CALLING_TAGS else None
        deepest = max(deepest, depth + macro_depth.get(called, 0) if called else depth)
        for child in node:
            if isinstance(child.tag, str) and not (skip_macros and child.tag == _MACRO_TAG):
                stack.append((child, depth + 1))
    return deepest


def _check_macros(root: etree._Element, macros: dict[str, etree._Element], prefix: str) -> None:
    """Every macro called exists, no macro calls itself (directly or through others), and
    the nesting, macro calls followed, stays within :data:`MAX_RENDER_DEPTH`."""
    for called, element in _calls(root):
        if called not in macros:
            raise CslXmlError(f"{prefix}{_where(element)}<{local(element)}> calls the undefined macro {called!r}")
    graph = {name: [called for called, _ in _calls(element)] for name, element in macros.items()}
    done: set[str] = set()
    depth: dict[str, int] = {}
    for start in graph:
        if start in done:
            continue
        # Iterative depth-first search; ``path`` is the chain of calls being followed.
        path: list[str] = [start]
        iterators = [iter(graph[start])]
        on_path = {start}
        while iterators:
            called = next(iterators[-1], None)
            if called is None:
                iterators.pop()
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                # Post-order: every macro it calls has its depth already.
                depth[finished] = _subtree_depth(macros[finished], depth)
                continue
            if called in on_path:
                cycle = path[path.index(called):] + [called]
                raise CslXmlError(f"{prefix}{_where(macros[called])}macro {called!r} calls itself: "
                                  + " → ".join(cycle))
            if called in done:
                continue
            path.append(called)
            on_path.add(called)
            iterators.append(iter(graph[called]))
    deepest = _subtree_depth(root, depth, skip_macros=True)
    if deepest > MAX_RENDER_DEPTH:
        raise CslXmlError(f"{prefix}nested too deeply: {deepest} levels with its macros followed "
                          f"(at most {MAX_RENDER_DEPTH})")
