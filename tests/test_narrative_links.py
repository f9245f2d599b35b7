"""Narrative Markdown as authors write it: links to other content files and to the plan data,
images and documents beside the text, front matter on every page; nothing fetched from
another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import edit, plansite
from generator.validate.narrative_links import browser_form, elsewhere
from quality import links, server

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
# Addresses a browser resolves to another host (or that are no file of the project).
OTHER_HOSTS = [
    "//evil.example/x.png", "/\\evil.example/x.png", "\\\\evil.example\\x.png",
    " //evil.example/x.png", "\t//evil.example/x.png", "http:/\\evil.example/x.png",
    "https:evil.example/x.png", "HtTpS://evil.example/x.png", "ht\ntps://evil.example/x.png",
    "java\tscript:alert(1)", "data:image/png;base64,AAAA",
]


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
    return path


def linked(project: Path) -> Path:
    """The fixture council with pages that link to each other, to data pages and to files."""
    write(project, "vision.md", "---\ntitle: Our vision\n---\n## Our aims\n\nSee [about]"
          "(about.md#what-a-service-plan-is), [the parks plan](plan:2024-25/parks) and "
          "[the report](docs/report.pdf).\n\n![Bar chart of park visits](img/chart.png)\n")
    write(project, "team/people.md", "# People\n\nBack to [our aims](../vision.md#our-aims), "
          "[home](/index.md).\n\n<img src=\"../img/chart.png\" alt=\"Chart\">\n")
    write(project, "img/chart.png", PNG)
    write(project, "docs/report.pdf", b"%PDF-1.4\n")
    edit(project / "content/services/parks.md", "With volunteers.",
         "With [volunteers](../team/people.md).\n\n![Volunteers' chart](../img/chart.png)")
    return project


def check(project: Path) -> tuple[int, str]:
    result = plansite("check", root=project)
    return result.returncode, result.stdout + result.stderr


def href(html: str, text: str) -> str:
    return re.search(rf'<a href="([^"]*)">{re.escape(text)}</a>', html)[1]


def test_links_and_images_resolve_on_every_page(project):
    site = project / "site"
    assert plansite("build", root=linked(project)).returncode == 0
    vision = (site / "vision" / "index.html").read_text()
    assert href(vision, "about") == "../about/#what-a-service-plan-is"
    assert href(vision, "the parks plan") == "../2024-25/parks/"
    assert href(vision, "the report") == "../docs/report.pdf"
    assert '<img alt="Bar chart of park visits" src="../img/chart.png">' in vision
    people = (site / "team" / "people" / "index.html").read_text()
    assert href(people, "our aims") == "../../vision/#our-aims"
    assert href(people, "home") == "../../"
    assert 'src="../../img/chart.png"' in people
    plan = (site / "2024-25" / "parks" / "index.html").read_text()  # a service overview
    assert href(plan, "volunteers") == "../../team/people/"
    assert 'src="../../img/chart.png"' in plan
    assert (site / "img" / "chart.png").read_bytes() == PNG
    assert links.broken_links(site) == []


def test_links_resolve_under_a_subfolder(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    with server.serve(site, "/plans/") as base_url:
        edit(project / "site_config.yml", "https://plans.example.org/", base_url)
        result = plansite("build", "--site-dir", str(site), root=linked(project))
        assert result.returncode == 0, result.stderr
    assert links.broken_links(site, "/plans/") == []


@pytest.mark.parametrize("markdown, where, says", [
    ("See [x](missing.md).", 6, "content/missing.md, which does not exist"),
    ("See [x](about.md#nowhere).", 6, "'#nowhere' that content/about.md does not have"),
    ("See [x](#nowhere).", 6, "'#nowhere' names a heading this page does not have"),
    ("See [x](kpi:no-such-key).", 6, "no performance indicator 'no-such-key'"),
    ("See [x](theme:nope).", 6, "no corporate plan theme 'nope'"),
    ("See [x](services/parks.md).", 6, "a service overview shown on plan pages"),
    ("![](img/chart.png)", 6, "this image has no alt text"),
    ("![A chart](img/none.png)", 6, "content/img/none.png, which does not exist"),
    ("![A chart](../../etc/passwd)", 6, "points outside the content folder"),
    ("<iframe src=\"https://evil.example/\"></iframe>", 6, "does not publish <iframe>"),
    ("<video src=\"clip.mp4\" poster=\"img/chart.png\"></video>", 6, "does not publish <video>"),
    ("[x](javascript:alert(1))", 6, "starts with 'javascript:'"),
])
def test_check_reports_broken_narrative_at_its_line(project, markdown, where, says):
    write(linked(project), "bad.md", f"---\ntitle: Bad\n---\n# Heading\n\n{markdown}\n")
    code, output = check(project)
    assert code == 1
    assert re.search(rf"content/bad\.md:{where}: .*{re.escape(says)}", output), output
    assert plansite("build", root=project).returncode == 1
    assert not (project / "site").exists()


@pytest.mark.parametrize("address", OTHER_HOSTS + ["&#47;&#47;evil.example/x.png"])
def test_check_refuses_images_from_other_hosts(project, address):
    write(project, "bad.md", f'Text.\n\n<img src="{address}" alt="A chart">\n')
    code, output = check(project)
    assert code == 1 and "content/bad.md:" in output, output
    assert "not a file of the project" in output or "does not exist" in output, output


@pytest.mark.parametrize("address", OTHER_HOSTS)
def test_the_url_rule_sees_what_a_browser_sees(address):
    assert elsewhere(address)


@pytest.mark.parametrize("address", ["chart.png", "img/chart.png", "../chart.png",
                                     "/chart.png", "#top", "a%20b.png", "./x:y.png"])
def test_the_url_rule_keeps_paths_of_the_site(address):
    assert not elsewhere(address)


def test_browser_form_trims_and_reads_backslashes():
    assert browser_form(" \t/\\h\n/x.png ") == "//h/x.png"


def test_nothing_from_content_is_published_unless_the_core_hands_it_over(project):
    write(project, "notes.txt", "private notes")
    write(project, "env.txt", "")
    (project / "content" / "env.txt").unlink()
    (project / "content" / "env.txt").symlink_to("/proc/self/environ")
    code, output = check(project)
    assert code == 1 and "content/env.txt: this is a link to something outside" in output
    (project / "content" / "env.txt").unlink()
    assert plansite("build", root=project).returncode == 0
    assert not (project / "site" / "notes.txt").exists()


@pytest.mark.parametrize("name, data, says", [
    ("big.png", PNG + bytes(1_100_000), "this file is 1.1 MB"),
    ("bad.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "contains a script"),
    ("far.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://e.example/x"/>'
     b"</svg>", "contains a script, an event handler or a reference"),
    ("kpis/x.png", PNG, "among Plansite's own pages"),
])
def test_files_that_cannot_be_published(project, name, data, says):
    write(project, name, data)
    code, output = check(project)
    assert code == 1 and f"content/{name}: " in output and says in output, output


def test_a_plain_svg_is_published(project):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><a href="#c"><circle id="c" r="4"/></a></svg>'
    write(project, "dot.svg", svg)
    write(project, "dots.md", "![A dot](dot.svg)\n")
    assert plansite("build", root=project).returncode == 0
    assert (project / "site" / "dot.svg").read_bytes() == svg


def test_home_page_front_matter_sets_title_and_description(project):
    write(project, "index.md", "\ufeff---\ntitle: Welcome to Exampleshire\ndescription: "
          "Plans for parks & people.\n---\nWelcome.\n")
    assert plansite("build", root=project).returncode == 0
    home = (project / "site" / "index.html").read_text()
    assert "<title>Welcome to Exampleshire" in home
    assert '<meta name="description" content="Plans for parks &amp; people.">' in home
    assert "title: Welcome" not in home  # the byte-order mark hid no front matter


def test_a_narrative_page_front_matter_sets_title_description_and_order(project):
    write(project, "zebra.md", "---\ntitle: Zebra crossings\ndescription: Where they are.\n"
          "nav_order: 0\n---\nText.\n")
    assert plansite("build", root=project).returncode == 0
    page = (project / "site" / "zebra" / "index.html").read_text()
    assert "<title>Zebra crossings" in page
    assert '<meta name="description" content="Where they are.">' in page
    nav = (project / "site" / "index.html").read_text()
    assert nav.index("Zebra crossings") < nav.index("About these plans")


def test_every_narrative_example_of_the_data_reference_builds(project):
    """Each ```markdown example of the data reference, as a page of the fixture council
    (the council its examples name), with the images and documents it names."""
    docs = (Path(__file__).resolve().parents[1] / "docs" / "data-reference.md").read_text()
    examples = re.findall(r"```markdown\n(.*?)```", docs, re.DOTALL)
    assert len(examples) >= 3
    for number, example in enumerate(examples):
        write(project, f"example-{number}.md", example)
        for name in re.findall(r"\]\(([^)#:]+\.(?:png|pdf))\)", example):
            write(project, name, PNG)
    result = plansite("build", root=project)
    assert result.returncode == 0, result.stderr
    assert links.broken_links(project / "site") == []
    linking = next(n for n, e in enumerate(examples) if "kpi:park-satisfaction" in e)
    assert href((project / "site" / f"example-{linking}" / "index.html").read_text(),
                "satisfaction indicator") == "../kpis/park-satisfaction/"
