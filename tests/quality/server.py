"""Serve a built site on 127.0.0.1 at an ephemeral port, optionally under a path prefix."""

import functools
import http.server
import io
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files under ``prefix``; anything else is the site's 404.html with status 404."""

    def __init__(self, *args, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return ""  # outside the prefix: send_head answers 404
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        local = self.translate_path(self.path)
        target = Path(local)
        if not local or not (target.is_file() or (target / "index.html").is_file()):
            return self._not_found()
        return super().send_head()  # also redirects /x to /x/ and serves x/index.html

    def _not_found(self):
        page = Path(self.directory, "404.html")
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(directory: Path, prefix: str = "/"):
    """Serve directory at ``http://127.0.0.1:PORT{prefix}``; yields that base URL (ending in /)."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = functools.partial(_Handler, directory=str(directory), prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
