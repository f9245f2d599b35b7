"""The quality helpers themselves, on tiny planted sites: each check can fail."""

import urllib.error
import urllib.request
from pathlib import Path

from quality import browser, links, nu, server, site, structure

HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head>'
GOOD_BODY = ('<body><a href="#main">Skip to content</a><main id="main"><h1>Title</h1>'
             '<h2 id="part">Part</h2><table><caption>Targets</caption><tr><th scope="col">KPI</th>'
             '</tr><tr><td>1</td></tr></table></main></body></html>')


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_links_report_missing_files_and_anchors(tmp_path):
    write(tmp_path, {
        "index.html": HEAD + '<body><a href="a/#part">ok</a> <a href="a/#nowhere">bad anchor</a>'
                      ' <a href="#gone">bad local</a> <a href="missing/">no page</a>'
                      ' <img src="/site/img.png" alt="x"> <a href="https://x.org/#y">out</a></body>',
        "a/index.html": HEAD + GOOD_BODY,
        "img.png": "",
    })
    broken = {(b.url, b.reason) for b in links.broken_links(tmp_path, "/site/")}
    assert broken == {("a/#nowhere", "no id 'nowhere' in a/index.html"),
                      ("#gone", "no id 'gone' in index.html"),
                      ("missing/", "no file missing/index.html")}


def test_third_party_refs_report_loads_not_navigation(tmp_path):
    write(tmp_path, {
        "index.html": HEAD + '<body><script src="https://cdn.example.com/x.js"></script>'
                      '<link rel="stylesheet" href="//fonts.example.com/f.css">'
                      '<a href="https://www.example.org/">a link is fine</a>'
                      '<link rel="canonical" href="https://example.org/"></body>',
        "assets/site.css": '@import "https://fonts.googleapis.com/css"; '
                           'b { background: url(https://img.example.com/b.png) } '
                           'i { background: url("../img/local.png") }',
    })
    found = {(r.file, r.url) for r in links.third_party_refs(tmp_path)}
    assert found == {("index.html", "https://cdn.example.com/x.js"),
                     ("index.html", "//fonts.example.com/f.css"),
                     ("assets/site.css", "https://fonts.googleapis.com/css"),
                     ("assets/site.css", "https://img.example.com/b.png")}


def test_structure_reports_faults(tmp_path):
    write(tmp_path, {"good.html": HEAD + GOOD_BODY, "bad.html": HEAD + (
        '<body><a href="#nothing">Skip</a><h1>A</h1><h1>B</h1><h2>C</h2><h4>D</h4>'
        '<table><tr><th>KPI</th><th scope="col"></th></tr></table></body></html>')})
    good, bad = tmp_path / "good.html", tmp_path / "bad.html"
    assert structure.page_problems(good, tmp_path) == []
    messages = {p.message for p in structure.page_problems(bad, tmp_path)}
    assert messages == {
        "2 <h1> elements, expected exactly 1", "<h4> follows h2: skips a level",
        "0 main landmarks, expected exactly 1", "skip link '#nothing' targets no element",
        "<th> 'KPI' has no valid scope", "<th> is empty", "<table> (1 rows) has no <caption>"}


def test_server_prefix_index_and_404(tmp_path):
    write(tmp_path, {"index.html": "home", "a/index.html": "page a", "404.html": "not here"})

    def get(url):
        try:
            with urllib.request.urlopen(url) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    with server.serve(tmp_path, "/plans/") as base:
        assert base.endswith("/plans/")
        assert get(base + "a/") == (200, "page a")
        assert get(base + "nope/") == (404, "not here")
        assert get(base.replace("/plans/", "/a/")) == (404, "not here")


def test_base_path_and_page_discovery(tmp_path):
    write(tmp_path, {
        "sitemap.xml": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                       'sitemap/0.9"><url><loc>https://e.org/plans/</loc></url>'
                       '<url><loc>https://e.org/plans/a/b/</loc></url></urlset>',
        "index.html": HEAD + GOOD_BODY,
        "old/index.html": HEAD.replace("<head>", '<head><meta http-equiv="refresh" content="0; url=../">'),
    })
    assert site.base_path(tmp_path) == "/plans/"
    assert site.html_pages(tmp_path) == [tmp_path / "index.html"]


def test_nu_reports_errors(tmp_path):
    write(tmp_path, {"good.html": HEAD + GOOD_BODY,
                     "bad.html": HEAD + '<body><main><h1>x</h1><ul><div>no</div></ul></main></body></html>'})
    errors = nu.check([tmp_path / "good.html", tmp_path / "bad.html"])
    assert errors and {Path(e.file).name for e in errors} == {"bad.html"}


def test_axe_and_request_recording_report_faults(tmp_path):
    write(tmp_path, {"index.html": HEAD + (
        '<body><main><h1>Title</h1><img src="local.png"><script src="https://cdn.example.com/x.js">'
        '</script></main></body></html>'), "local.png": ""})
    with server.serve(tmp_path) as base, browser.chromium() as chromium:
        (page,) = browser.audit(chromium, [base], "dark")
    assert "image-alt" in {v.rule for v in page.violations}
    assert page.third_party == ["https://cdn.example.com/x.js"]
