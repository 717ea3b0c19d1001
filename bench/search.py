"""What a reader downloads before the first search result: measured in Chromium, not estimated.

The built site is served as a static host serves it (gzip for text), a page is opened, and from the first
key in the search box to the first result drawn every response is counted at its size on the wire: the
search script, Pagefind's script, WebAssembly, metadata, the index chunks the query needs and the
fragments of the results ranked. The largest of a few queries (a name, a word, a figure) is reported.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import tempfile
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
_TEXT = (".html", ".js", ".css", ".json", ".svg", ".xml")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text gzipped, as GitHub Pages does; Pagefind's own files are compressed already."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in _TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def first_result_bytes(site: Path, queries: list[str], page: str = "") -> int:
    """The most bytes any of the queries downloads, from its first key to its first result drawn."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    worst = 0
    try:
        with tempfile.TemporaryDirectory(prefix="atlas-chromium-") as profile, sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS,
                                                                    headless=True)
            for query in queries:
                tab = browser.new_page()
                tab.goto(base + page, wait_until="networkidle")
                sizes: list[int] = []
                tab.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
                box = tab.locator("input.md-search__input")
                box.click()
                box.fill(query)
                tab.locator(".md-search-result__item").first.wait_for(state="visible", timeout=60_000)
                worst = max(worst, sum(sizes))
                tab.close()
            browser.close()
    finally:
        server.shutdown()
    return worst


def queries_for(site: Path) -> list[str]:
    """A name, a word of a name and a figure from the site's open data, as a reader would type them."""
    import json

    data = json.loads((site / "data" / "atlas.json").read_text(encoding="utf-8"))
    entities = data["entities"]
    middle = entities[len(entities) // 2]
    figure = next((f"{s['value']:,}" for e in entities for s in e["statements"] if s.get("value")), "100")
    return [middle["name"], middle["name"].split()[0], str(figure)]

