"""Shared fixtures: a copy of the fixture project in a temporary folder, and golden-file updating."""

from __future__ import annotations

import difflib
import functools
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterator

import pytest
from hypothesis import settings
from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixture"

# `make test` sets ATLAS_THOROUGH=1: the property tests draw their full number of examples. A quick run
# (`pytest -m fast`, and each mutant `make mutation` tries) draws an eighth, so it stays under 15 s.
THOROUGH = os.environ.get("ATLAS_THOROUGH") == "1"


# No example database in the working folder; a quick run draws the same examples every time, so a mutant
# killed once is killed again.
settings.register_profile("atlas", database=None, derandomize=not THOROUGH)
settings.load_profile("atlas")


def examples(full: int) -> int:
    """How many examples a property test draws: `full` in a thorough run, an eighth (at least 5) otherwise."""
    return full if THOROUGH else max(5, full // 8)


BROWSER_FIXTURES = {"page", "browser", "view_page", "real_url", "fixture_url", "site_url"}
SITE_FIXTURES = {"real_site", "fixture_site", "twin_sites", "real_pages"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test fast, site, browser or slow: by its own marker, else by the fixtures it uses."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        names = set(getattr(item, "fixturenames", ())) - set(params)  # a parameter named 'page' is no browser
        if item.get_closest_marker("browser") or names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        elif item.get_closest_marker("site") or names & SITE_FIXTURES:
            item.add_marker(pytest.mark.site)
        elif not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.fast)


def pytest_configure(config: pytest.Config) -> None:
    """Every temporary file of the run (pytest's, MkDocs', Chromium's, the tools') goes in one folder,
    removed at the end, so nothing outlives the run even when a test fails."""
    base = _memory_folder()
    _sweep_folders_of_killed_runs(Path(base or tempfile.gettempdir()))
    folder = Path(tempfile.mkdtemp(prefix=f"atlas-tests-{os.getpid()}-", dir=base))
    config.stash[_TEMP] = folder
    config.stash[_BEFORE] = (os.environ.get("TMPDIR"), tempfile.tempdir)
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = str(folder)


def shared(fixture_name: str, config: pytest.Config) -> str:
    """The scope of a fixture that several tests share: the module, except under mutmut, which links a test
    to the code it runs only when that code runs for it (a module's shared build would be linked to its
    first test alone, and the others would never be tried on a mutant of the build)."""
    return "function" if os.environ.get("MUTANT_UNDER_TEST") else "module"


@pytest.fixture(autouse=True)
def _forget_under_mutmut() -> None:
    """Under mutmut, every test starts with the generator's memory empty. Each mutant's run is forked from
    a process that ran the suite on the clean code, and a test served from a cache neither runs a mutant
    nor is recorded as reaching the cached code, so what earlier tests left would hide mutants."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        forget_what_the_generator_remembers()


# Caches of what no fact file or article changes (the templates, the JSON Schema, the base map): kept, as
# building them again for every test would double a mutation run's time.
_KEPT = frozenset({"environment", "_schema", "_validator", "_fast_parts", "load_basemap", "_cut_basemap",
                   "reserved_names"})


def forget_what_the_generator_remembers() -> None:
    """Empty the generator's in-process memory: every functools cache, and the module-level memos (a
    lowercase `_name` holding a dict, list or set is emptied; one holding a tuple is reset to None)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("generator."):
            continue
        for attribute, value in list(vars(module).items()):
            if attribute in _KEPT:
                continue
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
            elif attribute.startswith("_") and not attribute.startswith("__") and attribute.islower():
                if isinstance(value, (dict, list, set)):
                    value.clear()
                elif isinstance(value, tuple):
                    setattr(module, attribute, None)
    neardupes = sys.modules.get("generator.build.neardupes")
    if neardupes:
        neardupes._PAIRS.__init__()


