"""Hostile text in every data field and narrative file never becomes markup or script.

The fictional test council is copied, every string value of every YAML file (keys left
alone) and every narrative Markdown file gets hostile text, and the copy is built for
real. Fields the validator checks against a fixed form (keys, references, statuses,
dates, addresses) reject such text with a `file:line` message: the test reads those
messages, puts those values back and builds again, so that every free-text field ends
up carrying the hostile text into the built pages.
"""

from __future__ import annotations

import re
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import copy_council, plansite

from generator.load.frontmatter import split_front_matter
from generator.model.gate import digest
from generator.load.yamlfile import Map, Seq, parse_yaml
from quality import browser, links, nu, report, server, site

LONG = "long" + "x" * 20_000  # one unbroken 20,004-character word
RTL = "\u202eevil.exe\u202c مرحبا بالعالم שלום עולם"
EMOJI = "\U0001F600 \U0001F3F3\ufe0f\u200d\U0001F308"
HOSTILE = ("<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> "
           "<!-- hostile-comment --> \" onmouseover=\"x [a](<javascript:x>) [r][evil] "
           f"{RTL} {EMOJI} &amp; <b>bold</b>\n\n[evil]: javascript:alert(1)")
HOSTILE_MARKDOWN = f"""

## <script>alert(2)</script> heading <img src=x onerror=alert(3)>

{HOSTILE}

<script>alert(4)</script>

<a href="javascript:alert(5)" onclick="alert(6)">click</a>
<div onmouseover="alert(7)" style="position:fixed">div</div>
<b onclick="alert(11)">bold</b> text that check does not refuse: the sanitiser cleans it
<iframe src="https://tracker.example/"></iframe>
<img src="https://tracker.example/pixel.gif" alt="pixel">
![image](https://tracker.example/image.png)
[reference link][evil2]
<svg onload="alert(8)"></svg>
<style>body {{ display: none }}</style>
<!-- hostile-comment -->
[data](data:text/html,<script>alert(9)</script>) [vb](vbscript:msgbox)

{LONG}

[evil2]: javascript:alert(10)
"""
SHOWN_TEXT = "<script>alert(1)</script>"  # must appear as visible text, escaped
MAX_ROUNDS = 8  # narrative links are checked once the data has no problems left
_PROBLEM = re.compile(r"^\s*(\S+?):(\d+): ", re.MULTILINE)


def _poison(value):
    """A copy of a YAML value with hostile text added to every string; about one string in
    five also gets LONG. Equal strings get equal text (a version snapshot must still match
    its plan)."""
    if isinstance(value, dict):
        return {k: _poison(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v) for v in value]
    if isinstance(value, str):
        return f"{value} {HOSTILE}" + (f" {LONG}" if zlib.crc32(value.encode()) % 5 == 0 else "")
    return value


def _leaves(node, path=(), line=0):
    """(lines, path) of every string value of a parsed Map/Seq: its own line and, for an
    item of a list, the line of the list's name (where problems with the list point)."""
    items = (node.items() if isinstance(node, Map) else enumerate(node)
             if isinstance(node, Seq) else ())
    for key, value in items:
        lines = {node.line_of(key), line} if isinstance(node, Seq) else {node.line_of(key)}
        if isinstance(value, str):
            yield lines, (*path, key)
        else:
            yield from _leaves(value, (*path, key), node.line_of(key))


def _get(data, path):
    for key in path:
        data = data[key]
    return data


def _set(data, path, value):
    _get(data, path[:-1])[path[-1]] = value


def _dump(data) -> str:
    # One line per scalar, so that a problem's line names exactly one value.
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=float("inf"))


