"""Edges of writing docs/ (write.py) and of the build run that `serve` repeats (pipeline.Generator).

Which files count as the generator's (the mark in the front matter, and only there), the exact words of each
refusal (hand-written files in the way, links out of docs/), what a run sweeps and what it leaves alone (links
to folders, pages removed by hand), what the manifest records, that a failed or colliding write leaves nothing
half-done and no file open, which pages have moved since the last run, and that a repeated run renders only
what an edit changed, restores what was touched by hand and skips everything when nothing changed.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import resource
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conftest import FIXTURE, shared
from generator.build import write
from generator.build.pages import entity
from generator.build.pages.common import MARKER, Options
from generator.build.pipeline import Generator, build_pages, input_stamp, load_atlas
from generator.build.render import render_site
from generator.build.write import MANIFEST, exclusive, moved_since, write_pages
from generator.errors import OutputError

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


def test_only_a_page_marked_in_its_front_matter_is_removed_as_stale(docs: Path) -> None:
    hand_written = {
        "quotes-the-mark.md": f"---\ntitle: How pages are marked\n---\nThe generator writes:\n\n{MARK}\n\n---\n\nEnd.\n",
        "latin-1.md": "---\ntitle: Café\n---\nÉcrit à la main.\n".encode("latin-1"),
        "other-mark.md": f"---\n{MARK}-fork\n---\nA fork's page.\n",
        "mark-and-a-space.md": f"---\n{MARK} \n---\nNot the mark: a space follows it.\n",
        "mark-and-a-letter.md": f"---\n{MARK}X\n---\nNot the mark: a letter follows it.\n",
        "no-front-matter.md": f"{MARK}\n",
    }
    for name, content in hand_written.items():
        path = docs / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (docs / "old.md").write_text(generated("Old"), encoding="utf-8")
    before = files_below(docs)
    report = write_pages(docs, {"new.md": generated("New")})
    assert (report.written, report.removed, report.unchanged) == (("new.md",), ("old.md",), 0)
    assert files_below(docs) == {**{k: v for k, v in before.items() if k != "old.md"},
                                 "new.md": generated("New").encode("utf-8")}


# Refusals, word for word -----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 6])
def test_the_refusal_names_the_first_five_files_in_the_way(docs: Path, count: int) -> None:
    """Hand-written pages where generated ones go, and a folder where a data file of the last run was."""
    write_pages(docs, {"data/a.json": "{}\n"})
    (docs / "data" / "a.json").unlink()
    (docs / "data" / "a.json").mkdir()
    names = ["data/a.json"] + [f"p{n}.md" for n in range(1, count)]
    for name in names[1:]:
        (docs / name).write_text("# By hand\n", encoding="utf-8")
    with pytest.raises(OutputError) as raised:
        write_pages(docs, {"index.md": generated(), **{name: generated() for name in names}})
    listed = "data/a.json, p1.md, p2.md, p3.md, p4.md" + ("…" if count > 5 else "")
    assert str(raised.value) == (f"{count} hand-written file(s) in {docs} stand where generated pages go: {listed}; "
                                 "rename the entity's id in the fact file, or move the hand-written page")
    assert not (docs / "index.md").exists()


def test_a_link_to_a_file_out_of_docs_is_refused_with_the_reason(docs: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret\n", encoding="utf-8")
    (docs / "leak.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(OutputError) as raised:
        write_pages(docs, {"index.md": generated()})
    assert str(raised.value) == (f"{docs}/leak.txt is a symbolic link that leads out of {docs}/; remove it "
                                 "(MkDocs would publish what it points to)")


def test_a_link_that_stays_inside_docs_is_left_alone(docs: Path) -> None:
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    (docs / "about-us.md").symlink_to("about.md")
    report = write_pages(docs, {"index.md": generated()})
    assert report.written == ("index.md",)
    assert (docs / "about-us.md").is_symlink() and (docs / "about-us.md").read_text(encoding="utf-8") == "# About\n"


def test_a_nested_folder_that_links_out_of_docs_is_named(docs: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (docs / "data").mkdir()
    (docs / "data" / "excel").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OutputError) as raised:
        write_pages(docs, {"data/entities.csv": "id\n", "data/excel/entities.csv": "id\n"})
    assert str(raised.value) == (f"{docs}/data/excel is a symbolic link that leads out of {docs}/; replace it with "
                                 "a real folder (the generator writes nothing outside docs/)")
    assert list(elsewhere.iterdir()) == [] and not (docs / "data" / "entities.csv").exists()


def test_a_link_to_a_folder_out_of_docs_that_no_page_goes_through_is_neither_followed_nor_refused(
        docs: Path, tmp_path: Path) -> None:
    """Named '-': the name the check of a page's folder joins to that folder (it resolves the folder, not
    whatever stands at that name)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "old.md").write_text(generated("Not ours to remove"), encoding="utf-8")
    (elsewhere / ".atlas-1-1.tmp").write_text("not ours either\n", encoding="utf-8")
    (docs / "people").mkdir()
    (docs / "people" / "-").symlink_to(elsewhere, target_is_directory=True)
    report = write_pages(docs, {"people/jane.md": generated("Jane")})
    assert (report.written, report.removed) == (("people/jane.md",), ())
    assert sorted(p.name for p in elsewhere.iterdir()) == [".atlas-1-1.tmp", "old.md"]


