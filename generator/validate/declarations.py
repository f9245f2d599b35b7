"""Every field of every file kind, declared once: its name, type, whether it is required, the
words it allows, the example messages give, and its help text.

The declarations drive the readers in this package (which fields a block allows, what is
required, the example a message shows), the JSON Schema of each file kind and the field tables
of docs/data-reference.md (both written by `python -m generator.validate.generated --write`).
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from generator.i18n import TERM_NAMES, Terms
from generator.model.records import (ACTION_STAGES, BASES, LEVELS, PERIODS, POLARITIES, QUARTERS,
                                     UNITS, VERSION_STAGES)
from generator.model.status import FIXED

LANGUAGES = ("en-GB", "en")  # the languages the site's messages are written in
KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # lower-case words joined by hyphens
YEAR_PATTERN = r"^[0-9]{4}[/-][0-9]{2}$"  # a financial year, 2025/26 (or 2025-26)

# The types a field can have. A "block" holds fields; "blocks" is a list of blocks; a "map"
# holds entries under names the council chooses (or `words`), each declared by `item`.
TYPES = ("text", "key", "integer", "number", "figure", "yes-no", "choice", "date", "year",
         "texts", "url", "email", "colour", "block", "blocks", "map", "rows")
# The types each accessor of validate/fields.py reads (a block's `short` type counts too).
READS = {"text": ("text", "key", "url", "email", "colour", "choice"), "key": ("key",),
         "integer": ("integer",), "number": ("number", "figure"), "yes_no": ("yes-no", "figure"),
         "choice": ("choice",), "texts": ("texts",), "blocks": ("blocks",),
         "block": ("block", "map"), "when": ("date",), "year": ("year",)}


@dataclass(frozen=True)
class Field:
    """One field of a file kind. `short` is the type of the bare value a block may be written
    as instead (`target: 80` for `target: {value: 80}`); `need` replaces "required" or
    "optional" in the data reference where neither says it; `inline` lists a block's fields in
    its parent's table there."""

    name: str
    type: str
    help: str = ""
    required: bool = False
    example: str = ""
    words: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    short: str = ""
    keys: str = ""
    item: Field | None = None
    need: str = ""
    inline: bool = True

    def __post_init__(self):
        assert self.type in TYPES and (not self.short or self.short in TYPES), self

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @functools.cached_property
    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in reversed(self.fields)}  # the first of a name wins

    def child(self, name) -> Field | None:
        """The declaration of a field of this block (of each entry, for a map)."""
        if self.type == "map":
            return self.item
        return self._by_name.get(name)

    @functools.cached_property
    def _readable(self) -> dict[tuple[str, str], Field]:
        """Each field by (name, accessor) for the accessors that read its type ("" names
        every entry of a map)."""
        fields = (self.item,) if self.type == "map" else tuple(self._by_name.values())
        return {("" if self.type == "map" else f.name, accessor): f for f in fields if f
                for accessor, types in READS.items() if f.type in types or f.short in types}

    def read_by(self, name, accessor: str) -> Field | None:
        """The declaration of field `name` when `accessor` reads its type, else None."""
        return self._readable.get(("" if self.type == "map" else name, accessor))


@dataclass(frozen=True)
class Kind:
    """A kind of data file: `name` names its schema (docs/schemas/<name>.schema.json)."""

    name: str
    title: str
    files: str
    root: Field

    @property
    def schema_path(self) -> str:
        return f"docs/schemas/{self.name}.schema.json"


def _figure(name: str, help: str, **more) -> Field:
    return Field(name, "figure", help, **more)


# site_config.yml --------------------------------------------------------------------------

BAND_FIELDS = (  # each band of a status scheme
    Field("key", "key", "The band's key: lower-case words and hyphens, unique on the site, "
          "e.g. `green`.", required=True, example="green"),
    Field("label", "text", "Shown on every page and in the downloads, e.g. `Green`.",
          required=True, example="Green"),
    Field("meaning", "text", "What the band means, shown on `/kpis/`."),
    Field("spoken", "text", "What screen readers say instead of the label."),
    Field("icon", "text", "Up to 3 characters (default ●).", example="●"),
    Field("colour", "colour", "The icon's colour, in quotes, like `\"#1b6e35\"`."),
    Field("within_percent", "number", "How far from the target the band reaches, in per cent "
          "of the target. Every band but the last gives this or `within_points`.", example="5"),
    Field("within_points", "number", "How far from the target the band reaches, in the "
          "indicator's unit.", example="1"),
)

