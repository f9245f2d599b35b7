"""Open data: CSV and JSON of indicator results and of priorities, per plan and site-wide.

Every cell is what the pages show (indicator rows come from `rows.Row.shown`), plus the
raw figures for machines. Output is deterministic: rows in plan order, JSON keys sorted.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from generator.i18n import N_, _
from generator.model.actions import either
from generator.model.records import ACTION_STAGES, LEVELS, UNITS, Council, PlanYear
from generator.model.status import TRENDS
from generator.render.rows import Indicators
from generator.parallel import in_two
from generator.render.jinja import Page, Renderer

KPI_COLUMNS = (
    ("year", N_("The financial year of the plan, e.g. 2025/26.")),
    ("service", N_("The %(service)s's key, as in its web address.")),
    ("service_name", N_("The %(service)s's name.")),
    ("ref", N_("The %(indicator)s's reference in that year's plan. It can change from "
     "year to year.")),
    ("key", N_("The %(indicator)s's key, the same in every year: its page is /kpis/<key>/.")),
    ("title", N_("What the %(indicator)s measures.")),
    ("unit", N_("How figures are measured: %(units)s.")),
    ("polarity", N_("Which way is better: higher, lower, or none (information only).")),
    ("basis", N_("What each figure covers: quarter (the quarter alone), quarter-end (the position "
     "at the end of the quarter), cumulative (the year so far) or annual (once a year).")),
    ("type", N_("The %(indicator)s's type, as the site names it (e.g. Contextual); empty "
     "when the plan gives none.")),
    ("level", N_("Corporate or Service; empty when the plan does not say.")),
    ("lead_officer_role", N_("The lead officer's role.")),
    ("lead_officer_name", N_("The lead officer's name, when the plan gives one.")),
    ("directorate", N_("The directorate responsible for the %(indicator)s.")),
    ("themes", N_("The corporate-plan %(themes)s it links to, one per line (a list in JSON).")),
    ("forecast", N_("A forecast shown beside the figures for comparison (never judged as a "
     "target); empty when there is none.")),
    ("benchmark", N_("A benchmark shown beside the figures for comparison (never judged as a "
     "target); empty when there is none.")),
    ("last_year", N_("Last year's outturn (the level achieved the year before the plan).")),
    ("period", N_("Q1 (April to June), Q2 (July to September), Q3 (October to December), Q4 "
     "(January to March) or year (the whole year); H1 (April to September) and H2 (October "
     "to March) for a six-monthly %(indicator)s; M1 (April) to M12 (March) for a monthly "
     "one.")),
    ("value", N_("The figure as a number, or yes or no; empty when there is none.")),
    ("value_shown", N_("The figure as the site shows it, e.g. 29.5%%, or 'Not available'; empty "
     "when nothing has been reported.")),
    ("target", N_("The target the period is judged against, as a number (or yes or no); empty "
     "when none applies.")),
    ("target_shown", N_("That target as the site shows it, e.g. '98%% by year end' for a "
     "cumulative %(indicator)s's year-end target.")),
    ("status", N_("The status worked out by the rule on /kpis/#how-status-works: "
     "%(indicator_statuses)s; empty for a period with nothing reported.")),
    ("status_note", N_("Words beside the status, such as the progress of a cumulative figure "
     "towards its year-end target.")),
    ("trend_previous", N_("%(trends)s compared with the previous period; empty when there is "
     "nothing to compare with.")),
    ("previous_figure", N_("The previous period's figure it is compared with, e.g. 'Q4 2021/22: "
     "82%%'.")),
    ("trend_year_on_year", N_("%(trends)s compared with the same period a year earlier; empty "
     "when there is nothing to compare with.")),
    ("year_earlier_figure", N_("The figure a year earlier it is compared with.")),
    ("comment", N_("The %(service)s's commentary on the figure.")),
    ("not_available", N_("Why the figure is not available, when it is not.")),
)

PRIORITY_COLUMNS = (
    ("year", N_("The financial year of the plan, e.g. 2025/26.")),
    ("service", N_("The %(service)s's key, as in its web address.")),
    ("service_name", N_("The %(service)s's name.")),
    ("number", N_("The %(priority)s's number in the plan.")),
    ("title", N_("The %(priority)s.")),
    ("area", N_("The area of work, e.g. Finance or IT; empty when the plan gives none.")),
    ("themes", N_("The corporate-plan %(themes)s it links to, one per line (a list in JSON).")),
    ("corporate_plan_link", N_("The plan's own words about its link to the corporate plan, for "
     "older plans.")),
    ("resources", N_("The resources the plan gives for it.")),
    ("outcomes", N_("Expected outcomes, one per line (a list in JSON).")),
    ("status", N_("The status from the council's list of action statuses (%(statuses)s), "
                  "or Not reported.")),
    ("target", N_("Target completion as the plan gives it: a date, a month, a quarter or words.")),
    ("target_iso", N_("Target completion for machines: 2025-10-14, 2025-10 or 2025-26-Q3; empty "
     "when it is words.")),
    ("revised_target", N_("A revised target completion, when the date has moved.")),
    ("revised_target_iso", N_("The revised target for machines, written like target_iso.")),
    ("revised_reason", N_("Why the target moved.")),
    ("latest_update_date", N_("The date of the latest progress update, as the site shows it.")),
    ("latest_update_date_iso", N_("That date for machines, e.g. 2025-08-12.")),
    ("latest_update", N_("The latest progress update.")),
    ("updates", N_("How many progress updates there are (earlier ones are on the plan "
                   "page).")),
    ("status_key", N_("The key of the status, as the plan's data writes it; empty when "
                      "not reported.")),
    ("stage", N_("In progress or Complete; empty when the plan does not say.")),
    ("percent_complete", N_("How much of it is done, from 0 to 100; empty when not reported.")),
)

DATASETS = {  # file name: (what it holds, columns)
    "kpi-results": (N_("Performance %(indicator)s results"), KPI_COLUMNS),
    "priorities": (N_("%(Service)s %(priorities)s"), PRIORITY_COLUMNS),
}


@dataclass(frozen=True)
class Download:
    """One set of files: its scope, folder and how many rows each dataset has."""

    label: str
    folder: str  # e.g. "data/" or "data/2025-26/corporate-services/"
    rows: dict


def kpi_records(indicators: Indicators, plan: PlanYear) -> list[dict]:
    """One record per indicator and period of a plan, with the cells the pages show."""
    records = []
    service = indicators.council.service(plan.service)
    corporate = indicators.council.corporate_plan(plan.corporate_plan)
    theme_name = corporate.theme_name if corporate else str
    for kpi in plan.kpis:
        comparators = {c.kind: c.value for c in kpi.comparators}
        about = {"type": indicators.council.config.indicator_type(kpi.type)
                 if kpi.type else "",
                 "level": _(LEVELS[kpi.level]) if kpi.level else "",
                 "lead_officer_role": kpi.lead_role, "lead_officer_name": kpi.lead_name,
                 "directorate": kpi.directorate,
                 "themes": [theme_name(key) for key in kpi.themes],
                 "forecast": comparators.get("forecast"),
                 "benchmark": comparators.get("benchmark"),
                 "last_year": kpi.outturn.value if kpi.outturn else None}
        for row in indicators.rows(plan, kpi):
            value = row.result.value if row.result else None
            records.append({
                "year": plan.year.label, "service": plan.service,
                "service_name": service.name, "ref": kpi.ref, "key": kpi.key,
                "title": kpi.title, "unit": kpi.unit, "polarity": kpi.polarity,
                "basis": kpi.basis, **about, "period": row.period, "value": value,
                "target": row.target_value, **row.shown})
    return records


def priority_records(council: Council, plan: PlanYear) -> list[dict]:
    """One record per priority of a plan, with its status, dates and latest update."""
    records = []
    corporate = council.corporate_plan(plan.corporate_plan)
    theme_name = corporate.theme_name if corporate else str
    for p in plan.priorities:
        latest = p.latest_update
        records.append({
            "year": plan.year.label, "service": plan.service,
            "service_name": council.service(plan.service).name, "number": p.number,
            "title": p.title, "area": p.area,
            "themes": [theme_name(key) for key in p.themes],
            "corporate_plan_link": p.theme_text, "resources": p.resources,
            "outcomes": list(p.outcomes),
            "status": p.status.text if p.status else _("Not reported"),
            "status_key": p.status.key if p.status else "",
            "stage": _(ACTION_STAGES[p.stage]) if p.stage else "",
            "percent_complete": p.percent_complete,
            "target": p.target.text if p.target else "",
            "target_iso": p.target.iso if p.target else "",
            "revised_target": p.revised_target.text if p.revised_target else "",
            "revised_target_iso": p.revised_target.iso if p.revised_target else "",
            "revised_reason": p.revised_reason,
            "latest_update_date": latest.date.text if latest else "",
            "latest_update_date_iso": latest.date.iso if latest else "",
            "latest_update": latest.text if latest else "", "updates": len(p.updates)})
    return records


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _cell(value) -> str:
    """A CSV cell: yes/no, a number without a needless '.0', one line per list item. Text
    a spreadsheet would run as a formula gets an apostrophe in front, the OWASP way, so it
    shows as the text it is; a plain number such as -3.5 is left alone."""
    if isinstance(value, str):  # most cells, so tried first
        text = str(value)
    elif value is None:
        return ""
    elif isinstance(value, bool):
        return "yes" if value else "no"
    elif isinstance(value, float) and value.is_integer():
        return str(int(value))
    elif isinstance(value, (int, float)):
        return str(value)
    else:
        text = "\n".join(value) if isinstance(value, list) else str(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return f"'{text}"
    return text


@dataclass(frozen=True)
class Written:
    """One plan's records of one dataset as CSV lines and JSON rows."""

    csv: str
    json: tuple[str, ...]


