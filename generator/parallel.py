"""Work split between two processes: this machine's kind has two cores.

`in_two` runs a function over a list in this process and in a forked copy of it (which
sees everything computed so far, without copying it), and returns the results in the
list's order, as a plain loop would. The list is cut into up to 255 runs of items; each
process claims the next run as it finishes one (reading its number from a shared pipe),
so both stay busy to the end however unequal the items, or the processes' speeds, are.
Only the results travel back (pickled). It runs as a plain loop where forking is unsafe
or pointless: without os.fork, with other threads running (the live preview's server),
or for fewer than two items.
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
_RUNS = 255  # each run's number is one byte in the pipe: a read of one byte is one claim


def in_two(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """[function(item) for item in items], the work shared with a child process."""
    if len(items) < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        return [function(item) for item in items]
    size = -(-len(items) // _RUNS)  # items in a run, rounded up
    starts = range(0, len(items), size)
    claims, claim_writing = os.pipe()
    os.write(claim_writing, bytes(range(len(starts))))  # fewer than 4,096: written at once
    os.close(claim_writing)  # once every run is claimed, reading finds the end

    def work() -> list[tuple[int, list[Result]]]:
        done = []
        while claimed := os.read(claims, 1):
            start = starts[claimed[0]]
            done.append((start, [function(item) for item in items[start:start + size]]))
        return done
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (measured in the child, which never returns)
        os.close(reading)
        _answer(writing, work)
    os.close(writing)
    try:
        mine = work()
    finally:
        os.close(claims)
        with os.fdopen(reading, "rb") as pipe:
            answer = pipe.read()
        os.waitpid(child, 0)
    if not answer:
        raise RuntimeError("the second process stopped without an answer")
    failed, theirs = pickle.loads(answer)
    if failed:
        raise theirs if isinstance(theirs, BaseException) else RuntimeError(theirs)
    results: list = [None] * len(items)
    for start, values in mine + theirs:
        results[start:start + len(values)] = values
    return results


def _answer(writing: int, work: Callable[[], list]) -> None:
    """In the child: do `work`, send back (failed, results or error), and exit at once
    (never running the parent's clean-up a second time)."""
    try:
        try:
            answer = pickle.dumps((False, work()), pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # sent to the parent, which raises it
            try:
                answer = pickle.dumps((True, error), pickle.HIGHEST_PROTOCOL)
                pickle.loads(answer)
            except Exception:
                answer = pickle.dumps((True, traceback.format_exc()))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(answer)
    finally:
        os._exit(0)
