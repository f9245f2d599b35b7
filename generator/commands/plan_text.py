"""Change a plan file's YAML as text, at the right lines, so everything else stays as written.

The file is parsed only to find where things are (PyYAML's nodes know their first and last
line); each change then replaces or inserts whole lines, indented like their neighbours and
ending as the file's lines do (CRLF or LF). Comments, blank lines, quoting and the order
of keys elsewhere are untouched. A change the text cannot take safely (a block written on
one line, `{...}`) is refused with a ValueError saying what to write instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STEP = "  "  # how much deeper a new nested block is indented


def scalar(text: str) -> str:
    """A YAML value that reads back as exactly `text`: plain when safe, else quoted."""
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


Value = str | list  # a scalar already written as YAML, or a list of (key, Value) pairs


@dataclass
class PlanText:
    """A plan file's text, changed one step at a time; `text` is the result so far."""

    text: str

    @property
    def eol(self) -> str:
        return "\r\n" if self.text.split("\n", 1)[0].endswith("\r") else "\n"

    def root(self) -> MappingNode:
        node = yaml.compose(self.text, Loader=_Loader)
        if not isinstance(node, MappingNode):
            raise ValueError("the file is not a block of names and values")
        return node

    def item(self, list_key: str, match_key: str, match: str) -> MappingNode:
        """The item of the top-level list `list_key` whose `match_key` is written `match`."""
        found = child(self.root(), list_key)
        items = found[1].value if found and isinstance(found[1], SequenceNode) else []
        for node in items:
            value = child(node, match_key) if isinstance(node, MappingNode) else None
            if value and isinstance(value[1], ScalarNode) and value[1].value == match:
                return node
        raise ValueError(f"no item of {list_key} has {match_key}: {match}")

    # Each step below finds its place again in the text as it now stands.

    def put(self, path: list[tuple[str, str, str]], keys: list[str], value: Value,
            order: tuple[str, ...] = ()) -> None:
        """Set `keys` (a path of names below the list item `path` names) to `value`.

        Missing blocks on the way are added; an existing entry is replaced whole, or, for
        a one-line value, only the value (a comment after it stays). A new entry of a block
        goes before the first existing key that comes after it in `order`, else last."""
        node: Node = _block(self.item(*path[0]))
        for depth, key in enumerate(keys):
            found = child(node, key)
            last = depth == len(keys) - 1
            if found and not last and isinstance(found[1], MappingNode) and found[1].value:
                node = _block(found[1])
                continue
            nested = value if last else _nest(keys[depth + 1:], value)
            if found:
                self._replace(found, key, nested)
            elif isinstance(node, MappingNode):
                self._insert(node, key, nested, order if last else ())
            else:
                raise ValueError(f"line {node.start_mark.line + 1} is not a block of names "
                                 "and values")
            return

    def add_item(self, path: tuple[str, str, str], key: str, fields: list,
                 by: str = "date") -> None:
        """Add an item (a list of (key, value) pairs) to the list `key` of the item `path`
        names, as the list runs: at its end when its items run oldest first (their `by`
        values ascending), else at its top; the list is added if missing."""
        node = _block(self.item(*path))
        found = child(node, key)
        if not found or not isinstance(found[1], SequenceNode) or not found[1].value:
            self.put([path], [key], [("-", fields)])
            return
        seq = _block(found[1])
        first, final = (child(item, by) for item in (seq.value[0], seq.value[-1]))
        oldest_first = bool(first and final and first[1].value < final[1].value)
        lines = self._lines()
        at = last_line(lines, seq) + 1 if oldest_first else seq.value[0].start_mark.line
        lines[at:at] = _render(" " * seq.start_mark.column, "-", fields, self.eol)
        self.text = "".join(lines)

    def put_in_item(self, path: tuple[str, str, str], key: str, match: tuple[str, str],
                    name: str, value: Value) -> None:
        """Set `name` to `value` in the item of the list `key` (of the item `path` names)
        whose `match[0]` is written `match[1]`, like an update by its date."""
        found = child(self.item(*path), key)
        items = found[1].value if found and isinstance(found[1], SequenceNode) else []
        item = next((i for i in items if isinstance(i, MappingNode) and
                     (m := child(i, match[0])) and m[1].value == match[1]), None)
        if item is None:
            raise ValueError(f"no item of {key} has {match[0]}: {match[1]}")
        entry = child(item, name)
        if entry:
            self._replace(entry, name, value)
        else:
            self._insert(_block(item), name, value, ())

    def _lines(self) -> list[str]:
        lines = self.text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += self.eol
        return lines

    def _replace(self, found: tuple[Node, Node], key: str, value: Value) -> None:
        key_node, node = found
        lines = self._lines()
        start, end = key_node.start_mark.line, max(key_node.start_mark.line,
                                                   last_line(lines, node))
        if isinstance(value, str) and isinstance(node, ScalarNode) and node.value and \
                node.start_mark.line == node.end_mark.line == start:
            line = lines[start]
            lines[start] = line[:node.start_mark.column] + value + line[node.end_mark.column:]
        else:
            column = key_node.start_mark.column
            new = _render(" " * column, key, value, self.eol)
            new[0] = lines[start][:column] + new[0][column:]  # keeps a "- " before the key
            lines[start:end + 1] = new
        self.text = "".join(lines)

    def _insert(self, node: MappingNode, key: str, value: Value, order: tuple) -> None:
        lines = self._lines()
        column = node.value[0][0].start_mark.column
        later = [k for k, _ in node.value if k.value in order and key in order and
                 order.index(k.value) > order.index(key)]
        at = later[0].start_mark.line if later else last_line(lines, node) + 1
        lines[at:at] = _render(" " * column, key, value, self.eol)
        self.text = "".join(lines)


