"""The scaling benchmark runs in its quick mode and reports every row with sane values."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import ROWS
from conftest import ROOT

pytestmark = pytest.mark.site


def test_quick_benchmark_reports_every_row(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    result = subprocess.run([sys.executable, "-m", "bench", "--quick", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=280)
    assert result.returncode == 0, result.stdout + result.stderr
    report = out.read_text(encoding="utf-8")
    assert report in result.stdout + "\n"
    assert re.search(r"Measured \d{4}-\d\d-\d\d; \d+ cores .*Python 3\..*zensical 0\.0\.73", report)
    assert "| Measure | N = 200 | real site |" in report
    cells = {}
    for row in ROWS:
        match = re.search(rf"^\| {re.escape(row)} \| ([^|]+) \| ([^|]+) \|$", report, re.M)
        assert match, f"row missing: {row}"
        cells[row] = (match.group(1).strip(), match.group(2).strip())
    for column, entities in ((0, 200), (1, None)):
        number = {row: float(re.sub(r"[,x]", "", values[column])) for row, values in cells.items()}
        assert entities is None or number["entities"] == entities
        assert number["pages generated"] > number["entities"], "a page per entity, plus indexes and sources"
        assert number["nothing changed: files written"] == 0
        assert 1 <= number["one entity edited: files written"] < 20, "its page and the few that show it"
        assert 10 < number["generator peak memory: MB"] < 1000
        assert 0.3 < number["mkdocs build: s"] < 300 and 0.3 < number["plain pages, mkdocs build: s"] < 300, \
            "a real MkDocs build of a few hundred pages takes seconds"
        assert number["mkdocs build vs plain pages"] == pytest.approx(
            number["mkdocs build: s"] / number["plain pages, mkdocs build: s"], rel=0.1)
        assert 0.1 < number["edit loop, save to served page (serve): s"] < 60, "measured through the preview"
        assert number["edit loop, its generator part (serve): s"] + number[
            "edit loop, its MkDocs part, changed pages only (serve): s"] <= number[
            "edit loop, save to served page (serve): s"] + 0.2, "the parts as the preview reports them"
        assert number["one entity edited: s"] < number["edit loop, mkdocs build --dirty after the generator: s"]
        assert number["one entity edited: s"] < number["edit loop, Zensical cached rebuild after the generator: s"]
        assert 0.1 < number["Zensical build from cold: s"] < 300
        assert 1 < number["HTML per page, mean: KB"] <= number["largest page: KB"]
        assert number["pages over 200 KB"] == 0
        assert 60 < number["search, first result: KB"] < 300, "Pagefind's script and WebAssembly are ~90 KB alone"
    real = float(cells["search, first result: KB"][1])
    assert real <= 150, "the real site's budget (README)"
