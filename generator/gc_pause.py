"""Building without pauses for Python's cycle collector.

A build makes millions of small objects (YAML nodes, records, rendered strings) that live
until it ends, and few reference cycles; the collector, run every few hundred new objects,
would walk the whole growing heap again and again (a tenth of a large council's build).
The collection the interpreter makes as it exits would walk them once more, and a process
that keeps a built site (the live preview) would have the collector walk it every so often
(half a second at 2,000 pages), pausing whatever the process was doing.
"""

from __future__ import annotations

import functools
import gc
import sys
from typing import NoReturn


def without_collection_pauses(step):
    """Run `step` with the cycle collector off, restoring it after (nested calls are fine)."""
    @functools.wraps(step)
    def run(*args, **kwargs):
        was_on = gc.isenabled()
        gc.disable()
        try:
            return step(*args, **kwargs)
        finally:
            if was_on:
                gc.enable()
    return run


def out_of_sight() -> None:
    """Take every object now alive out of the collector's sight (the site just built)."""
    gc.freeze()


def back_in_sight() -> None:
    """Undo out_of_sight, collecting what became garbage since (a site since replaced)."""
    gc.unfreeze()
    gc.collect()


def exit_without_collection(code: int) -> NoReturn:
    """End the process with exit status `code`, leaving the objects it made to the operating
    system rather than to a last collection (about a second after a large council's build)."""
    gc.freeze()
    sys.exit(code)
