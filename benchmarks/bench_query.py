"""Benchmark aigov.query: indexed queries against linear scans of the same forum.

Builds a deterministic synthetic forum (by default 10,000 speakers and 100,000
statements), then times, in one process:

* the first ``speakers(f, country=c)`` call, which builds the indexes it needs;
* the second and later calls, answered from the indexes;
* a linear scan over ``f.speakers`` that computes the same answer (own country,
  or a role in an organisation of the country or inside one);
* the cheapest conceivable scan, one attribute test per speaker
  (``s.country == c``), as a floor for any scan.

and, for ``statements(f, contains=word)`` with an English and a Chinese
word (60% of the statements are written in Chinese, so that well over 30% of
the text's characters are not ASCII): the first call on a forum, which builds
the text index (each round forgets the index, so each pays for it), a plain
scan of every statement with the same matching rules, later calls, and a
later call with a word not asked before.  It reports medians and the ratios.
The targets: the second ``speakers`` call at least 100 times faster than the
linear scan; the first ``contains`` query at most 1.5 times the plain scan.

Run it with::

    python benchmarks/bench_query.py
    python benchmarks/bench_query.py --speakers 200 --statements 1000  # quick
"""

from __future__ import annotations

import argparse
import datetime
import gc
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable

import pycountry

import aigov
from aigov import _index as index_module
from aigov import query
from aigov._match import phrase_in, words

_WORDS = [
    "ai",
    "governance",
    "safety",
    "security",
    "privacy",
    "ethics",
    "cooperation",
    "development",
    "innovation",
    "regulation",
    "research",
    "inclusion",
    "data",
    "model",
    "risk",
    "trust",
    "rules",
    "standards",
    "education",
    "health",
    "climate",
    "global",
    "national",
    "open",
    "fair",
    "agile",
    "responsible",
    "human",
    "rights",
    "values",
    "norms",
    "framework",
    "system",
    "digital",
    "divide",
]
# Chinese text is normal in this field: a share of the statements are written
# in it (with the odd Latin acronym), so that the text index meets CJK text at
# the rate users' data has it.
_CHINESE_WORDS = [
    "人工智能",
    "治理",
    "安全",
    "隐私",
    "伦理",
    "合作",
    "发展",
    "创新",
    "监管",
    "研究",
    "包容",
    "数据",
    "模型",
    "风险",
    "信任",
    "规则",
    "标准",
    "教育",
    "健康",
    "气候",
    "全球",
    "国家",
    "开放",
    "公平",
    "敏捷",
    "负责任",
    "以人为本",
    "权利",
    "价值观",
    "框架",
    "数字鸿沟",
    "AI",
]
_TOPICS = sorted(aigov.datasets.TOPICS)
_KINDS = list(aigov.OrganizationKind)


def _text(rng: random.Random, *, chinese: float) -> str:
    if rng.random() < chinese:
        picked = rng.choices(_CHINESE_WORDS, k=rng.randint(10, 40))
        return (
            "\uff0c".join("".join(picked[i : i + 4]) for i in range(0, len(picked), 4))
            + "\u3002"
        )
    return " ".join(rng.choices(_WORDS, k=rng.randint(8, 30)))


