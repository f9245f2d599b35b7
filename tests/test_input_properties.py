"""Property-based tests: hostile YAML, Markdown and settings never end in a traceback.

Hypothesis writes generated input into a copy of the fictional test council and runs the
real `check` (in process, PLANSITE_DEBUG=1 so an unexpected error fails the test with its
traceback). Every example must end in exit 0, or exit 1 with only `file:line: what; how`
lines. Then the real `build` runs on the same input: where `check` passed it must build;
where `check` refused, the build must refuse with the same problems and leave the site
built before byte-identical. Examples are derandomized, so every run tries the same ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
from pathlib import Path
from unittest import mock

import pytest
from conftest import copy_council
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.commands import cli

EXAMPLES = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
HOUSE_LINE = re.compile(r"^  \S.*?(:\d+)?: \S.*; \S.*$")
PLAN = "data/plans/2024-25/parks.yml"

# -- Generated values ----------------------------------------------------------------------

TRICKY = [
    "No", "no", "Off", "on", "yes", "Y", "~", "null", "true", "FALSE", "12:30", "1:20:30",
    "010", "0o17", "0x1F", "0b101", "1_000", ".inf", "-.inf", ".nan", "1.7e308", "1e400",
    "9" * 400, "9" * 40, "-0", "+5", "2205-01-12", "1989-12-31", "0001-01-01",
    "9999-12-31", "2025-02-30", "2025-13", "2024-08", "Q5 2025/26", "Q1 2205/06",
    "Q3 2024/25", "2025-04-03T10:00:00Z", "2025-04-03 25:61:61", "''", '""', "[]", "{}",
    "[a, b]", "{a: 1}", "&x 1", "*x", "*undefined", "!!python/object:os.system x",
    "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!custom x", "!!str 5", "!!int x",
    "!!float x", "!!timestamp x", "!!null x", "|\n  block\n  text", ">-\n  folded",
    '"\\a"', '"\\x85"', '"\\u202e"', '"\\0"', '"\\uD800"', "'quoted'", "- item", "? key",
    "% directive", "@at", "`tick", "a: b", "#comment", "javascript:alert(1)",
    "https://x.example/\"><script>", "<script>alert(1)</script>", "\t", "\ufeff", "\x85",
]
HOSTILE_CHARS = st.characters(codec="utf-8", exclude_characters="\n\r")
SCALARS = st.one_of(
    st.sampled_from(TRICKY),
    st.integers(min_value=-10 ** 500, max_value=10 ** 500).map(str),
    st.floats().map(repr),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
    st.tuples(st.integers(0, 9999), st.integers(0, 99)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.text(HOSTILE_CHARS, max_size=30).map(json.dumps),  # a double-quoted YAML text
    st.text(HOSTILE_CHARS, max_size=30),  # as it comes: often not YAML at all
)
KEYS = st.one_of(st.sampled_from(["title", "name", "value", "date", "text", "target",
                                  "key", "ref", "<<", "? x", "1", "true", "~", "&k title",
                                  "*k", "[a]"]),
                 st.text(st.characters(codec="ascii", exclude_characters="\n\r"),
                         min_size=1, max_size=8))


def _block(value, indent: int) -> str:
    """YAML text for a generated structure, in block style (flow style inside lists)."""
    pad = " " * indent
    if isinstance(value, list) and value and isinstance(value[0], tuple):
        return "".join(f"\n{pad}{key}:{_block(item, indent + 2)}" for key, item in value)
    if isinstance(value, list):
        return " [" + ", ".join(_flow(item) for item in value) + "]"
    return f" {value}" if "\n" not in value else " " + value.replace("\n", "\n" + pad)


def _flow(value) -> str:
    if isinstance(value, list) and value and isinstance(value[0], tuple):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return value.replace("\n", " ")


STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.lists(st.tuples(KEYS, inner), min_size=1, max_size=5)),
    max_leaves=25)

# Lines of the fixture whose value a generated one replaces.
DATA_FIELDS = [
    (PLAN, "    target: 80"), (PLAN, "      Q2: 78"), (PLAN, "    title: Plant a thousand trees"),
    (PLAN, "      - date: 2024-11-12"), (PLAN, "    target: 2025-03"),
    (PLAN, "    status: on-track"), (PLAN, "focus: Projects beyond day-to-day work."),
    (PLAN, "    ref: PK1"), (PLAN, "service: parks"), (PLAN, "    unit: percent"),
    (PLAN, "  - number: 1"), (PLAN, "    basis: cumulative"), (PLAN, "  staff: 12 full-time "
                                                              "equivalent"),
    (PLAN, "        text: Four hundred planted."), (PLAN, "    key: park-satisfaction"),
    ("data/corporate-plans/2024-2028.yml", "    underpinning: yes"),
    ("data/corporate-plans/2024-2028.yml", "approved: 2024-03"),
    ("data/corporate-plans/2024-2028.yml", "  - key: green"),
    ("data/services/parks.yml", "name: Parks and Open Spaces"),
    ("data/services/parks.yml", "overview: services/parks.md"),
    ("data/services/parks.yml", "    email: parks@example.org"),
]
SETTINGS_FIELDS = [
    ("site_config.yml", line) for line in (
        "  name: Exampleshire District Council", "  website: https://www.example.org/",
        "  title: Exampleshire service plans", "  base_url: https://plans.example.org/",
        "  language: en-GB", "  name: Performance team", "  email: plans@example.org",
        "  phone: 01234 567890", "  licence: Open Government Licence v3.0",
        "  near_target_percent: 5", "  prepared: 2024-05-01")]


def _edits(fields):
    """1 to 3 fields of the fixture, each given a generated value (scalar or structure)."""
    return st.lists(st.tuples(st.sampled_from(fields),
                              st.one_of(SCALARS, STRUCTURES.map(lambda v: _block(v, 4)))),
                    min_size=1, max_size=3)


# -- Running the real commands -------------------------------------------------------------

@pytest.fixture(scope="module")
def council(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A copy of the test council with its public site built: (project, the site's files'
    digests)."""
    project = copy_council(tmp_path_factory.mktemp("properties") / "council")
    code, _, err = _run(project, "build")
    assert code == 0, err
    return project, _digests(project / "site")


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(project: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, {"PLANSITE_DEBUG": "1"}), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--root", str(project), *args])
    return code, out.getvalue(), err.getvalue()


