"""The weight budget of the real site's pages (stated in the README): sizes, not timings."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from generator.build.pipeline import load_atlas
from sitecheck import first_load_bytes

PROFILE_HTML_MAX = 100_000
"""Bytes of HTML of the heaviest profile page (measured: 76 KB, Songjiang District's page with its locator map)."""
FIRST_LOAD_GZIP_MAX = 120_000
"""Gzipped bytes of a profile's first load: HTML, CSS and JS (the search index loads when a reader searches)."""


def test_every_profile_is_within_the_html_budget(real_site: Path) -> None:
    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    sizes = {e.id: (real_site / e.url.removesuffix(".md") / "index.html").stat().st_size
             for e in atlas.entities.values()}
    heaviest = max(sizes, key=sizes.get)
    assert sizes[heaviest] <= PROFILE_HTML_MAX, (heaviest, sizes[heaviest])


def test_first_load_of_the_heaviest_profile_is_within_the_budget(real_site: Path) -> None:
    atlas = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    pages = [real_site / e.url.removesuffix(".md") / "index.html" for e in atlas.entities.values()]
    heaviest = max(pages, key=lambda p: p.stat().st_size)
    raw, gzipped = first_load_bytes(real_site, heaviest)
    assert gzipped <= FIRST_LOAD_GZIP_MAX, (heaviest, raw, gzipped)
    assert raw >= heaviest.stat().st_size, "the page itself is part of its first load"
