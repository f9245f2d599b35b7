"""The files written from the field declarations: a JSON Schema per file kind
(docs/schemas/<kind>.schema.json, named by the first line of each data file) and the field
tables of docs/data-reference.md (between `<!-- fields: NAME -->` and `<!-- /fields -->`).

    python -m generator.validate.generated --write   # regenerate them (`make schemas`)
    python -m generator.validate.generated           # exit 1 if a checked-in copy is stale
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from generator.validate.declarations import (KEY_PATTERN, KINDS, TABLES, YEAR_PATTERN, Field,
                                             Kind)
from generator.validate.fields import YES_NO

REFERENCE = "docs/data-reference.md"
_MARKED = re.compile(r"(<!-- fields: ([\w.-]+) -->\n)(.*?)(<!-- /fields -->)", re.S)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else c for c in word)


_YES_NO = {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": "^(" + "|".join(
    _any_case(word) for word in YES_NO) + ")$"}]}
# How each type of value is written, as JSON Schema ("block", "blocks" and "map" are built
# from their fields). A text may be written as a number (a phone number, a year).
_SCALAR: dict[str, dict[str, Any]] = {
    "text": {"type": ["string", "number"]},
    "key": {"type": "string", "pattern": KEY_PATTERN},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "figure": {"anyOf": [{"type": "number"}, *_YES_NO["anyOf"]]},
    "yes-no": _YES_NO,
    "date": {"type": "string"},
    "year": {"type": "string", "pattern": YEAR_PATTERN},
    "url": {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"},
    "email": {"type": "string"},
    "colour": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"},
    "rows": {"type": "array", "items": {"type": "array", "items": {"type": ["string",
                                                                            "number"]}}},
}


def _value(field: Field, kind: str, defs: dict) -> dict:
    """How a value of type `kind` (the field's type, or its short form's) is written; the
    entry of a map with fixed names is written once, in `defs`."""
    if kind == "choice":
        return {"enum": list(field.words)}
    if kind == "texts":
        one = {"enum": list(field.words)} if field.words else _SCALAR["text"]
        return {"anyOf": [one, {"type": "array", "items": one}]}
    if kind == "block":
        return {"type": "object", "properties": {f.name: _schema(f, defs) for f in field.fields},
                "additionalProperties": False,
                **({"required": names} if (names := [f.name for f in field.fields
                                                     if f.required]) else {})}
    if kind == "blocks":
        return {"type": "array", "items": _value(field, "block", defs)}
    if kind == "map" and field.item is not None:
        entry = _schema(field.item, defs)
        if field.words:
            defs[field.item.name] = entry
            shared = {"$ref": f"#/definitions/{field.item.name}"}
            return {"type": "object", "properties": {w: shared for w in field.words},
                    "additionalProperties": False}
        return {"type": "object", "patternProperties": {field.keys or "^.+$": entry},
                "additionalProperties": False}
    return dict(_SCALAR[kind])


def _schema(field: Field, defs: dict) -> dict:
    """A field's schema: its value (or its short form), its help and example."""
    schema = _value(field, field.type, defs)
    if field.short:
        schema = {"anyOf": [_value(field, field.short, defs), schema]}
    if field.help:
        schema = {"description": _LINK.sub(r"\1", field.help).replace("`", "").replace(
            "**", ""), "markdownDescription": field.help, **schema}
    if field.example and field.type not in ("block", "blocks", "map"):
        schema["examples"] = [yaml.safe_load(field.example)]
    return schema


def schema(kind: Kind) -> dict:
    defs: dict = {}
    fields = _value(kind.root, "block", defs)
    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": kind.title,
            "description": f"The fields of {kind.files}: see docs/data-reference.md.",
            **fields, **({"definitions": defs} if defs else {})}


def schemas() -> dict[str, str]:
    """Each file kind's schema file, by its path in a project."""
    return {kind.schema_path: json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
            for kind in KINDS}


def _rows(field: Field, tabled: Collection[Field], prefix: str = "") -> list[str]:
    rows = []
    for f in field.fields:
        name = f"{prefix}`{f.name}`"
        need = "**required**" if f.required else f.need or "optional"
        rows.append(f"| {name} | {need} | {f.help} |")
        if f.type == "block" and f.inline and f not in tabled:
            rows += _rows(f, tabled, f"{name} → ")
    return rows


def table(name: str, tabled: Collection[Field] = ()) -> str:
    """The field table of `name` (a kind, then field names: plan.kpis.results); a block with
    its own table (in `tabled`) is one row of its parent's."""
    field = lookup(name)
    if field.type == "map" and field.item is not None:
        field = field.item
    return "\n".join(["| field | required | what it means |", "|---|---|---|",
                      *_rows(field, tabled)]) + "\n"


def lookup(name: str) -> Field:
    first, *rest = name.split(".")
    field: Field | None = TABLES[first]
    for part in rest:
        field = field.child(part) if field else None
    if field is None:
        raise KeyError(f"{REFERENCE}: no field table '{name}'")
    return field


def reference(text: str) -> str:
    """The data reference with its field tables regenerated."""
    tabled = {lookup(m[2]) for m in _MARKED.finditer(text)}
    return _MARKED.sub(lambda m: m[1] + table(m[2], tabled) + "\n" + m[4], text)


def expected(root: Path) -> dict[str, str]:
    """Every generated file of the repository at `root`, as it should read."""
    files = schemas()
    files[REFERENCE] = reference((root / REFERENCE).read_text(encoding="utf-8"))
    return files


def stale(root: Path) -> list[str]:
    """The generated files at `root` that differ from what the declarations give."""
    return sorted(path for path, text in expected(root).items()
                  if not (root / path).is_file() or
                  (root / path).read_text(encoding="utf-8") != text)


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[2]
    if argv == ["--write"]:
        for path, text in expected(root).items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        return 0
    behind = stale(root)
    for path in behind:
        print(f"{path}: out of date with generator/validate/declarations.py; run "
              "make schemas", file=sys.stderr)
    return 1 if behind else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
