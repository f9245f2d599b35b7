"""Validate: turn the loaded sources into the plan model, reporting every problem at once."""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace

from .colour import WHITE, contrast, darken
from .errors import Problems
from .fields import KEY, Fields, parse_year
from .frontmatter import first_heading
from .load import CONFIG_FILE, Document, Sources, snapshot_path
from .model import (BASES, FROZEN_STAGES, POLARITIES, PRIORITY_STATUSES, QUARTERS, UNITS,
                    VERSION_STAGES, Contact, CorporatePlan, Council, FinancialYear, Function, Kpi,
                    Narrative, PlanYear, Priority, Resources, Result, Season, Service, SiteConfig,
                    Target, Theme, Update, Version)
from .yamlfile import Seq

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_SNAPSHOT = re.compile(r"^v([1-9][0-9]*)\.ya?ml$")
MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal-size text
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")  # a BCP 47 tag, like en-GB
# Addresses of generated pages that a narrative page may not take.
RESERVED = {"themes", "kpis", "data", "history", "whats-new", "search", "assets", "404"}
OGL = ("Open Government Licence v3.0",
       "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")


def validate(sources: Sources, problems: Problems) -> Council:
    """Build the Council from `sources`; raises InputError listing every problem found."""
    config = _config(sources.config, problems)
    plans = tuple(_corporate_plan(d, problems) for d in sources.corporate_plans)
    _unique(problems, [(p.key, d.shown, 1) for p, d in zip(plans, sources.corporate_plans)],
            "corporate plan", "rename one of the files")
    _unique(problems, [(t.key, d.shown, _item_line(d, "themes", i))
                       for p, d in zip(plans, sources.corporate_plans)
                       for i, t in enumerate(p.themes) if t.key], "theme",
            "theme pages are at /themes/<key>/, so give this theme its own key, "
            "such as planet-2027")
    used: set[str] = set()
    services = tuple(_service(d, problems, sources, used) for d in sources.services)
    _unique(problems, [(s.key, d.shown, 1) for s, d in zip(services, sources.services)],
            "service", "rename one of the files")
    plan_years = tuple(p for p in (_plan_year(d, problems, sources, used, services, plans)
                                   for d in sources.plans) if p)
    seen: dict = {}
    for plan in plan_years:
        pair = (plan.service, plan.year)
        if pair in seen:
            problems.add(plan.source, 1, f"there are two plans for {plan.service} in "
                         f"{plan.year.label} (the other is {seen[pair]})",
                         "keep one file per service per year")
        seen[pair] = plan.source
    _kpi_keys_once_a_year(plan_years, sources, problems)
    plan_years = _with_snapshots(plan_years, sources, problems, used, services, plans)
    pages, home = _narratives(sources, problems, used)
    problems.raise_if_any()
    years = tuple(sorted({p.year for p in plan_years}, reverse=True))
    return Council(config=config, corporate_plans=plans,
                   services=tuple(sorted(services, key=lambda s: s.name)),
                   plans=tuple(sorted(plan_years, key=lambda p: (p.year, p.service))),
                   pages=pages, home=home, years=years)


def _unique(problems: Problems, keyed: list, what: str, fix: str) -> None:
    """Report each (key, file, line) whose key an earlier one already uses."""
    first: dict = {}
    for key, shown, line in keyed:
        if key in first:
            problems.add(shown, line, f"the {what} key '{key}' is also used by {first[key]}",
                         fix)
        first.setdefault(key, shown)


def _item_line(doc: Document, key: str, index: int) -> int:
    """The line of item `index` of the list `key` in a document (1 if it is not a list)."""
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    return items.line_of(index) if isinstance(items, Seq) else 1


def _file_key(doc: Document, problems: Problems) -> str:
    """The key a file's name gives it (parks.yml → parks); keys appear in page addresses."""
    stem = posixpath.splitext(posixpath.basename(doc.shown))[0]
    if not KEY.match(stem):
        suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "name"
        problems.add(doc.shown, 0, "this file's name becomes part of page addresses, so it may "
                     "only use lower-case letters, digits and single hyphens",
                     f"rename it to {suggestion}{posixpath.splitext(doc.shown)[1]}")
    return stem


def _absent() -> Fields:
    """An empty block whose own problems go nowhere: stands in for a block already reported
    missing, so its fields are not reported again one by one."""
    return Fields({}, CONFIG_FILE, Problems(), "")


