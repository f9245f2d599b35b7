"""Dates and numbers written the way people write them (31/07/2025, 15 July 2025, Q3 2025-26,
1,250, 57%, £1.2m), recognised so that a message can show the form Plansite reads.

Each function returns (what is wrong, how to fix it), or None when the text is not such a
lookalike. Day and month written as numbers are read in UK order: day, month, year.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEPARATORS = re.compile(r"[\s/.,\-]+")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_QUARTER = re.compile(r"^(q[1-4])\s*(?:of\s+)?(?:(?:fy\s*)?(\d{4}|\d{2})\s*[-/–]\s*(\d{4}|\d{2})"
                      r"|(\d{4}))$", re.IGNORECASE)
_QUARTER_AFTER = re.compile(r"^(\d{4}|\d{2})\s*[-/–]\s*(\d{4}|\d{2})\s+(q[1-4])$", re.IGNORECASE)
Lookalike = tuple[str, str]


def _month(word: str) -> int:
    """1 to 12 for a month's name or its usual abbreviation (Jan, Sept), else 0."""
    word = word.lower()
    for number, name in enumerate(_MONTHS, 1):
        if len(word) >= 3 and (name.startswith(word) or word == "sept" and number == 9):
            return number
    return 0


def _year(digits: str) -> int:
    return int(digits) if len(digits) == 4 else 2000 + int(digits) if len(digits) == 2 else 0


def _day(year: int, month: int, day: int, text: str, how: str) -> Lookalike:
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError:
        if 1 <= day <= 12 and 1 <= month <= 31 and how == "day/month/year":
            try:  # written month first, as in the US
                swapped = dt.date(year, day, month)
            except ValueError:
                pass
            else:
                return (f"is '{text}', which is not a real date read day/month/year (there is "
                        f"no month {month})", f"if it is {swapped.day} "
                        f"{_MONTHS[swapped.month - 1].title()} {swapped.year}, write it as "
                        f"{swapped.isoformat()}")
        return (f"is '{text}', which is not a real date",
                "check the day and month, and write it year-month-day, like 2025-07-31")
    return (f"is '{text}', a date written {how}",
            f"write it as {iso} (year-month-day, with hyphens)")


def date_lookalike(text: str) -> Lookalike | None:
    """A day, month or quarter written otherwise than Plansite reads it."""
    text = text.strip()
    quarter = _quarter_lookalike(text)
    if quarter:
        return quarter
    words = [w for w in _SEPARATORS.split(text.lower()) if w]
    if words and words[0].rstrip(",.") in _WEEKDAYS + tuple(d[:3] for d in _WEEKDAYS):
        words = words[1:]
    if not 2 <= len(words) <= 3 or not re.match(r"^[\w/.,\- ]+$", text):
        return None
    months = [_month(w) for w in words]
    numbers = [w if w.isdigit() else (m[1] if (m := _DAY.match(w)) else "") for w in words]
    if sum(1 for m in months if m) == 1:  # a month written in words
        at = next(i for i, m in enumerate(months) if m)
        month, rest = months[at], numbers[:at] + numbers[at + 1:]
        if not all(rest):
            return None
        if len(rest) == 1:
            if len(rest[0]) == 4:
                return (f"is '{text}', a month written in words",
                        f"write it as {rest[0]}-{month:02d}")
            return (f"is '{text}', a date without its year",
                    f"write it with its year, year-month-day, like 2025-{month:02d}-"
                    f"{int(rest[0]):02d}") if len(rest[0]) <= 2 else None
        day, year = (rest[0], rest[1]) if len(rest[1]) == 4 or len(rest[0]) <= 2 else \
            (rest[1], rest[0])
        if len(day) > 2 or len(year) not in (2, 4):
            return None
        return _day(_year(year), month, int(day), text, "in words")
    if not all(w.isdigit() for w in words) or any(m for m in months):
        return None
    if len(words) == 3:
        if len(words[0]) == 4 and all(len(w) <= 2 for w in words[1:]):
            return _day(int(words[0]), int(words[1]), int(words[2]), text,
                        "with other separators than hyphens")
        if all(len(w) <= 2 for w in words[:2]) and len(words[2]) in (2, 4):
            return _day(_year(words[2]), int(words[1]), int(words[0]), text, "day/month/year")
        return None
    first, second = words
    if len(first) <= 2 and len(second) == 4 and 1 <= int(first) <= 12:
        return (f"is '{text}', a month written month/year", f"write it as {second}-{int(first):02d}")
    if len(first) == 4 and len(second) <= 2 and 1 <= int(second) <= 12 and \
            (int(first) + 1) % 100 != int(second):  # 2011/12 is a financial year
        return (f"is '{text}', a month written with a '{text[4:5]}'",
                f"write it as {first}-{int(second):02d}")
    return None


