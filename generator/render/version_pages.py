"""Pages about versions: each plan's history and kept versions, what's new, and its feed."""

from __future__ import annotations

from collections.abc import Callable

from generator.render.feed import FEED_PATH, atom
from generator.model.history import history, whats_new
from generator.i18n import _
from generator.model.records import Council
from generator.render.jinja import Page, Renderer


def version_pages(r: Renderer, council: Council, common: dict, preview: bool,
                  plan_page: Callable[..., Page]) -> tuple[list[Page], dict[str, bytes]]:
    """History and kept-version pages of every plan, /whats-new/, and the Atom feed file.

    `plan_page(plan, **extra)` renders a service plan page (here, a kept version of one).
    """
    pages, histories = [], []
    for plan in council.plans:
        service = council.service(plan.service)
        base = plan.path
        entries = history(council, plan, preview)
        histories.append(entries)
        pages.append(r.page("history.j2", f"{base}history/",
                            _("History of the %(name)s %(plan)s %(year)s", name=service.name,
                              year=plan.year.label),
                            description=_("Every version of the plan and what changed."),
                            plan=plan, service=service, entries=entries, **common))
        for entry in entries:
            if entry.version and entry.shown:
                number = entry.version.number
                pages.append(plan_page(entry.shown, path=f"{base}v{number}/",
                                       title=_("%(name)s %(plan)s %(year)s, version %(number)d",
                                               name=service.name, year=plan.year.label,
                                               number=number), archived=True))
    news = whats_new(histories)
    pages.append(r.page("whats_new.j2", "whats-new/", _("What's new"),
                        description=_("The latest versions of the %(plans)s and what changed "
                                      "in each."), entries=news, **common))
    return pages, {FEED_PATH: atom(council, news)}