def _unreadable(sources: Sources, folder: str, key: str) -> bool:
    """Whether data/<folder>/<key>.yml exists but could not be read (already reported)."""
    return any(f"data/{folder}/{key}.{ext}" in sources.unreadable for ext in ("yml", "yaml"))


def _config(doc: Document | None, problems: Problems) -> SiteConfig:
    f = Fields(doc.data if doc else {}, CONFIG_FILE, problems, "the settings file")
    f.allow("council", "site", "contact", "open_data", "kpi_status", "accessibility")
    # A missing block is reported once; its fields are then read from an empty stand-in.
    council = f.block("council", required=True) or _absent()
    council.allow("name", "website")
    site = f.block("site", required=True) or _absent()
    site.allow("title", "base_url", "language", "colours")
    contact = f.block("contact", required=True) or _absent()
    contact.allow("name", "email", "phone", "url")
    licence = f.block("open_data")
    status = f.block("kpi_status")
    statement = f.block("accessibility")
    colours = site.block("colours")
    if licence:
        licence.allow("licence", "licence_url")
    if status:
        status.allow("near_target_percent")
    if statement:
        statement.allow("prepared", "reviewed")
    if colours:
        colours.allow("primary", "accent")
    base_url = site.text("base_url", required=True, example="https://plans.example.gov.uk/")
    if base_url and not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
        site.problem("base_url", f"base_url '{base_url}' is not a web address",
                     "write the full address the site is published at, like "
                     "https://plans.example.gov.uk/")
    language = site.text("language") or "en-GB"
    if not _LANGUAGE.match(language):
        site.problem("language", f"language '{language}' is not a language tag",
                     "write a tag like en-GB, or cy for Welsh")
        language = "en-GB"
    email, phone, url = _email(contact), contact.text("phone"), contact.text("url")
    if not (email or phone or url):
        contact.problem("contact", "the contact block has no email, phone or url",
                        "give at least one way for residents to reach the council")

    def colour(key: str, default: str) -> str:
        value = colours.text(key) if colours else ""
        if value and not _COLOUR.match(value):
            colours.problem(key, f"colour '{value}' is not a hex colour",
                            "write it as # and six hex digits, like \"#00567d\" (in quotes)")
            return default
        if value and (ratio := contrast(value, WHITE)) < MIN_CONTRAST:
            # Both are text on white (links, hovered links) and white text sits on primary.
            colours.problem(key, f"colour '{value}' is too light: white text on it, and it "
                            f"as text on white, has a contrast of {ratio:.2f}:1, below the "
                            f"{MIN_CONTRAST}:1 that WCAG 2.2 AA needs",
                            f"choose a darker shade, such as \"{darken(value)}\"")
            return default
        return value or default

    tolerance = _tolerance(status, "near_target_percent") if status else None
    return SiteConfig(
        council_name=council.text("name", required=True, example="Hart District Council"),
        council_url=council.text("website"),
        title=site.text("title", required=True, example="Service plans"),
        base_url=base_url.rstrip("/") + "/" if base_url else "/",
        language=language,
        contact_name=contact.text("name"),
        contact_email=email, contact_phone=phone, contact_url=url,
        licence_name=(licence.text("licence") if licence else "") or OGL[0],
        licence_url=(licence.text("licence_url") if licence else "") or OGL[1],
        tolerance_percent=5.0 if tolerance is None else float(tolerance),
        primary_colour=colour("primary", "#1d4f91"),
        accent_colour=colour("accent", "#1d4f91"),
        statement_prepared=statement.when("prepared") if statement else None,
        statement_reviewed=statement.when("reviewed") if statement else None,
    )


def _corporate_plan(doc: Document, problems: Problems) -> CorporatePlan:
    f = Fields(doc.data, doc.shown, problems, "the corporate plan")
    f.allow("title", "period", "summary", "vision", "values", "approved", "themes")
    themes = []
    for t in f.blocks("themes", "theme", required=True):
        t.allow("key", "name", "summary", "underpinning")
        themes.append(Theme(key=t.key("key", required=True, example="planet"),
                            name=t.text("name", required=True, example="Planet"),
                            summary=t.text("summary"), underpinning=t.flag("underpinning")))
    return CorporatePlan(key=_file_key(doc, problems), title=f.text("title", required=True),
                         period=f.text("period", required=True, example="2023–2027"),
                         summary=f.text("summary"), themes=tuple(themes),
                         vision=f.text("vision"), values=f.texts("values"),
                         approved=f.when("approved"))


