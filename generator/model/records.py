"""The plan model: plain, immutable records built by `validate` and read by `render`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.i18n import N_, Terms, _

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
QUARTER_MONTHS = {"Q1": "April to June", "Q2": "July to September",
                  "Q3": "October to December", "Q4": "January to March",
                  "H1": "April to September", "H2": "October to March"}
HALVES = ("H1", "H2")  # the half-years of a six-monthly indicator
MONTHLY = tuple(f"M{n}" for n in range(1, 13))  # the months of a monthly one: M1 is April
# Every period, by when it ends (a quarter after its last month).
PERIODS = ("M1", "M2", "M3", "Q1", "M4", "M5", "M6", "Q2", "H1", "M7", "M8", "M9", "Q3",
           "M10", "M11", "M12", "Q4", "H2", "year")


def periods_for(frequency: str) -> tuple[str, ...]:
    """The results keys an indicator of this frequency may have, then "year"."""
    return (*{"six-monthly": HALVES, "monthly": MONTHLY}.get(frequency, QUARTERS), "year")


def quarter_of(period: str) -> str:
    """The quarter a month (M1..M12) falls in, or the quarter itself; '' for other periods."""
    if period in MONTHLY:
        return QUARTERS[(int(period[1:]) - 1) // 3]
    return period if period in QUARTERS else ""


def month_of(period: str, year: FinancialYear) -> tuple[str, int]:
    """The calendar month of M1..M12 in a financial year: its name and calendar year."""
    number = int(period[1:])
    return MONTHS[(number + 2) % 12], year.start + (number >= 10)


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A financial year, 1 April to 31 March, such as 2025/26."""

    start: int

    @property
    def label(self) -> str:
        return f"{self.start}/{(self.start + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"


