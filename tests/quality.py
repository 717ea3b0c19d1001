"""Helpers for the quality checks in tests/test_a11y.py: axe-core, the Nu HTML Checker and Lighthouse.

The tools come from npm (package.json, `npm ci --ignore-scripts`, a Makefile step); vnu-jar runs on
Debian's Java and Lighthouse on Debian's Chromium.
"""

from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

from conftest import ROOT
from sitecheck import QuietHandler, serve
from test_browser import CHROMIUM, CHROMIUM_ARGS

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# HTML errors that Material 9.8.1's own markup brings and no small override reaches (they sit outside
# any block of its 260-line base.html): (start of vnu's message, text of the offending tag, most
# allowed on one page). The theme's others are fixed in overrides/partials/.
THEME_ERRORS = {
    "base.html: autocomplete on the drawer and search checkboxes":
        ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"', 2),
}


def axe_violations(page: Page) -> list[str]:
    """Run axe-core (its default rules: WCAG 2.x A and AA, best practices) on the page as it stands."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{rule['id']} ({rule['impact']}): {node['target']}: {rule['help']}"
            for rule in result["violations"] for node in rule["nodes"]]


@dataclass(frozen=True)
class HtmlError:
    """One error the Nu HTML Checker reports."""

    file: str
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"

    @property
    def theme_kind(self) -> str | None:
        """Which known theme error this is (a key of THEME_ERRORS), or None when it is ours."""
        for kind, (message, tag, _) in THEME_ERRORS.items():
            if self.message.startswith(message) and tag in self.extract:
                return kind
        return None


def vnu_errors(*paths: Path) -> list[HtmlError]:
    """Validate HTML files, or every .html file below folders, in one run of the Nu HTML Checker."""
    result = subprocess.run(["java", "-XX:-UsePerfData", "-jar", str(VNU), "--format", "json", "--errors-only",
                             "--skip-non-html", *map(str, paths)], capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(result.stderr)["messages"]
    except ValueError:
        raise AssertionError(f"vnu.jar failed (exit {result.returncode}): {result.stderr[-2000:]}") from None
    return [HtmlError(m.get("url", "").removeprefix("file:"), m.get("lastLine", 0), m["message"],
                      m.get("extract", "")) for m in messages if m["type"] in ("error", "non-document-error")]


def theme_errors_over_limit(errors: list[HtmlError]) -> list[str]:
    """Pages where a known theme error occurs more often than THEME_ERRORS allows."""
    counts = Counter((e.file, e.theme_kind) for e in errors if e.theme_kind)
    return [f"{file}: {n} × {kind}" for (file, kind), n in sorted(counts.items())
            if kind and n > THEME_ERRORS[kind][2]]


def lighthouse(url: str, report: Path) -> dict[str, int]:
    """Lighthouse's category scores (0-100) for one page, mobile (its default), in Debian's Chromium."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
                            env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round((categories[name]["score"] or 0) * 100) for name in CATEGORIES}


def mount(site: Path, folder: Path, base: str) -> Path:
    """A folder that holds the site at its URL path (mkdocs.yml's site_url), for absolute links."""
    target = folder / base.strip("/")
    if target == folder:
        return site
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(site, target_is_directory=True)
    return folder


def serve_like_host(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on 127.0.0.1 as a static host does (GitHub Pages: gzip, a ten-minute cache)."""
    return serve(folder, _HostHandler)


class _HostHandler(QuietHandler):
    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv")

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self) -> io.BytesIO | object | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.COMPRESSED
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)
