"""The Plansite benchmark: build time per page as a council grows, against plain Material
and Hugo.

    python bench/run.py [--runs 3] [--sizes 100,500,2000]

For each size it writes a synthetic council (bench/synth.py), builds it with `plansite build`,
builds the same rendered pages as a plain Material for MkDocs site with MkDocs' default
navigation (what a council gets by exporting Markdown by hand) and as a Hugo site with a
minimal layout (the speed anchor), alternating the three so all see the same machine load,
and reports the median of the runs. Then it measures the live preview's latency on the
largest council and the first-visit weight of its largest service page. Its last line:

    bench: pages=<N> ms_per_page=<x> growth=<largest/smallest ms per page> \
           vs_plain_mkdocs=<r> preview_s=<median latency> vs_hugo=<ours / Hugo's time>
(on one line).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Every synthetic council has four plan years, each with a draft, scrutiny, approval and one
# update; the number of services sets the size.
SHAPE = {"years": 4, "versions": 4, "quarters": 2}


REPEAT_LIMIT = 120  # seconds: a plain build slower than this is not repeated


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mb: float
    pages: int


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float, float]:
    """Run `command`: its wall time and CPU time (user + system) in seconds, and its peak
    memory in MB. The disk is written back first (os.sync), so that no run is timed while
    the files of the one before it are still being flushed (a plain Material build of
    2,000 pages writes about 2 GB; on this machine's disk that slowed the next build by
    several seconds)."""
    os.sync()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    error = process.stderr.read().decode()
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{error}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KB on Linux


def count_pages(site: Path) -> int:
    """Built HTML pages (every index.html: one per page with directory URLs)."""
    return sum(1 for _ in site.rglob("index.html"))


def services_for(pages: int) -> int:
    """The number of services whose council builds to about `pages` pages."""
    return min(range(1, 5000), key=lambda s: abs(synth.predicted_pages(
        synth.Size(services=s, **SHAPE)) - pages))


def plain_project(root: Path, out: Path, hugo: Path) -> None:
    """The same rendered pages as a plain Material site (one Markdown file per page holding
    the page's HTML, no nav key, so MkDocs lists every page, Material's defaults) in `out`,
    and as a Hugo site in `hugo` (an HTML content file per page, a layout printing it)."""
    sys.path.insert(0, str(REPO))
    from generator.pipeline import make_site

    docs = out / "docs"
    pages = make_site(root).pages
    hugo_project(pages, hugo)
    for page in pages:
        path = docs / page.path / "index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump({"title": page.title}, allow_unicode=True)
        path.write_text(f"---\n{front}---\n\n{page.html}\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Synthetic County Council service plans",
        "site_url": "https://plans.example.org/", "theme": {"name": "material"}}),
        encoding="utf-8")


HUGO_LAYOUT = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}'
               '</title></head><body><main>{{ .Content }}</main></body></html>\n')


def hugo_project(pages, out: Path) -> None:
    """The pages as a Hugo site: each a branch bundle (content/<path>/_index.html), since
    pages have pages below them, and one layout that prints the title and the HTML."""
    for page in pages:
        path = out / "content" / page.path / "_index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = json.dumps({"title": page.title}, ensure_ascii=False)
        path.write_text(f"{front}\n\n{page.html}\n", encoding="utf-8")
    for layout in ("index.html", "_default/list.html", "_default/single.html"):
        (out / "layouts" / layout).parent.mkdir(parents=True, exist_ok=True)
        (out / "layouts" / layout).write_text(HUGO_LAYOUT, encoding="utf-8")
    (out / "config.json").write_text(json.dumps({
        "baseURL": "https://plans.example.org/", "title": "Synthetic County Council",
        "disableKinds": ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"],
        "markup": {"goldmark": {"renderer": {"unsafe": True}}}}), encoding="utf-8")


def bench_size(target: int, runs: int, work: Path) -> dict:
    size = synth.Size(services=services_for(target), **SHAPE)
    root = work / f"council-{target}"
    shutil.rmtree(root, ignore_errors=True)
    synth.write(size, root)
    plain, hugo = work / f"plain-{target}", work / f"hugo-{target}"
    for folder in (plain, hugo):
        shutil.rmtree(folder, ignore_errors=True)
    plain_project(root, plain, hugo)
    ours, base, anchor = [], [], []
    for _ in range(runs):  # alternate, so all builds see the same load on the machine
        site = root / "site"
        ours.append(Run(*timed([str(BIN / "plansite"), "--root", str(root), "build",
                                "--site-dir", str(site)]), count_pages(site)))
        anchor.append(Run(*timed(["hugo", "--quiet", "--source", str(hugo), "--destination",
                                  str(hugo / "public"), "--cleanDestinationDir"]),
                          count_pages(hugo / "public")))
        if base and base[0].seconds > REPEAT_LIMIT:
            continue
        base.append(Run(*timed([str(BIN / "mkdocs"), "build", "-q", "-f",
                                str(plain / "mkdocs.yml"), "-d", str(plain / "site")]),
                        count_pages(plain / "site")))
    if {r.pages for r in ours + base} != {synth.predicted_pages(size)}:
        print(f"bench: warning: built {ours[0].pages} pages (plain: {base[0].pages}), "
              f"expected {synth.predicted_pages(size)}", flush=True)
    return {"target": target, "services": size.services, "root": root,
            "ours": ours, "base": base, "hugo": anchor}


def median(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(r, field) for r in runs)


# ---------------------------------------------------------------------------------------
# Page weight


class _Assets(HTMLParser):
    """The files a browser fetches for a page: stylesheets, scripts, icons, images, and the
    search worker that Material's script starts on load (named in its __config JSON)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.in_config = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and {"stylesheet", "icon", "preload"} & set(
                (a.get("rel") or "").split()):
            self.urls.append(a.get("href") or "")
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])
        self.in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data):
        if self.in_config:
            self.urls.append(json.loads(data).get("search", ""))
            self.in_config = False


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path) -> tuple[str, list[tuple[str, int, int]]]:
    """The largest service plan page and what a first visit to it fetches: (file, bytes,
    gzip bytes) for the HTML and each stylesheet, script, icon, image and CSS url(), the
    search worker and the sitemap. Not the search index: the theme's main.html holds that
    request back until the reader opens the search."""
    plans = [p for p in site.glob("*/*/index.html")
             if re.fullmatch(r"\d{4}-\d{2}", p.parent.parent.name)]
    page = max(plans, key=lambda p: p.stat().st_size)
    base = "/" + page.parent.relative_to(site).as_posix() + "/"
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    queue = [urljoin(base, u) for u in parser.urls if u and not urlsplit(u).scheme]
    queue.append("/sitemap.xml")  # Material's script fetches it on load (seen in Chromium)
    fetched: list[tuple[str, int, int]] = []
    html = page.read_bytes()
    fetched.append((base, len(html), gzipped(html)))
    seen = set()
    while queue:
        url = urlsplit(queue.pop(0)).path
        if url in seen or not (site / url.lstrip("/")).is_file():
            continue
        seen.add(url)
        data = (site / url.lstrip("/")).read_bytes()
        fetched.append((url, len(data), gzipped(data)))
        if url.endswith(".css"):
            for ref in re.findall(rb"url\(['\"]?([^)'\"]+)", data):
                ref = ref.decode()
                if not ref.startswith(("data:", "http", "#")):
                    queue.append(urljoin(url, ref))
    return base, fetched


