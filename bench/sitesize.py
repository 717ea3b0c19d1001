"""What a reader downloads: the HTML of each page (the search: bench/search.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageSizes:
    """HTML bytes of a built site's pages."""

    pages: int
    mean: int
    largest: int
    largest_page: str
    over_200k: int


def html_sizes(site: Path) -> PageSizes:
    """Bytes of every page's HTML (404.html left out)."""
    sizes = {str(p.relative_to(site)): p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html"}
    largest = max(sizes, key=lambda k: sizes[k])
    return PageSizes(len(sizes), sum(sizes.values()) // len(sizes), sizes[largest], largest,
                     sum(size > 200_000 for size in sizes.values()))
