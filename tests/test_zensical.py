"""Portability: Zensical builds the real site from the same mkdocs.yml, without refusing a page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, _generated_only
from generator.build.pipeline import load_atlas
from generator.build.searchindex import index_site
from generator.build.write import is_generated
from generator.cli import cli

pytestmark = pytest.mark.site


def test_zensical_builds_the_real_site_at_the_address_the_environment_gives(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://example.org/deep/path/")
    monkeypatch.setenv("REPO_URL", "https://github.com/example/fork")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=_generated_only)
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    result = CliRunner().invoke(cli, ["build", "--facts", str(ROOT / "facts.yml"), "--seeds", str(ROOT / "seeds"),
                                      "--docs", str(tmp_path / "docs")])
    assert result.exit_code == 0, result.output
    zensical = Path(sys.executable).with_name("zensical")
    built = subprocess.run([str(zensical), "build", "--config-file", "mkdocs.yml"], cwd=tmp_path,
                           env={**os.environ, "NO_COLOR": "1"}, capture_output=True, text=True, timeout=600)
    output = built.stdout + built.stderr
    assert built.returncode == 0, output
    assert "error" not in output.lower(), output
    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    for entity in atlas.entities.values():
        assert (tmp_path / "site" / entity.url.removesuffix(".md") / "index.html").exists(), entity.id
    profile = next(iter(atlas.entities.values())).url.removesuffix(".md")
    html = (tmp_path / "site" / profile / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="https://example.org/deep/path/{profile}/">' in html, "Zensical reads !ENV"
    assert 'href="https://github.com/example/fork/blob/main/facts.yml#L' in html
    assert "data-atlas-search" in html and "data-pagefind-body" in html, "the search box and what it indexes"
    assert index_site(tmp_path / "site") == f"ok: {len(atlas.entities) + len(atlas.sources)} pages indexed for search in {tmp_path / 'site'}/pagefind"


def test_no_generated_section_reaches_zensicals_search_index(tmp_path: Path) -> None:
    """Zensical's built-in search index refuses a section of more than 8,192 bytes (0.0.73 said so of a
    timeline year at 10,000 entities) and held 31 MB at that size, unused: the atlas searches with Pagefind.
    Generated pages stay out of it (`search: exclude`), even with a section far over the limit."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=_generated_only)
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    result = CliRunner().invoke(cli, ["build", "--facts", str(ROOT / "facts.yml"), "--seeds", str(ROOT / "seeds"),
                                      "--docs", str(tmp_path / "docs")])
    assert result.exit_code == 0, result.output
    timeline = tmp_path / "docs" / "timeline.md"
    long_year = "\n## 2099\n\n" + " ".join(f"Event number {i} of a very busy year, from an article." for i in range(400))
    timeline.write_text(timeline.read_text(encoding="utf-8") + long_year, encoding="utf-8")
    built = subprocess.run([str(Path(sys.executable).with_name("zensical")), "build", "--clean", "--config-file",
                            "mkdocs.yml"], cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"}, capture_output=True,
                           text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    items = json.loads((tmp_path / "site" / "search.json").read_text(encoding="utf-8"))["items"]
    generated = {p.relative_to(tmp_path / "docs").as_posix().removesuffix(".md").removesuffix("index").rstrip("/")
                 for p in (tmp_path / "docs").rglob("*.md") if is_generated(p)}
    indexed = {item["location"].split("#")[0].rstrip("/") for item in items}
    assert not indexed & generated, sorted(indexed & generated)[:5]
    assert all(len(item["text"].encode()) <= 8192 for item in items)
