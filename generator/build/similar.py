"""Names that are probably one entity's: the same words with other spacing, hyphens or case, a letter or
two apart (a misspelling), or the same words but one once abbreviations are spelled out. `check`, `new`
and `draft` ask it before a new name or alias goes in."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

_ABBREVIATIONS = (
    (r"\bs\s*&\s*t\b", "science technology"), (r"\bsci-?tech\b", "science technology"),
    (r"\bhi-?tech\b", "high technology"), (r"\bhigh-tech\b", "high technology"), (r"&", " and "),
    (r"\bco\.?,? ltd\.?", " "), (r"\bcorp\.?\b", "corporation"), (r"\binc\.?\b", " "), (r"\bltd\.?\b", " "),
    (r"\bintl\.?\b", "international"), (r"\bdist\.?\b", "district"),
)
_FILLER = frozenset({"and", "of", "the", "for", "in", "on", "a", "an", "co", "company", "limited", "group"})


@dataclass(frozen=True)
class Likeness:
    """An existing name a new one resembles, whose entity it is, and why they look alike."""

    name: str
    owner: str
    reason: str


@lru_cache(maxsize=1 << 16)
def squashed(name: str) -> str:
    """The name without case, spaces, hyphens or punctuation: 'Huihe Health-care' -> 'huihehealthcare'."""
    return re.sub(r"[\W_]+", "", name.casefold())


@lru_cache(maxsize=1 << 16)
def words(name: str) -> frozenset[str]:
    """The name's meaningful words, abbreviations spelled out: 'G60 S&T Valley' -> {g60, science, technology, valley}."""
    text = name.casefold()
    for pattern, replacement in _ABBREVIATIONS:
        text = re.sub(pattern, f" {replacement} ", text)
    return frozenset(w for w in re.findall(r"[^\W_]+", text) if w not in _FILLER)


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance between two strings, or limit + 1 once it is surely more than limit. The common
    start and end are dropped first (they do not change the distance), and only the cells within `limit`
    of the diagonal are computed."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start:len(a) - end], b[start:len(b) - end]
    if not a or not b:
        return min(max(len(a), len(b)), limit + 1)
    over = limit + 1
    previous = [j if j <= limit else over for j in range(len(b) + 1)]
    for i, ca in enumerate(a, start=1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [over] * (len(b) + 1)
        current[0] = i if i <= limit else over
        for j in range(low, high + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != b[j - 1]), over)
        if min(current[max(0, low - 1):high + 1]) > limit:
            return over
        previous = current
    return min(previous[-1], over)


def _allowed_distance(length: int) -> int:
    """How many letters may differ for a misspelling: none below 7 letters (Huzhou and Suzhou are two
    cities), 1 up to 10, then 2."""
    return 0 if length < 7 else 1 if length <= 10 else 2


def likeness(new: str, old: str) -> str:
    """Why two different names look like one entity's, or '' when they do not."""
    if new == old:
        return ""
    a, b = squashed(new), squashed(old)
    if not a or not b:
        return ""
    if a == b:
        return "the same name with other spacing, hyphens or case"
    if distance(a, b, _allowed_distance(min(len(a), len(b)))) <= _allowed_distance(min(len(a), len(b))):
        return "a letter or two apart: a misspelling?"
    wa, wb = words(new), words(old)
    shared = wa & wb
    if len(shared) >= 4 and len(wa - wb) <= 1 and len(wb - wa) <= 1:
        return "the same words but one (abbreviations spelled out)"
    return ""


class NameIndex:
    """Known names by owner, indexed so that a new name is compared only with names that could resemble
    it: the same squashed form, a one-letter deletion in common, the same first four and last four letters
    and a length two letters or fewer apart (for two-letter slips inside long names), or one of its two
    rarest words (names of four words or more: fewer cannot share four). First and last letters shared by
    more than `common` names of one length are not looked up: that would compare the name with all of
    them, and a two-letter slip in such a family is then found only when it also leaves a one-letter
    deletion in common."""

    common = 12

    def __init__(self, known: Iterable[tuple[str, str]] = ()) -> None:
        self.names: list[tuple[str, str] | None] = []
        self._keys: dict[str, set[int]] = defaultdict(set)
        self._word_count: dict[str, int] = defaultdict(int)
        self._owned: dict[str, list[int]] = defaultdict(list)
        for name, owner in known:
            self.add(name, owner)

    def _name_keys(self, name: str) -> set[str]:
        return self._letter_keys(squashed(name)) | {"w:" + word for word in words(name)}

    def add(self, name: str, owner: str) -> None:
        """Know one more name."""
        number = len(self.names)
        self.names.append((name, owner))
        self._owned[owner].append(number)
        for key in self._name_keys(name):
            self._keys[key].add(number)
        for word in words(name):
            self._word_count[word] += 1

    def remove(self, owner: str) -> None:
        """Forget every name of one owner (an entity renamed or deleted)."""
        for number in self._owned.pop(owner, ()):
            entry = self.names[number]
            if entry is None:
                continue
            for key in self._name_keys(entry[0]):
                self._keys[key].discard(number)
            for word in words(entry[0]):
                self._word_count[word] -= 1
            self.names[number] = None

    @staticmethod
    def _letter_keys(flat: str, query: bool = False) -> set[str]:
        """Its squashed form and one-letter deletions; past 10 letters, its first four and last four letters
        together, with its length (a query: with each length two letters or fewer apart, as a misspelling's may be)."""
        keys = {"d:" + flat[:i] + flat[i + 1:] for i in range(len(flat))} | {"d:" + flat}
        if len(flat) > 10:
            lengths = range(max(11, len(flat) - 2), len(flat) + 3) if query else [len(flat)]
            keys |= {f"b{size}:{flat[:4]}{flat[-4:]}" for size in lengths}
        return keys

    def similar(self, name: str) -> list[Likeness]:
        """The known names `name` resembles (not itself), closest first."""
        candidates: set[int] = set()
        for key in self._letter_keys(squashed(name), query=True):
            found = self._keys.get(key, set())
            if key[0] == "d" or len(found) <= self.common:
                candidates |= found
        named = words(name)
        rarest = sorted(named, key=lambda w: (self._word_count.get(w, 0), w))[:2] if len(named) >= 4 else []
        for word in rarest:
            candidates |= self._keys.get("w:" + word, set())
        return near_duplicates(name, (entry for n in sorted(candidates) if (entry := self.names[n]) is not None))


def near_duplicates(name: str, known: Iterable[tuple[str, str]]) -> list[Likeness]:
    """Every (name, owner) of `known` that `name` resembles, closest first."""
    found = [Likeness(old, owner, why) for old, owner in known if (why := likeness(name, old))]
    return sorted(found, key=lambda f: (*closeness(name, f), f.owner, f.name))


def closeness(name: str, found: Likeness) -> tuple[int, int]:
    """How close a look-alike is, smaller first: by its reason (the same letters, then a misspelling, then
    the same words), then by how many letters differ."""
    return _REASON_ORDER.get(found.reason, 2), distance(squashed(name), squashed(found.name), 3)


_REASON_ORDER = {"the same name with other spacing, hyphens or case": 0, "a letter or two apart: a misspelling?": 1}
