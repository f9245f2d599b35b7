"""Validate the council's status schemes (kpi_status in site_config.yml) and the indicators
that name one."""

from __future__ import annotations

from generator.render.colour import WHITE, contrast, darken
from generator.errors import Problems
from generator.validate.fields import KEY, Fields
from generator.model.status import FIXED, STANDARD, STATUSES, Band, Scheme, Status
from generator.load.yamlfile import Map, Seq

MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal-size text
_HEX = "0123456789abcdefABCDEF"


def read_colour(f: Fields, key: str, shown: str = "on white it") -> str:
    """A '#rrggbb' colour dark enough to read on white ('' when absent or wrong: reported);
    `shown` says how it is shown, for the message."""
    value = f.text(key)
    if value and not (len(value) == 7 and value[0] == "#" and all(c in _HEX for c in value[1:])):
        f.problem(key, f"colour '{value}' is not a hex colour",
                  "write it as # and six hex digits, like \"#00567d\" (in quotes)")
        return ""
    if value and (ratio := contrast(value, WHITE)) < MIN_CONTRAST:
        f.problem(key, f"colour '{value}' is too light: {shown} has a contrast of "
                  f"{ratio:.2f}:1, below the {MIN_CONTRAST}:1 that WCAG 2.2 AA needs",
                  f"choose a darker shade, such as \"{darken(value)}\"")
        return ""
    return value


def read_schemes(status: Fields) -> tuple[tuple[Scheme, ...], str, tuple[tuple[str, str], ...]]:
    """The council's schemes, the default scheme's name and its labels for the statuses that
    are no band, from the kpi_status block."""
    schemes = _named_schemes(status.block("schemes"))
    names = (STANDARD, *(s.name for s in schemes))
    default = status.text("scheme") or STANDARD
    if default not in names:
        status.problem("scheme", f"the default scheme '{default}' is not one of the schemes "
                       f"({', '.join(names)})", "check the spelling, or add the scheme under "
                       "kpi_status → schemes")
        default = STANDARD
    labels = status.block("labels")
    if labels:
        labels.allow()
    own = tuple((key, text) for key in FIXED if labels and (text := labels.text(key)))
    return tuple(schemes), default, own


def _named_schemes(block: Fields | None) -> list[Scheme]:
    """The schemes under kpi_status → schemes, each with its bands checked."""
    if block is None:
        return []
    schemes: list[Scheme] = []
    owners: dict[str, str] = {}  # band key -> the scheme it is in
    for name in block.data:
        s = block.entry(name, f"the '{name}' scheme")
        if not KEY.match(str(name)) or name == STANDARD:
            block.problem(name, f"the scheme name '{name}' "
                          + ("is the built-in scheme's" if name == STANDARD else
                             "may only use lower-case letters, digits and single hyphens"),
                          "name it in lower-case words joined by hyphens, like rag")
            continue
        s.allow()
        bands = _bands(s, str(name), owners)
        if bands:
            schemes.append(Scheme(str(name), s.text("title") or str(name), bands))
    return schemes


def _bands(s: Fields, name: str, owners: dict[str, str]) -> tuple[Band, ...]:
    """A scheme's bands, in order: each but the last reaches a limit further from the target
    than the one before; the last takes every other result."""
    items = s.blocks("bands", "band")
    if len(items) == 1:
        s.problem("bands", f"{s.what} has one band; a result is either in a band or beyond it",
                  "give at least two bands, the last with no limit")
    bands: list[Band] = []
    previous: dict[bool, float] = {}  # points? -> the last limit of that kind
    for index, b in enumerate(items):
        b.what = f"band {index + 1} of {s.what}"
        b.allow()
        key, label, icon = b.key("key"), b.text("label"), b.text("icon")
        if len(icon) > 3:
            b.problem("icon", f"the icon of {b.what} is '{icon}', longer than 3 characters",
                      "use one symbol, like icon: \"●\" (the label says the rest)")
            icon = ""
        limit, points = _limit(b, last=index == len(items) - 1)
        if limit is not None and previous.get(points, -1) >= limit:
            b.problem("within_points" if points else "within_percent",
                      f"{b.what} reaches {limit:g}{'' if points else '%'}, no further than "
                      "the band before it, so no result could be in it",
                      "order the bands from the closest to the target to the furthest")
        if limit is not None:
            previous[points] = limit
        if key in STATUSES:
            b.problem("key", f"'{key}' is the key of a built-in status",
                      f"give the band a key of its own, like {name}-{key}")
            continue
        if key in owners:
            b.problem("key", f"the band key '{key}' is also used in the '{owners[key]}' scheme",
                      f"give each band its own key, like {name}-{key}")
            continue
        if key and label:
            owners[key] = name
            status = Status(key, label, b.text("meaning"), own=True, spoken=b.text("spoken"),
                            icon=icon or "●", colour=read_colour(b, "colour"))
            bands.append(Band(status, f"band-{key}", limit, points))
    return tuple(bands) if len(bands) == len(items) else ()


def _limit(b: Fields, last: bool) -> tuple[float | None, bool]:
    """How far from the target a band reaches: (limit, whether it is in points)."""
    percent, points = b.number("within_percent"), b.number("within_points")
    given = [k for k, v in (("within_percent", percent), ("within_points", points))
             if v is not None]
    if last and given:
        b.problem(given[0], f"{b.what} is the last band: it takes every result the bands "
                  "before it leave, so it has no limit", f"remove {given[0]}")
        return None, False
    if not last and not given:
        b.problem("key", f"{b.what} does not say how far from the target it reaches",
                  "add within_percent: 5 (per cent of the target) or within_points: 1 (in "
                  "the indicator's unit)")
        return 0, False
    if len(given) == 2:
        b.problem("within_points", f"{b.what} has both within_percent and within_points",
                  "keep one of them")
    value = percent if percent is not None else points
    if value is not None and value < 0:
        b.problem(given[0], f"{b.what} reaches {value:g}, below zero",
                  f"write how far a result may miss the target, like {given[0]}: 5")
        return 0, False
    return value, percent is None and points is not None


def check_indicator_schemes(plan_years, config, docs: dict, problems: Problems) -> None:
    """Each indicator's status_scheme is one of the site's schemes, and its own near-target
    margin is only for the standard scheme."""
    names = {STANDARD, *(s.name for s in config.status_schemes)}
    for plan in plan_years:
        doc = docs.get(plan.source)
        items = doc.data.get("kpis") if doc is not None and isinstance(doc.data, dict) \
            else None
        for index, kpi in enumerate(plan.kpis):
            block = items[index] if isinstance(items, Seq) and index < len(items) else None
            line = block.line_of("status_scheme") if isinstance(block, Map) else 0
            scheme = kpi.status_scheme or config.default_scheme
            if kpi.status_scheme and kpi.status_scheme not in names:
                problems.add(plan.source, line, f"indicator {kpi.ref} uses status_scheme "
                             f"'{kpi.status_scheme}', which is not one of the schemes "
                             f"({', '.join(sorted(names))})", "check the spelling, or add "
                             "the scheme under kpi_status → schemes in site_config.yml")
            elif kpi.tolerance_percent is not None and scheme != STANDARD:
                line = block.line_of("near_target_percent") if isinstance(block, Map) \
                    else 0
                problems.add(plan.source, line, f"indicator {kpi.ref} has near_target_percent, "
                             f"which is the margin of the standard scheme, but it is judged "
                             f"with the '{scheme}' scheme", "remove near_target_percent (the "
                             "scheme's bands set their own limits), or write status_scheme: "
                             "standard")
