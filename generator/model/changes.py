"""What changed between two states of one plan: a pure comparison, in readers' words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.i18n import N_, _
from generator.model.actions import figure
from generator.render.figures import (format_comparator, format_profile, format_result, format_revision,
                  format_target, format_value, period_label, result_note)
from generator.model.records import (ACTION_STAGES, BASES, LEVELS, MONTHLY, POLARITIES, QUARTER_MONTHS,
                    FinancialYear, Kpi, PlanYear, Priority, When)

# Kinds of change, in the order a reader sees them, with the heading of each group.
KINDS = {
    "priority-added": N_("%(Priorities)s added"),
    "priority-removed": N_("%(Priorities)s removed"),
    "priority-reworded": N_("%(Priorities)s reworded"),
    "priority-target": N_("Target dates changed"),
    "priority-status": N_("Status changed"),
    "update": N_("New progress updates"),
    "kpi-added": N_("%(Indicators)s added"),
    "kpi-removed": N_("%(Indicators)s removed"),
    "kpi-reworded": N_("%(Indicators)s reworded"),
    "kpi-target": N_("%(Indicator)s targets changed"),
    "result": N_("New results"),
    "result-revised": N_("Results revised"),
    "plan": N_("Other parts of the plan"),
}


@dataclass(frozen=True)
class Change:
    """One difference: what it is about, and the wording before and/or after."""

    kind: str  # a key of KINDS
    subject: str  # e.g. "Priority 3: Review play areas"
    field: str = ""  # which part changed, e.g. "Title"
    before: str = ""
    after: str = ""


def by_kind(changes) -> list[tuple[str, str, list[Change]]]:
    """The changes grouped by kind, in the order of KINDS: (kind, heading, changes)."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.kind, []).append(change)
    return [(kind, heading, groups[kind]) for kind, heading in KINDS.items() if kind in groups]


def compare(before: PlanYear, after: PlanYear, theme_name: Callable[[str], str] = str,
            type_name: Callable[[str], str] = str) -> tuple[Change, ...]:
    """Every change from `before` to `after`, grouped in the order of KINDS; themes and
    indicator types are named by `theme_name` and `type_name`."""
    found = _plan_changes(before, after)
    found += _priority_changes(before, after, theme_name)
    found += _kpi_changes(before, after, theme_name, type_name)
    order = list(KINDS)
    return tuple(sorted(found, key=lambda c: order.index(c.kind)))  # stable within a kind


def summary(changes: tuple[Change, ...]) -> str:
    """Counts of each kind of change, e.g. 'Priorities reworded: 2; New results: 3'."""
    counts = [(KINDS[k], sum(c.kind == k for c in changes)) for k in KINDS]
    return "; ".join(f"{_(heading)}: {n}" for heading, n in counts if n) or _("No changes "
                                                                              "recorded")


def _when(value: When | None) -> str:
    return value.text if value else _("Not stated")


def _differs(found: list, kind: str, subject: str, field: str, old: str, new: str) -> None:
    if old != new:
        found.append(Change(kind, subject, _(field), old or _("Not stated"),
                            new or _("Not stated")))


def _plan_changes(before: PlanYear, after: PlanYear) -> list[Change]:
    found: list[Change] = []
    pairs = [(N_("Focus"), before.focus, after.focus),
             (N_("In-house services"), "\n\n".join(f.name for f in before.in_house),
              "\n\n".join(f.name for f in after.in_house)),
             (N_("Outsourced and shared services"),
              "\n\n".join(f"{f.name} ({f.provider})" for f in before.contracted),
              "\n\n".join(f"{f.name} ({f.provider})" for f in after.contracted)),
             (N_("Note on services"), before.functions_note, after.functions_note),
             (N_("Staff"), before.resources.staff, after.resources.staff),
             (N_("Budget"), before.resources.budget, after.resources.budget),
             (N_("Funding"), before.resources.funding, after.resources.funding),
             (N_("Note on %(indicators)s"), before.kpi_note, after.kpi_note),
             (N_("Risks"), before.risks, after.risks)]
    for field, old, new in pairs:
        _differs(found, "plan", _("The plan"), field, old, new)
    return found


def _added_removed(old: dict, new: dict, kind: str, label) -> list[Change]:
    """`<kind>-added` for each key only in `new`, then `<kind>-removed` for each only in `old`."""
    return [Change(f"{kind}-added", label(item)) for key, item in new.items() if key not in old] \
        + [Change(f"{kind}-removed", label(item)) for key, item in old.items() if key not in new]


def _priority_label(p: Priority) -> str:
    return _("%(Priority)s %(number)s: %(title)s", number=p.number, title=p.title)