@dataclass(frozen=True, order=True)
class When:
    """A date as precise as the source gives it: a day, a month, a quarter or words.

    `sort` orders values of mixed precision; `iso` is for machines (empty for words).
    """

    sort: tuple
    kind: str  # "day" | "month" | "quarter" | "text"
    iso: str
    text: str

    @classmethod
    def day(cls, value: dt.date) -> When:
        return cls((value.year, value.month, value.day), "day", value.isoformat(),
                   f"{value.day} {MONTHS[value.month - 1]} {value.year}")

    @classmethod
    def month(cls, year: int, month: int) -> When:
        return cls((year, month, 0), "month", f"{year}-{month:02d}",
                   f"{MONTHS[month - 1]} {year}")

    @classmethod
    def quarter(cls, year: FinancialYear, quarter: str) -> When:
        index = QUARTERS.index(quarter)
        calendar_year = year.start + (1 if index == 3 else 0)
        month = 4 + 3 * index if index < 3 else 1
        return cls((calendar_year, month, 0), "quarter", f"{year.slug}-{quarter}",
                   f"{quarter} {year.label}")

    @classmethod
    def words(cls, text: str) -> When:
        return cls((9999, 99, 99), "text", "", text)

    def moment(self) -> dt.datetime | None:
        """Midnight UTC at its start (a month or quarter from its first day); None for words."""
        if self.kind == "text":
            return None
        year, month, day = self.sort
        return dt.datetime(year, month, max(day, 1), tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Theme:
    key: str
    name: str
    summary: str
    underpinning: bool = False
    line: int = field(default=0, compare=False)  # where it starts in its file, for messages


@dataclass(frozen=True)
class CorporatePlan:
    key: str
    title: str
    period: str
    summary: str
    themes: tuple[Theme, ...]
    vision: str = ""
    values: tuple[str, ...] = ()
    approved: When | None = None

    def theme_name(self, key: str) -> str:
        """The name of the plan's theme `key` (the key itself if the plan has no such theme)."""
        return next((t.name for t in self.themes if t.key == key), key)


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Service:
    key: str
    name: str
    summary: str
    directorate: str = ""
    contacts: tuple[Contact, ...] = ()
    overview: str = ""  # Markdown narrative, already read from content/


@dataclass(frozen=True)
class Function:
    """Something a service delivers; `provider` is empty for in-house work."""

    name: str
    provider: str = ""


@dataclass(frozen=True)
class Update:
    date: When
    text: str
    line: int = field(default=0, compare=False)  # where it starts in its file, for messages


@dataclass(frozen=True)
class ActionStatus:
    """One status of the council's action scheme: its key (as plans write it), the label
    readers see, an icon shown beside the label, and an optional colour for the icon."""

    key: str
    label: str
    icon: str
    colour: str = ""  # "#rrggbb", contrast-checked against white; empty: the text colour
    builtin: bool = False  # a default label, translated through the message catalogue
    attention: bool = False  # an action with this status "needs attention" (at a glance)

    @property
    def text(self) -> str:
        return _(self.label) if self.builtin else self.label


ACTION_STAGES = {"in-progress": N_("In progress"), "complete": N_("Complete")}


@dataclass(frozen=True)
class Priority:
    number: int
    title: str
    area: str = ""
    themes: tuple[str, ...] = ()  # theme keys of the plan's corporate plan
    theme_text: str = ""  # free-text link to the corporate plan (older plans)
    resources: str = ""
    outcomes: tuple[str, ...] = ()
    target: When | None = None
    revised_target: When | None = None
    revised_reason: str = ""
    status: ActionStatus | None = None  # from the council's action scheme; None: not reported
    updates: tuple[Update, ...] = ()  # latest first
    percent_complete: float | None = None  # 0 to 100, as the council reports it
    stage: str = ""  # one of ACTION_STAGES, or empty when not given
    line: int = field(default=0, compare=False)  # where it starts in its file, for messages

    @property
    def latest_update(self) -> Update | None:
        return self.updates[0] if self.updates else None


PRIORITY_STATUSES = {
    "not-started": N_("Not started"),
    "on-track": N_("On track"),
    "at-risk": N_("At risk"),
    "delayed": N_("Delayed"),
    "complete": N_("Complete"),
    "cancelled": N_("Cancelled"),
}
# The action scheme a site uses unless site_config.yml gives its own: today's statuses.
DEFAULT_ACTION_SCHEME = tuple(
    ActionStatus(key, label, icon, builtin=True, attention=key in ("at-risk", "delayed"))
    for (key, label), icon in zip(PRIORITY_STATUSES.items(), ("○", "✓", "!", "!", "✓", "✕")))


@dataclass(frozen=True)
class Result:
    """One period's figure: a value, or no value with the reason it is not available."""

    value: float | bool | None = None
    comment: str = ""
    unavailable: str = ""  # reason the figure is not available


@dataclass(frozen=True)
class Season:
    """A seasonal target: a name (e.g. summer), the quarters it covers and its value."""

    name: str
    quarters: tuple[str, ...]
    value: float | bool


@dataclass(frozen=True)
class Target:
    """A KPI target: a value for the whole year and/or one per quarter or season, with display
    text, and the baseline and later-year targets a plan may set beside it."""

    value: float | bool | None = None
    text: str = ""
    quarters: tuple[tuple[str, float | bool], ...] = ()  # profiled or per-quarter targets
    seasons: tuple[Season, ...] = ()
    baseline: float | bool | None = None
    baseline_year: FinancialYear | None = None
    later: tuple[tuple[FinancialYear, float | bool], ...] = ()  # targets for later years

    def for_quarter(self, quarter: str) -> tuple[float | bool | None, str]:
        """The quarter's own target and where it comes from ("quarter" or a season's name)."""
        if quarter in dict(self.quarters):
            return dict(self.quarters)[quarter], "quarter"
        season = next((s for s in self.seasons if quarter in s.quarters), None)
        return (season.value, season.name) if season else (None, "")


@dataclass(frozen=True)
class Unit:
    """A unit of measure: its name for readers, and how a figure is written in it (a message
    with %(number)s, the figure already formatted)."""

    name: str
    written: str = "%(number)s"


UNITS = {"percent": Unit(N_("Percentage"), "%(number)s%%"), "number": Unit(N_("Number")),
         "pounds": Unit(N_("Pounds (£)"), "£%(number)s"),
         "per-100000": Unit(N_("Rate per 100,000"), N_("%(number)s per 100,000")),
         "yes-no": Unit(N_("Yes or no")), "days": Unit(N_("Days"), N_("%(number)s days"))}
POLARITIES = {"higher": N_("higher is better"), "lower": N_("lower is better"),
              "none": N_("information only")}
FREQUENCIES = {"monthly": N_("reported every month (M1 April to M12 March)"),
               "quarterly": N_("reported every quarter"),
               "six-monthly": N_("reported every six months (H1, H2)"),
               "years": N_("collected every few years")}
BASES = {"quarter": N_("figure for the quarter"),
         "quarter-end": N_("position at the end of the quarter"),
         "cumulative": N_("cumulative year to date"),
         "year-to-date": N_("rate for the year to date"),
         "annual": N_("reported once a year")}


@dataclass(frozen=True)
class Revision:
    """A target changed during the year: from which period on, to what value, and why."""

    period: str  # Q1..Q4: the first period judged against the new value
    value: float | bool
    reason: str
    date: When | None = None


@dataclass(frozen=True)
class Comparator:
    """A forecast or benchmark an indicator is shown beside: compared, never judged."""

    kind: str  # a key of COMPARATORS
    value: float | bool
    source: str = ""  # where it comes from, e.g. "CIPFA nearest neighbours 2024/25"


@dataclass(frozen=True)
class Outturn:
    """The level achieved in the year before the plan's ("last year's outturn")."""

    value: float | bool
    year: FinancialYear


COMPARATORS = {"forecast": N_("Forecast"), "benchmark": N_("Benchmark")}
LEVELS = {"corporate": N_("Corporate"), "service": N_("Service")}
INDICATOR_TYPES = (("key-result", "Key result (outcome)"),
                   ("performance", "Performance (service)"), ("contextual", "Contextual"))
CONTEXTUAL_TYPES = ("contextual",)  # the default types whose indicators are never judged


@dataclass(frozen=True)
class Kpi:
    key: str  # stable across years
    ref: str  # shown to readers for this year, e.g. KPI4
    title: str
    unit: str
    polarity: str
    basis: str
    notes: str = ""
    decimals: int | None = None
    target: Target = field(default_factory=Target)
    results: tuple[tuple[str, Result], ...] = ()  # (period, result), in the order of PERIODS
    tolerance_percent: float | None = None  # overrides the site's near-target tolerance
    type: str = ""  # a key of the site's indicator_types
    contextual: bool = False  # its type is contextual: never judged against a target
    level: str = ""  # a key of LEVELS, or empty
    lead_role: str = ""  # the lead officer, by role; a name is optional
    lead_name: str = ""
    directorate: str = ""
    themes: tuple[str, ...] = ()  # theme keys of the plan's corporate plan
    comparators: tuple[Comparator, ...] = ()
    revisions: tuple[Revision, ...] = ()  # in period order
    outturn: Outturn | None = None
    trend_tolerance: float | None = None  # overrides the site's trend tolerance
    status_scheme: str = ""  # the name of its status scheme ('' = the site's default)
    frequency: str = "quarterly"  # monthly | quarterly | six-monthly | years (FREQUENCIES)
    every_years: int = 1  # for frequency "years": collected every this many years...
    first_year: FinancialYear | None = None  # ...counting from this year
    target_review: str = ""  # why the target awaits review (a year started from the last)
    line: int = field(default=0, compare=False)  # where it starts in its file, for messages

    def collected_in(self, year: FinancialYear) -> bool:
        """Whether the figure is collected in `year` (always, unless every few years)."""
        if self.frequency != "years" or self.first_year is None:
            return True
        return (year.start - self.first_year.start) % self.every_years == 0

    @property
    def periods(self) -> tuple[str, ...]:
        return periods_for(self.frequency)

    def result(self, period: str) -> Result | None:
        return dict(self.results).get(period)

    def latest_in(self, period: str) -> str:
        """The period that reports `period`: itself, except that a quarter is reported by a
        six-monthly indicator's half-year ending with it (Q2 by H1, Q4 by H2) and by a
        monthly one's latest month in it with a result (else the quarter's last month)."""
        if self.frequency == "six-monthly":
            return {"Q2": "H1", "Q4": "H2"}.get(period, period)
        if self.frequency != "monthly" or period not in QUARTERS:
            return period
        months = [m for m in MONTHLY if quarter_of(m) == period]
        return next((m for m in reversed(months) if self.result(m)), months[-1])

    def revision_for(self, period: str) -> Revision | None:
        """The latest revision in force in `period` (a month: in its quarter; a whole year:
        the last revision)."""
        order = (*QUARTERS, "year")
        at = order.index(quarter_of(period) or period) if period in (*order, *MONTHLY) else 4
        return next((r for r in reversed(self.revisions) if order.index(r.period) <= at),
                    None)


VERSION_STAGES = {
    "draft": N_("Draft"),
    "scrutiny": N_("Considered by Overview and Scrutiny"),
    "approved": N_("Approved"),
    "update": N_("Progress update"),
    "superseded": N_("Superseded"),
}


_STOPS = (".", "!", "?")  # what ends a sentence
FROZEN_STAGES = ("scrutiny", "approved", "update")  # stages kept as a snapshot of the plan
PUBLISHED_STAGES = ("approved", "update")  # stages whose content the public site shows


@dataclass(frozen=True)
class Version:
    number: int
    stage: str
    date: When
    body: str = ""
    reference: str = ""
    note: str = ""
    # "sha256:<hex>" of the version's snapshot (see gate.digest); not part of what a version
    # says, so a snapshot that lists this version without it still agrees with the plan.
    digest: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)  # where it starts in its file, for messages

    def wording(self, note: bool = False) -> tuple[str | When, ...]:
        """The version in words, in parts (the date as a When, so a page can mark it up):
        'Version 2: Approved (Cabinet), 3 April 2025, minute 12'. With `note`, as sentences:
        a full stop after the words, then the note, if any."""
        parts: list[str | When] = [_("Version %(number)s", number=self.number),
                                   f": {_(VERSION_STAGES[self.stage])}"
                                   + (f" ({self.body})" if self.body else "") + ", ", self.date]
        if self.reference:
            parts.append(f", {self.reference}")
        if note:
            stop = "" if (self.reference or self.date.text).endswith(_STOPS) else "."
            parts.append(stop + (f" {self.note_sentence}" if self.note else ""))
        return tuple(parts)

    def describe(self, note: bool = False) -> str:
        """`wording` as plain text, for messages and the feed."""
        return "".join(p.text if isinstance(p, When) else p for p in self.wording(note))

    @property
    def note_sentence(self) -> str:
        """The note, ending with a full stop unless it is empty or already ends a sentence."""
        return self.note if not self.note or self.note.endswith(_STOPS) else f"{self.note}."


