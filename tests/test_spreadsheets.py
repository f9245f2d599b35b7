"""Returns in spreadsheets: `plansite export results|updates` writes one for services to
fill in, `plansite import results|updates` merges it into the plan files' text (comments
kept), listing the changes, writing only with --apply, refusing a bad cell by row and
column. All through the real command line, on copies of the sample and of the fictional
council."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import edit, plansite, sample_copy

HART_PLAN = "data/plans/2025-26/corporate-services.yml"
PARKS = "data/plans/2024-25/parks.yml"


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "data").rglob("*"))
            if p.is_file()}


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def ok(*args: str, root: Path) -> str:
    result = plansite(*args, root=root)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(*args: str, root: Path) -> str:
    before = files(root)
    result = plansite(*args, root=root)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert files(root) == before, "a refused import changed a file"
    return result.stderr


def write_csv(path: Path, rows: list[list]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)
    return path


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


def fill(path: Path, values: dict[tuple[str, str], dict[str, object]], out: Path) -> Path:
    """Fill cells of a return's rows by (first column, second column) and header name."""
    rows = read_csv(path)
    header = rows[3]
    for row in rows[4:]:
        for name, value in values.get((row[0], row[1]), {}).items():
            row[header.index(name)] = value
    return write_csv(out, rows)


def test_done_when_results_from_xlsx_reach_the_pages_and_comments_stay(tmp_path):
    root = sample_copy(tmp_path)
    before = (root / HART_PLAN).read_text(encoding="utf-8")
    said = ok("export", "results", "2025-26", "--period", "Q1", "--to",
              str(tmp_path / "r.xlsx"), root=root)
    assert "11 indicators" in said and "Left out 1" in said  # CP11 is annual: due in Q4
    book = load_workbook(tmp_path / "r.xlsx")
    sheet = book.active
    assert sheet.freeze_panes == "A5"
    assert [sheet["A2"].value, sheet["B2"].value, sheet["C2"].value, sheet["D2"].value] == \
        ["Plan year", "2025/26", "Period", "Q1"]
    header = [c.value for c in sheet[4]]
    assert header[:6] == ["Service", "Reference", "Indicator", "Unit", "Target", "Period"]
    assert header[-3:] == ["Value", "Not available because", "Comment"]
    assert sheet.column_dimensions["C"].width >= 40
    rows = {sheet.cell(r, 2).value: r for r in range(5, sheet.max_row + 1)}
    assert sheet.cell(rows["CP4"], 5).value == "80%"
    rules = sheet.data_validations.dataValidation
    assert {r.type for r in rules} == {"decimal"}
    covered = " ".join(str(r.sqref) for r in rules).split()
    assert sorted(covered) == sorted(f"G{r}" for r in rows.values())
    sheet.cell(rows["CP4"], 7).value = 78.5
    sheet.cell(rows["CP6"], 7).value = "29.1%"
    sheet.cell(rows["CP6"], 9).value = "In line with last year"
    book.save(tmp_path / "r.xlsx")

    dry = ok("import", "results", str(tmp_path / "r.xlsx"), root=root)
    assert f"{HART_PLAN}:\n  CP4 Q1: nothing → 78.5%\n  CP6 Q1: nothing → 29.1%, comment " \
           "“In line with last year”" in dry
    assert "dry run" in dry and (root / HART_PLAN).read_text(encoding="utf-8") == before
    ok("import", "results", str(tmp_path / "r.xlsx"), "--apply", root=root)
    after = (root / HART_PLAN).read_text(encoding="utf-8")
    assert comments(after) == comments(before)
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["    results:", "      Q1: 78.5", "    results:", "      Q1:",
                     "        value: 29.1", "        comment: In line with last year"]
    ok("check", root=root)
    ok("update", "2025-26", "--date", "2025-07-20", "--note", "Quarter 1 figures", root=root)
    ok("build", "--site-dir", str(tmp_path / "site"), root=root)
    page = (tmp_path / "site" / "2025-26" / "corporate-services" / "index.html").read_text()
    assert "78.5%" in page and "29.1%" in page and "In line with last year" in page