SETTINGS = Field("settings", "block", fields=(
    Field("council", "block", "A block about the council.", required=True, fields=(
        Field("name", "text", "The council's name, e.g. `Exampleshire District Council`.",
              required=True, example="Exampleshire District Council"),
        Field("website", "url", "The council's main website (a web address, see below).",
              example="https://www.example.gov.uk/"),
    )),
    Field("site", "block", "A block about this site.", required=True, fields=(
        Field("title", "text", "The site's title, shown on every page.", required=True,
              example="Service plans"),
        Field("base_url", "url", "The full address the site is published at, e.g. "
              "`https://plans.example.gov.uk/`, or a folder of the council's website such as "
              "`https://www.example.gov.uk/plans/` (see [Publishing](../README.md#in-a-subfolder"
              "-of-the-councils-website)). The sitemap and `robots.txt` give addresses from "
              "it. It has no `?` or `#` part; an `&` or a letter outside A–Z in its path is "
              "written percent-encoded (`&` as `%26`), which a web server reads as the same "
              "address.", required=True, example="https://plans.example.gov.uk/"),
        Field("language", "choice", "The language of the pages: `en-GB` (the default) or `en`. "
              "Plansite's own words (headings, labels, explanations) exist only in English so "
              "far, so any other language is refused: the pages would be labelled in a "
              "language they are not written in (WCAG 2.2, 3.1.1).", words=LANGUAGES),
        Field("colours", "block", "The site's colours.", fields=(
            Field("primary", "colour", "Main colour, as `\"#1d4f91\"` (in quotes). Default "
                  "`\"#1d4f91\"`. White text is shown on it and it is used for links on white, "
                  "so it must be dark enough: a contrast of at least 4.5:1 with white (WCAG 2.2 "
                  "AA). A lighter colour is refused with its measured contrast and a darker "
                  "shade to use. In the dark colour scheme links use a light tint of it."),
            Field("accent", "colour", "Accent colour (links under the pointer, keyboard focus), "
                  "written the same way, with the same 4.5:1 rule. Default `\"#1d4f91\"`."),
        )),
    )),
    Field("contact", "block", "How residents reach the council. Give at least one of `email`, "
          "`phone` or `url`. Every page's footer links to the `email` (or else the `url`), "
          "beside open data, the accessibility statement, the feed and the licence.",
          required=True, fields=(
              Field("name", "text", "Who to contact, e.g. `Performance team`."),
              Field("email", "email", "One email address, like `plans@example.gov.uk` (a "
                    "`mailto:` in front is allowed and dropped)."),
              Field("phone", "text", "A phone number, in quotes."),
              Field("url", "url", "A contact web page (a web address, see below).",
                    example="https://www.example.gov.uk/contact-us"),
          )),
    Field("open_data", "block", "About the open data downloads.", fields=(
        Field("licence", "text", "The licence for the downloads at `/data/`, stated on that "
              "page and in every JSON file. Default `Open Government Licence v3.0`."),
        Field("licence_url", "url", "The licence's web address (see below). Default: the "
              "National Archives page for OGL v3.0.", example="https://www.nationalarchives."
              "gov.uk/doc/open-government-licence/version/3/"),
    )),
    Field("kpi_status", "block", "How indicators' statuses are worked out.", fields=(
        Field("near_target_percent", "number", "How close to target counts as \"near "
              "target\", in per cent of the target, from 0 to 100. Default `5`. An indicator "
              "can set its own (see KPIs).", example="5"),
        Field("trend_tolerance", "number", "How far a figure may move, in the indicator's own "
              "unit (points for a percentage, days for days), and still show **no significant "
              "change** rather than better or worse. Default `0`: every move counts. An "
              "indicator can set its own (see KPIs).", example="0.1"),
        Field("scheme", "text", "The name of the scheme that judges every indicator that does "
              "not name its own (`status_scheme`). Default `standard`: on target, near target "
              "(within `near_target_percent`), off target.", example="rag"),
        Field("labels", "block", "The council's words for the statuses that are not bands: "
              + ", ".join(f"`{key}`" for key in FIXED) + ", e.g. `no-data: \"Grey: no "
              "data\"`. Their meaning stays the same.", inline=False,
              fields=tuple(Field(key, "text", f"The words for `{key}`.") for key in FIXED)),
        Field("schemes", "map", "The council's own status keys (red/amber/green and the like), "
              "each a named list of bands: see [Status schemes](#status-schemes-the-councils-"
              "own-key).", keys=KEY_PATTERN, item=Field("scheme", "block", fields=(
                  Field("title", "text", "How `/kpis/` names the key."),
                  Field("bands", "blocks", "The bands, in order, closest to the target first; "
                        "the last has no limit.", required=True, fields=BAND_FIELDS),
              ))),
    )),
    Field("accessibility", "block", "About the accessibility statement.", fields=(
        Field("prepared", "date", "When the accessibility statement was prepared (a date)."),
        Field("reviewed", "date", "When it was last reviewed (a date)."),
    )),
    Field("terms", "block", "The council's own words for the parts of its plans: see [The "
          "council's own words](#the-councils-own-words-terms).", inline=False,
          fields=tuple(Field(name, "block", f"The words for a {name}.", fields=(
              Field("singular", "text", "The word for one.", required=True,
                    example=getattr(Terms(), name).singular),
              Field("plural", "text", "The word for several.", required=True,
                    example=getattr(Terms(), name).plural),
          )) for name in TERM_NAMES)),
    Field("action_status", "blocks", "The council's own list of statuses for its priorities "
          "(actions): see [Priority status](#priority-status-the-councils-action-scheme). "
          "Default: the six statuses in that section.", fields=(
              Field("key", "key", "What plans write in `status`: lower-case letters, digits "
                    "and hyphens, e.g. `partly`.", required=True, example="achieved"),
              Field("label", "text", "What readers see, e.g. `Partially achieved`.",
                    required=True, example="Achieved"),
              Field("icon", "text", "One symbol shown before the label, e.g. `✓`, `◐`, `✕`, "
                    "`?` (screen readers skip it: the label says it all).", required=True,
                    example="✓"),
              Field("colour", "colour", "The icon's colour on the light background, as "
                    "`\"#1b6e35\"` (in quotes); it must have a contrast of at least 4.5:1 with "
                    "white, like the site's colours. The dark scheme shows icons in the text "
                    "colour."),
              Field("attention", "yes-no", "`yes` for a status that needs attention: \"At a "
                    "glance\" lists each priority with it under **Needs attention**, beside the "
                    "indicators off target. Default `no`. In the default list, `at-risk` and "
                    "`delayed` need attention."),
          )),
    Field("indicator_types", "blocks", "The types an indicator's `type` can name, each a `key`, "
          "the `name` readers see and, for a type that is never judged against a target, "
          "`contextual: yes`, in the order you want them. Default: `key-result` \"Key result "
          "(outcome)\", `performance` \"Performance (service)\", `contextual` \"Contextual\" "
          "(contextual). See [Indicator type, ownership and links](#indicator-type-ownership-"
          "and-links).", fields=(
              Field("key", "key", "What an indicator's `type` names.", required=True,
                    example="key-result"),
              Field("name", "text", "What readers see.", required=True,
                    example="Key result (outcome)"),
              Field("contextual", "yes-no", "`yes` for a type never judged against a target: "
                    "its indicators show their figures beside a forecast or benchmark."),
          )),
))

