"""Validate: turn the loaded sources into the plan model, reporting every problem at once."""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace

from generator.parallel import in_two
from generator.errors import Problems
from generator.render.feed import FEED_PATH
from generator.validate.declarations import CORPORATE_PLAN, FRONT_MATTER, PLAN, SERVICE
from generator.validate.fields import KEY, Fields, outside_years, parse_year
from generator.load.frontmatter import first_heading
from generator.model.gate import digest
from generator.load.sources import Document, Sources, snapshot_path
from generator.model.records import (FinancialYear, FROZEN_STAGES, VERSION_STAGES, Contact, CorporatePlan,
                    Council, Function, Narrative, PlanYear, Priority, Resources, Service, Theme,
                    Update, Version)
from generator.validate.actions import read_action_status, read_percent, read_resources, read_sections
from generator.validate.settings import read_config, read_email
from generator.validate.indicators import read_kpi, read_themes
from generator.validate.schemes import check_indicator_schemes

_SNAPSHOT = re.compile(r"^v([1-9][0-9]*)\.ya?ml$")
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
# The top-level addresses the core writes besides narrative pages (and the year folders):
# generated pages and the files at the site's root; the engine adds its own (its search,
# its assets). A narrative page may not take one: content/feed.xml.md would be /feed.xml/.
RESERVED = frozenset({"themes", "kpis", "data", "history", "whats-new", "404", "404.html",
                      FEED_PATH, "robots.txt", "sitemap.xml", "sitemap.xml.gz"})
_PAGE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")  # each part of a page's file name


def validate(sources: Sources, problems: Problems, reserved: frozenset[str] = frozenset(),
             memo: dict | None = None) -> Council:
    """Build the Council from `sources`; raises InputError listing every problem found.
    `reserved`: the top-level addresses the engine writes, besides the core's RESERVED.
    `memo` (kept by the caller between calls) saves reading a plan file again when neither
    it nor the files its reading depends on changed."""
    # A settings file that could not be read is reported once; defaults stand in for it.
    config = read_config(sources.config, problems if sources.config else Problems())
    plans = tuple(_corporate_plan(d, problems) for d in sources.corporate_plans)
    _unique(problems, [(p.key, d.shown, 1) for p, d in zip(plans, sources.corporate_plans)],
            "corporate plan", "rename one of the files")
    _unique(problems, [(t.key, d.shown, t.line)
                       for p, d in zip(plans, sources.corporate_plans)
                       for t in p.themes if t.key], "theme",
            "theme pages are at /themes/<key>/, so give this theme its own key, "
            "such as planet-2027")
    used: set[str] = set()
    services = tuple(_service(d, problems, sources, used) for d in sources.services)
    _unique(problems, [(s.key, d.shown, 1) for s, d in zip(services, sources.services)],
            "service", "rename one of the files")
    plan_year = _remembered(memo, (services, plans, config, frozenset(sources.unreadable),
                                   sorted(sources.content.items())),
                            [*sources.plans, *sources.snapshots], sources, services, plans,
                            config)
    plan_years = tuple(p for p in (plan_year(d, problems, used) for d in sources.plans) if p)
    seen: dict = {}
    for plan in plan_years:
        pair = (plan.service, plan.year)
        if pair in seen:
            problems.add(plan.source, 1, f"there are two plans for {plan.service} in "
                         f"{plan.year.label} (the other is {seen[pair]})",
                         "keep one file per service per year")
        seen[pair] = plan.source
    _kpi_keys_once_a_year(plan_years, problems)
    check_indicator_schemes(plan_years, config, {d.shown: d for d in sources.plans}, problems)
    plan_years = _with_snapshots(plan_years, sources, problems, used, plan_year)
    if memo is not None:  # forget files that are gone or changed
        current = {id(d.data) for d in (*sources.plans, *sources.snapshots)}
        for key in [k for k in memo if k != "context" and k not in current]:
            del memo[key]
    pages, home = _narratives(sources, problems, used, reserved)
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


def _file_key(doc: Document, problems: Problems) -> str:
    """The key a file's name gives it (parks.yml → parks); keys appear in page addresses."""
    stem = posixpath.splitext(posixpath.basename(doc.shown))[0]
    if not KEY.match(stem):
        suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "name"
        problems.add(doc.shown, 0, "this file's name becomes part of page addresses, so it may "
                     "only use lower-case letters, digits and single hyphens",
                     f"rename it to {suggestion}{posixpath.splitext(doc.shown)[1]}")
    return stem


def _unreadable(sources: Sources, folder: str, key: str) -> bool:
    """Whether data/<folder>/<key>.yml exists but could not be read (already reported)."""
    return any(f"data/{folder}/{key}.{ext}" in sources.unreadable for ext in ("yml", "yaml"))


