"""Benchmark aigov's loading and writing against json, orjson, msgspec and pydantic.

Everything runs in one process, interleaved: each round times every case once,
in the same order, with the garbage collector on as users run it (a
``gc.collect()`` before each case, outside the timing, gives every case the
same start).  Prints the median, min and max of each case, the ratios the
performance targets are stated in, the memory each loaded form takes, and the
start-up time of ``import aigov`` and ``aigov show``.

Run (``pip install -e '.[bench]'``)::

    python benchmarks/bench.py                  # 100,000 statements, 5 rounds
    python benchmarks/bench.py --smoke          # tiny and quick: a smoke test

Competitors that are not installed are left out.
"""

import argparse
import datetime
import enum
import gc
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from corpus import make_document

import aigov
from aigov import _fast

_CANONICAL: dict[str, Any] = {
    "ensure_ascii": False,
    "sort_keys": True,
    "separators": (",", ":"),
}


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


# --- the same model in msgspec and pydantic ----------------------------------------


def _msgspec_types() -> Any:  # noqa: ANN401 - the Forum struct type
    import msgspec  # noqa: PLC0415

    opts: dict[str, Any] = {"frozen": True, "forbid_unknown_fields": True}

    class Identifier(msgspec.Struct, **opts):
        scheme: str
        value: str

    class Organization(msgspec.Struct, **opts):
        name: str
        id: str
        kind: aigov.OrganizationKind
        country: str | None = None
        abbreviation: str | None = None
        aliases: tuple[str, ...] = ()
        parent_id: str | None = None
        identifiers: tuple[Identifier, ...] = ()

    class Role(msgspec.Struct, **opts):
        title: str
        organization_id: str | None = None

    class Speaker(msgspec.Struct, **opts):
        name: str
        id: str
        roles: tuple[Role, ...] = ()
        country: str | None = None
        aliases: tuple[str, ...] = ()
        identifiers: tuple[Identifier, ...] = ()

    class Statement(msgspec.Struct, **opts):
        speaker_id: str
        text: str
        id: str
        verb: str | None = None
        kind: aigov.StatementKind = aigov.StatementKind.PARAPHRASE
        topics: tuple[str, ...] = ()

    class Session(msgspec.Struct, **opts):
        title: str
        id: str
        kind: aigov.SessionKind
        chair_ids: tuple[str, ...] = ()
        speaker_ids: tuple[str, ...] = ()
        statements: tuple[Statement, ...] = ()

    class Source(msgspec.Struct, **opts):
        title: str
        url: str | None = None
        publisher: str | None = None
        published: datetime.date | None = None

    class Forum(msgspec.Struct, **opts):
        schema_version: int
        name: str
        id: str
        start_date: datetime.date
        end_date: datetime.date | None = None
        location: str | None = None
        host_ids: tuple[str, ...] = ()
        supporter_ids: tuple[str, ...] = ()
        countries: tuple[str, ...] = ()
        attendance: int | None = None
        organizations: tuple[Organization, ...] = ()
        speakers: tuple[Speaker, ...] = ()
        sessions: tuple[Session, ...] = ()
        sources: tuple[Source, ...] = ()

    return Forum


