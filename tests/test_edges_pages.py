"""Edges of the page contexts (generator/build/pages/): what each kind of page shows in the cases the golden
pages do not reach, rendered from the fixture atlas (or a variation of it built in memory)."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from conftest import FIXTURE
from generator.build.model import Atlas
from generator.build.pages import index
from generator.build.pages.common import Options
from generator.build.pipeline import load_atlas
from generator.build.render import environment


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")


@pytest.fixture(scope="module")
def env() -> Environment:
    return environment()


def test_a_name_starting_with_a_digit_is_filed_under_0_9(atlas: Atlas, env: Environment,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A split index files '1. First Fund' on the letter page 0-9.md, shown as '0–9' in its links and title."""
    monkeypatch.setattr(index, "INDEX_ROWS", 1)
    pages = index.unit_pages(env, atlas, "initiative", Options())
    assert list(pages) == ["initiatives/index.md", "initiatives/by-letter/0-9.md", "initiatives/by-letter/r.md",
                           "initiatives/by-letter/t.md"]
    assert "| [0–9](by-letter/0-9.md) | 1 |\n" in pages["initiatives/index.md"]
    digits = pages["initiatives/by-letter/0-9.md"]
    assert "title: 'Initiatives: 0–9'\n" in digits
    assert "\n# Initiatives: 0–9\n" in digits
    assert "[Initiatives](../index.md) · 1 of 3 initiatives, filed under 0–9.\n" in digits
    assert "- **[1\\. First Fund](../first-fund.md)**" in digits
