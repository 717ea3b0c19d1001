"""Write mutmut's results into TESTING.md: the score of every mutated module, the equivalent mutants
and the survivors (`make mutation`). Exits 1 when a module of the build is under its target.

A mutant is killed when a fast test fails on it (or it runs out of time). Equivalent mutants, listed
with their reason in tests/equivalent-mutants.yml, behave exactly like the original and leave the count;
a mutant no test reaches counts as a survivor.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml
import libcst as cst
from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "TESTING.md"
EQUIVALENT = ROOT / "tests" / "equivalent-mutants.yml"
START, END = "<!-- mutation-report: start -->", "<!-- mutation-report: end -->"
TARGET = 90.0
KILLED = {"killed", "timeout", "caught by type check"}
NOT_RUN = {"not checked", "check was interrupted by user", "skipped"}


@dataclass
class ModuleScore:
    """The mutants of one module, by what became of them."""

    module: str
    statuses: Counter[str] = field(default_factory=Counter)
    survivors: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    untried: list[str] = field(default_factory=list)

    @property
    def counted(self) -> int:
        """Mutants that count: all tried but the equivalent ones."""
        return sum(self.statuses.values()) - len(self.equivalent) - self.not_run

    @property
    def not_run(self) -> int:
        """Mutants not tried yet (a run stopped early) or skipped."""
        return sum(self.statuses[status] for status in NOT_RUN)

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
            if status in NOT_RUN:
                score.untried.append(name)
            if status in KILLED or status in NOT_RUN:
                continue
            (score.equivalent if name in equivalent else score.survivors).append(name)
        if score.statuses:
            scores.append(score)
    return scores


def mutant_diff(name: str) -> str:
    """The changed lines of one mutant, as `mutmut show` prints them (read in this process: one
    `mutmut show` each took 80 s for the list)."""
    module = name.rpartition("__mutmut_")[0].rpartition(".")[0]
    path = Path(*module.split(".")).with_suffix(".py")
    try:
        shown = get_diff_for_mutant(name, path=path)
    except (OSError, ValueError, cst.ParserSyntaxError):
        shown = ""
    changed = [line for line in shown.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return " / ".join(re.sub(r"\s+", " ", line).strip() for line in changed) or "(diff not available)"


def report(scores: list[ModuleScore], equivalent: dict[str, str], build_modules: list[str], commit: str,
           diff: Callable[[str], str] = mutant_diff) -> str:
    """The generated section of TESTING.md; `diff` gives a mutant's changed lines."""
    total = sum(s.counted for s in scores)
    killed = sum(s.killed for s in scores)
    not_run = sum(s.not_run for s in scores)
    lines = [START, "", f"Run on commit `{commit}`: **{killed} of {total}** mutants killed "
             f"({100.0 * killed / max(total, 1):.1f}%), {sum(len(s.equivalent) for s in scores)} equivalent "
             f"and left out. Target: {TARGET:.0f}% in every module of the build."
             + (f" **{not_run} mutants were not tried: the run was stopped before the end.**" if not_run else ""),
             "", "| Module | Mutants | Not tried | Killed | Equivalent | Survived | Score |",
             "|---|--:|--:|--:|--:|--:|--:|"]
    for s in scores:
        mark = "" if s.score >= TARGET or s.module not in build_modules else " (under target)"
        score = f"{s.score:.1f}%{mark}" if s.counted else "–"
        lines.append(f"| `{s.module}` | {sum(s.statuses.values())} | {s.not_run} | {s.killed} | {len(s.equivalent)} | "
                     f"{len(s.survivors)} | {score} |")
    lines += ["", "### Equivalent mutants", "",
              "Each behaves exactly like the original code, so no test can tell them apart "
              "(`tests/equivalent-mutants.yml`).", ""]
    listed = [(name, s) for s in scores for name in s.equivalent]
    lines += [f"- `{name}`: {equivalent[name]}  \n  `{diff(name)}`" for name, _ in listed] or ["None."]
    stale = sorted(set(equivalent) - {name for name, _ in listed} - {name for s in scores for name in s.untried})
    if stale:
        lines += ["", "Listed as equivalent but killed or gone (remove them from the list): "
                  + ", ".join(f"`{name}`" for name in stale) + "."]
    by_function: dict[str, list[str]] = {}
    for name in (name for s in scores for name in s.survivors):
        function, _, number = name.rpartition("__mutmut_")
        by_function.setdefault(function, []).append(number)
    lines += ["", "### Surviving mutants", "", "By function, the mutants' numbers (`mutmut show FUNCTION__mutmut_N`)."
              if by_function else "None."]
    lines += [f"- `{function}`: {', '.join(sorted(numbers, key=int))}" for function, numbers in by_function.items()]
    return "\n".join(lines + ["", END])


def main() -> int:
    os.chdir(ROOT)  # mutmut reads its mutants from ./mutants
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
    unfinished = sum(s.not_run for s in scores)
    print(f"TESTING.md: {len(scores)} modules; under {TARGET:.0f}%: {', '.join(under) or 'none'}"
          + (f"; {unfinished} mutants not tried" if unfinished else ""))
    return 1 if under or unfinished else 0


if __name__ == "__main__":
    sys.exit(main())