@dataclass(frozen=True)
class StaffLine:
    """One row of a staffing table: a post, how many posts and their full-time equivalent."""

    post: str
    posts: int | None = None
    fte: float | None = None


@dataclass(frozen=True)
class BudgetLine:
    """One row of a budget table: what the money is for and the amount in pounds."""

    line: str
    amount: float


@dataclass(frozen=True)
class Resources:
    staff: str = ""
    budget: str = ""
    funding: str = ""
    staffing: tuple[StaffLine, ...] = ()
    staffing_total: StaffLine | None = None  # only as the council publishes it
    budget_lines: tuple[BudgetLine, ...] = ()
    budget_total: float | None = None  # only as the council publishes it

    @property
    def any(self) -> bool:
        return bool(self.staff or self.budget or self.funding or self.staffing
                     or self.budget_lines)


@dataclass(frozen=True)
class SectionTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[str | float, ...], ...]  # a number is right-aligned as a figure
    caption: str = ""

    @property
    def numeric(self) -> tuple[bool, ...]:
        """For each column, whether it holds figures (right-aligned): every filled cell is
        a number."""
        return tuple(all(isinstance(r[i], (int, float)) for r in self.rows if r[i] != "")
                     and any(r[i] != "" for r in self.rows) for i in range(len(self.columns)))