def build_forum(
    *,
    speakers: int,
    statements: int,
    organizations: int,
    seed: int,
    chinese: float = 0.6,
) -> aigov.Forum:
    """A valid forum of the given size, the same for the same arguments.

    A share *chinese* of the statements are written in Chinese.
    """
    rng = random.Random(seed)
    countries = sorted(c.alpha_2 for c in pycountry.countries)[:60]
    orgs: list[aigov.Organization] = []
    tops = max(1, organizations // 4)
    for i in range(organizations):
        if i < tops:
            org = aigov.Organization(
                id=f"org-{i}",
                name=f"Organisation {i}",
                kind=rng.choice(_KINDS),
                country=rng.choice([*countries, None]),
            )
        else:
            # Units inside earlier organisations inherit their country.
            org = aigov.Organization(
                id=f"org-{i}",
                name=f"Unit {i}",
                kind=aigov.OrganizationKind.GOVERNMENT,
                parent_id=f"org-{rng.randrange(i)}",
            )
        orgs.append(org)
    people = [
        aigov.Speaker(
            id=f"speaker-{i}",
            name=f"Speaker {i}",
            country=rng.choice(countries) if rng.random() < 0.1 else None,  # noqa: PLR2004
            roles=tuple(
                aigov.Role(
                    title=rng.choice(["minister", "dean", "director", "professor"]),
                    organization_id=f"org-{rng.randrange(organizations)}",
                )
                for _ in range(rng.randint(0, 3))
            ),
        )
        for i in range(speakers)
    ]
    sessions: list[aigov.Session] = []
    per_session = 1000
    made = 0
    while made < statements:
        count = min(per_session, statements - made)
        said = tuple(
            aigov.Statement(
                id=f"statement-{made + j}",
                speaker_id=f"speaker-{rng.randrange(speakers)}",
                text=_text(rng, chinese=chinese),
                topics=tuple(sorted(set(rng.choices(_TOPICS, k=2)))),
            )
            for j in range(count)
        )
        sessions.append(
            aigov.Session(
                id=f"session-{len(sessions)}",
                title=f"Session {len(sessions)}",
                kind=aigov.SessionKind.PANEL,
                statements=said,
            )
        )
        made += count
    return aigov.Forum(
        name="Synthetic Forum",
        start_date=datetime.date(2024, 1, 1),
        organizations=tuple(orgs),
        speakers=tuple(people),
        sessions=tuple(sessions),
    )


def scan_country(forum: aigov.Forum, code: str) -> tuple[aigov.Speaker, ...]:
    """What speakers(forum, country=code) selects, by a linear scan."""
    by_id = {org.id: org for org in forum.organizations}  # as a scan would have

    def in_country(org_id: str | None) -> bool:
        while org_id is not None:
            org = by_id[org_id]
            if org.country == code:
                return True
            org_id = org.parent_id
        return False

    return tuple(
        s
        for s in forum.speakers
        if s.country == code or any(in_country(r.organization_id) for r in s.roles)
    )


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Seconds per call, *repeat* calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def describe(label: str, times: list[float]) -> str:
    """One line: the median and the range, in microseconds."""
    median = statistics.median(times) * 1e6
    return (
        f"  {label:<46} median {median:>11,.1f} us"
        f"  (min {min(times) * 1e6:,.1f}, max {max(times) * 1e6:,.1f}, n={len(times)})"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speakers", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--organizations", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument(
        "--chinese",
        type=float,
        default=0.6,
        help="share of the statements written in Chinese (default 0.6)",
    )
    parser.add_argument("--repeat", type=int, default=200, help="indexed calls timed")
    args = parser.parse_args(argv)

    print(f"python {platform.python_version()} on {platform.machine()}, {sys.platform}")
    start = time.perf_counter()
    forum = build_forum(
        speakers=args.speakers,
        statements=args.statements,
        organizations=args.organizations,
        seed=args.seed,
        chinese=args.chinese,
    )
    # The forum lives through the run: collections need not walk it again.
    gc.collect()
    gc.freeze()
    print(
        f"forum: {len(forum.speakers):,} speakers, {len(forum.all_statements()):,} "
        f"statements, {len(forum.organizations):,} organisations "
        f"(built in {time.perf_counter() - start:.1f} s)"
    )

    # A country of middling size: neither empty nor most of the forum.
    sizes = sorted(
        (len(scan_country(forum, org.country)), org.country)
        for org in forum.organizations[:200]
        if org.country is not None
    )
    size, code = sizes[len(sizes) // 2]
    scans = max(3, min(30, args.repeat // 10))

    print(
        f"\nspeakers(f, country={code!r}): {size} of {len(forum.speakers):,} speakers"
    )
    first = timed(lambda: query.speakers(forum, country=code), 1)
    indexed = timed(lambda: query.speakers(forum, country=code), args.repeat)
    scan = timed(lambda: scan_country(forum, code), scans)
    floor = timed(lambda: [s for s in forum.speakers if s.country == code], scans)
    assert query.speakers(forum, country=code) == scan_country(forum, code)  # noqa: S101
    print(describe("first call (builds the indexes it needs)", first))
    print(describe("later calls (indexed)", indexed))
    print(describe("linear scan with the same meaning", scan))
    print(describe("cheapest scan (s.country == c only)", floor))
    ratio = statistics.median(scan) / statistics.median(indexed)
    floor_ratio = statistics.median(floor) / statistics.median(indexed)
    verdict = "meets" if ratio >= 100 else "MISSES"  # noqa: PLR2004
    print(f"  ratio scan/indexed: {ratio:,.0f}x ({verdict} the 100x target)")
    print(f"  ratio cheapest scan/indexed: {floor_ratio:,.0f}x")

    said = forum.all_statements()
    share = non_ascii_share(said)
    print(f"\nstatement text: {share:.0%} of its characters are non-ASCII")
    rounds = max(3, min(9, args.repeat // 20))
    for word, other in (("privacy", "trust"), ("治理", "风险")):
        report_contains(forum, word, other, rounds=rounds, repeat=max(3, scans))
    return 0


def non_ascii_share(said: tuple[aigov.Statement, ...]) -> float:
    """The share of the characters of the statements' text that are not ASCII."""
    total = sum(len(s.text) for s in said)
    ascii_ = sum(len(s.text.encode("ascii", "ignore")) for s in said)
    return (total - ascii_) / total if total else 0.0


def report_contains(
    forum: aigov.Forum, word: str, other: str, *, rounds: int, repeat: int
) -> None:
    """Time statements(f, contains=word): first call, later calls, and a scan.

    The first call on a forum builds the text index; each round forgets the
    forum's index first, so that every round pays for that again.  Rounds
    alternate with the scan, in shuffled order, so that both meet the same
    machine state.
    """
    phrase = words(word)
    said = forum.all_statements()

    def scan() -> list[aigov.Statement]:
        return [s for s in said if phrase_in(phrase, s.text)]

    def first() -> tuple[aigov.Statement, ...]:
        index_module._INDEXES.clear()  # noqa: SLF001 - a fresh forum, as a user's first query meets
        return query.statements(forum, contains=word)

    expected = scan()
    print(f"\nstatements(f, contains={word!r}): {len(expected):,} of {len(said):,}")
    firsts: list[float] = []
    scans: list[float] = []
    news: list[float] = []
    order = random.Random(len(said))
    for _ in range(rounds):
        steps = [("first", first), ("scan", scan)]
        order.shuffle(steps)
        for name, step in steps:
            gc.collect()
            start = time.perf_counter()
            step()
            elapsed = time.perf_counter() - start
            (firsts if name == "first" else scans).append(elapsed)
            if name == "first":
                # The index is fresh: a word not asked before pays for its own
                # postings, once.
                news.extend(timed(lambda: query.statements(forum, contains=other), 1))
    indexed = timed(lambda: query.statements(forum, contains=word), repeat)
    assert list(query.statements(forum, contains=word)) == expected  # noqa: S101
    print(describe("first call on the forum (builds the text index)", firsts))
    print(describe("later calls, same words (indexed)", indexed))
    print(describe(f"later call, a new word ({other!r})", news))
    print(describe("plain scan with the same matching rules", scans))
    ratio = statistics.median(firsts) / statistics.median(scans)
    verdict = "meets" if ratio <= 1.5 else "MISSES"  # noqa: PLR2004
    print(
        f"  ratio first contains query/plain scan: {ratio:.2f}x ({verdict} the 1.5x target)"
    )
    ratio = statistics.median(scans) / statistics.median(indexed)
    print(f"  ratio scan/indexed: {ratio:,.0f}x")


if __name__ == "__main__":
    raise SystemExit(main())