def _priority_changes(before: PlanYear, after: PlanYear, theme_name) -> list[Change]:
    old = {p.number: p for p in before.priorities}
    new = {p.number: p for p in after.priorities}
    found = _added_removed(old, new, "priority", _priority_label)
    for number in sorted(old.keys() & new.keys()):
        a, b = old[number], new[number]
        subject = _priority_label(b)
        links = ["; ".join(filter(None, [", ".join(map(theme_name, p.themes)), p.theme_text]))
                 for p in (a, b)]
        for field, x, y in [(N_("Title"), a.title, b.title), (N_("Area"), a.area, b.area),
                            (N_("Link to the corporate plan"), *links),
                            (N_("Resources"), a.resources, b.resources),
                            (N_("Expected outcomes"), "\n\n".join(a.outcomes),
                             "\n\n".join(b.outcomes))]:
            _differs(found, "priority-reworded", subject, field, x, y)
        _differs(found, "priority-target", subject, N_("Target completion"), _when(a.target),
                 _when(b.target))
        revised = [(_when(p.revised_target) + (f" ({p.revised_reason})" if p.revised_reason
                                              else "")) if p.revised_target else ""
                   for p in (a, b)]
        _differs(found, "priority-target", subject, N_("Revised target"), *revised)
        _differs(found, "priority-status", subject, N_("Status"),
                 *(p.status.text if p.status else _("Not reported") for p in (a, b)))
        _differs(found, "priority-status", subject, N_("Stage"),
                 *(_(ACTION_STAGES[p.stage]) if p.stage else "" for p in (a, b)))
        _differs(found, "priority-status", subject, N_("Percentage complete"),
                 *(_("%(percent)s%% complete", percent=figure(p.percent_complete))
                   if p.percent_complete is not None else "" for p in (a, b)))
    for number, p in new.items():
        seen = set(old[number].updates) if number in old else set()
        for update in reversed(p.updates):  # oldest first
            if update not in seen:
                found.append(Change("update", _priority_label(p), update.date.text,
                                    after=update.text))
    return found


def _kpi_label(k: Kpi) -> str:
    return _("%(Indicator)s %(ref)s: %(title)s", ref=k.ref, title=k.title)


def _target_words(k: Kpi) -> str:
    """The whole target, so that a change to any part of it shows."""
    t = k.target
    extra = [_("value %(value)s", value=format_value(k, t.value))] \
        if t.text and t.value is not None else []
    if (t.quarters or t.seasons) and (t.text or t.value is not None):
        extra.append(_("by quarter or season %(profile)s", profile=format_profile(k, t)))
    return format_target(k) + (f" ({', '.join(extra)})" if extra else "")


def _level(k: Kpi) -> str:
    return _(LEVELS[k.level]) if k.level else ""


def _lead(k: Kpi) -> str:
    return ", ".join(t for t in (k.lead_name, k.lead_role) if t)


def _comparators(k: Kpi) -> str:
    return "; ".join(format_comparator(k, c) for c in k.comparators)


def _revisions(k: Kpi) -> str:
    return "; ".join(format_revision(k, r) for r in k.revisions)


def _outturn(k: Kpi) -> str:
    return f"{format_value(k, k.outturn.value)} ({k.outturn.year.label})" if k.outturn else ""


def _result_words(k: Kpi, period: str, results: dict) -> str:
    result = results.get(period)
    if result is None:
        return ""
    note = result_note(result)
    return format_result(k, result) + (f": {note}" if note else "")


def _period(period: str, year: FinancialYear) -> str:
    if period == "year":
        return _("Whole year %(year)s", year=year.label)
    if period in MONTHLY:
        return f"{period_label(year, period)} ({period} {year.label})"
    return f"{period} {year.label} ({QUARTER_MONTHS[period]})"


def _kpi_changes(before: PlanYear, after: PlanYear, theme_name, type_name) -> list[Change]:
    old = {k.key: k for k in before.kpis}
    new = {k.key: k for k in after.kpis}
    found = _added_removed(old, new, "kpi", _kpi_label)
    for key in [k for k in new if k in old]:
        a, b = old[key], new[key]
        subject = _kpi_label(b)
        for field, x, y in [(N_("Reference"), a.ref, b.ref), (N_("Title"), a.title, b.title),
                            (N_("Notes"), a.notes, b.notes),
                            (N_("Unit"), a.unit, b.unit),
                            (N_("Polarity"), _(POLARITIES[a.polarity]), _(POLARITIES[b.polarity])),
                            (N_("Basis"), _(BASES[a.basis]), _(BASES[b.basis])),
                            (N_("Type"), *(type_name(k.type) if k.type else "" for k in (a, b))),
                            (N_("Level"), _level(a), _level(b)),
                            (N_("Lead officer"), _lead(a), _lead(b)),
                            (N_("Directorate"), a.directorate, b.directorate),
                            (N_("Link to the corporate plan"),
                             *(", ".join(map(theme_name, k.themes)) for k in (a, b))),
                            (N_("Forecast or benchmark"), _comparators(a), _comparators(b))]:
            _differs(found, "kpi-reworded", subject, field, x, y)
        if a.target != b.target:
            _differs(found, "kpi-target", subject, N_("Target"), _target_words(a),
                     _target_words(b))
        _differs(found, "kpi-target", subject, N_("Target revisions"), _revisions(a),
                 _revisions(b))
        _differs(found, "kpi-target", subject, N_("Last year's outturn"), _outturn(a),
                 _outturn(b))
    for key, k in new.items():
        previous = dict(old[key].results) if key in old else {}
        current = dict(k.results)
        for period, _result in k.results:
            words = _result_words(k, period, current)
            if period not in previous:
                found.append(Change("result", _kpi_label(k), _period(period, after.year),
                                    after=words))
            elif previous[period] != current[period]:
                found.append(Change("result-revised", _kpi_label(k),
                                    _period(period, after.year),
                                    _result_words(old[key], period, previous), words))
        for period in [p for p in previous if p not in current]:
            found.append(Change("result-revised", _kpi_label(k), _period(period, after.year),
                                _result_words(old[key], period, previous), _("No figure")))
    return found
