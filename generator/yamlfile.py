"""Safe YAML reading that remembers the line of every key and list item.

Only plain YAML (text, numbers, dates, lists, mappings) is accepted: the loader is
PyYAML's safe loader (the C one when available), so tags that construct Python
objects are refused. Line numbers let every message point at the right line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Problem, not_utf8

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


class DuplicateKey(yaml.MarkedYAMLError):
    """The same key appears twice in one mapping."""


class _Loader(_Base):
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Map:
    loader.flatten_mapping(node)
    result = Map()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            key = str(key)
        if key in result:
            raise DuplicateKey(problem=f'the name "{key}" appears twice in the same block',
                               problem_mark=key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Seq:
    result = Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    """A date as usual, but an impossible one (2025-02-30) stays text for a clear message."""
    try:
        return _Base.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


class YamlProblem(Exception):
    """A file that is not readable YAML; carries the Problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _explain(error: yaml.YAMLError, shown: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else 0
    text = getattr(error, "problem", None) or str(error)
    if isinstance(error, DuplicateKey):
        return Problem(shown, line, text, "keep one of them and delete the other")
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in text:
        tag = text.split("tag", 1)[1].strip(" '").replace("tag:yaml.org,2002:", "!!")
        return Problem(shown, line, f"this file uses the YAML tag {tag}, which Plansite refuses "
                       "because it could run code", "remove the tag and write the value as "
                       "plain text, a number, a date or a list")
    return Problem(shown, line, f"this is not valid YAML ({text})",
                   "check the indentation matches the lines around it, that every list item "
                   "starts with '- ', and put text containing ': ' or '#' in quotes")


def read_yaml(path: Path, shown: str):
    """Parse one YAML file; `shown` is the path used in messages (relative to the project)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlProblem(not_utf8(shown)) from None
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: str):
    """Parse YAML text; line numbers count from the start of `text`."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as error:
        raise YamlProblem(_explain(error, shown)) from None
