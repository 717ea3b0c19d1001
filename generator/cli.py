"""The command line: each command parses its options and calls one function."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.errors import GeneratorError, InputError
from generator.pipeline import build_pages, load_atlas, summary

FACTS = click.option("--facts", type=click.Path(path_type=Path), default=Path("facts.yml"),
                     show_default=True, help="The fact file.")
SEEDS = click.option("--seeds", type=click.Path(path_type=Path), default=Path("seeds"),
                     show_default=True, help="The folder of source articles.")
DOCS = click.option("--docs", type=click.Path(path_type=Path), default=Path("docs"),
                    show_default=True, help="The MkDocs docs folder to write pages into.")


def _fail(err: GeneratorError) -> None:
    click.echo(err.report() if isinstance(err, InputError) else f"error: {err}", err=True)
    sys.exit(1)


@click.group()
def cli() -> None:
    """G60 Corridor Atlas: check the fact file and articles, and build the site's pages."""


@cli.command()
@FACTS
@SEEDS
def check(facts: Path, seeds: Path) -> None:
    """Load and validate the fact file and the articles; write nothing."""
    try:
        atlas = load_atlas(facts, seeds)
    except GeneratorError as err:
        _fail(err)
    click.echo(f"ok: {summary(atlas)}")



@cli.command()
@FACTS
@SEEDS
@DOCS
def build(facts: Path, seeds: Path, docs: Path) -> None:
    """Check everything, then write the site's Markdown pages into the docs folder."""
    try:
        report = build_pages(facts, seeds, docs)
    except GeneratorError as err:
        _fail(err)
    click.echo(f"ok: {len(report.written)} pages written, {len(report.removed)} removed, "
               f"{report.unchanged} unchanged in {docs}")


def main() -> None:
    """Entry point of `python -m generator`."""
    cli(prog_name="python -m generator")
