"""The GitHub Actions workflows pass actionlint and keep to least privilege; pre-commit runs the PR's checks."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.site

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).with_name("actionlint")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def _load(path: Path) -> dict:
    # PyYAML reads the key 'on' as True
    return {("on" if key is True else key): value for key, value in yaml.safe_load(path.read_text()).items()}


def test_there_are_a_pull_request_and_a_publish_workflow() -> None:
    triggers = {path.name: _load(path)["on"] for path in WORKFLOWS}
    assert {"pull_request"} <= set(triggers["pull-request.yml"])
    assert triggers["publish.yml"]["push"] == {"branches": ["main"]}


def test_workflows_pass_actionlint() -> None:
    result = _actionlint(*WORKFLOWS)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_does_report_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    broken.write_text(text.replace("needs: build", "needs: biuld"))
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "biuld" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_least_privilege_and_pinned_actions(path: Path) -> None:
    workflow = _load(path)
    assert workflow["permissions"] == {}, "grant nothing at the top; each job asks for what it needs"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"job {name} must state its permissions"
        assert "write" not in job["permissions"].values() or name == "deploy", f"only deploy may write: {name}"
        for step in job["steps"]:
            uses = step.get("uses")
            if uses:
                assert PINNED.match(uses), f"{uses}: pin third-party actions by full commit SHA"
            if uses and uses.startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_one_pages_deployment_at_a_time() -> None:
    publish = _load(ROOT / ".github" / "workflows" / "publish.yml")
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    build_steps = [s.get("uses", "").split("@")[0] for s in publish["jobs"]["build"]["steps"]]
    assert "actions/upload-pages-artifact" in build_steps


def test_pull_request_job_uploads_the_strict_build() -> None:
    steps = _load(ROOT / ".github" / "workflows" / "pull-request.yml")["jobs"]["check"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert runs.index("make check") < runs.index("make test") < runs.index("make site")
    assert "coverage" in " ".join(runs)
    upload = steps[-1]
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"] == "site/"


def test_pre_commit_hooks_are_local_and_run_the_pull_request_checks() -> None:
    config = ROOT / ".pre-commit-config.yaml"
    pre_commit = Path(sys.executable).with_name("pre-commit")
    validated = subprocess.run([str(pre_commit), "validate-config", str(config)], capture_output=True, text=True)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    hooks = {h["id"]: h for repo in yaml.safe_load(config.read_text())["repos"] for h in repo["hooks"]}
    assert all(h["language"] == "system" and h["entry"].startswith(".venv/bin/") for h in hooks.values())
    assert hooks["generator-check"]["entry"].endswith("-m generator check")
    assert hooks["coverage"]["entry"].endswith("-m generator coverage")
    for hook_id in ("generator-check", "coverage"):  # the real entries pass on the real data
        argv = shlex.split(hooks[hook_id]["entry"])
        argv[0] = sys.executable if argv[0] == ".venv/bin/python" else argv[0]
        result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
    for hook_id in ("fast-tests", "workflow-tests"):
        files = [arg for arg in shlex.split(hooks[hook_id]["entry"]) if arg.startswith("tests/")]
        assert files and all((ROOT / path).is_file() for path in files), f"{hook_id} names a missing test file"



def test_mutation_testing_runs_weekly_with_read_only_access() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "mutation.yml")
    (minute, hour, day, month, weekday), = [entry["cron"].split() for entry in workflow["on"]["schedule"]]
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit() and hour.isdigit(), \
        "once a week, on a fixed day"
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert "make mutation" in [step.get("run") for step in job["steps"]]
    assert job["timeout-minutes"] <= 360
