"""Run every measurement for each size, print the table and write it to a Markdown file."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path

from bench.preview import save_to_served
from bench.search import first_result_bytes, queries_for
from bench.sitesize import PageSizes, html_sizes
from bench.synth import edit_one, measure, write_corpus
from generator.build.pipeline import load_atlas
from generator.build.write import is_generated

ROOT = Path(__file__).resolve().parent.parent
ROWS = ("entities", "pages generated",
        "generator from cold: s", "generator from cold: pages/s", "generator peak memory: MB",
        "nothing changed: s", "nothing changed: files written", "one entity edited: s", "one entity edited: files written",
        "edit loop, save to served page (serve): s", "edit loop, its generator part (serve): s",
        "edit loop, its MkDocs part, changed pages only (serve): s", "edit loop, mkdocs build --dirty after the generator: s",
        "edit loop, Zensical cached rebuild after the generator: s",
        "mkdocs build: s", "plain pages, mkdocs build: s", "mkdocs build vs plain pages", "mkdocs peak memory: MB",
        "Zensical build from cold: s",
        "HTML per page, mean: KB", "largest page: KB", "pages over 200 KB", "search, first result: KB")


@dataclass
class Result:
    """The figures for one atlas, by row name."""

    label: str
    values: dict[str, str]
    notes: list[str]


def _worker(*args: str, env: dict[str, str]) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-m", "bench.worker", *args], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"bench.worker {' '.join(args)} failed:\n{out.stdout}{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _project(folder: Path) -> Path:
    """mkdocs.yml, overrides/ and the hand-written files of docs/, as the real site has them."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder)
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", folder / "overrides")
    shutil.copytree(ROOT / "docs", folder / "docs",
                    ignore=lambda d, names: [n for n in names if n.endswith(".md") and is_generated(Path(d) / n)]
                    + [n for n in names if Path(d, n).is_file() and d == str(ROOT / "docs" / "data")])
    return folder


def _control(folder: Path, docs: Path) -> Path:
    """Plain pages: as many as the atlas's, of the same mean Markdown size; Material, no extensions."""
    pages = [p for p in docs.rglob("*.md")]
    mean = sum(p.stat().st_size for p in pages) // len(pages)
    paragraph = ("The corridor links nine cities along the expressway, and its companies report figures "
                 "every year. ") * 3
    (folder / "docs").mkdir(parents=True)
    # Like the atlas, a short explicit nav: MkDocs' automatic nav would list every page on every page.
    (folder / "mkdocs.yml").write_text("site_name: Plain pages\ntheme:\n  name: material\nnav:\n  - page-00000.md\n"
                                       "validation:\n  nav:\n    omitted_files: ignore\n", encoding="utf-8")
    for i in range(len(pages)):
        text = f"# Page {i}\n\n"
        while len(text) < mean:
            text += f"## Section {len(text)}\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n\n"
        (folder / "docs" / f"page-{i:05d}.md").write_text(text, encoding="utf-8")
    return folder


def measure_size(n: int, work: Path, pagefind: bool) -> Result:
    """Every figure for a synthetic atlas of n entities."""
    real = load_atlas(ROOT / "facts.yml", ROOT / "seeds")
    facts = write_corpus(real, n, work / "input")
    return measure_corpus(f"N = {n:,}", facts, work / "input" / "seeds", work, pagefind)


def measure_real(work: Path, pagefind: bool) -> Result:
    """Every figure for the real atlas (a copy of its fact file, which the edit changes)."""
    (work / "input").mkdir(parents=True)
    shutil.copy(ROOT / "facts.yml", work / "input" / "facts.yml")
    return measure_corpus("real site", work / "input" / "facts.yml", ROOT / "seeds", work, pagefind)


