"""Typed reading of one YAML mapping, collecting a problem for every field that is wrong."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re

from generator.errors import Problems
from generator.model.records import QUARTERS, FinancialYear, When
from generator.load.yamlfile import Map, Seq, as_written
from generator.validate.declarations import KEY_PATTERN, Field
from generator.validate.lookalikes import date_lookalike, number_lookalike

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAYLIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_QUARTER = re.compile(r"^(Q[1-4]) (\d{4})/(\d{2})$")
_QUARTERLIKE = re.compile(r"^Q\d+\b")
KEY = re.compile(KEY_PATTERN)  # lower-case words joined by hyphens
LARGEST = 10 ** 12  # no figure of a council's plan comes near a million million
FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years a date of a plan can fall in
YES_NO = {"yes": True, "true": True, "no": False, "false": False}

DATE_HELP = ("write a date as 2025-04-03, a month as 2025-04, a quarter as 'Q3 2025/26', "
             "or words in quotes such as 'Throughout 2025/26'")


def _type_name(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dict, Map)):
        return "a block of fields"
    if isinstance(value, (list, Seq)):
        return "a list"
    if isinstance(value, dt.date):
        return "a date"
    return "text"


def _item_name(what: str, item, index: int, named_by: str) -> str:
    """'update 2' by position; 'indicator KPI4' by its `named_by` field, or 'the 2nd
    indicator' when it has none."""
    if not named_by:
        return f"{what} {index + 1}"
    name = item.get(named_by) if isinstance(item, dict) else None
    if isinstance(name, (str, int)) and not isinstance(name, bool) and as_written(name).strip():
        return f"{what} {as_written(name).strip()}"
    number = index + 1
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"the {number}{suffix} {what}"


