"""`serve` for real: a change to the fact file shows on the served page; a broken one keeps the last good page."""

from __future__ import annotations

import os
import signal
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import pytest

from conftest import ROOT

pytestmark = pytest.mark.site

WAIT = 60.0
"""Seconds allowed for the server to start or for a change to show."""


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _until(what: str, condition: Callable[[], bool], log: Path) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}; serve printed:\n{log.read_text(encoding='utf-8')[-3000:]}")


@pytest.fixture
def served(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`python -m generator serve` on a port the system chooses (port 0): (page URL base, log file).

    Its temporary folder is a fresh one, checked empty once it has stopped: nothing outlives a preview."""
    log = project / "serve.log"
    temp = tmp_path_factory.mktemp("serve-temp")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-u", "-m", "generator", "serve", "--dev-addr", "127.0.0.1:0"],
                                   cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _until("the server to start", lambda: SERVING.search(log.read_text(encoding="utf-8")) is not None, log)
        match = SERVING.search(log.read_text(encoding="utf-8"))
        assert match is not None
        yield match.group(1), log
    finally:
        process.terminate()  # serve stops and cleans up on SIGTERM...
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        try:
            os.killpg(process.pid, signal.SIGKILL)  # ...and if it did not, the whole group goes
        except ProcessLookupError:
            pass
    assert process.returncode == 0, log.read_text(encoding="utf-8")
    assert list(temp.iterdir()) == [], "the preview left temporary files behind"


SERVING = re.compile(r"Serving on (http://127\.0\.0\.1:\d+/\S*)")


def test_changes_to_the_fact_file_show_on_the_served_page(project: Path, served: tuple[str, Path]) -> None:
    base, log = served
    page = base + "companies/acme-robotics/"
    _until("the first page", lambda: "A fixture robot maker" in _get(page), log)

    facts = project / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("A fixture robot maker", "A freshly edited robot maker"), encoding="utf-8")
    _until("the edited summary", lambda: "A freshly edited robot maker" in _get(page), log)
    assert re.findall(r"ok: (\d+) pages written", log.read_text(encoding="utf-8"))[-1] == "5", \
        "an edited summary rewrites its profile, its type's index and the three open-data files it is in, no more"

    renamed = text.replace("A fixture robot maker", "A freshly edited robot maker").replace(
        "name: Acme Robotics", "name: Acme Robots")
    facts.write_text(renamed, encoding="utf-8")
    _until("the new name on the district it is in", lambda: "Acme Robots<" in _get(base + "districts/old-town/"), log)
    assert "Acme Robots<" in _get(base + "tags/robotics/"), "every page that names it is rebuilt"
    assert "error" not in log.read_text(encoding="utf-8"), "partial rebuilds pass in strict mode"

    facts.write_text(renamed.replace("  - id: jane-doe", "  - id: jane-doe-gone"), encoding="utf-8")
    _until("the renamed page", lambda: "Jane" in _get(base + "people/jane-doe-gone/"), log)
    _until("the old page gone", lambda: _get(base + "people/jane-doe/") == "", log)

    facts.write_text(text.replace("object: acme-robotics", "object: acme-robotic"), encoding="utf-8")
    _until("the error report", lambda: "unknown id 'acme-robotic'" in log.read_text(encoding="utf-8"), log)
    time.sleep(1)
    assert "A freshly edited robot maker" in _get(page), "a broken fact file must leave the last good pages served"

    (project / "seeds" / "2025-beta.txt").write_text("---\ntitle: Beta news\ndate: \"2025\"\n---\nText.\n",
                                                      encoding="utf-8")
    facts.write_text(text, encoding="utf-8")
    _until("the new article's page", lambda: "Beta news" in _get(base + "sources/2025-beta/"), log)
