"""Benchmark aigov's loading and writing against msgspec, pydantic and json.

The script prepares, once, synthetic forum documents (``corpus.py``: 1k to 400k
statements, a third of their characters Chinese, schema version 2) in their
canonical form, in a hand-written form that leaves every default out, and in
a canonical form with evidence on every statement (the source's text kept, each
statement pointing at its own passage by offsets).  It then starts one worker
process per configuration and size:

* ``fast``: aigov with its ``fast`` extra (msgspec), side by side with msgspec
  Structs and pydantic v2 models of the same shape and constraints, and with
  the floors aigov's writers are measured against;
* ``stdlib``: aigov with msgspec hidden (an import hook refuses it before aigov
  is imported), side by side with :mod:`json`.

In each worker every case runs once per round, the cases in a new shuffled
order each round, with the garbage collector on as users run it.  The inputs
(documents, objects to encode) are ``gc.freeze()``-d, so that a round's
collections traverse only what that round builds.  The report gives each
case's median with its min-max, and each ratio as the median of the rounds'
ratios (a case and its baseline share a round, so a busy moment of the machine
touches both) with its min-max and its target.  It also measures the memory of
the loaded objects (tracemalloc), what a failed load leaves for the collector,
and the start-up cost of ``import aigov``.

Run (``pip install -e '.[bench]'``)::

    python benchmarks/bench.py                          # 1k, 10k, 100k, 400k
    python benchmarks/bench.py --sizes 1k,10k --rounds 7
    python benchmarks/bench.py --smoke                  # tiny and quick

Only aigov's public API is used.  Competitors that are not installed are left
out with a note.
"""

import argparse
import datetime
import enum
import gc
import importlib.abc
import importlib.metadata
import importlib.util
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

sys.path.insert(0, str(Path(__file__).parent))

from corpus import make_document, non_ascii_share

# json.dumps with to_json's own settings: sorted keys, non-ASCII as is, compact.
_CANONICAL: dict[str, Any] = {
    "ensure_ascii": False,
    "sort_keys": True,
    "separators": (",", ":"),
}
_MAX_COUNT = 2**53 - 1
# The shape of a BCP 47 tag, as aigov's JSON Schema gives it (aigov itself
# also asks langcodes whether the tag is valid and in its standard form).
_LANGUAGE_PATTERN = r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"
# A row whose median is this much above its minimum was measured while
# something else disturbed the machine (or the case itself varies).
_NOISY_SPREAD = 0.10
# On 2 cores, a load average above this means another process competed with
# the benchmark (which itself counts 1).
_BUSY_LOAD = 1.5
NOT_AVAILABLE = "n/a (not available)"
# The issue states most targets "from 10k statements up"; smaller documents
# are dominated by fixed costs.
LARGE = 10_000
_THOUSAND = 1000


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


