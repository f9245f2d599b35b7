"""Run the W3C Nu HTML checker (npm ``vnu-jar``) over built HTML files in one Java process."""

import json
import subprocess
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class NuError(NamedTuple):
    """One error the checker reported."""

    file: str
    line: int | None
    message: str


def check(files: list[Path]) -> list[NuError]:
    """Errors (not warnings) the Nu checker reports for files, in its order."""
    if not files:
        return []
    proc = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout",
         *map(str, files)],
        capture_output=True, text=True, check=False)
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise RuntimeError(f"vnu.jar failed (exit {proc.returncode}): {proc.stderr or proc.stdout}") from exc
    return [NuError(unquote(urlsplit(m.get("url", "")).path), m.get("lastLine"), m["message"])
            for m in messages if m.get("type") in {"error", "non-document-error"}]
