"""`serve`: live preview. Watch the fact file, the articles, the templates and the site's own files;
on a change, regenerate the pages and rebuild the site with MkDocs, then reload the browser.

An edit to the fact file or an article costs what it changes: the generator (pipeline.Generator) renders
only the pages the edit can change and writes only those that differ, and MkDocs rebuilds only the pages
written since its last build (its `dirty` build). A change to mkdocs.yml, overrides/ or a hand-written
page, or a page removed, rebuilds the whole site. The preview's profiles leave the fact file's line out
of their edit links, so that adding a statement does not rewrite every profile below it.

MkDocs' own live-reload server serves the site from a temporary folder that is removed however the
preview stops. A failed regeneration writes nothing (see write.py), so the preview keeps the last
good pages while the error is printed.
"""

from __future__ import annotations

import logging
import os
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build.load import load_site_url
from generator.build.pipeline import Generator, collector_paused
from generator.build.render import TEMPLATES
from generator.build.searchindex import index_site
from generator.build.write import LOCK, MANIFEST, is_generated, read_manifest
from generator.errors import GeneratorError, InputError

SETTLE = 0.15
"""Seconds to wait after a change before rebuilding, so an editor's save is complete."""


def regenerate(generator: Generator) -> tuple[bool, str, bool]:
    """Run the generator once: whether it succeeded, a one-line report (or every problem), and whether it
    removed pages."""
    try:
        report = generator.run()
    except InputError as err:
        return False, err.report(), False
    except GeneratorError as err:
        return False, f"error: {err}", False
    except Exception as err:  # a template error must not stop the preview
        return False, f"error: {type(err).__name__}: {err}; fix it and save again", False
    return True, f"ok: {len(report.written)} pages written, {len(report.removed)} removed", bool(report.removed)


class _Preview(LiveReloadServer):  # type: ignore[misc]
    """MkDocs' live-reload server, bound to the port the system gives when asked for port 0."""

    def server_bind(self) -> None:
        if getattr(self, "bound", False):
            return  # bound before the first build, which needs the real port; serve() binds again
        super().server_bind()
        self.bound = True
        host, port = self.server_address[:2]
        self.url = f"http://{host}:{port}{self.mount_path}"

    def rebuild_soon(self) -> None:
        """Ask the server's build loop for a rebuild, as its own file watching does."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()


class _Changes(FileSystemEventHandler):
    """Asks for a rebuild when a file the preview depends on is created, changed, moved or deleted."""

    def __init__(self, wanted: Callable[[Path], bool], changed: Callable[[], None]) -> None:
        self.wanted, self.changed = wanted, changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if any(p and self.wanted(Path(os.fsdecode(p))) for p in paths):
            self.changed()


def _hand_written(docs: Path) -> Callable[[Path], bool]:
    """Files of docs/ that are not the generator's: its pages, data files and bookkeeping are left out."""
    def wanted(path: Path) -> bool:
        name = path.name
        if name in (MANIFEST, LOCK) or name.startswith(".atlas-"):
            return False
        rel = path.resolve().relative_to(docs.resolve()).as_posix() if path.is_relative_to(docs) else name
        return not (rel in read_manifest(docs) or (path.suffix == ".md" and is_generated(path)))
    return wanted


def serve(facts: Path, seeds: Path, docs: Path, *, dev_addr: str, config: Path,
          log: Callable[[str], Any], templates: Path = TEMPLATES) -> int:
    """Generate, build and serve the site; regenerate and rebuild on every change until interrupted."""
    host, _, port = dev_addr.rpartition(":")
    _show_mkdocs_messages()
    with tempfile.TemporaryDirectory(prefix="atlas-preview-") as site_dir:
        mount = urlsplit(load_site_url(config) or "/").path  # read as text: the config INHERITs a generated file

        generator = Generator(facts, seeds, docs, edit_lines=False)
        whole = threading.Event()  # set: the next build rebuilds every page
        whole.set()

        def builder() -> None:
            with collector_paused():
                build_once()

        def build_once() -> None:
            start = time.perf_counter()
            ok, report, removed = regenerate(generator)
            log(f"{report} ({time.perf_counter() - start:.1f} s)" if ok else report)
            if ok:
                dirty = not (whole.is_set() or removed)
                whole.clear()
                start = time.perf_counter()
                try:
                    site = load_config(config_file=str(config), site_dir=site_dir)
                    site.site_url = server.url
                    mkdocs_build(site, serve_url=server.url, dirty=dirty)
                except MkDocsException as err:
                    whole.set()
                    log(f"error: MkDocs: {err}; fix it and save again")
                else:
                    log(f"site {'rebuilt where changed' if dirty else 'built'} ({time.perf_counter() - start:.1f} s)")

        def rebuild_all() -> None:
            whole.set()
            server.rebuild_soon()

        server = _Preview(builder=builder, host=host, port=int(port), root=site_dir, mount_path=mount)
        server.build_delay = SETTLE
        observer = Observer()
        facts_file = facts.resolve()
        observer.schedule(_Changes(lambda p: p.resolve() == facts_file, server.rebuild_soon), str(facts_file.parent))
        observer.schedule(_Changes(lambda p: p.suffix == ".txt", server.rebuild_soon), str(seeds))
        observer.schedule(_Changes(lambda p: not p.name.startswith("."), server.rebuild_soon), str(templates),
                          recursive=True)
        observer.schedule(_Changes(_hand_written(docs), rebuild_all), str(docs), recursive=True)
        for path in (config, config.parent / "overrides"):
            if path.exists():
                observer.schedule(_Changes(lambda p: True, rebuild_all), str(path), recursive=path.is_dir())
        _stop_on_sigterm()
        try:
            server.server_bind()
            builder()
            _index_for_search(Path(site_dir), log)  # once: a preview's search shows the pages as they started
            observer.start()
            server.serve()
        except KeyboardInterrupt:
            log("stopped")
        finally:
            _ignore_signals()  # a second Ctrl-C must not interrupt the cleaning up
            observer.stop()
            observer.join(timeout=5)
            server.shutdown()
    return 0


def _index_for_search(site: Path, log: Callable[[str], Any]) -> None:
    try:
        log(index_site(site))
    except GeneratorError as err:
        log(f"search: {err}; the preview works without it")


def _show_mkdocs_messages() -> None:
    """MkDocs reports through logging: show its messages as `mkdocs serve` would. Its warning that a dirty
    build may leave navigation inaccurate is dropped: the preview knows, and in strict mode (mkdocs.yml)
    the warning would abort every dirty build."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return "'dirty' build" not in record.getMessage()


def _ignore_signals() -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _stop_on_sigterm() -> None:
    """Treat SIGTERM like Ctrl-C, so the temporary site and the server are cleaned up."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)
