"""Edges of writing docs/ (write.py): which files count as the generator's."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE
from generator.build.pages.common import MARKER
from generator.build.pipeline import load_atlas
from generator.build.render import render_site
from generator.build.write import MANIFEST, write_pages

MARK = f"generated_by: {MARKER}"


def generated(title: str = "T", body: str = "Text.\n") -> str:
    """A page as the generator marks it (the mark on the front matter's first line)."""
    return f"---\n{MARK}\ntitle: {title}\n---\n{body}"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


def files_below(folder: Path) -> dict[str, bytes]:
    """Every file below a folder (links not followed), with its bytes; the manifest aside."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink() and p.name != MANIFEST}


# Which files are the generator's ---------------------------------------------------------------------------


def test_a_page_whose_description_is_full_of_ampersands_is_still_the_generators(docs: Path) -> None:
    """The description comes before the mark in the front matter, and '&' is written '&amp;' there: a summary
    of ampersands pushes the mark far down. The page must still be recognised, or the next build refuses to
    replace it as if it were hand-written."""
    facts = (FIXTURE / "facts.yml").read_text(encoding="utf-8")
    summary = "A fixture institute that trains engineers."
    assert summary in facts
    atlas = load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds",
                       facts_text=facts.replace(summary, "R&D & " * 26 + "tests."))
    pages = render_site(atlas)
    page = "institutions/institute-of-testing.md"
    assert pages[page].index(MARK) > 400
    write_pages(docs, pages)
    report = write_pages(docs, {**pages, page: pages[page].replace("tests.", "testing.")})
    assert (report.written, report.removed, report.unchanged) == ((page,), (), len(pages) - 1)