def _corporate_plan(doc: Document, problems: Problems) -> CorporatePlan:
    f = Fields(doc.data, doc.shown, problems, "the corporate plan", decl=CORPORATE_PLAN)
    f.allow()
    themes = []
    for t in f.blocks("themes", "theme"):
        t.allow()
        themes.append(Theme(key=t.key("key"), name=t.text("name"),
                            summary=t.text("summary"), underpinning=t.flag("underpinning"),
                            line=t.line))
    return CorporatePlan(key=_file_key(doc, problems), title=f.text("title"),
                         period=f.text("period"),
                         summary=f.text("summary"), themes=tuple(themes),
                         vision=f.text("vision"), values=f.texts("values"),
                         approved=f.when("approved"))


def _narrative_ref(f: Fields, key: str, sources: Sources, used: set[str]) -> str:
    """Read a field naming a Markdown file in content/ and return that file's text."""
    ref = f.text(key)
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


def _service(doc: Document, problems: Problems, sources: Sources, used: set[str]) -> Service:
    f = Fields(doc.data, doc.shown, problems, "the service", decl=SERVICE)
    f.allow()
    contacts = []
    for c in f.blocks("contacts", "contact"):
        c.allow()
        contacts.append(Contact(name=c.text("name"), role=c.text("role"),
                                email=read_email(c), phone=c.text("phone")))
    return Service(key=_file_key(doc, problems),
                   name=f.text("name"),
                   summary=f.text("summary"), directorate=f.text("directorate"),
                   contacts=tuple(contacts), overview=_narrative_ref(f, "overview", sources, used))


def _remembered(memo: dict | None, context: tuple, docs: list[Document], sources: Sources,
                *rest):
    """_plan_year for plan and snapshot files, read up front by two processes and kept in
    `memo` by document (a loader's cache hands back the same data for an unchanged file)
    while `context`, what else it reads, is unchanged. The function returned gives a
    document's plan and adds the problems and narrative references its reading found."""
    if memo is None:
        memo = {}
    elif memo.get("context") != context:
        memo.clear()
        memo["context"] = context
    todo = [doc for doc in docs
            if memo.get(id(doc.data)) is None or memo[id(doc.data)][0] is not doc.data]

    def read(doc: Document) -> tuple:
        found, refs = Problems(), set[str]()
        return _plan_year(doc, found, sources, refs, *rest), found.items, refs
    for doc, result in zip(todo, in_two(read, todo)):
        memo[id(doc.data)] = (doc.data, *result)

    def plan_year(doc: Document, problems: Problems, used: set[str]) -> PlanYear | None:
        _, plan, found, refs = memo[id(doc.data)]
        problems.items += found
        used |= refs
        return plan
    return plan_year


def _plan_year(doc, problems, sources, used, services, corporate_plans,
               config) -> PlanYear | None:
    folder = doc.shown.split("/")[2]  # data/plans/<year>/...
    year = parse_year(folder)
    if not year or outside_years(year.start):
        why = outside_years(year.start) if year else "is not a financial year"
        problems.add(doc.shown, 0, f"the folder '{folder}' {why}",
                     "put plan files in a folder named for the year, like data/plans/2025-26/")
        return None
    f = Fields(doc.data, doc.shown, problems, "the plan", decl=PLAN)
    f.allow()
    service = f.key("service")
    if service and service not in {s.key for s in services} and \
            not _unreadable(sources, "services", service):
        known = ", ".join(sorted(s.key for s in services)) or "none yet"
        f.problem("service", f"there is no service '{service}' (known services: {known})",
                  f"check the spelling, or add data/services/{service}.yml")
    plan_key = f.text("corporate_plan")
    corporate = next((c for c in corporate_plans if c.key == plan_key), None)
    if plan_key and not corporate and not _unreadable(sources, "corporate-plans", plan_key):
        known = ", ".join(c.key for c in corporate_plans) or "none yet"
        f.problem("corporate_plan", f"there is no corporate plan '{plan_key}' (known: {known})",
                  f"check the spelling, or add data/corporate-plans/{plan_key}.yml")
    functions = f.block("functions")
    in_house: tuple[Function, ...] = ()
    contracted: tuple[Function, ...] = ()
    note = ""
    if functions:
        functions.allow()
        in_house = tuple(Function(n) for n in functions.texts("in_house"))
        rows = []
        for c in functions.blocks("contracted", "contracted service"):
            c.allow()
            rows.append(Function(c.text("name"), c.text("provider")))
        contracted, note = tuple(rows), functions.text("note")
    res = f.block("resources")
    resources = read_resources(res) if res else Resources()
    theme_keys = {t.key for t in corporate.themes} if corporate else set()
    priorities = [_priority(p, theme_keys, plan_key, config.action_scheme, year)
                  for p in f.blocks("priorities", "priority")]
    _no_repeats(f, [(p.number, p.line) for p in priorities if p], "priority number",
                "give each priority its own number")
    kpis = [read_kpi(k, year, plan_key, theme_keys, dict(config.indicator_types),
                     config.contextual_types)
            for k in f.blocks("kpis", "indicator", named_by="ref")]
    _no_repeats(f, [(k.ref, k.line) for k in kpis], "indicator reference",
                "give each indicator its own reference, like KPI1, KPI2")
    _no_repeats(f, [(k.key, k.line) for k in kpis], "indicator key",
                "give each indicator its own key")
    versions = _versions(f)
    return PlanYear(year=year, service=service, source=doc.shown, corporate_plan=plan_key,
                    focus=f.text("focus"), overview=_narrative_ref(f, "overview", sources, used),
                    in_house=in_house, contracted=contracted, functions_note=note,
                    resources=resources, priorities=tuple(sorted(filter(None, priorities),
                                                                 key=lambda p: p.number)),
                    kpis=tuple(kpis), kpi_note=f.text("kpi_note"), risks=f.text("risks"),
                    sections=read_sections(f), versions=versions)