def written(columns, records: list[dict]) -> Written:
    """Records as CSV lines (no header) and JSON rows (one a line)."""
    return Written(_csv_lines([[_cell(record[name]) for name, _ in columns]
                               for record in records]),
                   tuple(f"    {json.dumps(r, ensure_ascii=False, sort_keys=True)}"
                         for r in records))


def _csv_lines(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def to_csv(columns, parts: list[Written]) -> bytes:
    """A dataset as CSV: the column names, then the rows of each part."""
    return (_csv_lines([[name for name, _ in columns]])
            + "".join(part.csv for part in parts)).encode("utf-8")


def described(indicators: Indicators) -> dict[str, list[tuple[str, str]]]:
    """Each dataset's columns with what they hold, in readers' words: the statuses, trends
    and units a column may hold are named from the rule in force, the council's action
    scheme and the units themselves."""
    scheme = indicators.council.config.action_scheme
    words = {"statuses": either([s.text for s in scheme]),
             "indicator_statuses": either([s.shown for s in indicators.statuses()]),
             "trends": either([_(TRENDS[key][0]) for key in indicators.trends()]),
             "units": either(list(UNITS))}
    return {name: [(column, _(text, **words)) for column, text in columns]
            for name, (_title, columns) in DATASETS.items()}


def to_json(council: Council, name: str, scope: str, columns: list[tuple[str, str]],
            parts: list[Written]) -> bytes:
    config = council.config
    """A dataset as JSON: what it is first, then one row a line (each written by the C
    encoder, which `indent` would switch off)."""
    document = {"title": f"{_(DATASETS[name][0])}: {scope}", "publisher": config.council_name,
                "licence": {"name": config.licence_name, "url": config.licence_url},
                "columns": [{"name": n, "description": d} for n, d in columns]}
    head = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)[:-2]
    rows = [row for part in parts for row in part.json]
    listed = "[\n" + ",\n".join(rows) + "\n  ]" if rows else "[]"
    return f'{head},\n  "rows": {listed}\n}}\n'.encode()


