"""A return as a spreadsheet: written as .xlsx (or .csv) and read back as rows of cells.

Every return has the same layout, so one reader serves them all: row 1 says what it is,
row 2 the facts it is for (`Plan year`, `2025/26`, ...), row 3 how to fill it in, row 4 the
column headers (frozen, so they stay in view), then a row per indicator or priority. The
.xlsx is the same bytes for the same data: its created and modified times are fixed, and so
are the times of the files inside it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.errors import CommandError

FORMATS = (".xlsx", ".csv")
HEADER_ROW = 4  # the row of column headers; data starts on the next row
FIXED_TIME = dt.datetime(2000, 1, 1)  # the workbook's created and modified times


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # in characters
    to_fill: bool = False  # one of the columns the service fills in (shaded)


@dataclass(frozen=True)
class Check:
    """A data validation on some cells of one column: what may be typed there."""

    column: str  # its header
    rows: tuple[int, ...]  # indexes into Sheet.rows
    kind: str  # "decimal" | "list" | "date"
    prompt: str
    options: tuple = ()  # list: the choices; decimal: (lowest, highest)


@dataclass
class Sheet:
    name: str  # the worksheet's tab, at most 31 characters
    title: str
    facts: list[tuple[str, str]]
    note: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


def column_letter(index: int) -> str:
    """The spreadsheet's name of a column: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_format(path: Path, option: str) -> None:
    if path.suffix.lower() not in FORMATS:
        raise CommandError(option, f"'{path.name}' is not a .xlsx or .csv file",
                           "give a file name ending .xlsx (Excel) or .csv")


def write(sheet: Sheet, path: Path) -> None:
    """Write the sheet to `path` as .xlsx or .csv (by its ending)."""
    check_format(path, "--to")
    data = _xlsx(sheet) if path.suffix.lower() == ".xlsx" else _csv(sheet)
    try:
        path.write_bytes(data)
    except OSError as error:
        raise CommandError(str(path), f"the file could not be written ({error.strerror})",
                           "check the folder exists and you may write there; close the file "
                           "if it is open in a spreadsheet") from None


def _grid(sheet: Sheet) -> list[list]:
    facts = [cell for pair in sheet.facts for cell in pair]
    return [[sheet.title], facts, [sheet.note], [c.header for c in sheet.columns], *sheet.rows]


_FORMULA = ("=", "+", "-", "@")  # what makes a spreadsheet read a CSV cell as a formula


def _csv(sheet: Sheet) -> bytes:
    """The sheet as CSV; text that a spreadsheet would run as a formula starts with an
    apostrophe, which reading the file back removes."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _grid(sheet):
        writer.writerow(["" if value is None else f"'{value}" if isinstance(value, str) and
                         value.startswith(_FORMULA) else value for value in row])
    return out.getvalue().encode("utf-8-sig")  # the mark makes Excel read it as UTF-8


def _xlsx(sheet: Sheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.properties.creator = "Plansite"
    book.properties.created = book.properties.modified = FIXED_TIME
    ws = book.active
    assert isinstance(ws, Worksheet), "a new workbook has one worksheet"
    ws.title = sheet.name
    for values in _grid(sheet):
        ws.append(values)
    for cells in ws.iter_rows():
        for cell in cells:
            if cell.data_type == "f":  # text from the plans that starts with "=" stays text
                cell.data_type = "s"
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    shade = PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(sheet.columns):
        letter = column_letter(index)
        ws.column_dimensions[letter].width = column.width
        header = ws[f"{letter}{HEADER_ROW}"]
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
        for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(sheet.rows)):
            cell = ws[f"{letter}{row}"]
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.to_fill:
                cell.fill = shade
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    headers = [c.header for c in sheet.columns]
    for check in sheet.checks:
        if not check.rows:
            continue
        if check.kind == "list":
            rule = DataValidation(type="list", formula1='"' + ",".join(check.options) + '"')
        elif check.kind == "date":
            rule = DataValidation(type="date", operator="greaterThan", formula1="36526")
        else:
            rule = DataValidation(type="decimal", operator="between",
                                  formula1=str(check.options[0]), formula2=str(check.options[1]))
        # A warning, not a stop: "57%" or "£1.2m" typed as text is read on import.
        rule.errorStyle, rule.allow_blank = "warning", True
        rule.prompt, rule.error = check.prompt, check.prompt
        rule.showInputMessage = rule.showErrorMessage = True
        letter = column_letter(headers.index(check.column))
        for row in check.rows:
            rule.add(f"{letter}{HEADER_ROW + 1 + row}")
        ws.add_data_validation(rule)
    out = io.BytesIO()
    # ExcelWriter, not book.save(), which would stamp the modified time with the clock.
    ExcelWriter(book, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_times(out.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The same zip with every member dated FIXED_TIME, so equal sheets are equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            member = zipfile.ZipInfo(info.filename, FIXED_TIME.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(member, old.read(info.filename))
    return out.getvalue()


def read(path: Path) -> list[list]:
    """The cells of the file's first sheet, row by row: text, numbers, True/False, dates
    or None. A number shown as a percentage (0.57 shown as 57%) is read as the text "57%",
    as the person typed it."""
    check_format(path, str(path))
    if not path.is_file():
        raise CommandError(str(path), "there is no such file",
                           "check the file name and the folder")
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    from openpyxl import load_workbook
    try:
        book = load_workbook(path, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise CommandError(str(path), f"this file cannot be opened as an Excel workbook "
                           f"({type(error).__name__})", "open it in Excel and save it again "
                           "as an Excel Workbook (.xlsx)") from None
    rows = []
    for cells in book.worksheets[0].iter_rows():
        rows.append([_as_typed(cell.value, cell.number_format) for cell in cells])
    return rows


def _as_typed(value, number_format: str):
    if isinstance(value, (int, float)) and not isinstance(value, bool) and \
            "%" in (number_format or ""):
        return f"{(Decimal(repr(value)) * 100).normalize():f}%"
    return value


def _unguarded(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA) else cell


def _read_csv(path: Path) -> list[list]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV (Comma delimited)"
    try:
        return [[_unguarded(cell) if cell.strip() else None for cell in row]
                for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        raise CommandError(str(path), f"this file cannot be read as CSV ({error})",
                           "open it in a spreadsheet and save it again as CSV") from None
