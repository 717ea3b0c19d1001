"""Escaping and formatting of fact-file values (generator/build/text.py) and links between pages (links.py)."""

from __future__ import annotations

import markdown
import pytest
from markupsafe import Markup

from generator.build.links import html_href, link_to, relative, url_dir
from generator.build.text import figure, md, number, ordinal, theme_text


def to_html(text: str) -> str:
    """Markdown as the site renders it (the extensions of mkdocs.yml that give text a meaning)."""
    return markdown.markdown(text, extensions=["attr_list", "footnotes", "tables", "abbr", "admonition"])


@pytest.mark.parametrize(("value", "escaped"), [
    ("Plain words", "Plain words"),
    ("  several   spaces\nand lines\t", "several spaces and lines"),
    ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
    ("A & B", "A &amp; B"),
    ('say "hi"', 'say "hi"'),
    ("*em* _u_ `code`", "\\*em\\* \\_u\\_ \\`code\\`"),
    ("[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert\\(1\\)\\)"),
    ("a {: .cls } b", "a \\{: .cls \\} b"),
    ("a | b", "a \\| b"),
    ("!image", "\\!image"),
    ("back\\slash", "back\\\\slash"),
    ("# heading", "\\# heading"),
    ("#hashtag", "\\#hashtag"),
    ("- item", "\\- item"),
    ("-5 percent", "-5 percent"),
    ("+ item", "\\+ item"),
    ("1. first", "1\\. first"),
    ("12. twelfth", "12\\. twelfth"),
    ("1.5 million", "1.5 million"),
    ("R&D 6.79%", "R&amp;D 6.79%"),
    ("x-ray", "x-ray"),
    (42, "42"),
])
def test_md_escapes_what_markdown_would_read(value: object, escaped: str) -> None:
    assert md(value) == escaped
    assert isinstance(md(value), Markup)


@pytest.mark.parametrize("value", ["# heading", "- item", "+ item", "1. first", "*em*", "[x](y)", "<i>x</i>",
                                   "a {: #id } b", "`code`", "a | b", "&copy;", "[^1]", "x\\"])
def test_md_output_renders_as_the_same_text(value: str) -> None:
    """Whatever the value, Markdown turns the escaped text into one paragraph holding exactly it."""
    import html

    rendered = to_html(str(md(value)))
    assert rendered == f"<p>{html.escape(value, quote=False)}</p>"


def test_md_keeps_markup_made_by_the_generator() -> None:
    link = Markup("[a](b.md)")
    assert md(link) is link


@pytest.mark.parametrize(("value", "shown"), [
    (1633, "1,633"), (0, "0"), (7, "7"), (6.79, "6.79"), (0.5, "0.5"), (1.0, "1"), (2.123456, "2.1235"),
    (1_000_000, "1 million"), (2_500_000, "2.5 million"), (1_234_567, "1,234,567"),
    (10_000_000_000, "10 billion"), (1.06e12, "1.06 trillion"), (149.06e9, "149.06 billion"),
    (999_999, "999,999"), (-5, "-5"), (-2_000_000, "-2 million"), (1_230_000_000, "1.23 billion"),
    (1_235_000_000, "1,235 million"),
])
def test_number(value: float, shown: str) -> None:
    assert number(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                              (12, "12th"), (13, "13th"), (20, "20th"), (21, "21st"), (22, "22nd"),
                                              (23, "23rd"), (101, "101st"), (111, "111th"), (112, "112th")])
def test_ordinal(value: int, shown: str) -> None:
    assert ordinal(value) == shown


@pytest.mark.parametrize(("value", "unit", "qualifier", "shown"), [
    (6.79, "percent", "", "6.79%"),
    (10e9, "CNY", "", "10 billion yuan"),
    (149.06e9, "USD", "", "US$149.06 billion"),
    (76200, "km2", "", "76,200 km²"),
    (2e6, "m2", "", "2 million m²"),
    (1100, "count", "more_than", "more than 1,100"),
    (2, "rank", "", "2nd"),
    (236, "acres", "", "236 acres"),
    (7, "years", "about", "about 7 years"),
    (3, "satellites", "", "3 satellites"),
    (100, "count", "nearly", "nearly 100"),
    (50, "percent", "up_to", "up to 50%"),
    (None, "count", "", ""),
])
def test_figure(value: float | None, unit: str, qualifier: str, shown: str) -> None:
    assert figure(value, unit, qualifier) == shown


@pytest.mark.parametrize(("value", "safe"), [
    ("Plain", "Plain"),
    ("<img src=x onerror=alert(1)>", "‹img src=x onerror=alert(1)›"),
    ('A "quoted" & <b>', "A &quot;quoted&quot; &amp; ‹b›"),
    ("It's", "It's"),
    ("  two\n lines ", "two lines"),
])
def test_theme_text_is_safe_inside_an_attribute_and_survives_striptags(value: str, safe: str) -> None:
    assert theme_text(value) == safe
    assert "<" not in theme_text(value) and '"' not in theme_text(value)


@pytest.mark.parametrize(("target", "folder", "href"), [
    ("companies/x.md", "", "companies/x.md"),
    ("companies/x.md", "companies", "x.md"),
    ("cities/y.md", "companies", "../cities/y.md"),
    ("index.md", "companies/by-letter", "../../index.md"),
    ("companies/by-letter/a.md", "companies", "by-letter/a.md"),
    ("sources/s.md", "tags", "../sources/s.md"),
    ("companies/by-letter/b.md", "companies/by-letter", "b.md"),
])
def test_relative(target: str, folder: str, href: str) -> None:
    assert relative(target, folder) == href


def test_link_to_escapes_its_text_and_adds_an_anchor() -> None:
    assert link_to("cities/a.md", "sources/s.md", "A [b] *c*", "L12") == "[A \\[b\\] \\*c\\*](../sources/s.md#L12)"
    assert link_to("index.md", "cities/a.md", "A") == "[A](cities/a.md)"


@pytest.mark.parametrize(("page", "url"), [("index.md", ""), ("cities/hefei.md", "cities/hefei/"),
                                           ("cities/index.md", "cities/"), ("timeline.md", "timeline/"),
                                           ("companies/by-letter/a.md", "companies/by-letter/a/")])
def test_url_dir(page: str, url: str) -> None:
    assert url_dir(page) == url


@pytest.mark.parametrize(("page", "target", "anchor", "href"), [
    ("cities/hefei.md", "sources/s.md", "L3", "../../sources/s/#L3"),
    ("cities/hefei.md", "cities/hefei.md", "", "./"),
    ("cities/hefei.md", "cities/wuhu.md", "", "../wuhu/"),
    ("map.md", "cities/hefei.md", "", "../cities/hefei/"),
    ("index.md", "cities/hefei.md", "", "cities/hefei/"),
    ("cities/hefei.md", "index.md", "", "../../"),
    ("cities/index.md", "index.md", "", "../"),
    ("figures/rd.md", "figures.md", "x", "../../figures/#x"),
])
def test_html_href_is_relative_to_the_page_url(page: str, target: str, anchor: str, href: str) -> None:
    assert html_href(page, target, anchor) == href
