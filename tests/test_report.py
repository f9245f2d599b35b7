"""`plansite report`: the quarterly performance report as a tagged, deterministic PDF."""

import re

import pytest
from pypdf import PdfReader

from conftest import FIXTURE, HART, plansite
from generator.model.gate import published
from generator.render.rows import Indicators
from generator.pipeline import read_council


def _text(pdf) -> str:
    """The PDF's text, with every run of white space as one space."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(pdf).pages))


def _expected(root, slug, period):
    """(ref, status) of every published indicator of the year, by the product's status rule."""
    council = published(read_council(root))
    indicators = Indicators(council)
    return [(kpi.ref, indicators.row(plan, kpi, period).shown["status"] or
             f"No figure for {period}")
            for plan in council.plans if plan.year.slug == slug for kpi in plan.kpis]


def test_report_is_a_tagged_pdf_with_every_indicator_and_its_status(tmp_path):
    pdf = tmp_path / "r.pdf"
    result = plansite("report", "2022-23", "--period", "Q1", "--to", str(pdf), root=HART)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(pdf)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == read_council(HART).config.language
    assert "Q1 2022/23" in reader.metadata.title
    text = _text(pdf)
    expected = _expected(HART, "2022-23", "Q1")
    assert len(expected) > 5
    position = text.index("Ref Indicator Q1 Target Status")
    for (ref, status), after in zip(expected, [r for r, _ in expected[1:]] + [None]):
        start = re.compile(rf"\b{re.escape(ref)}\b").search(text, position)
        assert start, f"{ref} is not in the report"
        end = re.compile(rf"\b{re.escape(after)}\b").search(text, start.end()) if after else None
        row = text[start.start():end.start() if end else len(text)]
        assert status in row, f"{ref}: {status!r} not in its row: {row!r}"
        position = start.end()
    count = len(reader.pages)
    assert f"Page 1 of {count}" in text and f"Page {count} of {count}" in text


def test_report_is_the_same_bytes_for_the_same_data(tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for pdf in (first, second):
        result = plansite("report", "2024-25", "--period", "q2", "--service", "parks",
                          "--to", str(pdf), root=FIXTURE)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    plan = next(p for p in published(read_council(FIXTURE)).plans if p.service == "parks")
    latest = max([v.date for v in plan.versions] +
                 [u.date for priority in plan.priorities for u in priority.updates])
    assert PdfReader(first).metadata["/CreationDate"] == "D:" + latest.iso.replace("-", "")


@pytest.mark.parametrize("args, where", [
    (["2031-32", "--period", "Q1"], "2031-32: there is no published plan year"),
    (["2024-25", "--period", "Q5"], "Q5: the report is for one quarter"),
    (["2024-25", "--period", "Q1", "--service", "nope"], "nope: no published 2024-25 plan"),
    (["2024-25", "--period", "Q4"], "2024-25 Q4: no indicator has a figure for Q4 2024/25"),
])
def test_bad_requests_are_house_messages_and_write_nothing(tmp_path, args, where):
    pdf = tmp_path / "r.pdf"
    result = plansite("report", *args, "--to", str(pdf), root=FIXTURE)
    assert result.returncode == 1
    assert result.stderr.startswith(where) and "; " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not pdf.exists()


def test_priorities_show_the_update_made_for_the_quarter(tmp_path):
    """A quarter's update is made during the next quarter: the Q1 report shows the August
    update, not November's (made for Q2), which the Q2 report shows."""
    texts = {}
    for period in ("Q1", "Q2"):
        pdf = tmp_path / f"{period}.pdf"
        result = plansite("report", "2024-25", "--period", period, "--to", str(pdf),
                          root=FIXTURE)
        assert result.returncode == 0, result.stderr
        texts[period] = _text(pdf)
    assert "12 August 2024 Four hundred planted." in texts["Q1"]
    assert "Seven hundred planted." not in texts["Q1"]
    assert "12 November 2024 Seven hundred planted." in texts["Q2"]
