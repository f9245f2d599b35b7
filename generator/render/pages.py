"""The pages of a site and its navigation, rendered from the Council model."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from generator.gc_pause import without_collection_pauses
from generator.model.actions import (action_counts, all_priorities, attention_words,
                                      plan_priorities)
from generator.render.feed import FEED_PATH
from generator.model.gate import pending, release
from generator.i18n import _, ngettext, use_terms
from generator.render.kpi_pages import kpi_pages
from generator.render.rows import Indicators
from generator.model.records import Council, PlanYear, SiteConfig
from generator.render.opendata import open_data
from generator.render.jinja import Page, Renderer
from generator.render.site import NavItem, Site
from generator.render.version_pages import version_pages


def summary_text(plan: PlanYear) -> str:
    """A one-line summary of a plan: its counts of priorities and indicators."""
    return _("%(priorities)s, %(indicators)s.",
             priorities=ngettext("%(num)d %(service)s %(priority)s",
                                 "%(num)d %(service)s %(priorities)s", len(plan.priorities)),
             indicators=ngettext("%(num)d performance %(indicator)s",
                                 "%(num)d performance %(indicators)s", len(plan.kpis)))


@without_collection_pauses
def render_site(council: Council, preview: bool = False,
                only: Callable[[str], bool] | None = None, finish: bool = True) -> Site:
    """Render every page of the site from the council (already gated for a public build);
    with `only`, just the pages whose path it accepts (the others are Unrendered). Without
    `finish`, pages are rendered when the engine writes them (Site.render), in the same
    two processes."""
    use_terms(council.config.terms)
    r = Renderer(only)
    indicators = Indicators(council)
    common: dict[str, Any] = {  # what every template may use
        "council": council, "summary_text": summary_text, "indicators": indicators,
        "action_counts_of": lambda priorities: action_counts(priorities,
                                                             council.config.action_scheme),
        "all_priorities": all_priorities, "attention_words": attention_words,
        "plan_priorities": plan_priorities}
    pages: list[Page] = []
    current = council.years[0] if council.years else None

    home = council.home
    pages.append(r.page("home.j2", "", home.title if home else council.config.title,
                        description=home.description if home and home.description else
                        _("%(council)s: %(plans)s, %(priorities)s and performance.",
                          council=council.config.council_name),
                        intro=council.home.markdown if council.home else "",
                        current={"year": current, "plans": council.plans_for(current)}
                        if current else None, **common))
    for year in council.years:
        plans = council.plans_for(year)
        corporate = next((council.corporate_plan(p.corporate_plan) for p in plans
                          if p.corporate_plan), None)
        pages.append(r.page("year.j2", f"{year.slug}/", _("%(Plans)s %(year)s", year=year.label),
                            year=year, plans=plans, corporate=corporate, **common))

    plans_of = defaultdict(list)  # each service's plans, for their "other years"
    for each in council.plans:
        plans_of[each.service].append(each)

    def plan_page(plan: PlanYear, path: str = "", title: str = "",
                  archived: bool = False) -> Page:
        service = council.service(plan.service)
        others = [p for p in plans_of[plan.service] if p.year != plan.year]
        return r.page(
            "service_plan.j2", path or plan.path,
            title or _("%(name)s %(plan)s %(year)s", name=service.name, year=plan.year.label),
            description=service.summary, unlisted=archived, plan=plan, service=service,
            corporate=council.corporate_plan(plan.corporate_plan),
            overview=plan.overview or service.overview, archived=archived,
            draft=preview and not archived and pending(plan), public=release(plan),
            other_years=sorted(others, key=lambda p: p.year, reverse=True), **common)

    pages += [plan_page(plan) for plan in council.plans]
    history_pages, files = version_pages(r, council, common, preview, plan_page)
    pages += history_pages
    pages += _theme_pages(r, council, common)
    pages += kpi_pages(r, indicators, common)
    data_page, data_files = open_data(r, council, indicators, common)
    pages.append(data_page)
    statement = next((p for p in council.pages if p.path == "accessibility/"), None)
    pages.append(r.page("accessibility.j2", "accessibility/", _("Accessibility statement"),
                        config=council.config, extra=statement.markdown if statement else "",
                        **common))
    for narrative in council.pages:
        if narrative is not statement:
            pages.append(r.page("narrative.j2", narrative.path, narrative.title,
                                description=narrative.description, body=narrative.markdown,
                                **common))
    return Site(pages=r.finish(pages) if finish else tuple(pages), nav=_nav(council),
                council=council, preview=preview,
                files={**council.content.files, **files, **data_files}, render=r.render)


def theme_labels(config: SiteConfig) -> dict[str, str]:
    """The words of the engine's page frame (its main.html and 404.html), as plain text."""
    use_terms(config.terms)
    labels = {"feed": _("%(title)s: what's new", title=config.title),
              "draft": _("Draft: not yet approved."),
              "preview": _("This is a preview build that includes drafts and changes not yet "
                           "approved. It is not the public site."),
              "not_found": _("Page not found"),
              "not_found_text": _("The page you asked for is not on this site. It may have "
                                  "moved, or the address may be mistyped."),
              "go_home": _("Go to the home page"),
              "go_home_why": _("to find the %(plans)s."),
              "search": _("Use the search at the top of the page."),
              "footer": _("About this website")}
    return labels


