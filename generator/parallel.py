"""Work split between two processes: this machine's kind has two cores.

`in_two` runs a function over a list, every other item in a forked copy of this process
(which sees everything computed so far, without copying it), and returns the results in
the list's order, as a plain loop would. Only the results travel back (pickled). It runs
as a plain loop where forking is unsafe or pointless: without os.fork, with other threads
running (the live preview's server), or for fewer than two items.
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_two(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """[function(item) for item in items], the odd positions computed in a child process."""
    if len(items) < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        return [function(item) for item in items]
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (measured in the child, which never returns)
        os.close(reading)
        _answer(writing, lambda: [function(item) for item in items[1::2]])
    os.close(writing)
    try:
        mine = [function(item) for item in items[0::2]]
    finally:
        with os.fdopen(reading, "rb") as pipe:
            answer = pipe.read()
        os.waitpid(child, 0)
    if not answer:
        raise RuntimeError("the second process stopped without an answer")
    failed, theirs = pickle.loads(answer)
    if failed:
        raise theirs if isinstance(theirs, BaseException) else RuntimeError(theirs)
    results: list[Result] = mine + theirs  # every item's result, put in order below
    results[0::2], results[1::2] = mine, theirs
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
