"""Compiled templates are kept between runs and never stand in for a changed template."""

from __future__ import annotations

import sys

import jinja2
import pytest

from generator import compiled_templates


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(compiled_templates, "FOLDER", tmp_path / "compiled")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return tmp_path / "compiled"


def environment(templates: dict[str, str], kind: str = "test",
                cache=None) -> tuple[jinja2.Environment, list]:
    """A new environment that records what it compiles; with a new cache, as in a new run."""
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache or
                             compiled_templates.CompiledTemplates(kind))
    compiled, compile = [], env.compile
    env.compile = lambda source, name=None, *rest, **named: (  # type: ignore[method-assign]
        compiled.append(name), compile(source, name, *rest, **named))[1]
    return env, compiled


def test_a_template_is_compiled_once_and_kept_for_the_next_run(folder):
    first, compiled = environment({"page.j2": "Hello {{ name }}"})
    assert first.get_template("page.j2").render(name="Hart") == "Hello Hart"
    assert compiled == ["page.j2"] and len(list(folder.iterdir())) == 1
    second, compiled = environment({"page.j2": "Hello {{ name }}"})
    assert second.get_template("page.j2").render(name="Rushmoor") == "Hello Rushmoor"
    assert compiled == []


def test_a_changed_template_is_compiled_again(folder):
    environment({"page.j2": "Old {{ name }}"})[0].get_template("page.j2").render(name="x")
    env, compiled = environment({"page.j2": "New {{ name }}"})
    assert env.get_template("page.j2").render(name="x") == "New x" and compiled == ["page.j2"]


def test_environments_of_another_kind_do_not_share_code(folder):
    environment({"page.j2": "{{ x }}"}, "core")[0].get_template("page.j2").render(x=1)
    env, compiled = environment({"page.j2": "{{ x }}"}, "engine")
    env.get_template("page.j2").render(x=1)
    assert compiled == ["page.j2"]


def test_a_damaged_file_is_compiled_again(folder):
    environment({"page.j2": "{{ x }}"})[0].get_template("page.j2").render(x=1)
    for kept in folder.iterdir():
        kept.write_bytes(kept.read_bytes()[:20])
    env, compiled = environment({"page.j2": "{{ x }}"})
    assert env.get_template("page.j2").render(x=2) == "2" and compiled == ["page.j2"]


def test_nothing_is_written_where_python_writes_no_bytecode(folder, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    cache = compiled_templates.CompiledTemplates("test")
    env, compiled = environment({"page.j2": "{{ x }}"}, cache=cache)
    env.get_template("page.j2").render(x=1)
    assert compiled == ["page.j2"] and not folder.exists()
    # kept in memory for the rest of the run: the live preview's next build compiles nothing
    env, compiled = environment({"page.j2": "{{ x }}"}, cache=cache)
    assert env.get_template("page.j2").render(x=2) == "2" and compiled == []
