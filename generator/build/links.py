"""Links between docs pages: Markdown links (MkDocs checks and rewrites them) and raw-HTML hrefs."""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from generator.build.text import md


def relative(target: str, folder: str) -> str:
    """posixpath.relpath for clean docs-relative paths (no '.' or '..'), without its costly abspath calls."""
    if not folder:
        return target
    here, there = folder.split("/"), target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def link_to(page: str, target: str, text: str, anchor: str = "") -> Markup:
    """A Markdown link from one docs page to another, with escaped text."""
    href = relative(target, posixpath.dirname(page))
    return Markup(f"[{md(text)}]({href}{'#' + anchor if anchor else ''})")


def url_dir(docs_path: str) -> str:
    """The URL folder MkDocs gives a page ('cities/hefei.md' -> 'cities/hefei/', 'index.md' -> '')."""
    path = docs_path.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def html_href(page: str, target: str, anchor: str = "") -> str:
    """A relative link for raw HTML (which MkDocs does not rewrite) from one docs page to another."""
    here, there = url_dir(page).rstrip("/"), url_dir(target).rstrip("/")
    href = "./" if here == there else relative(there, here) + "/" if there else "../" * len(here.split("/"))
    return href + (f"#{anchor}" if anchor else "")