def footer_links(config: SiteConfig) -> tuple[tuple[str, str, bool], ...]:
    """The page frame's footer: (words, address, whether the address is a path in the site)."""
    use_terms(config.terms)
    contact = f"mailto:{config.contact_email}" if config.contact_email else config.contact_url
    links = [(_("Contact %(name)s", name=config.contact_name or config.council_name), contact,
              False)] if contact else []
    links += [(_("Open data"), "data/", True),
              (_("Accessibility statement"), "accessibility/", True),
              (_("What's new (Atom feed)"), FEED_PATH, True),
              (_("Licence: %(name)s", name=config.licence_name), config.licence_url, False)]
    return tuple(links)


def _theme_pages(r: Renderer, council: Council, common: dict) -> list[Page]:
    if not council.corporate_plans:
        return []
    counts: Counter = Counter()
    kpi_counts: Counter = Counter()
    pages = []
    for corporate in council.corporate_plans:
        for theme in corporate.themes:
            groups = []
            for year in council.years:
                services = []
                for plan in council.plans_for(year):
                    if plan.corporate_plan != corporate.key:
                        continue
                    linked = [p for p in plan.priorities if theme.key in p.themes]
                    kpis = [k for k in plan.kpis if theme.key in k.themes]
                    if linked or kpis:
                        services.append((council.service(plan.service), plan, linked, kpis))
                        counts[theme.key] += len(linked)
                        kpi_counts[theme.key] += len(kpis)
                if services:
                    groups.append((year, services))
            pages.append(r.page("theme.j2", f"themes/{theme.key}/", f"{theme.name}",
                                description=theme.summary, theme=theme, corporate=corporate,
                                groups=groups, **common))
    pages.insert(0, r.page("themes.j2", "themes/", _("Corporate plan %(themes)s"), counts=counts,
                           kpi_counts=kpi_counts, **common))
    return pages


def _nav(council: Council) -> tuple[NavItem, ...]:
    """A short navigation whose size does not grow with the number of services."""
    nav = [NavItem(_("Home"), "")]
    if council.years:
        nav.append(NavItem(_("%(Plans)s"), children=tuple(
            NavItem(year.label, f"{year.slug}/") for year in council.years)))
    if council.corporate_plans:
        nav.append(NavItem(_("%(Themes)s"), "themes/"))
    nav += [NavItem(_("%(Indicators)s"), "kpis/"), NavItem(_("Open data"), "data/")]
    nav.append(NavItem(_("What's new"), "whats-new/"))
    pages = sorted((p for p in council.pages if p.path != "accessibility/"),
                   key=lambda p: (p.nav_order, p.title))
    if pages:
        nav.append(NavItem(_("About"), children=tuple(NavItem(p.title, p.path) for p in pages)))
    nav.append(NavItem(_("Accessibility"), "accessibility/"))
    return tuple(nav)