def _kpi_keys_once_a_year(plan_years, problems: Problems) -> None:
    """An indicator key names one page, /kpis/<key>/: one indicator per key in each year."""
    first: dict = {}
    for plan in plan_years:
        for kpi in plan.kpis:
            other = first.setdefault((plan.year, kpi.key), plan)
            if other is not plan and kpi.key:
                problems.add(plan.source, kpi.line,
                             f"indicator key '{kpi.key}' is also used in {plan.year.label} by "
                             f"{other.source}", "give each indicator its own key; use the "
                             "same key only for the same measure in different years")


def _no_repeats(f: Fields, values: list[tuple], what: str, fix: str) -> None:
    """Report each (value, line) whose value an earlier item already has."""
    seen = set()
    for value, line in values:
        if value in seen and value not in (None, ""):
            f.problems.add(f.file, line, f"{what} '{value}' is used twice", fix)
        seen.add(value)


def _priority(p: Fields, theme_keys: set[str], plan_key: str, scheme,
              year: FinancialYear) -> Priority | None:
    """One priority, or None when its number is missing or wrong (a problem then says so)."""
    number = p.integer("number")
    if number is not None:  # every message after this names the priority by its number
        p.what = f"priority {number}"
    p.allow()
    themes = read_themes(p, plan_key, theme_keys, "use corporate_plan_link text instead")
    updates = []
    for u in p.blocks("updates", "update"):
        u.what = f"{u.what} of {p.what}"
        u.allow()
        date = u.when("date")
        if date and date.kind == "text":
            u.problem("date", f"the date of {u.what} is '{date.text}', words that cannot be "
                      "put in order with the other updates (the newest is shown first)",
                      "write the day, month or quarter it was made, like 2025-07-31, 2025-07 "
                      "or 'Q2 2025/26'")
        elif date and not year_window(year)[0] <= date.sort <= year_window(year)[1]:
            u.problem("date", f"an update of {p.what} is dated {date.text}, outside the "
                      f"plan's year {year.label}", f"date updates of this plan from 1 April "
                      f"{year.start} to 30 September {year.start + 1} (the year-end report); "
                      "an update copied from another year's plan belongs in that plan: "
                      "delete it here, or correct the date")
        if date and date.kind != "text":
            updates.append(Update(date, u.text("text"), line=u.line))
    revised = p.when("revised_target")
    reason = p.text("revised_reason")
    if reason and not revised:
        p.problem("revised_reason", f"{p.what} gives a revised_reason but no revised_target",
                  "add 'revised_target:' with the new date, or delete the reason")
    priority = Priority(number=number or 0, title=p.text("title"),
                        area=p.text("area"), themes=themes,
                        theme_text=p.text("corporate_plan_link"),
                        resources=p.text("resources"), outcomes=p.texts("outcomes"),
                        target=p.when("target"), revised_target=revised, revised_reason=reason,
                        status=read_action_status(p, scheme),
                        updates=tuple(sorted(updates, key=lambda u: u.date.sort, reverse=True)),
                        percent_complete=read_percent(p, "percent_complete"),
                        stage=p.choice("stage"), line=p.line)
    return None if number is None else priority


