"""Front matter written without PyYAML's representer reads back as exactly what was written."""

from __future__ import annotations

import frontmatter
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples

from generator.build.yamlout import FrontMatter, dump, scalar

_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
            | st.text() | st.sampled_from(["yes", "No", "null", "~", "- x", "a: b", "a #b", "#x", "'q'", "1.5",
                                            "2024-01-01", "0x1F", ".inf", "<<", "=", "y", "n", "@x", "`x",
                                            "x\u2028y", "\x85", "\ufeff", "Xi'an", "e.g.", "A (B)", "1e5"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


@settings(max_examples=examples(400), deadline=None)
@given(st.dictionaries(st.text(max_size=10), _VALUES, min_size=1, max_size=6))
def test_pyyaml_reads_back_what_was_written(data: dict) -> None:
    assert yaml.load(dump(data), Loader=yaml.CSafeLoader) == data
    assert yaml.load(dump(data), Loader=yaml.SafeLoader) == data


@pytest.mark.parametrize(("value", "written"), [
    ("Hefei", "Hefei"), ("Xi'an (West)", "Xi'an (West)"), ("yes", "'yes'"), ("a: b", "'a: b'"), ("it's", "it's"), ("'q' #1", "'''q'' #1'"),
    ("科大讯飞", "'科大讯飞'"), ("x\u2028y", '"x\\u2028y"'), (1e20, "1.0e+20"), (True, "true"), (None, "null")])
def test_plain_only_when_it_reads_back_as_the_same_string(value: object, written: str) -> None:
    assert scalar(value) == written


def test_python_frontmatter_writes_and_reads_a_page_through_it() -> None:
    meta = {"title": "A: B", "tags": ["x"], "search_entry": {"names": ["a", "b"], "links": 2}, "hide": []}
    text = frontmatter.dumps(frontmatter.Post("Body\n", **meta), handler=FrontMatter())
    assert text.startswith("---\nhide: []\nsearch_entry:\n  links: 2\n  names:\n  - a\n  - b\n")
    post = frontmatter.loads(text)
    assert post.metadata == meta and post.content == "Body"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object(), b"bytes"])
def test_what_front_matter_cannot_hold_is_refused(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        dump({"key": value})
