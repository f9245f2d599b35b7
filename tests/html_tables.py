"""Read the tables of a built page as a reader meets them: caption, header and cell text."""

from __future__ import annotations

import re
from html import unescape
from dataclasses import dataclass, field
from html.parser import HTMLParser


def words(text: str) -> str:
    """Text with runs of white space made single spaces, as a browser shows it."""
    return " ".join(text.split())


@dataclass
class Table:
    id: str = ""
    caption: str = ""
    head: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # body rows, th and td cells as text
    row_ids: list[str] = field(default_factory=list)
    start: int = 0  # offset of the <table> tag in the page

    def column(self, name: str) -> list[str]:
        index = self.head.index(name)
        return [row[index] for row in self.rows]

    def row(self, first_cell: str) -> dict[str, str]:
        """The body row whose first cell is `first_cell`, as {column heading: text}."""
        matches = [r for r in self.rows if r[0] == first_cell]
        assert len(matches) == 1, f"{len(matches)} rows start with {first_cell!r}: {self.caption}"
        return dict(zip(self.head, matches[0]))


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.open: list[Table] = []
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.in_caption = self.in_head = False
        self.started = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":  # `start` counts tables for now; `tables` makes it an offset
            self.open.append(Table(id=attrs.get("id") or "", start=self.started))
            self.started += 1
        elif not self.open:
            return
        elif tag == "caption":
            self.in_caption = True
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row = []
            if not self.in_head:
                self.open[-1].row_ids.append(attrs.get("id") or "")
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if not self.open:
            return
        table = self.open[-1]
        if tag == "table":
            self.tables.append(self.open.pop())
        elif tag == "caption":
            self.in_caption = False
        elif tag == "thead":
            self.in_head = False
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(words("".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            (table.head.extend if self.in_head else table.rows.append)(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        elif self.in_caption and self.open:
            self.open[-1].caption = words(self.open[-1].caption + " " + data)


def tables(html: str) -> list[Table]:
    """Every table of the page, in document order."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    offsets = [m.start() for m in re.finditer(r"<table\b", html)]
    for found in reader.tables:
        found.start = offsets[found.start]
    return sorted(reader.tables, key=lambda t: t.start)


def table(html: str, caption: str) -> Table:
    """The one table whose caption contains `caption`."""
    found = [t for t in tables(html) if caption in t.caption]
    assert len(found) == 1, f"{len(found)} tables captioned {caption!r}"
    return found[0]


def strip_tags(html: str) -> str:
    """The text of a piece of HTML, tags dropped and entities decoded."""
    return words(unescape(re.sub(r"<[^>]+>", " ", html)))
