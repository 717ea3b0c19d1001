"""Each class of bad input gives its exact located one-line message, exit 1, and changes no file.

Each case in golden/errors/*.yml edits the fixture project (`replace` pairs in facts.yml,
`files` to write) and holds the exact expected output. Refresh with --update-goldens.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import check_golden, snapshot
from generator.cli import cli

class _GoldenDumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks, so goldens read like the terminal."""


_GoldenDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))

CASES = sorted((Path(__file__).parent / "golden" / "errors").glob("*.yml"))


def _apply(case: dict, project: Path) -> None:
    facts = project / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    for old, new in case.get("replace", []):
        assert old in text, f"case edits text that is not in the fixture: {old!r}"
        text = text.replace(old, new, 1)
    facts.write_text(text, encoding="utf-8")
    for name, content in case.get("files", {}).items():
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(bytes(content))
    for name in case.get("delete", []):
        (project / name).unlink()


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_error_case(case_path: Path, project: Path, update_goldens: bool) -> None:
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    _apply(case, project)
    before = snapshot(project)
    result = CliRunner().invoke(cli, case.get("args", ["check"]))
    assert snapshot(project) == before, "a failing run changed a file"
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    def rewrite(output: str) -> None:
        case_path.write_text(yaml.dump({**case, "expected": output}, Dumper=_GoldenDumper, allow_unicode=True,
                                       sort_keys=False, width=1000), encoding="utf-8")

    check_golden(case_path, result.output, update_goldens, rewrite, expected=case.get("expected", ""))


def test_every_error_line_names_file_line_and_fix(project: Path) -> None:
    case = yaml.safe_load((Path(__file__).parent / "golden" / "errors" / "unknown-id.yml").read_text())
    _apply(case, project)
    lines = CliRunner().invoke(cli, ["check"]).output.splitlines()
    for line in lines[:-1]:
        place, _, rest = line.partition(": ")
        assert place.startswith("facts.yml:") and place.split(":")[1].isdigit(), line
        assert "; " in rest, f"no fix given: {line}"
    assert lines[-1].startswith("check failed: ")
