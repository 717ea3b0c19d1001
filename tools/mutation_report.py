"""Write mutmut's results into TESTING.md: the score of every mutated module, the equivalent mutants
and the survivors (`make mutation`). Exits 1 when a module of the build is under its target.

A mutant is killed when a fast test fails on it (or it runs out of time). Equivalent mutants, listed
with their reason in tests/equivalent-mutants.yml, behave exactly like the original and leave the count;
a mutant no test reaches counts as a survivor.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "TESTING.md"
EQUIVALENT = ROOT / "tests" / "equivalent-mutants.yml"
START, END = "<!-- mutation-report: start -->", "<!-- mutation-report: end -->"
TARGET = 90.0
KILLED = {"killed", "timeout", "caught by type check"}


@dataclass
class ModuleScore:
    """The mutants of one module, by what became of them."""

    module: str
    statuses: Counter[str] = field(default_factory=Counter)
    survivors: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)

    @property
    def counted(self) -> int:
        """Mutants that count: all but the equivalent ones and those mutmut skipped."""
        return sum(self.statuses.values()) - len(self.equivalent) - self.statuses["skipped"]

    @property
    def killed(self) -> int:
        return sum(self.statuses[status] for status in KILLED)

    @property
    def score(self) -> float:
        return 100.0 if self.counted == 0 else 100.0 * self.killed / self.counted


def module_of(meta: Path, mutants: Path) -> str:
    """generator/build/dates.py.meta → generator.build.dates"""
    return meta.relative_to(mutants).as_posix().removesuffix(".py.meta").replace("/", ".")


def read_results(mutants: Path, equivalent: dict[str, str]) -> list[ModuleScore]:
    """Every module mutmut mutated, with its mutants' outcomes, from mutants/**/*.meta."""
    scores = []
    for meta in sorted(mutants.rglob("*.py.meta")):
        score = ModuleScore(module_of(meta, mutants))
        for name, exit_code in sorted(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items()):
            status = status_by_exit_code[exit_code]
            score.statuses[status] += 1
            if status in KILLED or status == "skipped":
                continue
            (score.equivalent if name in equivalent else score.survivors).append(name)
        if score.statuses:
            scores.append(score)
    return scores


def mutant_diff(name: str) -> str:
    """The changed lines of one mutant, as `mutmut show` prints them."""
    shown = subprocess.run([str(Path(sys.executable).with_name("mutmut")), "show", name], cwd=ROOT,
                           capture_output=True, text=True, timeout=120).stdout
    changed = [line for line in shown.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return " / ".join(re.sub(r"\s+", " ", line).strip() for line in changed) or "(diff not available)"


def report(scores: list[ModuleScore], equivalent: dict[str, str], build_modules: list[str], commit: str) -> str:
    """The generated section of TESTING.md."""
    total = sum(s.counted for s in scores)
    killed = sum(s.killed for s in scores)
    lines = [START, "", f"Run on commit `{commit}`: **{killed} of {total}** mutants killed "
             f"({100.0 * killed / max(total, 1):.1f}%), {sum(len(s.equivalent) for s in scores)} equivalent "
             f"and left out. Target: {TARGET:.0f}% in every module of the build.", "",
             "| Module | Mutants | Killed | Equivalent | Survived | Score |", "|---|--:|--:|--:|--:|--:|"]
    for s in scores:
        mark = "" if s.score >= TARGET or s.module not in build_modules else " (under target)"
        lines.append(f"| `{s.module}` | {sum(s.statuses.values())} | {s.killed} | {len(s.equivalent)} | "
                     f"{len(s.survivors)} | {s.score:.1f}%{mark} |")
    lines += ["", "### Equivalent mutants", "",
              "Each behaves exactly like the original code, so no test can tell them apart "
              "(`tests/equivalent-mutants.yml`).", ""]
    listed = [(name, s) for s in scores for name in s.equivalent]
    lines += [f"- `{name}`: {equivalent[name]}  \n  `{mutant_diff(name)}`" for name, _ in listed] or ["None."]
    stale = sorted(set(equivalent) - {name for name, _ in listed})
    if stale:
        lines += ["", "Listed as equivalent but killed or gone (remove them from the list): "
                  + ", ".join(f"`{name}`" for name in stale) + "."]
    survivors = [name for s in scores for name in s.survivors]
    lines += ["", "### Surviving mutants", ""]
    lines += [f"- `{name}`: `{mutant_diff(name)}`" for name in survivors] or ["None."]
    return "\n".join(lines + ["", END])


def main() -> int:
    equivalent = {str(k): str(v) for k, v in (yaml.safe_load(EQUIVALENT.read_text(encoding="utf-8")) or {}).items()}
    scores = read_results(ROOT / "mutants", equivalent)
    if not scores:
        print("no mutmut results in mutants/: run `make mutation`", file=sys.stderr)
        return 1
    build_modules = [s.module for s in scores if s.module.startswith("generator.build.")]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    text = REPORT.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    REPORT.write_text(before + report(scores, equivalent, build_modules, commit) + after, encoding="utf-8")
    under = [f"{s.module} {s.score:.1f}%" for s in scores if s.module in build_modules and s.score < TARGET]
    print(f"TESTING.md: {len(scores)} modules; under {TARGET:.0f}%: {', '.join(under) or 'none'}")
    return 1 if under else 0


if __name__ == "__main__":
    sys.exit(main())