def _quarter_lookalike(text: str) -> Lookalike | None:
    match = _QUARTER.match(text)
    if match:
        quarter, start, end, single = match[1].upper(), match[2], match[3], match[4]
    elif match := _QUARTER_AFTER.match(text):
        quarter, start, end, single = match[3].upper(), match[1], match[2], None
    else:
        return None
    if single:
        year = int(single)
        return (f"is '{text}', a quarter without its financial year",
                f"write the financial year, like '{quarter} {year}/{(year + 1) % 100:02d}' "
                "(Q1 is April to June)")
    first, last = _year(start), _year(end)
    if (first + 1) != last:
        return (f"is '{text}', but {start}-{end} is not a financial year",
                f"write it like '{quarter} 2025/26'")
    right = f"{quarter} {first}/{last % 100:02d}"
    return None if text == right else (f"is '{text}', a quarter written another way",
                                       f"write it as '{right}'")


_MULTIPLIERS = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
_FIGURE = re.compile(r"^(?P<sign>[-+]?)\s*(?P<currency>[£$€]?)\s*(?P<digits>\d[\d,]*(?:\.\d+)?)"
                     r"\s*(?P<suffix>%|k|m|bn|b|million|billion|thousand)?$", re.IGNORECASE)
_SUFFIX_WORDS = {"million": "m", "billion": "bn", "thousand": "k"}


def number_lookalike(text: str) -> Lookalike | None:
    """A figure with commas, a % or £ sign or a k/m suffix, written where a plain number
    goes."""
    match = _FIGURE.match(text.strip())
    if not match:
        return None
    digits, currency = match["digits"], match["currency"]
    suffix = (match["suffix"] or "").lower()
    suffix = _SUFFIX_WORDS.get(suffix, suffix)
    plain = digits.replace(",", "")
    if "," in digits and not re.match(r"^\d{1,3}(,\d{3})+(\.\d+)?$", digits):
        return (f"is '{text.strip()}', which has a comma in the wrong place for a thousands "
                "separator", "write the figure in digits only, with no commas")
    if suffix in _MULTIPLIERS:
        whole = _scaled(plain, _MULTIPLIERS[suffix])
        extras = " and ".join(x for x in (currency, match["suffix"]) if x)
        return (f"is '{text.strip()}', a figure with {extras}",
                f"write the figure in full, {match['sign']}{whole}, without {extras}")
    marks = [x for x in (currency and f"the {currency} sign",
                         suffix == "%" and "the % sign",
                         "," in digits and "the comma") if x]
    if not marks:
        return None
    signs = " and ".join(marks)
    return (f"is '{text.strip()}', written with {signs}",
            f"write {match['sign']}{plain} without {signs}")


def _scaled(plain: str, factor: int) -> str:
    """`plain` times `factor`, written without a trailing .0 (1.2 and 1,000,000: 1200000)."""
    whole, _, fraction = plain.partition(".")
    digits = len(str(factor)) - 1
    fraction = (fraction + "0" * digits)[:max(digits, len(fraction))]
    value = (whole + fraction[:digits]).lstrip("0") or "0"
    rest = fraction[digits:].rstrip("0")
    return f"{value}.{rest}" if rest else value
