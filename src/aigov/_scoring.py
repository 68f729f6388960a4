"""Score what an extractor found in press reports against hand-made gold.

The rules are those of issue 15 ("Quality: measured on real reports"), applied
to the development set in ``tests/data/reports`` (its README describes the gold
files). Precision, recall and F1 are micro-averaged: the counts of every report
are added up before the ratios are taken.

- *speakers*: named people. A gold and an extracted name match when they are
  equal after :func:`normalise` (case folding, accent removal, punctuation and
  whitespace normalisation), or when the words of one are a subset of the
  other's and they share at least two words ("Andrew Yao" and "Andrew Chi-Chih
  Yao").
- *titles*, per matched speaker: a gold title matches an extracted one when
  they are equal after normalisation or one contains the other as whole words
  ("vice-minister" and "executive vice-minister").
- *organisations*, per matched speaker: each gold string is compared with every
  name variant (name, abbreviation, aliases) of the organisations in the
  speaker's role chains -- a role's organisation followed by its parents --, a
  leading "the" ignored. Every distinct organisation in those chains is a
  prediction, so a parent the gold does not give counts against precision.
- *statements*, per matched speaker: a gold and an extracted statement match
  when the words they share are at least 0.6 of the gold statement's words and
  at least 0.3 of the extracted one's (words counted with repetition).
- *verbs*, per matched speaker: the set of reporting verbs, compared after
  normalisation.

Matching is one to one everywhere, with as many pairs as possible. The items of
a speaker who is not matched still count: a missed gold speaker's titles,
organisations, statements and verbs are all missed, and an invented speaker's
are all wrong. Duplicates within a speaker's titles, organisations or verbs
(after normalisation) count once; statements count as often as they are given,
except those without a single word. Strings that normalise to nothing are
ignored on both sides.

The input is plain data, so that gold files can be scored as loaded from JSON
and any extractor can be scored by building :class:`Prediction` dictionaries.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from typing import NotRequired, TypedDict, TypeVar

_G = TypeVar("_G")
_E = TypeVar("_E")
_Speaker = TypeVar("_Speaker", "GoldSpeaker", "PredictedSpeaker")

#: A statement matches when the shared words are at least this share of the
#: gold statement's words ...
GOLD_WORDS_SHARED = 0.6
#: ... and at least this share of the extracted statement's words.
EXTRACTED_WORDS_SHARED = 0.3
#: Names whose words are a subset of the other's must share this many words.
SUBSET_NAME_WORDS = 2

FIELDS = ("speakers", "titles", "organizations", "statements", "verbs")


class GoldSpeaker(TypedDict):
    """A named person in a gold file, every string as the report writes it."""

    name: str
    titles: list[str]
    organizations: list[str]
    verbs: list[str]
    statements: list[str]


class Gold(TypedDict):
    """A gold file; only ``speakers`` is scored."""

    report: str
    speakers: list[GoldSpeaker]
    half: NotRequired[str]
    patterns: NotRequired[list[str]]
    not_speakers: NotRequired[list[str]]
    delegations: NotRequired[list[dict[str, object]]]
    groups: NotRequired[list[dict[str, object]]]


class PredictedSpeaker(TypedDict):
    """A person an extractor found.

    ``organizations`` holds one chain per role: the role's organisation first,
    then its parent, its parent's parent, ...; each organisation is the list of
    its name variants (name, abbreviation, aliases). A role without an
    organisation contributes an empty chain (or none).
    """

    name: str
    titles: list[str]
    organizations: list[list[list[str]]]
    verbs: list[str]
    statements: list[str]


class Prediction(TypedDict):
    """What an extractor found in one report: its named people.

    Only people (speakers of kind ``person``) belong here: delegations and
    groups are not scored.
    """

    speakers: list[PredictedSpeaker]


@dataclasses.dataclass(frozen=True)
class FieldScore:
    """The counts for one field, and the ratios they give.

    Attributes:
        matched: Gold items paired with an extracted item.
        gold: Gold items.
        predicted: Extracted items.
    """

    matched: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        """Matched over predicted; 1.0 when nothing was predicted."""
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Matched over gold; 1.0 when the gold has nothing."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall; 0.0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: FieldScore) -> FieldScore:
        return FieldScore(
            self.matched + other.matched,
            self.gold + other.gold,
            self.predicted + other.predicted,
        )


@dataclasses.dataclass(frozen=True)
class Scores:
    """The per-field counts over one or more reports.

    Attributes:
        speakers: Named people.
        titles: Titles of matched speakers.
        organizations: Organisations of matched speakers.
        statements: Statements of matched speakers.
        verbs: Reporting verbs of matched speakers.
        reports: How many reports were scored.
    """

    speakers: FieldScore = FieldScore()
    titles: FieldScore = FieldScore()
    organizations: FieldScore = FieldScore()
    statements: FieldScore = FieldScore()
    verbs: FieldScore = FieldScore()
    reports: int = 0

    def fields(self) -> dict[str, FieldScore]:
        """Return the field scores by field name, in table order."""
        return {name: getattr(self, name) for name in FIELDS}

    def __add__(self, other: Scores) -> Scores:
        mine, theirs = self.fields(), other.fields()
        summed = {name: mine[name] + theirs[name] for name in FIELDS}
        return Scores(**summed, reports=self.reports + other.reports)


def normalise(text: str) -> str:
    """Fold case, drop accents, and turn punctuation and whitespace into single spaces.

    Accents are what Unicode's NFKD decomposition splits off a letter ("é",
    "ė", "ç"); letters it does not split ("ø", "ł", "ß") are kept, so that the
    score never depends on a transliteration table.

    >>> normalise("  Navickienė,  Vice-Minister ")
    'navickiene vice minister'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (
        c if c.isalnum() else " "
        for c in decomposed.casefold()
        if not unicodedata.combining(c)
    )
    return " ".join("".join(kept).split())


