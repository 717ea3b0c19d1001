"""Names in an article, for `draft`: where each known entity is mentioned (by name, alias, or as "the
district"), which entity the article is mainly about, and the capitalised names the atlas lacks, each
with a guessed type, or as an alias of an existing entity when it is a near-duplicate of its name."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.build.model import Atlas
from generator.build.schema import slugify
from generator.build.similar import NameIndex
from generator.editor.coverage import CONNECTORS, LEADING_WORDS, NAME_RUN

_LEADING = LEADING_WORDS | {"Chinese"}
"""Words that start a sentence, not a name (coverage's, and 'Chinese': 'Chinese enterprises')."""
TITLES = frozenset("""Professor Prof Mr Mrs Ms Dr Miss Sir Madam President Chairman Chairwoman Director Secretary
    Mayor Governor Minister Vice Deputy General Manager Chief Executive Officer CEO Academician Party""".split())
"""Words before a person's name that are not part of it."""
CITIES = frozenset("""Shanghai Beijing Hangzhou Suzhou Hefei Huzhou Jiaxing Jinhua Wuhu Xuancheng Nanjing Shenzhen
    Guangzhou Wuhan Chengdu Chongqing Tianjin Ningbo Wuxi Changzhou Xi'an Qingdao Xiamen Songjiang""".split())
_TYPE_WORDS = (  # last word of a name -> type (first match wins)
    ("company", ("Co", "Co.", "Ltd", "Ltd.", "Group", "Technology", "Technologies", "Pharmaceutical",
                 "Pharmaceuticals", "Electronics", "Corporation", "Inc", "Inc.", "Holdings", "Biotech", "Robotics")),
    ("district", ("District", "County")),
    ("institution", ("University", "Institute", "Hospital", "Center", "Centre", "Academy", "College",
                     "Laboratory", "Lab", "School", "Association", "Commission", "Bureau")),
    ("initiative", ("Park", "Base", "Fund", "Zone", "Forum", "Plan", "Program", "Programme", "Corridor",
                    "Project", "Initiative", "Alliance", "Valley", "City", "Conference", "Expo", "Summit")),
    ("region", ("Province", "Region", "Delta")),
)
_ANAPHORS = {  # "the district" means the most-mentioned known entity of these types
    "district": ("district",), "city": ("city", "district"), "corridor": ("initiative",), "park": ("initiative",),
    "company": ("company",), "group": ("company",), "firm": ("company",), "region": ("region",),
    "province": ("region",), "fund": ("initiative",), "base": ("initiative",), "forum": ("initiative",),
    "institute": ("institution",), "university": ("institution",), "zone": ("initiative",),
}
_ANAPHOR = re.compile(r"\b(?:the|its|this) (" + "|".join(_ANAPHORS) + r")(?:['’]s)?\b", re.I)


@dataclass(frozen=True)
class Mention:
    """An entity named at a place in the article: by a name or alias, or as 'the district'."""

    entity: str
    start: int
    end: int
    anaphor: bool = False


@dataclass(frozen=True)
class NewName:
    """A capitalised name the atlas lacks: a new entity, or an alias of an existing one (alias_of)."""

    name: str
    id: str
    type: str
    start: int
    alias_of: str = ""
    reason: str = ""


def known_mentions(atlas: Atlas, text: str) -> list[Mention]:
    """Every name or alias of a known entity in the text (longest first where they overlap), in order."""
    names = sorted(((n, e.id) for e in atlas.entities.values() for n in e.names if len(n) >= 2),
                   key=lambda p: -len(p[0]))
    if not names:
        return []
    owner = {n.casefold(): eid for n, eid in reversed(names)}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n).replace(r"\ ", r"(?:[’']s)?\ ") for n, _ in names)
                         + r")(?!\w)", re.I)
    found = []
    for match in pattern.finditer(text):
        key = re.sub(r"[’']s ", " ", match.group(0)).casefold()
        eid = owner.get(key) or owner.get(match.group(0).casefold())
        if eid:
            found.append(Mention(eid, match.start(), match.end()))
    return found


def main_subject(atlas: Atlas, mentions: list[Mention], types: tuple[str, ...] = ()) -> str:
    """The most-mentioned known entity (of these types, when given); '' when none is."""
    counts = Counter(m.entity for m in mentions if not m.anaphor
                     and (not types or atlas.entities.get(m.entity) is None or atlas.entities[m.entity].type in types))
    if types:
        counts = Counter({k: v for k, v in counts.items() if k in atlas.entities and atlas.entities[k].type in types})
    return counts.most_common(1)[0][0] if counts else ""


_DEFINITE = re.compile(r"\b(?:the|its|this)((?: [a-z][a-z\-]*){1,3})", re.I)


def anaphor_mentions(atlas: Atlas, text: str, mentions: list[Mention]) -> list[Mention]:
    """'the park', 'the platform', 'the entire industrial park': the entity mentioned most recently before
    whose kind ends in that noun or whose name holds it; else ('the district', 'the company') the
    most-mentioned known entity of the noun's type."""
    named = [m for m in mentions if not m.anaphor]
    found: list[Mention] = []
    for match in _DEFINITE.finditer(text):
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            noun = re.sub(r"[’']s$", "", words[n - 1]).lower()
            if noun in _NOT_NOUNS:
                continue
            end = match.start(1) + len(" ".join([""] + words[:n]))
            eid = _recent_with(atlas, named, match.start(), noun)
            if not eid and noun in _ANAPHORS:
                eid = main_subject(atlas, named, _ANAPHORS[noun])
            if eid:
                found.append(Mention(eid, match.start(), end, anaphor=True))
                break
    return found


