"""Safe YAML reading that remembers the line of every key and list item.

Only plain YAML (text, numbers, dates, lists, mappings) is accepted: the loader is
PyYAML's safe loader (the C one when available), and every tag but those of plain
values is refused before its value is built. Plain values are read by YAML 1.2's core
schema rules, not 1.1's: only true/false are yes/no values, so `No`, `off`, `12:30` and
`010` are never changed; numbers remember how they were written, so a field that
expects text gets `010`, not 10.
Limits on nesting, on values repeated through aliases and on digits keep any file from
exhausting memory. Line numbers let every message point at the right line.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import FileProblem, Problem
from generator.load import yamlmistakes
from generator.load.textfile import control_character, control_problem, read_text

if TYPE_CHECKING:  # the C loader, when PyYAML has it, builds values the same way
    _Base = yaml.SafeLoader
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 50  # levels of nesting; a plan file needs fewer than 10
MAX_VALUES = 100_000  # values in one file, each use of an alias (*name) counted again
MAX_DIGITS = 100  # digits of one number
_CORE_TAG = "tag:yaml.org,2002:"
_TEXT = f"{_CORE_TAG}str"
# The tag of a value that no rule of the schema matches, by its kind.
_DEFAULT_TAGS = {ScalarNode: _TEXT, SequenceNode: f"{_CORE_TAG}seq",
                 MappingNode: f"{_CORE_TAG}map"}


class Map(dict):
    """A YAML mapping with the line of the mapping and of each key (1-based)."""

    line: int = 0
    lines: dict

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class Seq(list):
    """A YAML list with the line of the list and of each item (1-based)."""

    line: int = 0
    lines: list

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


class Int(int):
    """A whole number that remembers how it was written (`010` is 10, written "010")."""

    source: str

    def __new__(cls, value: int, source: str = ""):
        number = super().__new__(cls, value)
        number.source = source or str(value)
        return number


class Float(float):
    """A number with a fraction or exponent that remembers how it was written."""

    source: str

    def __new__(cls, value: float, source: str = ""):
        number = super().__new__(cls, value)
        number.source = source or repr(value)
        return number


# Whatever writes YAML back (a settings file, a test) writes them as plain numbers.
for _dumper in {yaml.SafeDumper, getattr(yaml, "CSafeDumper", yaml.SafeDumper)}:
    _dumper.add_representer(Int, yaml.representer.SafeRepresenter.represent_int)
    _dumper.add_representer(Float, yaml.representer.SafeRepresenter.represent_float)


def as_written(value) -> str:
    """A plain value as the file writes it: a number's own digits, else its text."""
    return getattr(value, "source", None) or str(value)


class Refused(yaml.MarkedYAMLError):
    """Valid YAML that Plansite will not read; carries how to fix it."""

    def __init__(self, problem: str, mark, fix: str):
        super().__init__(problem=problem, problem_mark=mark)
        self.fix = fix


class _Loader(_Base):
    # YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), plus dates.
    yaml_implicit_resolvers: dict = {}
    # PyYAML calls these around every value to follow path resolvers, which Plansite has
    # none of: built-ins taking the same arguments, whose results are dropped, cost least.
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]  # slice(parent, index)
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # tuple()

    def __init__(self, stream: str):
        super().__init__(stream)
        self.source_lines = yamlmistakes.source_lines(stream)

    def construct_document(self, node):
        """The document's value, built in one walk that makes `_inspect`'s checks on the way.
        When a check or the building fails, `_inspect` walks again and reports the problem
        it meets first, as it would have before any value was built."""
        self.values = 0
        try:
            return self._build(node, 1)
        except Refused:
            _inspect(node, self.source_lines)
            raise

    def _build(self, node, depth: int):
        """The value of `node`, `depth` levels deep; each use of an alias is built (and
        counted) again, so the limits bound the work."""
        self.values += 1
        if self.values > MAX_VALUES:
            raise _too_many(node)
        if depth > MAX_DEPTH:
            raise _too_deep(node)
        tag = node.tag
        shape = _SHAPES.get(tag)
        if shape is ScalarNode is type(node):
            _inspect_scalar(node, self.source_lines)
            return node.value if tag == _TEXT else self.yaml_constructors[tag](self, node)
        _inspect_shape(node, shape)
        if node.flow_style:
            _refuse(yamlmistakes.in_flow(node, self.source_lines))
        if shape is MappingNode:
            return _build_map(self, node, depth + 1)
        return _build_seq(self, node, depth + 1)

    def resolve(self, kind, value, implicit):
        """PyYAML's rule for a value's tag, shortened for plain files (no path resolvers)."""
        if kind is ScalarNode and implicit[0]:
            for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                if pattern.match(value):
                    return tag
        return _DEFAULT_TAGS[kind]


