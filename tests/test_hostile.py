"""Hostile input: the loaders' one guarantee, fuzzed.

For any input whatsoever, ``from_json``, ``from_dict`` and ``load`` either
return a valid object that round-trips exactly, or raise ``ValidationError``.
These properties run in CI with hypothesis' default budget; for a long run
use the ``fuzz`` profile (see the README's Development section)::

    pytest tests/test_hostile.py --hypothesis-profile=fuzz --hypothesis-show-statistics
"""

import collections
import contextlib
import importlib.util
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Self, assert_type

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aigov
import hostile_strategies as hs
from aigov import ErrorDetail, ValidationError, from_dict, from_json, to_dict, to_json
from aigov import strategies as st_aigov
from aigov._fields import MAX_PROBLEMS_PER_ARRAY
from aigov._model import MODEL_CLASSES as _MODEL_CLASSES

MODEL_CLASSES: tuple[type, ...] = _MODEL_CLASSES

STRATEGIES = hs.STRATEGIES

#: Every field name of the model: keys that hostile documents should hit.
FIELD_NAMES = sorted(
    {field.name for cls in MODEL_CLASSES for field in attrs.fields(cls)}
    | {"schema_version"}
)

DEEP = 100_000


def deep_list(depth: int = DEEP) -> list[Any]:
    root: list[Any] = []
    node = root
    for _ in range(depth):
        child: list[Any] = []
        node.append(child)
        node = child
    return root


def deep_dict(depth: int = DEEP, key: str = "name") -> dict[str, Any]:
    root: dict[str, Any] = {}
    node = root
    for _ in range(depth):
        child: dict[str, Any] = {}
        node[key] = child
        node = child
    return root


# Built once: hypothesis samples them instead of rebuilding 100,000 levels.
PATHOLOGICAL: tuple[object, ...] = (
    deep_list(),
    deep_dict(),
    deep_dict(key="sessions"),
    "x" * 2_000_000,
    10**5000,
    -(10**5000),
    2**53,
    2**53 - 1,
    float("nan"),
    float("inf"),
    -0.0,
    "\ud800",
    "\udfff\ud800",
    "\ufeff",
    "\x00",
    " \t\n",
    "2021-02-30",
    "0000-01-01",
    "ＣＮ",  # noqa: RUF001 - full-width letters on purpose
    "cn",
    "XX",
    b"bytes",
    {"CN"},
    frozenset(),
)

SHARED = frozenset(map(id, PATHOLOGICAL))


def pathological(index: int) -> object:
    return PATHOLOGICAL[index]


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    # Any code point, lone surrogates included.
    st.text(st.characters(codec=None, categories=None), max_size=10),
    st.sampled_from(FIELD_NAMES),
    st.sampled_from(["ministry", "panel", "quote", "2021-12-04", "CN", "a"]),
    # By index: hypothesis would repr the values themselves, 100,000 levels deep.
    st.integers(0, len(PATHOLOGICAL) - 1).map(pathological),
)

KEYS = st.one_of(
    st.sampled_from(FIELD_NAMES),
    st.text(max_size=8),
    st.text(st.characters(codec=None, categories=None), max_size=3),
    st.integers(),
    st.none(),
    st.tuples(st.integers()),
)


def _mappings(
    keys: st.SearchStrategy[Any], values: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    plain = st.dictionaries(keys, values, max_size=4)
    return st.one_of(
        plain,
        plain.map(collections.OrderedDict),
        plain.map(lambda d: collections.defaultdict(list, d)),
    )


#: Python data as a careless or hostile caller of from_dict might pass it.
PY_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        _mappings(KEYS, inner),
    ),
    max_leaves=12,
)

#: What json.loads can produce: str keys, lists, no tuples or bytes.
JSON_VALUES = st_aigov.json_values()


def holds(cls: type, call: Callable[[], object]) -> object:
    """Check the guarantee for one load; return the object, or None if refused."""
    try:
        result = call()
    except ValidationError as exc:
        check_error(exc)
        return None
    assert type(result) is cls
    assert from_json(to_json(result), cls) == result
    assert from_dict(to_dict(result), cls) == result
    return result


def check_error(exc: ValidationError) -> None:
    """Errors are structured, listed, printable and of bounded size."""
    assert exc.errors
    for detail in exc.errors:
        assert type(detail.location) is str
        assert type(detail.message) is str
    text = str(exc)
    text.encode("utf-8")  # printable: no lone surrogates from the input
    assert all(len(line) < 10_000 for line in text.splitlines())
    repr(exc.errors)  # bounded too: never recurses through the value


