"""Problems a user can cause, reported as `file:line: what is wrong; how to fix it`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, with where it is and how to put it right."""

    file: str
    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.file)
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {self.message}; {self.fix}"


def not_utf8(shown: str) -> Problem:
    """The problem of a file saved in another encoding than UTF-8."""
    return Problem(shown, 0, "this file is not saved as UTF-8 text",
                   "save it again as UTF-8 from your editor")


class FileProblem(Exception):
    """A file that cannot be read as it is; carries the Problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class InputError(Exception):
    """Raised when the input has one or more problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self) -> str:
        """The text shown to the person running the build."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"Plansite found {count} {noun} in the project's files. "
                 "Nothing was published.", ""]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class Problems:
    """Collects problems while reading, so that all of them are reported at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, line: int, message: str, fix: str) -> None:
        self.items.append(Problem(file, line, message, fix))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


class CommandError(Exception):
    """A command cannot do what was asked (not a problem in the data): where, why, what to do.

    `details` (e.g. another build's error report) is printed after the one-line message.
    """

    def __init__(self, where: str, message: str, fix: str, details: str = ""):
        super().__init__("\n\n".join(filter(None, [str(Problem(where, 0, message, fix)),
                                                   details])))