def _narrative_ref(f: Fields, key: str, sources: Sources, used: set[str]) -> str:
    """Read a field naming a Markdown file in content/ and return that file's text."""
    ref = f.text(key, example="services/corporate-services.md")
    if not ref:
        return ""
    normal = posixpath.normpath(ref.replace("\\", "/"))
    if normal.startswith(("../", "/")) or normal == ".." or ":" in normal:
        f.problem(key, f"'{key}' of {f.what} points outside the content folder ('{ref}')",
                  "name a Markdown file inside content/, like services/corporate-services.md")
        return ""
    used.add(normal)
    if normal not in sources.content:
        if f"content/{normal}" not in sources.unreadable:
            f.problem(key, f"'{key}' of {f.what} names content/{normal}, which does not exist",
                      "check the spelling, or create that Markdown file in content/")
        return ""
    return sources.content[normal].body


def _email(f: Fields) -> str:
    """The block's email address; it becomes a mailto: link, so it must be one address."""
    value = f.text("email")
    if value and not _EMAIL.match(value):
        f.problem("email", f"'{value}' is not an email address",
                  "write one address, like plans@example.gov.uk")
        return ""
    return value


def _service(doc: Document, problems: Problems, sources: Sources, used: set[str]) -> Service:
    f = Fields(doc.data, doc.shown, problems, "the service")
    f.allow("name", "summary", "directorate", "contacts", "overview")
    contacts = []
    for c in f.blocks("contacts", "contact"):
        c.allow("name", "role", "email", "phone")
        contacts.append(Contact(name=c.text("name", required=True), role=c.text("role"),
                                email=_email(c), phone=c.text("phone")))
    return Service(key=_file_key(doc, problems),
                   name=f.text("name", required=True, example="Corporate Services"),
                   summary=f.text("summary"), directorate=f.text("directorate"),
                   contacts=tuple(contacts), overview=_narrative_ref(f, "overview", sources, used))


def _plan_year(doc, problems, sources, used, services, corporate_plans) -> PlanYear | None:
    folder = doc.shown.split("/")[2]  # data/plans/<year>/...
    year = parse_year(folder)
    if not year:
        problems.add(doc.shown, 0, f"the folder '{folder}' is not a financial year",
                     "put plan files in a folder named for the year, like data/plans/2025-26/")
        return None
    f = Fields(doc.data, doc.shown, problems, "the plan")
    f.allow("service", "corporate_plan", "focus", "overview", "functions", "resources",
            "priorities", "kpis", "kpi_note", "risks", "versions")
    service = f.key("service", required=True, example="corporate-services")
    if service and service not in {s.key for s in services} and \
            not _unreadable(sources, "services", service):
        known = ", ".join(sorted(s.key for s in services)) or "none yet"
        f.problem("service", f"there is no service '{service}' (known services: {known})",
                  f"check the spelling, or add data/services/{service}.yml")
    plan_key = f.text("corporate_plan", example="2023-2027")
    corporate = next((c for c in corporate_plans if c.key == plan_key), None)
    if plan_key and not corporate and not _unreadable(sources, "corporate-plans", plan_key):
        known = ", ".join(c.key for c in corporate_plans) or "none yet"
        f.problem("corporate_plan", f"there is no corporate plan '{plan_key}' (known: {known})",
                  f"check the spelling, or add data/corporate-plans/{plan_key}.yml")
    functions = f.block("functions")
    in_house, contracted, note = (), (), ""
    if functions:
        functions.allow("in_house", "contracted", "note")
        in_house = tuple(Function(n) for n in functions.texts("in_house"))
        rows = []
        for c in functions.blocks("contracted", "contracted service"):
            c.allow("name", "provider")
            rows.append(Function(c.text("name", required=True), c.text("provider")))
        contracted, note = tuple(rows), functions.text("note")
    res = f.block("resources")
    if res:
        res.allow("staff", "budget", "funding")
    resources = Resources(*(res.text(k) for k in ("staff", "budget", "funding"))) if res \
        else Resources()
    theme_keys = {t.key for t in corporate.themes} if corporate else set()
    priorities = [_priority(p, theme_keys, plan_key, year) for p in f.blocks("priorities",
                                                                             "priority")]
    _no_repeats(f, "priorities", [p.number for p in priorities], "priority number",
                "give each priority its own number")
    kpis = [_kpi(k, year) for k in f.blocks("kpis", "indicator")]
    _no_repeats(f, "kpis", [k.ref for k in kpis], "indicator reference",
                "give each indicator its own reference, like CP1, CP2")
    _no_repeats(f, "kpis", [k.key for k in kpis], "indicator key",
                "give each indicator its own key")
    versions = _versions(f)
    return PlanYear(year=year, service=service, source=doc.shown, corporate_plan=plan_key,
                    focus=f.text("focus"), overview=_narrative_ref(f, "overview", sources, used),
                    in_house=in_house, contracted=contracted, functions_note=note,
                    resources=resources, priorities=tuple(sorted(priorities,
                                                                 key=lambda p: p.number or 0)),
                    kpis=tuple(kpis), kpi_note=f.text("kpi_note"), risks=f.text("risks"),
                    versions=versions)


