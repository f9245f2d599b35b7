"""Compiled templates kept between runs, as Python keeps compiled modules.

Jinja turns each template into Python code before rendering it, which costs more than
rendering most pages: about 0.3 s of every build, in both of its processes. Plansite's
own templates and the site engine's are kept compiled in generator/__pycache__/templates/,
a file for each template, named for the template and the environment that compiled it and
holding a checksum of its text, so that a template changed since (an edited template, a
council's theme override) is compiled again. `make` fills the folder as it installs
Plansite; a run adds what it had to compile, unless PYTHONDONTWRITEBYTECODE is set (as
Python does with compiled modules) or the folder is read-only. What a run compiled is
also kept in memory for the rest of it: the live preview compiles a template once,
however often it rebuilds.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import jinja2

FOLDER = Path(__file__).resolve().parent / "__pycache__" / "templates"


class CompiledTemplates(jinja2.BytecodeCache):
    """The compiled templates of one kind of Jinja environment (`kind`), as the code
    depends on the environment's settings as well as on the template."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.store: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """By the template's name, not its file: the engine's theme is put together in a
        new temporary folder for every build."""
        return hashlib.sha256(f"{jinja2.__version__} {self.kind} {name}".encode()).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is None:
            try:
                data = (FOLDER / bucket.key).read_bytes()
            except OSError:
                return
        try:  # a file of another version or for another text is ignored
            bucket.bytecode_from_string(data)
        except Exception:  # noqa: BLE001 - a damaged file: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = bucket.bytecode_to_string()
        self.store[bucket.key] = data
        if not sys.dont_write_bytecode:
            _keep(FOLDER / bucket.key, data)


def _keep(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all (two builds may write it at once)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, written = tempfile.mkstemp(dir=path.parent, prefix=".")
    except OSError:
        return  # a read-only installation: compiled again next time
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        os.replace(written, path)
    except OSError:  # a full disk: compiled again next time
        os.unlink(written)
