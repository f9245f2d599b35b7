"""Every mistake a comms officer can make is reported as file:line: what; how to fix it."""

from __future__ import annotations

import hashlib

import pytest
from conftest import edit, plansite

PLAN = "data/plans/2024-25/parks.yml"


def line_of(project, rel: str, text: str) -> int:
    """The 1-based line of `text` in a project file (computed, not hard-coded)."""
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def check(project) -> str:
    result = plansite("check", root=project)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stderr


def assert_reported(project, rel: str, old: str, new: str, line_text: str,
                    message: str) -> str:
    """Make a mistake (`old` becomes `new` in `rel`) and assert that `check` reports it as
    `rel:LINE: ...message...`, LINE being where `line_text` starts (it may span lines);
    returns what check printed."""
    edit(project / rel, old, new)
    text = (project / rel).read_text(encoding="utf-8")
    line = text[: text.index(line_text)].count("\n") + 1
    stderr = check(project)
    assert "Traceback" not in stderr
    reported = [x for x in stderr.splitlines() if f"{rel}:{line}: " in x]
    assert reported and any(message in x for x in reported), (line, stderr)
    return stderr


def test_the_fixture_is_valid(project):
    result = plansite("check", root=project)
    assert result.returncode == 0, result.stderr
    assert "No problems found: 1 service, 1 plan, 2 priorities, 2 indicators." in result.stdout


CASES = [
    # (file, old text, new text, text on the reported line, expected message part)
    ("malformed YAML", PLAN, "    area: Climate\n", "    area: Climate\n   oops: [\n",
     "oops: [", "this is not valid YAML"),
    ("missing field", PLAN, "    title: Plant a thousand trees\n", "", "- number: 1",
     "priority 1 has no 'title'; add a line 'title: some text' to it"),
    ("wrong type", PLAN, "  - number: 2\n", "  - number: two\n", "number: two",
     "'number' of priority 2 should be a whole number but is text"),
    ("unknown theme", PLAN, "themes: [green]", "themes: [blue]", "themes: [blue]",
     "priority 1 links to an unknown theme 'blue'; use the theme keys of corporate plan "
     "2024-2028: fair, green, sound, or 'all'"),
    ("unknown service", PLAN, "service: parks", "service: gardens", "service: gardens",
     "there is no service 'gardens' (known services: parks); check the spelling, or add "
     "data/services/gardens.yml"),
    ("duplicate priority", PLAN, "  - number: 2\n", "  - number: 1\n", "  - number: 1\n    title: Review",
     "priority number '1' is used twice; give each priority its own number"),
    ("duplicate KPI", PLAN, "ref: PK2", "ref: PK1", "- ref: PK1\n    key: litter",
     "indicator reference 'PK1' is used twice"),
    ("bad date", PLAN, "target: 2025-03\n", "target: 2025-02-30\n", "target: 2025-02-30",
     "'target' of priority 1 is '2025-02-30', which is not a real date"),
    ("bad month", PLAN, "target: 2025-03\n", "target: 2025-13\n", "target: 2025-13",
     "is '2025-13', but there is no month 13"),
    ("bad quarter", PLAN, "      Q2: 78", "      Q5: 78", "Q5: 78",
     "indicator PK1 has results for 'Q5', which is not a quarter; use Q1, Q2, Q3, Q4 or year"),
    ("bad quarter target", PLAN, "target: Throughout 2024/25", "target: Q6 2024/25",
     "target: Q6", "but quarters are Q1 to Q4"),
    ("missing narrative", "data/services/parks.yml", "overview: services/parks.md",
     "overview: services/park.md", "overview: services/park.md",
     "names content/services/park.md, which does not exist; check the spelling"),
    ("narrative outside project", "data/services/parks.yml", "overview: services/parks.md",
     "overview: ../../../etc/passwd", "overview: ../",
     "points outside the content folder"),
    ("unknown field", PLAN, "    area: Climate\n", "    aera: Climate\n", "aera:",
     "priority 1 has a field 'aera' that Plansite does not know; check the spelling; "
     "did you mean 'area'?"),
    ("object tag", PLAN, "focus: Projects", "focus: !!python/object/apply:os.system [ls]\nx: Projects",
     "focus: !!python", "uses the YAML tag !!python/object/apply:os.system, which Plansite "
     "refuses"),
    ("unknown unit", PLAN, "unit: percent", "unit: percentage", "unit: percentage",
     "'unit' of indicator PK1 is 'percentage', which is not one of"),
    ("reason without revised target", PLAN, "    status: on-track\n",
     "    status: on-track\n    revised_reason: Supplier delays.\n", "revised_reason:",
     "priority 1 gives a revised_reason but no revised_target; add 'revised_target:'"),
    ("version order", PLAN, "date: 2024-08-12\n    note:", "date: 2024-03-01\n    note:",
     "date: 2024-03-01", "version 2 is dated 1 March 2024, before the version before it"),
    ("light colour", "site_config.yml", "  language: en-GB\n",
     '  language: en-GB\n  colours:\n    primary: "#ffcc00"\n', "primary:",
     "colour '#ffcc00' is too light: white text on it, and it as text on white, has a "
     "contrast of 1.5"),
    ("bad language", "site_config.yml", "language: en-GB", 'language: en-GB" onclick="x',
     "language:", "exist only in English, so the pages would be wrongly labelled; write en-GB "
     "or en"),
    ("bad email", "site_config.yml", "email: plans@example.org", "email: plans at example",
     "email: plans at", "'plans at example' is not an email address"),
]