def _sweep_folders_of_killed_runs(base: Path) -> None:
    """Remove the temporary folders of earlier runs whose process is gone: a run killed outright (a mutant
    out of time, Ctrl-C twice) cannot remove its own."""
    for folder in base.glob("atlas-tests-*-*"):
        pid = folder.name.split("-")[2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _memory_folder() -> str | None:
    """/dev/shm when it is there with room to spare: the tests write thousands of small pages, and memory
    takes them several times faster than a disk (CI containers give /dev/shm only 64 MB: then the usual
    temporary folder)."""
    shm = Path("/dev/shm")
    try:
        return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 2 * 1024**3 else None
    except OSError:
        return None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if a preview or a build left its temporary site folder behind."""
    folder = session.config.stash.get(_TEMP, None)
    left = sorted(p.name for p in folder.glob("**/mkdocs_*")) + sorted(p.name for p in folder.glob("**/atlas-preview-*")) \
        if folder else []
    if left:
        session.config.get_terminal_writer().line(f"temporary site folders left behind: {', '.join(left)}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_TEMP, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        environ, tempdir = config.stash[_BEFORE]  # a process that runs pytest again (mutmut) gets its own back
        if environ is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = environ
        tempfile.tempdir = tempdir


_TEMP = pytest.StashKey[Path]()
_BEFORE = pytest.StashKey[tuple]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def check_golden(golden: Path, actual: str, update: bool, write: Callable[[str], None] | None = None,
                 expected: str | None = None) -> None:
    """Compare output with its golden. With --update-goldens a differing golden is rewritten and the test
    fails, printing the diff: an update is never a pass, and the next run checks the new golden."""
    if expected is None:
        expected = golden.read_text(encoding="utf-8") if golden.exists() else ""
    if actual == expected:
        return
    if update:
        (write or (lambda text: golden.write_text(text, encoding="utf-8")))(actual)
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                            f"{golden.name} (before)", f"{golden.name} (now)"))
        pytest.fail(f"golden {golden} updated; review this diff, then run the tests again:\n{diff}", pytrace=False)
    assert actual == expected, f"output differs from {golden} (run with --update-goldens to review and accept)"


def copy_site_skeleton(target: Path) -> Path:
    """The site's hand-written parts (mkdocs.yml, overrides/, docs/ minus generated pages) into a folder."""
    for rel in _skeleton_files():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target / rel)
    return target


@functools.cache
def _skeleton_files() -> tuple[Path, ...]:
    """The hand-written files copy_site_skeleton copies, found once per run (a local build's pages left out)."""
    found = [Path("mkdocs.yml")]
    for top in ("overrides", "docs"):
        for folder, dirs, names in os.walk(ROOT / top):
            dirs[:] = sorted(set(dirs) - set(_generated_only(folder, dirs)))
            found += [Path(folder, name).relative_to(ROOT) for name in sorted(set(names) - set(_generated_only(folder, names)))]
    return tuple(found)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture's facts.yml and seeds/ with the site's hand-written parts, as the working directory."""
    shutil.copy(FIXTURE / "facts.yml", tmp_path / "facts.yml")
    shutil.copytree(FIXTURE / "seeds", tmp_path / "seeds")
    copy_site_skeleton(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real atlas (facts.yml, seeds/, docs/, mkdocs.yml) generated and built in a temporary folder."""
    from sitecheck import generate_site

    project = copy_site_skeleton(tmp_path_factory.mktemp("real"))
    return generate_site(project, ROOT / "facts.yml", ROOT / "seeds")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium; Playwright gives each launch a fresh, empty profile folder.

    Here rather than in test_browser.py so that every module shares it: Playwright's sync API runs
    one instance at a time.
    """
    from playwright.sync_api import sync_playwright

    from test_browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))  # type: ignore[attr-defined]
    yield page
    context.close()


def _generated_only(folder: str, names: list[str]) -> list[str]:
    """Leave out what a local build generated; each test generates its own."""
    from generator.build.write import LOCK, MANIFEST, is_generated, read_manifest

    docs = ROOT / "docs"
    owned = {str(docs / rel) for rel in read_manifest(docs)} | {str(docs / MANIFEST), str(docs / LOCK)}
    return [n for n in names if (n.endswith(".md") and is_generated(Path(folder) / n))
            or str(Path(folder) / n) in owned]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below a folder with its bytes and modification time, to prove nothing changed.

    The lock file docs/.atlas.lock is left out: every run, failed or not, records its process id there."""
    from generator.build.write import LOCK

    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK}
