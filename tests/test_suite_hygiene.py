"""The test suite's own housekeeping (tests/conftest.py): what a killed run leaves is swept by the next one,
and under mutmut every test starts with the generator's memory empty."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, _sweep_folders_of_killed_runs, forget_what_the_generator_remembers
from generator.build import opendata, write
from generator.build.load import load_facts


def test_the_folder_of_a_killed_run_is_swept_and_a_running_ones_is_kept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    (tmp_path / f"atlas-tests-{dead}-abc" / "docs").mkdir(parents=True)
    (tmp_path / f"atlas-tests-{os.getpid()}-abc").mkdir()
    (tmp_path / "atlas-tests-unnamed").mkdir()
    _sweep_folders_of_killed_runs(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"atlas-tests-{os.getpid()}-abc", "atlas-tests-unnamed"]


def test_forgetting_empties_the_caches_and_memos_and_keeps_what_no_input_changes() -> None:
    from conftest import FIXTURE
    from generator.build.pipeline import load_atlas
    from generator.build.render import environment

    opendata.entity_data(load_atlas(FIXTURE / "facts.yml", FIXTURE / "seeds"))
    load_facts(FIXTURE / "facts.yml")
    environment()
    environments = environment.cache_info().currsize
    assert opendata._entity_data.cache_info().currsize > 0
    write._manifest_read = ((str(ROOT), 0, 0), {})
    forget_what_the_generator_remembers()
    assert opendata._entity_data.cache_info().currsize == 0
    assert write._manifest_read is None
    assert environment.cache_info().currsize == environments > 0, "the templates' environments are kept"