def _words(text: str) -> list[str]:
    return normalise(text).split()


def _without_article(text: str) -> str:
    words = _words(text)
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def names_match(gold: str, extracted: str) -> bool:
    """Whether two names are the same person's by the speakers rule."""
    a, b = normalise(gold), normalise(extracted)
    if not a or not b:
        return False
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    return (wa <= wb or wb <= wa) and len(wa & wb) >= SUBSET_NAME_WORDS


def titles_match(gold: str, extracted: str) -> bool:
    """Whether two titles match: equal, or one inside the other as whole words."""
    a, b = normalise(gold), normalise(extracted)
    if not a or not b:
        return False
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def organization_matches(gold: str, variants: Iterable[str]) -> bool:
    """Whether a gold organisation string is one of an organisation's names."""
    wanted = _without_article(gold)
    return bool(wanted) and any(_without_article(v) == wanted for v in variants)


def statements_match(gold: str, extracted: str) -> bool:
    """Whether two statements share enough words, by the statements rule."""
    gold_words, extracted_words = Counter(_words(gold)), Counter(_words(extracted))
    if not gold_words or not extracted_words:
        return False
    shared = (gold_words & extracted_words).total()
    return (
        shared >= GOLD_WORDS_SHARED * gold_words.total()
        and shared >= EXTRACTED_WORDS_SHARED * extracted_words.total()
    )


def _max_matching(
    gold: Sequence[_G], extracted: Sequence[_E], match: Callable[[_G, _E], bool]
) -> list[tuple[int, int]]:
    """Pair gold and extracted items one to one, as many pairs as possible.

    Augmenting paths found breadth first (no recursion, whatever the sizes);
    a free partner at the shortest distance is taken first, so that two equal
    lists pair each item with its copy.
    """
    edges = [[j for j, e in enumerate(extracted) if match(g, e)] for g in gold]
    owner: dict[int, int] = {}
    partner: dict[int, int] = {}
    for start in range(len(gold)):
        reached_from: dict[int, int] = {}
        queue = deque([start])
        free = None
        while queue and free is None:
            i = queue.popleft()
            for j in edges[i]:
                if j in reached_from:
                    continue
                reached_from[j] = i
                if j not in owner:
                    free = j
                    break
                queue.append(owner[j])
        while free is not None:
            i = reached_from[free]
            previous = partner.get(i)
            owner[free], partner[i] = i, free
            free = previous
    return sorted(partner.items())


def _field(
    gold: Sequence[str],
    extracted: Sequence[str],
    match: Callable[[str, str], bool],
) -> FieldScore:
    pairs = _max_matching(gold, extracted, match)
    return FieldScore(len(pairs), len(gold), len(extracted))


