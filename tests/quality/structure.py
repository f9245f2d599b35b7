"""Per-page structure checks: one h1, no skipped heading levels, skip link, main, data tables."""

from pathlib import Path
from typing import NamedTuple

from .links import TargetParser

SCOPES = {"row", "col", "rowgroup", "colgroup"}


class Problem(NamedTuple):
    """One structural fault on one page."""

    file: str
    message: str


class _Structure(TargetParser):
    """Walks one page, noting faults as it meets them; ``finish`` adds page-wide ones."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.h1 = 0
        self.level = 0          # the last heading's level
        self.mains = 0
        self.first_link: str | None = None
        self.tables: list[dict | None] = []  # open tables; None for layout tables
        self.th: list | None = None    # [attrs, text parts] of the open <th>

    def handle_starttag(self, tag, attrs):
        attrs = self.attributes(tag, attrs)
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            level = int(tag[1])
            self.h1 += level == 1
            if level > self.level + 1:
                self.problems.append(f"<{tag}> follows h{self.level}: skips a level"
                                     if self.level else f"first heading is <{tag}>, not <h1>")
            self.level = level
        if tag == "main" or attrs.get("role") == "main":
            self.mains += 1
        if tag == "a" and "href" in attrs and self.first_link is None:
            self.first_link = attrs["href"]
        if tag == "table":
            layout = attrs.get("role") in {"presentation", "none"}
            self.tables.append(None if layout else {"caption": False, "rows": 0})
        if self.tables and self.tables[-1] is not None:
            table = self.tables[-1]
            if tag == "caption":
                table["caption"] = True
            elif tag == "tr":
                table["rows"] += 1
            elif tag == "th":
                self.th = [attrs, []]
        if tag == "img" and self.th is not None:
            self.th[1].append(attrs.get("alt", ""))

    def handle_endtag(self, tag):
        if tag == "th" and self.th is not None:
            attrs, text = self.th
            label = "".join(text).strip() or attrs.get("aria-label", "").strip()
            if attrs.get("scope", "").lower() not in SCOPES:
                self.problems.append(f"<th> {label!r} has no valid scope")
            if not label:
                self.problems.append("<th> is empty")
            self.th = None
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            if table is not None and not table["caption"]:
                self.problems.append(f"<table> ({table['rows']} rows) has no <caption>")

    def handle_data(self, data):
        if self.th is not None:
            self.th[1].append(data)

    def finish(self) -> list[str]:
        """All faults of the page, once it has been fed whole."""
        problems = list(self.problems)
        if self.h1 != 1:
            problems.append(f"{self.h1} <h1> elements, expected exactly 1")
        if self.mains != 1:
            problems.append(f"{self.mains} main landmarks, expected exactly 1")
        link = self.first_link
        if link is None or not link.startswith("#") or len(link) < 2:
            problems.append(f"no skip link: the first link is {link!r}, not a #fragment")
        elif link[1:] not in self.ids:
            problems.append(f"skip link {link!r} targets no element")
        return problems


def page_problems(path: Path, site_dir: Path) -> list[Problem]:
    """Structural faults of one HTML page; file names are relative to site_dir."""
    parser = _Structure()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    rel = path.relative_to(site_dir).as_posix()
    return [Problem(rel, message) for message in parser.finish()]


def site_problems(pages: list[Path], site_dir: Path) -> list[Problem]:
    """Structural faults of every page in pages."""
    return [p for page in pages for p in page_problems(page, site_dir)]
