"""Load: read every input file of a project, without judging what it says."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .assets import read_assets
from .errors import Problems, not_utf8
from .frontmatter import split_front_matter
from .yamlfile import Map, YamlProblem, read_yaml

CONFIG_FILE = "site_config.yml"
SNAPSHOTS = "versions"  # data/plans/<year>/versions/<service>/v<N>.yml: frozen versions


def snapshot_path(year_slug: str, service: str, number: int) -> str:
    """Where the frozen copy of version `number` of a plan is kept, relative to the project."""
    return f"data/plans/{year_slug}/{SNAPSHOTS}/{service}/v{number}.yml"


@dataclass(frozen=True)
class Document:
    """One parsed YAML file and the path shown in messages."""

    shown: str
    data: object


@dataclass(frozen=True)
class MarkdownFile:
    """One Markdown file of content/: its front matter fields and its text."""

    shown: str
    meta: dict
    body: str
    line: int = 1  # the line of the file on which `body` starts (after the front matter)


@dataclass
class Sources:
    """The raw inputs of a project, keyed by where they came from."""

    root: Path
    config: Document | None = None
    corporate_plans: list[Document] = field(default_factory=list)
    services: list[Document] = field(default_factory=list)
    plans: list[Document] = field(default_factory=list)
    snapshots: list[Document] = field(default_factory=list)  # frozen copies of plan files
    content: dict[str, MarkdownFile] = field(default_factory=dict)  # key: "vision.md"
    unreadable: set[str] = field(default_factory=set)  # files already reported as unreadable
    files: dict[str, bytes] = field(default_factory=dict)  # images etc. of content/, by path


def _yaml_files(folder: Path) -> list[Path]:
    found = list(folder.glob("*.yml")) + list(folder.glob("*.yaml"))
    return sorted(found)


REQUIRED_FOLDERS = {
    "data": "the plan data (corporate-plans/, services/ and plans/)",
    "content": "the Markdown pages",
}


def load(root: Path) -> tuple[Sources, Problems]:
    """Read site_config.yml, data/ and content/ under `root`."""
    problems = Problems()
    sources = Sources(root=root)

    def parse(path: Path) -> Document | None:
        shown = path.relative_to(root).as_posix()
        try:
            data = read_yaml(path, shown)
        except YamlProblem as error:
            problems.items.append(error.problem)
            sources.unreadable.add(shown)
            return None
        if not isinstance(data, Map):
            what = "empty" if data is None else "not a block of 'name: value' lines"
            problems.add(shown, 1, f"this file is {what}", "write its fields as 'name: value' "
                         "lines (see docs/data-reference.md), or delete the file")
            sources.unreadable.add(shown)
            return None
        return Document(shown, data)

    for name, holds in REQUIRED_FOLDERS.items():
        if not (root / name).is_dir():
            problems.add(f"{name}/", 0, f"this folder is missing; it holds {holds}",
                         f"put the {name}/ folder back in the project folder")
    config = root / CONFIG_FILE
    if config.is_file():
        sources.config = parse(config)
    else:
        problems.add(CONFIG_FILE, 0, "the settings file is missing",
                     f"create {CONFIG_FILE} in the project folder (see docs/data-reference.md)")
    data = root / "data"
    for folder in (data, data / "plans"):
        for path in _yaml_files(folder):
            problems.add(path.relative_to(root).as_posix(), 0, "Plansite does not read YAML "
                         "files here", "move it into data/corporate-plans/, data/services/ or "
                         "a year folder such as data/plans/2025-26/")
    for folder, bucket in (("corporate-plans", sources.corporate_plans),
                           ("services", sources.services)):
        bucket.extend(d for d in map(parse, _yaml_files(data / folder)) if d)
    for year_dir in sorted(p for p in (data / "plans").glob("*") if p.is_dir()):
        sources.plans.extend(d for d in map(parse, _yaml_files(year_dir)) if d)
        for service_dir in sorted(p for p in (year_dir / SNAPSHOTS).glob("*") if p.is_dir()):
            sources.snapshots.extend(d for d in map(parse, _yaml_files(service_dir)) if d)
    content = root / "content"
    for path in sorted(content.rglob("*.md")):
        rel = path.relative_to(content).as_posix()
        shown = f"content/{rel}"
        if not path.resolve().is_relative_to(content.resolve()):
            problems.add(shown, 0, "this is a link to a file outside the content folder",
                         "replace the link with a copy of the file itself")
            sources.unreadable.add(shown)
            continue
        try:
            text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
            meta, body = split_front_matter(text, shown)
        except UnicodeDecodeError:
            problems.items.append(not_utf8(shown))
            sources.unreadable.add(shown)
        except YamlProblem as error:
            problems.items.append(error.problem)
            sources.unreadable.add(shown)
        else:
            line = text[:len(text) - len(body)].count("\n") + 1
            sources.content[rel] = MarkdownFile(shown, meta, body, line)
    sources.files = read_assets(root, problems)
    return sources, problems
