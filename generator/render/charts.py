"""Bar charts drawn at build time as inline SVG: no JavaScript, same output for the same data.

Colours come from CSS (classes styled in theme/assets/plansite.css) with `currentColor` as the
fallback, so a chart follows the light and dark schemes and prints in black. The chart is one
image to assistive technology (`role="img"`), named by its `<title>` and described by its
`<desc>`; the page puts the same figures in a table beside it.

Nothing overlaps: target lines are named in a key under the chart (with the year and periods
they cover), not on the plot. The text is 14 units high (plansite.css) and the chart shrinks
to fit its column only down to 12/14 of its size, so text is never smaller than 12 px; below
that it scrolls sideways in a keyboard-focusable region.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

SLOT, LEFT, RIGHT, TOP, PLOT, BOTTOM, KEY_ROW = 56, 64, 16, 24, 200, 48, 40
FONT, MIN_FONT = 14, 12  # text size in chart units (plansite.css); the least it may shrink to


@dataclass(frozen=True)
class Bar:
    slot: int
    value: float
    label: str  # the figure as the table shows it


@dataclass(frozen=True)
class TargetLine:
    first: int  # the slots it spans, inclusive
    last: int
    value: float
    label: str  # e.g. "Year-end target 98%"


@dataclass(frozen=True)
class Chart:
    """What to draw: one slot per period, grouped (e.g. by year), with bars and targets."""

    chart_id: str
    title: str  # the accessible name
    description: str  # the headline, in words
    slots: tuple[str, ...]  # labels under each slot, e.g. Q1
    groups: tuple[tuple[str, int, int], ...]  # (label, first slot, last slot), e.g. a year
    bars: tuple[Bar, ...] = ()
    targets: tuple[TargetLine, ...] = ()
    notes: tuple[tuple[float, str], ...] = ()  # (slot, short word) for periods with no bar


def _nice_step(span: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about four intervals."""
    raw = span / 4
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _scale(values: list[float]) -> tuple[float, float, float]:
    low, high = min([0.0, *values]), max([0.0, *values])
    if high == low:
        high = low + 1
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _n(number: float) -> str:
    """A coordinate, rounded so the output is stable."""
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def svg(chart: Chart, tick_label: Callable[[float], str]) -> Markup:
    """The chart as an inline `<svg>` element; `tick_label` writes axis values in the unit."""
    low, high, step = _scale([b.value for b in chart.bars] + [t.value for t in chart.targets])
    right = LEFT + SLOT * len(chart.slots)  # the plot's right edge
    key_width = max((len(t.label) for t in chart.targets), default=0) * FONT * 0.6
    width = math.ceil(max(right, LEFT + key_width) + RIGHT)
    height = TOP + PLOT + BOTTOM + (KEY_ROW * len(chart.targets) + 8 if chart.targets else 0)

    def x(slot: float) -> float:
        return LEFT + SLOT * slot

    def y(value: float) -> float:
        return TOP + PLOT * (high - value) / (high - low)

    title_id, desc_id = f"{chart.chart_id}-title", f"{chart.chart_id}-desc"
    out = [f'<div class="ps-chart-scroll" role="region" tabindex="0" '
           f'aria-labelledby="{title_id}">',
           f'<svg xmlns="http://www.w3.org/2000/svg" class="ps-chart" viewBox="0 0 {width} '
           f'{height}" width="{width}" height="{height}" '
           f'style="min-width: {_n(width * MIN_FONT / FONT)}px" role="img" '
           f'aria-labelledby="{title_id}" aria-describedby="{desc_id}">',
           f'<title id="{title_id}">{escape(chart.title)}</title>',
           f'<desc id="{desc_id}">{escape(chart.description)}</desc>']
    ticks = round((high - low) / step)
    for i in range(ticks + 1):
        value = low + i * step
        out.append(f'<line class="ps-chart__grid" x1="{LEFT}" x2="{right}" '
                   f'y1="{_n(y(value))}" y2="{_n(y(value))}" stroke="currentColor" '
                   'stroke-opacity="0.2"/>')
        out.append(f'<text class="ps-chart__tick" x="{LEFT - 6}" y="{_n(y(value) + 4)}" '
                   f'text-anchor="end" fill="currentColor">{escape(tick_label(value))}</text>')
    for bar in chart.bars:
        top, base = (y(bar.value), y(0)) if bar.value >= 0 else (y(0), y(bar.value))
        centre = x(bar.slot + 0.5)
        out.append(f'<rect class="ps-chart__bar" x="{_n(x(bar.slot) + SLOT * 0.2)}" '
                   f'y="{_n(top)}" width="{_n(SLOT * 0.6)}" height="{_n(max(base - top, 1))}" '
                   'fill="currentColor"/>')
        label_y = top - 5 if bar.value >= 0 else base + 14
        out.append(f'<text class="ps-chart__value" x="{_n(centre)}" y="{_n(label_y)}" '
                   f'text-anchor="middle" fill="currentColor">{escape(bar.label)}</text>')
    for slot, word in chart.notes:
        out.append(f'<text class="ps-chart__note" x="{_n(x(slot + 0.5))}" y="{_n(y(0) - 5)}" '
                   f'text-anchor="middle" fill="currentColor">{escape(word)}</text>')
    for line in chart.targets:
        level = _n(y(line.value))
        out.append(f'<line class="ps-chart__target" x1="{_n(x(line.first) + 2)}" '
                   f'x2="{_n(x(line.last + 1) - 2)}" y1="{level}" y2="{level}" '
                   'stroke="currentColor" stroke-width="2" stroke-dasharray="6 4"/>')
    axis = _n(y(0))
    out.append(f'<line class="ps-chart__axis" x1="{LEFT}" x2="{right}" y1="{axis}" '
               f'y2="{axis}" stroke="currentColor"/>')
    for slot, label in enumerate(chart.slots):
        if not label:
            continue
        out.append(f'<text class="ps-chart__slot" x="{_n(x(slot + 0.5))}" '
                   f'y="{TOP + PLOT + 18}" text-anchor="middle" '
                   f'fill="currentColor">{escape(label)}</text>')
    for label, first, last in chart.groups:
        out.append(f'<text class="ps-chart__group" x="{_n((x(first) + x(last + 1)) / 2)}" '
                   f'y="{TOP + PLOT + 38}" text-anchor="middle" '
                   f'fill="currentColor">{escape(label)}</text>')
        if first:
            out.append(f'<line class="ps-chart__divider" x1="{_n(x(first))}" x2="{_n(x(first))}" '
                       f'y1="{TOP}" y2="{TOP + PLOT + 40}" stroke="currentColor" '
                       'stroke-opacity="0.4"/>')
    for row, line in enumerate(chart.targets):
        top = TOP + PLOT + BOTTOM + 8 + KEY_ROW * row
        out.append(f'<line class="ps-chart__target" x1="{LEFT - 40}" x2="{LEFT - 8}" '
                   f'y1="{_n(top + 10)}" y2="{_n(top + 10)}" stroke="currentColor" '
                   'stroke-width="2" stroke-dasharray="6 4"/>')
        out.append(f'<text class="ps-chart__target-where" x="{LEFT}" y="{_n(top + 14)}" '
                   f'fill="currentColor">{escape(_span(chart, line))}</text>')
        out.append(f'<text class="ps-chart__target-label" x="{LEFT}" y="{_n(top + 32)}" '
                   f'fill="currentColor">{escape(line.label)}</text>')
    out.append("</svg>")
    out.append("</div>")
    return Markup("\n".join(out))


def _span(chart: Chart, line: TargetLine) -> str:
    """The periods a target line covers, for the key: "2022/23", or "2022/23 Q1–Q2"."""
    parts = []
    for label, first, last in chart.groups:
        start, end = max(first, line.first), min(last, line.last)
        if start > end:
            continue
        whole = (start, end) == (first, last)
        slots = chart.slots[start] if start == end else f"{chart.slots[start]}–{chart.slots[end]}"
        parts.append(label if whole else f"{label} {slots}")
    return ", ".join(parts)
