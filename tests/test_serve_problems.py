"""`plansite serve` shows a build's problems in the browser, in the house format, in place
of the pages until they are fixed; then the pages again."""

from conftest import edit
from serving import serve, until


def test_serve_shows_problems_in_the_browser_until_fixed(project):
    terminal: list[str] = []
    with serve(project, terminal) as url:
        assert "Parks and Open Spaces" in until(url, "Parks and Open Spaces")
        service = project / "data" / "services" / "parks.yml"
        edit(service, "name: Parks and Open Spaces\n", "")
        page = until(url, "problem")
        assert "<h1>Plansite found 1 problem in the project" in page, page[:500]
        item = page[page.index("<li>") + 4:page.index("</li>")]
        assert item.startswith("data/services/parks.yml:") and "; " in item, item
        assert "name" in item and "/livereload/" in page  # reloads itself once fixed
        service.write_text("name: Parks and Open Spaces\n" + service.read_text())
        page = until(url + "2024-25/parks/", "Parks and Open Spaces")
        assert "Parks and Open Spaces" in page and "Plansite found" not in page
    errors = terminal[0]
    assert "Traceback" not in errors, errors
    assert "data/services/parks.yml:" in errors  # the terminal lists it too
