"""Actions and resources for readers: counts of actions by status, and plain figures."""

from __future__ import annotations

from collections import Counter

from generator.i18n import _
from generator.model.records import ActionStatus, Priority


def action_counts(priorities, scheme: tuple[ActionStatus, ...]) -> list:
    """(status, count) for each status some of `priorities` have, in the scheme's order,
    then (None, count) for those not reported; [] when there are none."""
    counts = Counter(p.status for p in priorities)
    ordered = [(s, counts[s]) for s in scheme if counts[s]]
    return ordered + ([(None, counts[None])] if counts[None] else [])


def is_complete(priority: Priority) -> bool:
    """Whether a priority is finished: its stage is complete, it is 100% complete, or its
    status is the default scheme's `complete` (a council's own scheme says so with stage)."""
    return (priority.stage == "complete" or priority.percent_complete == 100
            or (priority.status is not None and priority.status.key == "complete"))


def attention_words(scheme: tuple[ActionStatus, ...]) -> str:
    """The statuses that need attention, in words for 'no action is ...': the last listed
    first (a scheme runs from good to bad), built-in labels in lower case, e.g. 'delayed or
    at risk'; '' when none is marked."""
    return either([s.text if not s.builtin else s.text.lower() for s in reversed(scheme)
                   if s.attention])


def either(words: list[str]) -> str:
    """Words as alternatives: 'a', 'a or b', 'a, b or c'; '' for none."""
    if len(words) < 2:
        return "".join(words)
    return _("%(first)s or %(last)s", first=", ".join(words[:-1]), last=words[-1])


def all_priorities(plans) -> tuple[Priority, ...]:
    return tuple(p for plan in plans for p in plan.priorities)


def plan_priorities(plans) -> list[tuple]:
    """(plan, priority) for each priority of `plans`, in order."""
    return [(plan, p) for plan in plans for p in plan.priorities]


def figure(value: float) -> str:
    """A number as the council wrote it, with thousands separators: 1,250, 2.5, 0.75."""
    text = f"{round(value, 4):,}"
    return text[:-2] if text.endswith(".0") else text


def pounds(value: float) -> str:
    """A sum of money: £1,250,000, or £1,250.50 when it has pence."""
    return f"£{value:,.0f}" if value == int(value) else f"£{value:,.2f}"