# Sweeping and removing -------------------------------------------------------------------------------------


def test_leftovers_of_a_killed_run_are_swept_at_any_depth_and_beside_links_to_folders(docs: Path) -> None:
    """A link to a folder (listed by the scan as neither file nor folder) does not end the scan of its folder,
    whichever order the folder lists its entries in."""
    (docs / "target").mkdir()
    leftovers = [docs / "data" / "excel" / ".atlas-1-2.tmp"]
    for n in range(6):
        folder = docs / f"f{n}"
        folder.mkdir()
        steps = [lambda: (folder / f"link{n}").symlink_to(docs / "target", target_is_directory=True),
                 lambda: (folder / f".atlas-{n}-0.tmp").write_text("half\n", encoding="utf-8")]
        for step in (steps if n % 2 else reversed(steps)):
            step()
        leftovers.append(folder / f".atlas-{n}-0.tmp")
    leftovers[0].parent.mkdir(parents=True)
    leftovers[0].write_text("half\n", encoding="utf-8")
    write_pages(docs, {"index.md": generated()})
    assert [p for p in leftovers if p.exists()] == []
    assert all((docs / f"f{n}" / f"link{n}").is_symlink() for n in range(6))


def test_a_data_file_deleted_by_hand_is_not_removed_again(docs: Path) -> None:
    write_pages(docs, {"index.md": generated(), "data/relations.csv": "a,b\n"})
    (docs / "data" / "relations.csv").unlink()
    report = write_pages(docs, {"index.md": generated()})
    assert (report.written, report.removed, report.unchanged) == ((), (), 1)
    assert json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["files"] == []


# The manifest ----------------------------------------------------------------------------------------------


def test_the_manifest_records_the_mark_the_data_files_the_stamp_and_each_pages_size_and_time(docs: Path) -> None:
    pages = {"index.md": generated(), "data/a.csv": "x\n", "data/excel/a.csv": "x\r\n", "people/jane.md": generated("J")}

    def expected(stamp: str) -> dict:
        state = {rel: [(docs / rel).stat().st_size, (docs / rel).stat().st_mtime_ns] for rel in sorted(pages)}
        return {"generated_by": MARKER, "files": ["data/a.csv", "data/excel/a.csv"], "stamp": stamp, "state": state}

    write_pages(docs, pages)
    assert json.loads((docs / MANIFEST).read_text(encoding="utf-8")) == expected("")
    write_pages(docs, pages, "inputs-1")
    assert json.loads((docs / MANIFEST).read_text(encoding="utf-8")) == expected("inputs-1")


# Writing safely --------------------------------------------------------------------------------------------


