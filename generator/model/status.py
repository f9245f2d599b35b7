"""KPI status and trend: one rule, worked out from the data and never typed in it.

**Status of one period's result.** The first rule in `RULES` that applies gives the status;
`RULES` holds each step's words, which /kpis/ shows and docs/data-reference.md follows
(tests/test_kpi_status.py checks it). The last steps are the bands of the indicator's status
scheme, in order: the first whose limit the miss (how far the result falls short of the
target, in per cent of the target or in points) is within gives the status. The standard
scheme is met (On target), near (misses by no more than `near_target_percent` of the
target: the indicator's own, else the site's → Near target) and missed (Off target). A
council's schemes (`kpi_status` → `schemes`) have their own bands, labels, icons and colours.

The target that applies to a quarter is its own quarterly (profiled) target, else the target
of the season that includes it, else the single target (for a cumulative indicator, the
year-end target) as revised from that quarter on, if the plan revises it (`revisions`). A
month (M1 is April) takes the target of its quarter, except that a cumulative total meets
its quarter's own target only in the quarter's last month. A half-year's or whole year's
result is judged against the single target as last revised.

**Headline.** An indicator's status for a year is the status of its latest reported period
(in the order of PERIODS, the whole year last); with nothing reported, the first three rules.

**Trend.** A figure is compared with the previous period (the month or quarter before; M1
with M12 and Q1 with Q4 of the year before; H2 with H1, H1 with H2 of the year before; an
annual figure with the
latest earlier year that has one) and with the same period a year
earlier, when both have figures in the same unit and basis. Higher figures are Better when
higher is better, Worse when lower is better; with polarity none they are just Up or Down;
equal figures are No change, and figures that differ by no more than the trend tolerance
(`trend_tolerance`, in the indicator's unit: its own, else the site's; 0 by default) are No
significant change. A cumulative figure is not compared with the previous period, because a
total builds up through the year; a year-to-date rate (basis year-to-date, judged every
period like any rate) is compared with the period before only within its own year. The
figure a year earlier is the same period's in the latest earlier year that has one, so a
year without a figure (a biennial survey's off year) is skipped.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from generator.render.colour import tint
from generator.i18n import N_, _
from generator.model.records import MONTHLY, QUARTERS, FinancialYear, Kpi, PlanYear, quarter_of

STATUSES = {  # key: (label, meaning); the standard scheme's order of counts and keys
    "on-target": (N_("On target"), N_("The result meets or beats its target.")),
    "near-target": (N_("Near target"), N_("The result misses its target, but by no more than "
                                          "the near-target margin.")),
    "off-target": (N_("Off target"), N_("The result misses its target by more than the "
                                        "near-target margin.")),
    "not-yet-due": (N_("Not yet due"), N_("The figure that is judged against the target comes "
                                          "later in the year. Progress so far is shown.")),
    "not-collected": (N_("Not collected this year"), N_("The figure is collected only in some "
                                                        "years, such as a survey every two "
                                                        "years, and this year is not one of "
                                                        "them.")),
    "no-data": (N_("No data"), N_("No figure has been reported. The reason is shown where the "
                                  "council gives one.")),
    "no-target": (N_("No target"), N_("The plan sets no target for the period, so the result "
                                      "cannot be judged.")),
    "information-only": (N_("Information only"), N_("The %(indicator)s gives context: neither "
                                                    "a higher nor a lower figure is better.")),
}

BUILT_IN_BANDS = ("on-target", "near-target", "off-target")  # the standard scheme's bands
FIXED = tuple(key for key in STATUSES if key not in BUILT_IN_BANDS)  # statuses that are no band


@dataclass(frozen=True)
class Status:
    """How one status is shown. `own` is True when the label is the council's (never
    translated); a built-in status has no `icon` or `colour` (the theme draws its icon)."""

    key: str
    label: str
    meaning: str = ""  # '' for a council's band that leaves its meaning to its limit
    own: bool = False
    spoken: str = ""  # what screen readers say instead of the label ('' = the label)
    icon: str = ""
    colour: str = ""

    @property
    def shown(self) -> str:
        return self.label if self.own else _(self.label)

    @property
    def explained(self) -> str:
        """What it means; built-in meanings are translated, the council's are its words."""
        return _(self.meaning) if self.key in STATUSES else self.meaning

    @property
    def dark_colour(self) -> str:
        """The colour on the dark scheme's near-black background: a light tint."""
        return tint(self.colour, 0.75) if self.colour else ""

    def counted(self, n: int) -> str:
        """A count as shown, e.g. '3 on target' (built-in labels are lower-cased, the
        council's kept as written, e.g. '3 Green')."""
        return f"{n} {self.shown if self.own else self.shown.lower()}"


