"""Benchmark the flat frames: is ``statements_frame`` at most as slow as loading the corpus?

Writes a deterministic synthetic corpus (``--forums`` forums of
``--statements`` statements each, shaped as ``corpus.py`` shapes one forum,
each with its own id) to a temporary directory with :func:`aigov.dump_corpus`,
then times, round after round, :func:`aigov.load_corpus` of that directory,
:func:`aigov.tables.statements_frame` and :func:`aigov.tables.speakers_frame`
of the loaded corpus, and the standard-library rows the command line's csv
is made of.  Each keeps its best round, the least disturbed by other work on
the machine.  It prints the times and the frame's ratio to the load; the
target is at most 1.0, and the exit status is 1 above it.

Needs the ``arrow`` extra.  Run it with::

    python benchmarks/bench_frames.py                         # 100 x 1,000
    python benchmarks/bench_frames.py --forums 1000 --statements 1000
"""

from __future__ import annotations

import argparse
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


def _best(rounds: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


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
    with tempfile.TemporaryDirectory() as directory:
        aigov.dump_corpus(_corpus(args.forums, args.statements), Path(directory))
        corpus = aigov.load_corpus(directory)
        load = _best(args.rounds, lambda: aigov.load_corpus(directory))
    frame = _best(args.rounds, lambda: tables.statements_frame(corpus))
    speakers = _best(args.rounds, lambda: tables.speakers_frame(corpus))
    rows = _best(args.rounds, lambda: statement_rows(corpus))
    total = sum(len(forum.all_statements()) for forum in corpus)
    print(f"{args.forums} forums, {total:,} statements (best of {args.rounds})")
    print(f"  load_corpus       {load:8.2f} s")
    print(f"  statements_frame  {frame:8.2f} s  ({frame / load:.2f} x load)")
    print(f"  speakers_frame    {speakers:8.2f} s")
    print(f"  statement rows    {rows:8.2f} s  (the csv's, standard library)")
    ratio = frame / load
    print(f"target: statements_frame at most {TARGET} x load_corpus: {ratio:.2f}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