# data/corporate-plans/*.yml ---------------------------------------------------------------

CORPORATE_PLAN = Field("corporate plan", "block", fields=(
    Field("title", "text", "e.g. `Corporate Plan 2023–2027`.", required=True),
    Field("period", "text", "The years it covers, e.g. `2023–2027`. Shown on the Themes page, "
          "and beside the title on the home page when the title does not already give it.",
          required=True, example="2023–2027"),
    Field("summary", "text", "A short description of the plan."),
    Field("vision", "text", "The plan's vision statement, shown on the Themes page."),
    Field("values", "texts", "A list of the council's values, shown on the Themes page."),
    Field("approved", "date", "When the council approved it (a date, month or words), shown "
          "on the Themes page."),
    Field("themes", "blocks", "A list of the plan's themes (see below).", required=True,
          fields=(
              Field("key", "key", "The theme's key, e.g. `planet`. Priorities link to themes "
                    "by this key. It is also the web address `/themes/planet/`.",
                    required=True, example="planet"),
              Field("name", "text", "The name shown, e.g. `Planet`.", required=True,
                    example="Planet"),
              Field("summary", "text", "What the theme means."),
              Field("underpinning", "yes-no", "`yes` for a theme that underpins the others, "
                    "such as \"A resilient council\". Default `no`."),
          )),
))

