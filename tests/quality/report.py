"""Readable test output: one count line, and a numbered list for the failure message."""

from collections.abc import Iterable


def count(label: str, problems: list) -> str:
    """Print ``label: N`` (shown by ``pytest -s``); return the list of problems as text."""
    print(f"\n{label}: {len(problems)}")
    return listing(label, (" | ".join(map(str, p)) if isinstance(p, tuple) else str(p)
                           for p in problems))


def listing(label: str, lines: Iterable[str]) -> str:
    """A heading and one numbered line per problem."""
    return "\n".join([f"{label}:", *(f"  {i}. {line}" for i, line in enumerate(lines, 1))])
