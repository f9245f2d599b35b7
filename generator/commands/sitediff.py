"""Compare two built sites as a resident reads them: pages added, removed and reworded.

Pages are compared by their visible text (the title and the article, with headings, list
items and table rows on lines of their own), so a new asset hash or a change of markup
that shows nothing new is not reported. Downloads and other files are compared byte for
byte. The report is Markdown, readable in a terminal and as a GitHub job summary.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.engine.output import MARKER

# Derived from the pages (or named by content hash), so never a change of their own.
IGNORED = ("assets/", "search/", "sitemap.xml", "sitemap.xml.gz", MARKER)
MAX_DIFF_LINES = 200  # per page or file, so one huge change cannot bury the rest

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "source", "track", "wbr"}
_HIDDEN = {"script", "style", "svg", "template", "noscript"}
_BLOCKS = {"p", "div", "section", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot",
           "caption", "blockquote", "figure", "figcaption", "pre", "nav", "details",
           "summary", "header", "footer", "aside", "form", "fieldset", "legend", "br", "hr"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Change:
    """One page or file that differs; `diff` holds unified-diff lines for changed text."""

    path: str
    title: str = ""
    diff: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteDiff:
    """What differs between an old and a new build."""

    added: tuple[Change, ...]
    removed: tuple[Change, ...]
    changed: tuple[Change, ...]
    files_added: tuple[Change, ...]
    files_removed: tuple[Change, ...]
    files_changed: tuple[Change, ...]

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.changed,
                    self.files_added, self.files_removed, self.files_changed))


class _Text(HTMLParser):
    """The lines a reader sees in a page's <title> and <article> (the whole body if none)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.lines: list[str] = []
        self._line: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hidden) for every open element
        self._in_title = False
        self._article = False
        self._cell = 0  # where the current table cell starts in _line

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and not self._article:
            self._article, self.lines, self._line = True, [], []
        hidden = tag in _HIDDEN or attrs.get("aria-hidden") == "true" or "hidden" in attrs
        in_row = self._inside("tr")  # a table row stays on one line, whatever its cells hold
        if tag not in _VOID:
            self._open.append((tag, hidden))
        if self._skipping() or hidden:
            return
        self._in_title = tag == "title"
        heading = re.fullmatch(r"h[1-6]", tag)
        if in_row and (tag in _BLOCKS or tag == "li"):  # items in a cell: "a; b"
            in_cell = "".join(self._line[self._cell:]).strip()
            self._line.append("; " if tag == "li" and in_cell else " ")
        elif tag in _BLOCKS or tag in {"li", "tr", "dt"} or heading:
            self._break()
        if heading:
            self._line.append("#" * int(tag[1]) + " ")
        elif tag == "li" and not in_row:
            self._line.append("- ")
        elif tag in {"td", "th"}:
            self._line.append(" | " if "".join(self._line).strip() else "")
            self._cell = len(self._line)
        elif tag == "img" and attrs.get("alt"):
            self._line.append(f"[{attrs['alt']}]")

    def handle_endtag(self, tag):
        if not self._inside(tag):
            return
        while self._open and self._open.pop()[0] != tag:
            pass
        if self._skipping():
            return
        if tag == "title":
            self._in_title = False
        elif tag == "dt":
            self._line.append(": ")
        elif tag == "article" and self._article:
            self._break()
            self._article = None  # done: later text is navigation and footer
        elif self._inside("tr") and (tag in _BLOCKS or tag in {"li", "dd"}):
            self._line.append("" if tag == "li" else " ")
        elif tag in _BLOCKS or tag in {"li", "tr", "dd"} or re.fullmatch(r"h[1-6]", tag):
            self._break()

    def handle_data(self, data):
        if self._skipping():
            return
        if self._in_title:
            self.title += data
        elif self._article is not None:
            self._line.append(data)

    def _skipping(self) -> bool:
        return any(hidden for _, hidden in self._open)

    def _inside(self, tag: str) -> bool:
        return any(t == tag for t, _ in self._open)

    def _break(self):
        line = _SPACE.sub(" ", "".join(self._line)).strip()
        if line and line not in {"-", "#"}:
            self.lines.append(line)
        self._line = []

    def close(self):
        super().close()
        self._break()


