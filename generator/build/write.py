"""Stage 5: write the pages the generator owns into docs/, and only those, only when changed."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import OutputError
from generator.build.pages.common import MARKER

_MARK_LINE = f"generated_by: {MARKER}"
MANIFEST = ".atlas-manifest.json"
"""Lists the generated files that cannot carry the mark themselves (JSON, CSV, YAML), below docs/."""


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
    for rel, content in pages.items():
        target = docs / rel
        mine = rel in owned if not rel.endswith(".md") else is_generated(target)
        if target.is_dir() or (target.exists() and not mine):
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
    stale = sorted(str(p.relative_to(docs).as_posix()) for p in docs.rglob("*.md")
                   if p.relative_to(docs).as_posix() not in pages and is_generated(p)) if docs.is_dir() else []
    stale += sorted(rel for rel in owned - set(pages) if (docs / rel).is_file())
    return changed, stale, unchanged


def write_pages(docs: Path, pages: dict[str, str], stamp: str = "") -> WriteReport:
    """Write changed pages atomically, remove stale generated ones; nothing is written if any check fails."""
    changed, stale, unchanged = plan(docs, pages)
    for rel, content in changed.items():
        _atomic_write(docs / rel, content)
    for rel in stale:
        (docs / rel).unlink()
        _prune_empty(docs, (docs / rel).parent)
    _write_manifest(docs, pages, stamp)
    return WriteReport(written=tuple(changed), removed=tuple(stale), unchanged=unchanged)


def _atomic_write(target: Path, content: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".atlas-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune_empty(docs: Path, folder: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
