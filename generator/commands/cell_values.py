"""Read what people type in a spreadsheet cell: figures, yes/no, dates, percentages.

"57%", "1,250" and "£1.2m" are read as people mean them (57, 1250, 1200000) when the
indicator's unit allows, and refused with the reason when it does not. Each reader returns
None for an empty cell and raises Unreadable (what is wrong, how to fix it) otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from generator.model.records import MONTHS
from generator.validate.fields import LARGEST, YES_NO, outside_years

_FIGURE = re.compile(r"^(?P<sign>[-−–])?\s*(?P<pound>£)?\s*(?P<digits>[0-9][0-9,]*(?:\.[0-9]+)?"
                     r"|\.[0-9]+)\s*(?P<suffix>%|k|m|bn|thousand|million|billion)?$", re.I)
_GROUPED = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_SCALES = {"k": 3, "thousand": 3, "m": 6, "million": 6, "bn": 9, "billion": 9}
_SCALE_WORDS = {3: "thousands", 6: "millions", 9: "billions"}
_UNIT_WORDS = {"percent": "a percentage", "number": "a number", "pounds": "an amount in pounds",
               "per-100000": "a rate per 100,000", "days": "a number of days",
               "yes-no": "a yes or no answer"}


class Unreadable(ValueError):
    """A cell that cannot be read as what its column needs: what is wrong, how to fix it."""

    def __init__(self, what: str, fix: str):
        super().__init__(what)
        self.what, self.fix = what, fix


def written(value) -> str:
    """A cell's value as the person sees it."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value).strip()


def figure(value, unit: str, what: str = "figure") -> Decimal | bool | None:
    """A cell as a figure in `unit` (`what` names it in messages): a number, or for a
    yes-no indicator True or False."""
    if value is None or written(value) == "":
        return None
    if unit == "yes-no":
        answer = value if isinstance(value, bool) else YES_NO.get(written(value).lower())
        if answer is None:
            raise Unreadable(f"the {what} '{written(value)}' is not yes or no",
                             "write yes or no")
        return answer
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise Unreadable(f"the {what} '{written(value)}' is not a number",
                         "write the figure alone, like 57")
    if isinstance(value, (int, float)):
        number = Decimal(repr(value))
    else:
        number = _typed_number(written(value), unit, what)
    if not number.is_finite() or abs(number) > LARGEST:
        raise Unreadable(f"the {what} '{written(value)}' is larger than any figure of a plan",
                         "check the figure")
    return number


def _typed_number(text: str, unit: str, what: str) -> Decimal:
    match = _FIGURE.match(text.replace("\u00a0", " "))
    if not match:
        raise Unreadable(f"the {what} '{text}' is not a number",
                         "write the figure alone, like 57 or 1250, and put any words in the "
                         "Comment column")
    digits, suffix = match["digits"], (match["suffix"] or "").lower()
    if "," in digits and not _GROUPED.match(digits):
        raise Unreadable(f"the {what} '{text}' has a comma that does not separate thousands",
                         "write decimals with a full stop, like 57.5, and thousands like "
                         "1,250 or 1250")
    kind = _UNIT_WORDS.get(unit, unit)
    if suffix == "%" and unit != "percent":
        raise Unreadable(f"the {what} '{text}' is a percentage, but this indicator is "
                         f"{kind}", "write the figure alone, without %")
    if match["pound"] and unit != "pounds":
        raise Unreadable(f"the {what} '{text}' is an amount in pounds, but this indicator is "
                         f"{kind}", "write the figure alone, without £")
    if suffix in _SCALES and unit not in ("number", "pounds"):
        raise Unreadable(f"the {what} '{text}' is written in {_SCALE_WORDS[_SCALES[suffix]]}, "
                         f"but this indicator is {kind}", "write the figure in full, like 57")
    try:
        number = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        raise Unreadable(f"the {what} '{text}' is not a number", "write it like 57") from None
    number = number.scaleb(_SCALES.get(suffix, 0))
    return -number if match["sign"] else number


def yaml_number(number: Decimal) -> str:
    """A figure as a plan file writes it: 57, 98.5, 1200000."""
    text = f"{number.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value, what: str) -> Decimal | None:
    """A cell as a percentage from 0 to 100: 60, "60" or "60%"."""
    number = figure(value, "percent", what)
    assert not isinstance(number, bool), "only a yes-no figure is True or False"
    if number is not None and not 0 <= number <= 100:
        raise Unreadable(f"the {what} '{written(value)}' is not from 0 to 100",
                         "write how much is done as a percentage, like 60")
    return number


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")


def day(value, what: str = "date") -> dt.date | None:
    """A cell as a day: a date cell, 2025-07-31, 31/07/2025 (day first, as in the UK) or
    31 July 2025."""
    if value is None or written(value) == "":
        return None
    if isinstance(value, dt.datetime):
        found = value.date()
    elif isinstance(value, dt.date):
        found = value
    else:
        found = _day_text(written(value), what)
    if why := outside_years(found.year):
        raise Unreadable(f"the {what} {found.isoformat()} {why}", "check the year")
    return found


def _day_text(text: str, what: str) -> dt.date:
    fix = "write the day like 31/07/2025 (day, month, year) or 2025-07-31"
    parts = None
    if re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", text):
        year, month, day_ = (int(p) for p in text.split("-"))
        parts = (year, month, day_)
    elif match := _DAY_FIRST.match(text):
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        parts = (year, int(match[2]), int(match[1]))
    elif match := _WORDS.match(text):
        names = [m.lower() for m in MONTHS]
        named = next((i + 1 for i, name in enumerate(names)
                      if len(match[2]) >= 3 and name.startswith(match[2].lower())), None)
        if named:
            parts = (int(match[3]), named, int(match[1]))
    if parts is None:
        raise Unreadable(f"the {what} '{text}' is not a date", fix)
    try:
        return dt.date(*parts)
    except ValueError:
        raise Unreadable(f"the {what} '{text}' is not a real date",
                         f"check the day and the month; {fix}") from None
