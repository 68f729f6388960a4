"""Benchmark a corpus of many forums: loading it, finding its people, querying it.

Builds a deterministic synthetic corpus -- by default 1,000 forums of 50
speakers and 1,000 statements each, one million statements in all -- whose
speakers recur across forums (a person is in 10 forums on average, written
in Chinese characters, in pinyin in either order and any case, with or
without accents, sometimes with a Wikidata id; see ``bench_people.py``) and
whose statements are 70% Chinese, so that well over 30% of the text is not
ASCII (the share is printed).  It writes the corpus to a temporary directory
with ``dump_corpus``, one file per forum, and measures, in one process:

1. ``load_corpus(directory)`` against the sum, over the same files, of
   reading each one and ``from_json`` on it (the two take turns in shuffled
   order, round by round).  Target: at most 1.1 times.
2. ``corpus.people()`` on the loaded corpus and on a corpus of a tenth of
   the forums built the same way (again taking turns).  Targets: the large
   one at most 12 times the small one, and at most the corpus's load time.
3. Queries on the loaded corpus after their first call (the first call of
   each, which builds the indexes it needs, is printed too), each against a
   linear scan computing the same answer, with the result's size: the
   target is a cost proportional to the result, reported as the query's
   time per item found and its ratio to the scan.

Everything runs with the garbage collector on; the corpora that live
through the measurements are ``gc.freeze()``-d, so that collections do not
walk them again and again.  Each case reports its median with min-max.  A
load average above 1.5 on this 2-core machine while it runs means the
numbers come from a disturbed machine: it is printed with them.

Run it with::

    python benchmarks/bench_corpus.py
    python benchmarks/bench_corpus.py --forums 100 --statements 100  # quick
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs
from bench_people import corpus as people_corpus

from aigov import (
    Corpus,
    Forum,
    Session,
    SessionKind,
    Statement,
    dump_corpus,
    from_json,
    load_corpus,
    query,
)
from aigov._io import backend

_TOPICS = ("privacy", "safety", "ethics", "standards", "education", "health")
_ENGLISH = (
    "we must build trust in artificial intelligence through open standards",
    "international cooperation on governance is needed more than ever",
    "developing countries should share the benefits of the technology",
    "safety research must keep pace with the capabilities of models",
)
_CHINESE = (
    "人工智能治理需要各国加强合作,共同应对风险与挑战",
    "我们应当推动建立开放、包容、普惠的国际规则",
    "数据安全和个人隐私保护是发展的前提",
    "发展中国家应当平等分享技术进步的成果",
)
_BUSY_LOAD = 1.5


def _statement_text(rng: random.Random, number: int) -> str:
    sentence = rng.choice(_CHINESE) if rng.random() < 0.7 else rng.choice(_ENGLISH)  # noqa: PLR2004
    return f"{sentence} ({number})"


def build(forums: int, speakers: int, statements: int, seed: int) -> tuple[Forum, ...]:
    """The synthetic corpus: ``bench_people``'s recurring people, with texts and topics."""
    register = max(speakers, forums * speakers // 10)
    rng = random.Random(seed)
    built = []
    for forum in people_corpus(forums, speakers, register, seed=seed, statements=0):
        session_statements = tuple(
            _statement(number, speakers, rng) for number in range(statements)
        )
        built.append(_with_statements(forum, session_statements))
    return tuple(built)


def _statement(number: int, speakers: int, rng: random.Random) -> Statement:
    return Statement(
        speaker_id=f"s{number % speakers}",
        text=_statement_text(rng, number),
        topics=(rng.choice(_TOPICS),) if rng.random() < 0.5 else (),  # noqa: PLR2004
    )


def _with_statements(forum: Forum, statements: tuple[Statement, ...]) -> Forum:
    session = Session(title="Plenary", kind=SessionKind.PLENARY, statements=statements)
    return attrs.evolve(forum, sessions=(session,))


def non_ascii_share(forums: tuple[Forum, ...]) -> float:
    """The share of non-ASCII characters in the statements' texts."""
    total = other = 0
    for forum in forums[:50]:
        for session in forum.sessions:
            for statement in session.statements:
                total += len(statement.text)
                other += sum(not char.isascii() for char in statement.text)
    return other / total if total else 0.0


def _seconds(run: Callable[[], object]) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def _describe(
    name: str, times: list[float], unit: float = 1.0, label: str = "s"
) -> str:
    scaled = [t / unit for t in times]
    return (
        f"{name:<44} {statistics.median(scaled):10.4f} {label} "
        f"({min(scaled):.4f}-{max(scaled):.4f})"
    )


def _rounds(
    cases: dict[str, Callable[[], object]], rounds: int, rng: random.Random
) -> dict[str, list[float]]:
    """Each case once per round, in a new shuffled order each round."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for _ in range(rounds):
        rng.shuffle(names)
        for name in names:
            gc.collect()
            times[name].append(_seconds(cases[name]))
    return times


def _ratio(times: dict[str, list[float]], top: str, bottom: str) -> str:
    ratios = [a / b for a, b in zip(times[top], times[bottom], strict=True)]
    return f"{statistics.median(ratios):.3f}x ({min(ratios):.3f}-{max(ratios):.3f})"


def _load_average() -> str:
    one, five, _ = os.getloadavg()
    busy = " -- DISTURBED" if one > _BUSY_LOAD else ""
    return f"load average {one:.2f} (5 min {five:.2f}){busy}"


def bench_load(
    directory: Path, rounds: int, rng: random.Random
) -> dict[str, list[float]]:
    """``load_corpus`` of the directory against reading and ``from_json`` per file."""
    files = sorted(directory.rglob("*.json"))

    def each_file() -> list[Forum]:
        return [from_json(path.read_bytes()) for path in files]

    cases: dict[str, Callable[[], object]] = {
        "load_corpus(directory)": lambda: load_corpus(directory),
        "sum of from_json(file) over its files": each_file,
    }
    return _rounds(cases, rounds, rng)


def _scan_statements_by_speaker(corpus: Corpus, name: str) -> list[object]:
    wanted = name.casefold()
    found: list[object] = []
    for forum in corpus.forums:
        ids = {s.id for s in forum.speakers if s.name.casefold() == wanted}
        if ids:
            found.extend(
                statement
                for session in forum.sessions
                for statement in session.statements
                if statement.speaker_id in ids
            )
    return found


def _scan_statements_by_topic(corpus: Corpus, tag: str) -> list[object]:
    return [
        statement
        for forum in corpus.forums
        for session in forum.sessions
        for statement in session.statements
        if tag in statement.topics
    ]


def _scan_speakers_within(corpus: Corpus, organization_name: str) -> list[object]:
    found: list[object] = []
    for forum in corpus.forums:
        ids = {o.id for o in forum.organizations if o.name == organization_name}
        found.extend(
            speaker
            for speaker in forum.speakers
            if any(role.organization_id in ids for role in speaker.roles)
        )
    return found


def bench_queries(
    corpus: Corpus, rounds: int, rng: random.Random
) -> list[tuple[str, int, list[float], list[float], float]]:
    """Each query's later calls and its scan, with the result size and first call."""
    # A person of the register, as the first forum that names them writes it.
    person = next(s.name for s in corpus.forums[0].speakers if not s.name.isascii())
    organization = corpus.forums[0].organizations[-1].name
    cases = (
        (
            f"statements(speaker={person!r})",
            lambda: query.statements(corpus, speaker=person),
            lambda: _scan_statements_by_speaker(corpus, person),
        ),
        (
            "statements(topic='privacy')",
            lambda: query.statements(corpus, topic="privacy"),
            lambda: _scan_statements_by_topic(corpus, "privacy"),
        ),
        (
            f"speakers(organization={organization!r})",
            lambda: query.speakers(corpus, organization=organization),
            lambda: _scan_speakers_within(corpus, organization),
        ),
    )
    results = []
    for name, run, scan in cases:
        first = _seconds(run)
        size = len(run())
        if len(scan()) != size:
            msg = f"{name}: the scan found {len(scan())}, the query {size}"
            raise AssertionError(msg)
        times = _rounds({"query": run, "scan": scan}, rounds, rng)
        results.append((name, size, times["query"], times["scan"], first))
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the three benchmarks and print their numbers and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forums", type=int, default=1000)
    parser.add_argument("--speakers", type=int, default=50, help="speakers per forum")
    parser.add_argument(
        "--statements", type=int, default=1000, help="statements per forum"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    print(f"aigov backend: {type(backend()).__name__}; {_load_average()}")
    forums = build(args.forums, args.speakers, args.statements, args.seed)
    print(
        f"{len(forums)} forums, {len(forums) * args.speakers} speakers, "
        f"{len(forums) * args.statements} statements; "
        f"{non_ascii_share(forums):.0%} of the statements' characters not ASCII"
    )
    with tempfile.TemporaryDirectory(prefix="aigov-bench-corpus-") as temporary:
        directory = Path(temporary) / "corpus"
        dump_corpus(Corpus(forums=forums), directory)
        del forums
        size = sum(path.stat().st_size for path in directory.rglob("*.json"))
        print(f"written: {size / 2**20:.0f} MiB in {args.forums} files")

        print(f"\n1. loading ({args.rounds} rounds)")
        load_times = bench_load(directory, args.rounds, rng)
        for name, times in load_times.items():
            print(_describe(name, times))
        print(
            "load_corpus / sum of from_json: "
            f"{_ratio(load_times, 'load_corpus(directory)', 'sum of from_json(file) over its files')}"
            "  (target: at most 1.1x)"
        )
        corpus = load_corpus(directory)
    small = Corpus(
        forums=build(
            max(1, args.forums // 10), args.speakers, args.statements, args.seed
        )
    )
    gc.collect()
    gc.freeze()

    print(f"\n2. people() ({args.rounds} rounds); {_load_average()}")
    people_times = _rounds(
        {"large": corpus.people, "small": small.people}, args.rounds, rng
    )
    print(_describe(f"people(), {len(corpus)} forums", people_times["large"]))
    print(_describe(f"people(), {len(small)} forums", people_times["small"]))
    print(
        f"{len(corpus)} / {len(small)} forums: "
        f"{_ratio(people_times, 'large', 'small')}  (target: at most 12x)"
    )
    load_median = statistics.median(load_times["load_corpus(directory)"])
    people_median = statistics.median(people_times["large"])
    print(
        f"people() / load_corpus: {people_median / load_median:.3f}x "
        "(medians; target: at most 1x)"
    )

    print(
        f"\n3. queries after their first call ({args.rounds} rounds); {_load_average()}"
    )
    for name, found, times, scans, first in bench_queries(corpus, args.rounds, rng):
        median = statistics.median(times)
        ratios = [a / b for a, b in zip(times, scans, strict=True)]
        print(
            f"{name}: {found} found; first call {first * 1000:.1f} ms; later "
            f"{median * 1000:.2f} ms ({min(times) * 1000:.2f}-{max(times) * 1000:.2f}), "
            f"{median / max(found, 1) * 1e6:.2f} us per item found; "
            f"scan {statistics.median(scans) * 1000:.1f} ms; "
            f"query / scan {statistics.median(ratios):.4f}x"
        )
    print(f"\nend: {_load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
