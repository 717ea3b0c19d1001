"""tools/mutation_report.py: the scores TESTING.md shows are computed from mutmut's results as documented."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import mutation_report  # noqa: E402


def _results(folder: Path, module: str, exit_codes: dict[int, int | None]) -> None:
    meta = folder / (module.replace(".", "/") + ".py.meta")
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_text(json.dumps({"exit_code_by_key": {f"{module}.x_f__mutmut_{n}": code
                                                     for n, code in exit_codes.items()}}))


def test_scores_leave_out_equivalent_and_untried_mutants_and_count_untested_ones_as_survivors(tmp_path: Path) -> None:
    # exit codes as mutmut records them: 1 killed, 0 survived, 33 no test reaches it, 36 timeout, None not tried
    _results(tmp_path, "generator.build.dates", {1: 1, 2: 1, 3: 36, 4: 0, 5: 33, 6: 0, 7: None})
    _results(tmp_path, "generator.build.text", {1: 1, 2: None})
    equivalent = {"generator.build.dates.x_f__mutmut_6": "default passed explicitly",
                  "generator.build.text.x_f__mutmut_1": "listed, but killed",
                  "generator.build.text.x_f__mutmut_2": "listed, not tried yet"}
    dates, text = mutation_report.read_results(tmp_path, equivalent)
    assert (dates.module, dates.killed, dates.counted, dates.not_run) == ("generator.build.dates", 3, 5, 1)
    assert dates.survivors == ["generator.build.dates.x_f__mutmut_4", "generator.build.dates.x_f__mutmut_5"]
    assert dates.score == 60.0 and text.score == 100.0
    report = mutation_report.report([dates, text], equivalent, ["generator.build.dates", "generator.build.text"],
                                    "abc1234", diff=lambda name: f"- old / + new ({name[-1]})")
    assert "| `generator.build.dates` | 7 | 1 | 3 | 1 | 2 | 60.0% (under target) |" in report
    assert "- `generator.build.dates.x_f`: 4, 5" in report
    assert "`generator.build.dates.x_f__mutmut_6`: default passed explicitly  \n  `- old / + new (6)`" in report
    assert "killed or gone (remove them from the list): `generator.build.text.x_f__mutmut_1`." in report
    assert "**4 of 6** mutants killed" in report and "2 mutants were not tried" in report


def test_every_listed_equivalent_mutant_names_a_mutant_of_the_build_and_gives_a_reason() -> None:
    import re

    import yaml

    listed = yaml.safe_load(mutation_report.EQUIVALENT.read_text(encoding="utf-8"))
    assert listed and all(re.fullmatch(r"generator\.build\.[\w.ǁ]+__mutmut_\d+", name) for name in listed)
    assert all(isinstance(reason, str) and len(reason.split()) >= 4 for reason in listed.values())
