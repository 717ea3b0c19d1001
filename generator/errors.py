"""The generator's exceptions and the located one-line problems they carry."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, at one place, with its fix."""

    path: str
    """File the problem is in, as the user named it."""
    line: int
    """1-based line; 0 when the whole file is at fault."""
    message: str
    """What is wrong."""
    fix: str
    """How to fix it."""
    column: int = 0
    """1-based column, where known (YAML syntax errors)."""

    def __str__(self) -> str:
        place = self.path
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        return printable(f"{place}: {self.message}; {self.fix}")


def printable(text: str) -> str:
    """Text with every control, format or unassigned character written as an escape: one line, shown as it is."""
    return "".join(char if char == " " or unicodedata.category(char)[0] not in "CZ" or char == "\u3000"
                   else char.encode("unicode_escape").decode("ascii") for char in text)


class GeneratorError(Exception):
    """Base of every error the command line turns into a message and exit status 1."""


class InputError(GeneratorError):
    """The inputs have problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s)")

    def report(self) -> str:
        """Every problem on its own line, then one summary line."""
        files = sorted({p.path for p in self.problems})
        lines = [str(p) for p in self.problems]
        noun = "problem" if len(self.problems) == 1 else "problems"
        lines.append(f"check failed: {len(self.problems)} {noun} in {', '.join(files)}; nothing was written")
        return "\n".join(lines)


class OutputError(GeneratorError):
    """Writing the site would harm a file the generator does not own."""