def test_dry_run_changes_nothing_and_apply_again_changes_nothing(project, tmp_path):
    ok("export", "results", "2024-25", "--period", "Q3", "--to", str(tmp_path / "r.csv"),
       root=project)
    filled = fill(tmp_path / "r.csv", {("Parks and Open Spaces", "PK1"): {"Value": "81"}},
                  tmp_path / "f.csv")
    before = files(project)
    assert "PK1 Q3: nothing → 81%" in ok("import", "results", str(filled), root=project)
    assert files(project) == before
    ok("import", "results", str(filled), "--apply", root=project)
    assert files(project) != before
    assert "Nothing to change" in ok("import", "results", str(filled), "--apply",
                                     root=project)


def test_csv_round_trip_shows_earlier_figures_and_what_was_imported(project, tmp_path):
    ok("export", "results", "2024-25", "--period", "Q3", "--to", str(tmp_path / "r.csv"),
       root=project)
    rows = read_csv(tmp_path / "r.csv")
    assert rows[0][0].startswith("Exampleshire District Council: indicator results for "
                                 "2024/25 (Q3, October to December)")
    assert rows[3] == ["Service", "Reference", "Indicator", "Unit", "Target", "Period",
                       "Q1 figure", "Q2 figure", "Value", "Not available because", "Comment"]
    assert rows[4][1] == "PK1" and rows[4][6:8] == ["82%", "78%"]
    assert rows[5][1] == "PK2" and rows[5][6] == "not available"
    filled = fill(tmp_path / "r.csv", {
        ("Parks and Open Spaces", "PK1"): {"Value": "57%", "Comment": "A wet autumn, "
                                           "and: fewer visits"},
        ("Parks and Open Spaces", "PK2"): {"Value": "1,250"}}, tmp_path / "f.csv")
    ok("import", "results", str(filled), "--apply", root=project)
    ok("check", root=project)
    ok("export", "results", "2024-25", "--period", "Q3", "--to", str(tmp_path / "again.csv"),
       root=project)
    again = read_csv(tmp_path / "again.csv")
    assert again[4][8:] == ["57", "", "A wet autumn, and: fewer visits"]
    assert again[5][8:] == ["1250", "", ""]


def test_figures_are_read_as_people_write_them_when_the_unit_allows(project, tmp_path):
    edit(project / PARKS, "    unit: number\n", "    unit: pounds\n")  # PK2 in pounds
    ok("export", "results", "2024-25", "--period", "Q3", "--to", str(tmp_path / "r.csv"),
       root=project)
    filled = fill(tmp_path / "r.csv", {("Parks and Open Spaces", "PK2"): {"Value": "£1.2m"}},
                  tmp_path / "f.csv")
    assert "PK2 Q3: nothing → £1,200,000" in ok("import", "results", str(filled), "--apply",
                                               root=project)
    assert "      Q3: 1200000\n" in (project / PARKS).read_text(encoding="utf-8")


@pytest.mark.parametrize("cells, where, message", [
    ({"Reference": "PK9", "Value": "5"}, "row 5, column B",
     "the Parks and Open Spaces plan for 2024/25 has no indicator 'PK9'; write one of its "
     "references: PK1, PK2"),
    ({"Service": "Libraries", "Value": "5"}, "row 5, column A",
     "there is no 2024/25 plan for the service 'Libraries'; write one of: Parks and Open "
     "Spaces"),
    ({"Value": "about 60"}, "row 5, column I",
     "the value 'about 60' is not a number; write the figure alone, like 57 or 1250, and put "
     "any words in the Comment column"),
    ({"Value": "57,5"}, "row 5, column I",
     "the value '57,5' has a comma that does not separate thousands"),
    ({"Value": "£5"}, "row 5, column I",
     "the value '£5' is an amount in pounds, but this indicator is a percentage; write the "
     "figure alone, without £"),
    ({"Value": "2m"}, "row 5, column I",
     "the value '2m' is written in millions, but this indicator is a percentage"),
    ({"Period": "H1", "Value": "5"}, "row 5, column F",
     "indicator PK1 is reported every quarter, so it has no 'H1' figure; write one of: Q1, "
     "Q2, Q3, Q4, year"),
    ({"Value": "5", "Not available because": "Late"}, "row 5, column J",
     "indicator PK1 has both a value and a reason it is not available"),
    ({"Period": "Q2", "Value": "80"}, "row 5, column I",
     "indicator PK1 already has 78% for Q2 on the public site, and this row gives 80%; if "
     "the council has corrected the figure, import again with --replace"),
])
def test_each_bad_cell_is_refused_by_row_and_column(project, tmp_path, cells, where, message):
    ok("export", "results", "2024-25", "--period", "Q3", "--to", str(tmp_path / "r.csv"),
       root=project)
    rows = read_csv(tmp_path / "r.csv")
    for name, value in cells.items():
        rows[4][rows[3].index(name)] = value
    filled = write_csv(tmp_path / "f.csv", rows)
    error = refused("import", "results", str(filled), "--apply", root=project)
    assert f"{filled}: {where}: {message}" in error
    assert "Nothing was changed." in error


