"""The development set of press reports and their hand-made gold annotations.

Every string a gold file records must occur in its report (after collapsing runs
of whitespace to one space), so the gold cannot drift from the text it describes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPORTS = Path(__file__).parent / "data" / "reports"
HALVES = ("frozen", "dev")
MIN_PER_PATTERN = 2
MIN_FROZEN = 12
MIN_TOTAL = 24
MIN_WORDS = 150
MAX_WORDS = 600
# The seed is the real report the bundled forum comes from, kept whole.
SEED = "seed"
SPEAKER_KEYS = {"name", "titles", "organizations", "verbs", "statements"}
GOLD_KEYS = {
    "report",
    "half",
    "patterns",
    "speakers",
    "not_speakers",
    "delegations",
    "groups",
}


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def report_paths() -> list[Path]:
    return sorted(REPORTS.glob("*/*.txt"))


def gold_paths() -> list[Path]:
    return sorted(REPORTS.glob("*/*.gold.json"))


def load_gold(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def gold_of(report: Path) -> dict[str, Any]:
    return load_gold(report.with_name(report.stem + ".gold.json"))


def documented_patterns() -> dict[str, set[str]]:
    """Parse the pattern table of the README: tag -> the reports it names."""
    readme = (REPORTS / "README.md").read_text(encoding="utf-8")
    table: dict[str, set[str]] = {}
    for match in re.finditer(
        r"^\| `([a-z-]+)` \|[^|]*\|([^|]*)\|$", readme, re.MULTILINE
    ):
        table[match[1]] = set(re.findall(r"`([a-z0-9-]+)`", match[2]))
    return table


ALL_REPORTS = report_paths()


def test_every_report_has_a_gold_file_and_every_gold_file_a_report() -> None:
    """Reports and gold files pair up one to one."""
    reports = {p.with_suffix("") for p in report_paths()}
    golds = {p.with_name(p.name.removesuffix(".gold.json")) for p in gold_paths()}
    assert reports
    assert reports == golds


def test_the_halves_have_their_sizes() -> None:
    """At least 12 frozen reports and 24 in all, the seed in the dev half."""
    frozen = list((REPORTS / "frozen").glob("*.txt"))
    dev = list((REPORTS / "dev").glob("*.txt"))
    assert len(frozen) >= MIN_FROZEN
    assert len(frozen) + len(dev) >= MIN_TOTAL
    assert (REPORTS / "dev" / "seed.txt").exists()


@pytest.mark.parametrize("report", ALL_REPORTS, ids=lambda p: p.stem)
def test_gold_names_its_report_and_half(report: Path) -> None:
    """A gold file names its report and the half its folder is."""
    gold = gold_of(report)
    assert set(gold) == GOLD_KEYS
    assert gold["report"] == report.name
    assert gold["half"] == report.parent.name
    assert gold["half"] in HALVES


@pytest.mark.parametrize("report", ALL_REPORTS, ids=lambda p: p.stem)
def test_report_is_a_plain_article(report: Path) -> None:
    """A headline line, blank-line paragraphs, 150 to 600 words (the seed excepted)."""
    text = report.read_text(encoding="utf-8")
    words = len(text.split())
    assert report.stem == SEED or MIN_WORDS <= words <= MAX_WORDS, words
    headline, blank, *_ = text.split("\n", 2)
    assert headline.strip()
    assert not blank.strip()
    assert "\n\n\n" not in text.strip()


@pytest.mark.parametrize("report", ALL_REPORTS, ids=lambda p: p.stem)
def test_every_gold_string_occurs_in_the_report(report: Path) -> None:
    """Names, titles, organisations, verbs and statements are quoted from the text."""
    text = normalise_space(report.read_text(encoding="utf-8"))
    gold = gold_of(report)
    missing: list[str] = []
    for speaker in gold["speakers"]:
        assert set(speaker) == SPEAKER_KEYS
        strings = [speaker["name"], *speaker["titles"], *speaker["organizations"]]
        strings += speaker["verbs"] + speaker["statements"]
        missing += [s for s in strings if normalise_space(s) not in text]
    missing += [n for n in gold["not_speakers"] if normalise_space(n) not in text]
    for other in gold["delegations"] + gold["groups"]:
        strings = [other["name"], *other["verbs"]]
        missing += [s for s in strings if normalise_space(s) not in text]
    assert not missing


@pytest.mark.parametrize("report", ALL_REPORTS, ids=lambda p: p.stem)
def test_gold_has_no_duplicates(report: Path) -> None:
    """No speaker, and no string within a speaker's field, is recorded twice."""
    gold = gold_of(report)
    names = [s["name"] for s in gold["speakers"]] + gold["not_speakers"]
    assert len(names) == len(set(names))
    for speaker in gold["speakers"]:
        for field in ("titles", "organizations", "verbs", "statements"):
            assert len(speaker[field]) == len(set(speaker[field])), field
    assert len(gold["patterns"]) == len(set(gold["patterns"]))