@pytest.mark.parametrize("name,rel,old,new,line_text,message", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_names_file_line_and_fix(project, name, rel, old, new, line_text, message):
    assert "Nothing was published." in assert_reported(project, rel, old, new, line_text,
                                                       message)


def test_all_problems_are_reported_at_once(project):
    edit(project / PLAN, "themes: [green]", "themes: [blue]")
    edit(project / PLAN, "ref: PK2", "ref: PK1")
    edit(project / "data/services/parks.yml", "overview: services/parks.md",
         "overview: services/none.md")
    stderr = check(project)
    assert "found 3 problems" in stderr
    assert "unknown theme 'blue'" in stderr and "'PK1' is used twice" in stderr
    assert "content/services/none.md, which does not exist" in stderr


def _tree_digest(folder) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("rel", [PLAN, "data/services/parks.yml",
                                 "data/corporate-plans/2024-2028.yml", "site_config.yml"])
def test_a_yaml_error_fails_the_build_and_leaves_the_site_alone(project, rel):
    site = project / "site"
    first = plansite("build", root=project)
    assert first.returncode == 0, first.stderr
    before = _tree_digest(site)
    path = project / rel
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "broken: [unclosed\n")
    path.write_text("".join(lines), encoding="utf-8")
    result = plansite("build", root=project)
    assert result.returncode == 1
    assert f"{rel}:" in result.stderr and "not valid YAML" in result.stderr
    assert _tree_digest(site) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_theme_key_used_by_two_corporate_plans_is_refused(project):
    plans = project / "data/corporate-plans"
    text = (plans / "2024-2028.yml").read_text(encoding="utf-8")
    (plans / "2028-2032.yml").write_text(text.replace("2024–2028", "2028–2032"), encoding="utf-8")
    line = line_of(project, "data/corporate-plans/2028-2032.yml", "- key: green")
    stderr = check(project)
    assert (f"data/corporate-plans/2028-2032.yml:{line}: the theme key 'green' is also used by "
            "data/corporate-plans/2024-2028.yml; theme pages are at /themes/<key>/") in stderr