def test_replace_lets_a_corrected_figure_in(project, tmp_path):
    rows = [["Results"], ["Plan year", "2024/25"], [],
            ["Service", "Reference", "Period", "Value", "Not available because", "Comment"],
            ["parks", "PK1", "Q2", "80", "", ""]]
    filled = write_csv(tmp_path / "f.csv", rows)
    refused("import", "results", str(filled), root=project)
    said = ok("import", "results", str(filled), "--apply", "--replace", root=project)
    assert "PK1 Q2: 78% → 80%" in said
    assert "      Q2: 80\n" in (project / PARKS).read_text(encoding="utf-8")


def test_every_refusal_of_a_file_is_reported_at_once(project, tmp_path):
    rows = [["Results"], ["Plan year", "2024/25"], [],
            ["Service", "Reference", "Period", "Value", "Not available because", "Comment"],
            ["parks", "PK1", "Q3", "lots", "", ""],
            ["parks", "PK2", "Q3", "12", "", ""],
            ["parks", "PK2", "Q3", "13", "", ""]]
    error = refused("import", "results", str(write_csv(tmp_path / "f.csv", rows)),
                    root=project)
    assert "2 cells cannot be imported, so nothing was changed" in error
    assert "f.csv: row 5, column D: the value 'lots' is not a number" in error
    assert "f.csv: row 7, column B: indicator PK2 (Q3) is already in row 6" in error


def test_a_change_the_plans_refuse_is_rolled_back(project, tmp_path):
    rows = [["Results"], ["Plan year", "2024/25"], [],
            ["Service", "Reference", "Period", "Value", "Not available because", "Comment"],
            ["parks", "PK1", "Q3", "70", "", "A bell\x07rang"]]
    error = refused("import", "results", str(write_csv(tmp_path / "f.csv", rows)),
                    "--apply", root=project)
    assert "with these changes the plans would not pass plansite check, so nothing was " \
           "changed" in error
    assert f"{PARKS}:" in error
    assert not (project / ".plansite-journal.json").exists()


def test_not_a_return_is_refused(project, tmp_path):
    other = write_csv(tmp_path / "list.csv", [["Name", "Phone"], ["A", "1"]])
    error = refused("import", "results", str(other), root=project)
    assert "this is not a results return from Plansite" in error
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    error = refused("import", "updates", str(tmp_path / "broken.xlsx"), root=project)
    assert "cannot be opened as an Excel workbook" in error


