"""Real Chromium: narrative that `check` would refuse, rendered anyway, still makes no
request to another host (the sanitiser and the address rewriting are the second wall)."""

from __future__ import annotations

from conftest import FIXTURE
from generator.render.jinja import Renderer
from generator.pipeline import read_council
from quality import browser, server
from test_narrative_links import OTHER_HOSTS

HOST = "evil.example"
FORMS = [a.replace("x.png", "img.png") for a in OTHER_HOSTS] + ["&#47;&#47;evil.example/x.png"]
MEDIA = """
<img src="https://evil.example/a.png" srcset="https://evil.example/b.png 2x" alt="a">
<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>
<audio src="https://evil.example/a.mp3"></audio>
<video><source src="https://evil.example/s.mp4"></video>
<picture><source srcset="https://evil.example/p.webp"><img src="chart.png" alt="c"></picture>
<object data="https://evil.example/o.pdf"></object>
<embed src="https://evil.example/e.swf">
<iframe src="https://evil.example/i.html"></iframe>
<svg><image href="https://evil.example/s.png"/></svg>
<link rel="stylesheet" href="https://evil.example/l.css">
<div style="background:url(https://evil.example/d.png)">d</div>
"""


def test_no_narrative_address_reaches_another_host(tmp_path):
    markdown = "\n\n".join(
        [f'<img src="{form}" alt="raw {i}">' for i, form in enumerate(FORMS)]
        + [f"![md {i}]({form})" for i, form in enumerate(FORMS) if "\n" not in form]
        + [MEDIA])
    council = read_council(FIXTURE)
    renderer = Renderer()
    [page] = renderer.finish([renderer.page("narrative.j2", "", "Hostile", body=markdown,
                                            council=council)])
    html = page.html
    assert "<img" in html or "Hostile" in html
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="en"><title>t</title><body>{html}</body></html>')
    requests = []
    with browser.chromium() as chromium, server.serve(tmp_path) as url, \
            browser.page(chromium) as tab:
        tab.on("request", lambda request: requests.append(request.url))
        tab.goto(url, wait_until="load")
        tab.wait_for_timeout(500)
    assert requests and requests[0] == url
    assert [r for r in requests if browser.is_third_party(r) or HOST in r] == []
