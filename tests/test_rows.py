"""Each indicator row and each status is worked out once per build, whatever shows it: the
pages, the charts, the site-wide and per-plan downloads."""

from __future__ import annotations

import csv
import io

import pytest

from generator.commands import cli
from generator.model import status
from generator.render.rows import Indicators


@pytest.mark.parametrize("council", ["project", "versions_council"])
def test_each_row_and_status_is_computed_once_per_build(council, request, tmp_path,
                                                        monkeypatch):
    root = request.getfixturevalue(council)
    rows, statuses = [], []
    compute, assess = Indicators._compute, status.assess

    def counted_row(self, plan, kpi, period):
        rows.append((id(plan), id(kpi), period))
        return compute(self, plan, kpi, period)

    def counted_status(kpi, period, *args):
        statuses.append((id(kpi), period))
        return assess(kpi, period, *args)

    monkeypatch.setattr(Indicators, "_compute", counted_row)
    monkeypatch.setattr(status, "assess", counted_status)
    site = tmp_path / "site"
    assert cli.main(["--root", str(root), "build", "--site-dir", str(site)]) == 0

    downloaded = list(csv.DictReader(io.StringIO(
        (site / "data" / "kpi-results.csv").read_text(encoding="utf-8"))))
    assert downloaded and len(rows) >= len(downloaded)  # every row shown was counted
    assert len(rows) == len(set(rows)), "a row was computed more than once"
    assert len(statuses) == len(set(statuses)), "a status was worked out more than once"
