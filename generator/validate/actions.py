"""Validate the parts of a plan beyond its headline fields: an action's status and progress,
the resources tables (staffing, budget) and the titled sections a plan adds of its own."""

from __future__ import annotations

import difflib

from generator.validate.fields import Fields
from generator.model.records import ActionStatus, BudgetLine, Resources, Section, SectionTable, StaffLine
from generator.load.yamlfile import Seq, as_written


def read_action_status(p: Fields, scheme: tuple[ActionStatus, ...]) -> ActionStatus | None:
    """The status a priority gives, from the council's action scheme (None when absent)."""
    by_key = {s.key: s for s in scheme}
    value = p.text("status", example=scheme[0].key)
    if value and value not in by_key:
        close = difflib.get_close_matches(value, list(by_key), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        p.problem("status", f"{p.label('status')} is '{value}', which is not one of the "
                  f"action statuses: {', '.join(by_key)}", f"use one of those words{hint}, "
                  "or add the status to action_status in site_config.yml")
    return by_key.get(value)


def read_percent(f: Fields, key: str) -> float | None:
    """A percentage from 0 to 100, written without the % sign."""
    value = f.number(key)
    if value is not None and not 0 <= value <= 100:
        f.problem(key, f"{f.label(key)} is {as_written(value)}, but a percentage complete is "
                  "from 0 to 100", f"write it like {key}: 60")
        return None
    return value


def _fte(f: Fields, key: str) -> float | None:
    value = f.number(key)
    if value is not None and value < 0:
        f.problem(key, f"{f.label(key)} is {as_written(value)}, but a number of full-time "
                  "equivalent posts cannot be below 0", f"write it like {key}: 2.5")
        return None
    return value


def _staff_line(s: Fields, named: bool) -> StaffLine:
    s.allow()
    line = StaffLine(s.text("post") if named else "", s.integer("posts"), _fte(s, "fte"))
    if line.posts is None and line.fte is None and s.data:
        s.problem("post" if named else "fte", f"{s.what} gives neither posts nor fte",
                  "add 'posts: 3' (how many posts) and/or 'fte: 2.5' (full-time equivalent)")
    return line


def read_resources(res: Fields) -> Resources:
    """A plan's resources: text, and staffing and budget tables as the council gives them."""
    res.allow()
    staffing = tuple(_staff_line(s, True) for s in res.blocks("staffing", "staffing line"))
    total = res.block("staffing_total")
    if total:
        total.what = "'staffing_total' of the resources"
    budget = []
    for b in res.blocks("budget_lines", "budget line"):
        b.allow()
        line, amount = b.text("line"), b.number("amount")  # pounds
        if line and amount is not None:
            budget.append(BudgetLine(line, amount))
    return Resources(staff=res.text("staff"), budget=res.text("budget"),
                     funding=res.text("funding"), staffing=staffing,
                     staffing_total=_staff_line(total, False) if total else None,
                     budget_lines=tuple(budget), budget_total=res.number("budget_total"))


def _cell(t: Fields, row, index: int):
    """A table cell: a number stays a number (shown right-aligned), anything else is text."""
    value = row[index] if index < len(row) else None
    if isinstance(value, bool) or isinstance(value, (list, dict)):
        t.problems.add(t.file, row.line_of(index), f"cell {index + 1} of a row of {t.what} "
                       "is not text or a number", "write each cell as text or a number")
        return ""
    if isinstance(value, (int, float)):
        return value
    return "" if value is None else as_written(value).strip()


def _table(s: Fields) -> SectionTable | None:
    t = s.block("table")
    if not t:
        return None
    t.allow()
    columns = t.texts("columns")
    rows = []
    raw = t.data.get("rows")
    if not isinstance(raw, Seq) or not raw:
        t.problem("rows" if "rows" in t.data else "columns", f"{t.what} has no rows",
                  "add 'rows:' with each row as a list, like - [Fly-tipping, 2, Low]")
        return None
    for index, row in enumerate(raw):
        if not isinstance(row, list) or len(row) != len(columns):
            t.problems.add(t.file, raw.line_of(index), f"row {index + 1} of {t.what} should "
                           f"be a list of {len(columns)} cells, one per column",
                           "write it like - [first, second] with one cell for each column")
            continue
        rows.append(tuple(_cell(t, row, i) for i in range(len(columns))))
    return SectionTable(columns=columns, rows=tuple(rows), caption=t.text("caption"))


def read_sections(f: Fields) -> tuple[Section, ...]:
    """The plan's own titled sections: text, a list of items, and/or a table."""
    sections = []
    for s in f.blocks("sections", "section"):
        s.allow()
        title = s.text("title")
        if title:
            s.what = f"section '{title}'"
        section = Section(title=title, text=s.text("text"), items=s.texts("items"),
                          table=_table(s))
        if not (section.text or section.items or section.table) and s.data:
            s.problem("title", f"{s.what} has no text, items or table",
                      "add 'text:', 'items:' or 'table:' beneath its title")
        if title:
            sections.append(section)
    return tuple(sections)
