"""`plansite serve` shows a build's problems in the browser, in the house format, in place
of the pages until they are fixed; then the pages again."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import ROOT, edit

WAIT = 120  # seconds a step may take on a busy machine before the test gives up


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _until(url: str, wanted: str) -> str:
    """The page at url once it holds `wanted` (or, after WAIT seconds, as it last was)."""
    deadline = time.monotonic() + WAIT
    page = _page(url)
    while wanted not in page and time.monotonic() < deadline:
        time.sleep(0.5)
        page = _page(url)
    return page


def test_serve_shows_problems_in_the_browser_until_fixed(project):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator.commands.cli", "--root", str(project),
                               "serve", "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        assert "Parks and Open Spaces" in _until(url, "Parks and Open Spaces")
        service = project / "data" / "services" / "parks.yml"
        edit(service, "name: Parks and Open Spaces\n", "")
        page = _until(url, "problem")
        assert "<h1>Plansite found 1 problem in the project" in page, page[:500]
        item = page[page.index("<li>") + 4:page.index("</li>")]
        assert item.startswith("data/services/parks.yml:") and "; " in item, item
        assert "name" in item and "/livereload/" in page  # reloads itself once fixed
        service.write_text("name: Parks and Open Spaces\n" + service.read_text())
        page = _until(url + "2024-25/parks/", "Parks and Open Spaces")
        assert "Parks and Open Spaces" in page and "Plansite found" not in page
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors, errors
    assert "data/services/parks.yml:" in errors  # the terminal lists it too
