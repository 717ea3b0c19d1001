"""`python -m bench.draft`: how much of what editors wrote `draft` finds again (issue 14).

For each article in seeds/, its statements (and its citations in statements other articles also give)
are removed from a copy of facts.yml; `draft` reads the article against that copy, and each drafted
statement is compared with the removed ones. A removed statement is recovered when a drafted one has the
same value (scale included; none for an event), the same unit and a quote overlapping the original's;
recovered ones are also scored on entity and metric. Precision is drafted statements matching a removed
one over all drafted; 'plausible' counts unmatched drafted figures that no quote of the original file
covers (the atlas never had them: new facts, or page chrome left out on purpose).
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.build.pipeline import load_unchecked
from generator.editor.draft import Drafted, draft

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Removed:
    """One statement (or citation) of the article, as the editors wrote it."""

    entity: str
    metric: str
    value: float | None
    unit: str
    quote: str


@dataclass
class Score:
    """Counts for one article (or the total)."""

    removed: int = 0
    recovered: int = 0
    right: int = 0
    drafted: int = 0
    matched: int = 0
    plausible: int = 0

    def add(self, other: "Score") -> None:
        for key in vars(self):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def row(self, name: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:.0f}%" if b else "-"
        return (f"| {name} | {self.removed} | {self.recovered} ({pct(self.recovered, self.removed)}) | "
                f"{self.right} ({pct(self.right, self.recovered)}) | {self.drafted} | "
                f"{self.matched} ({pct(self.matched, self.drafted)}) | {self.plausible} |")


def strip_article(facts: dict, article: str) -> list[Removed]:
    """Remove the article's statements and citations from a parsed fact file; return what was removed."""
    units = {k: m.get("unit", "") for k, m in facts["metrics"].items()}
    removed = []
    for entity in facts["entities"]:
        kept = []
        for st in entity.get("statements", []):
            mine = [c for c in st["sources"] if c["source"] == article]
            removed += [Removed(entity["id"], st["metric"], st.get("value"), st.get("unit") or units[st["metric"]],
                                c["quote"]) for c in mine]
            st["sources"] = [c for c in st["sources"] if c["source"] != article]
            if st["sources"]:
                kept.append(st)
        if "statements" in entity:
            entity["statements"] = kept
            if not kept:
                del entity["statements"]
    return removed


def _span(text: str, quote: str) -> tuple[int, int]:
    at = text.find(quote)
    return (at, at + len(quote)) if at >= 0 else (-1, -1)


def _same_figure(d: Drafted, unit: str, r: Removed, text: str) -> bool:
    if (d.value is None) != (r.value is None):
        return False
    if d.value is not None and (abs(float(d.value) - float(r.value or 0)) > 1e-9 * max(1.0, abs(d.value))
                                or unit != r.unit):
        return False
    a, b = _span(text, d.quote)
    c, e = _span(text, r.quote)
    return a >= 0 and c >= 0 and a < e and c < b


def score(article: str, original: dict, seeds: Path, events: bool, notes: list[str] | None = None) -> Score:
    """Draft one article against the fact file without it; compare with what was removed. With `notes`,
    append a line for each removed statement not recovered and each drafted one matching none."""
    facts = yaml.safe_load(yaml.safe_dump(original))
    kinds = {k: m["kind"] for k, m in facts["metrics"].items()}
    wanted = "event" if events else "quantity"
    removed = [r for r in strip_article(facts, article) if kinds[r.metric] == wanted]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "facts.yml"
        path.write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
        atlas, _ = load_unchecked(path, seeds)
    source = atlas.sources[article]
    result = draft(atlas, source)
    drafted = [d for d in result.statements if (d.value is None) == events]
    unit_of = {**{k: m.unit for k, m in atlas.metrics.items()}, **{k: m.unit for k, m in result.metrics.items()}}
    covered = [_span(source.text, c["quote"]) for e in original["entities"] for st in e.get("statements", [])
               for c in st["sources"] if c["source"] == article]
    out = Score(removed=len(removed), drafted=len(drafted))
    for r in removed:
        hits = [d for d in drafted if _same_figure(d, d.unit or unit_of.get(d.metric, ""), r, source.text)]
        out.recovered += bool(hits)
        right = any(d.entity == r.entity and d.metric == r.metric for d in hits)
        out.right += right
        if notes is not None and not hits:
            notes.append(f"- missed {r.entity} {r.metric} {r.value if r.value is not None else ''}: {r.quote!r}")
        elif notes is not None and not right:
            d = hits[0]
            notes.append(f"- wrong {d.entity} {d.metric} (want {r.entity} {r.metric}): {r.quote!r}")
    for d in drafted:
        if any(_same_figure(d, d.unit or unit_of.get(d.metric, ""), r, source.text) for r in removed):
            out.matched += 1
        else:
            plausible = not any(a <= d.start - 0 < b for a, b in covered)
            out.plausible += plausible
            if notes is not None:
                notes.append(f"- unmatched{' (plausible)' if plausible else ''} {d.entity} {d.metric} "
                             f"{d.value if d.value is not None else ''} {d.date} {d.date_basis}: {d.quote!r}")
    return out


def run(root: Path = ROOT, verbose: bool = False) -> str:
    """The table, per article and in total, for figures and for events."""
    original = yaml.safe_load((root / "facts.yml").read_text(encoding="utf-8"))
    seeds = root / "seeds"
    lines = []
    both = Score()
    for events in (False, True):
        what = "events (dates as the fact)" if events else "figures (quantities)"
        lines += ["", f"### {what}", "",
                  "| article | removed | recovered (value, unit, quote) | right entity + metric | drafted | "
                  "precision (matched) | unmatched, plausible |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        total = Score()
        notes: list[str] = []
        for path in sorted(seeds.glob("*.txt")):
            mine: list[str] | None = [] if verbose else None
            one = score(path.stem, original, seeds, events, mine)
            total.add(one)
            lines.append(one.row(path.stem))
            if mine:
                notes += ["", f"{path.stem}:", *mine]
        lines.append(total.row("**total**"))
        both.add(total)
        lines += notes
    lines += ["", "### all statements", "",
              "| | removed | recovered (value, unit, quote) | right entity + metric | drafted | "
              "precision (matched) | unmatched, plausible |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
              both.row("**figures and events**")]
    return "\n".join(lines).strip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.draft", description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list each removed statement missed (or given the wrong entity or metric) and each "
                             "drafted one matching none")
    args = parser.parse_args()
    print(run(verbose=args.verbose))


if __name__ == "__main__":
    main()