def _kpi_keys_once_a_year(plan_years, sources: Sources, problems: Problems) -> None:
    """An indicator key names one page, /kpis/<key>/: one indicator per key in each year."""
    docs = {d.shown: d for d in sources.plans}
    first: dict = {}
    for plan in plan_years:
        items = docs[plan.source].data.get("kpis") if isinstance(
            docs[plan.source].data, dict) else None
        for index, kpi in enumerate(plan.kpis):
            other = first.setdefault((plan.year, kpi.key), plan)
            if other is not plan and kpi.key:
                problems.add(plan.source, items.line_of(index) if isinstance(items, Seq) else 0,
                             f"indicator key '{kpi.key}' is also used in {plan.year.label} by "
                             f"{other.source}", "give each indicator its own key; use the "
                             "same key only for the same measure in different years")


def _no_repeats(f: Fields, key: str, values: list, what: str, fix: str) -> None:
    items = f.data.get(key) or []
    seen = set()
    for index, value in enumerate(values):
        if value in seen and value not in (None, ""):
            f.problems.add(f.file, items.line_of(index), f"{what} '{value}' is used twice",
                           fix)
        seen.add(value)


def _priority(p: Fields, theme_keys: set[str], plan_key: str, year) -> Priority:
    p.allow("number", "title", "area", "themes", "corporate_plan_link", "resources",
            "outcomes", "target", "revised_target", "revised_reason", "status", "updates")
    number = p.integer("number", required=True)
    if number is not None:
        p.what = f"priority {number}"
    themes = p.texts("themes")
    if themes == ("all",):
        themes = tuple(sorted(theme_keys))
    for key in themes:
        if not plan_key:
            p.problem("themes", f"{p.what} links to themes but the plan names no corporate_plan",
                      "add 'corporate_plan: <key>' to the plan, or use corporate_plan_link "
                      "text instead")
            break
        if theme_keys and key not in theme_keys:
            p.problem("themes", f"{p.what} links to an unknown theme '{key}'",
                      f"use the theme keys of corporate plan {plan_key}: "
                      f"{', '.join(sorted(k for k in theme_keys if k))}, or 'all'")
    updates = []
    for u in p.blocks("updates", "update"):
        u.allow("date", "text")
        date = u.when("date", required=True)
        if date:
            updates.append(Update(date, u.text("text", required=True)))
    revised = p.when("revised_target")
    reason = p.text("revised_reason")
    if reason and not revised:
        p.problem("revised_reason", f"{p.what} gives a revised_reason but no revised_target",
                  "add 'revised_target:' with the new date, or delete the reason")
    return Priority(number=number, title=p.text("title", required=True), area=p.text("area"),
                    themes=themes, theme_text=p.text("corporate_plan_link"),
                    resources=p.text("resources"), outcomes=p.texts("outcomes"),
                    target=p.when("target"), revised_target=revised, revised_reason=reason,
                    status=p.choice("status", PRIORITY_STATUSES),
                    updates=tuple(sorted(updates, key=lambda u: u.date.sort, reverse=True)))


