"""Markdown files of content/: optional YAML front matter between '---' lines, then text."""

from __future__ import annotations

from generator.errors import Problem
from generator.load.yamlfile import YamlProblem, parse_yaml


def split_front_matter(text: str, shown: str) -> tuple[dict, str]:
    """Return (front matter fields, body). Raises YamlProblem for bad front matter."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        raise YamlProblem(Problem(shown, 1, "the front matter that starts with '---' on the "
                                  "first line never ends", "add a line '---' after it"))
    meta = parse_yaml("\n" + text[4:end + 1], shown) or {}
    if not isinstance(meta, dict):
        raise YamlProblem(Problem(shown, 2, "the front matter between the '---' lines should "
                                  "be 'name: value' lines", "write it like 'title: Our vision'"))
    after = text.find("\n", end + 4)
    return meta, text[after + 1:] if after >= 0 else ""


def first_heading(text: str) -> str:
    """The text of the first '# ' heading of Markdown, or empty."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""
