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
import unicodedata
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import excerpt

MAX_CLAIM_BYTES = 256 * 1024          # one claim: far more than any real one needs
MAX_INDEX_BYTES = 64 * 1024 * 1024    # the archive index and registries grow with the briefing
# Nesting and node counts are bounded before a file is composed: the composer
# recurses once per level (RecursionError at 1,000 levels, a crash of the C
# stack at 100,000), and every node costs memory. Real files nest 5 levels.
MAX_DEPTH = 64
MAX_CLAIM_NODES = 50_000
MAX_INDEX_NODES = 5_000_000

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
    _positions: dict | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict:
        if self._positions is None:
            self._positions = {}
            _to_python(_compose(_FastLoader, self.text), (), self._positions, _alias_watch(self.text))
            if _YAML_ONLY_BREAK.search(self.text):
                self._positions = {key: _editor_position(self.text, *at) for key, at in self._positions.items()}
        return self._positions

    def position_of_text(self, path: Path, fragment: str) -> tuple[int, int]:
        """Where `fragment` is first written literally at or after the value at `path`; else the value's position."""
        line, column = self.position(path)
        starts = [0, *(m.end() for m in _EDITOR_BREAK.finditer(self.text))]
        found = self.text.find(fragment, starts[min(line, len(starts)) - 1] + column - 1)
        return _editor_position_of(self.text, found) if found >= 0 else (line, column)

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
    max_nodes = MAX_CLAIM_NODES if max_bytes <= MAX_CLAIM_BYTES else MAX_INDEX_NODES
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
    _refuse_unsafe_characters(text)
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        raise YamlDocError(1, 1, "file is empty")
    doc = Document(path=path, data=None, text=text)
    try:
        _check_shape(text, max_nodes)
        doc.data = _to_python(_compose(_FastLoader, text), (), None, _alias_watch(text))
    except _AliasFound:
        try:
            _compose(_NoAliasLoader, text)  # raises YamlDocError at the alias
        except YamlDocError as err:
            raise _as_editor_position(err, text) from None
        raise YamlDocError(1, 1, "YAML aliases (*name) are not allowed; write the value out") from None
    except YamlDocError as err:
        raise _as_editor_position(err, text) from None
    _refuse_unsafe_values(doc)
    return doc


# Characters no text field may hold, literally or as a YAML escape: C0 and C1
# controls (tab and line feed are white space; a carriage return in a value
# can only come from an escape), DEL, and the bidirectional controls, which
# make a line read in another order than the one it is stored in.
# With them, the invisible "tag" characters (U+E0000-U+E007F) and interlinear
# annotation marks, which carry text a reader never sees.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb\U000e0000-\U000e007f"
_UNSAFE_VALUE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
# In the file's text, a carriage return may also end a line (CRLF).
_UNSAFE_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def unsafe_text_character(text: str, advice: str = "delete it") -> tuple[int, int, str] | None:
    """(line, column, message) of the first control, bidi or invisible character in a text, else None."""
    found = _UNSAFE_TEXT.search(text)
    if found is None:
        return None
    return (*_editor_position_of(text, found.start()), unsafe_character_message(found.group(), advice))
# Unicode gives control characters no name; these are their usual ones.
_CHARACTER_NAMES = {"\x00": "NUL", "\x07": "BELL", "\x08": "BACKSPACE", "\x0b": "LINE TABULATION",
                    "\x0c": "FORM FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESC", "\x7f": "DELETE",
                    "\x85": "NEXT LINE", "\x9b": "CONTROL SEQUENCE INTRODUCER"}