def page_text(html: str) -> tuple[str, list[str]]:
    """A page's title and the lines of text a resident sees in its main content."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return _SPACE.sub(" ", parser.title).strip(), parser.lines


def address(relative: str) -> str:
    """The address a server shows a file at: `x/index.html` is `/x/`."""
    if relative == "index.html" or relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def compare(old_dir: Path, new_dir: Path) -> SiteDiff:
    """Compare two site folders: pages by visible text, other files by content."""
    old, new = _files(old_dir), _files(new_dir)
    found: dict[str, list[Change]] = {k: [] for k in (
        "added", "removed", "changed", "files_added", "files_removed", "files_changed")}
    for rel in sorted(old.keys() | new.keys(), key=address):
        group = "" if rel.endswith(".html") else "files_"
        if rel not in old:
            found[group + "added"].append(Change(address(rel), _title(new[rel])))
        elif rel not in new:
            found[group + "removed"].append(Change(address(rel), _title(old[rel])))
        elif change := (_changed_page if not group else _changed_file)(rel, old[rel], new[rel]):
            found[group + "changed"].append(change)
    return SiteDiff(**{k: tuple(v) for k, v in found.items()})


def _changed_page(rel: str, old: Path, new: Path) -> Change | None:
    (old_title, old_lines), (new_title, new_lines) = (
        page_text(old.read_text(encoding="utf-8")), page_text(new.read_text(encoding="utf-8")))
    if (old_title, old_lines) == (new_title, new_lines):
        return None
    return Change(address(rel), _name(new_title, new_lines), _unified(
        [f"Title: {old_title}", *old_lines], [f"Title: {new_title}", *new_lines]))


def _changed_file(rel: str, old: Path, new: Path) -> Change | None:
    if old.read_bytes() == new.read_bytes():
        return None
    return Change(address(rel), "", _unified(_text_lines(old), _text_lines(new)))


def _files(site_dir: Path) -> dict[str, Path]:
    found = {}
    for path in site_dir.rglob("*"):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and not rel.startswith(IGNORED) and rel not in IGNORED:
            found[rel] = path
    return found


def _title(path: Path) -> str:
    return _name(*page_text(path.read_text(encoding="utf-8"))) if path.suffix == ".html" else ""


def _name(title: str, lines: list[str]) -> str:
    """What a page calls itself: its main heading, else its <title>."""
    return next((line[2:] for line in lines if line.startswith("# ")), title)


def _text_lines(path: Path) -> list[str]:
    """A file's lines when it is text (CSV, JSON, robots.txt...), else nothing to show."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return []


def _unified(old: list[str], new: list[str]) -> tuple[str, ...]:
    lines = list(difflib.unified_diff(old, new, lineterm="", n=2))[2:]
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"… {len(lines) - MAX_DIFF_LINES} more lines"]
    return tuple(lines)


@dataclass(frozen=True)
class Waiting:
    """A plan whose file has changes the public site does not show until they are recorded."""

    name: str  # "Corporate Services 2025/26"
    source: str  # its plan file
    year: str  # the year's slug, 2025-26
    service: str
    published: bool  # published already (record an update) or not yet (approve it)


def _waiting(plans: tuple[Waiting, ...]) -> list[str]:
    """The warning that plans have changes no public page shows yet, and what records them."""
    which = "1 plan has" if len(plans) == 1 else f"{len(plans)} plans have"
    out = [f"**Not yet public:** {which} changes in the plan file that the public site will "
           "not show until they are "
           "recorded as a version. Merging alone does not publish them.", ""]
    for plan in plans:
        if plan.published:
            command = (f"plansite update {plan.year} --service {plan.service} --date "
                       "YYYY-MM-DD --note \"Quarter 2 update\"")
            stage = "update"
        else:
            command = (f"plansite approve {plan.year} --service {plan.service} --body Cabinet "
                       "--date YYYY-MM-DD")
            stage = "approve"
        out.append(f"- {_escape(plan.name)} ({_code(plan.source)}): record it with the "
                   f"**Record a decision** workflow (Actions tab, stage `{stage}`), or run "
                   f"{_code(command)}.")
    return out + [""]


def report(diff: SiteDiff, old_label: str, new_label: str,
           waiting: tuple[Waiting, ...] = ()) -> str:
    """The comparison as Markdown: plans waiting to be recorded, counts, a table of pages,
    then each change's wording."""
    out = [f"## Changes to the site: {_code(old_label)} → {new_label}", ""]
    if waiting:
        out += _waiting(waiting)
    if not diff:
        return "\n".join(out + ["No visible changes: every page reads the same, and no "
                                "download changed" + (" (the plans above are waiting to be "
                                                      "recorded)." if waiting else "."), ""])
    counts = [_count(len(diff.changed), "page", "changed"), _count(len(diff.added), "page",
              "added"), _count(len(diff.removed), "page", "removed")]
    files = len(diff.files_added) + len(diff.files_removed) + len(diff.files_changed)
    if files:
        counts.append(_count(files, "other file", "added, removed or changed"))
    out += [", ".join(counts) + ".", ""]
    rows = [(what, c) for what, group in (("Changed", diff.changed), ("Added", diff.added),
                                          ("Removed", diff.removed)) for c in group]
    rows += [(f"File {what.lower()}", c) for what, group in (
        ("Changed", diff.files_changed), ("Added", diff.files_added),
        ("Removed", diff.files_removed)) for c in group]
    out += ["| Change | Page | Address |", "| --- | --- | --- |"]
    out += [f"| {what} | {_escape(c.title)} | {_code(c.path)} |" for what, c in rows]
    for change in (*diff.changed, *diff.files_changed):
        if change.diff:
            fence = "`" * max(3, 1 + max(len(m) for m in re.findall("`+", "\n".join(
                change.diff)) or [""]))
            out += ["", f"### {_escape(change.title) or 'File'}: {_code(change.path)}", "",
                    f"{fence}diff", *change.diff, fence]
    return "\n".join(out + [""])


def _count(n: int, noun: str, verb: str) -> str:
    return f"{n or 'no'} {noun}{'' if n == 1 else 's'} {verb}"


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else text


def _escape(text: str) -> str:
    """Text from the data, shown literally in Markdown."""
    return re.sub(r"([\\`*_\[\]<>|~])", r"\\\1", text)
