"""After MkDocs: the search index of the built site, made by Pagefind (its PyPI package ships the binary).

Only profiles and articles are searchable (the pages whose front matter has a `search_entry`, wrapped in
`data-pagefind-body` by overrides/main.html); their footnotes, charts and maps are left out, so that a
page is found for what it says, not for the quotes it cites. Pagefind's extended build also reads Chinese.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from generator.errors import GeneratorError

EXCLUDED = (".footnote", ".atlas-figure", ".atlas-edit", ".headerlink", ".md-source-file")
"""Parts of a searchable page that are not its own text."""


def compact(text: str) -> str:
    """A name as search compares it: letters and digits only, lower case ('i-Flytek' -> 'iflytek').

    assets/atlas-search.js normalises what a reader types the same way."""
    return "".join(char for char in unicodedata.normalize("NFKC", text).lower() if char.isalnum())


def search_entry(title: str, kind: str, city: str, summary: str, names: list[str], figures: list[str] = (),
                 links: int = 0) -> dict[str, Any]:
    """A page's front matter for search: its title, kind, city and summary (shown with the result), its names
    (ranked first when the query is one of them), how many pages link to it (the tie-break between names
    alike) and the words the index weighs most: every name, also written compactly, and its figures."""
    names = [n for n in dict.fromkeys(names) if n]
    terms = " ".join(dict.fromkeys([*names, *(compact(n) for n in names), *figures]))
    return {"title": title, "kind": kind, "city": city, "summary": " ".join(summary.split()), "names": names,
            "terms": terms, "links": links}


def index_site(site: Path) -> str:
    """Index a built site into site/pagefind/; Pagefind's summary line, or GeneratorError."""
    if not (site / "index.html").is_file():
        raise GeneratorError(f"{site}/index.html not found; build the site first (mkdocs build)")
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise GeneratorError(f"pagefind failed: {(done.stderr or done.stdout).strip()[-500:]}")
    pages = sum(1 for _ in (site / "pagefind" / "fragment").glob("*"))
    return f"ok: {pages} pages indexed for search in {site}/pagefind"
