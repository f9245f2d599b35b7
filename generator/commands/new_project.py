"""`plansite new DIR`: write a starter project for a council, ready to build and check.

The starter (generator/commands/starter/) is a made-up council: a corporate plan, two services,
one plan year with an approved plan and a draft, indicators in several statuses and
narrative pages, with its own README and CI workflow. The approved plan's versions and
snapshots are recorded by the real `plansite scrutiny` and `approve` code, so they are
always in the current format.
"""

from __future__ import annotations

import re
import shutil
from importlib.metadata import version
from pathlib import Path

import yaml

from generator.errors import CommandError
from generator.commands.record import Request, record
from generator.validate.generated import schemas

STARTER = Path(__file__).parent / "starter"
EXAMPLE_COUNCIL = "Example District Council"
# The files holding $council, $title or $version, filled in as the starter is written.
FILLED = ("site_config.yml", ".github/workflows/site.yml",
          ".github/workflows/record-decision.yml")
_PLACEHOLDER = re.compile(r"\$(council|title|version)\b")
# What happened to the example plans, recorded after the files are written.
HISTORY = (Request("2025-26", "waste", "scrutiny", "2025-03-10",
                   "Overview and Scrutiny Committee", "minute 41"),
           Request("2025-26", "waste", "approved", "2025-03-20", "Cabinet", "minute 87",
                   "Approved plan."))


def yaml_text(text: str) -> str:
    """`text` as a double-quoted YAML scalar that reads back as exactly `text`."""
    quoted = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=10**6)
    return quoted.removesuffix("\n...\n").strip()


def _council_name(name: str) -> str:
    name = name.strip()
    if not name or "\n" in name or "\r" in name:
        raise CommandError("--council", "the council's name must be one line of text",
                           'give it in quotes, like --council "Exampleshire County Council"')
    return name


def _target(folder: Path) -> None:
    """Refuse a folder that holds anything, or a path that is not a folder."""
    if folder.exists() and not folder.is_dir():
        raise CommandError(str(folder), "this is a file, not a folder",
                           "give the name of a new folder for the project")
    if folder.is_dir() and any(folder.iterdir()):
        raise CommandError(str(folder), "this folder is not empty, and a new project would "
                           "mix its files with what is there",
                           "give the name of a new or empty folder")


def new_project(folder: Path, council: str = EXAMPLE_COUNCIL) -> list[str]:
    """Write the starter project into `folder` (new or empty); returns what was recorded."""
    council = _council_name(council)
    _target(folder)
    values = {"council": yaml_text(council), "title": yaml_text(f"{council} plans"),
              "version": version("plansite")}
    shutil.copytree(STARTER, folder, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in FILLED:
        path = folder / name
        text = _PLACEHOLDER.sub(lambda m: values[m[1]], path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    for name, text in schemas().items():  # named by the first line of each data file
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    try:
        return [line for request in HISTORY for line in record(folder, request)]
    except CommandError:
        for item in folder.iterdir():  # the folder was empty: leave it so
            (shutil.rmtree if item.is_dir() else Path.unlink)(item)
        raise