def _pydantic_types() -> Any:  # noqa: ANN401 - the Forum model type
    import pydantic  # noqa: PLC0415

    class Model(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(frozen=True, strict=True, extra="forbid")

    class Identifier(Model):
        scheme: str
        value: str

    class Organization(Model):
        name: str
        id: str
        kind: aigov.OrganizationKind
        country: str | None = None
        abbreviation: str | None = None
        aliases: tuple[str, ...] = ()
        parent_id: str | None = None
        identifiers: tuple[Identifier, ...] = ()

    class Role(Model):
        title: str
        organization_id: str | None = None

    class Speaker(Model):
        name: str
        id: str
        roles: tuple[Role, ...] = ()
        country: str | None = None
        aliases: tuple[str, ...] = ()
        identifiers: tuple[Identifier, ...] = ()

    class Statement(Model):
        speaker_id: str
        text: str
        id: str
        verb: str | None = None
        kind: aigov.StatementKind = aigov.StatementKind.PARAPHRASE
        topics: tuple[str, ...] = ()

    class Session(Model):
        title: str
        id: str
        kind: aigov.SessionKind
        chair_ids: tuple[str, ...] = ()
        speaker_ids: tuple[str, ...] = ()
        statements: tuple[Statement, ...] = ()

    class Source(Model):
        title: str
        url: str | None = None
        publisher: str | None = None
        published: datetime.date | None = None

    class Forum(Model):
        schema_version: int
        name: str
        id: str
        start_date: datetime.date
        end_date: datetime.date | None = None
        location: str | None = None
        host_ids: tuple[str, ...] = ()
        supporter_ids: tuple[str, ...] = ()
        countries: tuple[str, ...] = ()
        attendance: int | None = None
        organizations: tuple[Organization, ...] = ()
        speakers: tuple[Speaker, ...] = ()
        sessions: tuple[Session, ...] = ()
        sources: tuple[Source, ...] = ()

    return Forum


# --- aigov's paths -------------------------------------------------------------------


class _Backend(enum.Enum):
    MSGSPEC = "msgspec"
    STDLIB = "stdlib"


def _with_backend(backend: _Backend, fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        _fast.use_msgspec = backend is _Backend.MSGSPEC
        try:
            return fn()
        finally:
            _fast.use_msgspec = True

    return run


def _reference_from_json(text: str) -> object:
    # The straightforward path: json.loads, then the strict cattrs converter.
    return aigov.converter.structure(json.loads(text), aigov.Forum)


def _reference_to_json(forum: aigov.Forum) -> str:
    return json.dumps(aigov.converter.unstructure(forum), **_CANONICAL)


# --- measuring -----------------------------------------------------------------------


def _time_rounds(
    cases: dict[str, Callable[[], object]], rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Time every case once per round; also the collection its garbage costs."""
    # The inputs live through the whole run: frozen, no collection traverses
    # them, so each case pays only for the objects it makes itself.
    gc.collect()
    gc.freeze()
    times: dict[str, list[float]] = {name: [] for name in cases}
    after: dict[str, list[float]] = {name: [] for name in cases}
    try:
        for _ in range(rounds):
            for name, fn in cases.items():
                gc.collect()
                start = time.perf_counter()
                result = fn()
                times[name].append(time.perf_counter() - start)
                # What pausing the collector defers: one pass over the new
                # objects while they are alive.
                start = time.perf_counter()
                gc.collect()
                after[name].append(time.perf_counter() - start)
                del result
    finally:
        gc.unfreeze()
    return times, after


def _memory(fn: Callable[[], object]) -> int:
    """Bytes still allocated by what *fn* returns, while it is alive."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        size, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return size


def _startup(args: list[str], runs: int) -> float:
    times = []
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env)  # noqa: S603
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _row(
    name: str, samples: list[float], base: list[float], gc_after: list[float]
) -> str:
    # The ratio is the median of each round's ratio: rounds are interleaved,
    # so a busy moment of the machine slows a case and its baseline alike.
    ratio = statistics.median(s / b for s, b in zip(samples, base, strict=True))
    return (
        f"  {name:40s} {statistics.median(samples) * 1000:8.1f} ms  "
        f"({min(samples) * 1000:.1f}-{max(samples) * 1000:.1f})  {ratio:5.2f}x"
        f"   gc.collect() after: {statistics.median(gc_after) * 1000:.1f} ms"
    )


def main(argv: list[str] | None = None) -> None:  # noqa: PLR0915 - a script
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="tiny and quick")
    args = parser.parse_args(argv)
    if args.smoke:
        args.statements, args.rounds = 200, 1

    document = make_document(statements=args.statements)
    text = json.dumps(document, **_CANONICAL)
    forum = aigov.from_json(text)
    has_msgspec, has_orjson = _installed("msgspec"), _installed("orjson")
    has_pydantic = _installed("pydantic")

    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {args.statements} statements, "
        f"{len(text.encode()) / 1e6:.1f} MB of JSON; {args.rounds} rounds; "
        "median ms (min-max), median of the rounds' ratios to the json baseline"
    )

    data = text.encode()
    decode: dict[str, Callable[[], object]] = {
        "json.loads": lambda: json.loads(text),
        "json.loads (bytes)": lambda: json.loads(data),
        "aigov.from_json (stdlib)": _with_backend(
            _Backend.STDLIB, lambda: aigov.from_json(text)
        ),
        "aigov reference (cattrs, no fast path)": lambda: _reference_from_json(text),
    }
    encode: dict[str, Callable[[], object]] = {
        "json.dumps (plain dicts, canonical)": lambda: json.dumps(
            document, **_CANONICAL
        ),
        "aigov.to_json (stdlib)": _with_backend(
            _Backend.STDLIB, lambda: aigov.to_json(forum)
        ),
        "aigov reference (cattrs + json.dumps)": lambda: _reference_to_json(forum),
    }
    memory: dict[str, Callable[[], object]] = {
        "plain dicts (json.loads)": lambda: json.loads(text),
        "aigov objects": lambda: aigov.from_json(text),
    }
    if has_msgspec:
        import msgspec  # noqa: PLC0415

        decode["aigov.from_json (fast: msgspec)"] = lambda: aigov.from_json(text)
        decode["aigov.from_json (fast: msgspec, bytes)"] = lambda: aigov.from_json(data)
        encode["aigov.to_json (fast: msgspec)"] = lambda: aigov.to_json(forum)
        struct_type = _msgspec_types()
        structs = msgspec.json.decode(text, type=struct_type)
        decode["msgspec Structs"] = lambda: msgspec.json.decode(text, type=struct_type)
        encode["msgspec Structs"] = lambda: msgspec.json.encode(structs)
        memory["msgspec Structs"] = lambda: msgspec.json.decode(text, type=struct_type)
    if has_orjson:
        import orjson  # noqa: PLC0415

        decode["orjson.loads"] = lambda: orjson.loads(text)
        encode["orjson.dumps (sorted keys)"] = lambda: orjson.dumps(
            document, option=orjson.OPT_SORT_KEYS
        )
    if has_pydantic:
        model_type = _pydantic_types()
        model = model_type.model_validate_json(text)
        decode["pydantic v2"] = lambda: model_type.model_validate_json(text)
        encode["pydantic v2"] = model.model_dump_json
        memory["pydantic v2"] = lambda: model_type.model_validate_json(text)

    for title, cases, base_name in (
        ("decode (JSON text -> objects)", decode, "json.loads"),
        (
            "encode (objects -> JSON text)",
            encode,
            "json.dumps (plain dicts, canonical)",
        ),
    ):
        times, after = _time_rounds(cases, args.rounds)
        base = times[base_name]
        print(f"\n{title}", flush=True)
        for name, samples in times.items():
            print(_row(name, samples, base, after[name]), flush=True)

    print("\nmemory of the loaded form (tracemalloc)")
    sizes = {name: _memory(fn) for name, fn in memory.items()}
    plain = sizes["plain dicts (json.loads)"]
    for name, size in sizes.items():
        print(f"  {name:40s} {size / 1e6:9.1f} MB   {size / plain:6.2f}x")

    runs = 1 if args.smoke else 7
    print(f"\nstart-up (median of {runs} runs)")
    base = _startup([sys.executable, "-c", "pass"], runs)
    for name, command in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("python -c 'import aigov'", [sys.executable, "-c", "import aigov"]),
        ("aigov show", [sys.executable, "-m", "aigov", "show"]),
    ):
        elapsed = _startup(command, runs)
        print(
            f"  {name:40s} {elapsed * 1000:9.1f} ms   +{(elapsed - base) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
