"""One measurement in its own process, so its peak memory is its own: prints one JSON line.

    python -m bench.worker build FACTS SEEDS DOCS
    python -m bench.worker mkdocs PROJECT          (a clean build, as publishing does)
    python -m bench.worker mkdocs-dirty PROJECT    (only the pages changed since, as `serve` does)
    python -m bench.worker zensical PROJECT        (Zensical's build, with its cache)
"""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def _peak_mb(who: int) -> float:
    """Peak memory of this process or of its waited-for children. This process's own is read from /proc
    (VmHWM): ru_maxrss keeps, across exec, the peak of the process that started it (the benchmark's)."""
    status = Path("/proc/self/status")
    if who == resource.RUSAGE_SELF and status.exists():
        line = next(line for line in status.read_text().splitlines() if line.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def build(facts: Path, seeds: Path, docs: Path) -> dict[str, object]:
    """The generator end to end (load, validate, render, write), as `python -m generator build` runs it."""
    start = time.perf_counter()
    from generator.build.pipeline import build_pages

    report = build_pages(facts, seeds, docs)
    return {"seconds": time.perf_counter() - start, "written": sorted(report.written),
            "removed": len(report.removed), "unchanged": report.unchanged,
            "peak_mb": _peak_mb(resource.RUSAGE_SELF)}


def mkdocs(project: Path) -> dict[str, object]:
    """`mkdocs build` in a project folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


def mkdocs_dirty(project: Path) -> dict[str, object]:
    """MkDocs' dirty build in this process, as `serve` runs it (its dirty warning dropped: strict mode)."""
    os.environ.update(NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    os.chdir(project)
    start = time.perf_counter()
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.editor.serve import _not_the_dirty_warning

    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)
    mkdocs_build(load_config(config_file="mkdocs.yml"), dirty=True)
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(resource.RUSAGE_SELF)}


def zensical(project: Path) -> dict[str, object]:
    """`zensical build` in a project folder (its cache, .cache/, kept between runs)."""
    start = time.perf_counter()
    result = subprocess.run([str(Path(sys.executable).with_name("zensical")), "build", "--config-file", "mkdocs.yml"],
                            cwd=project, env={**os.environ, "NO_COLOR": "1"}, capture_output=True, text=True)
    if result.returncode or "error" in (result.stdout + result.stderr).lower():
        raise SystemExit(result.stdout + result.stderr)
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


COMMANDS = {"mkdocs": mkdocs, "mkdocs-dirty": mkdocs_dirty, "zensical": zensical}


def main(argv: list[str]) -> None:
    command, *paths = argv
    result = build(*map(Path, paths)) if command == "build" else COMMANDS[command](Path(paths[0]))
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
