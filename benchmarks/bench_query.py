"""Benchmark aigov.query: indexed queries against linear scans of the same forum.

Builds a deterministic synthetic forum (by default 10,000 speakers and 100,000
statements), then times, in one process:

* the first ``speakers(f, country=c)`` call, which builds the indexes it needs;
* the second and later calls, answered from the indexes;
* a linear scan over ``f.speakers`` that computes the same answer (own country,
  or a role in an organisation of the country or inside one);
* the cheapest conceivable scan, one attribute test per speaker
  (``s.country == c``), as a floor for any scan.

and the same for ``statements(f, contains=word)``.  It reports medians and
the indexed/scan ratios.  The issue's target: the second ``speakers`` call
at least 100 times faster than the linear scan.

Run it with::

    python benchmarks/bench_query.py
    python benchmarks/bench_query.py --speakers 200 --statements 1000  # quick
"""

from __future__ import annotations

import argparse
import datetime
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable

import pycountry

import aigov
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
_TOPICS = sorted(aigov.datasets.TOPICS)
_KINDS = list(aigov.OrganizationKind)


def build_forum(
    *, speakers: int, statements: int, organizations: int, seed: int
) -> aigov.Forum:
    """A valid forum of the given size, the same for the same arguments."""
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
                text=" ".join(rng.choices(_WORDS, k=rng.randint(8, 30))),
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
    parser.add_argument("--repeat", type=int, default=200, help="indexed calls timed")
    args = parser.parse_args(argv)

    print(f"python {platform.python_version()} on {platform.machine()}, {sys.platform}")
    start = time.perf_counter()
    forum = build_forum(
        speakers=args.speakers,
        statements=args.statements,
        organizations=args.organizations,
        seed=args.seed,
    )
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

    word = "privacy"
    phrase = words(word)
    said = forum.all_statements()
    expected = [s for s in said if phrase_in(phrase, s.text)]
    print(f"\nstatements(f, contains={word!r}): {len(expected):,} of {len(said):,}")
    first = timed(lambda: query.statements(forum, contains=word), 1)
    indexed = timed(lambda: query.statements(forum, contains=word), max(3, scans))
    scan = timed(
        lambda: [s for s in said if phrase_in(phrase, s.text)], max(3, scans // 3)
    )
    assert list(query.statements(forum, contains=word)) == expected  # noqa: S101
    print(describe("first call (builds the text index)", first))
    print(describe("later calls (indexed)", indexed))
    print(describe("linear scan with the same meaning", scan))
    ratio = statistics.median(scan) / statistics.median(indexed)
    print(f"  ratio scan/indexed: {ratio:,.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
