"""The same inputs give byte-identical pages, in any process: set and dict order must never leak into a page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from generator.build.write import LOCK, MANIFEST


def build_with_hash_seed(seed: str, docs: Path) -> dict[str, bytes]:
    """Every generated file of the real atlas, built by a fresh process with this PYTHONHASHSEED."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "generator", "build", "--facts", str(ROOT / "facts.yml"),
                    "--seeds", str(ROOT / "seeds"), "--docs", str(docs)], env=env, check=True, capture_output=True)
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and p.name not in (MANIFEST, LOCK)}


@pytest.mark.site
def test_two_processes_with_different_hash_seeds_write_the_same_real_atlas(tmp_path: Path) -> None:
    first = build_with_hash_seed("1", tmp_path / "one")
    second = build_with_hash_seed("2024", tmp_path / "two")
    assert len(first) > 150
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