class _Refuse(importlib.abc.MetaPathFinder):
    """An import hook that makes the named top-level packages look absent."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = frozenset(names)

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,  # noqa: ARG002 - the finder protocol
        target: object = None,  # noqa: ARG002 - the finder protocol
    ) -> None:
        if fullname.partition(".")[0] in self.names:
            msg = f"No module named {fullname!r} (hidden by the benchmark)"
            raise ModuleNotFoundError(msg, name=fullname)


# --- the same model in msgspec and pydantic ------------------------------------------


def _country_codes() -> tuple[str, ...]:
    import pycountry  # noqa: PLC0415 - a runtime dependency of aigov

    return tuple(sorted(country.alpha_2 for country in pycountry.countries))


def _msgspec_types(*, constrained: bool = True) -> Any:  # noqa: ANN401 - a Struct type
    """Frozen Structs of aigov's shape, with its checks as ``msgspec.Meta``.

    With *constrained* false, the same Structs without the ``Meta``
    constraints and value sets: what those checks cost.
    """
    import msgspec  # noqa: PLC0415

    import aigov  # noqa: PLC0415 - imported once the configuration is set up

    nonblank: Any = Annotated[str, msgspec.Meta(pattern=r"\S")]
    alpha2: Any = Literal[_country_codes()]
    count: Any = Annotated[int, msgspec.Meta(ge=0, le=_MAX_COUNT)]
    language: Any = Annotated[str, msgspec.Meta(pattern=_LANGUAGE_PATTERN)]
    if not constrained:
        nonblank, alpha2, count, language = str, str, int, str
    # kw_only: aigov's classes are keyword-only, and Evidence has a
    # required field after optional ones.
    opts: dict[str, Any] = {
        "frozen": True,
        "forbid_unknown_fields": True,
        "kw_only": True,
    }

    class Evidence(msgspec.Struct, **opts):
        source_id: nonblank
        start: count | None = None
        end: count | None = None
        text: nonblank

    class Count(msgspec.Struct, **opts):
        value: count
        relation: aigov.CountRelation = aigov.CountRelation.EXACTLY

    class Name(msgspec.Struct, **opts):
        text: nonblank
        lang: language

    class Participant(msgspec.Struct, **opts):
        speaker_id: nonblank
        part: aigov.Part

    class Identifier(msgspec.Struct, **opts):
        scheme: nonblank
        value: nonblank

    class Organization(msgspec.Struct, **opts):
        name: nonblank
        id: nonblank
        kind: aigov.OrganizationKind
        country: alpha2 | None = None
        abbreviation: nonblank | None = None
        aliases: tuple[nonblank, ...] = ()
        parent_id: nonblank | None = None
        identifiers: tuple[Identifier, ...] = ()
        names: tuple[Name, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    class Role(msgspec.Struct, **opts):
        title: nonblank
        organization_id: nonblank | None = None
        country: alpha2 | None = None
        evidence: tuple[Evidence, ...] = ()

    class Speaker(msgspec.Struct, **opts):
        name: nonblank
        id: nonblank
        roles: tuple[Role, ...] = ()
        country: alpha2 | None = None
        aliases: tuple[nonblank, ...] = ()
        identifiers: tuple[Identifier, ...] = ()
        kind: aigov.SpeakerKind = aigov.SpeakerKind.PERSON
        names: tuple[Name, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    class Statement(msgspec.Struct, **opts):
        speaker_id: nonblank
        text: nonblank
        id: nonblank
        verb: nonblank | None = None
        kind: aigov.StatementKind = aigov.StatementKind.PARAPHRASE
        topics: tuple[nonblank, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    class Session(msgspec.Struct, **opts):
        title: nonblank
        id: nonblank
        kind: aigov.SessionKind
        participants: tuple[Participant, ...] = ()
        statements: tuple[Statement, ...] = ()
        date: datetime.date | None = None
        partial: tuple[nonblank, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    class Source(msgspec.Struct, **opts):
        title: nonblank
        id: nonblank
        url: nonblank | None = None
        publisher: nonblank | None = None
        published: datetime.date | None = None
        text: nonblank | None = None

    class Forum(msgspec.Struct, **opts):
        schema_version: Literal[2]
        name: nonblank
        id: nonblank
        start_date: datetime.date | None = None
        end_date: datetime.date | None = None
        location: nonblank | None = None
        host_ids: tuple[nonblank, ...] = ()
        supporter_ids: tuple[nonblank, ...] = ()
        countries: tuple[alpha2, ...] = ()
        attendance: Count | None = None
        organizations: tuple[Organization, ...] = ()
        speakers: tuple[Speaker, ...] = ()
        sessions: tuple[Session, ...] = ()
        sources: tuple[Source, ...] = ()
        series: nonblank | None = None
        partial: tuple[nonblank, ...] = ()

    return Forum


def _pydantic_types() -> Any:  # noqa: ANN401 - the Forum model type
    """Frozen, strict pydantic v2 models of aigov's shape and constraints."""
    import pydantic  # noqa: PLC0415

    import aigov  # noqa: PLC0415 - imported once the configuration is set up

    nonblank = Annotated[str, pydantic.StringConstraints(pattern=r"\S")]
    alpha2 = Literal[_country_codes()]
    count = Annotated[int, pydantic.Field(ge=0, le=_MAX_COUNT)]
    language = Annotated[str, pydantic.StringConstraints(pattern=_LANGUAGE_PATTERN)]

    class Model(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(frozen=True, strict=True, extra="forbid")

    class Evidence(Model):
        source_id: nonblank
        start: count | None = None
        end: count | None = None
        text: nonblank

    class Count(Model):
        value: count
        relation: aigov.CountRelation = aigov.CountRelation.EXACTLY

    class Name(Model):
        text: nonblank
        lang: language

    class Participant(Model):
        speaker_id: nonblank
        part: aigov.Part

    class Identifier(Model):
        scheme: nonblank
        value: nonblank

    class Organization(Model):
        name: nonblank
        id: nonblank
        kind: aigov.OrganizationKind
        country: alpha2 | None = None
        abbreviation: nonblank | None = None
        aliases: tuple[nonblank, ...] = ()
        parent_id: nonblank | None = None
        identifiers: tuple[Identifier, ...] = ()
        names: tuple[Name, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    class Role(Model):
        title: nonblank
        organization_id: nonblank | None = None
        country: alpha2 | None = None
        evidence: tuple[Evidence, ...] = ()

    class Speaker(Model):
        name: nonblank
        id: nonblank
        roles: tuple[Role, ...] = ()
        country: alpha2 | None = None
        aliases: tuple[nonblank, ...] = ()
        identifiers: tuple[Identifier, ...] = ()
        kind: aigov.SpeakerKind = aigov.SpeakerKind.PERSON
        names: tuple[Name, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    class Statement(Model):
        speaker_id: nonblank
        text: nonblank
        id: nonblank
        verb: nonblank | None = None
        kind: aigov.StatementKind = aigov.StatementKind.PARAPHRASE
        topics: tuple[nonblank, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    class Session(Model):
        title: nonblank
        id: nonblank
        kind: aigov.SessionKind
        participants: tuple[Participant, ...] = ()
        statements: tuple[Statement, ...] = ()
        date: datetime.date | None = None
        partial: tuple[nonblank, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    class Source(Model):
        title: nonblank
        id: nonblank
        url: nonblank | None = None
        publisher: nonblank | None = None
        published: datetime.date | None = None
        text: nonblank | None = None

    class Forum(Model):
        schema_version: Literal[2]
        name: nonblank
        id: nonblank
        start_date: datetime.date | None = None
        end_date: datetime.date | None = None
        location: nonblank | None = None
        host_ids: tuple[nonblank, ...] = ()
        supporter_ids: tuple[nonblank, ...] = ()
        countries: tuple[alpha2, ...] = ()
        attendance: Count | None = None
        organizations: tuple[Organization, ...] = ()
        speakers: tuple[Speaker, ...] = ()
        sessions: tuple[Session, ...] = ()
        sources: tuple[Source, ...] = ()
        series: nonblank | None = None
        partial: tuple[nonblank, ...] = ()

    return Forum


# --- the documents -------------------------------------------------------------------


def _model_class_in(annotation: object) -> type | None:
    """The aigov model class an annotation holds (``X``, ``tuple[X, ...]``)."""
    import attrs  # noqa: PLC0415 - aigov's model is made of attrs classes

    if isinstance(annotation, type) and attrs.has(annotation):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_class_in(argument)
        if found is not None:
            return found
    return None


def _json_form(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_json_form(item) for item in value]
    return value


def leave_out_defaults(data: dict[str, Any], cls: type) -> tuple[dict[str, Any], int]:
    """Return *data* as a person writes it: no field that equals its default.

    A field is left out when its value is its default, or, for a default that
    is derived from the other fields (the ids), when aigov derives the same
    value from what is left.  Works from the model's public attrs fields.

    Returns:
        The smaller document and how many fields were left out.
    """
    import attrs  # noqa: PLC0415

    import aigov  # noqa: PLC0415 - imported once the configuration is set up

    hints = typing.get_type_hints(cls)
    written: dict[str, Any] = dict(data)
    left_out = 0
    derived = []
    for field in attrs.fields(cls):
        value = written[field.name]
        nested = _model_class_in(hints[field.name])
        if nested is not None and isinstance(value, list):
            parts = [leave_out_defaults(item, nested) for item in value]
            written[field.name] = value = [part for part, _ in parts]
            left_out += sum(count for _, count in parts)
        default = field.default
        if isinstance(default, attrs.Factory):
            if default.takes_self:
                derived.append(field.name)
                continue
            default = default.factory()
        if default is not attrs.NOTHING and value == _json_form(default):
            del written[field.name]
            left_out += 1
    for name in derived:
        # What the derived default depends on is among the object's own
        # scalar fields; building the object from those alone is cheap.
        probe = {
            key: value
            for key, value in written.items()
            if key != name and not isinstance(value, list)
        }
        try:
            built = aigov.from_dict(probe, cls)
        except aigov.ValidationError:
            continue
        if getattr(built, name) == written[name]:
            del written[name]
            left_out += 1
    return written, left_out


def _size_limit(text: str) -> int:
    """The default document size limit, raised to fit *text* if it must be."""
    import aigov  # noqa: PLC0415 - imported once the configuration is set up

    # With evidence, 400k statements are more than the default limit allows.
    return max(aigov.MAX_DOCUMENT_SIZE, len(text))


def _broken(canonical: dict[str, Any], how: str) -> dict[str, Any]:
    """A copy of *canonical* with one problem in its last statement."""
    document = json.loads(json.dumps(canonical))
    statement = document["sessions"][-1]["statements"][-1]
    if how == "value":
        statement["kind"] = "rumour"
    else:
        statement["speaker_id"] = "nobody-has-this-id"
    return document


# --- measuring -----------------------------------------------------------------------


def _time_rounds(
    cases: dict[str, Callable[[], object]], rounds: int, rng: random.Random
) -> dict[str, dict[str, list[float]]]:
    """Time every case once per round, in a new shuffled order each round."""
    for case in cases.values():  # warm up: first-call set-up is not measured
        case()
    # The inputs live through the whole run: frozen, no collection traverses
    # them, so each round pays only for the objects it builds itself.
    gc.collect()
    gc.freeze()
    wall: dict[str, list[float]] = {name: [] for name in cases}
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    try:
        for _ in range(rounds):
            order = list(cases)
            rng.shuffle(order)
            for name in order:
                gc.collect()  # the previous case's garbage is not this one's
                start_cpu, start = time.process_time(), time.perf_counter()
                result = cases[name]()
                wall[name].append(time.perf_counter() - start)
                cpu[name].append(time.process_time() - start_cpu)
                del result
    finally:
        gc.unfreeze()
    return {"wall": wall, "cpu": cpu}


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


def _collectable_after_failure(text: str) -> tuple[int, float, str]:
    """How many objects a failed ``from_json`` of *text* leaves for the collector."""
    import aigov  # noqa: PLC0415 - imported once the configuration is set up

    gc.collect()
    gc.disable()
    try:
        outcome = "loaded without error (the broken document was accepted)"
        try:
            aigov.from_json(text)
        except aigov.ValidationError as exc:
            outcome = f"ValidationError, {len(exc.errors)} problem(s)"
        # The exception is gone: whatever the collector finds now is garbage
        # the failed load left in reference cycles.
        start = time.perf_counter()
        found = gc.collect()
        return found, time.perf_counter() - start, outcome
    finally:
        gc.enable()


def _startup(runs: int) -> dict[str, list[float]]:
    """Wall times of ``python -c pass`` and ``import aigov``, runs interleaved."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import aigov'": [sys.executable, "-c", "import aigov"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)  # noqa: S603
            times[name].append(time.perf_counter() - start)
    return times


# --- the workers: one process per configuration --------------------------------------


def _promises(config: str) -> dict[str, bool]:
    """Whether aigov refuses unknown and duplicate keys (the targets assume so)."""
    import aigov  # noqa: PLC0415 - imported once the configuration is set up

    small = aigov.to_json(aigov.Forum(name="x", start_date=datetime.date(2021, 1, 1)))
    answers = {}
    for name, text in (
        ("refuses unknown keys", '{"surprise":1,' + small[1:]),
        ("refuses duplicate keys", '{"name":"y",' + small[1:]),
    ):
        try:
            aigov.from_json(text)
        except aigov.ValidationError:
            answers[f"{config}: {name}"] = True
        else:
            answers[f"{config}: {name}"] = False
    return answers


def _fast_cases(
    texts: dict[str, str], directory: Path, notes: list[str]
) -> dict[str, Callable[[], object]]:
    import aigov  # noqa: PLC0415 - imported once the configuration is set up

    text, hand, evidence = texts["canonical"], texts["hand"], texts["evidence"]
    data = text.encode()
    forum = aigov.from_json(text)
    canonical = json.loads(text)
    cases: dict[str, Callable[[], object]] = {
        "json.loads (str)": lambda: json.loads(text),
        "json.dumps (to_json's settings)": lambda: json.dumps(canonical, **_CANONICAL),
        "aigov.from_json (str)": lambda: aigov.from_json(text),
        "aigov.from_json (bytes)": lambda: aigov.from_json(data),
        "aigov.from_json (hand-written)": lambda: aigov.from_json(hand),
        "aigov.from_json (str, evidence)": lambda: aigov.from_json(
            evidence, max_size=_size_limit(evidence)
        ),
        "aigov.to_json": lambda: aigov.to_json(forum),
        "aigov.dump": lambda: aigov.dump(forum, directory / "aigov.json"),
    }
    to_json_bytes = getattr(aigov, "to_json_bytes", None)
    if to_json_bytes is not None:
        cases["aigov.to_json_bytes"] = lambda: to_json_bytes(forum)
        if to_json_bytes(forum) != aigov.to_json(forum).encode():
            notes.append("PROBLEM: to_json_bytes(f) differs from to_json(f).encode()")
    else:
        notes.append(f"aigov.to_json_bytes: {NOT_AVAILABLE}")
    if not _installed("msgspec"):
        notes.append("msgspec is not installed: its rows and floors are left out")
    else:
        import msgspec  # noqa: PLC0415

        decoder = msgspec.json.Decoder(_msgspec_types())
        unconstrained = msgspec.json.Decoder(_msgspec_types(constrained=False))
        structs = decoder.decode(data)
        plain_encoder = msgspec.json.Encoder()
        # msgspec encodes attrs instances natively: the same aigov objects,
        # keys sorted as to_json sorts them (it lacks only "schema_version").
        encoder = msgspec.json.Encoder(order="sorted")
        version = f'"schema_version":{aigov.SCHEMA_VERSION},'
        expected = aigov.to_json(forum).replace(version, "", 1)
        if encoder.encode(forum).decode() != expected:
            notes.append("the msgspec floor's output differs from to_json's")

        def dump_floor() -> None:
            _atomic_write(
                msgspec.json.format(encoder.encode(forum), indent=2) + b"\n",
                directory / "floor.json",
            )

        cases |= {
            "msgspec Structs: decode (str)": lambda: decoder.decode(text),
            "msgspec Structs: decode (bytes)": lambda: decoder.decode(data),
            "msgspec Structs: decode (str, evidence)": lambda: decoder.decode(evidence),
            "msgspec Structs, no constraints: decode (str)": lambda: (
                unconstrained.decode(text)
            ),
            "msgspec Structs: encode": lambda: plain_encoder.encode(structs),
            "floor: msgspec sorted encode -> str": lambda: encoder.encode(
                forum
            ).decode(),
            "floor: msgspec sorted encode (bytes)": lambda: encoder.encode(forum),
            "floor: msgspec encode + indent + write": dump_floor,
        }
    if not _installed("pydantic"):
        notes.append("pydantic is not installed: its rows are left out")
    else:
        model_type = _pydantic_types()
        model = model_type.model_validate_json(text)
        cases |= {
            "pydantic: validate_json (str)": lambda: model_type.model_validate_json(
                text
            ),
            "pydantic: model_dump_json": model.model_dump_json,
        }
    return cases


def _atomic_write(data: bytes, target: Path) -> None:
    # What dump promises: a temporary file, flushed to disk, renamed over.
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    Path(temporary).replace(target)


def _stdlib_cases(texts: dict[str, str]) -> dict[str, Callable[[], object]]:
    import aigov  # noqa: PLC0415 - imported once the configuration is set up

    text, hand, evidence = texts["canonical"], texts["hand"], texts["evidence"]
    canonical = json.loads(text)
    data = text.encode()
    forum = aigov.from_json(text)
    return {
        "json.loads (str)": lambda: json.loads(text),
        "json.loads (bytes)": lambda: json.loads(data),
        "json.loads (str, evidence)": lambda: json.loads(evidence),
        "aigov.from_json (str)": lambda: aigov.from_json(text),
        "aigov.from_json (bytes)": lambda: aigov.from_json(data),
        "aigov.from_json (hand-written)": lambda: aigov.from_json(hand),
        "aigov.from_json (str, evidence)": lambda: aigov.from_json(
            evidence, max_size=_size_limit(evidence)
        ),
        "json.dumps (to_json's settings)": lambda: json.dumps(canonical, **_CANONICAL),
        "aigov.to_json": lambda: aigov.to_json(forum),
    }


def _memory_cases(config: str, text: str) -> dict[str, Callable[[], object]]:
    import aigov  # noqa: PLC0415 - imported once the configuration is set up

    cases: dict[str, Callable[[], object]] = {
        "plain dicts (json.loads)": lambda: json.loads(text),
        "aigov objects": lambda: aigov.from_json(text),
    }
    if config == "fast" and _installed("msgspec"):
        import msgspec  # noqa: PLC0415

        decoder = msgspec.json.Decoder(_msgspec_types())
        cases["msgspec Structs"] = lambda: decoder.decode(text)
    if config == "fast" and _installed("pydantic"):
        model_type = _pydantic_types()
        cases["pydantic models"] = lambda: model_type.model_validate_json(text)
    return cases


def _worker(config: str, job: dict[str, Any]) -> dict[str, Any]:
    if config == "stdlib":
        sys.meta_path.insert(0, _Refuse(["msgspec"]))
    import aigov  # noqa: PLC0415 - only now that msgspec may be hidden

    result: dict[str, Any] = {
        "config": config,
        "load_before": os.getloadavg(),
        "notes": [],
        "aigov": f"{aigov.__name__} from {Path(aigov.__file__).parent}",
    }
    if job["kind"] == "failed-load":
        result["failed"] = {}
        for how, path in job["documents"].items():
            count, seconds, outcome = _collectable_after_failure(
                Path(path).read_text(encoding="utf-8")
            )
            result["failed"][how] = {
                "collectable": count,
                "seconds": seconds,
                "outcome": outcome,
            }
        result["promises"] = _promises(config)
    else:
        texts = {
            form: Path(job[form]).read_text(encoding="utf-8")
            for form in ("canonical", "hand", "evidence")
        }
        text = texts["canonical"]
        with tempfile.TemporaryDirectory(prefix="aigov-bench-") as directory:
            if config == "fast":
                cases = _fast_cases(texts, Path(directory), result["notes"])
            else:
                cases = _stdlib_cases(texts)
            result |= _time_rounds(cases, job["rounds"], random.Random(job["seed"]))
            del cases, texts
        gc.collect()
        result["memory"] = {
            name: _memory(fn) for name, fn in _memory_cases(config, text).items()
        }
    result["load_after"] = os.getloadavg()
    result["msgspec_imported"] = "msgspec" in sys.modules
    return result


# --- the parent: prepare, run the workers, report ------------------------------------


def _parse_size(word: str) -> int:
    word = word.strip().lower().replace("_", "")
    if word.endswith("k"):
        return int(float(word[:-1]) * _THOUSAND)
    return int(word)


def _label(size: int) -> str:
    whole_thousands = size >= _THOUSAND and size % _THOUSAND == 0
    return f"{size // _THOUSAND}k" if whole_thousands else str(size)


def _prepare(size: int, directory: Path) -> dict[str, Any]:
    """Write the canonical and hand-written documents of *size* statements."""
    import aigov  # noqa: PLC0415 - the parent runs the default configuration

    forum = aigov.from_dict(make_document(statements=size))
    canonical = aigov.to_dict(forum)
    text = aigov.to_json(forum)
    hand_dict, left_out = leave_out_defaults(canonical, aigov.Forum)
    hand = json.dumps(hand_dict, **_CANONICAL)
    evidence = aigov.to_json(
        aigov.from_dict(make_document(statements=size, evidence=True))
    )
    problems = []
    if json.dumps(canonical, **_CANONICAL) != text:
        problems.append("json.dumps(to_dict(f)) differs from to_json(f)")
    if aigov.from_json(hand) != forum:
        problems.append("the hand-written form loads to a different forum")
    for name, document in (("canonical", text), ("evidence", evidence)):
        # A canonical document that does not come back unchanged is not on
        # aigov's fast path: the benchmark would measure the wrong thing.
        loaded = aigov.from_json(document, max_size=_size_limit(document))
        if aigov.to_json(loaded) != document:
            problems.append(f"the {name} form does not round-trip through from_json")
    paths = {
        "canonical": directory / f"{size}.json",
        "hand": directory / f"{size}h.json",
        "evidence": directory / f"{size}e.json",
    }
    paths["canonical"].write_text(text, encoding="utf-8")
    paths["hand"].write_text(hand, encoding="utf-8")
    paths["evidence"].write_text(evidence, encoding="utf-8")
    return {
        "canonical": str(paths["canonical"]),
        "hand": str(paths["hand"]),
        "evidence": str(paths["evidence"]),
        "characters": len(text),
        "bytes": len(text.encode()),
        "non_ascii": non_ascii_share(text),
        "hand_bytes": len(hand.encode()),
        "left_out": left_out,
        "evidence_bytes": len(evidence.encode()),
        "evidence_non_ascii": non_ascii_share(evidence),
        "problems": problems,
    }


def _prepare_failures(size: int, directory: Path) -> dict[str, str]:
    import aigov  # noqa: PLC0415 - the parent runs the default configuration

    canonical = aigov.to_dict(aigov.from_dict(make_document(statements=size)))
    paths = {}
    for how in ("value", "reference"):
        path = directory / f"broken-{how}.json"
        path.write_text(json.dumps(_broken(canonical, how), **_CANONICAL), "utf-8")
        paths[how] = str(path)
    return paths


def _run_worker(config: str, job: dict[str, Any], directory: Path) -> dict[str, Any]:
    job_path = directory / "job.json"
    out_path = directory / "result.json"
    job_path.write_text(json.dumps(job), encoding="utf-8")
    print(
        f"  running {config} worker: {job.get('label', job['kind'])}", file=sys.stderr
    )
    subprocess.run(  # noqa: S603 - this very script, with our own arguments
        [sys.executable, __file__, "--worker", config, str(job_path), str(out_path)],
        check=True,
    )
    result: dict[str, Any] = json.loads(out_path.read_text(encoding="utf-8"))
    return result


class _Target(typing.NamedTuple):
    """A ratio the issue states, with the case pair and the bound."""

    name: str
    config: str
    numerator: str
    denominator: str
    bound: Callable[[int], float | None]  # None: no target at that size


def _always(bound: float) -> Callable[[int], float | None]:
    return lambda _size: bound


def _from(size_from: int, bound: float) -> Callable[[int], float | None]:
    return lambda size: bound if size >= size_from else None


def _no_target(_size: int) -> float | None:
    return None


RATIOS = (
    _Target(
        "from_json (fast) / msgspec Structs decode, str",
        "fast",
        "aigov.from_json (str)",
        "msgspec Structs: decode (str)",
        lambda size: 1.5 if size >= LARGE else 2.0,
    ),
    _Target(
        "from_json (fast) / msgspec Structs decode, bytes (load)",
        "fast",
        "aigov.from_json (bytes)",
        "msgspec Structs: decode (bytes)",
        lambda size: 1.5 if size >= LARGE else 2.0,
    ),
    _Target(
        "from_json (fast) / msgspec Structs decode, with evidence",
        "fast",
        "aigov.from_json (str, evidence)",
        "msgspec Structs: decode (str, evidence)",
        lambda size: 1.5 if size >= LARGE else 2.0,
    ),
    _Target(
        "to_json (fast) / floor (msgspec sorted -> str)",
        "fast",
        "aigov.to_json",
        "floor: msgspec sorted encode -> str",
        _always(1.1),
    ),
    _Target(
        "to_json_bytes / msgspec sorted encode",
        "fast",
        "aigov.to_json_bytes",
        "floor: msgspec sorted encode (bytes)",
        _always(1.1),
    ),
    _Target(
        "dump / (msgspec encode + indent + write)",
        "fast",
        "aigov.dump",
        "floor: msgspec encode + indent + write",
        _always(1.2),
    ),
    _Target(
        "from_json hand-written / canonical (fast)",
        "fast",
        "aigov.from_json (hand-written)",
        "aigov.from_json (str)",
        _always(1.5),
    ),
    _Target(
        "stdlib: from_json / json.loads, str",
        "stdlib",
        "aigov.from_json (str)",
        "json.loads (str)",
        _from(LARGE, 1.3),
    ),
    _Target(
        "stdlib: from_json / json.loads, bytes (load)",
        "stdlib",
        "aigov.from_json (bytes)",
        "json.loads (bytes)",
        _from(LARGE, 1.3),
    ),
    _Target(
        "stdlib: from_json / json.loads, with evidence",
        "stdlib",
        "aigov.from_json (str, evidence)",
        "json.loads (str, evidence)",
        _from(LARGE, 1.3),
    ),
    _Target(
        "stdlib: to_json / json.dumps (sorted, non-ASCII as is)",
        "stdlib",
        "aigov.to_json",
        "json.dumps (to_json's settings)",
        _from(LARGE, 1.3),
    ),
    _Target(
        "from_json hand-written / canonical (stdlib)",
        "stdlib",
        "aigov.from_json (hand-written)",
        "aigov.from_json (str)",
        _always(1.5),
    ),
    _Target(
        "context: from_json (fast) / json.loads",
        "fast",
        "aigov.from_json (str)",
        "json.loads (str)",
        _no_target,
    ),
    _Target(
        "context: from_json (fast), with evidence / without",
        "fast",
        "aigov.from_json (str, evidence)",
        "aigov.from_json (str)",
        _no_target,
    ),
    _Target(
        "context: msgspec Structs decode, with evidence / without",
        "fast",
        "msgspec Structs: decode (str, evidence)",
        "msgspec Structs: decode (str)",
        _no_target,
    ),
    _Target(
        "context: stdlib from_json, with evidence / without",
        "stdlib",
        "aigov.from_json (str, evidence)",
        "aigov.from_json (str)",
        _no_target,
    ),
    _Target(
        "context: msgspec Structs decode / json.loads",
        "fast",
        "msgspec Structs: decode (str)",
        "json.loads (str)",
        _no_target,
    ),
    _Target(
        "context: msgspec Structs decode / same without constraints",
        "fast",
        "msgspec Structs: decode (str)",
        "msgspec Structs, no constraints: decode (str)",
        _no_target,
    ),
    _Target(
        "context: pydantic decode / msgspec Structs decode",
        "fast",
        "pydantic: validate_json (str)",
        "msgspec Structs: decode (str)",
        _no_target,
    ),
    _Target(
        "context: pydantic encode / msgspec Structs encode",
        "fast",
        "pydantic: model_dump_json",
        "msgspec Structs: encode",
        _no_target,
    ),
    _Target(
        "context: to_json (fast) / json.dumps of plain dicts",
        "fast",
        "aigov.to_json",
        "json.dumps (to_json's settings)",
        _no_target,
    ),
)
MEMORY_TARGET = 0.7
IMPORT_TARGET_MS = 80.0
COLLECTABLE_TARGET = 1_000


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def _spread(samples: list[float]) -> float:
    low = min(samples)
    return statistics.median(samples) / low - 1 if low else 0.0


def _samples_row(name: str, wall: list[float], cpu: list[float]) -> str:
    median, low, high = statistics.median(wall), min(wall), max(wall)
    spread = _spread(wall)
    off_cpu = statistics.median(w / c for w, c in zip(wall, cpu, strict=True) if c)
    flag = " noisy" if spread > _NOISY_SPREAD else ""
    return (
        f"  {name:46s} {_ms(median):>10} ms  ({_ms(low)}-{_ms(high)})"
        f"  +{spread:4.0%}  wall/cpu {off_cpu:4.2f}{flag}"
    )


def _ratio_cell(
    numerator: list[float], denominator: list[float]
) -> tuple[float, float, float]:
    ratios = [n / d for n, d in zip(numerator, denominator, strict=True) if d]
    return statistics.median(ratios), min(ratios), max(ratios)


def _verdict(value: float, bound: float | None, *, below: bool = False) -> str:
    if bound is None:
        return "target: -"
    sign = "<" if below else "<="
    met = value < bound if below else value <= bound
    return f"target {sign}{bound:g}  {'met' if met else 'MISSED'}"


def _load(values: Sequence[float]) -> str:
    return "/".join(f"{value:.2f}" for value in values)


def _busy(result: dict[str, Any]) -> str:
    highest = max(result["load_before"][0], result["load_after"][0])
    return "  BUSY" if highest > _BUSY_LOAD else ""


def _report_size(size: int, info: dict[str, Any], results: dict[str, Any]) -> None:
    print(
        f"\n=== {_label(size)} statements: {info['bytes'] / 1e6:.2f} MB of JSON, "
        f"{info['characters']:,} characters, {info['non_ascii']:.1%} non-ASCII; "
        f"hand-written form {info['hand_bytes'] / 1e6:.2f} MB "
        f"({info['left_out']:,} default fields left out); with evidence on every "
        f"statement {info['evidence_bytes'] / 1e6:.2f} MB "
        f"({info['evidence_non_ascii']:.1%} of it not ASCII) ==="
    )
    for problem in info["problems"]:
        print(f"  PROBLEM with the input: {problem}")
    for config, result in results.items():
        print(
            f"\n{config} configuration, {len(next(iter(result['wall'].values())))} "
            "rounds: times (median ms, min-max, median above min, "
            f"wall/cpu); load average before {_load(result['load_before'])}, "
            f"after {_load(result['load_after'])}{_busy(result)}"
        )
        for name in sorted(result["wall"]):
            print(_samples_row(name, result["wall"][name], result["cpu"][name]))
        for note in result["notes"]:
            print(f"  note: {note}")
        if config == "stdlib" and result["msgspec_imported"]:
            print("  PROBLEM: msgspec was imported although it was hidden")


def _report_ratios(sizes: list[int], runs: dict[int, dict[str, Any]]) -> None:
    print(
        "\nratios of wall times (median of the rounds' ratios, min-max; each pair "
        "timed in the same rounds of one process), the same of CPU times, and the "
        "target; [noisy]: a case of the pair is noisy, [busy]: the worker ran "
        "while the load average was high"
    )
    verdicts = {"met": 0, "MISSED": 0, NOT_AVAILABLE: 0}
    for target in RATIOS:
        for size in sizes:
            result = runs[size].get(target.config)
            head = f"  {target.name:60s} {_label(size):>5}"
            pair = (target.numerator, target.denominator)
            if result is None or not all(name in result["wall"] for name in pair):
                print(f"{head}  {NOT_AVAILABLE}")
                verdicts[NOT_AVAILABLE] += target.bound(size) is not None
                continue
            wall = [result["wall"][name] for name in pair]
            median, low, high = _ratio_cell(*wall)
            cpu, _, _ = _ratio_cell(*(result["cpu"][name] for name in pair))
            verdict = _verdict(median, target.bound(size))
            for outcome in ("met", "MISSED"):
                verdicts[outcome] += verdict.endswith(outcome)
            flags = " [noisy]" if max(map(_spread, wall)) > _NOISY_SPREAD else ""
            flags += " [busy]" if _busy(result) else ""
            print(
                f"{head} {median:6.2f}x  ({low:.2f}-{high:.2f})  cpu {cpu:5.2f}x  "
                f"{verdict}{flags}"
            )
    print(
        f"  time targets: {verdicts['met']} met, {verdicts['MISSED']} missed, "
        f"{verdicts[NOT_AVAILABLE]} not measurable yet"
    )


def _report_memory(sizes: list[int], runs: dict[int, dict[str, Any]]) -> None:
    print("\nmemory of the loaded form (tracemalloc, MB; ratio to plain dicts)")
    for size in sizes:
        for config, result in runs[size].items():
            plain = result["memory"]["plain dicts (json.loads)"]
            for name, used in result["memory"].items():
                if name == "plain dicts (json.loads)":
                    continue
                label = f"memory: {name} / plain dicts ({config})"
                bound = MEMORY_TARGET if name == "aigov objects" else None
                ratio = used / plain
                print(
                    f"  {label:60s} {_label(size):>5} {ratio:6.2f}x  "
                    f"({used / 1e6:,.1f} MB vs {plain / 1e6:,.1f} MB)  "
                    f"{_verdict(ratio, bound)}"
                )


def _report_failures(size: int, failed: dict[str, dict[str, Any]]) -> None:
    print(
        f"\nobjects left for gc.collect() after a failed from_json of {_label(size)} "
        "statements (gc disabled around the call; one field broken in the last "
        "statement)"
    )
    descriptions = {
        "value": "bad enum value (kind)",
        "reference": "dangling speaker_id",
    }
    for config, result in failed.items():
        for how, found in result["failed"].items():
            label = f"collectable after failed load: {descriptions[how]} ({config})"
            print(
                f"  {label:70s} {found['collectable']:>9,}  "
                f"{_verdict(found['collectable'], COLLECTABLE_TARGET, below=True)}"
                f"  [{found['outcome']}; that collection took "
                f"{_ms(found['seconds'])} ms]"
            )
        for promise, kept in result["promises"].items():
            print(f"  {promise:70s} {'yes' if kept else 'NO'}")


def _report_startup(times: dict[str, list[float]]) -> None:
    base, with_aigov = times["python -c pass"], times["python -c 'import aigov'"]
    print(f"\nstart-up ({len(base)} interleaved runs of each: median ms, min-max)")
    for name, samples in times.items():
        print(
            f"  {name:40s} {_ms(statistics.median(samples)):>8} ms  "
            f"({_ms(min(samples))}-{_ms(max(samples))})"
        )
    # Each run of one is paired with the run of the other just before it.
    extra = statistics.median(a - b for a, b in zip(with_aigov, base, strict=True))
    verdict = _verdict(extra * 1000, IMPORT_TARGET_MS)
    print(
        f"  {'import aigov - python -c pass':40s} {_ms(extra):>8} ms  {verdict}  "
        f"(median of the paired differences; difference of the minimums "
        f"{_ms(min(with_aigov) - min(base))} ms)"
    )


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor() or "unknown CPU"
    for line in lines:
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return platform.processor() or "unknown CPU"


def _rounds_for(size: int, asked: int | None) -> int:
    # Small documents take milliseconds: more rounds cost little and steady
    # the medians; at 400k statements a round of one worker takes a minute.
    if asked is not None:
        return asked
    for limit, rounds in ((1_000, 21), (10_000, 11), (100_000, 7)):
        if size <= limit:
            return rounds
    return 5


def _parent(args: argparse.Namespace) -> None:
    sizes = [_parse_size(word) for word in args.sizes.split(",")]
    failed_size = args.failed_size
    startup_runs = 15
    if args.smoke:
        sizes, args.rounds, failed_size, startup_runs = [20, 100], 2, 100, 2
    import aigov  # noqa: PLC0415 - after argparse: --help needs no aigov

    print(
        f"aigov {_version('aigov')} ({Path(aigov.__file__).parent}); python "
        f"{platform.python_version()} on {platform.machine()} "
        f"({_cpu_model()}, {platform.system()}), {os.cpu_count()} CPUs; "
        f"msgspec {_version('msgspec')}, pydantic {_version('pydantic')}"
    )
    print(
        f"cases in a new shuffled order each round (seed {args.seed}), GC on, inputs "
        f"frozen; load average at start {_load(os.getloadavg())} "
        f"(a worker with load > {_BUSY_LOAD} before or after is marked BUSY; a row "
        f"whose median is more than {_NOISY_SPREAD:.0%} above its min is marked "
        "noisy; wall/cpu > 1 means time spent off the CPU: waiting for disk, or "
        "for a core)"
    )
    print(
        "floors: to_json's is msgspec encoding the same aigov objects with sorted "
        "keys, decoded to str; to_json_bytes's the same without the decode; dump's "
        "adds msgspec.json.format(indent=2) and the same atomic write as dump "
        "(temporary file, fsync, rename)",
        flush=True,
    )
    infos: dict[int, dict[str, Any]] = {}
    runs: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="aigov-bench-") as name:
        directory = Path(name)
        for size in sizes:
            print(f"preparing {_label(size)} statements", file=sys.stderr)
            infos[size] = _prepare(size, directory)
            runs[size] = {}
            for config in ("fast", "stdlib"):
                job = {
                    "kind": "timing",
                    "label": f"{_label(size)} statements",
                    "canonical": infos[size]["canonical"],
                    "hand": infos[size]["hand"],
                    "evidence": infos[size]["evidence"],
                    "rounds": _rounds_for(size, args.rounds),
                    "seed": args.seed + size,
                }
                runs[size][config] = _run_worker(config, job, directory)
            _report_size(size, infos[size], runs[size])
            sys.stdout.flush()
        failed_job = {
            "kind": "failed-load",
            "documents": _prepare_failures(failed_size, directory),
        }
        failed = {
            config: _run_worker(config, failed_job, directory)
            for config in ("fast", "stdlib")
        }
    _report_ratios(sizes, runs)
    _report_memory(sizes, runs)
    _report_failures(failed_size, failed)
    _report_startup(_startup(startup_runs))
    print(f"\nload average at the end {_load(os.getloadavg())}")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its report (or run one worker)."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Targets come from the performance issue; see the module docstring.",
    )
    parser.add_argument(
        "--sizes",
        default="1k,10k,100k,400k",
        help="comma-separated statement counts (default: %(default)s)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        help="rounds per size (default: 21 up to 1k statements, 11 up to 10k, "
        "7 up to 100k, 5 above)",
    )
    parser.add_argument(
        "--failed-size",
        type=int,
        default=10_000,
        help="statements in the document whose failed load is examined",
    )
    parser.add_argument("--seed", type=int, default=2021, help="of the shuffles")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes, 2 rounds: a smoke test"
    )
    parser.add_argument(
        "--worker",
        nargs=3,
        metavar=("CONFIG", "JOB", "OUT"),
        help=argparse.SUPPRESS,  # the parent starts the workers itself
    )
    args = parser.parse_args(argv)
    if args.worker:
        config, job, out = args.worker
        result = _worker(config, json.loads(Path(job).read_text(encoding="utf-8")))
        Path(out).write_text(json.dumps(result), encoding="utf-8")
        return
    _parent(args)


if __name__ == "__main__":
    main()