MORE_CASES = [
    # (file, old text, new text, text on the reported line, expected message part)
    ("infinite value", PLAN, "      Q2: 78", "      Q2: .inf", "Q2: .inf",
     "is .inf, which is not a figure"),
    ("not a number", PLAN, "      Q2: 78", "      Q2: .nan", "Q2: .nan",
     "is .nan, which is not a figure"),
    ("negative decimals", PLAN, "    unit: percent\n", "    unit: percent\n    decimals: -1\n",
     "decimals: -1", "figures can show 0 to 6 decimal places"),
    ("target as a list", PLAN, "    target: 80\n", "    target: [80, 90]\n",
     "target: [80, 90]", "'target' of indicator PK1 should be a number (without % or £) but "
     "is a list; write it like target: 95"),
    ("text where a list of blocks is expected", PLAN,
     "  contracted:\n    - name: Tree surgery\n      provider: Example Trees Ltd\n",
     "  contracted: Tree surgery\n", "contracted: Tree surgery",
     "write 'contracted:' on a line, then each item beneath it starting with '- '"),
]


@pytest.mark.parametrize("name,rel,old,new,line_text,message", MORE_CASES,
                         ids=[c[0] for c in MORE_CASES])
def test_more_mistakes(project, name, rel, old, new, line_text, message):
    test_each_mistake_names_file_line_and_fix(project, name, rel, old, new, line_text, message)


@pytest.mark.parametrize("content,message", [
    ("", "data/services/parks.yml:1: this file is empty"),
    ("- just\n- a list\n", "data/services/parks.yml:1: this file is not a block of"),
])
def test_an_empty_or_list_file_is_one_problem(project, content, message):
    (project / "data/services/parks.yml").write_text(content, encoding="utf-8")
    stderr = check(project)
    assert message in stderr and "found 1 problem " in stderr, stderr


def test_a_missing_settings_block_is_one_problem(project):
    edit(project / "site_config.yml", "contact:\n  name: Performance team\n"
         "  email: plans@example.org\n  phone: 01234 567890\n", "")
    stderr = check(project)
    assert "site_config.yml:" in stderr and "the settings file has no 'contact'" in stderr
    assert "found 1 problem " in stderr, stderr


def test_broken_front_matter_in_a_service_overview(project):
    (project / "content/services/parks.md").write_text("---\ntitle: [oops\n---\nText\n",
                                                      encoding="utf-8")
    stderr = check(project)
    assert "content/services/parks.md:" in stderr and "not valid YAML" in stderr
    assert "found 1 problem " in stderr, stderr


def test_two_pages_at_one_address(project):
    (project / "content/about").mkdir()
    (project / "content/about/index.md").write_text("# Again\n", encoding="utf-8")
    stderr = check(project)
    assert "content/about/index.md:1: this page would have the address /about/, like " \
           "content/about.md; rename one of the two files" in stderr


@pytest.mark.parametrize("folder", ["data", "content"])
def test_a_missing_folder_is_reported(project, folder):
    import shutil
    shutil.rmtree(project / folder)
    stderr = check(project)
    assert f"{folder}/: this folder is missing" in stderr


def test_a_stray_plan_file_is_reported(project):
    (project / "data/plans/parks.yml").write_text("service: parks\n", encoding="utf-8")
    stderr = check(project)
    assert "data/plans/parks.yml: Plansite does not read YAML files here" in stderr


def test_a_link_out_of_the_content_folder_is_refused(project, tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text("secret\n", encoding="utf-8")
    (project / "content/leak.md").symlink_to(outside)
    stderr = check(project)
    assert "content/leak.md: this is a link to something outside the project folder" in stderr


def test_a_mistake_kept_in_snapshots_is_reported_once(project):
    for rel in [PLAN, "data/plans/2024-25/versions/parks/v1.yml",
                "data/plans/2024-25/versions/parks/v2.yml"]:
        edit(project / rel, "themes: [green]", "themes: [blue]")
    stderr = check(project)
    assert stderr.count("unknown theme 'blue'") == 1, stderr
    assert f"{PLAN}:" in stderr


def test_a_file_name_that_cannot_be_an_address_is_refused(project):
    (project / "data/services/parks.yml").rename(project / "data/services/Parks Team.yml")
    edit(project / PLAN, "service: parks", "service: Parks Team")
    stderr = check(project)
    assert "data/services/Parks Team.yml: this file's name becomes part of page addresses" \
           in stderr and "rename it to parks-team.yml" in stderr