def _value(f: Fields, key: str, unit: str):
    """A KPI figure: yes/no for yes-no indicators, otherwise a number."""
    if unit == "yes-no":
        value = f.data.get(key)
        if value is not None and not isinstance(value, bool):
            f.problem(key, f"{f.label(key)} should be yes or no", "write yes or no")
            return None
        return value
    return f.number(key)


def _kpi(k: Fields, year: FinancialYear) -> Kpi:
    k.allow("ref", "key", "title", "notes", "unit", "polarity", "basis", "decimals", "target",
            "near_target_percent", "results")
    ref = k.text("ref", required=True, example="CP1")
    if ref:
        k.what = f"indicator {ref}"
    unit = k.choice("unit", UNITS, required=True, default="number")
    polarity = k.choice("polarity", POLARITIES, required=True, default="none")
    target = _target(k, unit, year)
    tolerance = _tolerance(k, "near_target_percent")
    if tolerance is not None and (unit == "yes-no" or polarity == "none"):
        k.problem("near_target_percent", f"{k.what} has near_target_percent, but a "
                  f"{'yes-no' if unit == 'yes-no' else 'information-only'} indicator is never "
                  "near its target", "remove the near_target_percent line")
    results = []
    block = k.block("results")
    if block:
        for period in block.data:
            if period not in QUARTERS and period != "year":
                block.problem(period, f"indicator {ref} has results for '{period}', which is "
                              "not a quarter", "use Q1, Q2, Q3, Q4 or year")
                continue
            r = block.shorthand(period, f"the {period} result of {k.what}")
            r.allow("value", "comment", "not_available")
            result = Result(_value(r, "value", unit), r.text("comment"), r.text("not_available"))
            if result.value is not None and result.unavailable:
                r.problem("not_available", f"{r.what} has both a value and not_available",
                          "keep the value, or remove it and keep the reason it is not available")
            results.append((period, result))
    order = {q: i for i, q in enumerate((*QUARTERS, "year"))}
    return Kpi(key=k.key("key", required=True, example="council-tax-collected"), ref=ref,
               title=k.text("title", required=True), unit=unit, polarity=polarity,
               basis=k.choice("basis", BASES, required=True, default="quarter"),
               notes=k.text("notes"), decimals=_decimals(k), target=target,
               results=tuple(sorted(results, key=lambda r: order[r[0]])),
               tolerance_percent=tolerance)


def _tolerance(f: Fields, key: str) -> float | None:
    """A near-target tolerance: a percentage of the target, from 0 to 100."""
    value = f.number(key, example="5")
    if value is not None and not 0 <= value <= 100:
        f.problem(key, f"'{key}' of {f.what} is {value}, which is not a percentage from 0 to "
                  "100", f"write it like {key}: 5 (a result within 5% of its target is near "
                  "target)")
        return None
    return value


def _decimals(k: Fields) -> int | None:
    """How many decimal places to show: a whole number from 0 to 6, or None (as given)."""
    value = k.integer("decimals", example="1")
    if value is not None and not 0 <= value <= 6:
        k.problem("decimals", f"'decimals' of {k.what} is {value}, but figures can show 0 "
                  "to 6 decimal places", "write a whole number from 0 to 6, like decimals: 1")
        return None
    return value


def _target(k: Fields, unit: str, year: FinancialYear) -> Target:
    raw = k.data.get("target")
    if raw is None:
        return Target()
    t = k.shorthand("target", f"the target of {k.what}")
    t.allow("value", "text", "quarters", "seasons", "baseline", "later")
    quarters = []
    block = t.block("quarters")
    if block:
        block.allow(*QUARTERS)
        quarters = [(q, v) for q in QUARTERS if (v := _value(block, q, unit)) is not None]
    baseline, baseline_year = _baseline(t, unit)
    return Target(value=_value(t, "value", unit), text=t.text("text"), quarters=tuple(quarters),
                  seasons=_seasons(t, unit, {q for q, _ in quarters}), baseline=baseline,
                  baseline_year=baseline_year, later=_later(t, unit, year))


def _baseline(t: Fields, unit: str):
    """A baseline figure, written as a value or as {value, year}."""
    raw = t.data.get("baseline")
    if raw is None:
        return None, None
    b = t.shorthand("baseline", f"the baseline in {t.what}")
    b.allow("value", "year")
    value = _value(b, "value", unit)
    if value is None and "value" not in b.data:
        b.problem("value", f"{b.what} has no value",
                  "write it like baseline: {value: 72, year: 2024/25}")
    return value, b.year("year")


