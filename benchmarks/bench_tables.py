"""Benchmark the Parquet tables against the JSON corpus files: time and bytes.

Builds a deterministic synthetic corpus of ``--forums`` forums of
``--statements`` statements each (from ``corpus.make_document``, each forum
with its own id and seed), then times three round trips:

* ``dump_corpus`` + ``load_corpus`` (a directory of JSON files),
* ``write_parquet`` + ``read_parquet``,
* ``write_datapackage`` + ``read_datapackage``,

each once per round, in a new shuffled order each round, with the garbage
collector on and the corpus ``gc.freeze()``-d.  It prints each trip's
median seconds with min-max, its ratio to JSON (the median of the rounds'
ratios, with min-max) and the bytes on disk, and the load average (above
1.5 on 2 cores: a disturbed machine).  Building the corpus is not timed,
nor is removing each round's directory and flushing the disk after it.  The issue's targets, on 1,000
forums of 1,000 statements: Parquet at most 1.0 times JSON's time and 0.35
times its bytes.  Run it with::

    python benchmarks/bench_tables.py                      # 1,000 x 1,000
    python benchmarks/bench_tables.py --forums 50 --statements 1000  # quick
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import make_document

import aigov
from aigov import tables


def build(forums: int, statements: int) -> aigov.Corpus:
    """The synthetic corpus: *forums* forums of *statements* statements."""
    made = []
    for index in range(forums):
        document = make_document(statements=statements, seed=index)
        document["name"] = f"Synthetic forum {index}"
        document["id"] = f"synthetic-{index}"
        made.append(aigov.from_dict(document))
    return aigov.Corpus(forums=made)


def size(path: Path) -> int:
    """The bytes of every file under *path*."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def trip(
    run: Callable[[Path], aigov.Corpus], corpus: aigov.Corpus
) -> tuple[float, int]:
    """One run of *run* into a fresh directory: its seconds and its bytes.

    The run must give back *corpus* (compared by forum id, untimed: a
    directory of JSON files is read in file-name order).
    """
    expected = {forum.id: forum for forum in corpus}
    root = Path(tempfile.mkdtemp(prefix="aigov-bench-tables-"))
    try:
        gc.collect()
        start = time.perf_counter()
        read = run(root / "out")
        seconds = time.perf_counter() - start
        written = size(root / "out")
    finally:
        shutil.rmtree(root)
        # Flushed, untimed: else the next round waits for the disk to
        # write out this one's files and deletions, which costs a
        # format of many small files (Parquet) more than one of few.
        os.sync()
    if {forum.id: forum for forum in read} != expected:
        sys.exit(f"{run.__name__} did not read back the corpus it wrote")
    return seconds, written


def _range(values: list[float], unit: str) -> str:
    return (
        f"{statistics.median(values):.2f}{unit} ({min(values):.2f}-{max(values):.2f})"
    )


def main(argv: list[str] | None = None) -> None:
    """Time the three round trips and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--forums", type=int, default=1000)
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args(argv)
    corpus = build(options.forums, options.statements)

    def json_trip(path: Path) -> aigov.Corpus:
        aigov.dump_corpus(corpus, path)
        return aigov.load_corpus(path)

    def parquet_trip(path: Path) -> aigov.Corpus:
        tables.write_parquet(corpus, path)
        return tables.read_parquet(path)

    def package_trip(path: Path) -> aigov.Corpus:
        tables.write_datapackage(corpus, path)
        return tables.read_datapackage(path)

    gc.collect()
    gc.freeze()
    print(
        f"{options.forums} forums x {options.statements} statements; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    trips = {"JSON": json_trip, "Parquet": parquet_trip, "Data Package": package_trip}
    times: dict[str, list[float]] = {name: [] for name in trips}
    written: dict[str, int] = {}
    order = list(trips)
    rng = random.Random(20261201)
    for _ in range(options.rounds):
        rng.shuffle(order)
        for name in order:
            seconds, written[name] = trip(trips[name], corpus)
            times[name].append(seconds)
    for name in trips:
        ratios = [a / b for a, b in zip(times[name], times["JSON"], strict=True)]
        print(
            f"{name:>12}: {_range(times[name], ' s')}  {_range(ratios, 'x')} JSON"
            f"  {written[name]:>12,} bytes ({written[name] / written['JSON']:4.2f} x JSON)"
        )
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