def child(node: Node, key: str) -> tuple[ScalarNode, Node] | None:
    """The (key, value) nodes of `key` in a mapping, or None (also when it is no mapping)."""
    if not isinstance(node, MappingNode):
        return None
    return next(((k, v) for k, v in node.value
                 if isinstance(k, ScalarNode) and k.value == key), None)


N = TypeVar("N", bound=Node)


def _block(node: N) -> N:
    """The node, unless it is a block written on one line, like {a: 1} or [a, b], which
    cannot take a line more: then a ValueError says so."""
    if isinstance(node, (MappingNode, SequenceNode)) and node.flow_style and node.value:
        raise ValueError(f"line {node.start_mark.line + 1} writes a block on one line between "
                         "brackets; write one item per line, then try again")
    return node


def last_line(lines: list[str], node: Node) -> int:
    """The index of the last line holding any of `node` (blank lines after it excluded)."""
    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return last_line(lines, last[1] if isinstance(last, tuple) else last)
    end = node.end_mark
    line = end.line if end.column > 0 else end.line - 1
    while line > node.start_mark.line and not lines[line].strip():
        line -= 1
    return max(line, node.start_mark.line)


def _nest(keys: list[str], value: Value) -> Value:
    for key in reversed(keys):
        value = [(key, value)]
    return value


def _render(indent: str, key: str, value: Value, eol: str) -> list[str]:
    """The lines of `key: value` at `indent` (key "-" writes a list item)."""
    if key == "-":
        assert isinstance(value, list), "a list item is a list of (key, value) pairs"
        lines = _render(indent + STEP, value[0][0], value[0][1], eol)
        lines[0] = f"{indent}- {lines[0][len(indent) + len(STEP):]}"
        for sub_key, sub_value in value[1:]:
            lines += _render(indent + STEP, sub_key, sub_value, eol)
        return lines
    if isinstance(value, str):
        if "\n" in value:  # a literal block, as a person would write several paragraphs
            body = [f"{indent}{STEP}{line}".rstrip() + eol for line in value.split("\n")]
            return [f"{indent}{key}: |-{eol}", *body]
        return [f"{indent}{key}: {value}{eol}"]
    lines = [f"{indent}{key}:{eol}"]
    for sub_key, sub_value in value:
        lines += _render(indent + STEP, sub_key, sub_value, eol)
    return lines


def clean_text(text: str) -> str:
    """Text as a plan file keeps it: no spaces at the ends of it or of its lines."""
    return "\n".join(re.sub(r"[ \t]+$", "", line) for line in text.strip().splitlines())


def text_value(text: str) -> str:
    """Text from a cell as a YAML value: one line written as scalar() does, several lines
    kept as they are (put() writes them as a literal block)."""
    text = clean_text(text)
    return text if "\n" in text else scalar(text)