def measure_corpus(label: str, facts: Path, seeds: Path, work: Path, pagefind: bool) -> Result:
    """Every figure for one atlas: the generator's runs, the edit loop's routes, MkDocs and Zensical."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    project = _project(work / "atlas")
    docs = project / "docs"
    cold = _worker("build", str(facts), str(seeds), str(docs), env=env)
    pages = len(cold["written"])
    noop = _worker("build", str(facts), str(seeds), str(docs), env=env)
    atlas = load_atlas(facts, seeds)
    n = len(atlas.entities)
    target = max(atlas.entities.values(), key=lambda e: (len(atlas.incoming.get(e.id, ())), e.id))
    built = _worker("mkdocs", str(project), env=env)
    sizes: PageSizes = html_sizes(project / "site")
    search = f"{search_bytes(project / 'site') / 1000:,.0f}" if pagefind else "not run"
    zensical = _worker("zensical", str(project), env=env)
    edit_one(facts, target, "Edited by the benchmark, once.")
    edited = _worker("build", str(facts), str(seeds), str(docs), env=env)
    dirty = _worker("mkdocs-dirty", str(project), env=env)
    edit_one(facts, target, "Edited by the benchmark, twice.")
    _worker("build", str(facts), str(seeds), str(docs), env=env)
    zensical_again = _worker("zensical", str(project), env=env)
    plain = _worker("mkdocs", str(_control(work / "plain", docs)), env=env)
    served = save_to_served(project, facts, seeds, target, "Edited in the preview by the benchmark.")
    v = {
        "entities": f"{n:,}", "pages generated": f"{pages:,}",
        "generator from cold: s": f"{cold['seconds']:.2f}",
        "generator from cold: pages/s": f"{pages / cold['seconds']:,.0f}",
        "generator peak memory: MB": f"{max(cold['peak_mb'], noop['peak_mb'], edited['peak_mb']):,.0f}",
        "nothing changed: s": f"{noop['seconds']:.2f}", "nothing changed: files written": str(len(noop["written"])),
        "one entity edited: s": f"{edited['seconds']:.2f}",
        "one entity edited: files written": str(len(edited["written"])),
        "edit loop, save to served page (serve): s": f"{served['save_to_page']:.1f}",
        "edit loop, its generator part (serve): s": f"{served['generator']:.1f}",
        "edit loop, its MkDocs part, changed pages only (serve): s": f"{served['mkdocs']:.1f}",
        "edit loop, mkdocs build --dirty after the generator: s": f"{edited['seconds'] + dirty['seconds']:.1f}",
        "edit loop, Zensical cached rebuild after the generator: s":
            f"{edited['seconds'] + zensical_again['seconds']:.1f}",
        "mkdocs build: s": f"{built['seconds']:.1f}", "plain pages, mkdocs build: s": f"{plain['seconds']:.1f}",
        "mkdocs build vs plain pages": f"{built['seconds'] / plain['seconds']:.2f}x",
        "mkdocs peak memory: MB": f"{built['peak_mb']:,.0f}",
        "Zensical build from cold: s": f"{zensical['seconds']:.1f}",
        "HTML per page, mean: KB": f"{sizes.mean / 1000:.1f}", "largest page: KB": f"{sizes.largest / 1000:.1f}",
        "pages over 200 KB": str(sizes.over_200k), "search, first result: KB": search,
    }
    notes = [f"{label}: the edited entity is '{target.id}' ({len(atlas.incoming.get(target.id, ()))} links to it); "
             f"files rewritten by the generator: {', '.join(edited['written'])}; the preview started in "
             f"{served['start']:.0f} s (generator, MkDocs and Pagefind from nothing)",
             f"{label}: largest page is {sizes.largest_page}"]
    return Result(label, v, notes)


def search_bytes(site: Path) -> int:
    """Index a built site for search, then measure its first result in Chromium (bench/search.py)."""
    from generator.build.searchindex import index_site

    index_site(site)
    return first_result_bytes(site, queries_for(site))


def machine() -> str:
    """One line about where the figures were measured."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    ram = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    libs = ", ".join(f"{name} {version(name)}" for name in
                     ("mkdocs", "mkdocs-material", "Jinja2", "PyYAML", "jsonschema", "pagefind", "zensical"))
    return (f"{date.today().isoformat()}; {os.cpu_count()} cores ({cpu}), {ram} GB RAM; "
            f"Python {platform.python_version()}; {libs}")


def table(results: list[Result]) -> str:
    """The figures as a Markdown table, one column per atlas."""
    head = "| Measure | " + " | ".join(r.label for r in results) + " |"
    rule = "| --- | " + " | ".join("---:" for _ in results) + " |"
    return "\n".join([head, rule] + [f"| {row} | " + " | ".join(r.values[row] for r in results) + " |"
                                     for row in ROWS])


def run(sizes: list[int], out: Path, pagefind: bool = True) -> str:
    """Measure every size and the real site in a temporary folder; write and return the report."""
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        results = [measure_size(n, Path(tmp) / str(n), pagefind) for n in sizes]
        results.append(measure_real(Path(tmp) / "real", pagefind))
    proportions = measure(load_atlas(ROOT / "facts.yml", ROOT / "seeds"))
    report = "\n".join([
        "<!-- Written by `.venv/bin/python -m bench`; the figures above the notes are replaced on each run. -->",
        "", "# Benchmarks", "", f"Measured {machine()}.", "", table(results), "",
        "Synthetic corpus in the real data's proportions: "
        f"{proportions.statements:.2f} statements and {proportions.relations:.2f} relations per entity, "
        f"one article per {proportions.entities_per_source:.0f} entities.", "",
        *[f"- {note}" for r in results for note in r.notes], ""])
    out.parent.mkdir(parents=True, exist_ok=True)
    notes_file = out.read_text(encoding="utf-8").split("<!-- notes -->", 1) if out.exists() else []
    out.write_text(report + ("\n<!-- notes -->" + notes_file[1] if len(notes_file) == 2 else ""), encoding="utf-8")
    return report