# data/services/*.yml ----------------------------------------------------------------------

SERVICE = Field("service", "block", fields=(
    Field("name", "text", "The service's name, e.g. `Corporate Services`.", required=True,
          example="Corporate Services"),
    Field("summary", "text", "One sentence saying what the service does. Shown in lists of "
          "services."),
    Field("directorate", "text", "The directorate it belongs to, shown under the title of its "
          "plan pages and in each year's table of plans."),
    Field("contacts", "blocks", "A list of contacts (see below).", fields=(
        Field("name", "text", "The contact's name.", required=True),
        Field("role", "text", "Their role."),
        Field("email", "email", "Their email address."),
        Field("phone", "text", "Their phone number, in quotes."),
    )),
    Field("overview", "text", "The Markdown file in `content/` with the service's overview, "
          "e.g. `services/corporate-services.md`.", example="services/corporate-services.md"),
))

# data/plans/YEAR/*.yml: a plan, its priorities and its indicators --------------------------

UPDATE = Field("updates", "blocks", "The dated comments: a list of progress updates. Keep "
               "every update; add new ones. The latest is shown first.", fields=(
                   Field("date", "date", "When: a date, month, quarter or words.",
                         required=True),
                   Field("text", "text", "What happened.", required=True),
               ))

PRIORITY = Field("priorities", "blocks", "A list of priorities. See [Priorities](#priorities).",
                 fields=(
    Field("number", "integer", "The priority's number in the plan: a whole number, different "
          "for each priority. Priorities are shown in number order.", required=True),
    Field("title", "text", "What the priority is.", required=True),
    Field("area", "text", "The area of work it belongs to, e.g. `Finance/Resources`, `IT`, "
          "`Climate Change`."),
    Field("themes", "texts", "The corporate-plan themes it supports: a list of theme keys, "
          "e.g. `[planet, people]`, or `all`. The plan must name its `corporate_plan`."),
    Field("corporate_plan_link", "text", "For older plans whose link to the corporate plan was "
          "written as prose: that text."),
    Field("resources", "text", "The staff, money or other resources it needs."),
    Field("outcomes", "texts", "A list of the expected outcomes."),
    Field("target", "date", "When it should be complete: a [date, month, quarter or words]"
          "(#dates-months-quarters-and-words)."),
    Field("revised_target", "date", "A new completion date, if the target moved."),
    Field("revised_reason", "text", "Why the target moved. Give it whenever the plan says; "
          "older plans sometimes record a new date without a reason.",
          need="optional, only with `revised_target`"),
    Field("status", "key", "Where it stands: one of the keys of the council's action statuses "
          "(below). Leave it out if the plan gives none; it is then shown as \"Not "
          "reported\"."),
    UPDATE,
    Field("percent_complete", "number", "How much is done, from 0 to 100, without the % sign, "
          "e.g. `60` or `62.5`. Shown as \"60% complete\".", example="60"),
    Field("stage", "choice", "`in-progress` or `complete`, shown as \"In progress\" or "
          "\"Complete\".", words=tuple(ACTION_STAGES)),
))


def _value_or_block(name: str, help: str, *fields: Field, **more) -> Field:
    """A block that may be written as just its figure (`name: 80` for `name: {value: 80}`)."""
    return Field(name, "block", help, short="figure", fields=(
        _figure("value", "The figure: a number without `%` or `£`, or `yes`/`no` for a yes-no "
                "indicator."), *fields), **more)


TARGET = _value_or_block(
    "target", "The target. See below. Leave it out if there is none (shown as \"–\").",
    Field("text", "text", "Shown to readers instead of the plain number."),
    Field("quarters", "block", "Targets for `Q1` to `Q4`.", inline=False,
          fields=tuple(_figure(q, f"The target for {q}.") for q in QUARTERS)),
    Field("seasons", "map", "A target for each season, each named (any word) with the "
          "`quarters` it covers and its `value`.", item=Field("season", "block", fields=(
              Field("quarters", "texts", "The quarters the season covers, like `[Q1, Q2]`.",
                    required=True, words=QUARTERS),
              _figure("value", "The season's target."),
          ))),
    _value_or_block("baseline", "The starting figure the plan measures from.",
                    Field("year", "year", "The year it is from.")),
    Field("later", "map", "Targets the plan sets for later years, each written as "
          "`2026/27: 85`.", keys=YEAR_PATTERN, item=_figure("target", "The later year's "
                                                           "target.")),
    inline=False,
)