@dataclass(frozen=True)
class Section:
    """A titled section of a plan's own, shown after its priorities."""

    title: str
    text: str = ""
    items: tuple[str, ...] = ()
    table: SectionTable | None = None


@dataclass(frozen=True)
class PlanYear:
    """One service's plan for one financial year."""

    year: FinancialYear
    service: str  # service key
    source: str  # data file, relative to the project
    corporate_plan: str = ""  # corporate plan key, empty when the plan predates it
    focus: str = ""
    overview: str = ""  # Markdown: the year's override of the service narrative
    in_house: tuple[Function, ...] = ()
    contracted: tuple[Function, ...] = ()
    functions_note: str = ""
    resources: Resources = field(default_factory=Resources)
    priorities: tuple[Priority, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    kpi_note: str = ""
    risks: str = ""
    sections: tuple[Section, ...] = ()
    versions: tuple[Version, ...] = ()  # oldest first
    frozen: tuple[PlanYear, ...] = ()  # the plan as frozen at each version in FROZEN_STAGES

    @property
    def path(self) -> str:
        """The plan page's address, e.g. "2025-26/corporate-services/"."""
        return f"{self.year.slug}/{self.service}/"

    @property
    def current_version(self) -> Version | None:
        """Where the plan stands: its latest version, but once superseded always the
        `superseded` record, whatever was recorded after it (such as a late Q4 update)."""
        superseded = next((v for v in self.versions if v.stage == "superseded"), None)
        return superseded or (self.versions[-1] if self.versions else None)

    def snapshot(self, number: int) -> PlanYear | None:
        """The plan as it was frozen at version `number`, if that version has a snapshot."""
        return next((s for s in self.frozen if s.versions[-1].number == number), None)


@dataclass(frozen=True)
class Narrative:
    """A Markdown page from content/: its address, title and text."""

    path: str  # address, e.g. "vision/"
    title: str
    markdown: str
    source: str
    description: str = ""
    nav_order: int = 100


@dataclass(frozen=True)
class ContentIndex:
    """What narrative Markdown may link to, and where each narrative text was written.

    Paths are relative to content/ ("services/waste.md", "chart.png").
    """

    origins: dict = field(default_factory=dict)  # Markdown text -> (path, line it starts on)
    pages: dict = field(default_factory=dict)  # path of a .md file -> (address, heading ids)
    files: dict = field(default_factory=dict)  # path of an image or document -> its bytes


@dataclass(frozen=True)
class SiteConfig:
    council_name: str
    council_url: str
    title: str
    base_url: str
    language: str
    contact_name: str
    contact_email: str
    contact_phone: str
    contact_url: str
    licence_name: str
    licence_url: str
    tolerance_percent: float
    primary_colour: str
    accent_colour: str
    statement_prepared: When | None
    statement_reviewed: When | None
    terms: Terms = Terms()  # the council's words for its plans (see i18n)
    action_scheme: tuple[ActionStatus, ...] = DEFAULT_ACTION_SCHEME
    indicator_types: tuple[tuple[str, str], ...] = INDICATOR_TYPES  # (key, name)
    contextual_types: tuple[str, ...] = CONTEXTUAL_TYPES  # keys of the contextual types
    trend_tolerance: float = 0  # a move of no more than this is "no significant change"
    status_schemes: tuple = ()  # the council's kpi_status.Scheme objects
    default_scheme: str = "standard"
    status_labels: tuple[tuple[str, str], ...] = ()  # (status key, the council's label)

    def indicator_type(self, key: str) -> str:
        """The name of indicator type `key`."""
        return dict(self.indicator_types).get(key, key)


@dataclass(frozen=True)
class Council:
    """Everything the site is built from, validated and cross-checked."""

    config: SiteConfig
    corporate_plans: tuple[CorporatePlan, ...]
    services: tuple[Service, ...]
    plans: tuple[PlanYear, ...]
    pages: tuple[Narrative, ...]
    home: Narrative | None = None
    years: tuple[FinancialYear, ...] = ()
    content: ContentIndex = field(default_factory=ContentIndex, compare=False)

    def service(self, key: str) -> Service:
        return next(s for s in self.services if s.key == key)

    def corporate_plan(self, key: str) -> CorporatePlan | None:
        return next((c for c in self.corporate_plans if c.key == key), None)

    def plans_for(self, year: FinancialYear) -> tuple[PlanYear, ...]:
        return tuple(p for p in self.plans if p.year == year)
