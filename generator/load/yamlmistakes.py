"""The YAML mistakes people make, found and explained in plain words: a tab, a stray or
unclosed quote, a # that cuts text short, a thousands comma inside [...] or {...}.

Each finder returns (what is wrong, the mark where, how to fix it), or None.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, ScalarNode

_TEXT, _INT, _NULL = (f"tag:yaml.org,2002:{tag}" for tag in ("str", "int", "null"))
_NOTE = re.compile(r"[ \t]+#(.*)")
_LOOKS_LIKE_A_FIELD = re.compile(r"^\s*(- |[\w-]+:(\s|$))")
TAB_FIX = "use spaces to indent, not tabs (most editors can be set to type spaces for Tab)"


def source_lines(text: str) -> list[str]:
    """The lines of `text` as YAML counts them (its marks' line numbers index this list).
    str.splitlines breaks lines as YAML does (\\r\\n, \\r, \\n, \\x85, \\u2028,
    \\u2029), and at \\v, \\f and \\x1c-\\x1e as well, which YAML refuses in a file."""
    return text.splitlines()


def _line(lines: list[str], number: int) -> str:
    return lines[number] if 0 <= number < len(lines) else ""


def _short(text: str, most: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def in_scalar(node: ScalarNode, lines: list[str]):
    """A text value cut short by a #, with a lone double quote, or whose opening quote is
    closed only lines later."""
    if node.tag != _TEXT:
        return None
    if node.style in ('"', "'"):
        return _runaway(node, lines)
    if node.style:  # a block of text after | or >
        return None
    value = node.value
    end = node.end_mark
    note = _NOTE.match(_line(lines, end.line), end.column)
    if note and (" " in value.strip() or note[1][:1] not in ("", " ", "\t")):
        cut = "#" + note[1].rstrip()
        return (f'the # on this line starts a note, so "{_short(cut)}" is dropped from the text '
                f'"{_short(value)}"', end, "if the # belongs to the text, put the whole text "
                "in quotes; if it is a note, move it to a line of its own above")
    if value.count('"') % 2:
        return (f'the text "{_short(value)}" has a double quote (") without its partner',
                node.start_mark, 'add the missing " or delete the stray one; to keep a lone " '
                "in the text, put the whole text in single quotes ('...')")
    return None


def _runaway(node: ScalarNode, lines: list[str]):
    """A quoted text whose closing quote is lines later, past lines that look like fields."""
    start, end = node.start_mark.line, node.end_mark.line
    if any(_LOOKS_LIKE_A_FIELD.match(line) for line in lines[start + 1:end + 1]):
        return _unclosed(node.style, node.start_mark, f"is closed only on line {end + 1}, so "
                         "the lines between are read as part of the text")
    return None


def _unclosed(quote: str, mark, how: str):
    return (f"the quote ({quote}) that starts the text on this line {how}", mark,
            f"add the closing {quote} at the end of the text")


def in_flow(node, lines: list[str]):
    """A figure like 1,250 inside [...] or {...}, where the comma splits it in two."""
    if isinstance(node, MappingNode):  # {value: 1,250} reads as value: 1 and 250: (empty)
        follows = [(node.value[i - 1][1], key) for i, (key, value) in enumerate(node.value)
                   if i and value.tag == _NULL]
    else:
        follows = list(zip(node.value, node.value[1:]))
    for before, after in follows:
        if _plain_int(before, r"\d{1,3}") and _plain_int(after, r"\d{3}") and \
                before.end_mark.line == after.start_mark.line and \
                _line(lines, before.end_mark.line)[before.end_mark.column:after.start_mark.column] == ",":
            figure = f"{before.value},{after.value}"
            return (f"{figure} is read as two values, {before.value} and {after.value}, because a "
                    "comma separates the values inside [...] or {...}", before.start_mark,
                    f"write {before.value}{after.value} without the comma")
    return None


def _plain_int(node, digits: str) -> bool:
    return isinstance(node, ScalarNode) and not node.style and node.tag == _INT and \
        re.fullmatch(digits, node.value) is not None


def explain(error: yaml.MarkedYAMLError, text: str, loader):
    """What a YAML error means when a tab or a quote caused it; None otherwise. `loader`
    re-reads `text` to find the quoted text the error follows."""
    mark = error.problem_mark
    if mark is None:
        return None
    lines = source_lines(text)
    line = _line(lines, mark.line)
    if error.context == "while scanning a quoted scalar" and error.context_mark:
        start = error.context_mark
        quote = _line(lines, start.line)[start.column:start.column + 1] or '"'
        return _unclosed(quote, start, "is never closed")
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent or line[mark.column:mark.column + 1] == "\t":
        return "this line has a tab character", mark, TAB_FIX
    quoted = _last_quoted(text, loader, mark)
    if quoted is None or quoted.end_mark.line != mark.line:
        return None
    if quoted.start_mark.line < mark.line:
        return _unclosed(quoted.style, quoted.start_mark, f"is closed only on line "
                         f"{mark.line + 1}, so the lines between are read as part of the text")
    after = line[quoted.end_mark.column:].strip()
    quote = quoted.style
    fix = ("put the quotes around the whole text, or remove them; to keep a \" inside the "
           "text, put the whole text in single quotes ('...')") if quote == '"' else \
        ("write an apostrophe inside '...' twice (It''s), or put the whole text in double "
         "quotes instead (\"It's fine\")")
    return (f'the {quote} after "{_short(quoted.value)}" is read as the closing quote, but the '
            f"line goes on after it: {_short(after)}", quoted.start_mark, fix)


def _last_quoted(text: str, loader, mark):
    """The last quoted text before `mark`, read again token by token up to the error."""
    found = None
    try:
        for token in yaml.scan(text, Loader=loader):
            if (token.start_mark.line, token.start_mark.column) >= (mark.line, mark.column):
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                found = token
    except yaml.YAMLError:
        pass
    return found
