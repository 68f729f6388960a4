"""Benchmark the Parquet tables against the JSON corpus files: time and bytes.

Builds a deterministic synthetic corpus of ``--forums`` forums of
``--statements`` statements each (from ``corpus.make_document``, each forum
with its own id and seed), then times, best of ``--rounds`` rounds:

* ``dump_corpus`` + ``load_corpus`` (a directory of JSON files),
* ``write_parquet`` + ``read_parquet``,
* ``write_datapackage`` + ``read_datapackage``,

and prints each one's seconds, its ratio to JSON, and the bytes on disk.
Building the corpus is not timed, nor is removing each round's directory
and flushing the disk before the next round.  The issue's targets, on 1,000
forums of 1,000 statements: Parquet at most 1.0 times JSON's time and 0.35
times its bytes.  Run it with::

    python benchmarks/bench_tables.py                      # 1,000 x 1,000
    python benchmarks/bench_tables.py --forums 50 --statements 1000  # quick
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
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


def best(
    rounds: int, run: Callable[[Path], aigov.Corpus], corpus: aigov.Corpus
) -> tuple[float, int]:
    """The fastest of *rounds* runs of *run* into a fresh directory, and its bytes.

    Each run must give back *corpus* (compared by forum id, untimed: a
    directory of JSON files is read in file-name order).
    """
    times = []
    written = 0
    expected = {forum.id: forum for forum in corpus}
    for _ in range(rounds):
        root = Path(tempfile.mkdtemp(prefix="aigov-bench-tables-"))
        try:
            gc.collect()
            start = time.perf_counter()
            read = run(root / "out")
            times.append(time.perf_counter() - start)
            written = size(root / "out")
        finally:
            shutil.rmtree(root)
            # Flushed, untimed: else the next round waits for the disk to
            # write out this one's files and deletions, which costs a
            # format of many small files (Parquet) more than one of few.
            os.sync()
        if {forum.id: forum for forum in read} != expected:
            sys.exit(f"{run.__name__} did not read back the corpus it wrote")
    return min(times), written


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

    print(f"{options.forums} forums x {options.statements} statements")
    json_time, json_bytes = best(options.rounds, json_trip, corpus)
    for name, run in (("Parquet", parquet_trip), ("Data Package", package_trip)):
        seconds, written = best(options.rounds, run, corpus)
        print(
            f"{name:>12}: {seconds:8.2f} s ({seconds / json_time:4.2f} x JSON)"
            f"  {written:>12,} bytes ({written / json_bytes:4.2f} x JSON)"
        )
    print(f"{'JSON':>12}: {json_time:8.2f} s  {json_bytes:>25,} bytes")


if __name__ == "__main__":
    main()
