"""Read one YAML file into plain Python data, remembering where each key is.

Only the safe core of YAML is accepted: mappings with string keys, sequences,
strings, numbers, booleans and null. Tags that would build Python objects,
timestamps (dates must be quoted strings), merge keys, duplicate keys and
aliases are errors. Refusing aliases outright is what makes alias bombs
("billion laughs") impossible, rather than merely slow.

Files are composed by libyaml (PyYAML's C parser) when it is available: that
is the floor any YAML tool pays, and it gives positions for every node. The
pure-Python parser is used only to point at an alias precisely, since the C
parser resolves aliases before we see them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import excerpt

MAX_CLAIM_BYTES = 256 * 1024          # one claim: far more than any real one needs
MAX_INDEX_BYTES = 64 * 1024 * 1024    # the archive index and registries grow with the briefing

Path = tuple  # a path into the document: ("sources", 0, "quote")

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class YamlDocError(Exception):
    """A problem that stops the file from being read; line and column are 1-based."""

    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


@dataclass
class Document:
    """Parsed data, and the 1-based (line, column) of every key and item on demand.

    Positions are needed only to report a problem, and most files have none:
    they are worked out from the text the first time one is asked for.
    """

    path: str
    data: object
    text: str = ""
    digest: bytes = b""  # of the file's bytes: what a memo of later stages is keyed by
    _positions: dict | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict:
        if self._positions is None:
            self._positions = {}
            _to_python(_compose(_FastLoader, self.text), (), self._positions, set())
            if _YAML_ONLY_BREAK.search(self.text):
                self._positions = {key: _editor_position(self.text, *at) for key, at in self._positions.items()}
        return self._positions

    def position(self, path: Path) -> tuple[int, int]:
        """The position of the deepest part of `path` that exists."""
        positions = self.positions
        path = tuple(path)
        while path and path not in positions:
            path = path[:-1]
        return positions.get(path, (1, 1))


class _AliasFound(Exception):
    """Raised by the converter when a node is reached twice (an alias)."""


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise YamlDocError(mark.line + 1, mark.column + 1,
                               "YAML aliases (*name) are not allowed; write the value out")
        return super().compose_node(parent, index)


def parse_bytes(path: str, raw: bytes, max_bytes: int = MAX_CLAIM_BYTES) -> Document:
    """Parse a file's bytes; raise YamlDocError with a position on any problem."""
    if len(raw) > max_bytes:
        raise YamlDocError(1, 1, f"file is {len(raw):,} bytes; the limit is {max_bytes:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlDocError(line, column, f"not valid UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        raise YamlDocError(1, 1, "file is empty")
    doc = Document(path=path, data=None, text=text)
    try:
        doc.data = _to_python(_compose(_FastLoader, text), (), None, set())
    except _AliasFound:
        try:
            _compose(_NoAliasLoader, text)  # raises YamlDocError at the alias
        except YamlDocError as err:
            raise _as_editor_position(err, text) from None
        raise YamlDocError(1, 1, "YAML aliases (*name) are not allowed; write the value out") from None
    except YamlDocError as err:
        raise _as_editor_position(err, text) from None
    return doc


# YAML also ends lines at NEL, LS and PS; editors do not, so positions after
# one of them would point a line too far (a U+2028 pasted into a quote).
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")


def _editor_position(text: str, line: int, column: int) -> tuple[int, int]:
    """A (line, column) counted as YAML counts lines, counted as an editor does."""
    starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text)]
    index = min(starts[min(line, len(starts)) - 1] + column - 1, len(text))
    before = text[:index]
    last_break = max(before.rfind("\n"), before.rfind("\r"))
    return len(_EDITOR_BREAK.findall(before)) + 1, index - last_break


def _as_editor_position(err: YamlDocError, text: str) -> YamlDocError:
    if _YAML_ONLY_BREAK.search(text):
        err.line, err.column = _editor_position(text, err.line, err.column)
    return err


_FastLoader = getattr(yaml, "CSafeLoader", _NoAliasLoader)


def _compose(loader_class, text: str):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except YamlDocError:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = _EDITOR_BREAK.split(text)
        if line > len(lines):  # libyaml points past a missing final line break; editors end at the last line
            line, column = len(lines), len(lines[-1]) + 1
        raise YamlDocError(line, column, _describe_syntax_error(err, text, mark)) from None
    except yaml.YAMLError as err:  # e.g. a reader error without a mark
        raise YamlDocError(1, 1, f"cannot read YAML: {excerpt(str(err))}") from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlDocError(1, 1, "file is empty")
    return node


def _describe_syntax_error(err: yaml.MarkedYAMLError, text: str, mark) -> str:
    if mark is not None and mark.pointer is not None and mark.buffer and mark.buffer[mark.pointer:mark.pointer + 1] == "\t":
        return "tab character: indent YAML with spaces, not tabs"
    if mark is not None and "\t" in _line_of(text, mark.line):
        return "tab character: indent YAML with spaces, not tabs"
    problem = err.problem or "malformed YAML"
    context = f" ({err.context})" if err.context else ""
    return excerpt(f"YAML syntax error: {problem}{context}", 160)


def _line_of(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def _to_python(node, path: Path, positions: dict | None, seen: set):
    """Plain data from a node tree; with a `positions` dict, also where each key and item is."""
    if id(node) in seen:
        raise _AliasFound
    seen.add(id(node))
    if isinstance(node, MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _tag_error(node)
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlDocError(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                   "YAML merge keys (<<) are not allowed; write the keys out")
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise YamlDocError(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                   "keys must be plain words, such as `quote`")
            key = key_node.value
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                raise YamlDocError(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                   f"duplicate key `{excerpt(key, 40)}` (first at line {first.start_mark.line + 1})")
            if positions is not None:
                positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _to_python(value_node, path + (key,), positions, seen)
        return result
    if isinstance(node, SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _tag_error(node)
        items = []
        for index, item in enumerate(node.value):
            if positions is not None:
                positions[path + (index,)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_to_python(item, path + (index,), positions, seen))
        return items
    if node.tag == "tag:yaml.org,2002:timestamp":
        raise YamlDocError(node.start_mark.line + 1, node.start_mark.column + 1,
                           f'write dates as quoted strings, e.g. "{excerpt(node.value, 20)}"')
    if node.tag not in _PLAIN_TAGS:
        raise _tag_error(node)
    # Call the safe scalar constructor directly: construct_object would cache
    # every node on a shared loader.
    return yaml.SafeLoader.yaml_constructors[node.tag](_SCALAR, node)


_SCALAR = yaml.SafeLoader("")  # only its scalar constructors are used


def _tag_error(node) -> YamlDocError:
    return YamlDocError(node.start_mark.line + 1, node.start_mark.column + 1,
                        f"YAML tag {excerpt(node.tag, 60)} is not allowed; only plain data is")