_CORE = (
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    ("float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)", "-+0123456789."),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("timestamp", r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}"
                  r":[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?",
     "0123456789"),
)
for _name, _pattern, _first in _CORE:
    _Loader.add_implicit_resolver(f"{_CORE_TAG}{_name}", re.compile(f"^(?:{_pattern})$"),
                                  list(_first))

# The tags Plansite reads, and the kind of value each fits; any other tag is refused
# before a value is built, so no tag can make the loader construct anything else.
_SHAPES: dict[str, type[Node]] = {f"{_CORE_TAG}{tag}": ScalarNode for tag in ("str", "int", "float", "bool", "null",
                                                         "timestamp")}
_SHAPES.update({f"{_CORE_TAG}map": MappingNode, f"{_CORE_TAG}seq": SequenceNode})


def _inspect(root, lines: list[str]) -> None:
    """Refuse nesting, alias expansion and keys that no data file of Plansite needs, control
    characters that a quoted escape ("\\a") would make, and the mistakes yamlmistakes finds
    in the source `lines` (a # or a stray quote cutting text, 1,250 inside {...}): the
    first this walk meets, which is the one reported (one of building comes after)."""
    stack, count = [(root, 1)], 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise _too_many(node)
        if depth > MAX_DEPTH:
            raise _too_deep(node)
        shape = _SHAPES.get(node.tag)
        if shape is ScalarNode is type(node):
            _inspect_scalar(node, lines)
            continue
        _inspect_shape(node, shape)
        if node.flow_style:
            _refuse(yamlmistakes.in_flow(node, lines))
        depth += 1
        if shape is MappingNode:
            for key, value in node.value:
                _inspect_key(key)
                stack.append((key, depth))
                stack.append((value, depth))
        else:
            stack += [(child, depth) for child in node.value]


def _too_many(node) -> Refused:
    return Refused(f"this file holds more than {MAX_VALUES:,} values (each use of an alias "
                   "such as *name counted again)", node.start_mark,
                   "write the values out instead of repeating aliases")


def _too_deep(node) -> Refused:
    return Refused(f"this is nested more than {MAX_DEPTH} levels deep", node.start_mark,
                   "check the indentation: plan files need far fewer levels")


def _inspect_key(key) -> None:
    if type(key) is not ScalarNode:
        raise Refused("a name before ':' is a list or a block, not plain text",
                      key.start_mark, "write a plain name, like title:")


def _inspect_shape(node, shape) -> None:
    """Refuse a tag Plansite does not read, and one on a value of another kind."""
    if shape is None:
        raise Refused(f"this file uses the YAML tag {node.tag.replace(_CORE_TAG, '!!')}, "
                      "which Plansite refuses (no data file needs one, and some could run "
                      "code)", node.start_mark, "remove the tag and write the value as "
                      "plain text, a number, a date or a list")
    if not isinstance(node, shape):
        raise Refused(f"this value is marked with the YAML tag !!{node.tag[len(_CORE_TAG):]}"
                      ", which Plansite does not accept here", node.start_mark,
                      "remove the tag")


def _inspect_scalar(node: ScalarNode, lines: list[str]) -> None:
    # Only a double-quoted escape can make a control character: the reader refuses them in
    # the text.
    found = node.style == '"' and control_character(node.value)
    if found:
        raise Refused(control_problem("", 0, found[1]).message,
                      node.start_mark, "delete it, or the escape that makes it")
    _refuse(yamlmistakes.in_scalar(node, lines))