# ---------------------------------------------------------------------------------------
# Preview latency


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def preview_latency(root: Path, edits: int) -> tuple[float, list[float]]:
    """Seconds from starting `plansite serve` on the council at `root` to its home page being
    served, and from saving a plan file to the changed page being served, for each edit."""
    sys.path.insert(0, str(REPO))
    from generator.pipeline import read_council

    council = read_council(root)
    plan, title = next((p, pr.title) for p in reversed(council.plans) for pr in p.priorities
                       if pr.title in (root / p.source).read_text(encoding="utf-8"))
    path = root / plan.source
    url_path = f"{plan.year.slug}/{plan.service}/"
    port = _free_port()
    server = subprocess.Popen([str(BIN / "plansite"), "--root", str(root), "serve",
                               "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    updates = threading.Semaphore(0)  # released once for each finished update ("Rebuilt")
    threading.Thread(target=lambda: [updates.release() for line in server.stderr
                                     if line.startswith("Rebuilt")], daemon=True).start()
    url = f"http://127.0.0.1:{port}/{url_path}"
    latencies, started = [], time.perf_counter()
    try:
        deadline = time.monotonic() + 300
        while title not in _get(url):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("bench: plansite serve did not start")
            time.sleep(0.05)
        start_up = time.perf_counter() - started
        original = path.read_text(encoding="utf-8")
        for n in range(1, edits + 1):
            if n > 1 and not updates.acquire(timeout=300):  # the previous update's last step
                raise SystemExit("bench: the preview did not finish an update within 300 s")
            time.sleep(0.5)
            marker = f"{title} (edit {n})"
            path.write_text(original.replace(title, marker, 1), encoding="utf-8")
            saved = time.perf_counter()
            while marker not in _get(url):
                if time.perf_counter() - saved > 60:
                    raise SystemExit("bench: the preview did not show an edit within 60 s")
                time.sleep(0.02)
            latencies.append(time.perf_counter() - saved)
        path.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return start_up, latencies


# ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    top = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    top.add_argument("--runs", type=int, default=3, help="builds of each size (median)")
    top.add_argument("--sizes", default="100,500,2000", help="target page counts")
    top.add_argument("--edits", type=int, default=5, help="edits for the preview latency")
    top.add_argument("--work", type=Path, help="working folder, kept afterwards (default: "
                     "a temporary one, deleted at the end)")
    args = top.parse_args(argv)
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        run(args, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="plansite-bench-") as work:
            run(args, Path(work))


def run(args, work: Path) -> None:
    targets = [int(s) for s in args.sizes.split(",")]
    print(f"bench: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}, Python "
          f"{sys.version.split()[0]}, {args.runs} runs per size, working in {work}")
    header = (f"{'target':>6} {'services':>8} {'pages':>6} | {'ours s':>7} {'cpu s':>6} "
              f"{'ms/page':>8} {'peak MB':>7} | {'plain s':>7} {'cpu s':>6} {'ms/page':>8} "
              f"{'peak MB':>7} | {'ratio':>5} | {'hugo s':>6} {'ms/page':>7} {'ratio':>5}")
    results = []
    for target in targets:
        r = bench_size(target, args.runs, work)
        results.append(r)
        if len(results) == 1:
            print(header)
        ours_s, base_s = median(r["ours"], "seconds"), median(r["base"], "seconds")
        pages = r["ours"][0].pages
        hugo_s = median(r["hugo"], "seconds")
        r.update(pages=pages, ms=1000 * ours_s / pages, ratio=ours_s / base_s,
                 vs_hugo=ours_s / hugo_s)
        print(f"{target:>6} {r['services']:>8} {pages:>6} | {ours_s:>7.2f} "
              f"{median(r['ours'], 'cpu'):>6.2f} {r['ms']:>8.2f} "
              f"{median(r['ours'], 'peak_mb'):>7.0f} | {base_s:>7.2f} "
              f"{median(r['base'], 'cpu'):>6.2f} {1000 * base_s / r['base'][0].pages:>8.2f} "
              f"{median(r['base'], 'peak_mb'):>7.0f} | {r['ratio']:>5.2f} | {hugo_s:>6.2f} "
              f"{1000 * hugo_s / r['hugo'][0].pages:>7.2f} {r['vs_hugo']:>5.1f}", flush=True)
        print("       wall seconds of each run, ours: " +
              ", ".join(f"{x.seconds:.2f}" for x in r["ours"]) + "; plain: " +
              ", ".join(f"{x.seconds:.2f}" for x in r["base"]) +
              (f" (not repeated: over {REPEAT_LIMIT} s)" if len(r["base"]) < args.runs else "")
              + "; hugo: " + ", ".join(f"{x.seconds:.2f}" for x in r["hugo"]), flush=True)
    largest, smallest = results[-1], results[0]
    url, fetched = page_weight(largest["root"] / "site")
    total = sum(g for _, _, g in fetched)
    print(f"page weight: first visit to {url} ({largest['pages']}-page build), gzip -6:")
    for name, raw, packed in fetched:
        print(f"  {packed / 1024:7.1f} KB  ({raw / 1024:7.1f} KB raw)  {name}")
    print(f"  {total / 1024:7.1f} KB  in total (limit 150 KB); the search index is fetched "
          "only when a reader opens the search")
    print(f"load average now {os.getloadavg()[0]:.2f}")
    start_up, latencies = preview_latency(largest["root"], args.edits)
    preview = statistics.median(latencies)
    print(f"preview on the {largest['pages']}-page council: started (first page served) in "
          f"{start_up:.2f} s; save a plan file → changed page served: median {preview:.2f} s "
          f"over {len(latencies)} edits ({', '.join(f'{x:.2f}' for x in latencies)}; "
          "limit 1 s)")
    growth = largest["ms"] / smallest["ms"]
    print(f"bench: pages={largest['pages']} ms_per_page={largest['ms']:.2f} "
          f"growth={growth:.2f} vs_plain_mkdocs={largest['ratio']:.2f} "
          f"preview_s={preview:.2f} vs_hugo={largest['vs_hugo']:.1f}")


if __name__ == "__main__":
    main()