def key_paths(node: object, path: tuple[object, ...] = ()) -> set[tuple[object, ...]]:
    """Every path to a key in *node*, list positions included."""
    found: set[tuple[object, ...]] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found |= {(*path, key)} | key_paths(value, (*path, key))
    elif isinstance(node, list | tuple):
        for index, value in enumerate(node):
            found |= key_paths(value, (*path, index))
    return found


def node_paths(node: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path] if path else []
    # Documents are 6 deep: do not follow inserted deep values, and never
    # change the shared pathological ones (hypothesis needs them as they were).
    if len(path) > 12 or id(node) in SHARED:
        return found
    if isinstance(node, dict):
        for key, value in node.items():
            found += node_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += node_paths(value, (*path, index))
    return found


@st.composite
def mutated_documents(
    draw: st.DrawFn, values: st.SearchStrategy[Any]
) -> tuple[type, Any]:
    """A valid document of any class, then a few nodes deleted, replaced or added."""
    cls = draw(st.sampled_from(MODEL_CLASSES))
    document: Any = to_dict(draw(STRATEGIES[cls]))
    for _ in range(draw(st.integers(1, 3))):
        paths = node_paths(document)
        if not paths or draw(st.integers(0, 9)) == 0:
            if isinstance(document, dict):
                document[draw(KEYS)] = draw(values)
            continue
        path = draw(st.sampled_from(paths))
        parent: Any = document
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["delete", "replace", "insert", "wrap"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "insert" and isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(KEYS)] = draw(values)
        else:
            parent[path[-1]] = [parent[path[-1]]]
    return cls, document


# --- from_dict -------------------------------------------------------------------


@given(st.sampled_from(MODEL_CLASSES), PY_VALUES)
def test_from_dict_of_any_python_value(cls: type, data: object) -> None:
    """Any Python value, for any class: an object that round-trips, or ValidationError."""
    holds(cls, lambda: from_dict(data, cls))


@given(mutated_documents(PY_VALUES))
def test_from_dict_of_broken_documents(case: tuple[type, Any]) -> None:
    """Valid documents of every class with nodes deleted, replaced or added."""
    cls, document = case
    holds(cls, lambda: from_dict(document, cls))


@given(mutated_documents(JSON_VALUES))
def test_loaded_documents_keep_every_key(case: tuple[type, Any]) -> None:
    """A document that loads loses nothing: every key it had is written back."""
    cls, document = case
    result = holds(cls, lambda: from_dict(document, cls))
    if result is not None:
        assert key_paths(document) <= key_paths(to_dict(result))


@pytest.mark.parametrize("cls", MODEL_CLASSES)
@pytest.mark.parametrize(
    "deep",
    [deep_list(), deep_dict(), deep_dict(key="x"), tuple(deep_list())],
    ids=["list", "dict", "dict-x", "tuple"],
)
def test_from_dict_of_deep_nesting(cls: type, deep: object) -> None:
    """100,000-deep Python data, as the whole input or inside a field, is refused."""
    for data in (deep, {"name": deep, "title": deep, "speakers": [deep]}):
        with pytest.raises(ValidationError) as exc:
            from_dict(data, cls)
        check_error(exc.value)


def test_deep_nesting_is_refused_at_the_cap() -> None:
    """The depth cap names where the document first goes too deep."""
    document = to_dict(aigov.datasets.tsinghua_2021())
    document["location"] = deep_list(100)
    with pytest.raises(ValidationError) as exc:
        from_dict(document)
    (error,) = exc.value.errors
    # The document is depth 1, its "location" list depth 2, ...
    assert error.location == "location" + "[0]" * (aigov.MAX_DEPTH - 1)
    assert f"more than {aigov.MAX_DEPTH} levels" in error.message


def test_deep_nesting_below_the_cap_gets_the_ordinary_error() -> None:
    """Nesting within the cap is reported as what it is: a wrong type."""
    document = to_dict(aigov.datasets.tsinghua_2021())
    document["location"] = deep_list(aigov.MAX_DEPTH - 2)
    with pytest.raises(ValidationError, match="location: expected a string"):
        from_dict(document)


@given(st.sampled_from(MODEL_CLASSES), st.data())
def test_depth_cap_is_configurable(cls: type, data: st.DataObject) -> None:
    """max_depth refuses exactly the documents nested more deeply than it."""
    obj = data.draw(STRATEGIES[cls])
    document = to_dict(obj)
    depth = _depth(document)
    assert from_dict(document, cls, max_depth=depth) == obj
    with pytest.raises(ValidationError, match="nested too deeply"):
        from_dict(document, cls, max_depth=depth - 1)
    with pytest.raises(ValidationError, match="nested too deeply"):
        from_json(to_json(obj), cls, max_depth=depth - 1)


