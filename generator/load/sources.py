"""Load: read every input file of a project, without judging what it says."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from generator.load.assets import read_assets
from generator.load.boundary import project_files, refusal
from generator.errors import FileProblem, Problems
from generator.load.frontmatter import split_front_matter
from generator.load.textfile import read_text
from generator.load.yamlfile import Map, YamlProblem, read_yaml
from generator.parallel import in_two

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


T = TypeVar("T")


def _stamp(path: Path) -> tuple[int, int]:
    """What tells a changed file: its modification time and size."""
    status = path.stat()
    return status.st_mtime_ns, status.st_size


class SourceCache:
    """What files said when last read, kept between loads (by `plansite serve`): a file
    whose size and modification time are unchanged is not read again."""

    def __init__(self) -> None:
        self.memo: dict = {}  # for validate: what it made of files that did not change
        self._kept: dict[Path, tuple[tuple[int, int], object]] = {}
        self._seen: set[Path] = set()
        self._fresh: set[Path] = set()

    def get(self, path: Path, read: Callable[[], T]) -> T:
        """`read()`'s result for `path`, read again only if the file changed (a problem it
        raises is not kept: the file is read again next time)."""
        return self.get_all([path], lambda _path: read())[0]

    def get_all(self, paths: list[Path], read: Callable[[Path], T]) -> list[T]:
        """`read(path)` for each path, read again (by two processes) only if it changed; a
        problem that `read` returns or raises instead of a value is not kept."""
        stamps = {path: _stamp(path) for path in paths}
        self._seen.update(paths)
        changed = [path for path in paths
                   if path not in self._kept or self._kept[path][0] != stamps[path]]
        fresh = dict(zip(changed, in_two(read, changed)))
        for path, value in fresh.items():
            if not isinstance(value, Exception):
                self._kept[path] = (stamps[path], value)
                self._fresh.add(path)
        return [fresh[path] if path in fresh else self._kept[path][1]  # type: ignore[misc]
                for path in paths]  # (kept values are what `read` returned)

    def changes(self) -> set[Path]:
        """The files read afresh or gone since the previous call (every file the first time)."""
        gone = self._kept.keys() - self._seen
        for path in gone:
            del self._kept[path]
        changed = self._fresh | gone
        self._seen, self._fresh = set(), set()
        return changed


YAML = (".yml", ".yaml")
# Where data/ holds YAML files, by the parts of their path under data/ (the file's own
# name is the last part): which list of Sources each belongs to, or None for misplaced.
_PLACES = {("corporate-plans",): "corporate_plans", ("services",): "services",
           (): None, ("plans",): None}


def _place(parts: tuple[str, ...]) -> str | None:
    """The Sources list for a YAML file at data/<parts>, '' for one that is not read."""
    folders = parts[:-1]
    if folders in _PLACES:
        return _PLACES[folders]
    if len(folders) == 2 and folders[0] == "plans":
        return "plans"
    if len(folders) == 4 and folders[0] == "plans" and folders[2] == SNAPSHOTS:
        return "snapshots"
    return ""


REQUIRED_FOLDERS = {
    "data": "the plan data (corporate-plans/, services/ and plans/)",
    "content": "the Markdown pages",
}


def load(root: Path, cache: SourceCache | None = None) -> tuple[Sources, Problems]:
    """Read site_config.yml, data/ and content/ under `root`; with `cache`, only the files
    that changed since it last saw them."""
    problems = Problems()
    sources = Sources(root=root)

    def kept(path: Path, read: Callable[[], T]) -> T:
        return cache.get(path, read) if cache else read()

    def document(path: Path, data: object) -> Document | None:
        shown = path.relative_to(root).as_posix()
        if isinstance(data, YamlProblem):
            problems.items.append(data.problem)
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
    if config.is_symlink() or config.exists():
        refused = refusal(config, root)
        if refused:
            problems.items.append(refused)
        elif config.is_dir():
            problems.add(CONFIG_FILE, 0, "this is a folder, not the settings file",
                         f"replace the folder with the settings file {CONFIG_FILE}")
        else:
            sources.config = document(config, _read_yaml_files([config], root, cache)[0])
    else:
        problems.add(CONFIG_FILE, 0, "the settings file is missing",
                     f"create {CONFIG_FILE} in the project folder (see docs/data-reference.md)")
    data = root / "data"
    places = {path: _place(path.relative_to(data).parts)
              for path in _within(root, "data", YAML, problems, sources)}
    read = [path for path, place in places.items() if place]
    readings = dict(zip(read, _read_yaml_files(read, root, cache)))
    for path, place in places.items():
        if place is None:
            problems.add(path.relative_to(root).as_posix(), 0, "Plansite does not read YAML "
                         "files here", "move it into data/corporate-plans/, data/services/ or "
                         "a year folder such as data/plans/2025-26/")
        elif place:
            found = document(path, readings[path])
            if found:
                getattr(sources, place).append(found)
    for path in _within(root, "content", (".md",), problems, sources):
        rel = path.relative_to(root / "content").as_posix()
        shown = f"content/{rel}"
        try:
            text, (meta, body) = kept(path, lambda: _markdown(path, shown))
        except FileProblem as error:
            problems.items.append(error.problem)
            sources.unreadable.add(shown)
        else:
            line = text[:len(text) - len(body)].count("\n") + 1
            sources.content[rel] = MarkdownFile(shown, meta, body, line)
    sources.files = read_assets(root, problems)
    return sources, problems


def _read_yaml_files(paths: list[Path], root: Path, cache: SourceCache | None) -> list:
    """Each YAML file's value, or the YamlProblem that reading it raised; the files a cache
    does not hold are read by two processes (parsing is most of loading a large council)."""
    def attempt(path: Path) -> object:
        try:
            return read_yaml(path, path.relative_to(root).as_posix())
        except YamlProblem as problem:
            return problem
    return cache.get_all(paths, attempt) if cache else in_two(attempt, paths)


def _markdown(path: Path, shown: str) -> tuple[str, tuple[dict, str]]:
    text = read_text(path, shown)
    return text, split_front_matter(text, shown)


def _within(root: Path, folder: str, suffixes: tuple[str, ...], problems: Problems,
            sources: Sources) -> list[Path]:
    """The files of a folder that the project boundary lets Plansite read; every file it
    refuses is marked unreadable, so that references to it are not reported again."""
    before = len(problems.items)
    found = project_files(root / folder, root, problems, suffixes)
    sources.unreadable.update(p.file for p in problems.items[before:])
    return found
