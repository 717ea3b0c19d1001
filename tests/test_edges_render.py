"""Edges of rendering (render.py): render_site renders with the templates folder, site address and line option
it is given; the units a second process would render are split two in three from this process's third, and
together give every page of a one-process render."""

from __future__ import annotations

import math
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

import pytest
from jinja2 import TemplateNotFound

from conftest import FIXTURE
from generator.build import render
from generator.build.model import Atlas
from generator.build.pages.common import Options
from generator.build.pipeline import load_atlas
from generator.build.render import render_changes, render_site


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds")


def test_render_site_reads_the_templates_of_the_folder_it_is_given(atlas: Atlas, tmp_path: Path) -> None:
    with pytest.raises(TemplateNotFound, match=r"\.md\.j2"):
        render_site(atlas, tmp_path)


def test_render_site_uses_the_site_address_and_line_option_it_is_given(atlas: Atlas) -> None:
    pages = render_site(atlas, site_url="https://atlas.example/g60/", edit_lines=False)
    assert '"url":"https://atlas.example/g60/people/jane-doe/"' in pages["people/jane-doe.md"]
    assert not [path for path, text in pages.items() if "\nedit_line:" in text]


class InlinePool:
    """A pool whose one worker is this process: the share a forked process renders, rendered where the test
    (and coverage) can see it; `shares` keeps what each share returned."""

    shares: list[dict[str, Any]] = []

    def __init__(self, processes: int) -> None:
        assert processes == 1

    def __enter__(self) -> "InlinePool":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def apply_async(self, func: Callable[[], dict[str, Any]], args: tuple[()]) -> SimpleNamespace:
        result = func(*args)
        InlinePool.shares.append(result)
        return SimpleNamespace(get=lambda: result)


def test_the_second_process_renders_two_units_in_three_and_together_they_render_every_page(
        atlas: Atlas, monkeypatch: pytest.MonkeyPatch) -> None:
    one, first = render_changes(atlas, Options(), processes=1)
    InlinePool.shares = []
    monkeypatch.setattr(render, "multiprocessing", SimpleNamespace(get_context=lambda method: SimpleNamespace(
        Pool=InlinePool)))
    order: list[str] = []
    two, second = render_changes(atlas, Options(), processes=2, meanwhile=lambda: order.append("checked"))
    assert two == one and second.units == first.units
    [share] = InlinePool.shares
    units = len(first.units)
    assert len(share) == units - math.ceil(units / 3) and order == ["checked"]