def _depth(node: object) -> int:
    if isinstance(node, dict):
        return 1 + max(map(_depth, node.values()), default=0)
    if isinstance(node, list):
        return 1 + max(map(_depth, node), default=0)
    return 0


def test_non_string_keys_are_located() -> None:
    """Keys that are not strings are reported, never a TypeError."""
    document: dict[Any, Any] = to_dict(aigov.datasets.tsinghua_2021())
    document[1] = "x"
    document[None] = "y"
    document["zzz"] = "z"
    with pytest.raises(ValidationError) as exc:
        from_dict(document)
    # In the document's order: sorting keys of any type could fail or take long.
    assert [(e.location, e.message) for e in exc.value.errors] == [
        ("[1]", "keys must be strings, not an integer"),
        ("[None]", "keys must be strings, not null"),
        ("zzz", "unknown field 'zzz' for Forum"),
    ]


@pytest.mark.parametrize(
    ("key", "location"),
    [
        ("speakr_id", "speakr_id"),
        ("a b", "['a b']"),
        ("a.b", "['a.b']"),
        ("\ud800", "['\\ud800']"),
        ("x" * 2_000_000, "['" + "x" * 37 + "..." + "x" * 38 + "']"),
    ],
)
def test_unknown_keys_are_located_unambiguously(key: str, location: str) -> None:
    """Keys that are not identifiers are bracketed, escaped and bounded."""
    data = {"title": "dean", key: 1}
    with pytest.raises(ValidationError) as exc:
        from_dict(data, aigov.Role)
    (error,) = exc.value.errors
    assert error.location == location
    check_error(exc.value)


def test_mapping_subclasses_and_tuples_are_accepted_from_python() -> None:
    """from_dict takes dict subclasses and tuples, as Python callers build them."""
    forum = aigov.datasets.tsinghua_2021()
    document = to_dict(forum)
    document = collections.OrderedDict(document)
    document["countries"] = tuple(document["countries"])
    assert from_dict(document) == forum


@pytest.mark.parametrize(
    "value", [10**5000, -(10**5000), 2**53], ids=["huge", "-huge", "2**53"]
)
def test_huge_integers_are_refused(value: int) -> None:
    """Counts that no JSON reader could hold exactly are refused, and described briefly."""
    document = to_dict(aigov.datasets.tsinghua_2021()) | {"attendance": value}
    with pytest.raises(ValidationError) as exc:
        from_dict(document)
    (error,) = exc.value.errors
    assert error.location == "attendance"
    check_error(exc.value)


def test_largest_count_round_trips() -> None:
    """2**53 - 1, the largest count allowed, is written and read back exactly."""
    forum = aigov.datasets.tsinghua_2021()
    big = attrs.evolve(forum, attendance=aigov.Count(value=2**53 - 1))
    assert from_json(to_json(big)) == big


# --- from_json -------------------------------------------------------------------


@given(
    st.sampled_from(MODEL_CLASSES),
    st.one_of(
        st.text(st.characters(codec=None, categories=None)),
        st.binary(),
        JSON_VALUES.map(json.dumps),
        JSON_VALUES.map(lambda v: json.dumps(v, ensure_ascii=False)),
    ),
)
def test_from_json_of_any_text(cls: type, text: str | bytes) -> None:
    """Any str or bytes, for any class: an object that round-trips, or ValidationError."""
    holds(cls, lambda: from_json(text, cls))


@st.composite
def mangled_texts(draw: st.DrawFn) -> tuple[type, bytes]:
    """The JSON of a valid object with bytes cut, inserted or changed."""
    cls = draw(st.sampled_from(MODEL_CLASSES))
    text = bytearray(to_json(draw(STRATEGIES[cls])).encode())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["cut", "insert", "change", "truncate"]))
        if action == "cut":
            del text[at : at + draw(st.integers(1, 8))]
        elif action == "insert":
            text[at:at] = draw(
                st.binary(max_size=4)
                | st.sampled_from([b"{", b"[", b'"', b",", b"\\ud800", b"\xef\xbb\xbf"])
            )
        elif action == "change" and at < len(text):
            text[at] = draw(st.integers(0, 255))
        else:
            del text[at:]
    return cls, bytes(text)