def test_writing_leaves_no_file_open(docs: Path) -> None:
    """`serve` writes again and again in one process: each page's file is closed once written."""
    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    write_pages(docs, {"warm-up.md": generated()})
    before = open_files()
    write_pages(docs, {f"p{n}.md": generated(str(n)) for n in range(20)})
    assert open_files() == before


def test_a_write_the_disk_refuses_raises_its_error_and_leaves_no_temporary_file(docs: Path) -> None:
    """A file bigger than the process may write (as a full disk would): the system's error, nothing half-written."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, hard))
    try:
        with pytest.raises(OSError) as raised:
            write_pages(docs, {"big.md": generated(body="x" * 200_000)})
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert raised.value.errno == errno.EFBIG
    assert os.listdir(docs) == []


def test_a_folder_named_like_a_temporary_file_does_not_stop_a_write(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Temporary files are never opened over something already there: the next name is taken instead."""
    monkeypatch.setattr(write, "_temporary_names", itertools.count())
    (docs / f".atlas-{os.getpid()}-0.tmp").mkdir()
    report = write_pages(docs, {"index.md": generated()})
    assert report.written == ("index.md",)
    assert (docs / "index.md").read_text(encoding="utf-8") == generated()
    assert sorted(os.listdir(docs)) == [f".atlas-{os.getpid()}-0.tmp", MANIFEST, "index.md"]


def test_a_second_run_while_one_holds_docs_names_the_holders_process(docs: Path) -> None:
    with exclusive(docs):
        with pytest.raises(OutputError) as raised:
            with exclusive(docs, wait=0.01):
                pass
    assert str(raised.value) == (f"another build is writing {docs}/ (pid {os.getpid()}); wait for it to finish, "
                                 "or stop it")


def test_an_input_that_cannot_be_read_gives_no_stamp(tmp_path: Path) -> None:
    """No stamp: the run takes the slow path, which reports what it must read (an article), or goes on
    without what it does not need (here a note beside the articles, which reading fails with an I/O error)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE / "seeds", seeds)
    assert input_stamp(FIXTURE / "facts.yml", seeds, Options()) != ""
    (seeds / "notes.md").symlink_to("/proc/self/mem")
    assert input_stamp(FIXTURE / "facts.yml", seeds, Options()) == ""


# Pages moved since the last run ----------------------------------------------------------------------------


def test_moved_since_lists_the_pages_touched_removed_or_never_recorded(docs: Path) -> None:
    pages = {name: generated(name) for name in ("a.md", "b.md", "c.md", "d.md")}
    (docs / "a.md").write_text(pages["a.md"], encoding="utf-8")
    assert moved_since(docs, ["a.md", "z.md"]) == {"a.md", "z.md"}, "no manifest yet: nothing is known"
    write_pages(docs, pages)
    assert moved_since(docs, pages) == set()
    (docs / "c.md").unlink()
    info = (docs / "b.md").stat()
    os.utime(docs / "b.md", ns=(info.st_atime_ns, info.st_mtime_ns + 1000))  # same size, another time
    assert moved_since(docs, ["c.md", "b.md", "a.md", "e.md", "d.md"]) == {"b.md", "c.md", "e.md"}


def test_a_manifest_whose_lists_are_damaged_is_ignored(docs: Path) -> None:
    """A manifest edited by hand into other shapes: its lists count as empty, as if there were none."""
    (docs / "index.md").write_text(generated(), encoding="utf-8")
    for damaged in ({"files": 3, "state": "index.md"}, ["data/a.csv"]):
        (docs / MANIFEST).write_text(json.dumps(damaged), encoding="utf-8")
        assert moved_since(docs, ["index.md"]) == {"index.md"}
        report = write_pages(docs, {"index.md": generated(), "data/b.csv": "x\n"})
        assert (report.written, report.removed, report.unchanged) == (("data/b.csv",), (), 1)
        (docs / "data" / "b.csv").unlink()


def test_pages_and_manifest_read_the_same_whatever_the_locale(docs: Path) -> None:
    """Under a locale whose encoding is ASCII (as a machine set to another encoding than UTF-8 would be), pages
    with accents are still the generator's, and a manifest with an accent edited in is still read."""
    import locale

    page = generated("Café", "Écrit par le générateur.\n")
    write_pages(docs, {"café.md": page, "data/cafés.csv": "nom\n"})
    manifest = docs / MANIFEST
    edited = {**json.loads(manifest.read_text(encoding="utf-8")), "note": "édité à la main"}
    manifest.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        report = write_pages(docs, {"café.md": page.replace("Écrit", "Rédigé"), "data/cafés.csv": "nom,ville\n"})
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)
    assert report.written == ("café.md", "data/cafés.csv")
    assert json.loads(manifest.read_text(encoding="utf-8"))["files"] == ["data/cafés.csv"]


