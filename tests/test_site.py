"""End to end: the fixture and the real data build with `mkdocs build --strict` into a sound site."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from generator.build.pipeline import load_atlas
from sitecheck import broken_links, generate_site, site_path


@pytest.mark.site
def test_fixture_site_builds_strict_with_no_broken_links(project: Path) -> None:
    site = generate_site(project, project / "facts.yml", project / "seeds")
    assert broken_links(site, site_path(project)) == []
    assert (site / "companies" / "acme-robotics" / "index.html").exists()


def test_real_site_has_a_page_for_every_entity_and_source(real_site: Path) -> None:
    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    for entity in atlas.entities.values():
        assert (real_site / entity.url.removesuffix(".md") / "index.html").exists(), entity.id
    for source in atlas.sources:
        assert (real_site / "sources" / source / "index.html").exists(), source


def test_real_site_has_no_broken_internal_links_or_anchors(real_site: Path) -> None:
    assert broken_links(real_site, site_path(ROOT)) == []


