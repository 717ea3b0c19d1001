"""Shared fixtures: a copy of the fixture project in a temporary folder, and golden-file updating."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixture"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture's facts.yml, seeds/ and an empty docs/ with the site's assets, as the working directory."""
    shutil.copy(FIXTURE / "facts.yml", tmp_path / "facts.yml")
    shutil.copytree(FIXTURE / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real atlas (facts.yml, seeds/, docs/, mkdocs.yml) generated and built in a temporary folder."""
    from sitecheck import generate_site

    project = tmp_path_factory.mktemp("real")
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=_generated_only)
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", project / "overrides")
    return generate_site(project, ROOT / "facts.yml", ROOT / "seeds")


def _generated_only(folder: str, names: list[str]) -> list[str]:
    """Leave out pages a local build generated; the test generates its own."""
    from generator.write import is_generated

    return [n for n in names if n.endswith(".md") and is_generated(Path(folder) / n)]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below a folder with its bytes and modification time, to prove nothing changed."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}
