"""Load: read every input file of a project, without judging what it says."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problems
from .yamlfile import YamlProblem, read_yaml

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


@dataclass
class Sources:
    """The raw inputs of a project, keyed by where they came from."""

    root: Path
    config: Document | None = None
    corporate_plans: list[Document] = field(default_factory=list)
    services: list[Document] = field(default_factory=list)
    plans: list[Document] = field(default_factory=list)
    snapshots: list[Document] = field(default_factory=list)  # frozen copies of plan files
    content: dict[str, str] = field(default_factory=dict)  # "vision.md" -> Markdown text


def _yaml_files(folder: Path) -> list[Path]:
    found = list(folder.glob("*.yml")) + list(folder.glob("*.yaml"))
    return sorted(found)


def load(root: Path) -> tuple[Sources, Problems]:
    """Read site_config.yml, data/ and content/ under `root`."""
    problems = Problems()
    sources = Sources(root=root)

    def parse(path: Path) -> Document | None:
        shown = path.relative_to(root).as_posix()
        try:
            return Document(shown, read_yaml(path, shown))
        except YamlProblem as error:
            problems.items.append(error.problem)
            return None

    config = root / CONFIG_FILE
    if config.is_file():
        sources.config = parse(config)
    else:
        problems.add(CONFIG_FILE, 0, "the settings file is missing",
                     f"create {CONFIG_FILE} in the project folder (see docs/data-reference.md)")
    data = root / "data"
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
        try:
            sources.content[rel] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.add(f"content/{rel}", 0, "this file is not saved as UTF-8 text",
                         "save it again as UTF-8 from your editor")
    return sources, problems
