"""`serve`: live preview. Regenerate the pages when the fact file, an article or a template changes;
`mkdocs serve` (a child process) rebuilds the site from docs/ and reloads the browser.

A failed regeneration writes nothing (see write.py), so the preview keeps the last good pages
while the error is printed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.errors import GeneratorError, InputError
from generator.build.pipeline import build_pages
from generator.build.render import TEMPLATES

SETTLE = 0.3
"""Seconds to wait after a change before rebuilding, so an editor's save is complete."""


class _Changes(FileSystemEventHandler):
    """Sets an event when a watched file is created, changed, moved or deleted."""

    def __init__(self, wanted: Callable[[Path], bool], changed: threading.Event) -> None:
        self.wanted, self.changed = wanted, changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if any(p and self.wanted(Path(os.fsdecode(p))) for p in paths):
            self.changed.set()


def regenerate(facts: Path, seeds: Path, docs: Path) -> str:
    """Run the generator once; a one-line report, or every problem when it failed."""
    try:
        report = build_pages(facts, seeds, docs)
    except InputError as err:
        return err.report()
    except GeneratorError as err:
        return f"error: {err}"
    except Exception as err:  # a template error must not stop the preview
        return f"error: {type(err).__name__}: {err}; fix it and save again"
    return f"ok: {len(report.written)} pages written, {len(report.removed)} removed"


def serve(facts: Path, seeds: Path, docs: Path, *, dev_addr: str, config: Path,
          log: Callable[[str], Any], templates: Path = TEMPLATES) -> int:
    """Generate, start `mkdocs serve`, and regenerate on every change until interrupted."""
    log(regenerate(facts, seeds, docs))
    changed = threading.Event()
    observer = Observer()
    facts_file = facts.resolve()
    observer.schedule(_Changes(lambda p: p.resolve() == facts_file, changed), str(facts_file.parent))
    observer.schedule(_Changes(lambda p: p.suffix == ".txt", changed), str(seeds))
    observer.schedule(_Changes(lambda p: not p.name.startswith("."), changed), str(templates), recursive=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", dev_addr,
                               "--config-file", str(config)], env=env)
    _stop_on_sigterm()
    observer.start()
    try:
        while server.poll() is None:
            if changed.wait(0.5):
                time.sleep(SETTLE)
                changed.clear()
                log(regenerate(facts, seeds, docs))
        return server.returncode or 0
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join(timeout=5)
        _end(server)


def _stop_on_sigterm() -> None:
    """Treat SIGTERM like Ctrl-C, so the mkdocs child is ended too."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)


def _end(process: subprocess.Popen[Any]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
