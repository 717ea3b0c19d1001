"""Stage 5: write the pages the generator owns into docs/, and only those, only when changed.

One run at a time holds docs/ (a file lock); nothing is written through a symbolic link that leads
out of docs/, and what a killed run left half-written is swept away by the next.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from filelock import FileLock, Timeout

from generator.build.pages.common import MARKER
from generator.errors import OutputError

_MARK_LINE = f"generated_by: {MARKER}"
MANIFEST = ".atlas-manifest.json"
"""Lists the generated files that cannot carry the mark themselves (JSON, CSV, YAML), below docs/."""
LOCK = ".atlas.lock"
"""Below docs/: held by the run writing it; holds that run's process id."""
LOCK_WAIT = 5.0
"""Seconds a run waits for another to finish writing docs/ before giving up."""
_TEMP_PREFIX, _TEMP_SUFFIX = ".atlas-", ".tmp"


@contextlib.contextmanager
def exclusive(docs: Path, wait: float | None = None) -> Iterator[None]:
    """Hold docs/ for one run; another run waits LOCK_WAIT seconds, then fails naming the holder."""
    docs.mkdir(parents=True, exist_ok=True)
    lock = FileLock(docs / LOCK, timeout=LOCK_WAIT if wait is None else wait, on_acquired=_write_pid)
    try:
        lock.acquire()
    except Timeout:
        holder = (docs / LOCK).read_text(encoding="ascii", errors="replace").strip() or "unknown"
        raise OutputError(f"another build is writing {docs}/ (pid {holder}); wait for it to finish, "
                          "or stop it") from None
    try:
        yield
    finally:
        lock.release()


def _write_pid(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)


@dataclass(frozen=True)
class WriteReport:
    """What a write changed in docs/."""

    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def is_generated(path: Path) -> bool:
    """Whether a file carries the generator's mark in its front matter."""
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(400)
    except (OSError, UnicodeDecodeError):
        return False
    if not head.startswith("---\n"):
        return False
    front = head[4:].split("\n---", 1)[0]
    return _MARK_LINE in front.splitlines()


def _load_manifest(docs: Path) -> dict[str, Any]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def read_manifest(docs: Path) -> set[str]:
    """The non-Markdown files a previous run generated."""
    files = _load_manifest(docs).get("files", [])
    return {str(f) for f in files} if isinstance(files, list) else set()


def up_to_date(docs: Path, stamp: str) -> int | None:
    """The number of pages, when the last run had these very inputs and no page was touched since; else None."""
    manifest = _load_manifest(docs)
    state = manifest.get("state")
    if not stamp or manifest.get("stamp") != stamp or not isinstance(state, dict):
        return None
    for rel, (size, mtime) in state.items():
        try:
            info = os.stat(docs / rel)
        except OSError:
            return None
        if (info.st_size, info.st_mtime_ns) != (size, mtime):
            return None
    return len(state)


def _write_manifest(docs: Path, pages: dict[str, str], stamp: str) -> None:
    """Record what was generated: the files without a mark, the inputs' stamp, and each page's size and time."""
    state = {}
    for rel in pages:
        info = os.stat(docs / rel)
        state[rel] = [info.st_size, info.st_mtime_ns]
    files = sorted(rel for rel in pages if not rel.endswith(".md"))
    text = json.dumps({"generated_by": MARKER, "files": files, "stamp": stamp, "state": state}) + "\n"
    target = docs / MANIFEST
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        _atomic_write(target, text)


def plan(docs: Path, pages: dict[str, str]) -> tuple[dict[str, str], list[str], int]:
    """Which pages to write and which stale generated pages to remove; refuse to touch hand-written files."""
    owned = read_manifest(docs)
    conflicts = []
    changed: dict[str, str] = {}
    unchanged = 0
    links_out = [rel for rel in _files(docs) if (docs / rel).is_symlink() and not _inside(docs, docs / rel, whole=True)]
    if links_out:
        raise OutputError(f"{docs / links_out[0]} is a symbolic link that leads out of {docs}/; remove it "
                          "(MkDocs would publish what it points to)")
    escapes = [rel for rel in pages if not _inside(docs, docs / rel)]
    if escapes:
        raise OutputError(f"{_link_above(docs, escapes[0])} is a symbolic link that leads out of {docs}/; "
                          "replace it with a real folder (the generator writes nothing outside docs/)")
    for rel, content in pages.items():
        target = docs / rel
        mine = rel in owned if not rel.endswith(".md") else is_generated(target)
        if target.is_dir() or target.is_symlink() or (target.exists() and not mine):
            conflicts.append(rel)
        elif target.exists() and target.read_bytes() == content.encode("utf-8"):
            unchanged += 1
        else:
            changed[rel] = content
    if conflicts:
        raise OutputError(
            f"{len(conflicts)} hand-written file(s) in {docs} stand where generated pages go: "
            + ", ".join(conflicts[:5]) + ("…" if len(conflicts) > 5 else "")
            + "; rename the entity's id in the fact file, or move the hand-written page")
    stale = sorted(rel for rel in _files(docs) if rel.endswith(".md") and rel not in pages
                   and is_generated(docs / rel))
    stale += sorted(rel for rel in owned - set(pages) if (docs / rel).is_file() and _inside(docs, docs / rel))
    return changed, stale, unchanged


def _files(docs: Path) -> Iterator[str]:
    """Every file below docs/, as a posix path relative to it; symbolic links to folders are not followed."""
    for folder, _, names in os.walk(docs):
        for name in names:
            yield Path(folder, name).relative_to(docs).as_posix()


def _inside(docs: Path, target: Path, whole: bool = False) -> bool:
    """Whether target (a file below docs/: its folder, or with `whole` the file itself) stays inside docs/
    once every link is followed."""
    return Path(os.path.realpath(target if whole else target.parent)).is_relative_to(os.path.realpath(docs))


def _link_above(docs: Path, rel: str) -> Path:
    """The first folder on the way from docs/ to a page that is a symbolic link."""
    folder = docs
    for part in Path(rel).parent.parts:
        folder = folder / part
        if folder.is_symlink():
            return folder
    return docs / rel


def sweep_temporary(docs: Path) -> None:
    """Remove the half-written files a killed run left behind."""
    for rel in _files(docs):
        name = rel.rsplit("/", 1)[-1]
        if name.startswith(_TEMP_PREFIX) and name.endswith(_TEMP_SUFFIX):
            (docs / rel).unlink(missing_ok=True)


def write_pages(docs: Path, pages: dict[str, str], stamp: str = "") -> WriteReport:
    """Write changed pages atomically, remove stale generated ones; nothing is written if any check fails."""
    sweep_temporary(docs)
    changed, stale, unchanged = plan(docs, pages)
    for rel, content in changed.items():
        _atomic_write(docs / rel, content)
    for rel in stale:
        (docs / rel).unlink()
        _prune_empty(docs, (docs / rel).parent)
    _write_manifest(docs, pages, stamp)
    return WriteReport(written=tuple(changed), removed=tuple(stale), unchanged=unchanged)


def _umask() -> int:
    """The process's umask (read by setting it, then setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _atomic_write(target: Path, content: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it 0600; a page gets the mode any new file would
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune_empty(docs: Path, folder: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