_NOT_NOUNS = frozenset("""a an the and or of in on at to for by with from as is are was were be been has have had will
    would can could its their this that first second third new other same""".split())


def _recent_with(atlas: Atlas, mentions: list[Mention], before: int, noun: str) -> str:
    """The entity mentioned last before a place whose kind's last word, or a word of whose name, is the noun
    (singular or plural)."""
    forms = {noun, noun.rstrip("s"), re.sub(r"ies$", "y", noun)}
    for m in reversed([m for m in mentions if m.end <= before]):
        entity = atlas.entities.get(m.entity)
        if entity is None:
            continue
        kind = (entity.kind or "").lower().split()
        name = {w.lower() for w in entity.name.split()}
        if (kind and kind[-1] in forms) or (forms & name and entity.type in _ANAPHORS.get(noun, (entity.type,))):
            return m.entity
    return ""


_APPOSITIVE = re.compile(r"^\s*(?:,|\(|—|–|-)\s*(?:an?|the|one of the|China's|a leading|a local)\b[^,.;()]{0,60}?\b"
                         r"(?P<noun>[a-z]+(?:-[a-z]+)?)\b", re.I)
"""'Lumina Photonics, a maker of laser chips': the noun the name is said to be."""
_APPOSITIVE_NOUNS = {
    "company": {"maker", "manufacturer", "producer", "developer", "provider", "supplier", "company", "firm",
                "startup", "start-up", "enterprise", "brand", "unicorn", "subsidiary", "operator", "retailer",
                "exporter", "vendor", "designer", "platform", "corporation", "business"},
    "institution": {"university", "institute", "hospital", "laboratory", "lab", "college", "academy", "school"},
    "initiative": {"park", "fund", "zone", "base", "program", "programme", "project", "forum", "alliance"},
    "person": {"professor", "researcher", "scientist", "engineer", "founder", "director", "chairman", "official",
               "executive", "secretary", "expert", "entrepreneur"},
}
_FOLLOWED_BY_COMPANY = re.compile(r"^[^.]*\.\s*(?:The|the) (?:company|firm|group|startup|manufacturer|maker)\b")
"""'Lumina Photonics opened... The company will...': the next sentence calls it a company."""


def guess_type(name: str, before: str = "", after: str = "") -> str:
    """A type for a new name, from its last word (Group: company; District: district...), the words before
    it ('said', a title: person), the list of cities, or what the text says it is right after it ('X, a
    maker of laser chips'; 'X opened ... The company will'); '' when nothing tells."""
    words = name.split()
    if name in CITIES:
        return "city"
    for type_id, endings in _TYPE_WORDS:
        if words[-1] in endings or words[-1].rstrip(".") in endings:
            return type_id
    previous = before.split()[-1:] if before.split() else []
    if len(words) == 2 and previous and (previous[0].lower() in ("said", "says", "by") or previous[0] in TITLES):
        return "person"
    said = _APPOSITIVE.match(after)
    if said:
        noun = said.group("noun").lower()
        for type_id, nouns in _APPOSITIVE_NOUNS.items():
            if noun in nouns or noun.rstrip("s") in nouns:
                return type_id
    if _FOLLOWED_BY_COMPANY.match(after):
        return "company"
    return ""


def new_names(atlas: Atlas, text: str, mentions: list[Mention]) -> list[NewName]:
    """Capitalised multi-word names of the text that are no entity's name or alias, each once: titles
    dropped ('Professor'), a leading place kept ('Shanghai Austar Pharmaceutical'); a near-duplicate of a
    known name becomes an alias proposal."""
    masked = list(text)
    for m in mentions:
        if not m.anaphor:
            masked[m.start:m.end] = "\0" * (m.end - m.start)
    plain = "".join(masked)
    index = NameIndex((n, e.id) for e in atlas.entities.values() for n in e.names)
    seen: set[str] = set()
    found = []
    for match in NAME_RUN.finditer(plain):
        words = match.group(0).split(" ")
        start = match.start()
        while words and (words[0] in _LEADING or words[0] in CONNECTORS or words[0].rstrip(".") in TITLES):
            start += len(words.pop(0)) + 1
        while words and words[-1] in CONNECTORS:
            words.pop()
        words = [w for w in words]
        if len(words) < 2 or _at_sentence_start_only(words, plain, start):
            continue
        name = " ".join(words).removesuffix("’s").removesuffix("'s")
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        before = text[max(0, start - 30):start]
        likeness = index.similar(name)
        type_id = guess_type(name, before, plain[start + len(name):start + len(name) + 240])
        if likeness:
            found.append(NewName(name, likeness[0].owner, type_id, start, alias_of=likeness[0].owner,
                                 reason=f"looks like '{likeness[0].name}': {likeness[0].reason}"))
        elif type_id:
            found.append(NewName(name, slugify(name), type_id, start))
    return found


def _at_sentence_start_only(words: list[str], text: str, start: int) -> bool:
    """Two words whose first is capitalised only because it starts a sentence ('Recent achievements')."""
    return len(words) == 2 and words[1][:1].islower()


def names_in(new: list[NewName], text: str) -> list[Mention]:
    """Every place a new entity (not an alias proposal) is named, as mentions of its would-be id."""
    found = []
    for name in new:
        for match in re.finditer(rf"(?<!\w){re.escape(name.name)}(?!\w)", text):
            found.append(Mention(name.alias_of or name.id, match.start(), match.end()))
    return found
