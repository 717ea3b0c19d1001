"""How many of each article's figures `coverage` sees and lists: `python tools/coverage_figures.py`.

"Read" counts every number and date numbers.py reads in the article's lines (page chrome included);
"seen" those that a figure `coverage` considers overlaps (chrome lines are skipped on purpose);
"listed" the figures it reports as uncovered before the allow-list.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build.numbers import dates_in, quantities  # noqa: E402
from generator.build.pipeline import load_atlas  # noqa: E402
from generator.editor import coverage as cov  # noqa: E402
from generator.editor.chrome import is_chrome  # noqa: E402


def main() -> None:
    """Print one line per article and a total."""
    atlas = load_atlas(Path("facts.yml"), Path("seeds"))
    names = cov._name_pattern(atlas)
    totals = [0, 0, 0]
    for sid, source in sorted(atlas.sources.items()):
        read = seen = 0
        for line in source.text.split("\n"):
            spans = [] if is_chrome(line, source.byline) else [
                (c[2], c[3]) for c in cov._candidates(line, names) if c[0] == "figure"]
            found = [(q.start, q.end) for q in quantities(line)]
            found += [(d.start, d.start + len(d.text)) for d in dates_in(line)
                      if not any(a < d.start + len(d.text) and d.start < b for a, b in found)]
            read += len(found)
            seen += sum(1 for s, e in found if any(a < e and s < b for a, b in spans))
        listed = len({(g.text, g.line) for g in cov.find_gaps(atlas, source) if g.kind == "figure"})
        print(f"{sid}: {read} figures read, {seen} seen by coverage, {listed} listed as uncovered")
        totals = [totals[0] + read, totals[1] + seen, totals[2] + listed]
    print(f"total: {totals[0]} read, {totals[1]} seen ({100 * totals[1] // max(totals[0], 1)}%), {totals[2]} listed")


if __name__ == "__main__":
    main()