def year_window(year: FinancialYear) -> tuple[tuple, tuple]:
    """The first and last `When.sort` a plan's progress update can have: from the start of
    its year to six months after its end, when the year-end report is made."""
    return (year.start, 4, 0), (year.start + 1, 9, 99)


def _versions(f: Fields) -> tuple[Version, ...]:
    versions: list[Version] = []
    for v in f.blocks("versions", "version"):
        v.allow()
        number, date, stage = v.integer("version"), v.when("date"), v.choice("stage")
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
        recorded = v.text("snapshot")
        if recorded and not _DIGEST.match(recorded):
            v.problem("snapshot", f"'{recorded}' is not the digest of a snapshot",
                      "put back the line plansite wrote, from the repository history")
        if date and stage:
            versions.append(Version(number or len(versions) + 1, stage, date, v.text("body"),
                                    v.text("reference"), v.text("note"), recorded, line=v.line))
    return tuple(versions)


def _with_snapshots(plan_years, sources, problems, used, plan_year):
    """Attach to each plan its snapshots (frozen copies read like plan files), checking that
    the plan's version list still agrees with every snapshot and that none is missing."""
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
        snap = plan_year(doc, own := Problems(), used)
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
        _check_digest(plan, number, doc.shown, digest((sources.root / doc.shown).read_bytes()
                                                      .decode("utf-8")), problems)
        for index, kept in enumerate(snap.versions):
            now = plan.versions[index] if index < len(plan.versions) else None
            if now == kept or (plan.source, index) in reported:
                continue
            reported.add((plan.source, index))
            at = now or next(iter(plan.versions), None)  # or else the start of the list
            line = at.line if at else 0
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
        for version in plan.versions:
            if version.stage in FROZEN_STAGES and version.number not in have:
                path = snapshot_path(plan.year.slug, plan.service, version.number)
                problems.add(plan.source, version.line,
                             f"version {version.number} ({VERSION_STAGES[version.stage]}) has "
                             f"no snapshot: {path} is missing",
                             "restore it from the repository history; if it was never made, "
                             "copy this plan file as it stood at that version to that path, "
                             f"with its versions list ending at version {version.number}")
            elif version.digest and version.stage not in FROZEN_STAGES:
                problems.add(plan.source, version.line,
                             f"version {version.number} ({VERSION_STAGES[version.stage]}) has "
                             "no snapshot, so it cannot record one's digest",
                             "delete its 'snapshot:' line")
        result.append(replace(plan, frozen=tuple(snaps)))
    return tuple(result)


def _check_digest(plan: PlanYear, number: int, shown: str, actual: str, problems):
    """Report a snapshot whose text no longer matches the digest its version recorded, and a
    version that records none."""
    version = plan.versions[number - 1] if number <= len(plan.versions) else None
    if version is None or version.digest == actual:
        return
    line = version.line
    if version.digest:
        problems.add(plan.source, line, f"the snapshot of version {number}, {shown}, has been "
                     "changed since it was recorded (it no longer matches the digest recorded "
                     "here)", f"snapshots are never edited: restore it from the repository "
                     f"history (git checkout HEAD -- {shown}, or from an earlier commit), and "
                     "record any change as a new version")
    else:
        problems.add(plan.source, line, f"version {number} records no digest of its snapshot, "
                     f"{shown}", f"if the snapshot is unchanged since it was recorded (git log "
                     f"-p -- {shown} shows), add the line 'snapshot: {actual}' to version "
                     f"{number}; plansite approve, update and scrutiny write it for you")


def _narratives(sources: Sources, problems: Problems, used: set[str],
                reserved: frozenset[str]):
    pages, home = [], None
    addresses: dict[str, str] = {}
    for rel, file in sorted(sources.content.items()):
        if rel in used:
            continue
        f = Fields(file.meta, file.shown, problems, "the front matter", 1, FRONT_MATTER)
        f.allow()
        body, stem = file.body, rel[:-3]
        title = f.text("title") or first_heading(body) or \
            posixpath.basename(stem).replace("-", " ").replace("_", " ").capitalize()
        if body.lstrip().startswith("# "):
            body = body.lstrip().split("\n", 1)[1] if "\n" in body.lstrip() else ""
        path = "" if rel == "index.md" else (stem[:-6] if stem.endswith("/index") else stem) + "/"
        path = path.lower()
        top = path.split("/", 1)[0]
        if not all(_PAGE_NAME.match(part) for part in rel.split("/")):
            problems.add(file.shown, 0, "this file's name would make a page address that "
                         "not every browser or web server handles", "name Markdown files and "
                         "their folders with letters, digits, hyphens and underscores only, "
                         "like our-vision.md")
            continue
        if top in RESERVED | reserved or parse_year(top):
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
