"""Where every page lives below docs/: one function per page kind, and the names the site keeps for itself.

Pages named after the editors' input (an entity's id, an article's file name, a sector or metric
slug) share folders with pages the generator always writes (each folder's index, the by-letter
pages, the timeline's numbered pages). `reserved_names` derives, from the paths below, the names an
input may not take, so that no input can replace a page of the site's own.
"""

from __future__ import annotations

from functools import lru_cache

from generator.build.links import url_dir
from generator.build.model import TYPES

HOME = "index.md"
SOURCES_INDEX = "sources/index.md"
SECTORS_INDEX = "tags.md"
MAP = "map.md"
FIGURES_INDEX = "figures.md"
DISPUTES = "disputes.md"
DATA_INDEX = "data.md"
"""Not data/index.md: the theme would make it the page of the Explore section it is listed in."""
REDIRECTS = ".atlas-redirects.yml"
"""Generated config below docs/ that mkdocs.yml INHERITs: the redirects plugin's map."""

LETTER_KEYS = ("0-9", *"abcdefghijklmnopqrstuvwxyz", "other")
"""The keys index pages are split by, in order: see `index_letter`."""


def entity_page(type_id: str, entity_id: str) -> str:
    """An entity's profile: 'companies/iflytek.md'."""
    return f"{TYPES[type_id].folder}/{entity_id}.md"


def type_index(type_id: str) -> str:
    """The list of one type: 'companies/index.md'."""
    return f"{TYPES[type_id].folder}/index.md"


def letter_page(type_id: str, key: str) -> str:
    """One letter of a long type index (a subfolder, so it never meets an entity's page)."""
    return f"{TYPES[type_id].folder}/by-letter/{key}.md"


def source_page(source_id: str) -> str:
    """An article's page: 'sources/2023-11-g60-innovation-environment.md'."""
    return f"sources/{source_id}.md"


def sector_page(sector: str) -> str:
    """The pages of one sector: 'tags/biomedicine.md'."""
    return f"tags/{sector}.md"


def figure_page(metric: str) -> str:
    """One metric compared across places: 'figures/rd-intensity.md'."""
    return f"figures/{metric}.md"


def timeline_page(number: int) -> str:
    """Page `number` (from 1) of the timeline."""
    return "timeline.md" if number == 1 else f"timeline/{number}.md"


def data_file(name: str) -> str:
    """A download of the open data: 'data/atlas.json'."""
    return f"data/{name}"


def fixed_pages() -> list[str]:
    """Every page the generator may write whatever the input names: indexes, letters, numbered pages."""
    pages = [HOME, SOURCES_INDEX, SECTORS_INDEX, MAP, FIGURES_INDEX, DISPUTES, DATA_INDEX, REDIRECTS,
             timeline_page(1), timeline_page(2)]
    for type_id in TYPES:
        pages += [type_index(type_id), *(letter_page(type_id, key) for key in LETTER_KEYS)]
    return pages


def folder_of(page: str) -> str:
    """The folder a page is in: 'companies/iflytek.md' -> 'companies'."""
    return page.rsplit("/", 1)[0] if "/" in page else ""


@lru_cache(maxsize=None)
def reserved_names(folder: str) -> frozenset[str]:
    """Names an input may not take in a folder: 'index' (the folder's own page, or a page at the
    folder's URL such as figures.md) and the first part of every fixed page's URL below it."""
    names = {"index"}
    for page in fixed_pages():
        url = url_dir(page)
        if url.startswith(folder + "/") and url != folder + "/":
            names.add(url[len(folder) + 1:].split("/")[0])
    return frozenset(names)
