"""Write a synthetic, clearly fictional council of a chosen size, for benchmarks and tests.

    python bench/synth.py --services 40 --years 4 --out /tmp/council

The project written to --out (site_config.yml, data/ and content/) builds
with `plansite --root DIR build`. The same arguments and seed always give the same files.
Every shape of data the format accepts appears: each unit, polarity and basis of indicator;
no target, or a target as a number, yes/no, value with words, a quarterly profile, quarters
only, seasons, or a value with a baseline and later-year targets; per-indicator
near_target_percent; results as a bare value, with a comment, not available, and a
whole-year figure; priorities with themes, 'all' or prose links, dates of every precision,
revised targets, statuses and updates; plans with and without a corporate plan; versions
through every stage, with a snapshot of each frozen one in which results arrive quarter by
quarter; service and year overviews, and narrative pages with front matter.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.model.gate import digest

LATEST_YEAR = 2025  # the newest plan year written: 2025/26
WORDS = ("lantern", "meadow", "harbour", "orchard", "quarry", "beacon", "willow", "copper",
         "heron", "granite", "thistle", "saffron", "pebble", "larch", "amber", "bramble")
AREAS = ("Finance", "IT", "Facilities", "Climate", "Customer", "Workforce", "Housing",
         "Planning", "Waste", "Leisure")
UNITS = ("percent", "number", "pounds", "per-100000", "yes-no", "days")
POLARITIES = ("higher", "lower", "none")
BASES = ("quarter", "quarter-end", "cumulative", "annual")
STATUSES = ("not-started", "on-track", "at-risk", "delayed", "complete", "cancelled")
THEMES = (("thriving", "Thriving places"), ("greener", "A greener county"),
          ("healthier", "Healthier lives"), ("sound-council", "A sound council"))
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
NARRATIVE_PAGES = ("about", "vision", "guides/reading-a-plan")


@dataclass(frozen=True)
class Size:
    """The shape of a synthetic council."""

    services: int = 4
    years: int = 2
    priorities: int = 6
    kpis: int = 8
    quarters: int = 2  # results reported so far in the latest year (earlier years: all four)
    versions: int = 3  # versions per plan, counting through draft, scrutiny, approval, updates
    seed: int = 1

    def year_starts(self) -> list[int]:
        return [LATEST_YEAR - i for i in range(self.years)]


def corporate_plan_for(start: int) -> str:
    """Plans from 2021/22 on sit under a four-year corporate plan; older ones predate them."""
    if start < 2021:
        return ""
    first = 2021 + 4 * ((start - 2021) // 4)
    return f"{first}-{first + 4}"


def theme_keys(corporate: str) -> list[str]:
    """Each corporate plan's theme keys: the newest plan's plain, older ones suffixed with
    their first year (a theme's page is /themes/<key>/, so keys must differ across plans)."""
    newest = corporate_plan_for(LATEST_YEAR)
    return [k if corporate == newest else f"{k}-{corporate[:4]}" for k, _ in THEMES]


def predicted_pages(size: Size) -> int:
    """How many pages a public build of this council has."""
    corporate = {corporate_plan_for(y) for y in size.year_starts()} - {""}
    themes = 1 + len(corporate) * len(THEMES) if corporate else 0
    frozen = sum(1 for latest in (True, False) for stage in _stages(size.versions, latest)
                 if stage in ("scrutiny", "approved", "update")
                 for _ in range(1 if latest else size.years - 1))
    plans = size.services * (2 * size.years + frozen)  # plan page, history, kept versions
    kpis = 1 + size.services * size.kpis  # /kpis/ and a page per indicator
    fixed = 3 + len(NARRATIVE_PAGES)  # /data/, /whats-new/, accessibility, narratives
    return 1 + size.years + plans + themes + kpis + fixed  # home and a page per year first


def _name(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _fy(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def _when(rng: random.Random, start: int, kind: int):
    """A date of each precision the format accepts, inside financial year `start`."""
    month = rng.randint(4, 15)
    year, month = (start, month) if month <= 12 else (start + 1, month - 12)
    return (dt.date(year, month, rng.randint(1, 28)), f"{year}-{month:02d}",
            f"{rng.choice(QUARTERS)} {_fy(start)}", f"Throughout {_fy(start)}")[kind % 4]


def _paragraphs(rng: random.Random, count: int, sentences: int = 3) -> str:
    return "\n\n".join(" ".join(f"{_name(rng, rng.randint(5, 11))}." for _ in range(sentences))
                       for _ in range(count))


def _priority(rng: random.Random, number: int, start: int, corporate: str, done: int) -> dict:
    p: dict = {"number": number, "title": f"{_name(rng, rng.randint(4, 9))} project"}
    if number % 3:
        p["area"] = rng.choice(AREAS)
    if corporate:
        p["themes"] = "all" if number % 7 == 0 else sorted(
            {rng.choice(theme_keys(corporate)) for _ in range(rng.randint(1, 3))})
    else:
        p["corporate_plan_link"] = f"Supports the {_name(rng, 2).lower()} ambition"
    if number % 2:
        p["resources"] = f"{_name(rng, 4)} within existing budgets"
    p["outcomes"] = [_name(rng, rng.randint(5, 12)) for _ in range(rng.randint(1, 4))]
    p["target"] = _when(rng, start, number)
    if number % 5 == 0:
        p["revised_target"] = _when(rng, start, number + 1)
        p["revised_reason"] = f"The {_name(rng, 2).lower()} supplier was delayed."
    if done:
        p["status"] = STATUSES[(number + start) % len(STATUSES)]
        p["updates"] = [{"date": _when(rng, start, 0), "text": _paragraphs(rng, 1 + (i % 2), 2)}
                        for i in range(min(done, 1 + number % 3))]
    return p


def _value(rng: random.Random, unit: str, around: float):
    if unit == "yes-no":
        return rng.random() < 0.8
    value = around * rng.uniform(0.8, 1.2)
    return round(value, 1) if unit == "percent" else round(value)


def _target(rng: random.Random, unit: str, index: int, start: int, around: float):
    """Each target shape in turn: none, a number, value with words, a quarterly profile,
    quarters only, seasons, and a value with a baseline and later-year targets."""
    if unit == "yes-no":
        return None if index % 4 == 0 else True
    shape = index % 7
    if shape == 1:
        return _value(rng, unit, around)
    if shape == 2:
        return {"value": _value(rng, unit, around), "text": f"About {around} {unit}"}
    if shape == 3:
        profile = [round(around * (q + 1) / 4) for q in range(4)]
        return {"value": profile[-1], "quarters": dict(zip(QUARTERS, profile))}
    if shape == 4:
        return {"quarters": {q: _value(rng, unit, around) for q in QUARTERS}}
    if shape == 5:
        return {"text": f"{around} in summer, less in winter", "seasons": {
            "summer": {"quarters": ["Q1", "Q2"], "value": _value(rng, unit, around)},
            "winter": {"quarters": ["Q3", "Q4"], "value": _value(rng, unit, around * 0.8)}}}
    if shape == 6:
        baseline = _value(rng, unit, around) if index % 2 else \
            {"value": _value(rng, unit, around), "year": _fy(start - 1)}
        return {"value": _value(rng, unit, around), "baseline": baseline,
                "later": {_fy(start + 1): _value(rng, unit, around),
                          _fy(start + 2): _value(rng, unit, around)}}
    return None


def _kpi(rng: random.Random, service: int, index: int, start: int, reported: int) -> dict:
    unit, polarity = UNITS[index % len(UNITS)], POLARITIES[index % len(POLARITIES)]
    basis = BASES[(index // 2) % len(BASES)]
    scale = {"percent": 90, "number": 400, "pounds": 25, "per-100000": 65, "days": 12}
    around = scale.get(unit, 1)
    k: dict = {"ref": f"S{service}K{index + 1 + (start % 2)}",
               "key": f"service-{service:03d}-measure-{index + 1}",
               "title": f"{_name(rng, rng.randint(4, 8))} ({unit})",
               "unit": unit, "polarity": polarity, "basis": basis}
    if index % 4 == 1:
        k["notes"] = _name(rng, 10) + "."
    if unit == "percent" and index % 3 == 0:
        k["decimals"] = 1
    if unit != "yes-no" and polarity != "none" and index % 3 == 1:
        k["near_target_percent"] = rng.choice((2, 10))
    target = _target(rng, unit, index, start, around)
    if target is not None:
        k["target"] = target
    results: dict = {}
    for q in QUARTERS[:reported]:
        roll = rng.random()
        if roll < 0.08:
            results[q] = {"not_available": "The figure was not supplied in time."}
        elif roll < 0.4:
            results[q] = _value(rng, unit, around)
        else:
            results[q] = {"value": _value(rng, unit, around),
                          "comment": f"{_name(rng, rng.randint(4, 10))}."}
    if reported == 4 and basis == "annual":
        results["year"] = {"value": _value(rng, unit, around), "comment": "Whole-year figure."}
    if results:
        k["results"] = results
    return k


def _stages(count: int, latest: bool) -> list[str]:
    """`count` versions through draft, scrutiny and approval, then updates; a past year's
    plan adds a last `superseded` version."""
    stages = ["draft", "scrutiny", "approved"][-min(count, 3):]
    stages += ["update"] * (count - len(stages))
    return stages if latest else stages + ["superseded"]


def _versions(rng: random.Random, start: int, stages: list[str]) -> list[dict]:
    versions = []
    updates = 0
    for number, stage in enumerate(stages, 1):
        when = dt.date(start, 4, 1) + dt.timedelta(days=40 * number + rng.randint(0, 20))
        v = {"version": number, "stage": stage, "date": when}
        if stage in ("scrutiny", "approved"):
            v["body"] = "Cabinet" if stage == "approved" else "Overview and Scrutiny Committee"
            v["reference"] = f"Minute {rng.randint(1, 200)}"
        if stage == "update":
            updates += 1
            v["body"] = "Overview and Scrutiny Service Panel"
            v["note"] = f"Progress update {updates}"
        versions.append(v)
    return versions


def _as_reported(plan: dict, quarters: int) -> dict:
    """The plan as it stood when only `quarters` quarters had been reported."""
    kept = copy.deepcopy(plan)
    for k in kept["kpis"]:
        results = {q: r for q, r in k.get("results", {}).items()
                   if q in QUARTERS[:quarters] or (q == "year" and quarters == 4)}
        k.pop("results", None)
        if results:
            k["results"] = results
    if not quarters:
        for p in kept["priorities"]:
            p.pop("updates", None)
            p.pop("status", None)
    return kept


def _snapshots(plan: dict, stages: list[str], reported: int) -> dict[int, dict]:
    """The frozen copy of the plan at each scrutiny, approval and update version: results
    arrive quarter by quarter over the updates."""
    updates = stages.count("update")
    frozen, seen = {}, 0
    for number, stage in enumerate(stages, 1):
        if stage == "update":
            seen += 1
            quarters = round(reported * seen / updates)
        elif stage in ("scrutiny", "approved"):
            quarters = reported if stage == "approved" and not updates else 0
        else:
            continue
        frozen[number] = {**_as_reported(plan, quarters), "versions": plan["versions"][:number]}
    return frozen


def _plan(rng: random.Random, size: Size, service: int, start: int, content: Path) -> dict:
    """A plan file (its working copy, as at its latest version) and its snapshots."""
    latest = start == LATEST_YEAR
    reported = size.quarters if latest else 4
    corporate = corporate_plan_for(start)
    plan: dict = {"service": f"service-{service:03d}"}
    if corporate:
        plan["corporate_plan"] = corporate
    plan["focus"] = _paragraphs(rng, 1, 2)
    if service % 5 == 0 and not latest:
        rel = f"services/service-{service:03d}-{start}.md"
        (content / rel).write_text(f"## This year\n\n{_paragraphs(rng, 2)}\n", encoding="utf-8")
        plan["overview"] = rel
    plan["functions"] = {
        "in_house": [_name(rng, rng.randint(2, 5)) for _ in range(rng.randint(2, 6))],
        "contracted": [{"name": _name(rng, 3), "provider": f"{_name(rng, 1)} Services Ltd"}
                       if i % 2 == 0 else {"name": _name(rng, 2)} for i in range(2)],
        "note": _name(rng, 12) + "."}
    plan["resources"] = {"staff": f"{rng.randint(3, 90)} full-time equivalent posts",
                         "budget": f"£{rng.randint(1, 40)}.{rng.randint(0, 9)}m net",
                         "funding": "General fund"}
    plan["priorities"] = [_priority(rng, n, start, corporate, reported)
                          for n in range(1, size.priorities + 1)]
    plan["kpis"] = [_kpi(rng, service, i, start, reported) for i in range(size.kpis)]
    plan["kpi_note"] = "Annual indicators are reported in Q4."
    plan["risks"] = _paragraphs(rng, 1, 2)
    stages = _stages(size.versions, latest)
    plan["versions"] = _versions(rng, start, stages)
    return plan, _snapshots(plan, stages, reported)


def _dump(path: Path, data: dict, note: str) -> str:
    """Write `data` as a YAML file headed by `note`; returns the file's text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"# {note}\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=90)
    path.write_text(text, encoding="utf-8")
    return text


def write(size: Size, out: Path) -> int:
    """Write the council into `out` (which must not exist); returns the predicted page count."""
    rng = random.Random(size.seed)
    note = "SYNTHETIC benchmark data: every name and figure is invented."
    content = out / "content"
    (content / "services").mkdir(parents=True)
    _dump(out / "site_config.yml", {
        "council": {"name": "Synthetic County Council", "website": "https://example.org/"},
        "site": {"title": "Synthetic County Council service plans",
                 "base_url": "https://plans.example.org/", "language": "en-GB",
                 "colours": {"primary": "#1d4f91", "accent": "#1d4f91"}},
        "contact": {"name": "Performance team", "email": "plans@example.org",
                    "url": "https://example.org/contact/"},
        "open_data": {"licence": "Open Government Licence v3.0"},
        "kpi_status": {"near_target_percent": 5},
        "accessibility": {"prepared": dt.date(2025, 6, 1), "reviewed": dt.date(2025, 9, 1)}},
          note)
    for key in sorted({corporate_plan_for(y) for y in size.year_starts()} - {""}):
        first = int(key[:4])
        _dump(out / "data" / "corporate-plans" / f"{key}.yml", {
            "title": f"Corporate Plan {first}–{first + 4}", "period": f"{first}–{first + 4}",
            "summary": _paragraphs(rng, 1, 2), "vision": _name(rng, 9) + ".",
            "values": [_name(rng, 2) for _ in range(3)], "approved": f"{first}-02",
            "themes": [{"key": k, "name": n, "summary": _name(rng, 10) + ".",
                        **({"underpinning": True} if k.startswith("sound-council") else {})}
                       for k, (_, n) in zip(theme_keys(key), THEMES)]}, note)
    for s in range(1, size.services + 1):
        service = {"name": f"Service {s:03d}: {_name(rng, 2)}", "summary": _name(rng, 12) + ".",
                   "directorate": f"{rng.choice(AREAS)} directorate",
                   "contacts": [{"name": f"{_name(rng, 1)} team", "role": "Service manager",
                                 "email": f"service{s:03d}@example.org"},
                                {"name": "Duty officer", "phone": "01234 567890"}]}
        if s % 2:
            (content / "services" / f"service-{s:03d}.md").write_text(
                f"{_paragraphs(rng, 2)}\n\n## What we do\n\n- {_name(rng, 4)}\n"
                f"- {_name(rng, 5)}\n\n*[KPI]: key performance indicator\n", encoding="utf-8")
            service["overview"] = f"services/service-{s:03d}.md"
        _dump(out / "data" / "services" / f"service-{s:03d}.yml", service, note)
        for start in size.year_starts():
            folder = f"{start}-{(start + 1) % 100:02d}"
            plan, snapshots = _plan(rng, size, s, start, content)
            for number, frozen in snapshots.items():  # oldest first, as plansite records them
                text = _dump(out / "data" / "plans" / folder / "versions" /
                             f"service-{s:03d}" / f"v{number}.yml", frozen, note)
                plan["versions"][number - 1]["snapshot"] = digest(text)  # later ones keep it
            _dump(out / "data" / "plans" / folder / f"service-{s:03d}.yml", plan, note)
    (content / "index.md").write_text(
        f"Welcome to the plans of a fictional council.\n\n{_paragraphs(rng, 1)}\n",
        encoding="utf-8")
    for order, page in enumerate(NARRATIVE_PAGES, 1):
        path = content / f"{page}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {_name(rng, 3)}\ndescription: {_name(rng, 8)}.\n"
                        f"nav_order: {order}\n---\n{_paragraphs(rng, 3)}\n\n## Details\n\n"
                        f"| Item | Figure |\n|---|---:|\n| {_name(rng, 2)} | {order * 7} |\n",
                        encoding="utf-8")
    return predicted_pages(size)


def parse_size(argv: list[str] | None = None) -> tuple[Size, Path]:
    top = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for flag, default, what in (("services", 4, "services"), ("years", 2, "plan years"),
                                ("priorities", 6, "priorities per plan"),
                                ("kpis", 8, "indicators per plan"),
                                ("quarters", 2, "quarters reported in the latest year (0-4)"),
                                ("versions", 3, "versions per plan"), ("seed", 1, "random seed")):
        top.add_argument(f"--{flag}", type=int, default=default, help=f"{what} ({default})")
    top.add_argument("--out", type=Path, required=True, help="folder to create")
    args = top.parse_args(argv)
    if args.out.exists():
        top.error(f"{args.out} already exists; give a new folder")
    if not 0 <= args.quarters <= 4 or min(args.years, args.services, args.versions) < 1:
        top.error("need --services, --years and --versions ≥ 1, and --quarters from 0 to 4")
    fields = {k: getattr(args, k) for k in Size.__dataclass_fields__}
    return Size(**fields), args.out


def main(argv: list[str] | None = None) -> None:
    size, out = parse_size(argv)
    pages = write(size, out)
    print(f"synth: wrote {out} ({size.services} services × {size.years} years; "
          f"{pages} pages expected)")


if __name__ == "__main__":
    main()