RESULT = _value_or_block(
    "result", "The figure reported for a period (or just the figure).",
    Field("comment", "text", "The service's commentary on the figure."),
    Field("not_available", "text", "Instead of a value: why the figure is not available."),
)

INDICATOR = Field("kpis", "blocks", "A list of indicators. See "
                  "[KPIs](#key-performance-indicators-kpis).", fields=(
    Field("ref", "text", "The reference readers see this year, e.g. `KPI4`. Different for each "
          "indicator in the plan.", required=True, example="KPI1"),
    Field("key", "key", "A stable key for what it measures, e.g. `calls-answered-30-seconds`. "
          "Use the **same key every year** for the same measure, even if the council renumbers "
          "it. This is what joins the years together on the page `/kpis/<key>/`.",
          required=True, example="council-tax-collected"),
    Field("title", "text", "What it measures.", required=True),
    Field("notes", "text", "More detail: how it is measured, and any context."),
    Field("unit", "choice", "How the figures are shown. See below.", required=True,
          words=tuple(UNITS)),
    Field("polarity", "choice", "Whether higher or lower is better. See below.", required=True,
          words=tuple(POLARITIES)),
    Field("basis", "choice", "What each figure covers. See below.", required=True,
          words=tuple(BASES)),
    Field("decimals", "integer", "How many decimal places to show, e.g. `1` when the plan says "
          "\"rounded to one decimal place\".", example="1"),
    TARGET,
    Field("near_target_percent", "number", "This indicator's own \"near target\" margin, in "
          "per cent of its target, from 0 to 100. Leave it out to use the site's margin from "
          "`site_config.yml`. Not allowed for `yes-no` indicators or polarity `none`.",
          example="5"),
    Field("trend_tolerance", "number", "This indicator's own trend tolerance, in its unit: a "
          "figure that moves by no more than this shows **no significant change**, e.g. `0.1` "
          "for days to one decimal place. Leave it out to use the site's (see the settings "
          "file). Not allowed for `yes-no` indicators.", example="0.1"),
    Field("status_scheme", "key", "The name of the status scheme that judges it (one of "
          "`kpi_status` → `schemes`, or `standard`). Leave it out to use the site's default "
          "scheme. See [Status schemes](#status-schemes-the-councils-own-key).", example="rag"),
    Field("frequency", "block", "How often the figure comes: `quarterly` (the default), "
          "`monthly` (results for `M1`, April, to `M12`, March), `six-monthly` (results for "
          "`H1` and `H2`), or every few years, written "
          "`{every_years: 2, first_year: 2023/24}` (with `basis: annual`). See [How "
          "often](#how-often-frequency).", short="choice",
          words=("quarterly", "monthly", "six-monthly"),
          inline=False, fields=(
              Field("every_years", "integer", "Every how many years, from 2 to 10.",
                    required=True, example="2"),
              Field("first_year", "year", "A year it is collected in, like `2023/24`.",
                    required=True),
          )),
    Field("results", "map", "The figures reported so far. See below.", words=PERIODS,
          item=RESULT),
    Field("type", "key", "One of the site's `indicator_types` keys, e.g. `key-result` or "
          "`contextual`. See [Indicator type, ownership and links](#indicator-type-ownership-"
          "and-links)."),
    Field("level", "choice", "`corporate` or `service`.", words=tuple(LEVELS)),
    Field("lead_officer", "block", "The lead officer's role, e.g. `Head of Finance`; or a "
          "block with `role` (required) and `name` (optional).", short="text",
          example="Head of Finance", inline=False, fields=(
              Field("role", "text", "The lead officer's role.", required=True,
                    example="Head of Finance"),
              Field("name", "text", "Their name."),
          )),
    Field("directorate", "text", "The directorate responsible for it."),
    Field("themes", "texts", "Keys of the corporate plan's themes it serves, like a priority's "
          "`themes` (or `all`)."),
    *(_value_or_block(kind, "A figure to compare with, never judged as a target: a number, or "
                      "`{value, source}`. See [Forecasts and benchmarks](#forecasts-and-"
                      "benchmarks).", Field("source", "text", "Where it comes from."),
                      inline=False) for kind in ("forecast", "benchmark")),
    Field("revisions", "blocks", "Changes to the target during the year. See [Target "
          "revisions](#target-revisions).", inline=False, fields=(
              Field("from", "choice", "The first quarter the new target applies to.",
                    required=True, words=QUARTERS),
              _figure("value", "The new target."),
              Field("reason", "text", "Why it changed.", required=True,
                    example="the budget was reduced"),
              Field("date", "date", "When it was decided."),
          )),
    _value_or_block("last_year", "Last year's outturn (\"level achieved\"): a number, or "
                    "`{value, year}`. See [Last year's outturn](#last-years-outturn).",
                    Field("year", "year", "The year it is from (default: the year before the "
                          "plan's)."), inline=False),
    Field("target_review", "text", "Why the target still needs checking, e.g. `carried from "
          "2025/26`: the target was copied from last year's plan. Previews show it beside the "
          "target as \"To be reviewed (carried from 2025/26).\" Delete the line once the "
          "target is confirmed: `plansite approve` and `plansite update` refuse a plan that "
          "still has one, so it never reaches the public site.",
          example="carried from 2025/26", need="written by `plansite new-year`"),
))

