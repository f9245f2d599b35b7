"""Building without pauses for Python's cycle collector.

A build makes millions of small objects (YAML nodes, records, rendered strings) that live
until it ends, and few reference cycles; the collector, run every few hundred new objects,
would walk the whole growing heap again and again (a tenth of a large council's build).
"""

from __future__ import annotations

import functools
import gc


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