def _later(t: Fields, unit: str, year: FinancialYear) -> tuple:
    """Targets a plan sets for years after its own, written like 2026/27: 85."""
    block = t.block("later")
    later = []
    for name in (block.data if block else ()):
        later_year = parse_year(str(name))
        value = _value(block, name, unit)
        if not later_year:
            block.problem(name, f"{block.what} has '{name}', which is not a financial year",
                          "name each later year like 2026/27: 85")
        elif later_year <= year:
            block.problem(name, f"{block.what} sets a target for {later_year.label}, which is "
                          f"not after this plan's year {year.label}",
                          "give later-year targets only for years after the plan's own year")
        elif value is not None:
            later.append((later_year, value))
    return tuple(sorted(later))


def _seasons(t: Fields, unit: str, profiled: set[str]) -> tuple[Season, ...]:
    """Seasonal targets: each season names its quarters; a quarter has one target at most."""
    block = t.block("seasons")
    seasons, taken = [], {q: "the quarterly targets" for q in profiled}
    for name in (block.data if block else ()):
        s = Fields(block.data[name], t.file, t.problems, f"the {name} season of {t.what}",
                   block.line_of(name))
        s.allow("quarters", "value")
        quarters = s.texts("quarters", required=True)
        for quarter in quarters:
            if quarter not in QUARTERS:
                s.problem("quarters", f"{s.what} lists '{quarter}', which is not a quarter",
                          "list quarters as Q1, Q2, Q3 or Q4, like quarters: [Q1, Q2]")
            elif quarter in taken:
                s.problem("quarters", f"{quarter} is in {s.what} and also in {taken[quarter]}",
                          "give each quarter one target only")
            else:
                taken[quarter] = f"the {name} season"
        value = _value(s, "value", unit)
        if value is None and "value" not in s.data:
            s.problem("value", f"{s.what} has no value", "add a line 'value: 250' to it")
        if value is not None and quarters:
            seasons.append(Season(str(name), tuple(q for q in QUARTERS if q in quarters), value))
    return tuple(seasons)


def _versions(f: Fields) -> tuple[Version, ...]:
    versions = []
    for v in f.blocks("versions", "version"):
        v.allow("version", "stage", "date", "body", "reference", "note")
        number = v.integer("version", required=True)
        date = v.when("date", required=True)
        stage = v.choice("stage", VERSION_STAGES, required=True)
        if number is not None and number != len(versions) + 1:
            v.problem("version", f"version numbers should count up from 1, but {v.what} is "
                      f"numbered {number}", f"number it {len(versions) + 1}")
        if date and date.kind == "text":
            v.problem("date", f"version {number} is dated in words ('{date.text}')",
                      "write the date it happened, like 2025-04-03, or its month, like 2025-04")
        elif date and versions and date.sort < versions[-1].date.sort:
            v.problem("date", f"version {number} is dated {date.text}, before the version "
                      f"before it ({versions[-1].date.text})",
                      "list versions oldest first, each dated on or after the one before")
        if date and stage:
            versions.append(Version(number or len(versions) + 1, stage, date, v.text("body"),
                                    v.text("reference"), v.text("note")))
    return tuple(versions)