# How far from a statement its reporting verb may stand: "said in his opening
# speech that ..." before it, "..., Zhou said." or '"...," she told reporters' after.
VERB_BEFORE = 70
VERB_AFTER = 45


def verbs_near(text: str, statement: str, verbs: list[str]) -> set[str]:
    """The speaker's verbs that stand where they could introduce *statement*."""
    start = text.index(statement)
    before = text[max(0, start - VERB_BEFORE) : start]
    after = text[start + len(statement) : start + len(statement) + VERB_AFTER]
    near = {v for v in verbs if v in before}
    if statement.startswith('"'):
        near |= {v for v in verbs if v in after or v in statement}
    elif after.startswith(", "):
        near |= {v for v in verbs if v in after}
    return near


@pytest.mark.parametrize("report", ALL_REPORTS, ids=lambda p: p.stem)
def test_statements_and_verbs_go_together(report: Path) -> None:
    """Each statement stands by one of its speaker's verbs, and each verb by a statement.

    A statement introduced by "Her message?" needs no verb.
    """
    text = normalise_space(report.read_text(encoding="utf-8"))
    for speaker in gold_of(report)["speakers"]:
        used: set[str] = set()
        for statement in map(normalise_space, speaker["statements"]):
            near = verbs_near(text, statement, speaker["verbs"])
            lead = text[: text.index(statement)]
            assert near or lead.endswith("message? "), (speaker["name"], statement)
            used |= near
        assert used == set(speaker["verbs"]), speaker["name"]


@pytest.mark.parametrize("report", ALL_REPORTS, ids=lambda p: p.stem)
def test_verbs_come_with_statements(report: Path) -> None:
    """A speaker with a reporting verb has a statement, and a statement a verb or a quote."""
    for speaker in gold_of(report)["speakers"]:
        assert bool(speaker["verbs"]) <= bool(speaker["statements"]), speaker["name"]


def test_every_pattern_is_documented_and_covered_twice() -> None:
    """The README's pattern table is exactly the tags the gold files use, each twice or more."""
    documented = documented_patterns()
    used: dict[str, set[str]] = {}
    for report in report_paths():
        for tag in gold_of(report)["patterns"]:
            used.setdefault(tag, set()).add(report.stem)
    assert documented == used
    counts = Counter({tag: len(stems) for tag, stems in used.items()})
    assert all(n >= MIN_PER_PATTERN for n in counts.values()), counts


@dataclass(frozen=True)
class Annotated:
    """A report's text (whitespace collapsed) with its gold."""

    text: str
    gold: dict[str, Any]

    @property
    def names(self) -> list[str]:
        """Everyone the gold names, speaking or not."""
        speakers: list[str] = [s["name"] for s in self.gold["speakers"]]
        others: list[str] = self.gold["not_speakers"]
        return speakers + others

    @property
    def quotes(self) -> list[str]:
        """The statements that are quotations."""
        return [
            t
            for s in self.gold["speakers"]
            for t in s["statements"]
            if t.startswith('"')
        ]

    def matches(self, pattern: str, flags: int = 0) -> bool:
        """Whether the text contains a match of *pattern*."""
        return re.search(pattern, self.text, flags) is not None


def has_title_before_name(report: Annotated) -> bool:
    return any(
        report.matches(re.escape(title) + r" (?:Dr\. )?" + re.escape(s["name"]))
        for s in report.gold["speakers"]
        for title in s["titles"]
    )


def has_name_then_title(report: Annotated) -> bool:
    return any(
        report.matches(re.escape(s["name"]) + r", (?:a |the )?" + re.escape(title))
        for s in report.gold["speakers"]
        for title in s["titles"]
    )


def has_statement_before_attribution(report: Annotated) -> bool:
    return any(
        f"{statement}, " in report.text
        for s in report.gold["speakers"]
        for statement in s["statements"]
        if not statement.startswith('"')
    )


def has_speaker_with_two_organisations(report: Annotated) -> bool:
    return any(len(s["organizations"]) >= 2 for s in report.gold["speakers"])