@given(mangled_texts())
def test_from_json_of_mangled_documents(case: tuple[type, bytes]) -> None:
    """Valid JSON with bytes cut, inserted or changed: never anything but ValidationError."""
    cls, text = case
    holds(cls, lambda: from_json(text, cls))
    holds(cls, lambda: from_json(text.decode("utf-8", "replace"), cls))


def test_every_prefix_of_a_document_is_refused() -> None:
    """A truncated file, cut anywhere, is a ValidationError with a position."""
    text = to_json(aigov.datasets.tsinghua_2021())
    for end in range(len(text)):
        with pytest.raises(ValidationError) as exc:
            from_json(text[:end])
        check_error(exc.value)


@pytest.mark.parametrize(
    "text",
    [
        "[" * DEEP,
        "[" * DEEP + "]" * DEEP,
        '{"name":' * DEEP + "1" + "}" * DEEP,
        '{"a":[' * DEEP,
        "[" * 900 + "]" * 900,
        '{"schema_version":1,"name":' + "[" * 900 + "]" * 900 + "}",
    ],
)
@pytest.mark.parametrize("cls", MODEL_CLASSES)
def test_from_json_of_deep_nesting(cls: type, text: str) -> None:
    """Deeply nested JSON is a ValidationError for every class, never RecursionError."""
    with pytest.raises(ValidationError) as exc:
        from_json(text, cls)
    check_error(exc.value)


def test_two_megabyte_name_loads() -> None:
    """A single 2 MB string is far from any limit and round-trips."""
    forum = aigov.datasets.tsinghua_2021()
    big = aigov.Forum(**{**attrs.asdict(forum, recurse=False), "name": "n" * 2_000_000})
    assert from_json(to_json(big)) == big
    assert from_json(to_json(big).encode()) == big


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"name": "\\ud800"}', "lone surrogate"),
        ('{"name": NaN}', "expected a string, got a number"),
        ('{"name": Infinity}', "expected a string, got a number"),
        ('{"attendance": {"value": -Infinity}}', "expected an integer, got a number"),
        ('{"attendance": {"value": 1.0}}', "expected an integer, got a number"),
        ('{"attendance": {"value": 1e400}}', "expected an integer, got a number"),
        ('{"attendance": {"value": true}}', "expected an integer, got a boolean"),
        ('{"attendance": {"value": ' + "9" * 5000 + "}}", "invalid JSON"),
    ],
)
def test_json_values_that_python_decodes_oddly_are_refused(
    text: str, message: str
) -> None:
    """Surrogates, NaN, infinities, floats and bools never pass as text or counts."""
    document = to_dict(aigov.datasets.tsinghua_2021())
    # The odd value replaces the field's own: a key given twice is refused
    # before any value is looked at.
    del document[json.loads(text.split(":", maxsplit=1)[0] + ": 0}").popitem()[0]]
    text = json.dumps(document)[:-1] + "," + text[1:]
    with pytest.raises(ValidationError, match=message) as exc:
        from_json(text)
    check_error(exc.value)


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]
)
def test_documents_in_other_encodings_are_refused(encoding: str) -> None:
    """Only UTF-8 (with or without a BOM) is read; other encodings are refused cleanly."""
    forum = aigov.datasets.tsinghua_2021()
    forum = attrs.evolve(forum, location="Beijing, Tsinghua Université")
    with pytest.raises(ValidationError):
        from_json(to_json(forum).encode(encoding))


def test_document_size_cap_is_configurable() -> None:
    """max_size refuses longer documents, counting bytes or characters."""
    text = to_json(aigov.datasets.tsinghua_2021())
    assert from_json(text, max_size=len(text)) == aigov.datasets.tsinghua_2021()
    for data in (text, text.encode()):
        with pytest.raises(ValidationError, match=f"the limit is {len(text) - 1}"):
            from_json(data, max_size=len(text) - 1)


# --- load ------------------------------------------------------------------------


# File system timings vary too much for hypothesis' per-example deadline.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(mangled_texts())
def test_load_of_any_file(tmp_path: Path, case: tuple[type, bytes]) -> None:
    """Any file content: an object that round-trips, or ValidationError."""
    cls, text = case
    path = tmp_path / "forum.json"
    path.write_bytes(text)
    holds(cls, lambda: aigov.load(path, cls))


def test_load_refuses_large_files_without_reading_them(tmp_path: Path) -> None:
    """A file over the cap is refused having read no more than the cap."""
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 1000)
    with pytest.raises(ValidationError, match="larger than 999 bytes"):
        aigov.load(path, max_size=999)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_load_of_an_endless_device_is_refused_unread() -> None:
    """An endless stream is not a regular file: refused at once, never read."""
    with pytest.raises(aigov.exceptions.NotARegularFileError, match="device"):
        aigov.load("/dev/zero", max_size=1 << 20)