def test_removing_the_last_page_keeps_docs_itself(docs: Path) -> None:
    """docs/ may be a mount point or have a mode of its own: emptied folders go, up to docs/ but not docs/."""
    (docs / "people").mkdir()
    (docs / "people" / "jane.md").write_text(generated("Jane"), encoding="utf-8")
    docs.chmod(0o750)
    inode = docs.stat().st_ino
    report = write_pages(docs, {})
    assert report.removed == ("people/jane.md",)
    assert docs.stat().st_ino == inode and docs.stat().st_mode & 0o777 == 0o750
    assert sorted(os.listdir(docs)) == [MANIFEST]


# The runs `serve` repeats (pipeline.Generator) -------------------------------------------------------------


@pytest.fixture(scope=shared)
def served(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """Three runs of one Generator as `serve` makes them (no line numbers): the first; after an edit to one
    summary and a hand edit to another entity's page; with nothing changed. Then a build without line numbers
    (a new Generator, as `serve` started again), the first Generator again after the site's address changed in
    mkdocs.yml, and a `build` (with line numbers). Recorded: each run's report, the entity pages
    it rendered, the manifest and the pages it left."""
    project = tmp_path_factory.mktemp("served")
    shutil.copy(FIXTURE / "facts.yml", project / "facts.yml")
    shutil.copytree(FIXTURE / "seeds", project / "seeds")
    (project / "mkdocs.yml").write_text("site_url: https://atlas.example/g60/\n", encoding="utf-8")
    facts, docs = project / "facts.yml", project / "docs"
    seen = SimpleNamespace(docs=docs, reports=[], rendered=[], manifests=[], pages=[], stamps=[])
    real = entity.unit_pages

    def spy(env: Any, atlas: Any, unit: str, options: Options) -> dict[str, str]:
        seen.rendered[-1].append(unit)
        return real(env, atlas, unit, options)

    def run(edit_lines: bool = False, url: str = "https://atlas.example/g60/") -> None:
        seen.rendered.append([])
        seen.reports.append(generator.run())
        seen.manifests.append(json.loads((docs / MANIFEST).read_text(encoding="utf-8")))
        seen.pages.append({str(p.relative_to(docs)): (p.read_text(encoding="utf-8"), p.stat().st_size, p.stat().st_mtime_ns)
                           for p in sorted(docs.rglob("*")) if p.is_file() and p.name not in (MANIFEST, write.LOCK)})
        seen.stamps.append(input_stamp(facts, project / "seeds", Options(url, edit_lines)))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(entity, "unit_pages", spy)
        serving = generator = Generator(facts, project / "seeds", docs, edit_lines=False)
        run()
        summary = "A fixture institute that trains engineers."
        facts.write_text(facts.read_text(encoding="utf-8").replace(summary, "A fixture institute that trains many."),
                         encoding="utf-8")
        page = docs / "people" / "jane-doe.md"
        page.write_text(page.read_text(encoding="utf-8").replace("Jane Doe", "Someone Else"), encoding="utf-8")
        run()
        run()
        generator = SimpleNamespace(run=lambda: build_pages(facts, project / "seeds", docs, edit_lines=False))
        run()
        (project / "mkdocs.yml").write_text("site_url: https://moved.example/\n", encoding="utf-8")
        generator = serving
        run(url="https://moved.example/")
        generator = SimpleNamespace(run=lambda: build_pages(facts, project / "seeds", docs))
        run(edit_lines=True, url="https://moved.example/")
    return seen


def test_a_first_run_writes_every_page_with_the_sites_address_and_no_line_numbers(served: SimpleNamespace) -> None:
    first = served.reports[0]
    pages = served.pages[0]
    assert (sorted(first.written), first.removed, first.unchanged) == (sorted(pages), (), 0)
    assert '"url":"https://atlas.example/g60/people/jane-doe/"' in pages["people/jane-doe.md"][0]
    assert not [path for path, (text, _, _) in pages.items() if "\nedit_line:" in text]


def test_a_later_run_renders_only_what_the_edit_changed_and_restores_a_page_edited_by_hand(
        served: SimpleNamespace) -> None:
    second, pages = served.reports[1], served.pages[1]
    assert served.rendered[0] == sorted(served.rendered[0]) and len(served.rendered[0]) > 2
    # the institute's page and the page edited by hand; River City's profile reads the institute's entry too
    assert sorted(served.rendered[1]) == ["institute-of-testing", "jane-doe", "river-city"]
    assert sorted(second.written) == ["data/atlas.json", "data/entities.csv", "data/excel/entities.csv",
                                      "institutions/index.md", "institutions/institute-of-testing.md",
                                      "people/jane-doe.md"]
    assert (second.removed, second.unchanged) == ((), len(pages) - len(second.written))
    assert pages["people/jane-doe.md"][0] == served.pages[0]["people/jane-doe.md"][0]
    assert "trains many." in pages["institutions/institute-of-testing.md"][0]


def test_a_run_with_nothing_changed_renders_and_writes_nothing(served: SimpleNamespace) -> None:
    third = served.reports[2]
    assert (third.written, third.removed, third.unchanged) == ((), (), len(served.pages[2]))
    assert served.rendered[2] == [] and served.pages[2] == served.pages[1]


def test_a_new_run_on_pages_up_to_date_renders_and_writes_nothing(served: SimpleNamespace) -> None:
    fourth = served.reports[3]
    assert (fourth.written, fourth.removed, fourth.unchanged) == ((), (), len(served.pages[3]))
    assert served.rendered[3] == [] and served.pages[3] == served.pages[2]


def test_a_run_after_the_sites_address_changed_rewrites_every_profile(served: SimpleNamespace) -> None:
    fifth, pages = served.reports[4], served.pages[4]
    moved = sorted(path for path, (text, _, _) in pages.items() if '"url":"https://moved.example/' in text)
    assert sorted(served.rendered[4]) == sorted(served.rendered[0])
    assert "people/jane-doe.md" in moved and sorted(fifth.written) == moved
    assert not [path for path, (text, _, _) in pages.items() if "https://atlas.example/" in text]


def test_a_build_after_serve_rewrites_the_profiles_with_their_line_numbers(served: SimpleNamespace) -> None:
    sixth, pages = served.reports[5], served.pages[5]
    with_lines = sorted(path for path, (text, _, _) in pages.items() if "\nedit_line: " in text)
    assert sorted(served.rendered[5]) == sorted(served.rendered[0])
    assert with_lines and sorted(sixth.written) == with_lines
    assert (sixth.removed, sixth.unchanged) == ((), len(pages) - len(with_lines))


def test_each_run_records_its_stamp_and_every_pages_size_and_time(served: SimpleNamespace) -> None:
    for manifest, pages, stamp in zip(served.manifests, served.pages, served.stamps):
        assert manifest["stamp"] == stamp
        assert manifest["state"] == {path: [size, mtime] for path, (_, size, mtime) in pages.items()}
    assert len(set(served.stamps)) == 4 and served.stamps[1] == served.stamps[2] == served.stamps[3]
