"""Reading one text file of the project: a size limit, UTF-8, and no invisible control
characters, so that what is read can always be published (in pages, the feed and the
sitemap) and no file can exhaust memory or make a build wait."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from generator.errors import FileProblem, Problem, not_utf8

MAX_BYTES = 2_000_000  # far more than any plan or page needs
# C0 controls but tab, line feed and carriage return; DEL and C1 controls; lone surrogates
# (only a YAML escape can make one) and the two non-characters XML forbids.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def read_text(path: Path, shown: str) -> str:
    """The text of an ordinary file (a byte-order mark at its start dropped); raises
    FileProblem for one that is too big, not UTF-8 or holds a control character."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe can never block the build
    except OSError as error:
        raise FileProblem(Problem(shown, 0, f"this file cannot be opened ({error.strerror})",
                                  "check it exists and that you may read it")) from None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileProblem(Problem(shown, 0, "this is not an ordinary file",
                                      "delete it from the project folder"))
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileProblem(Problem(shown, 0, f"this file is larger than {MAX_BYTES:,} bytes, "
                                  "far more than Plansite reads", "split it into smaller "
                                  "files, or check it is the file you meant"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise FileProblem(not_utf8(shown)) from None
    text = text.removeprefix("\ufeff")
    refuse_control_characters(text, shown)
    return text


def control_character(text: str) -> tuple[int, str] | None:
    """(line, 'U+0007') of the first control character in `text`, or None."""
    match = _CONTROL.search(text)
    if not match:
        return None
    return text.count("\n", 0, match.start()) + 1, f"U+{ord(match[0]):04X}"


def refuse_control_characters(text: str, shown: str, first_line: int = 1) -> None:
    """Raise FileProblem at the line of the first control character in `text`."""
    found = control_character(text)
    if found:
        line, name = found
        raise FileProblem(control_problem(shown, first_line + line - 1, name))


def control_problem(shown: str, line: int, name: str) -> Problem:
    """The problem of an invisible control character, named like U+0007."""
    return Problem(shown, line, f"this line holds the invisible control character {name}, "
                   "which cannot be published", "delete it: retype the text of this line "
                   "if your editor does not show it")
