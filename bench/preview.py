"""The edit loop end to end: `python -m generator serve` running, the fact file saved, the time until the
served page shows the edit. Nothing is inferred from parts: the clock starts when the file is written and
stops when an HTTP GET of the edited profile returns the new text.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.synth import edit_one
from generator.build.model import Entity

ROOT = Path(__file__).resolve().parent.parent
SERVING = re.compile(r"Serving on (http://127\.0\.0\.1:\d+/\S*)")
GENERATED = re.compile(r"ok: \d+ pages written, \d+ removed \(([\d.]+) s\)")
REBUILT = re.compile(r"site rebuilt where changed \(([\d.]+) s\)")
POLL = 0.05
"""Seconds between two requests for the edited page."""


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait(condition: object, limit: float, what: str, log: Path) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if condition():  # type: ignore[operator]
            return time.perf_counter() - start
        time.sleep(POLL)
    raise SystemExit(f"bench: timed out waiting for {what}; serve printed:\n{log.read_text()[-2000:]}")


def save_to_served(project: Path, facts: Path, seeds: Path, target: Entity, marker: str) -> dict[str, float]:
    """Start the preview, wait for it, edit `target`'s summary; seconds from the save to the page showing it.

    Also how long the preview took to start (generator and MkDocs from nothing), and the two parts of the
    rebuild as the preview reports them: the generator's run and MkDocs' build of the changed pages."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as temp:
        log = Path(temp) / "serve.log"
        with log.open("w") as out:
            process = subprocess.Popen([sys.executable, "-u", "-m", "generator", "serve", "--dev-addr", "127.0.0.1:0",
                                        "--facts", str(facts), "--seeds", str(seeds)], cwd=project, env=env,
                                       stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            started = _wait(lambda: SERVING.search(log.read_text()), 900, "the preview to start", log)
            base = SERVING.search(log.read_text()).group(1)  # type: ignore[union-attr]
            page = base + target.url.removesuffix(".md") + "/"
            _wait(lambda: target.name.split()[0] in _get(page), 60, "the page", log)
            time.sleep(1.0)  # let the watcher settle after the first build
            edit_one(facts, target, marker)
            saved = time.perf_counter()
            _wait(lambda: marker in _get(page), 600, "the edit to show", log)
            shown = time.perf_counter() - saved
            _wait(lambda: REBUILT.search(log.read_text()), 60, "the rebuild's report", log)
            generator = float(GENERATED.findall(log.read_text())[-1])
            mkdocs = float(REBUILT.findall(log.read_text())[-1])
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    return {"start": started, "save_to_page": shown, "generator": generator, "mkdocs": mkdocs}