class Fields:
    """One mapping from a data file, read field by field.

    `what` names the thing for messages ("priority 3"); `decl` declares its fields
    (generator/validate/declarations.py): which it allows, which are required and the example
    a message shows, unless a reader passes its own. Every accessor returns a usable default
    when the field is wrong, so reading goes on and reports all problems.
    """

    def __init__(self, data, file: str, problems: Problems, what: str, line: int = 0,
                 decl: Field | None = None):
        self.file, self.problems, self.what, self.decl = file, problems, what, decl
        self.aliases: dict[str, tuple[str, str]] = {}  # field -> (label, key as written)
        if isinstance(data, Map):
            self.data, self.line = data, data.line
        elif isinstance(data, dict):  # a shorthand value expanded by the caller
            self.data, self.line = Map(data), line
            self.data.lines, self.data.line = {key: line for key in data}, line
        else:
            self.data, self.line = Map(), line
            self.data.lines, self.data.line = {}, line
            problems.add(file, line, f"{what} should be a block of fields (name: value lines) "
                         f"but is {_type_name(data)}",
                         "indent its fields under it, one 'name: value' per line")

    def label(self, key: str) -> str:
        """How messages name a field: 'key' of the block, or the field a shorthand stood for."""
        return self.aliases[key][0] if key in self.aliases else f"'{key}' of {self.what}"

    def written(self, key: str) -> str:
        """The field's name as the data file writes it (a shorthand's own key)."""
        return self.aliases[key][1] if key in self.aliases else key

    def shorthand(self, key: str, what: str) -> Fields:
        """A field written either as a block or as just its value (`target: 80`): the value
        is read as the block's `value`, and messages name the field as it was written."""
        raw = self.data.get(key)
        decl = self.spec(key, "block")
        if isinstance(raw, dict):
            return Fields(raw, self.file, self.problems, what, self.line_of(key), decl)
        short = Fields({"value": raw}, self.file, self.problems, what, self.line_of(key), decl)
        short.aliases = {"value": (self.label(key), key)}
        return short

    def line_of(self, key: str) -> int:
        return self.data.line_of(key)

    def problem(self, key: str, message: str, fix: str) -> None:
        self.problems.add(self.file, self.line_of(key), message, fix)

    def spec(self, key: str, accessor: str) -> Field | None:
        """The declaration of field `key` (None for an undeclared block); a field read
        that its block does not declare, or reads as another type, is a mistake in Plansite."""
        if self.decl is None:
            return None
        spec = self.decl.read_by(key, accessor)
        if spec is None:
            raise LookupError(f"{self.decl.name} declares no {accessor} field {key!r}")
        return spec

    def declared(self, key: str, accessor: str) -> Field:
        """The declaration of field `key`, which this block must have."""
        spec = self.spec(key, accessor)
        if spec is None:
            raise LookupError(f"{self.what} has no declaration to read {key!r} from")
        return spec

    def _declared(self, key: str, accessor: str, required, example, default: str):
        """`required` and `example` as given, else as declared (`default` for no example)."""
        spec = self.spec(key, accessor)
        if required is None:
            required = bool(spec and spec.required)
        return required, example or (spec and spec.example) or default

    def allow(self, *keys: str) -> None:
        """Report fields this block does not know (its declared fields unless `keys` are
        given), usually a typing mistake."""
        if not keys and self.decl is not None:
            keys = self.decl.names
        for key in self.data:
            if key not in keys:
                close = difflib.get_close_matches(str(key), keys, n=1)
                hint = f"did you mean '{close[0]}'?" if close else \
                    f"the fields allowed here are: {', '.join(keys)}"
                self.problem(key, f"{self.what} has a field '{key}' that Plansite does not know",
                             f"check the spelling; {hint}")

    def _get(self, key: str, required: bool, example: str, how: str = ""):
        """The raw value; reports one written empty, and a required one that is missing.
        `how` replaces the one-line example for values written over several lines (lists
        and blocks)."""
        value = self.data.get(key)
        if isinstance(value, str) and not value.strip():  # '' or "  ": as good as nothing
            value = None
        if value is None and key in self.data:  # written with nothing after the colon
            written = self.written(key)
            self.problem(key, f"{self.label(key)} is empty", how or f"write its value after "
                         f"the colon, like {written}: {example}" + (
                             "" if required else ", or delete the line"))
        elif value is None and required:
            self.problems.add(self.file, self.line, f"{self.what} has no '{key}'",
                              how or f"add a line '{key}: {example}' to it")
        return value

    def _wrong(self, key: str, expected: str, value, example: str, how: str = "") -> None:
        self.problem(key, f"{self.label(key)} should be {expected} but is {_type_name(value)}",
                     how or f"write it like {self.written(key)}: {example}")

    def text(self, key: str, required: bool | None = None, example: str = "") -> str:
        return self._text(key, *self._declared(key, "text", required, example, "some text"))

    def _text(self, key: str, required: bool, example: str) -> str:
        value = self._get(key, required, example)
        if value is None:
            return ""
        if type(value) is str:  # most values: text as written
            return value.strip()
        if isinstance(value, bool) or isinstance(value, (list, dict, dt.date)):
            self._wrong(key, "text", value, example)
            return ""
        return as_written(value).strip()

    def key(self, key: str, required: bool | None = None, example: str = "") -> str:
        required, example = self._declared(key, "key", required, example, "council-tax")
        value = self._text(key, required, example)
        if value and not KEY.match(value):
            self.problem(key, f"{self.label(key)} is '{value}', but keys may only use "
                         "lower-case letters, digits and single hyphens",
                         f"write it like {key}: {example}")
            return ""
        return value

    def integer(self, key: str, required: bool | None = None, example: str = "") -> int | None:
        required, example = self._declared(key, "integer", required, example, "1")
        value = self._get(key, required, example)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._not_a_number(key, "a whole number", value, example)
            return None
        return value if self._in_range(key, value, example) else None

    def number(self, key: str, required: bool | None = None,
               example: str = "") -> float | None:
        required, example = self._declared(key, "number", required, example, "95")
        value = self._get(key, required, example)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._not_a_number(key, "a number (without % or £)", value, example)
            return None
        if not math.isfinite(value):
            self.problem(key, f"{self.label(key)} is {as_written(value)}, which is not a figure",
                         f"write it like {self.written(key)}: {example}")
            return None
        return value if self._in_range(key, value, example) else None

    def _not_a_number(self, key: str, expected: str, value, example: str) -> None:
        """Reports a value that is not a number, naming a comma, % or £ when it has one."""
        lookalike = number_lookalike(value) if isinstance(value, str) else None
        if lookalike:
            self.problem(key, f"{self.label(key)} {lookalike[0]}", lookalike[1])
        else:
            self._wrong(key, expected, value, example)

    def _in_range(self, key: str, value, example: str) -> bool:
        """Whether a number is within what any plan needs; reports one that is not."""
        if abs(value) <= LARGEST:
            return True
        self.problem(key, f"{self.label(key)} is {as_written(value)}, larger than any figure "
                     f"of a plan (Plansite accepts up to {LARGEST:,})",
                     f"check the figure, written like {self.written(key)}: {example}")
        return False

    def yes_no(self, key: str) -> bool | None:
        """A yes/no answer, written yes, no, true or false (any case); None when absent."""
        self.spec(key, "yes_no")
        value = self._get(key, False, "yes")
        if value is None or isinstance(value, bool):
            return value
        answer = YES_NO.get(as_written(value).strip().lower()) \
            if isinstance(value, str) else None
        if answer is None:
            self.problem(key, f"{self.label(key)} should be yes or no but is "
                         f"{_type_name(value)}", f"write {self.written(key)}: yes "
                         f"or {self.written(key)}: no")
        return answer

    def flag(self, key: str, default: bool = False) -> bool:
        answer = self.yes_no(key)
        return default if answer is None else answer

    def choice(self, key: str, options=(), required: bool | None = None,
               default: str = "") -> str:
        """One of `options` (the declared words unless given)."""
        options = options or self.declared(key, "choice").words
        required, example = self._declared(key, "choice", required, next(iter(options)), "")
        value = self._text(key, required, example)
        if value and value not in options:
            close = difflib.get_close_matches(value, list(options), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.problem(key, f"{self.label(key)} is '{value}', which is not one of: "
                         f"{', '.join(options)}", f"use one of those words{hint}")
            return default
        return value or default

    def texts(self, key: str, required: bool | None = None) -> tuple[str, ...]:
        """A list of text items; a single text is accepted as a list of one."""
        required, _ = self._declared(key, "texts", required, "", "")
        value = self._get(key, required, "[first, second]")
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, Seq):
            self._wrong(key, "a list of text items", value, "[first, second]")
            return ()
        out = []
        for index, item in enumerate(value):
            if isinstance(item, (list, dict)) or item is None:
                self.problems.add(self.file, value.line_of(index),
                                  f"item {index + 1} of '{key}' in {self.what} is not text",
                                  "write each item as '- some text' on its own line")
            else:
                out.append(as_written(item).strip())
        return tuple(out)

    def blocks(self, key: str, what: str, required: bool | None = None,
               named_by: str = "") -> list[Fields]:
        """A list of mappings, each wrapped as Fields named by `what` and its position, or
        by its `named_by` field (an indicator by its ref) when it has one."""
        required, _ = self._declared(key, "blocks", required, "", "")
        decl = self.spec(key, "blocks")
        how = f"write '{key}:' on a line, then each item beneath it starting with '- '"
        value = self._get(key, required, "", how)
        if value is None:
            return []
        if not isinstance(value, Seq):
            self._wrong(key, "a list (each item starting with '- ')", value, "", how)
            return []
        return [Fields(item, self.file, self.problems, _item_name(what, item, i, named_by),
                       value.line_of(i), decl) for i, item in enumerate(value)]

    def block(self, key: str, required: bool | None = None) -> Fields | None:
        required, _ = self._declared(key, "block", required, "", "")
        value = self._get(key, required, "", f"write '{key}:' on a line, then its "
                          "'name: value' lines indented beneath it")
        if value is None:
            return None
        return Fields(value, self.file, self.problems, f"'{key}' of {self.what}",
                      self.line_of(key), self.spec(key, "block"))

    def entry(self, key: str, what: str) -> Fields:
        """The entry `key` of a block whose entries are named by the council (a map)."""
        return Fields(self.data[key], self.file, self.problems, what, self.line_of(key),
                      self.spec(key, "block"))

    def when(self, key: str, required: bool | None = None) -> When | None:
        required, _ = self._declared(key, "when", required, "", "")
        value = self._get(key, required, "2025-04-03")
        if value is None:
            return None
        return parse_when(value, lambda message, fix=DATE_HELP: self.problem(
            key, f"{self.label(key)} {message}", fix))

    def year(self, key: str, required: bool | None = None) -> FinancialYear | None:
        required, _ = self._declared(key, "year", required, "", "")
        value = self._text(key, required, "2025/26")
        if not value:
            return None
        parsed = parse_year(value)
        if not parsed:
            self.problem(key, f"{self.label(key)} is '{value}', which is not a "
                         "financial year", "write it like 2025/26")
        elif outside_years(parsed.start):
            self.problem(key, f"{self.label(key)} is {parsed.label}, which "
                         f"{outside_years(parsed.start)}", "write it like 2025/26")
            return None
        return parsed


