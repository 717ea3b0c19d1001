"""Stage 4: every kind of page (pages/) rendered through its Jinja template -> {docs-relative path: text}, in memory."""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.build.model import Atlas
from generator.build.pages import (data, entity, figure, figures, home, index, map, redirects, sectors, source,
                                   sources, timeline)
from generator.build.text import md

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
KINDS = (home, entity, index, source, sources, sectors, timeline, map, figures, figure, data, redirects)
"""Every kind of page the site has, each a module of pages/."""


@lru_cache(maxsize=4)
def environment(folder: Path = TEMPLATES) -> Environment:
    """Strict Jinja for Markdown: every {{ value }} is escaped unless built as Markup.

    One per folder and process: Jinja compiles each template once and recompiles it when its file
    changes (auto_reload), so `serve` and the tests do not pay for compiling on every run."""
    env = Environment(loader=FileSystemLoader(folder), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      autoescape=False, finalize=md)
    env.filters["md"] = md
    env.filters["h"] = lambda value: Markup(html.escape(str(value)))  # inside raw HTML blocks
    return env


def render_site(atlas: Atlas, folder: Path = TEMPLATES, site_url: str = "") -> dict[str, str]:
    """Every page and file the generator owns, by docs-relative path."""
    env = environment(folder)
    pages: dict[str, str] = {}
    for kind in KINDS:
        pages.update(kind.pages(env, atlas, site_url))
    return dict(sorted(pages.items()))