VERSION = Field("versions", "blocks", "The plan's history: draft, scrutiny, approval, updates. "
                "See [Versions](#versions-and-approval).", fields=(
    Field("version", "integer", "1 for the first version, then 2, 3 and so on.",
          required=True),
    Field("stage", "choice", "Which stage this version is. See below.", required=True,
          words=tuple(VERSION_STAGES)),
    Field("date", "date", "When it happened: a date (`2025-04-03`), a month (`2025-04`) or a "
          "quarter, not words. Each version must be dated on or after the one before.",
          required=True),
    Field("body", "text", "Who considered it, e.g. `Overview and Scrutiny Committee` or "
          "`Cabinet`."),
    Field("reference", "text", "The minute or decision reference, e.g. `Minute 126`."),
    Field("note", "text", "A short note, e.g. what changed."),
    Field("snapshot", "text", "The digest of this version's snapshot, like `sha256:3f2a…` (64 "
          "hex digits). Written by `plansite scrutiny`, `approve` and `update`; never edit it.",
          need="written by the commands"),
))

STAFF = (Field("posts", "integer", "How many posts, a whole number.", example="3"),
         Field("fte", "number", "Full-time equivalent, a number such as `2.5`.", example="2.5"))

PLAN = Field("plan", "block", fields=(
    Field("service", "key", "The key of the service, e.g. `corporate-services`. It must match "
          "a file in `data/services/`.", required=True, example="corporate-services"),
    Field("corporate_plan", "text", "The key of the corporate plan in force, e.g. `2023-2027`. "
          "Needed if priorities link to `themes`. Leave it out for older plans that predate "
          "the corporate plans you have recorded.", example="2023-2027"),
    Field("focus", "text", "What this year's plans concentrate on."),
    Field("overview", "text", "A Markdown file that replaces the service's overview for this "
          "year only, e.g. `services/corporate-services-2022-23.md`.",
          example="services/corporate-services.md"),
    Field("functions", "block", "What the service delivers (see below).", fields=(
        Field("in_house", "texts", "A list of what the council's own staff deliver."),
        Field("contracted", "blocks", "A list of services delivered through outsourced or "
              "shared contracts. Each has a `name` (**required**) and a `provider` (optional), "
              "e.g. `name: Leisure Centre operation`, `provider: Everyone Active`.", fields=(
                  Field("name", "text", "The contracted service.", required=True),
                  Field("provider", "text", "Who provides it."),
              )),
        Field("note", "text", "Any other note about what the service covers."),
    )),
    Field("resources", "block", "The service's resources (see below).", fields=(
        Field("staff", "text", "The staff, as the plan words it."),
        Field("budget", "text", "The budget, as the plan words it, e.g. `\"£1.2m net\"`."),
        Field("funding", "text", "Where the money comes from, as the plan words it."),
        Field("staffing", "blocks", "A list of posts. Each has a `post` (**required**, its "
              "name), `posts` (how many, a whole number) and `fte` (full-time equivalent, a "
              "number such as `2.5`); give `posts`, `fte` or both.", fields=(
                  Field("post", "text", "The post's name.", required=True,
                        example="Waste officer"), *STAFF)),
        Field("staffing_total", "block", "The total as the plan publishes it: `posts` and/or "
              "`fte`. Shown as the table's last row.", inline=False, fields=STAFF),
        Field("budget_lines", "blocks", "A list of budget lines. Each has a `line` "
              "(**required**, what the money is for) and an `amount` (**required**, in pounds, "
              "a plain number such as `980000`, without £ or commas; pence as `1250.50`).",
              fields=(
                  Field("line", "text", "What the money is for.", required=True,
                        example="Employees"),
                  Field("amount", "number", "In pounds, a plain number.", required=True,
                        example="125000"),
              )),
        Field("budget_total", "number", "The total as the plan publishes it, in pounds. Shown "
              "as the table's last row.", example="125000"),
    )),
    PRIORITY,
    INDICATOR,
    Field("kpi_note", "text", "A note shown with the indicator table, e.g. why some indicators "
          "are missing."),
    Field("risks", "text", "A summary of the service's risks and how they are managed."),
    Field("sections", "blocks", "Titled sections of the plan's own, such as \"Other "
          "work-streams\" or \"Risks\", shown after the priorities (see below).", fields=(
              Field("title", "text", "The section's heading.", required=True,
                    example="Other work-streams"),
              Field("text", "text", "Text; after `\\|` it keeps its line breaks, and a blank "
                    "line starts a new paragraph."),
              Field("items", "texts", "A list, shown as a bulleted list."),
              Field("table", "block", "A table: `columns` (**required**, the column headings), "
                    "`rows` (**required**, each row a list with one cell per column) and an "
                    "optional `caption` (default: the section's title). The first cell of a row "
                    "heads the row; a column whose cells are all numbers is right-aligned.",
                    inline=False, fields=(
                        Field("caption", "text", "The table's caption."),
                        Field("columns", "texts", "The column headings.", required=True),
                        Field("rows", "rows", "Each row a list with one cell per column.",
                              required=True),
                    )),
          )),
    VERSION,
))