def test_a_return_is_the_same_bytes_every_time(project, tmp_path):
    first, second = tmp_path / "a" / "r.xlsx", tmp_path / "b" / "r.xlsx"
    first.parent.mkdir(), second.parent.mkdir()
    ok("export", "results", "2024-25", "--period", "Q2", "--to", str(first), root=project)
    with zipfile.ZipFile(first) as book:
        assert {info.date_time for info in book.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == \
        ["2000-01-01T00:00:00Z"] * 2
    ok("export", "results", "2024-25", "--period", "Q2", "--to", str(second), root=project)
    assert first.read_bytes() == second.read_bytes()


def reported(project: Path, frequency: str) -> None:
    """Make the fixture's second indicator (PK2) one reported at `frequency`."""
    edit(project / PARKS, "    basis: cumulative\n", "    basis: cumulative\n"
         f"    frequency: {frequency}\n")
    edit(project / PARKS, "    results:\n      Q1: {not_available: The reporting system was "
         "being replaced.}\n", "")
    ok("check", root=project)


def test_a_six_monthly_indicator_gives_its_half_year_in_a_q2_return(project, tmp_path):
    reported(project, "six-monthly")
    ok("export", "results", "2024-25", "--period", "Q2", "--to", str(tmp_path / "r.csv"),
       root=project)
    rows = read_csv(tmp_path / "r.csv")
    assert [(r[1], r[5]) for r in rows[4:]] == [("PK1", "Q2"), ("PK2", "H1")]
    ok("export", "results", "2024-25", "--period", "Q1", "--to", str(tmp_path / "q1.csv"),
       root=project)
    assert [r[1] for r in read_csv(tmp_path / "q1.csv")[4:]] == ["PK1"]


def test_a_monthly_indicator_is_collected_by_month(project, tmp_path):
    reported(project, "monthly")
    ok("export", "results", "2024-25", "--period", "M5", "--to", str(tmp_path / "m5.csv"),
       root=project)
    rows = read_csv(tmp_path / "m5.csv")
    assert [(r[1], r[5]) for r in rows[4:]] == [("PK2", "M5")]
    assert "Left out" in ok("export", "results", "2024-25", "--period", "Q2", "--to",
                            str(tmp_path / "q2.csv"), root=project)
    assert "PK2" not in [r[1] for r in read_csv(tmp_path / "q2.csv")[4:]]


def test_priority_updates_round_trip_keeps_the_file_as_written(project, tmp_path):
    ok("export", "updates", "2024-25", "--to", str(tmp_path / "u.xlsx"), root=project)
    book = load_workbook(tmp_path / "u.xlsx")
    sheet = book.active
    assert [c.value for c in sheet[4]] == ["Service", "Priority", "Title", "Status now",
                                           "% complete now", "Latest update", "Date",
                                           "Update", "Status", "% complete"]
    assert sheet["F5"].value == "12 November 2024: Seven hundred planted."
    kinds = {r.type: str(r.sqref) for r in sheet.data_validations.dataValidation}
    assert kinds == {"date": "G5 G6", "list": "I5 I6", "decimal": "J5 J6"}
    sheet["G5"], sheet["H5"], sheet["I5"], sheet["J5"] = \
        "31/01/2025", "Eight hundred planted.", "At risk", "80%"
    sheet["G6"], sheet["H6"], sheet["I6"] = "15 January 2025", "Survey started.", "on-track"
    book.save(tmp_path / "u.xlsx")
    before = (project / PARKS).read_text(encoding="utf-8")
    said = ok("import", "updates", str(tmp_path / "u.xlsx"), "--apply", root=project)
    assert "priority 1 status: On track → At risk" in said
    assert "priority 1 % complete: not given → 80%" in said
    after = (project / PARKS).read_text(encoding="utf-8")
    assert "    status: at-risk\n    percent_complete: 80\n    updates:\n" in after
    assert "        text: Seven hundred planted.\n      - date: 2025-01-31\n" \
           "        text: Eight hundred planted.\n" in after  # the list runs oldest first
    assert "    status: on-track\n    updates:\n      - date: 2025-01-15\n" \
           "        text: Survey started.\n" in after
    assert after.count("\n") == before.count("\n") + 7
    ok("check", root=project)


@pytest.mark.parametrize("cells, where, message", [
    ({"Date": "31/13/2025", "Update": "Done."}, "row 5, column G",
     "the date '31/13/2025' is not a real date"),
    ({"Date": "soon", "Update": "Done."}, "row 5, column G", "the date 'soon' is not a date"),
    ({"Update": "Done."}, "row 5, column G",
     "priority 1 of Parks and Open Spaces has an update but no date"),
    ({"Status": "Nearly"}, "row 5, column I",
     "the status 'Nearly' is not one of the council's statuses; write one of: Not started, "
     "On track"),
    ({"% complete": "120"}, "row 5, column J", "the % complete '120' is not from 0 to 100"),
    ({"Priority": "7", "Status": "Complete"}, "row 5, column B",
     "the Parks and Open Spaces plan for 2024/25 has no priority '7'"),
    ({"Date": "2024-11-12", "Update": "Other words."}, "row 5, column H",
     "priority 1 of Parks and Open Spaces already has an update dated 2024-11-12 in other "
     "words; change the date, or import again with --replace"),
])
def test_each_bad_update_cell_is_refused_by_row_and_column(project, tmp_path, cells, where,
                                                          message):
    ok("export", "updates", "2024-25", "--to", str(tmp_path / "u.csv"), root=project)
    rows = read_csv(tmp_path / "u.csv")
    for name, value in cells.items():
        rows[4][rows[3].index(name)] = value
    filled = write_csv(tmp_path / "f.csv", rows)
    assert f"{filled}: {where}: {message}" in refused("import", "updates", str(filled),
                                                      root=project)


def test_replace_gives_a_same_day_update_new_words(project, tmp_path):
    rows = [["Updates"], ["Plan year", "2024/25"], [],
            ["Service", "Priority", "Date", "Update", "Status", "% complete"],
            ["Parks and Open Spaces", "1", "12/11/2024", "Seven hundred and ten planted.",
             "", ""]]
    filled = write_csv(tmp_path / "f.csv", rows)
    said = ok("import", "updates", str(filled), "--apply", "--replace", root=project)
    assert "priority 1 update 2024-11-12: “Seven hundred planted.” → “Seven hundred and " \
           "ten planted.”" in said
    text = (project / PARKS).read_text(encoding="utf-8")
    assert "      - date: 2024-11-12\n        text: Seven hundred and ten planted.\n" in text


@pytest.mark.parametrize("name", ["r.xlsx", "r.csv"])
def test_text_from_the_plans_never_becomes_a_formula(project, tmp_path, name):
    edit(project / PARKS, "    title: Percentage of residents satisfied with parks\n",
         "    title: \"=HYPERLINK(\\\"https://example.org\\\")\"\n")
    edit(project / PARKS, "      Q2: 78\n", "      Q2: {value: 78, comment: \"-1 on last year\"}\n")
    ok("export", "results", "2024-25", "--period", "Q2", "--to", str(tmp_path / name),
       root=project)
    if name.endswith(".xlsx"):
        sheet = load_workbook(tmp_path / name).active
        assert (sheet["C5"].data_type, sheet["C5"].value) == \
            ("s", '=HYPERLINK("https://example.org")')
        assert sheet["J5"].value == "-1 on last year"
    else:
        rows = read_csv(tmp_path / name)
        assert rows[4][2] == '\'=HYPERLINK("https://example.org")'
        assert rows[4][7:] == ["78", "", "'-1 on last year"]
    filled = tmp_path / f"again-{name}"
    filled.write_bytes((tmp_path / name).read_bytes())
    assert "Nothing to change" in ok("import", "results", str(filled), root=project)


def test_a_file_with_windows_line_endings_keeps_them(project, tmp_path):
    plan = project / PARKS
    plan.write_bytes(plan.read_bytes().replace(b"\n", b"\r\n"))
    rows = [["Results"], ["Plan year", "2024/25"], [],
            ["Service", "Reference", "Period", "Value", "Not available because", "Comment"],
            ["parks", "PK1", "year", "80", "", "Whole year"],
            ["parks", "PK2", "Q3", "", "Late data", ""]]
    ok("import", "results", str(write_csv(tmp_path / "f.csv", rows)), "--apply", root=project)
    data = plan.read_bytes()
    assert b"      year:\r\n        value: 80\r\n        comment: Whole year\r\n" in data
    assert b"      Q3:\r\n        not_available: Late data\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")
    ok("check", root=project)
