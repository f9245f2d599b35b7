"""What Plansite refuses in data/, site_config.yml and content/*.md, and how.

Every case is run on a copy of the fictional test council: `check` (in process, for speed)
must answer with house-format lines naming the file, and a few real builds must refuse
the same input and leave the previous site exactly as it was.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, edit, edit_snapshot, plansite

from generator.commands import cli

PLAN = "data/plans/2024-25/parks.yml"
SNAPSHOTS = ["data/plans/2024-25/versions/parks/v1.yml",
             "data/plans/2024-25/versions/parks/v2.yml"]
HOUSE_LINE = re.compile(r"^  \S.*?(:\d+)?: \S.*; \S.*$")


def check(project: Path, capsys) -> tuple[int, str]:
    """Run `plansite check` in process: (exit code, what it printed to stderr)."""
    code = cli.main(["--root", str(project), "check"])
    return code, capsys.readouterr().err


def refused(project: Path, capsys) -> list[str]:
    """The problem lines of a check that must fail, each asserted to be in house format."""
    code, err = check(project, capsys)
    assert code == 1, err
    lines = err.splitlines()
    assert lines[0].startswith("Plansite found ") and lines[1] == "", err
    assert lines[2:] and all(HOUSE_LINE.match(line) for line in lines[2:]), err
    return lines[2:]


def one_of(lines: list[str], where: str, fragment: str) -> str:
    found = [line for line in lines if line.startswith(f"  {where}") and fragment in line]
    assert found, "\n".join(lines)
    return found[0]


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def line_of(project: Path, rel: str, text: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def everywhere(project: Path, old: str, new: str) -> None:
    """Edit the plan and its snapshots alike, so the published version has the change."""
    edit(project / PLAN, old, new)
    for rel in SNAPSHOTS:
        edit_snapshot(project / rel, old, new)


# --- The project boundary -----------------------------------------------------------------

def test_a_yaml_link_leaving_the_project_is_refused_by_check_and_build(project, tmp_path,
                                                                        capsys):
    site = project / "site"
    assert plansite("build", root=project).returncode == 0
    before = files(site)
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("name: Secret\nsummary: Not ours.\n", encoding="utf-8")
    (project / "data/services/leak.yml").symlink_to(outside)
    one_of(refused(project, capsys), "data/services/leak.yml",
           "a link to something outside the project folder")
    result = plansite("build", root=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/services/leak.yml: this is a link to something outside" in result.stderr
    assert files(site) == before


def test_a_link_inside_the_project_is_followed(project, capsys):
    (project / "spare").mkdir()
    (project / "data/services/parks.yml").rename(project / "spare/parks.yml")
    (project / "data/services/parks.yml").symlink_to(project / "spare/parks.yml")
    assert check(project, capsys)[0] == 0


@pytest.mark.parametrize("rel", ["data/services/gone.yml", "content/gone.md",
                                 "site_config.yml"])
def test_a_dangling_link_is_refused(project, rel, capsys):
    path = project / rel
    path.unlink(missing_ok=True)
    path.symlink_to(project / "nowhere.yml")
    one_of(refused(project, capsys), rel, "a link to something that does not exist")


@pytest.mark.parametrize("rel", ["data/services/extra.yml", "data/plans/2024-25/old.yaml",
                                 "content/notes.md"])
def test_a_folder_named_like_a_data_file_is_refused(project, rel, capsys):
    (project / rel).mkdir()
    one_of(refused(project, capsys), rel, "this is a folder, but its name ends like a file")


def test_a_folder_for_the_settings_file_is_refused(project, capsys):
    (project / "site_config.yml").unlink()
    (project / "site_config.yml").mkdir()
    one_of(refused(project, capsys), "site_config.yml", "this is a folder")


def test_a_linked_folder_is_refused(project, capsys):
    (project / "data/services").rename(project / "services-elsewhere")
    (project / "data/services").symlink_to(project / "services-elsewhere")
    one_of(refused(project, capsys), "data/services", "a link to a folder")


def test_settings_linked_outside_the_project_are_refused(project, tmp_path, capsys):
    outside = tmp_path / "settings.yml"
    outside.write_bytes((project / "site_config.yml").read_bytes())
    (project / "site_config.yml").unlink()
    (project / "site_config.yml").symlink_to(outside)
    one_of(refused(project, capsys), "site_config.yml", "outside the project folder")


@pytest.mark.parametrize("rel", ["data/services/pipe.yml", "content/pipe.md"])
def test_a_named_pipe_is_refused_without_waiting(project, rel):
    os.mkfifo(project / rel)
    for command in ("check", "build"):
        result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "--root",
                                 str(project), command], capture_output=True, text=True,
                                cwd=ROOT, timeout=300)  # a hang fails instead of blocking
        assert result.returncode == 1, result.stderr
        assert f"{rel}: this is not an ordinary file" in result.stderr


# --- YAML means what it says --------------------------------------------------------------

def test_text_stays_as_written_in_the_built_site(project, capsys):
    everywhere(project, "ref: PK1", "ref: 010")
    everywhere(project, "title: Review play areas", "title: No")
    everywhere(project, "area: Climate", "area: 12:30")
    everywhere(project, "- Grounds maintenance", "- off")
    assert check(project, capsys)[0] == 0
    site = project / "site"
    result = plansite("build", root=project)
    assert result.returncode == 0, result.stderr
    page = (site / "2024-25/parks/index.html").read_text(encoding="utf-8")
    for shown in ("<td>010</td>", "12:30", "<li>off</li>"):
        assert shown in page, shown
    theme = (site / "themes/green/index.html").read_text(encoding="utf-8")
    assert "Priority 2: No</a>" in theme


def test_yes_no_fields_take_yes_no_true_or_false_and_nothing_else(project, capsys):
    corporate = project / "data/corporate-plans/2024-2028.yml"
    for word in ("yes", "Yes", "true", "no", "false"):
        text = corporate.read_text(encoding="utf-8")
        corporate.write_text(re.sub(r"underpinning: \w+", f"underpinning: {word}", text),
                             encoding="utf-8")
        assert check(project, capsys)[0] == 0, word
    edit(corporate, "underpinning: false", "underpinning: on")
    line = line_of(project, "data/corporate-plans/2024-2028.yml", "underpinning: on")
    one_of(refused(project, capsys), f"data/corporate-plans/2024-2028.yml:{line}:",
           "should be yes or no but is text")


def test_a_number_where_text_is_expected_keeps_its_digits():
    from generator.errors import Problems
    from generator.validate.fields import Fields
    from generator.load.yamlfile import parse_yaml

    data = parse_yaml("ref: 010\ncode: 0x1F\nshare: 1.50\ncount: 010\n", "x.yml")
    f = Fields(data, "x.yml", Problems(), "the block")
    assert (f.text("ref"), f.text("code"), f.text("share")) == ("010", "0x1F", "1.50")
    assert f.integer("count") == 10  # YAML 1.2: a number where a number is expected


# --- No traceback: limits and ranges ------------------------------------------------------

NUMBER_CASES = [
    ("1.7e308", "larger than any figure"),
    ("9" * 400, "more than 100 digits"),
    ("9" * 40, "larger than any figure"),
    ("1e400", "which is not a figure"),
]


@pytest.mark.parametrize("figure,message", NUMBER_CASES, ids=["1.7e308", "400 digits",
                                                              "40 digits", "overflow"])
def test_a_figure_out_of_range_is_refused(project, figure, message, capsys):
    edit(project / PLAN, "    target: 80\n", f"    target: {figure}\n")
    line = line_of(project, PLAN, f"target: {figure}")
    one_of(refused(project, capsys), f"{PLAN}:{line}:", message)


@pytest.mark.parametrize("date", ["2205-01-12", "1989-12-31", "0001-01-01", "2205-01"])
def test_a_date_outside_the_sensible_years_is_refused(project, date, capsys):
    edit(project / PLAN, "      - date: 2024-11-12", f"      - date: {date}")
    line = line_of(project, PLAN, f"date: {date}")
    one_of(refused(project, capsys), f"{PLAN}:{line}:", "outside the years 1990 to 2100")


def test_a_year_folder_outside_the_sensible_years_is_refused(project, capsys):
    (project / "data/plans/2205-06").mkdir()
    (project / "data/plans/2205-06/parks.yml").write_bytes((project / PLAN).read_bytes())
    one_of(refused(project, capsys), "data/plans/2205-06/parks.yml",
           "is in 2205, outside the years")


def test_deep_nesting_is_refused(project, capsys):
    with (project / PLAN).open("a", encoding="utf-8") as file:
        file.write("risks: " + "[" * 300 + "]" * 300 + "\n")
    one_of(refused(project, capsys), f"{PLAN}:", "nested more than 50 levels deep")


# Nine times nine times ... : 9**9 values once the aliases are expanded.
BOMB = "x-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n" + "".join(
    f"x-{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


@pytest.mark.parametrize("use,message", [
    ("risks: *i\n", "more than 100,000 values"),
    ("? *i\n: 1\n", "a name before ':' is a list or a block")], ids=["value", "key"])
def test_an_alias_bomb_is_refused(project, use, message, capsys):
    with (project / PLAN).open("a", encoding="utf-8") as file:
        file.write(BOMB + use)
    one_of(refused(project, capsys), f"{PLAN}:", message)


def test_a_huge_file_is_refused(project, capsys):
    with (project / "content/about.md").open("a", encoding="utf-8") as file:
        file.write(("A long paragraph. " * 50 + "\n\n") * 2500)
    one_of(refused(project, capsys), "content/about.md", "larger than 2,000,000 bytes")


@pytest.mark.parametrize("name", ["feed.xml.md", "sitemap.xml.md", "robots.txt.md",
                                  "404.html.md", "search/index.md", "assets.md", "kpis.md",
                                  "Data.md", "2024-25.md", "sitemap.xml.gz.md"])
def test_a_page_may_not_take_an_address_the_build_writes(project, name, capsys):
    path = project / "content" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("# A page\n\nText.\n", encoding="utf-8")
    one_of(refused(project, capsys), f"content/{name}", "Plansite uses for its own pages")


@pytest.mark.parametrize("name", ["a page.md", "what?.md", "#1.md", ".md", "ça.md"])
def test_a_page_name_that_makes_an_awkward_address_is_refused(project, name, capsys):
    (project / "content" / name).write_text("Text.\n", encoding="utf-8")
    one_of(refused(project, capsys), f"content/{name}", "letters, digits, hyphens")


CONTROL_CASES = [
    (PLAN, "title: Plant a thousand trees", "title: Plant a thousand\x07 trees", "U+0007"),
    (PLAN, "title: Plant a thousand trees", 'title: "Plant a thousand\\a trees"', "U+0007"),
    (PLAN, "title: Plant a thousand trees", 'title: "Plant \\x85 trees"', "U+0085"),
    (PLAN, "title: Plant a thousand trees", "title: Plant a\x7f thousand trees", "U+007F"),
    ("site_config.yml", "title: Exampleshire service plans", "title: Example\x1bshire",
     "U+001B"),
    ("content/about.md", "A plan for a year.", "A plan for\x00 a year.", "U+0000"),
    ("content/about.md", "title: About these plans", "title: About\x0c these plans",
     "U+000C"),
]


@pytest.mark.parametrize("rel,old,new,name", CONTROL_CASES,
                         ids=[f"{c[0]}-{c[3]}-{i}" for i, c in enumerate(CONTROL_CASES)])
def test_a_control_character_is_refused_at_its_line(project, rel, old, new, name, capsys):
    edit(project / rel, old, new)
    line = line_of(project, rel, new.split("\\")[0].split("\x00")[0][:12])
    one_of(refused(project, capsys), f"{rel}:{line}:", f"control character {name}")


def test_tabs_and_line_breaks_in_block_text_are_fine(project, capsys):
    edit(project / PLAN, "focus: Projects beyond day-to-day work.",
         "focus: |\n  Projects\tbeyond\r\n  day-to-day work.")
    edit(project / "content/about.md", "A plan for a year.", "A plan\tfor a year.\r\n")
    assert check(project, capsys)[0] == 0


def test_a_byte_order_mark_is_accepted(project, capsys):
    for rel in ("site_config.yml", "data/services/parks.yml", "content/about.md"):
        path = project / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check(project, capsys)[0] == 0
    result = plansite("build", root=project)
    assert result.returncode == 0, result.stderr
    about = (project / "site/about/index.html").read_text(encoding="utf-8")
    assert "About these plans" in about and "nav_order" not in about


# --- The last resort ----------------------------------------------------------------------

def _explode(*_args, **_kwargs):
    raise RuntimeError("disk on fire")


def test_an_unexpected_error_ends_in_one_plain_sentence(project, monkeypatch, capsys):
    monkeypatch.setattr(cli, "read_council", _explode)
    monkeypatch.delenv("PLANSITE_DEBUG", raising=False)
    code, err = check(project, capsys)
    assert code == 2
    assert err == ("Plansite stopped because of an unexpected problem: RuntimeError: disk on "
                   "fire; nothing was published; please report it with this message.\n")


def test_plansite_debug_shows_the_error_itself(project, monkeypatch):
    monkeypatch.setattr(cli, "read_council", _explode)
    monkeypatch.setenv("PLANSITE_DEBUG", "1")
    with pytest.raises(RuntimeError, match="disk on fire"):
        cli.main(["--root", str(project), "check"])


def test_ctrl_c_exits_130_quietly(project, monkeypatch, capsys):
    def interrupt(*_args):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "read_council", interrupt)
    assert check(project, capsys) == (130, "")