def _refuse(mistake) -> None:
    if mistake:
        problem, mark, fix = mistake
        raise Refused(problem, mark, fix)


def _build_map(loader: _Loader, node: MappingNode, depth: int) -> Map:
    result = Map()  # no merge keys (<<): YAML 1.2 has none
    result.line = node.start_mark.line + 1
    result.lines = lines = {}
    build = loader._build
    for key_node, value_node in node.value:
        _inspect_key(key_node)
        key = build(key_node, depth)
        if key in result:
            raise Refused(f'the name "{as_written(key)}" appears twice in the same block',
                          key_node.start_mark, "keep one of them and delete the other")
        result[key] = build(value_node, depth)
        lines[key] = key_node.start_mark.line + 1
    return result


def _build_seq(loader: _Loader, node: SequenceNode, depth: int) -> Seq:
    build = loader._build
    result = Seq([build(child, depth) for child in node.value])
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_int(loader: _Loader, node: ScalarNode) -> Int:
    text = node.value
    if len(text) > MAX_DIGITS:
        raise Refused(f"this number has more than {MAX_DIGITS} digits", node.start_mark,
                      "check the figure; put it in quotes if it is a reference, not a number")
    base = {"0o": 8, "0x": 16}.get(text[:2], 10)
    try:
        return Int(int(text[2:] if base != 10 else text, base), text)
    except ValueError:  # only a tag (!!int x) gets here with what is not a number
        raise _not_a_number(node) from None


def _construct_float(loader: _Loader, node: ScalarNode) -> Float:
    text = node.value
    if len(text) > MAX_DIGITS:
        raise Refused(f"this number has more than {MAX_DIGITS} digits", node.start_mark,
                      "check the figure; put it in quotes if it is a reference, not a number")
    lower = text.lower()
    if lower.endswith(".inf"):
        return Float(-math.inf if lower.startswith("-") else math.inf, text)
    try:
        return Float(math.nan if lower == ".nan" else float(text), text)
    except ValueError:
        raise _not_a_number(node) from None


def _not_a_number(node: ScalarNode) -> Refused:
    return Refused(f"'{node.value}' is marked as a number with a YAML tag, but is not one",
                   node.start_mark, "remove the tag (!!int or !!float)")


def _construct_bool(loader: _Loader, node: ScalarNode) -> bool:
    return node.value.lower() == "true"


def _construct_timestamp(loader: _Loader, node: ScalarNode):
    """A date as usual, but an impossible one (2025-02-30) stays text for a clear message,
    as does anything else marked !!timestamp."""
    if not _Base.timestamp_regexp.match(node.value):
        return loader.construct_scalar(node)
    try:
        return _Base.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


for _tag, _constructor in (("int", _construct_int),
                           ("float", _construct_float),
                           ("bool", _construct_bool), ("timestamp", _construct_timestamp)):
    _Loader.add_constructor(f"{_CORE_TAG}{_tag}", _constructor)


class YamlProblem(FileProblem):
    """A file that is not readable YAML; carries the Problem to report."""


def _explain(error: yaml.YAMLError, shown: str, source: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else 0
    text = getattr(error, "problem", None) or str(error)
    if isinstance(error, Refused):
        return Problem(shown, line, text, error.fix)
    known = yamlmistakes.explain(error, source, _Base) \
        if isinstance(error, yaml.MarkedYAMLError) else None
    if known:
        problem, mark, fix = known
        return Problem(shown, mark.line + 1, problem, fix)
    return Problem(shown, line, f"this is not valid YAML ({text})",
                   "check the indentation matches the lines around it, that every list item "
                   "starts with '- ', and put text containing ': ' or '#' in quotes")


def read_yaml(path: Path, shown: str):
    """Parse one YAML file; `shown` is the path used in messages (relative to the project)."""
    try:
        text = read_text(path, shown)
    except FileProblem as error:
        raise YamlProblem(error.problem) from None
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: str):
    """Parse YAML text; line numbers count from the start of `text`."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as error:
        raise YamlProblem(_explain(error, shown, text)) from None
