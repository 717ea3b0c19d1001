"""Helpers for end-to-end tests: build a project's site and read its HTML."""

from __future__ import annotations

import functools
import http.server
import os
import threading
import posixpath
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
          ) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on 127.0.0.1 at a free port, in a background thread; returns its URL and server."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def generate_site(project: Path, facts: Path, seeds: Path) -> Path:
    """Generate a project's pages from a fact file and articles, then build its site strictly."""
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["build", "--facts", str(facts), "--seeds", str(seeds),
                                      "--docs", str(project / "docs")])
    assert result.exit_code == 0, result.output
    return mkdocs_build(project)


def mkdocs_build(project: Path) -> Path:
    """Run `mkdocs build --strict` in a project folder, then index it for search, as `make site` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
                            cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    from generator.build.searchindex import index_site

    index_site(project / "site")
    return project / "site"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append((values["href"] or "", values.get("class") or ""))


def parse(page: Path) -> _Collector:
    """Links and ids of one HTML file."""
    collector = _Collector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def links_in(html: str) -> list[tuple[str, str]]:
    """(href, class) of every link in an HTML fragment."""
    collector = _Collector()
    collector.feed(html)
    return collector.links


def site_path(project: Path) -> str:
    """The path part of mkdocs.yml's site_url (as the environment sets it): where the site lives on its host."""
    from generator.build.load import load_site_url

    return urlsplit(load_site_url(project / "mkdocs.yml")).path or "/"


def broken_links(site: Path, base: str = "/") -> list[str]:
    """Every internal link or anchor in the built site that leads nowhere (base: the site's URL path)."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for href, _ in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            path = unquote(parts.path)
            if path.startswith(base):
                target = site / path[len(base):]
            elif path.startswith("/"):
                broken.append(f"{page.relative_to(site)}: {href} (outside the site)")
                continue
            else:
                target = page if not path else page.parent / path
            if target.is_dir() or not parts.path or parts.path.endswith("/"):
                target = target / "index.html" if target.is_dir() or parts.path.endswith("/") else target
            target = Path(posixpath.normpath(str(target)))
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} (no anchor)")
    return broken


def first_load_bytes(site: Path, page: Path) -> tuple[int, int]:
    """Bytes (raw, gzipped) a browser fetches to show a page: the HTML, its CSS and JS. (The search index is
    fetched only when the reader searches: bench/search.py measures that.)"""
    import gzip
    import re

    files = [page]
    html = page.read_text(encoding="utf-8")
    for ref in sorted(set(re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html))):
        if not urlsplit(ref).scheme:
            files.append(Path(posixpath.normpath(str(page.parent / ref))))
    raw = sum(f.stat().st_size for f in files)
    return raw, sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