def test_recursion_limit_is_left_as_it_was() -> None:
    """Hostile input does not change interpreter state the caller relies on."""
    limit = sys.getrecursionlimit()
    with pytest.raises(ValidationError):
        from_json("[" * DEEP)
    assert sys.getrecursionlimit() == limit


# --- no data loss on write -----------------------------------------------------------


class _FailingStream:
    """A file that takes half the data, then fails as a full disk does."""

    def __init__(self, stream: Any) -> None:  # noqa: ANN401 - any binary stream
        self._stream = stream

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()

    def write(self, data: bytes) -> int:
        self._stream.write(data[: len(data) // 2])
        self._stream.flush()
        raise OSError(28, "No space left on device")


def _original(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "forum.json"
    path.write_text("original", encoding="utf-8")
    return path, "original"


def test_failure_in_write_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills up half-way leaves the old file and no temporary file."""
    path, original = _original(tmp_path)
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a: _FailingStream(real_fdopen(*a)))
    with pytest.raises(OSError, match="No space left"):
        aigov.dump(aigov.datasets.tsinghua_2021(), path)
    assert path.read_text(encoding="utf-8") == original
    assert [p.name for p in tmp_path.iterdir()] == ["forum.json"]


def test_failure_in_rename_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the final rename fails, the old file stays and the new text is cleaned up."""
    path, original = _original(tmp_path)

    def fail(_self: Path, _target: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(PermissionError):
        aigov.dump(aigov.datasets.tsinghua_2021(), path)
    assert path.read_text(encoding="utf-8") == original
    assert [p.name for p in tmp_path.iterdir()] == ["forum.json"]


def test_interrupt_mid_write_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during the write (a BaseException) cleans up just the same."""
    path, original = _original(tmp_path)

    def interrupt(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        aigov.dump(aigov.datasets.tsinghua_2021(), path)
    assert path.read_text(encoding="utf-8") == original
    assert [p.name for p in tmp_path.iterdir()] == ["forum.json"]


def test_failed_first_write_creates_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing a new file that fails leaves nothing behind."""

    def fail(_fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="Input/output"):
        aigov.dump(aigov.datasets.tsinghua_2021(), tmp_path / "new.json")
    assert list(tmp_path.iterdir()) == []


def test_dump_keeps_the_file_mode(tmp_path: Path) -> None:
    """Replacing a private file keeps it private."""
    path, _ = _original(tmp_path)
    path.chmod(0o600)
    aigov.dump(aigov.datasets.tsinghua_2021(), path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert aigov.load(path) == aigov.datasets.tsinghua_2021()


# --- loading is only reading -------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["__class__", "__init__", "__reduce__", "$ref", "py/object", "!!python"]
)
def test_keys_that_other_loaders_act_on_are_just_unknown_keys(
    tmp_path: Path, key: str
) -> None:
    """No key makes loading run code, import anything or read another file."""
    secret = tmp_path / "secret.json"
    secret.write_text(to_json(aigov.datasets.tsinghua_2021()), encoding="utf-8")
    document = to_dict(aigov.Role(title="dean"))
    document[key] = secret.as_uri() if key == "$ref" else "os.system"
    with pytest.raises(ValidationError) as exc:
        from_dict(document, aigov.Role)
    (error,) = exc.value.errors
    assert error.message.startswith(f"unknown field {key!r} for Role")


# --- many problems ------------------------------------------------------------------

CAP = MAX_PROBLEMS_PER_ARRAY


@pytest.mark.parametrize("bad", [1, None, [], "XX"], ids=["int", "null", "array", "XX"])
def test_a_million_bad_items_make_a_bounded_report(bad: object) -> None:
    """Checking an array stops after a bounded number of problems, and says so."""
    document = to_dict(aigov.datasets.tsinghua_2021()) | {"countries": [bad] * 10**6}
    with pytest.raises(ValidationError) as exc:
        from_dict(document)
    errors = exc.value.errors
    assert CAP <= len(errors) <= 2 * CAP + 1
    assert errors[-1].location.startswith("countries[")
    assert "stopped checking after" in errors[-1].message
    assert "more items were not checked" in errors[-1].message


def test_arrays_with_few_problems_report_all_of_them() -> None:
    """Below the cap, every problem is listed."""
    document = to_dict(aigov.datasets.tsinghua_2021()) | {"countries": [1] * CAP}
    with pytest.raises(ValidationError) as exc:
        from_dict(document)
    assert [e.location for e in exc.value.errors] == [
        f"countries[{i}]" for i in range(CAP)
    ]


def test_the_cap_is_the_same_for_objects_built_in_python() -> None:
    """The constructor stops at the same point as the loader."""
    document = to_dict(aigov.datasets.tsinghua_2021()) | {"countries": ["XX"] * 10**4}
    with pytest.raises(ValidationError) as from_document:
        from_dict(document)
    forum = aigov.datasets.tsinghua_2021()
    with pytest.raises(ValidationError) as in_python:
        attrs.evolve(forum, countries=("XX",) * 10**4)
    assert from_document.value.errors == in_python.value.errors


def test_many_unknown_keys_make_a_bounded_report() -> None:
    """Thousands of unknown keys: the first ones are listed, the rest counted."""
    extra = {f"k{i:05}": 1 for i in range(10_000)}
    with pytest.raises(ValidationError) as exc:
        from_dict({"title": "dean", **extra}, aigov.Role)
    errors = exc.value.errors
    assert len(errors) == CAP + 1
    assert errors[0].location == "k00000"
    assert errors[-1] == ErrorDetail(
        "", f"{10_000 - CAP} more unknown fields for Role not listed"
    )


def test_limit_keywords_keep_the_loaders_typed(tmp_path: Path) -> None:
    """max_size and max_depth do not change what the loaders are typed to return."""
    forum = aigov.datasets.tsinghua_2021()
    speaker = forum.speakers[0]
    assert_type(from_json(to_json(forum), max_size=10**6, max_depth=8), aigov.Forum)
    assert_type(from_json(to_json(speaker), aigov.Speaker, max_depth=8), aigov.Speaker)
    assert_type(from_dict(to_dict(forum), max_depth=8), aigov.Forum)
    assert_type(from_dict(to_dict(speaker), aigov.Speaker, max_depth=8), aigov.Speaker)
    path = tmp_path / "forum.json"
    aigov.dump(forum, path)
    assert_type(aigov.load(path, max_size=10**6), aigov.Forum)
    assert_type(aigov.load(path, aigov.Forum, max_depth=8), aigov.Forum)


class _BoomError(Exception):
    pass


def _boom(*_args: object, **_kwargs: object) -> object:
    raise _BoomError


EVIL_CONTAINERS = [
    type("D", (dict,), {method: _boom})
    for method in ("items", "__iter__", "__getitem__", "__contains__", "keys", "values")
] + [
    type(base.__name__.title(), (base,), {method: _boom})
    for base in (list, tuple)
    for method in ("__iter__", "__getitem__", "__len__")
]


@pytest.mark.parametrize("container", EVIL_CONTAINERS, ids=repr)
@pytest.mark.parametrize("where", ["document", "speakers", "name", "countries"])
def test_containers_that_raise_are_validation_errors(
    container: type[Any], where: str
) -> None:
    """Dict, list and tuple subclasses whose methods raise cannot crash from_dict."""
    document = to_dict(aigov.datasets.tsinghua_2021())
    speaker = document["speakers"][0]
    is_mapping = issubclass(container, dict)
    data: object
    if where == "document":
        data = container(document) if is_mapping else container([document])
    elif where == "speakers":
        data = document | {
            "speakers": [container(speaker)] if is_mapping else container([speaker])
        }
    else:
        data = document | {where: container() if is_mapping else container(["CN"])}
    holds(aigov.Forum, lambda: from_dict(data))


# --- the holes a red-team run found in 0.1 --------------------------------------------


@contextlib.contextmanager
def backend(use_msgspec: bool) -> Iterator[None]:
    """Load with msgspec (where installed) or with the standard library only."""
    saved = aigov._io.use_msgspec
    aigov._io.use_msgspec = use_msgspec
    try:
        yield
    finally:
        aigov._io.use_msgspec = saved


BACKENDS = [
    pytest.param(
        True,
        id="msgspec",
        marks=pytest.mark.skipif(
            importlib.util.find_spec("msgspec") is None,
            reason="msgspec is not installed",
        ),
    ),
    pytest.param(False, id="stdlib"),
]

#: The longest message any problem may have, however big the document.
LONGEST_MESSAGE = 2_000


def check_printable_and_bounded(exc: ValidationError) -> None:
    """No control or format character, and no long line, in what an error says."""
    check_error(exc)
    for detail in exc.errors:
        assert not hs.raw_controls(detail.message), detail.message
        assert not hs.raw_controls(detail.location), detail.location
        assert len(detail.message) <= LONGEST_MESSAGE
    text = str(exc)
    assert not hs.printed_controls(text), text
    assert all(len(line) <= 2 * LONGEST_MESSAGE for line in text.split("\n"))


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@given(hs.documents_with_a_hostile_key(FIELD_NAMES))
def test_from_dict_with_a_hostile_key_anywhere(
    use_msgspec: bool, case: tuple[type, Any]
) -> None:
    """Keys of any type, or whose hash, == or repr raise: an object or ValidationError."""
    cls, document = case
    with backend(use_msgspec), hs.armed():
        try:
            result: object = from_dict(document, cls)
        except ValidationError as exc:
            check_printable_and_bounded(exc)
            return
    assert type(result) is cls


@settings(deadline=None)
@pytest.mark.parametrize("use_msgspec", BACKENDS)
@given(hs.documents_quoting_hostile_ids())
def test_ids_quoted_in_messages_are_escaped(
    use_msgspec: bool, document: dict[str, Any]
) -> None:
    """Duplicate ids, dangling references and cycles never print raw Cc or Cf characters."""
    with backend(use_msgspec):
        loads: tuple[Callable[[], object], ...] = (
            lambda: from_dict(document),
            lambda: from_json(json.dumps(document, ensure_ascii=False)),
            lambda: from_json(json.dumps(document).encode()),
        )
        for load in loads:
            with pytest.raises(ValidationError) as exc:
                load()
            check_printable_and_bounded(exc.value)
            # The ids were quoted by the integrity checks, not refused before.
            assert any(
                word in error.message
                for error in exc.value.errors
                for word in ("duplicate", "refers to no", "cycle")
            )


@pytest.mark.parametrize("use_msgspec", BACKENDS)
def test_a_cycle_of_twenty_thousand_hostile_ids_is_one_short_message(
    use_msgspec: bool,
) -> None:
    """A 20,000-organisation cycle of ids holding ESC, CR and U+202E: one bounded, escaped message."""
    ids = [f"org-{i}\x1b[2J\r\u202e\u2066" for i in range(20_000)]
    text = json.dumps(hs.cycle_document(ids), ensure_ascii=False)
    with backend(use_msgspec), pytest.raises(ValidationError) as exc:
        from_json(text)
    check_printable_and_bounded(exc.value)
    (cycle,) = [e for e in exc.value.errors if "cycle" in e.message]
    assert "20000" in cycle.message
    assert len(str(exc.value)) <= LONGEST_MESSAGE


@settings(deadline=None)
@pytest.mark.parametrize("use_msgspec", BACKENDS)
@given(hs.texts_with_a_duplicate_key())
def test_a_key_given_twice_anywhere_is_refused_there(
    use_msgspec: bool, case: tuple[type, str, str]
) -> None:
    """A key written twice in any object of a valid document: ValidationError at that key."""
    cls, text, location = case
    with backend(use_msgspec):
        for data in (text, text.encode()):
            with pytest.raises(ValidationError) as exc:
                from_json(data, cls)
            check_error(exc.value)
            assert location in [e.location for e in exc.value.errors]


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@given(st.data(), hs.ITEM_FORMATS)
def test_a_memoryview_of_any_item_size_is_measured_in_bytes(
    use_msgspec: bool, data: st.DataObject, item_format: hs.ItemFormat
) -> None:
    """max_size compares a memoryview's bytes, whatever the size of its items."""
    cls = data.draw(st.sampled_from(MODEL_CLASSES))
    obj = data.draw(STRATEGIES[cls])
    view = hs.as_memoryview(to_json(obj).encode(), item_format)
    with backend(use_msgspec):
        assert from_json(view, cls, max_size=view.nbytes) == obj  # type: ignore[call-overload]
        # Between the item count and the byte count is what 0.1 let through.
        limit = data.draw(st.integers(min(len(view), view.nbytes - 1), view.nbytes - 1))
        with pytest.raises(
            ValidationError, match=f"is {view.nbytes} bytes; the limit is {limit}"
        ):
            from_json(view, cls, max_size=limit)  # type: ignore[call-overload]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds")
@pytest.mark.parametrize("use_msgspec", BACKENDS)
@settings(
    deadline=None,
    max_examples=24,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(hs.linked_non_regular_kinds)
def test_load_of_a_link_to_anything_but_a_regular_file_is_refused_at_once(
    use_msgspec: bool, tmp_path_factory: pytest.TempPathFactory, kind: str
) -> None:
    """A FIFO, socket, directory or device, directly or through links: an OSError, never a wait."""
    directory = tmp_path_factory.mktemp("kinds")
    with contextlib.ExitStack() as stack, backend(use_msgspec):
        path = hs.make_non_regular_file(kind, directory, stack)
        outcome: list[BaseException] = []

        def attempt() -> None:
            try:
                aigov.load(path)
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                outcome.append(exc)

        thread = threading.Thread(target=attempt, daemon=True)
        thread.start()
        thread.join(5)
        assert not thread.is_alive(), f"load({kind}) blocked"
        (error,) = outcome
        assert isinstance(error, OSError), repr(error)
        assert not isinstance(error, ValidationError)


UNKNOWN_KEYS = 100_001


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@pytest.mark.parametrize("source", ["dict", "str", "bytes"])
def test_unknown_keys_are_the_first_hundred_in_document_order(
    use_msgspec: bool, source: str
) -> None:
    """100,001 unknown keys, in reverse sorted order: the first 100 as written, then one count."""
    # Descending, so that sorting them (as 0.1 did) would list the last ones.
    keys = [f"k{i:06}" for i in reversed(range(UNKNOWN_KEYS))]
    document: dict[str, object] = {"title": "dean"} | dict.fromkeys(keys, 1)
    text = json.dumps(document)
    load: Callable[[], object] = {
        "dict": lambda: from_dict(document, aigov.Role),
        "str": lambda: from_json(text, aigov.Role),
        "bytes": lambda: from_json(text.encode(), aigov.Role),
    }[source]
    with backend(use_msgspec), pytest.raises(ValidationError) as exc:
        load()
    errors = exc.value.errors
    assert [e.location for e in errors[:-1]] == keys[:CAP]
    assert errors[-1] == ErrorDetail(
        "", f"{UNKNOWN_KEYS - CAP} more unknown fields for Role not listed"
    )


def dangling_document(count: int) -> dict[str, object]:
    """A forum with one speaker and *count* statements by speakers it does not have."""
    statements = [
        {"speaker_id": f"nobody-{i}", "text": f"Statement {i}."} for i in range(count)
    ]
    return hs.forum_document(
        speakers=[hs.speaker("somebody")],
        sessions=[{"title": "Opening", "kind": "plenary", "statements": statements}],
    )


DANGLING = 100_000


@pytest.mark.parametrize("use_msgspec", BACKENDS)
def test_a_hundred_thousand_dangling_references_make_a_capped_report(
    use_msgspec: bool,
) -> None:
    """100,000 speaker_ids that name nobody: 100 problems and one count of the rest."""
    text = json.dumps(dangling_document(DANGLING)).encode()
    with backend(use_msgspec), pytest.raises(ValidationError) as exc:
        from_json(text)
    errors = exc.value.errors
    assert [e.location for e in errors[:CAP]] == [
        f"sessions[0].statements[{i}].speaker_id" for i in range(CAP)
    ]
    assert all("refers to no speaker" in e.message for e in errors[:CAP])
    assert errors[CAP:] == (
        ErrorDetail(
            "",
            f"stopped after {CAP} references to nothing; {DANGLING - CAP} more not listed",
        ),
    )
    check_printable_and_bounded(exc.value)


def many_duplicate_ids() -> dict[str, object]:
    return hs.forum_document(speakers=[hs.speaker("same")] * DANGLING)


def many_cycles() -> dict[str, object]:
    # o0 <-> o1, o2 <-> o3, ...: 50,000 cycles of two.
    organizations = [hs.organization(f"o{i}", f"o{i ^ 1}") for i in range(DANGLING)]
    return hs.forum_document(organizations=organizations)


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@pytest.mark.parametrize(
    ("kind", "build"),
    [("duplicate ids", many_duplicate_ids), ("parent_id cycles", many_cycles)],
    ids=["duplicates", "cycles"],
)
def test_every_kind_of_integrity_problem_is_capped(
    use_msgspec: bool, kind: str, build: Callable[[], dict[str, object]]
) -> None:
    """100,000 duplicate ids, or 50,000 two-organisation cycles: at most 100 listed, then a count."""
    text = json.dumps(build()).encode()
    with backend(use_msgspec), pytest.raises(ValidationError) as exc:
        from_json(text)
    errors = exc.value.errors
    assert len(errors) == CAP + 1
    assert errors[-1].location == ""
    assert errors[-1].message.startswith(f"stopped after {CAP} {kind}; ")
