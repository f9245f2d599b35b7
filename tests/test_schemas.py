"""The JSON Schemas and field tables generated from generator/validate/declarations.py: they
are current, every data file names its schema on its first line, and every data file of the
sample, of the valid fixture councils and of a new project is valid against it (checked by
the jsonschema library, as an editor would); mistakes are not."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from pathlib import Path

import jsonschema
import pytest

from conftest import HART, ROOT, plansite
from generator.load.yamlfile import parse_yaml
from generator.validate.declarations import SCHEMA_COMMENT, kind_of, schema_line
from generator.validate.generated import stale

FIXTURES = ROOT / "tests" / "fixtures"
# The sample and every fixture council (each is a valid project).
VALID = (ROOT, *sorted(p for p in FIXTURES.iterdir() if (p / "site_config.yml").is_file()))


@pytest.fixture(scope="module")
def new_project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "project"
    result = plansite("new", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def _data_files(project: Path) -> list[tuple[str, Path]]:
    files = [project / "site_config.yml", *sorted((project / "data").rglob("*.y*ml"))]
    return [(path.relative_to(project).as_posix(), path) for path in files]


def _as_an_editor_reads(value):
    """A value of the YAML reader as JSON: a date is text (YAML 1.2 has no dates)."""
    if isinstance(value, dict):
        return {str(key): _as_an_editor_reads(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_an_editor_reads(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _errors(project: Path, rel: str, text: str | None = None) -> list[str]:
    """What the schema named by the file's kind finds wrong with it (with `text` instead)."""
    schema = json.loads((ROOT / kind_of(rel).schema_path).read_text(encoding="utf-8"))
    data = parse_yaml(text if text is not None else
                      (project / rel).read_text(encoding="utf-8"), rel)
    validator = jsonschema.Draft7Validator(schema)
    return [f"{rel}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(_as_an_editor_reads(data))]


def test_the_schemas_and_field_tables_are_generated_from_the_declarations():
    assert stale(ROOT) == [], "run: make schemas"


def test_the_schemas_are_valid_json_schemas():
    for path in sorted((ROOT / "docs" / "schemas").glob("*.schema.json")):
        jsonschema.Draft7Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("project", VALID, ids=lambda p: p.relative_to(ROOT).as_posix() or ".")
def test_every_data_file_is_valid_against_its_schema(project):
    files = _data_files(project)
    assert len(files) >= 4
    assert [error for rel, _ in files for error in _errors(project, rel)] == []


def test_every_data_file_of_a_new_project_is_valid_and_its_schemas_are_there(new_project):
    files = _data_files(new_project)
    assert any("/versions/" in rel for rel, _ in files)  # snapshots made by the commands
    assert [error for rel, _ in files for error in _errors(new_project, rel)] == []
    for name in ("settings", "corporate-plan", "service", "plan"):
        path = f"docs/schemas/{name}.schema.json"
        assert (new_project / path).read_text(encoding="utf-8") == \
            (ROOT / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("project", (ROOT, HART, Path("new")), ids=("root", "hart", "new"))
def test_every_data_file_but_a_snapshot_starts_with_its_schema_line(project, new_project):
    """The line's path, relative to the file, names the schema in the project's own
    docs/schemas; snapshots are never edited and carry none."""
    project = new_project if project == Path("new") else project
    for rel, path in _data_files(project):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if "/versions/" in rel:
            assert not first.startswith(SCHEMA_COMMENT), rel
            continue
        assert first == schema_line(rel), rel
        if project != HART:  # a byte-identical copy of the root's files
            assert (path.parent / first.removeprefix(SCHEMA_COMMENT)).resolve() == \
                (project / kind_of(rel).schema_path).resolve(), rel


@pytest.mark.parametrize("project", [p for p in VALID[1:] if p != HART], ids=lambda p: p.name)
def test_a_fixture_names_the_repository_schema(project):
    for rel, path in _data_files(project):
        if "/versions/" not in rel:
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            target = path.parent / first.removeprefix(SCHEMA_COMMENT)
            assert first.startswith(SCHEMA_COMMENT) and target.resolve() == \
                (ROOT / kind_of(rel).schema_path).resolve(), rel


PLAN = "data/plans/2024-25/parks.yml"


def _plan_with(old: str, new: str) -> str:
    text = (FIXTURES / "council" / PLAN).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("old, new, found", [
    ("service: parks", "servce: parks", "'servce' was unexpected"),
    ("service: parks", "service: Parks And Open Spaces", "does not match"),
    ("unit: percent", "unit: per-cent", "is not one of"),
    ("polarity: higher\n", "polarity: higher\n    colour: green\n", "'colour' was unexpected"),
    ("title:", "titel:", "'title' is a required property"),
])
def test_the_schema_finds_mistakes_in_a_plan(old, new, found):
    assert _errors(FIXTURES / "council", PLAN) == []
    errors = _errors(FIXTURES / "council", PLAN, _plan_with(old, new))
    assert any(found in error for error in errors), errors


def test_the_schema_finds_a_figure_written_with_its_unit():
    errors = _errors(FIXTURES / "council", PLAN, _plan_with("target: 80", 'target: "80%"'))
    assert any("kpis/0/target" in error for error in errors), errors


def test_the_schema_finds_mistakes_in_the_settings():
    rel = "site_config.yml"
    text = (FIXTURES / "council" / rel).read_text(encoding="utf-8")
    assert _errors(FIXTURES / "council", rel, text) == []
    assert _errors(FIXTURES / "council", rel, text + "colour: blue\n")
    assert _errors(FIXTURES / "council", rel, text.replace("council:", "counsil:", 1))


def test_a_schema_line_is_relative_to_its_file():
    assert schema_line("site_config.yml") == SCHEMA_COMMENT + "docs/schemas/settings.schema.json"
    assert schema_line("data/plans/2025-26/waste.yml") == \
        SCHEMA_COMMENT + "../../../docs/schemas/plan.schema.json"
    assert posixpath.basename(schema_line("data/services/waste.yml")) == "service.schema.json"


@pytest.mark.parametrize("rel", ["site_config.yml", "data/corporate-plans/2024-2028.yml",
                                 "data/services/parks.yml", PLAN])
def test_check_and_the_schema_refuse_the_same_unknown_field(project, rel, capsys):
    """Both read the one declaration: a field it does not name is refused by each."""
    from generator.commands import cli

    first, rest = (project / rel).read_text(encoding="utf-8").split("\n", 1)
    text = f"{first}\nsumary: A typing mistake\n{rest}"
    (project / rel).write_text(text, encoding="utf-8")
    assert any("'sumary' was unexpected" in error for error in _errors(project, rel, text))
    assert cli.main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert any(line.strip().startswith(f"{rel}:2: ") and "field 'sumary' that Plansite does "
               "not know" in line for line in err.splitlines()), err