QUALIFIER = (
    r"\b(?:[Mm]ore than|[Oo]ver|[Nn]early|[Aa]bout|[Aa]round|[Ss]ome|[Rr]oughly) \d"
)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
PARTIAL_DATE = rf"\b(?:{MONTHS}|Jan|Feb|Sept|Oct|Nov|Dec)\b|\bthis (?:week|month)\b"
PRONOUN = r"(?:^|[.,] )(?:[Hh]e|[Ss]he|Her|His) "

# What a tag promises that can be seen in the text or the gold; tags missing
# here (chinese-name-pinyin) are checked by reading.
CHECKS: dict[str, Callable[[Annotated], bool]] = {
    "according-to": lambda r: any(
        r.matches(r"according to (?:Dr\. |Ms\. |Mr\. )?" + re.escape(s["name"]))
        for s in r.gold["speakers"]
    ),
    "accented-name": lambda r: any(not n.isascii() for n in r.names),
    "and-other-countries": lambda r: "and other countries" in r.text,
    "capitalised-name": lambda r: any(re.search(r"\b[A-Z]{2,}\b", n) for n in r.names),
    "chinese-characters": lambda r: r.matches("[\u4e00-\u9fff]"),
    "delegation-speaks": lambda r: bool(r.gold["delegations"]),
    "historical-figure": lambda r: bool(r.gold["not_speakers"]),
    "hyphenated-name": lambda r: any("-" in n for n in r.names),
    "initials": lambda r: any(re.search(r"\b[A-Z]\.", n) for n in r.names),
    "multi-sentence-quote": lambda r: any(". " in q for q in r.quotes),
    "name-title-of-org": has_name_then_title,
    "named-not-speaking": lambda r: bool(r.gold["not_speakers"]),
    "org-possessive-title-name": lambda r: r.matches(r"'s [a-zA-Z -]+"),
    "partial-date": lambda r: r.matches(PARTIAL_DATE),
    "photo-credit": lambda r: r.matches(r"\bPhoto\b"),
    "pronoun-continuation": lambda r: r.matches(PRONOUN, re.MULTILINE),
    "qualified-attendance": lambda r: r.matches(QUALIFIER),
    "quote-first": lambda r: bool(r.quotes),
    "session-intro": lambda r: r.matches(
        "session titled|opening ceremony hosted by", re.IGNORECASE
    ),
    "speaker-list": lambda r: "includ" in r.text and ";" in r.text,
    "statement-before-attribution": has_statement_before_attribution,
    "title-before-name": has_title_before_name,
    "title-name": has_title_before_name,
    "two-titles-two-orgs": has_speaker_with_two_organisations,
    "unit-of-parent": has_speaker_with_two_organisations,
    "unnamed-group": lambda r: bool(r.gold["groups"]),
    "video-address": lambda r: r.matches(r"\bvideo (?:address|message|speech)\b"),
}


@pytest.mark.parametrize("report", ALL_REPORTS, ids=lambda p: p.stem)
def test_pattern_tags_are_borne_out_by_the_text(report: Path) -> None:
    """Each tag a report claims shows in its text or gold where that can be checked."""
    annotated = Annotated(
        normalise_space(report.read_text(encoding="utf-8")), gold_of(report)
    )
    tags = annotated.gold["patterns"]
    assert not [tag for tag in tags if tag in CHECKS and not CHECKS[tag](annotated)]


def test_seed_is_the_real_report_without_its_page_footer() -> None:
    """dev/seed.txt is tests/data/forum-2021-report.txt cut before the site's footer."""
    original = (REPORTS.parent / "forum-2021-report.txt").read_text(encoding="utf-8")
    body = original[: original.index("Most Viewed in 24 Hours")].rstrip() + "\n"
    assert (REPORTS / "dev" / "seed.txt").read_text(encoding="utf-8") == body


def test_seed_statements_are_the_bundled_forums() -> None:
    """The seed's gold statements and verbs are those the bundled forum encodes."""
    bundled = json.loads(
        (Path(__file__).parents[1] / "src/aigov/datasets/tsinghua-2021.json").read_text(
            encoding="utf-8"
        )
    )
    names = {s["id"]: s["name"] for s in bundled["speakers"]}
    expected: dict[str, list[str]] = {name: [] for name in names.values()}
    verbs: dict[str, set[str]] = {name: set() for name in names.values()}
    for session in bundled["sessions"]:
        for statement in session["statements"]:
            expected[names[statement["speaker_id"]]].append(statement["text"])
            verbs[names[statement["speaker_id"]]].add(statement["verb"])
    gold = load_gold(REPORTS / "dev" / "seed.gold.json")
    assert {s["name"]: s["statements"] for s in gold["speakers"]} == expected
    assert {s["name"]: set(s["verbs"]) for s in gold["speakers"]} == verbs
