"""Work split between two processes gives what a plain loop gives, failures included."""

from __future__ import annotations

import os
import threading
import time

import pytest

from generator.errors import InputError, Problem
from generator.parallel import in_two


def _slow(n: int) -> int:
    """An item that takes long enough for both processes to claim some."""
    time.sleep(0.005)
    return n


def test_results_come_back_in_order_and_from_two_processes():
    results = in_two(lambda n: (_slow(n) ** 2, os.getpid()), list(range(101)))
    assert [square for square, _ in results] == [n * n for n in range(101)]
    assert len({pid for _, pid in results}) == 2
    assert os.getpid() in {pid for _, pid in results}


def test_unequal_items_are_shared_as_they_come():
    # Every other item is slow: halves fixed in advance (odd and even places) would give
    # all the slow ones to one process.
    done = in_two(lambda n: (time.sleep(0.05 if n % 2 == 0 else 0), os.getpid())[1],
                  list(range(40)))
    assert len(set(done[0::2])) == 2


def test_a_failure_in_the_second_process_is_raised_with_its_message():
    parent = os.getpid()

    def fail_in_child(n: int) -> int:
        if os.getpid() != parent:
            raise InputError([Problem("data/plans/x.yml", 4, "the figure is not a number",
                                      "write it as 57")])
        return _slow(n)
    with pytest.raises(InputError) as raised:
        in_two(fail_in_child, list(range(20)))
    assert "data/plans/x.yml:4: the figure is not a number; write it as 57" in \
        raised.value.report()


def test_an_answer_that_cannot_travel_is_reported():
    parent = os.getpid()
    with pytest.raises(Exception) as raised:
        in_two(lambda n: _slow(n) if os.getpid() == parent else (lambda: n), list(range(20)))
    assert "pickle" in str(raised.value).lower() or "lambda" in str(raised.value)


def test_with_other_threads_running_it_is_a_plain_loop():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert {pid for pid in in_two(lambda n: os.getpid(), list(range(10)))} == {os.getpid()}
    finally:
        stop.set()
        thread.join()
