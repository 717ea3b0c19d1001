"""Publish anywhere (issue 16): the site's address and its edit links come from where it is deployed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from conftest import ROOT, copy_site_skeleton
from generator.cli import cli
from sitecheck import generate_site, parse

SITE_URL = "https://example.org/deep/path/"
REPO_URL = "https://github.com/example/fork"
OLD = ("g60-atlas.github.io", "github.com/g60-atlas")


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real atlas built as a fork publishing it at another address would build it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE_URL)
        patch.setenv("REPO_URL", REPO_URL)
        patch.setenv("REPO_BRANCH", "trunk")
        project = copy_site_skeleton(tmp_path_factory.mktemp("moved"))
        return generate_site(project, ROOT / "facts.yml", ROOT / "seeds")


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.site
def test_every_absolute_link_resolves_inside_the_site_under_its_path(moved_site: Path) -> None:
    base = urlsplit(SITE_URL).path
    checked, broken = 0, []
    for page in pages(moved_site):
        html = page.read_text(encoding="utf-8")
        refs = re.findall(r'(?:href|src|content)="([^"]+)"', html)
        for ref in refs:
            parts = urlsplit(ref)
            if parts.netloc and parts.netloc != urlsplit(SITE_URL).netloc:
                continue  # another site's address (the repository, a publisher)
            if not parts.path.startswith("/"):
                continue  # relative: checked by test_site's link check
            checked += 1
            if not parts.path.startswith(base):
                broken.append(f"{page.relative_to(moved_site)}: {ref} (outside {base})")
                continue
            target = moved_site / unquote(parts.path[len(base):])
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(moved_site)}: {ref} (no file)")
    assert broken == []
    assert checked > 100
    not_found = (moved_site / "404.html").read_text(encoding="utf-8")
    assert f'href="{base}assets/' in not_found or f'src="{base}assets/' in not_found


@pytest.mark.site
def test_the_old_address_appears_nowhere(moved_site: Path) -> None:
    for path in moved_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js", ".csv", ".yml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(old in text for old in OLD), path.relative_to(moved_site)


@pytest.mark.site
def test_canonical_sitemap_open_graph_and_json_ld_use_the_new_address(moved_site: Path) -> None:
    page = moved_site / "companies" / "iflytek" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}companies/iflytek/">' in html
    assert f'<meta property="og:url" content="{SITE_URL}companies/iflytek/">' in html
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["url"] == f"{SITE_URL}companies/iflytek/" and ld["about"]["@id"].startswith(SITE_URL)
    assert all(c["url"].startswith(SITE_URL) for c in ld["citation"])
    locs = re.findall(r"<loc>([^<]+)</loc>", (moved_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(locs) > 150 and all(loc.startswith(SITE_URL) for loc in locs)


@pytest.mark.site
def test_edit_links_open_the_fork_on_its_branch(moved_site: Path) -> None:
    edits = [href for page in pages(moved_site) for href, css in parse(page).links if "atlas-edit" in css]
    assert len(edits) > 100
    assert all(href.startswith(f"{REPO_URL}/blob/trunk/") for href in edits), edits[:3]
    assert f"{REPO_URL}/blob/trunk/facts.yml#L" in " ".join(edits)
    assert any(re.search(r"/blob/trunk/seeds/[a-z0-9-]+\.txt$", href) for href in edits)


def test_the_site_address_is_an_input_of_the_pages(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build at another address rewrites the pages that print it (structured data), though no file changed."""
    assert CliRunner().invoke(cli, ["build"]).exit_code == 0
    monkeypatch.setenv("SITE_URL", SITE_URL)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0 and not result.output.startswith("ok: 0 pages written"), result.output
    page = (project / "docs" / "companies" / "acme-robotics.md").read_text(encoding="utf-8")
    assert f"{SITE_URL}companies/acme-robotics/" in page and OLD[0] not in page