def describe_character(char: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE; U+0000 NUL; U+0001 for a control character without a usual name."""
    name = _CHARACTER_NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def unsafe_character_message(char: str, advice: str = "delete it") -> str:
    kind = ("invisible character" if ord(char) >= 0xFFF9 else "bidirectional control" if ord(char) >= 0x600
            else "control character")
    return (f"{kind} {describe_character(char)} is not allowed: it can hide or reorder text "
            f"or break the page it is published on; {advice}")


def _refuse_unsafe_characters(text: str) -> None:
    """The first control or bidi character written literally in the file, at its line and column."""
    found = unsafe_text_character(text)
    if found:
        raise YamlDocError(*found)


def _refuse_unsafe_values(doc: Document) -> None:
    """The same characters written as escapes ("\\u202e") in a key or value: at the value."""
    if "\\" not in doc.text:  # only a double-quoted scalar's escapes make them; literal ones were refused
        return
    for path, value in _strings(doc.data, ()):
        found = _UNSAFE_VALUE.search(value)
        if found:
            line, column = doc.position(path)
            raise YamlDocError(line, column, unsafe_character_message(found.group())
                               + f" (character {found.start() + 1} of `{_dotted(path)}`)")


def _strings(data, path):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield path + (key,), key
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _strings(item, path + (index,))


def _dotted(path) -> str:
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else excerpt(str(part), 40))
    return name or "the file"


def _editor_position_of(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    last_break = max(before.rfind("\n"), before.rfind("\r"))
    return len(_EDITOR_BREAK.findall(before)) + 1, index - last_break




def _deepest_line_opening(text: str) -> int:
    """The most columns any line opens with: indentation and block indicators ("- - x")."""
    if "\u2028" in text or "\u2029" in text or text.count("\r") != text.count("\r\n"):
        return MAX_DEPTH  # YAML also ends lines at a lone CR, LS and PS: let the events decide
    return max(map(len, _LINE_OPENING.findall(text)), default=0)


# A line's opening: white space, then any number of block indicators each followed by white space.
_LINE_OPENING = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.MULTILINE)


def _check_shape(text: str, max_nodes: int) -> None:
    """Refuse files nested deeper than MAX_DEPTH or with more than `max_nodes` nodes, before composing.

    Walking the parser's events costs little but is skipped when the text
    itself bounds both: a block level needs more indentation or a "- "/"? "
    indicator at the start of a line, a flow level a bracket, and every node at
    least half a character.
    """
    block = _deepest_line_opening(text)
    if 2 * block + 2 + text.count("[") + text.count("{") <= MAX_DEPTH and 2 * len(text) + 2 <= max_nodes:
        return
    depth = nodes = 0
    parser = _FastLoader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _error_at(event, f"nested more than {MAX_DEPTH} levels deep; claim data needs a handful")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if isinstance(event, (yaml.NodeEvent, yaml.CollectionStartEvent)):
                nodes += 1
                if nodes > max_nodes:
                    raise _error_at(event, f"more than {max_nodes:,} values in one file; split it")
    except yaml.MarkedYAMLError as err:
        raise _yaml_error(err, text) from None
    finally:
        parser.dispose()


def _error_at(event, message: str) -> YamlDocError:
    return YamlDocError(event.start_mark.line + 1, event.start_mark.column + 1, message)


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


_STR_TAG, _SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
# The safe resolver's implicit rules by a plain scalar's first character ("" for the empty scalar);
# it has no rules for every character (None) and no path resolvers.
_IMPLICIT_RULES = {first: tuple(rules) for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()}


class _PlainDataResolver:
    """The safe resolver's tags, found with less work: libyaml's composer calls back into
    Python for every node, and the general resolver's path bookkeeping (unused here) and
    list building were a third of composing a claim. Same tags as yaml.resolver.Resolver."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:
                for tag, rule in _IMPLICIT_RULES.get(value[:1], ()):
                    if rule.match(value):
                        return tag
            return _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    def descend_resolver(self, parent, index):
        """No path resolvers, so nothing to track on the way down or up."""

    def ascend_resolver(self):
        """See descend_resolver."""


if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(_PlainDataResolver, yaml.CSafeLoader):
        """libyaml's parser and composer with the plain-data resolver."""
else:
    _FastLoader = _NoAliasLoader


def _compose(loader_class, text: str):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except YamlDocError:
        raise
    except yaml.MarkedYAMLError as err:
        raise _yaml_error(err, text) from None
    except yaml.YAMLError as err:  # e.g. a reader error without a mark
        raise YamlDocError(1, 1, f"cannot read YAML: {excerpt(str(err))}") from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlDocError(1, 1, "file is empty")
    return node


def _yaml_error(err: yaml.MarkedYAMLError, text: str) -> YamlDocError:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = _EDITOR_BREAK.split(text)
    if line > len(lines):  # libyaml points past a missing final line break; editors end at the last line
        line, column = len(lines), len(lines[-1]) + 1
    return YamlDocError(line, column, _describe_syntax_error(err, text, mark))


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


def _to_python(node, path: Path, positions: dict | None, seen: set | None):
    """Plain data from a node tree; with a `positions` dict, also where each key and item is.

    `seen` collects the nodes met, to find aliases (a node met twice); None when
    the text has no anchor (`&`), without which YAML has no alias. Paths are only
    built when positions are wanted.
    """
    if seen is not None:
        if id(node) in seen:
            raise _AliasFound
        seen.add(id(node))
    if isinstance(node, ScalarNode):
        if node.tag == _STR_TAG:  # what SafeConstructor.construct_yaml_str returns
            return node.value
        if node.tag == "tag:yaml.org,2002:timestamp":
            raise YamlDocError(node.start_mark.line + 1, node.start_mark.column + 1,
                               f'write dates as quoted strings, e.g. "{excerpt(node.value, 20)}"')
        if node.tag not in _PLAIN_TAGS:
            raise _tag_error(node)
        # Call the safe scalar constructor directly: construct_object would cache
        # every node on a shared loader.
        return yaml.SafeLoader.yaml_constructors[node.tag](_SCALAR, node)
    if isinstance(node, MappingNode):
        if node.tag != _MAP_TAG:
            raise _tag_error(node)
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR_TAG:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlDocError(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                       "YAML merge keys (<<) are not allowed; write the keys out")
                raise YamlDocError(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                   "keys must be plain words, such as `quote`")
            key = key_node.value
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                raise YamlDocError(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                   f"duplicate key `{excerpt(key, 40)}` (first at line {first.start_mark.line + 1})")
            if positions is None:
                result[key] = _to_python(value_node, path, None, seen)
            else:
                positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = _to_python(value_node, path + (key,), positions, seen)
        return result
    if node.tag != _SEQ_TAG:
        raise _tag_error(node)
    if positions is None:
        return [_to_python(item, path, None, seen) for item in node.value]
    items = []
    for index, item in enumerate(node.value):
        positions[path + (index,)] = (item.start_mark.line + 1, item.start_mark.column + 1)
        items.append(_to_python(item, path + (index,), positions, seen))
    return items


_SCALAR = yaml.SafeLoader("")  # only its scalar constructors are used


def _alias_watch(text: str) -> set | None:
    """What _to_python collects to find aliases; nothing when no anchor (`&`) is written."""
    return set() if "&" in text else None


def _tag_error(node) -> YamlDocError:
    return YamlDocError(node.start_mark.line + 1, node.start_mark.column + 1,
                        f"YAML tag {excerpt(node.tag, 60)} is not allowed; only plain data is")