def _distinct(values: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(normalise(value), value)
    return [value for key, value in seen.items() if key]


def _organizations(speaker: PredictedSpeaker) -> list[frozenset[str]]:
    distinct: dict[frozenset[str], None] = {}
    for chain in speaker["organizations"]:
        for variants in chain:
            names = frozenset(n for n in map(_without_article, variants) if n)
            if names:
                distinct[names] = None
    return list(distinct)


def _organization_field(
    gold: GoldSpeaker | None, extracted: PredictedSpeaker | None
) -> FieldScore:
    wanted = list(
        dict.fromkeys(
            k for k in map(_without_article, gold["organizations"] if gold else []) if k
        )
    )
    found = _organizations(extracted) if extracted else []
    pairs = _max_matching(wanted, found, lambda name, names: name in names)
    return FieldScore(len(pairs), len(wanted), len(found))


def _speaker_scores(
    gold: GoldSpeaker | None, extracted: PredictedSpeaker | None
) -> Scores:
    """Score one gold speaker against its match; either side may be missing."""
    return Scores(
        speakers=FieldScore(
            int(gold is not None and extracted is not None),
            int(gold is not None),
            int(extracted is not None),
        ),
        titles=_field(
            _distinct(gold["titles"] if gold else []),
            _distinct(extracted["titles"] if extracted else []),
            titles_match,
        ),
        organizations=_organization_field(gold, extracted),
        statements=_field(
            _worded(gold["statements"] if gold else []),
            _worded(extracted["statements"] if extracted else []),
            statements_match,
        ),
        verbs=_field(
            _distinct(gold["verbs"] if gold else []),
            _distinct(extracted["verbs"] if extracted else []),
            _same_verb,
        ),
    )


def _worded(statements: Iterable[str]) -> list[str]:
    return [statement for statement in statements if _words(statement)]


def _same_verb(gold: str, extracted: str) -> bool:
    return normalise(gold) == normalise(extracted)


def _canonical(speakers: Iterable[_Speaker]) -> list[_Speaker]:
    # Matching walks the lists in order; sorting them on their content first
    # makes the result independent of the order a report or extractor gives.
    return sorted(
        speakers, key=lambda s: (normalise(s["name"]), repr(sorted(s.items())))
    )


def score_report(gold: Gold, prediction: Prediction) -> Scores:
    """Score what was extracted from one report against its gold.

    Speakers are paired one to one by :func:`names_match`, exact matches
    (after normalisation) first, then the word-subset ones; each pair's titles,
    organisations, statements and verbs are then scored, and the items of
    unpaired speakers count as missed (gold) or wrong (extracted).
    """
    wanted = _canonical(gold["speakers"])
    found = _canonical(prediction["speakers"])
    # A name that normalises to nothing matches no name, not even another
    # such: as names_match says.
    exact = _max_matching(
        wanted,
        found,
        lambda g, e: normalise(g["name"]) == normalise(e["name"]) != "",
    )
    paired_gold = {i for i, _ in exact}
    paired_found = {j for _, j in exact}
    rest_gold = [i for i in range(len(wanted)) if i not in paired_gold]
    rest_found = [j for j in range(len(found)) if j not in paired_found]
    loose = _max_matching(
        rest_gold,
        rest_found,
        lambda i, j: names_match(wanted[i]["name"], found[j]["name"]),
    )
    pairs = exact + [(rest_gold[a], rest_found[b]) for a, b in loose]
    total = Scores(reports=1)
    for i, j in pairs:
        total += _speaker_scores(wanted[i], found[j])
    for i in set(range(len(wanted))) - {i for i, _ in pairs}:
        total += _speaker_scores(wanted[i], None)
    for j in set(range(len(found))) - {j for _, j in pairs}:
        total += _speaker_scores(None, found[j])
    return total


def score(pairs: Iterable[tuple[Gold, Prediction]]) -> Scores:
    """Score many reports, micro-averaged: the sum of their counts."""
    total = Scores()
    for gold, prediction in pairs:
        total += score_report(gold, prediction)
    return total


_FIELD_WIDTH = max(map(len, FIELDS))


def format_table(scores: Scores) -> str:
    """Return the per-field table of precision, recall, F1 and counts.

    >>> print(format_table(Scores(speakers=FieldScore(9, 10, 9), reports=2)))
    field              P      R     F1  matched   gold  predicted
    speakers       1.000  0.900  0.947        9     10          9
    titles         1.000  1.000  1.000        0      0          0
    organizations  1.000  1.000  1.000        0      0          0
    statements     1.000  1.000  1.000        0      0          0
    verbs          1.000  1.000  1.000        0      0          0
    2 reports
    """
    width = _FIELD_WIDTH
    header = (
        f"{'field':<{width}} {'P':>6} {'R':>6} {'F1':>6} {'matched':>8} {'gold':>6}"
    )
    rows = [f"{header} {'predicted':>10}"]
    rows.extend(
        f"{name:<{width}} {field.precision:6.3f} {field.recall:6.3f} {field.f1:6.3f}"
        f" {field.matched:8d} {field.gold:6d} {field.predicted:10d}"
        for name, field in scores.fields().items()
    )
    rows.append(f"{scores.reports} report{'' if scores.reports == 1 else 's'}")
    return "\n".join(rows)
