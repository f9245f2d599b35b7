"""Work split between two processes gives what a plain loop gives, failures included."""

from __future__ import annotations

import os
import threading

import pytest

from generator.errors import InputError, Problem
from generator.parallel import in_two


def test_results_come_back_in_order_and_from_two_processes():
    results = in_two(lambda n: (n * n, os.getpid()), list(range(101)))
    assert [square for square, _ in results] == [n * n for n in range(101)]
    assert {pid for _, pid in results[0::2]} == {os.getpid()}
    assert {pid for _, pid in results[1::2]} != {os.getpid()}


def test_a_failure_in_the_second_process_is_raised_with_its_message():
    def fail_on_odd(n: int) -> int:
        if n == 3:
            raise InputError([Problem("data/plans/x.yml", 4, "the figure is not a number",
                                      "write it as 57")])
        return n
    with pytest.raises(InputError) as raised:
        in_two(fail_on_odd, list(range(6)))
    assert "data/plans/x.yml:4: the figure is not a number; write it as 57" in \
        raised.value.report()


def test_an_answer_that_cannot_travel_is_reported():
    with pytest.raises(Exception) as raised:
        in_two(lambda n: (lambda: n) if n == 1 else n, [0, 1])
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
