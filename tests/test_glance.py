"""Summaries first, find and compare, charts that read and the page frame, in real builds of
the fictional test council (and the Hart sample for a chart spanning years with no plan)."""

import re

import pytest

from conftest import edit_snapshot, plansite
from generator.render import charts

SNAPSHOT = "data/plans/2024-25/versions/parks/v2.yml"


@pytest.fixture
def built(project, tmp_path):
    """The test council with an off-target figure and a delayed priority, built for real."""
    snapshot = project / SNAPSHOT
    edit_snapshot(snapshot, "      Q2: 78\n", "      Q2: 50\n")
    edit_snapshot(snapshot, "    status: on-track\n", "    status: delayed\n")
    site = tmp_path / "site"
    result = plansite("build", "--site-dir", str(site), root=project)
    assert result.returncode == 0, result.stderr
    return site


def html(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(markup):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))


def glance(markup, id="at-a-glance"):
    start = markup.index(f'id="{id}"')
    return markup[start:markup.index("</section>", start)]


def test_a_plan_opens_with_counts_and_what_needs_attention(built):
    page = html(built, "2024-25/parks")
    summary = glance(page)
    words = text(summary)
    assert "2 priorities in 2024/25" in words and "1 delayed" in words
    assert "1 not reported" in words  # priority 2 has no status
    assert "2 indicators in 2024/25" in words and "1 off target" in words
    assert 'href="#kpi-park-satisfaction"' in summary and "50% in Q2 2024/25" in words
    assert 'href="#priority-1"' in summary
    # the summary comes first; the indicator table before the long priority texts
    assert page.index('id="at-a-glance"') < page.index('id="indicators"') < page.index(
        'id="priority-1"')


def test_year_home_and_theme_pages_summarise_across_services(built):
    for path in ("2024-25", ""):
        words = text(glance(html(built, path)))
        assert "1 off target" in words and "Parks and Open Spaces: PK1" in words, path
    theme = html(built, "themes/green")
    words = text(glance(theme, "glance-2024-25"))
    assert "2 priorities in 2024/25" in words and "1 delayed" in words  # themes: all counts
    assert "Parks and Open Spaces: Priority 1: Plant a thousand trees ! Delayed" in words
    assert "off target" not in words  # indicators are not linked to themes


def test_kpis_page_groups_by_status_without_javascript_and_filters_with_it(built):
    page = html(built, "kpis")
    assert re.search(r'<form class="ps-find" data-ps-find="kpis"[^>]* hidden>', page)
    assert '<option value="off-target">Off target</option>' in page
    assert '<option value="parks">Parks and Open Spaces</option>' in page
    rows = re.findall(r'<tr id="kpi-([a-z-]+)" data-ps-item data-status="([a-z-]+)" '
                      r'data-service="parks"', page)
    assert dict(rows)["park-satisfaction"] == "off-target"
    by_status = page[page.index('id="status-off-target"'):]
    assert 'href="park-satisfaction/"' in by_status.split("</ul>")[0]
    # every figure says its period
    assert "50% in Q2 2024/25" in text(by_status.split("</ul>")[0])


def test_theme_page_items_carry_their_status_and_service(built):
    page = html(built, "themes/green")
    assert re.search(r'<li data-ps-item data-status="delayed" data-service="parks">', page)
    assert 'data-ps-find="theme-priorities"' in page


def test_page_frame_has_a_footer_of_links_and_no_empty_banner(built):
    page = html(built, "2024-25/parks")
    assert "md-banner" not in page
    footer = page[page.index('class="ps-footer'):page.index("</nav>", page.index("ps-footer"))]
    for address in ('"../../data/"', '"../../accessibility/"', '"../../feed.xml"',
                    "open-government-licence"):
        assert address in footer, address


def test_the_accessibility_statement_does_not_claim_full_compliance(built):
    words = text(html(built, "accessibility"))
    assert "fully compliant with" not in words
    assert "What has not been tested by people yet" in words


def test_chart_names_targets_in_a_key_below_the_plot():
    chart = charts.Chart("c", "Chart", "Headline 5 at Q1 2024/25.", ("Q1", "Q2", "", "", "Q1"),
                         (("2022/23", 0, 1), ("2023/24", 2, 3), ("2024/25", 4, 4)),
                         (charts.Bar(0, 5, "5"), charts.Bar(1, 6, "6"), charts.Bar(4, 7, "7")),
                         (charts.TargetLine(0, 1, 6, "Target 6"),
                          charts.TargetLine(4, 4, 7, "Target 7")), ((2.5, "No figures"),))
    svg = str(charts.svg(chart, str))
    plot_bottom = charts.TOP + charts.PLOT + charts.BOTTOM
    labels = re.findall(r'<text class="ps-chart__target-label" x="[\d.]+" y="([\d.]+)"', svg)
    assert len(labels) == 2 and all(float(y) > plot_bottom for y in labels)
    keys = re.findall(r'class="ps-chart__target-where"[^>]*>([^<]+)<', svg)
    assert keys == ["2022/23", "2024/25"]
    assert "No figures" in svg and "Headline 5 at Q1 2024/25." in svg
    assert 'role="region" tabindex="0"' in svg  # scrolls, rather than shrinks text below 12px


def test_a_chart_shows_years_without_figures_as_a_labelled_gap(sample_site):
    page = (sample_site / "kpis/council-tax-collected/index.html").read_text(encoding="utf-8")
    start = page.index('class="ps-chart"')
    svg = page[start:page.index("</svg>", start)]
    groups = re.findall(r'class="ps-chart__group"[^>]*>([^<]+)<', svg)
    assert groups == ["2022/23", "2023/24–2024/25", "2025/26"]
    assert ">No figures</text>" in svg
