"""The command line: each command parses its options and calls one function."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from generator.editor import add as adding, draftout, scaffold
from generator.editor.draft import draft as draft_of, find_source
from generator.editor import serve as live
from generator.editor.coverage import coverage as coverage_of
from generator.errors import GeneratorError, InputError
from generator.build.load import display_path
from generator.build.model import DATE_BASES, PREDICATES, QUALIFIERS, TYPES
from generator.build.pipeline import build_pages, load_atlas, load_unchecked, summary
from generator.build.provenance import report as provenance_report
from generator.build.searchindex import index_site

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
@click.option("--report", is_flag=True, help="Also print, for reviewers, how every value and date is supported.")
def check(facts: Path, seeds: Path, report: bool) -> None:
    """Load and validate the fact file and the articles; write nothing."""
    try:
        atlas = load_atlas(facts, seeds)
    except GeneratorError as err:
        _fail(err)
    click.echo(f"ok: {summary(atlas)}")
    if report:
        click.echo(str(provenance_report(atlas)))



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


@cli.command(help="Add a new entity to the fact file, after the last one of its type.\n\n"
                  f"TYPE is one of {', '.join(TYPES)}. NAME is its English name, in quotes if it has spaces.")
@click.argument("entity_type", metavar="TYPE", type=click.Choice(list(TYPES)))
@click.argument("name")
@click.option("--city", help="Id of the place it is located in (adds a located_in relation; needs --source).")
@click.option("--source", help="Id of the article (file name in seeds/ without .txt) that says where it is.")
@click.option("--id", "entity_id", help="Its id, when the one made from the name is not right.")
@click.option("--distinct-from", help="Id of an entity whose name looks like this one's but is a different entity.")
@click.option("--reason", help="With --distinct-from: why the two are different entities.")
@FACTS
@SEEDS
def new(entity_type: str, name: str, city: str | None, source: str | None, entity_id: str | None,
        distinct_from: str | None, reason: str | None, facts: Path, seeds: Path) -> None:
    """Add a new entity to the fact file, after the last one of its type."""
    try:
        added = scaffold.add_entity(facts, seeds, entity_type, name, city=city, source=source, entity_id=entity_id,
                                    distinct_from=distinct_from, reason=reason)
    except GeneratorError as err:
        _fail(err)
    click.echo(f"added '{added.id}' at {facts}:{added.line}; replace its TODO summary, then run: python -m generator check")


@cli.group()
def add() -> None:
    """Add a metric, statement, relation or source to the fact file in its place; checked before it is written."""


def _added(facts: Path, run: Any) -> None:
    """Run one `add`, then print where the item went (or the located errors, exit 1, nothing written)."""
    try:
        added = run()
    except GeneratorError as err:
        _fail(err)
    click.echo(f"added {added.what} at {display_path(facts)}:{added.line}")


@add.command("metric", help="Define metric ID (a slug) under 'metrics:', after the last metric of its kind.\n\n"
                            "KIND is event (the date is the fact) or quantity (a number with a unit).")
@click.argument("metric_id", metavar="ID")
@click.option("--label", required=True, help="The words pages show, in sentence case.")
@click.option("--kind", required=True, type=click.Choice(list(adding.KINDS)), help="event or quantity.")
@click.option("--unit", help="Quantities: count, percent, CNY, USD, km2, m2, acres, rank, years...")
@click.option("--description", help="One sentence, when the label alone could be read two ways.")
@FACTS
@SEEDS
def add_metric(metric_id: str, label: str, kind: str, unit: str | None, description: str | None,
               facts: Path, seeds: Path) -> None:
    _added(facts, lambda: adding.add_metric(facts, seeds, metric_id, label=label, kind=kind, unit=unit,
                                            description=description))


@add.command("statement", help="Append a dated, sourced statement to ENTITY's 'statements:'.\n\n"
                               f"Qualifiers: {', '.join(QUALIFIERS)}. Date bases: {', '.join(DATE_BASES)} "
                               "(quote, the default: the quote gives the date).")
@click.argument("entity")
@click.option("--metric", required=True, help="Key of a metric under 'metrics:'.")
@click.option("--value", help="The figure, in digits with its scale (1.06e12); not for events.")
@click.option("--qualifier", type=click.Choice(list(QUALIFIERS)), help="How exact the quote says the figure is.")
@click.option("--date", required=True, help="YYYY, YYYY-MM, YYYY-MM-DD or a period YYYY/YYYY.")
@click.option("--date-basis", type=click.Choice(list(DATE_BASES)), help="Where the date comes from.")
@click.option("--date-note", help="How the date was derived (needed with --date-basis other).")
@click.option("--source", required=True, help="Id of the article (file name in seeds/ without .txt).")
@click.option("--quote", required=True, help="The article's words holding the figure and its date, verbatim.")
@click.option("--note", help="Doubts: a mistranslated unit, a conflict with another source.")
@FACTS
@SEEDS
def add_statement(entity: str, metric: str, value: str | None, qualifier: str | None, date: str,
                  date_basis: str | None, date_note: str | None, source: str, quote: str, note: str | None,
                  facts: Path, seeds: Path) -> None:
    _added(facts, lambda: adding.add_statement(facts, seeds, entity, metric=metric, value=value, qualifier=qualifier,
                                               date=date, date_basis=date_basis, date_note=date_note,
                                               source=source, quote=quote, note=note))


@add.command("relation", help="Append a relation 'ENTITY PREDICATE OBJECT' to ENTITY's 'relations:'.\n\n"
                              f"PREDICATE is one of {', '.join(PREDICATES)}. OBJECT is an entity's id.")
@click.argument("entity")
@click.argument("predicate", type=click.Choice(list(PREDICATES)), metavar="PREDICATE")
@click.argument("obj", metavar="OBJECT")
@click.option("--source", required=True, help="Id of the article (file name in seeds/ without .txt).")
@click.option("--quote", help="The article's words that support it, verbatim.")
@click.option("--role", help="For works_for: the person's role, e.g. 'chief executive'.")
@FACTS
@SEEDS
def add_relation(entity: str, predicate: str, obj: str, source: str, quote: str | None, role: str | None,
                 facts: Path, seeds: Path) -> None:
    _added(facts, lambda: adding.add_relation(facts, seeds, entity, predicate, obj, source=source, quote=quote,
                                              role=role))


@add.command("source", help="Cite one more article for ENTITY's existing statement of --metric dated --date.")
@click.argument("entity")
@click.option("--metric", required=True, help="The statement's metric.")
@click.option("--date", required=True, help="The statement's date, as the file writes it.")
@click.option("--source", required=True, help="Id of the article (file name in seeds/ without .txt).")
@click.option("--quote", required=True, help="The article's words holding the figure and its date, verbatim.")
@FACTS
@SEEDS
def add_source(entity: str, metric: str, date: str, source: str, quote: str, facts: Path, seeds: Path) -> None:
    _added(facts, lambda: adding.add_source(facts, seeds, entity, metric=metric, date=date, source=source,
                                            quote=quote))


@cli.command("search-index")
@click.option("--site", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="The built site (after mkdocs build).")
def search_index(site: Path) -> None:
    """Index the built site for its search box (Pagefind, into SITE/pagefind/)."""
    try:
        click.echo(index_site(site))
    except GeneratorError as err:
        _fail(err)


@cli.command("new-article")
@click.argument("text", type=click.File("r", encoding="utf-8"))
@click.option("--title", required=True, help="The article's headline.")
@click.option("--date", required=True, help="Its date: YYYY-MM-DD (or YYYY-MM, YYYY).")
@click.option("--publisher", default="", help="Who published it.")
@click.option("--byline", default="", help="Its author or credit line.")
@click.option("--summary", default="", help="One sentence on what it covers.")
@click.option("--id", "article_id", help="Its file name without .txt (default: YYYY-MM- and the title's first words).")
@SEEDS
def new_article(text: Any, title: str, date: str, publisher: str, byline: str, summary: str,
                article_id: str | None, seeds: Path) -> None:
    """Add an article to seeds/ from TEXT (a file, or - for standard input), with its front matter."""
    try:
        path = scaffold.add_article(seeds, text.read(), title=title, date=date, publisher=publisher,
                                    byline=byline, summary=summary, article_id=article_id,
                                    shown="-" if text.name == "<stdin>" else display_path(Path(text.name)))
    except GeneratorError as err:
        _fail(err)
    click.echo(f"created {path}; cite it as 'source: {path.stem}'")


@cli.command()
@FACTS
@SEEDS
@click.option("--allow", type=click.Path(path_type=Path), default=Path("coverage-allow.yml"), show_default=True,
              help="The list of names and figures deliberately left out.")
def coverage(facts: Path, seeds: Path, allow: Path) -> None:
    """List names and figures in the articles that the fact file does not cover; exit 1 if any."""
    try:
        report = coverage_of(load_atlas(facts, seeds), allow)
    except GeneratorError as err:
        _fail(err)
    click.echo("\n".join([*map(str, report.todos), report.summary()]))
    sys.exit(1 if report.todos else 0)


@cli.command()
@click.argument("article")
@click.option("--apply", "apply_", is_flag=True, help="Insert the proposals into the fact file instead of printing them.")
@FACTS
@SEEDS
def draft(article: str, apply_: bool, facts: Path, seeds: Path) -> None:
    """Propose what ARTICLE (an id or a path in seeds/) says that the fact file lacks, marked 'review: draft'."""
    try:
        atlas, _ = load_unchecked(facts, seeds)
        source = find_source(atlas, article)
        if source is None:
            stem = article.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".txt")
            if (seeds / f"{stem}.txt").exists():
                raise scaffold.ScaffoldError(f"{seeds / (stem + '.txt')} could not be read as an article; "
                                             "run python -m generator check, which says why, and fix it")
            raise scaffold.ScaffoldError(f"'{article}' is not an article in {seeds}/; give its id or its path")
        result = draft_of(atlas, source)
        if apply_:
            draftout.apply(facts, result)
            click.echo(f"drafted {draftout.summary(result)} into {facts}, each marked 'review: draft'; check each against "
                       f"{source.path} and delete the mark, then run: python -m generator check")
        else:
            click.echo(draftout.as_yaml(result), nl=False)
    except GeneratorError as err:
        _fail(err)


@cli.command()
@FACTS
@SEEDS
@DOCS
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Address and port to serve on (port 0: any free port, printed when serving).")
@click.option("--config-file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"), show_default=True,
              help="The MkDocs configuration.")
def serve(facts: Path, seeds: Path, docs: Path, dev_addr: str, config_file: Path) -> None:
    """Live preview: regenerate on every change to the fact file, articles or templates; reload the browser."""
    sys.exit(live.serve(facts, seeds, docs, dev_addr=dev_addr, config=config_file, log=click.echo))


def main() -> None:
    """Entry point of `python -m generator`."""
    cli(prog_name="python -m generator")
