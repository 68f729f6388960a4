"""Benchmark the flat frames: is ``statements_frame`` at most as slow as loading the corpus?

Writes a deterministic synthetic corpus (``--forums`` forums of
``--statements`` statements each, shaped as ``corpus.py`` shapes one forum,
each with its own id) to a temporary directory with :func:`aigov.dump_corpus`,
then times :func:`aigov.load_corpus` of that directory,
:func:`aigov.tables.statements_frame` and :func:`aigov.tables.speakers_frame`
of the loaded corpus, and the standard-library rows the command line's csv
is made of: each once per round, in a new shuffled order each round, with
the garbage collector on and the loaded corpus ``gc.freeze()``-d.  It
prints each case's median with min-max and the frame's ratio to the load
(the median of the rounds' ratios); the target is at most 1.0, and the exit
status is 1 above it.  The load average is printed: above 1.5 on 2 cores,
the numbers come from a disturbed machine.

Needs the ``arrow`` extra.  Run it with::

    python benchmarks/bench_frames.py                         # 100 x 1,000
    python benchmarks/bench_frames.py --forums 1000 --statements 1000
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

from corpus import make_document

import aigov
from aigov import tables
from aigov._formats._flat import statement_rows

#: The most time ``statements_frame`` may take, as a share of ``load_corpus``.
TARGET = 1.0


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
            start = time.perf_counter()
            cases[name]()
            times[name].append(time.perf_counter() - start)
    return times


def _shown(times: list[float]) -> str:
    return f"{statistics.median(times):8.3f} s ({min(times):.3f}-{max(times):.3f})"


def _corpus(forums: int, statements: int) -> aigov.Corpus:
    documents = []
    for number in range(forums):
        document = make_document(statements=statements, seed=2021 + number)
        document["id"] = f"forum-{number:05d}"
        documents.append(aigov.from_dict(document))
    return aigov.Corpus(forums=documents)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 1 if the frame is slower than the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forums", type=int, default=100)
    parser.add_argument("--statements", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(20261201)
    print(f"load average {os.getloadavg()[0]:.2f} at the start")
    with tempfile.TemporaryDirectory() as directory:
        aigov.dump_corpus(_corpus(args.forums, args.statements), Path(directory))
        corpus = aigov.load_corpus(directory)
        gc.collect()
        gc.freeze()
        times = _rounds(
            {
                "load_corpus": lambda: aigov.load_corpus(directory),
                "statements_frame": lambda: tables.statements_frame(corpus),
                "speakers_frame": lambda: tables.speakers_frame(corpus),
                "statement rows": lambda: statement_rows(corpus),
            },
            args.rounds,
            rng,
        )
    total = sum(len(forum.all_statements()) for forum in corpus)
    print(f"{args.forums} forums, {total:,} statements ({args.rounds} rounds)")
    for name, label in (
        ("load_corpus", ""),
        ("statements_frame", ""),
        ("speakers_frame", ""),
        ("statement rows", "  (the csv's, standard library)"),
    ):
        print(f"  {name:<17} {_shown(times[name])}{label}")
    ratios = [
        frame / load
        for frame, load in zip(
            times["statements_frame"], times["load_corpus"], strict=True
        )
    ]
    ratio = statistics.median(ratios)
    print(
        f"target: statements_frame at most {TARGET} x load_corpus: "
        f"{ratio:.2f} ({min(ratios):.2f}-{max(ratios):.2f})"
    )
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