def _poison_narrative(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    meta, body = split_front_matter(text, path.name)
    front = f"---\n{_dump(_poison(meta))}---\n" if meta else ""
    path.write_text(front + body + HOSTILE_MARKDOWN, encoding="utf-8")


def _redigest(project: Path) -> None:
    """Record in each plan the digests of its snapshots as rewritten here, as plansite would
    have had it recorded them (the gate itself is tested in test_gate_safety.py)."""
    for snapshot in sorted(project.glob("data/plans/*/versions/*/v*.yml")):
        plan = snapshot.parents[2] / f"{snapshot.parent.name}.yml"
        data = yaml.safe_load(plan.read_text(encoding="utf-8"))
        data["versions"][int(snapshot.stem[1:]) - 1]["snapshot"] = digest(
            snapshot.read_text(encoding="utf-8"))
        plan.write_text(_dump(data), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """(clean build, hostile build, fields put back) of a copy of the test council."""
    root = tmp_path_factory.mktemp("hostile")
    project = copy_council(root / "council")
    clean = root / "clean-site"
    result = plansite("build", "--site-dir", str(clean), root=project)
    assert result.returncode == 0, result.stderr

    originals = {}
    yamls = sorted([project / "site_config.yml", *(project / "data").rglob("*.yml")])
    for path in yamls:
        originals[path] = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(_dump(_poison(originals[path])), encoding="utf-8")
    for path in sorted((project / "content").rglob("*.md")):
        _poison_narrative(path)
    _redigest(project)

    restored = []
    built = project / "hostile-site"
    for _ in range(MAX_ROUNDS):
        result = plansite("build", "--site-dir", str(built), root=project)
        if result.returncode == 0:
            break
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        found = {(project / f, int(line)) for f, line in _PROBLEM.findall(result.stderr)}
        assert found, f"the build failed without file:line problems:\n{result.stderr[:3000]}"
        for path in yamls:
            text = path.read_text(encoding="utf-8")
            data = yaml.safe_load(text)
            paths = [p for lines, p in _leaves(parse_yaml(text, path.name))
                     if {(path, line) for line in lines} & found]
            for leaf in paths:
                _set(data, leaf, _get(originals[path], leaf))
                restored.append((path.relative_to(project).as_posix(), leaf))
            if paths:
                path.write_text(_dump(data), encoding="utf-8")
        for path in sorted((project / "content").rglob("*.md")):  # refused narrative lines go
            lines = path.read_text(encoding="utf-8").split("\n")
            refused = {line for f, line in found if f == path}
            if refused:
                path.write_text("\n".join(t for i, t in enumerate(lines, 1) if i not in refused),
                                encoding="utf-8")
                restored += [(path.relative_to(project).as_posix(), ("line", n)) for n in refused]
        _redigest(project)
    assert result.returncode == 0, f"hostile build still fails:\n{result.stderr[:3000]}"
    return clean, built, restored


class _Page(HTMLParser):
    """Scripts, event-handler attributes, URLs, comments and visible text of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str, str]] = []   # (src, body)
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.comments: list[str] = []
        self.text: list[str] = []
        self._script: list | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action", "formaction", "xlink:href", "data"} and value:
                self.urls.append(value)
        if tag == "script":
            self._script = [dict(attrs).get("src") or "", ""]

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data
        else:
            self.text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_checked_fields_refuse_hostile_text_and_free_text_keeps_it(hostile_build):
    _, _, restored = hostile_build
    assert restored, "no checked field refused the hostile text"
    free_text = {"title", "summary", "name", "focus", "text", "note", "comment", "outcomes",
                 "area", "resources", "staff", "budget", "provider", "role", "period"}
    wrongly_refused = [(f, p) for f, p in restored if set(map(str, p)) & free_text]
    assert not wrongly_refused, f"free-text fields refused hostile text: {wrongly_refused}"


def test_hostile_pages_hold_no_markup_or_script_from_data(hostile_build):
    clean, built, _ = hostile_build
    pages = site.html_pages(built)
    assert pages, "the hostile build has no pages"
    assert {p.relative_to(built) for p in pages} == \
        {p.relative_to(clean) for p in site.html_pages(clean)}
    shown = 0
    for path in pages:
        rel = path.relative_to(built)
        page, before = _parse(path), _parse(clean / rel)
        assert page.scripts == before.scripts, f"{rel}: scripts differ from the clean build"
        assert not page.handlers, f"{rel}: event-handler attributes {page.handlers[:5]}"
        bad = [u for u in page.urls
               if re.match(r"\s*(javascript|vbscript|data):", u, re.IGNORECASE)
               and not u.startswith("data:image/")]
        assert not bad, f"{rel}: script URLs {bad[:5]}"
        assert not [c for c in page.comments if "hostile-comment" in c], \
            f"{rel}: an HTML comment from the data survived"
        text = "".join(page.text)
        assert "&lt;script" not in text, f"{rel}: text escaped twice"
        shown += text.count(SHOWN_TEXT)
    assert shown >= len(pages), f"the hostile text is shown as text only {shown} times"


def test_hostile_text_is_shown_as_text_on_a_service_plan(hostile_build):
    _, built, _ = hostile_build
    plan = next(built.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]/*/index.html"))
    text = "".join(_parse(plan).text)
    for piece in (SHOWN_TEXT, "<img src=x onerror=alert(1)>", "<!-- hostile-comment -->",
                  "[x](javascript:alert(1))", RTL, EMOJI, LONG):
        assert piece in text, f"{piece[:40]!r} is not shown on {plan.relative_to(built)}"


def test_hostile_build_is_valid_html_with_sound_links_and_no_tracking(hostile_build):
    _, built, _ = hostile_build
    errors = nu.check(site.html_pages(built.resolve()))
    assert not errors, report.listing("Nu checker errors", (
        f"{Path(e.file).relative_to(built.resolve())}:{e.line}: {e.message}" for e in errors))
    assert not links.broken_links(built, site.base_path(built))
    assert not links.third_party_refs(built)


def test_no_script_from_data_runs_and_axe_passes(hostile_build):
    """Every hostile page in Chromium: no alert() ever fires, on load or from the search
    results (which show page text); and axe finds nothing in either colour scheme."""
    _, built, _ = hostile_build
    dialogs = []
    with server.serve(built, site.base_path(built)) as base, browser.chromium() as chromium:
        urls = [site.page_url(base, built, p) for p in site.html_pages(built)]
        with browser.page(chromium) as tab:
            tab.on("dialog", lambda d: (dialogs.append((tab.url, d.message)), d.dismiss()))
            for url in urls:
                tab.goto(url)
                tab.locator(".md-search__input").click()
                tab.keyboard.type("bold")  # a word of the hostile text; typed, as Material listens for keys
                tab.locator(".md-search-result__item").first.wait_for()
        assert not dialogs, f"script from the data ran: {dialogs}"
        for scheme in ("light", "dark"):
            found = [(a.url, v.rule, v.target) for a in browser.audit(chromium, urls, scheme)
                     for v in a.violations]
            assert not found, report.listing(f"axe violations ({scheme})", map(str, found))