@dataclass(frozen=True)
class Band:
    """One band of a status scheme: a result that misses its target by no more than `limit`
    (a percentage of the target, or points in the indicator's unit) has this status; the
    last band has no limit. `rule` names the step on /kpis/."""

    status: Status
    rule: str
    limit: float | None = None
    points: bool = False

    def holds(self, miss: float, target: float) -> bool:
        if self.limit is None:
            return True
        allowed = self.limit if self.points else abs(target) * self.limit / 100
        return round(miss, 9) <= round(allowed, 9)


@dataclass(frozen=True)
class Scheme:
    """A status key: ordered bands, the first whose limit holds giving the status."""

    name: str
    title: str
    bands: tuple[Band, ...]


STANDARD = "standard"  # the built-in scheme's name


@functools.cache  # one scheme for each margin, shared: schemes are frozen
def standard_scheme(tolerance: float) -> Scheme:
    """Today's three statuses: on target, near target (within `tolerance`% of the target),
    off target."""
    def status(key: str) -> Status:
        return Status(key, *STATUSES[key])
    return Scheme(STANDARD, N_("On target, near target, off target"),
                  (Band(status("on-target"), "met", 0), Band(status("near-target"), "near",
                                                             tolerance),
                   Band(status("off-target"), "missed")))


@dataclass(frozen=True)
class Schemes:
    """The status schemes in force: the default's name, every scheme by name, and the
    council's labels for the statuses that are no band (see FIXED)."""

    default: str = STANDARD
    schemes: tuple[Scheme, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()  # (fixed status key, the council's label)
    tolerance: float = 5.0  # the standard scheme's near-target limit

    def named(self, name: str) -> Scheme:
        if name == STANDARD or not name:
            return standard_scheme(self.tolerance)
        return next(s for s in self.schemes if s.name == name)

    def status(self, key: str) -> Status:
        """The status with this key, in the council's words where it gives them."""
        own = dict(self.labels)
        if key in STATUSES:
            return Status(key, own.get(key, STATUSES[key][0]), STATUSES[key][1], key in own)
        return next(b.status for s in self.schemes for b in s.bands if b.status.key == key)

    def order(self, used: set[str]) -> tuple[str, ...]:
        """Status keys in the order of counts and keys: the default scheme's bands, the other
        schemes' bands (those in `used`), then the statuses that are no band."""
        first = [b.status.key for b in self.named(self.default).bands]
        others = [b.status.key for name in (STANDARD, *(s.name for s in self.schemes))
                  if name != self.default for b in self.named(name).bands
                  if b.status.key in used]
        return tuple(dict.fromkeys((*first, *others, *FIXED)))


RULES = (  # (key, when it applies, status); the first that applies decides
    ("not-collected", N_("The %(indicator)s is collected every few years, and not in this "
                         "year."), "not-collected"),
    ("nothing-due-yet", N_("The %(indicator)s is reported once a year (or every six months) and "
                           "has nothing reported yet, while the plan's other figures go no "
                           "further than Q3 (for a six-monthly one, Q1)."), "not-yet-due"),
    ("nothing-reported", N_("No result has been reported for any period of the year yet."),
     "no-data"),
    ("not-available", N_("The result is marked not available."), "no-data"),
    ("annual-not-due", N_("The %(indicator)s is reported once a year and has no figure in Q1, "
                          "Q2 or Q3."), "not-yet-due"),
    ("no-figure", N_("The result has no figure (only a comment)."), "no-data"),
    ("information-only", N_("Neither a higher nor a lower figure is better."), "information-only"),
    ("contextual", N_("The %(indicator)s is contextual: it is shown beside its forecast or "
                      "benchmark and never judged against a target."), "information-only"),
    ("cumulative-not-due", N_("The figure is cumulative (year to date), the period is Q1, Q2 "
                              "or Q3, and the only target is for the end of the year."),
     "not-yet-due"),
    ("no-target", N_("No target applies to the period."), "no-target"),
    ("yes-no-met", N_("The answer is yes or no and matches the target."), "on-target"),
    ("yes-no-missed", N_("The answer is yes or no and does not match the target."), "off-target"),
    ("met", N_("The result equals or beats the target."), "on-target"),
    ("near", N_("The result misses the target by no more than the near-target margin."),
     "near-target"),
    ("missed", N_("The result misses the target by more than the near-target margin."),
     "off-target"),
)
RULE_STATUS = {key: status for key, _, status in RULES}
# Steps and statuses that only some indicators meet (by frequency, or contextual), shown
# only when an indicator is one of them.
OCCASIONAL = {"not-collected": "years", "contextual": "contextual"}
BEFORE_YEAR_END = ("Q1", "Q2", "H1", "Q3", *MONTHLY[:-1])  # periods ending before the year
JUDGED = ("yes-no-met", "yes-no-missed", "met", "near", "missed")  # the standard's band steps


def band_when(scheme: Scheme, band: Band) -> str:
    """When a band of a scheme applies, in words (the standard scheme's as in RULES)."""
    if scheme.name == STANDARD:
        return _(next(when for key, when, _status in RULES if key == band.rule))
    index = scheme.bands.index(band)
    if band.limit is None:
        return _("The result misses the target by more than the band before allows.")
    if band.limit == 0 and not index:
        return _("The result equals or beats the target.")
    limit = f"{band.limit:g}"
    if band.points:
        return _("The result beats the target or misses it by no more than %(limit)s in the "
                 "%(indicator)s's unit.", limit=limit) if not index else \
            _("The result misses the target by no more than %(limit)s in the %(indicator)s's "
              "unit.", limit=limit)
    return _("The result beats the target or misses it by no more than %(limit)s%% of the "
             "target.", limit=limit) if not index else \
        _("The result misses the target by no more than %(limit)s%% of the target.",
          limit=limit)


def steps(scheme: Scheme) -> list[tuple[str, str, str]]:
    """The rule, step by step, for indicators judged with `scheme`: (key, when, status key);
    the standard scheme gives exactly RULES."""
    fixed = [(key, _(when), status) for key, when, status in RULES if key not in JUDGED]
    yes_no = [(key, _(when), band.status.key) for (key, when, _s), band in
              zip(RULES[len(fixed):len(fixed) + 2], (scheme.bands[0], scheme.bands[-1]))]
    return fixed + yes_no + [(band.rule, band_when(scheme, band), band.status.key)
                             for band in scheme.bands]

TRENDS = {  # key: (label, meaning)
    "better": (N_("Better"), N_("The figure has moved in the better direction.")),
    "worse": (N_("Worse"), N_("The figure has moved in the worse direction.")),
    "no-change": (N_("No change"), N_("The figure is the same.")),
    "no-significant-change": (N_("No significant change"), N_("The figure has moved by no "
                                                              "more than the trend tolerance.")),
    "up": (N_("Up"), N_("The figure is higher (neither direction is better).")),
    "down": (N_("Down"), N_("The figure is lower (neither direction is better).")),
}


@dataclass(frozen=True)
class Assessment:
    """The status of one period's result, the rule that gave it and the target it applied.

    `source` says where the target comes from: "quarter" (its own quarterly target), a
    season's name, "year-end" (a cumulative indicator's annual target), "revised" (the
    single target as revised) or "single".
    `band` is the status key of the scheme's band for a judged result ('' otherwise).
    """

    period: str  # Q1..Q4, "year", or "" when nothing is reported
    rule: str
    target: float | bool | None = None
    source: str = ""
    band: str = ""

    @property
    def status(self) -> str:
        return self.band or RULE_STATUS[self.rule]


@dataclass(frozen=True)
class Comparison:
    """A trend: how a figure compares with an earlier one (`trend` is "" when it cannot)."""

    trend: str
    year: FinancialYear | None = None
    period: str = ""
    value: float | bool | None = None


def applicable_target(kpi: Kpi, period: str) -> tuple[float | bool | None, str]:
    """The target a period's result is judged against, and where it comes from."""
    quarter = quarter_of(period)
    if quarter and (period == quarter or kpi.basis != "cumulative"
                    or MONTHLY.index(period) % 3 == 2):
        value, source = kpi.target.for_quarter(quarter)
        if value is not None:
            return value, source
    revision = kpi.revision_for(period)
    value = revision.value if revision else kpi.target.value
    if value is None:
        return None, ""
    if kpi.basis == "cumulative":
        return value, "year-end"
    return value, "revised" if revision else "single"


def assess(kpi: Kpi, period: str, scheme: Scheme, collected: bool = True,
           progress: int = 0) -> Assessment:
    """The status of `kpi`'s result for `period` ("" for a year with nothing reported),
    judged with the bands of `scheme`. `collected` is False in a year the figure is not
    collected; `progress` is how many months of the year the plan has reported (0 to 12),
    which says whether a figure reported less often than quarterly is due yet."""
    result = kpi.result(period) if period else None
    target, source = applicable_target(kpi, period) if period else (None, "")

    def by(rule: str, band: Band | None = None) -> Assessment:
        return Assessment(period, rule, target, source, band.status.key if band else "")

    if not collected:
        return by("not-collected")
    if result is None:
        if (kpi.basis == "annual" and 0 < progress < 12) or \
                (kpi.frequency == "six-monthly" and 0 < progress < 6):
            return by("nothing-due-yet")
        return by("nothing-reported")
    if result.value is None:
        if result.unavailable:
            return by("not-available")
        return by("annual-not-due" if kpi.basis == "annual" and period in QUARTERS[:3]
                  else "no-figure")
    if kpi.polarity == "none":
        return by("information-only")
    if kpi.contextual:
        return by("contextual")
    if kpi.basis == "cumulative" and period in BEFORE_YEAR_END and source == "year-end":
        return by("cumulative-not-due")
    if target is None:
        return by("no-target")
    if isinstance(target, bool) or isinstance(result.value, bool):
        if result.value == target:
            return by("yes-no-met", scheme.bands[0])
        return by("yes-no-missed", scheme.bands[-1])
    miss = target - result.value if kpi.polarity == "higher" else result.value - target
    band = next(b for b in scheme.bands if b.holds(miss, target))
    return by(band.rule, band)


def months_to(period: str) -> int:
    """How many months of the year end by the end of `period`: M3 and Q1 3, H1 6, year 12."""
    if period in MONTHLY:
        return int(period[1:])
    return {"Q1": 3, "Q2": 6, "H1": 6, "Q3": 9}.get(period, 12)


def progress(plan: PlanYear) -> int:
    """How many months of its year a plan has reported: 0 to 12, from the latest period
    any of its indicators has a figure or comment for (Q1 counts as three months)."""
    return max((months_to(period) for kpi in plan.kpis for period, _r in kpi.results),
               default=0)


def latest_period(kpi: Kpi) -> str:
    """The latest period with a result ("" when none has one)."""
    return kpi.results[-1][0] if kpi.results else ""


def trend(polarity: str, current, previous, tolerance: float = 0) -> str:
    """Better, worse, no change (or up and down when neither direction is better); a move
    of no more than `tolerance` (in the indicator's unit) is no significant change."""
    if current is None or previous is None or \
            isinstance(current, bool) != isinstance(previous, bool):
        return ""
    if current == previous:
        return "no-change"
    if tolerance and not isinstance(current, bool) and \
            round(abs(current - previous), 9) <= round(tolerance, 9):
        return "no-significant-change"
    up = current > previous
    if polarity == "none":
        return "up" if up else "down"
    return "better" if up == (polarity == "higher") else "worse"


class Performance:
    """The rule applied across a council's plans: statuses, headlines, trends and counts."""

    def __init__(self, plans: tuple[PlanYear, ...], schemes: Schemes,
                 trend_tolerance: float = 0):
        self.schemes = schemes
        self.default_tolerance = schemes.tolerance
        self.default_trend_tolerance = trend_tolerance
        self._kpis = {(plan.year, kpi.key): kpi for plan in plans for kpi in plan.kpis}
        self._years: dict[str, list[FinancialYear]] = {}  # each key's years, latest first
        for year, key in sorted(self._kpis, reverse=True):
            self._years.setdefault(key, []).append(year)
        # Each indicator's plan year and how far that plan has reported (by identity).
        self._year_of = {id(kpi): (plan.year, progress(plan)) for plan in plans
                         for kpi in plan.kpis}
        self._assessed: dict[tuple[int, str], tuple[Kpi, Assessment]] = {}  # kept with its kpi

    def tolerance(self, kpi: Kpi) -> float:
        return self.default_tolerance if kpi.tolerance_percent is None else kpi.tolerance_percent

    def scheme(self, kpi: Kpi) -> Scheme:
        """The indicator's own scheme, else the site's default; an indicator's own
        near-target margin applies to the standard scheme (validation sees to that)."""
        if kpi.tolerance_percent is not None:
            return standard_scheme(kpi.tolerance_percent)
        return self.schemes.named(kpi.status_scheme or self.schemes.default)

    def trend_tolerance(self, kpi: Kpi) -> float:
        return self.default_trend_tolerance if kpi.trend_tolerance is None \
            else kpi.trend_tolerance

    def assess(self, kpi: Kpi, period: str) -> Assessment:
        """The status of one period's result, worked out once for each indicator and period."""
        key = (id(kpi), period)
        if key not in self._assessed:
            year, reported = self._year_of.get(id(kpi), (None, 0))
            self._assessed[key] = (kpi, assess(kpi, period, self.scheme(kpi),
                                               not year or kpi.collected_in(year), reported))
        return self._assessed[key][1]

    def headline(self, kpi: Kpi) -> Assessment:
        """The status of the latest reported period: the indicator's status for its year."""
        return self.assess(kpi, latest_period(kpi))

    def counts(self, kpis) -> tuple[tuple[str, int], ...]:
        """How many indicators have each headline status, in the schemes' order."""
        counted = Counter(self.headline(k).status for k in kpis)
        return tuple((s, counted[s]) for s in self.schemes.order(set(counted)) if counted[s])

    def _compare(self, kpi: Kpi, period: str, year: FinancialYear, other_year: FinancialYear,
                 other_period: str) -> Comparison:
        other = kpi if other_year == year else self._kpis.get((other_year, kpi.key))
        if other is None or other.unit != kpi.unit or other.basis != kpi.basis:
            return Comparison("")
        now, then = kpi.result(period), other.result(other_period)
        if now is None or then is None or then.value is None:
            return Comparison("")
        return Comparison(trend(kpi.polarity, now.value, then.value, self.trend_tolerance(kpi)),
                          other_year, other_period, then.value)

    def previous(self, year: FinancialYear, kpi: Kpi, period: str) -> Comparison:
        """Compared with the period before; never for cumulative (year-to-date) totals, and
        a year-to-date rate only within its year."""
        if kpi.basis == "cumulative" or not period:
            return Comparison("")
        if kpi.basis == "annual" or period == "year":
            return self.year_on_year(year, kpi, period)
        if period == "H2":
            return self._compare(kpi, period, year, year, "H1")
        if period in ("Q1", "H1", "M1"):
            if kpi.basis == "year-to-date":
                return Comparison("")
            return self._compare(kpi, period, year, FinancialYear(year.start - 1),
                                 {"Q1": "Q4", "H1": "H2", "M1": "M12"}[period])
        within = MONTHLY if period in MONTHLY else QUARTERS
        return self._compare(kpi, period, year, year, within[within.index(period) - 1])

    def year_on_year(self, year: FinancialYear, kpi: Kpi, period: str) -> Comparison:
        """Compared with the same period in the latest earlier year that has a figure for it
        (a year without one, such as a survey's off year, is skipped)."""
        for other_year in (y for y in self._years.get(kpi.key, ()) if y < year):
            other = self._kpis[(other_year, kpi.key)].result(period) if period else None
            if other is not None and other.value is not None:
                return self._compare(kpi, period, year, other_year, period)
        return Comparison("")