def _house(code: int, err: str) -> list[str]:
    """The problem lines of a refusal, asserted to be all in house format."""
    assert code in (0, 1), err
    if code == 0:
        return []
    lines = err.splitlines()
    assert lines[0].startswith("Plansite found ") and lines[1] == "", err
    assert lines[2:] and all(HOUSE_LINE.match(line) for line in lines[2:]), err
    return lines[2:]


def _try(council, writes: dict[str, bytes]) -> None:
    """Write the files, check, build, and put every file back as it was."""
    project, site = council
    originals = {rel: (project / rel).read_bytes() if (project / rel).exists() else None
                 for rel in writes}
    try:
        for rel, data in writes.items():
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / rel).write_bytes(data)
        code, _, err = _run(project, "check")
        problems = _house(code, err)
        event("refused" if problems else "accepted and built")
        if problems:
            build, _, build_err = _run(project, "build")
            assert (build, _house(build, build_err)) == (1, problems)
            now = _digests(project / "site")
            changed = sorted(k for k in site.keys() | now.keys() if site.get(k) != now.get(k))
            assert not changed, f"a refused build changed the site: {changed[:5]}"
        else:
            build, _, build_err = _run(project, "build", "--site-dir", "site-ok")
            assert build == 0, build_err
    finally:
        for rel, data in originals.items():
            if data is None:
                (project / rel).unlink()
            else:
                (project / rel).write_bytes(data)


def _substituted(council, edits) -> dict[str, bytes]:
    project = council[0]
    texts: dict[str, str] = {}
    for (rel, line), value in edits:
        text = texts.get(rel) or (project / rel).read_text(encoding="utf-8")
        if line in text:
            key = line.split(":", 1)[0]
            texts[rel] = text.replace(line, f"{key}:{'' if value.startswith(chr(10)) else ' '}"
                                      f"{value}", 1)
    return {rel: text.encode("utf-8") for rel, text in texts.items()}


# -- The properties ------------------------------------------------------------------------

@EXAMPLES
@given(edits=_edits(DATA_FIELDS))
def test_hostile_values_in_data_files(council, edits):
    _try(council, _substituted(council, edits))


@EXAMPLES
@given(edits=_edits(SETTINGS_FIELDS))
def test_hostile_settings(council, edits):
    _try(council, _substituted(council, edits))


@EXAMPLES
@given(where=st.sampled_from([PLAN, "data/services/parks.yml", "data/services/extra.yml",
                              "site_config.yml", "data/corporate-plans/2024-2028.yml"]),
       structure=STRUCTURES, prefix=st.sampled_from(["", "\ufeff", "%YAML 1.2\n---\n",
                                                     "---\n", "--- !!map\n"]),
       anchors=st.booleans())
def test_hostile_yaml_files(council, where, structure, prefix, anchors):
    text = prefix + _block(structure, 0).lstrip("\n")
    if anchors:  # an anchor on the first value and aliases to it further on
        text = text.replace(": ", ": &a ", 1).replace("[", "[*a, ", 1)
    _try(council, {where: text.encode("utf-8")})


FRONT_OPENINGS = ["", "---\n", "---\r\n", "\ufeff---\n", "--- \n", "---\n\n", "----\n"]
FRONT_CLOSINGS = ["---\n", "---", "...\n", "", "--- \n", "---\r\n"]
PAGE_NAMES = st.one_of(
    st.sampled_from(["about.md", "index.md", "services/parks.md", "new.md", "feed.xml.md",
                     "404.md", "kpis/x.md", "2024-25.md", "A.md", "x/index.md", "deep/a/b.md",
                     ".md", "-.md", "a b.md", "ça.md", "sitemap.xml.md", "data.md"]),
    st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1,
            max_size=20).map(lambda name: f"gen/{name}.md"))


@EXAMPLES
@given(name=PAGE_NAMES, opening=st.sampled_from(FRONT_OPENINGS),
       front=st.one_of(st.lists(st.tuples(st.sampled_from(["title", "description",
                                                           "nav_order", "other"]), SCALARS),
                                max_size=3).map(lambda pairs: "".join(
                                    f"{k}: {v}\n" for k, v in pairs)),
                       STRUCTURES.map(lambda v: _block(v, 0).lstrip("\n") + "\n")),
       closing=st.sampled_from(FRONT_CLOSINGS),
       body=st.text(st.characters(codec="utf-8"), max_size=200))
def test_hostile_markdown(council, name, opening, front, closing, body):
    text = opening + (front + closing if opening else "") + body
    if len(f"content/{name}".encode()) > 200:
        return  # longer than some file systems allow, not a Plansite matter
    _try(council, {f"content/{name}": text.encode("utf-8", "surrogatepass")})
