"""One measurement in its own process, so its peak memory is its own: prints one JSON line.

    python -m bench.worker build FACTS SEEDS DOCS
    python -m bench.worker mkdocs PROJECT
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def _peak_mb(who: int) -> float:
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


def main(argv: list[str]) -> None:
    command, *paths = argv
    result = build(*map(Path, paths)) if command == "build" else mkdocs(Path(paths[0]))
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