def parse_year(text: str) -> FinancialYear | None:
    """'2025/26' or '2025-26' to a FinancialYear, or None when it is not one."""
    match = re.match(r"^(\d{4})[/-](\d{2})$", text.strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        return None
    return FinancialYear(int(match[1]))


def outside_years(year: int) -> str:
    """Why a date in `year` cannot be a date of a plan, or empty when it can."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return ""
    return (f"is in {year}, outside the years {FIRST_YEAR} to {LAST_YEAR} that a plan's "
            "dates fall in")


def parse_when(value, complain) -> When | None:
    """A date, month, quarter or words; calls `complain(message[, fix])` for a bad one (a
    date written another way, like 31/07/2025, included), and for one outside the years a
    plan's dates fall in (the one check every date goes through)."""
    when = _when(value, complain)
    if when and when.kind != "text" and outside_years(when.sort[0]):
        complain(f"is {when.text}, which {outside_years(when.sort[0])}")
        return None
    return when


def _when(value, complain) -> When | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return When.day(value)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        complain("is not a date")
        return None
    text = str(value).strip()
    if _DAYLIKE.match(text):
        try:
            return When.day(dt.date.fromisoformat("-".join(p.zfill(2) for p in text.split("-"))))
        except ValueError:
            complain(f"is '{text}', which is not a real date")
            return None
    if match := _MONTH.match(text):
        if 1 <= int(match[2]) <= 12:
            return When.month(int(match[1]), int(match[2]))
        complain(f"is '{text}', but there is no month {match[2]}")
        return None
    if match := _QUARTER.match(text):
        year = parse_year(f"{match[2]}/{match[3]}")
        if year:
            return When.quarter(year, match[1])
        complain(f"is '{text}', but {match[2]}/{match[3]} is not a financial year")
        return None
    if _QUARTERLIKE.match(text) and text.split()[0] not in QUARTERS:
        complain(f"is '{text}', but quarters are Q1 to Q4")
        return None
    lookalike = date_lookalike(text)
    if lookalike:
        complain(*lookalike)
        return None
    return When.words(text)
