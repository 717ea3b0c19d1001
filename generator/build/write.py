"""Stage 5: write the pages the generator owns into docs/, and only those, only when changed.

One run at a time holds docs/ (a file lock); nothing is written through a symbolic link that leads
out of docs/, and what a killed run left half-written is swept away by the next.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import AbstractSet, Any, Iterable, Iterator

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
    """Whether a file carries the generator's mark in its front matter (read up to the mark, however far down
    the fields before it, sorted by name, push it: a description of '&amp;'s, a long path to the fact file)."""
    try:
        with path.open(encoding="utf-8") as handle:
            if handle.readline() != "---\n":
                return False
            for line in handle:
                if line.startswith("---"):
                    return False
                if line.rstrip("\n") == _MARK_LINE:
                    return True
    except (OSError, UnicodeDecodeError):
        return False
    return False


_manifest_read: tuple[tuple[str, int, int], dict[str, Any]] | None = None
"""The last manifest read and the (path, size, time) it was read at: a run reads it several times."""


def _load_manifest(docs: Path) -> dict[str, Any]:
    """The manifest's content ({} when missing or unreadable); treat it as read-only."""
    global _manifest_read
    path = docs / MANIFEST
    try:
        info = os.stat(path)
        key = (os.fspath(path), info.st_size, info.st_mtime_ns)
        if _manifest_read is not None and _manifest_read[0] == key:
            return _manifest_read[1]
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    data = data if isinstance(data, dict) else {}
    _manifest_read = (key, data)
    return data


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


def moved_since(docs: Path, pages: Iterable[str]) -> set[str]:
    """The pages changed or removed on disk since the last run recorded them (or never recorded)."""
    state = _load_manifest(docs).get("state")
    state = state if isinstance(state, dict) else {}
    moved = set()
    for rel in pages:
        try:
            info = os.stat(docs / rel)
        except OSError:
            moved.add(rel)
            continue
        if state.get(rel) != [info.st_size, info.st_mtime_ns]:
            moved.add(rel)
    return moved


def _write_manifest(docs: Path, pages: Iterable[str], stamp: str, known: dict[str, Any] | None = None) -> None:
    """Record what was generated: the files without a mark, the inputs' stamp, and each page's size and time
    (from `known`, the last manifest's record, for pages not written since)."""
    state = {}
    root = os.fspath(docs)
    for rel in sorted(pages):
        if known and rel in known:
            state[rel] = known[rel]
            continue
        info = os.stat(os.path.join(root, rel))
        state[rel] = [info.st_size, info.st_mtime_ns]
    files = sorted(rel for rel in state if not rel.endswith(".md"))
    text = json.dumps({"generated_by": MARKER, "files": files, "stamp": stamp, "state": state}) + "\n"
    target = docs / MANIFEST
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        _atomic_write(target, text)


def plan(docs: Path, pages: dict[str, str], keep: AbstractSet[str] = frozenset()) -> tuple[dict[str, str], list[str], int]:
    """Which pages to write and which stale generated pages to remove (neither `pages` nor `keep`, the pages
    left as the last run wrote them); refuse to touch hand-written files."""
    owned = read_manifest(docs)
    conflicts = []
    changed: dict[str, str] = {}
    unchanged = 0
    files = _files(docs)
    links_out = [rel for rel, link in files.items() if link and not _inside(docs, docs / rel, whole=True)]
    if links_out:
        raise OutputError(f"{docs / links_out[0]} is a symbolic link that leads out of {docs}/; remove it "
                          "(MkDocs would publish what it points to)")
    folders = {rel.rpartition("/")[0] for rel in pages}
    outside = {folder for folder in folders if not _inside(docs, docs / folder / "-")}
    escapes = [rel for rel in pages if rel.rpartition("/")[0] in outside]
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
    stale = sorted(rel for rel in files if rel.endswith(".md") and rel not in pages and rel not in keep
                   and is_generated(docs / rel))
    stale += sorted(rel for rel in owned - set(pages) - keep if (docs / rel).is_file() and _inside(docs, docs / rel))
    return changed, stale, unchanged


def _files(docs: Path) -> dict[str, bool]:
    """Every file below docs/, as a posix path relative to it, and whether it is a symbolic link; links to
    folders are neither listed nor followed (as os.walk does)."""
    found: dict[str, bool] = {}
    pending = [("", os.fspath(docs))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((prefix + entry.name + "/", entry.path))
                elif entry.is_symlink() and entry.is_dir():
                    continue
                else:
                    found[prefix + entry.name] = entry.is_symlink()
    return dict(sorted(found.items()))


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


def write_pages(docs: Path, pages: dict[str, str], stamp: str = "", keep: AbstractSet[str] = frozenset()) -> WriteReport:
    """Write changed pages atomically, remove stale generated ones; nothing is written if any check fails.
    `keep`: pages not rendered this run, left as they are (the caller checked they are as last written)."""
    sweep_temporary(docs)
    known = _load_manifest(docs).get("state") if keep else None
    changed, stale, unchanged = plan(docs, pages, keep)
    folders: set[str] = set()
    for rel, content in changed.items():
        _atomic_write(docs / rel, content, folders)
    for rel in stale:
        (docs / rel).unlink()
        _prune_empty(docs, (docs / rel).parent)
    _write_manifest(docs, [*pages, *keep], stamp, {rel: known[rel] for rel in keep if rel in known}
                    if isinstance(known, dict) else None)
    return WriteReport(written=tuple(changed), removed=tuple(stale), unchanged=unchanged + len(keep))


_temporary_names = itertools.count()


def _atomic_write(target: Path, content: str, folders: set[str] | None = None) -> None:
    """Write a temporary file beside the target, then rename it over the target: a reader sees the old page
    or the new one, never half of one. The temporary file is made like any new file (0666 less the umask);
    `folders`: those known to exist already, for a run writing many pages."""
    folder = os.path.dirname(target)
    if folders is None or folder not in folders:
        os.makedirs(folder, exist_ok=True)
        if folders is not None:
            folders.add(folder)
    data = content.encode("utf-8")
    while True:
        tmp = os.path.join(folder, f"{_TEMP_PREFIX}{os.getpid()}-{next(_temporary_names)}{_TEMP_SUFFIX}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with open(fd, "wb", closefd=True) as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune_empty(docs: Path, folder: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
