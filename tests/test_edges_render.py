"""Edges of rendering (render.py): render_site renders with the templates folder, site address and line option
it is given; the units a second (forked) process renders are two in three, and with this process's third give
every page of a one-process render; a second process only when there are many units, a second core and no
other thread; the templates' stamp follows their names and text, nothing else."""

from __future__ import annotations

import math
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

import pytest
from jinja2 import TemplateNotFound

from conftest import FIXTURE, shared
from generator.build import render
from generator.build.model import Atlas
from generator.build.pages.common import Options
from generator.build.pipeline import input_stamp, load_atlas
from generator.build.render import PARALLEL_UNITS, render_changes, render_site, templates_stamp


@pytest.fixture(scope=shared)
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
    def forked(method: str) -> SimpleNamespace:
        assert method == "fork", "the second process inherits the atlas: nothing is pickled on the way in"
        return SimpleNamespace(Pool=InlinePool)

    monkeypatch.setattr(render, "multiprocessing", SimpleNamespace(get_context=forked))
    order: list[str] = []
    two, second = render_changes(atlas, Options(), processes=2, meanwhile=lambda: order.append("checked"))
    assert two == one and second.units == first.units
    [share] = InlinePool.shares
    units = len(first.units)
    assert len(share) == units - math.ceil(units / 3) and order == ["checked"]


@pytest.mark.parametrize(("units", "cores", "threads", "expected"), [
    (PARALLEL_UNITS - 1, 2, 1, 1), (PARALLEL_UNITS, 2, 1, 2), (PARALLEL_UNITS, 2, 2, 1), (PARALLEL_UNITS, 1, 1, 1),
    (PARALLEL_UNITS, None, 1, 1)])
def test_a_second_process_renders_only_with_many_units_a_second_core_and_no_other_thread(
        monkeypatch: pytest.MonkeyPatch, units: int, cores: int | None, threads: int, expected: int) -> None:
    monkeypatch.setattr(render.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(render.threading, "active_count", lambda: threads)
    assert render._processes(units) == expected


def test_the_templates_stamp_changes_with_a_templates_name_or_text_only(tmp_path: Path) -> None:
    (tmp_path / "a.md.j2").write_text("A {{ x }}\n", encoding="utf-8")
    (tmp_path / "b.md.j2").write_text("B\n", encoding="utf-8")
    stamp = templates_stamp(tmp_path)
    (tmp_path / "notes.txt").write_text("not a template\n", encoding="utf-8")
    assert templates_stamp(tmp_path) == stamp
    (tmp_path / "b.md.j2").write_text("B!\n", encoding="utf-8")
    assert templates_stamp(tmp_path) not in (stamp, templates_stamp(tmp_path / "none"))
    (tmp_path / "b.md.j2").write_text("B\n", encoding="utf-8")
    assert templates_stamp(tmp_path) == stamp
    (tmp_path / "b.md.j2").rename(tmp_path / "c.md.j2")
    assert templates_stamp(tmp_path) != stamp


def test_a_file_whose_bytes_spell_out_the_next_files_name_does_not_pass_for_two_files(tmp_path: Path) -> None:
    """A file holding "x", a NUL, the name "b", a NUL and "y" is not the two files a ("x") and b ("y"): the
    stamps that decide whether a run may skip its work tell the templates and the articles apart."""
    def folder(name: str, files: dict[str, bytes]) -> Path:
        (tmp_path / name).mkdir()
        for file, data in files.items():
            (tmp_path / name / file).write_bytes(data)
        return tmp_path / name

    one = folder("one", {"a.j2": b"x\0b.j2\0y"})
    two = folder("two", {"a.j2": b"x", "b.j2": b"y"})
    assert templates_stamp(one) != templates_stamp(two)
    facts = FIXTURE / "facts.yml"
    one = folder("seeds-one", {"a.txt": b"x\0b.txt\0y"})
    two = folder("seeds-two", {"a.txt": b"x", "b.txt": b"y"})
    assert input_stamp(facts, one, Options()) != input_stamp(facts, two, Options())
