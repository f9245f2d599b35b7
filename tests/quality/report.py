"""Readable test output: one count line, and a numbered list for the failure message."""

from collections.abc import Iterable


# Every count line of this run, for the summary at the end (tests/conftest.py).
COUNTS: list[str] = []


def count(label: str, problems: list) -> str:
    """Print ``label: N`` and keep it for the run's summary; return the problems as text."""
    COUNTS.append(f"{label}: {len(problems)}")
    print(f"\n{COUNTS[-1]}")
    return listing(label, (" | ".join(map(str, p)) if isinstance(p, tuple) else str(p)
                           for p in problems))


def listing(label: str, lines: Iterable[str]) -> str:
    """A heading and one numbered line per problem."""
    return "\n".join([f"{label}:", *(f"  {i}. {line}" for i, line in enumerate(lines, 1))])
