"""`plansite serve` run for real in a test: start it on a free port, fetch its pages, wait
for a page to change, and stop it, collecting what it wrote to the terminal."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import ROOT

WAIT = 120  # seconds a step may take on a busy machine before the test gives up


@contextmanager
def serve(root: Path, terminal: list[str]) -> Iterator[str]:
    """Serve the project at `root`; yield its base URL. On the way out, stop the server
    and add what it wrote to stderr to `terminal`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator.commands.cli", "--root",
                               str(root), "serve", "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        terminal.append(server.communicate(timeout=30)[1])


def fetch(url: str) -> bytes:
    """The body served at url, or nothing while the server cannot answer yet."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return b""


def until(url: str, wanted: str) -> str:
    """The page at url once it holds `wanted` (or, after WAIT seconds, as it last was)."""
    deadline = time.monotonic() + WAIT
    page = fetch(url).decode()
    while wanted not in page and time.monotonic() < deadline:
        time.sleep(0.2)
        page = fetch(url).decode()
    return page
