"""What a reader downloads: HTML per page, Material's search index, and Pagefind's first query."""

from __future__ import annotations

import gzip
import subprocess
import sys
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


def gzipped(path: Path) -> int:
    """Bytes of a file once gzipped, as a server sends it."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def material_search_bytes(site: Path) -> int:
    """Material loads its whole index on the first search: search_index.json, gzipped."""
    return gzipped(site / "search" / "search_index.json")


def pagefind_first_query_bytes(site: Path, results: int = 5) -> int:
    """Index the site with Pagefind; the bytes its first query loads.

    Pagefind's first query loads pagefind.js, pagefind-entry.json, the WebAssembly module, the
    meta file, the index chunk(s) holding the term and one fragment per result shown. The largest
    index chunk and the mean fragment are counted, so the figure is an upper estimate. Pagefind's
    own files (.pf_*, .pagefind) are already gzipped; pagefind.js and the entry are gzipped here.
    """
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--root-selector", "article",
                    "--quiet"], check=True, capture_output=True)
    out = site / "pagefind"
    chunks = [p.stat().st_size for p in (out / "index").glob("*.pf_index")]
    fragments = [p.stat().st_size for p in (out / "fragment").glob("*.pf_fragment")]
    fixed = gzipped(out / "pagefind.js") + gzipped(out / "pagefind-entry.json")
    fixed += sum(p.stat().st_size for p in out.glob("wasm.*.pagefind"))
    fixed += sum(p.stat().st_size for p in out.glob("*.pf_meta"))
    return fixed + max(chunks) + results * (sum(fragments) // max(len(fragments), 1))