def _with_snapshots(plan_years, sources, problems, used, services, corporate_plans):
    """Attach to each plan its snapshots (frozen copies read like plan files), checking that
    the plan's version list still agrees with every snapshot and that none is missing."""
    docs = {d.shown: d for d in sources.plans}
    by_key = {(p.year.slug, p.service): p for p in plan_years}
    frozen: dict = {key: [] for key in by_key}
    reported: set = set()
    for doc in sources.snapshots:
        _, _, year, _, service, name = doc.shown.split("/")
        match, plan = _SNAPSHOT.match(name), by_key.get((year, service))
        if not match:
            problems.add(doc.shown, 0, "this file in a versions folder is not named for a "
                         "version, like v2.yml", "leave the versions folders as plansite "
                         "approve, update and scrutiny write them; move other files elsewhere")
            continue
        if plan is None:
            # A plan file of that year that could not be read is already reported.
            if not any(u.startswith(f"data/plans/{year}/") and u.count("/") == 3
                       for u in sources.unreadable):
                problems.add(doc.shown, 0, f"this snapshot belongs to no plan: there is no "
                             f"plan for '{service}' in data/plans/{year}/", "put back the plan "
                             "file it was frozen from; plans with a published history are "
                             "never deleted")
            continue
        snap = _plan_year(doc, own := Problems(), sources, used, services, corporate_plans)
        # A mistake copied from the working plan into its snapshots is reported once, there.
        said = {(p.message, p.fix) for p in problems.items}
        problems.items += [p for p in own.items if (p.message, p.fix) not in said]
        number = int(match.group(1))
        if snap is None:
            continue
        if snap.service != service:
            problems.add(doc.shown, 1, f"this snapshot is of '{snap.service}' but sits in "
                         f"the versions folder of '{service}'",
                         "restore the file from the repository history; snapshots are never edited")
        if not snap.versions or snap.versions[-1].number != number:
            problems.add(doc.shown, 0, f"this snapshot of version {number} does not end with "
                         f"version {number}", "restore the file from the repository history; "
                         "snapshots are never edited")
            continue
        frozen[(year, service)].append(snap)
        items = docs[plan.source].data.get("versions") if isinstance(
            docs[plan.source].data, dict) else None
        for index, kept in enumerate(snap.versions):
            now = plan.versions[index] if index < len(plan.versions) else None
            if now == kept or (plan.source, index) in reported:
                continue
            reported.add((plan.source, index))
            line = items.line_of(index) if isinstance(items, Seq) else 0
            detail = ", ".join(x for x in (VERSION_STAGES[kept.stage], kept.date.text, kept.body,
                                           kept.reference, kept.note) if x)
            state = "now differs" if now else "no longer lists it"
            problems.add(plan.source, line, f"version {kept.number} was frozen in {doc.shown} "
                         f"as: {detail}; the plan file {state}",
                         "versions are the plan's public history: put it back as it was "
                         "frozen, and record any change as a new version")
    result = []
    for plan in plan_years:
        snaps = sorted(frozen[(plan.year.slug, plan.service)], key=lambda s: s.versions[-1].number)
        have = {s.versions[-1].number for s in snaps}
        doc = docs[plan.source]
        items = doc.data.get("versions") if isinstance(doc.data, dict) else None
        for index, version in enumerate(plan.versions):
            if version.stage in FROZEN_STAGES and version.number not in have:
                path = snapshot_path(plan.year.slug, plan.service, version.number)
                problems.add(plan.source, items.line_of(index) if isinstance(items, Seq) else 0,
                             f"version {version.number} ({VERSION_STAGES[version.stage]}) has "
                             f"no snapshot: {path} is missing",
                             "restore it from the repository history; if it was never made, "
                             "copy this plan file as it stood at that version to that path, "
                             f"with its versions list ending at version {version.number}")
        result.append(replace(plan, frozen=tuple(snaps)))
    return tuple(result)


def _narratives(sources: Sources, problems: Problems, used: set[str]):
    pages, home, addresses = [], None, {}
    for rel, file in sorted(sources.content.items()):
        if rel in used:
            continue
        f = Fields(file.meta, file.shown, problems, "the front matter", 1)
        f.allow("title", "description", "nav_order")
        body, stem = file.body, rel[:-3]
        title = f.text("title") or first_heading(body) or \
            posixpath.basename(stem).replace("-", " ").replace("_", " ").capitalize()
        if body.lstrip().startswith("# "):
            body = body.lstrip().split("\n", 1)[1] if "\n" in body.lstrip() else ""
        path = "" if rel == "index.md" else (stem[:-6] if stem.endswith("/index") else stem) + "/"
        path = path.lower()
        top = path.split("/", 1)[0]
        if top in RESERVED or parse_year(top):
            problems.add(file.shown, 1, f"this page would have the address /{path}, which "
                         "Plansite uses for its own pages", "rename the file or move it into "
                         "another folder of content/")
            continue
        if path in addresses:
            problems.add(file.shown, 1, f"this page would have the address /{path}, like "
                         f"{addresses[path]}", "rename one of the two files")
            continue
        addresses[path] = file.shown
        order = f.integer("nav_order")
        page = Narrative(path=path, title=title, markdown=body, source=file.shown,
                         description=f.text("description"),
                         nav_order=100 if order is None else order)
        if rel == "index.md":
            home = page
        else:
            pages.append(page)
    return tuple(pages), home