# content/*.md: the front matter of a narrative page ---------------------------------------

FRONT_MATTER = Field("front matter", "block", fields=(
    Field("title", "text", "The page's title, shown as its main heading, in the menu and in the "
          "browser tab. On the home page it replaces the site title (`site.title`) as the "
          "page's heading and tab title.", need="see below"),
    Field("description", "text", "One sentence about the page, for search engines and link "
          "previews. On the home page it replaces \"*Council name*: service plans, priorities "
          "and performance.\""),
    Field("nav_order", "integer", "The page's place in the menu: a whole number from 1. Lower "
          "numbers come first. A page without one counts as 100. Not used on the home page, "
          "which is always first."),
))

KINDS = (
    Kind("settings", "Plansite settings (site_config.yml)", "site_config.yml", SETTINGS),
    Kind("corporate-plan", "Plansite corporate plan", "data/corporate-plans/*.yml",
         CORPORATE_PLAN),
    Kind("service", "Plansite service", "data/services/*.yml", SERVICE),
    Kind("plan", "Plansite plan of one service for one year", "data/plans/YEAR/*.yml", PLAN),
)
# The field tables of the data reference, by the name in their marker comment.
TABLES = {"settings": SETTINGS, "corporate-plan": CORPORATE_PLAN, "service": SERVICE,
          "plan": PLAN, "front-matter": FRONT_MATTER}

SCHEMA_COMMENT = "# yaml-language-server: $schema="


def kind_of(path: str) -> Kind | None:
    """The kind of the data file at `path` (relative to the project), None for any other.
    A plan's snapshots (data/plans/YEAR/versions/SERVICE/vN.yml) are plans too."""
    parts = path.split("/")
    if path == "site_config.yml":
        return KINDS[0]
    if len(parts) == 3 and parts[0] == "data" and parts[1] in ("corporate-plans", "services"):
        return KINDS[1] if parts[1] == "corporate-plans" else KINDS[2]
    if len(parts) in (4, 6) and parts[:2] == ["data", "plans"]:
        return KINDS[3] if len(parts) == 4 or parts[3] == "versions" else None
    return None


def without_schema_line(text: str) -> str:
    """A data file's text without its first line if that names a schema."""
    return text.split("\n", 1)[1] if text.startswith(SCHEMA_COMMENT) and "\n" in text else text


def schema_line(path: str) -> str:
    """The first line naming the schema of the data file at `path`, relative to the file."""
    kind = kind_of(path)
    if kind is None:
        raise ValueError(f"{path} is not a data file of Plansite")
    return SCHEMA_COMMENT + posixpath.relpath(kind.schema_path, posixpath.dirname(path) or ".")