def open_data(r: Renderer, council: Council, indicators: Indicators,
              common: dict) -> tuple[Page, dict[str, bytes]]:
    """The /data/ page and every download file it lists."""
    files: dict[str, bytes] = {}
    columns = described(indicators)
    downloads = []
    scopes = [(_("All %(services)s, all years"), "data/", council.plans)]
    scopes += [(f"{council.service(p.service).name} {p.year.label}",
                f"data/{p.path}", (p,))
               for p in sorted(council.plans, key=lambda p: (p.year, p.service), reverse=True)]
    records = {"kpi-results": lambda plan: kpi_records(indicators, plan),
               "priorities": lambda plan: priority_records(council, plan)}
    # Each plan's rows, written once for every scope (by two processes: a county has
    # hundreds of plans).
    by_plan = dict(zip(map(id, council.plans), in_two(
        lambda plan: {name: written(DATASETS[name][1], records[name](plan))
                      for name in DATASETS}, council.plans)))
    for label, folder, plans in scopes:
        counts = {}
        for name in DATASETS:
            parts = [by_plan[id(p)][name] for p in plans]
            files[f"{folder}{name}.csv"] = to_csv(DATASETS[name][1], parts)
            files[f"{folder}{name}.json"] = to_json(council, name, label, columns[name], parts)
            counts[name] = sum(len(part.json) for part in parts)
        downloads.append(Download(label, folder, counts))
    page = r.page("data.j2", "data/", _("Open data"),
                  description=_("Download the performance %(indicator)s results and "
                                "%(service)s %(priorities)s as CSV and JSON."),
                  downloads=downloads,
                  datasets={name: (what, columns[name]) for name, (what, _c) in DATASETS.items()},
                  config=council.config, **common)
    return page, files
