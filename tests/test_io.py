import contextlib
import gc
import importlib.util
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import aigov
from aigov import (
    ValidationError,
    _backend,
    _convert,
    _io,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from aigov import strategies as st_aigov

MODEL_OBJECTS = st_aigov.model_objects()

JSON_VALUES = st_aigov.json_values()

HAS_MSGSPEC = importlib.util.find_spec("msgspec") is not None
BACKENDS = [
    pytest.param(
        True,
        id="msgspec",
        marks=[]
        if HAS_MSGSPEC
        else pytest.mark.skip(reason="msgspec is not installed"),
    ),
    pytest.param(False, id="stdlib"),
]

# Any code point, lone surrogates included: the text checks must agree on all.
ANY_TEXT = (
    st.lists(st.integers(0, 0x10FFFF), max_size=6).map(
        lambda points: "".join(map(chr, points))
    )
    | st.text()
)


@contextlib.contextmanager
def backend(use_msgspec: bool) -> Iterator[None]:
    saved = _io.use_msgspec
    _io.use_msgspec = use_msgspec
    try:
        yield
    finally:
        _io.use_msgspec = saved


class _ReferenceOnly:
    """A backend that proves nothing and writes as the reference path does."""

    def load(self, *_: object) -> object:
        raise _backend.Unproven

    structure = load

    def dumps_text(self, obj: object, indent: int | None) -> str:
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(
            _convert.unstructure(obj),
            ensure_ascii=False,
            sort_keys=True,
            indent=indent,
            separators=separators,
        )

    def dumps(self, obj: object, indent: int | None) -> bytes:
        return self.dumps_text(obj, indent).encode()


@contextlib.contextmanager
def reference_path() -> Iterator[None]:
    """Run the public functions without any fast path."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_io, "backend", _ReferenceOnly)
        yield


def outcome(load: Any, *args: object) -> tuple[object, ...]:  # noqa: ANN401
    """What loading gives: the object's canonical text, or every error."""
    try:
        result = load(*args)
    except ValidationError as exc:
        return ("error", [(e.location, e.message) for e in exc.errors])
    return ("ok", type(result), to_json(result))


def typed(value: object) -> object:
    """*value* with its types spelled out: 1, 1.0 and True differ."""
    if isinstance(value, dict):
        return ("dict", [(k, typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def paths(
    node: object, path: tuple[str | int, ...] = ()
) -> list[tuple[str | int, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*path, index))
    return found


def test_gc_pause_restores_an_enabled_collector_even_on_errors() -> None:
    """The collector is off inside the block and on again after, also after an exception."""
    seen = []

    def fail() -> None:
        seen.append(gc.isenabled())
        raise ZeroDivisionError

    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), _backend.gc_paused():
        fail()
    assert seen == [False]
    assert gc.isenabled()


def test_gc_pause_leaves_a_disabled_collector_disabled() -> None:
    """A collector the caller switched off stays off."""
    gc.disable()
    try:
        with _backend.gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@given(MODEL_OBJECTS)
def test_fast_path_builds_every_valid_document(obj: object) -> None:
    """Valid documents are built by the fast path, equal to the original."""
    built = _io.backend().structure(to_dict(obj), type(obj))
    assert built == obj
    assert type(built) is type(obj)


@given(MODEL_OBJECTS)
def test_fast_path_accepts_tuples_like_the_reference(obj: object) -> None:
    """Python callers may pass tuples for arrays; both paths agree on them."""

    def tuples(node: object) -> object:
        if isinstance(node, dict):
            return {k: tuples(v) for k, v in node.items()}
        if isinstance(node, list):
            return tuple(tuples(v) for v in node)
        return node

    data = tuples(to_dict(obj))
    with reference_path():
        expected = outcome(from_dict, data, type(obj))
    assert outcome(from_dict, data, type(obj)) == expected


@given(st_aigov.forums(), st.data(), JSON_VALUES)
def test_broken_documents_give_the_reference_result(
    forum: aigov.Forum, data: st.DataObject, replacement: object
) -> None:
    """Any node replaced or deleted: the same object or the same errors as the reference path."""
    document = to_dict(forum)
    path = data.draw(st.sampled_from(paths(document)))
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    if data.draw(st.booleans()):
        del node[path[-1]]
    else:
        node[path[-1]] = replacement
    with reference_path():
        expected = outcome(from_dict, document)
    assert outcome(from_dict, document) == expected


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@given(
    st_aigov.forums(),
    st.data(),
    JSON_VALUES | st_aigov.statements().map(to_dict) | MODEL_OBJECTS.map(to_dict),
)
def test_broken_json_documents_give_the_reference_result(
    use_msgspec: bool, forum: aigov.Forum, data: st.DataObject, replacement: object
) -> None:
    """Any node of the text replaced or deleted: the same result or errors as the reference.

    Replacements include whole statements and other model objects, which the
    JSON hook may build before it knows where they are.
    """
    document = to_dict(forum)
    path = data.draw(st.sampled_from(paths(document)))
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    if data.draw(st.booleans()):
        del node[path[-1]]
    else:
        node[path[-1]] = replacement
    text = json.dumps(document, ensure_ascii=False)
    as_bytes = text.encode("utf-8", "surrogatepass")
    with reference_path():
        expected = [outcome(from_json, text), outcome(from_json, as_bytes)]
    with backend(use_msgspec):
        assert [outcome(from_json, text), outcome(from_json, as_bytes)] == expected


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@given(MODEL_OBJECTS)
def test_json_text_of_any_model_object_builds_on_the_fast_path(
    use_msgspec: bool, obj: object
) -> None:
    """Valid text of any model object is built by the fast path, equal to the original."""
    text = to_json(obj)
    with backend(use_msgspec):
        for source in (text, text.encode()):
            built = _io.backend().load(source, type(obj))
            assert built == obj
            assert type(built) is type(obj)


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@given(st_aigov.forums(), st.data())
def test_broken_json_text_gives_the_reference_result(
    use_msgspec: bool, forum: aigov.Forum, data: st.DataObject
) -> None:
    """Text edited anywhere, in str or bytes: the same result or errors as the reference."""
    text = to_json(forum)
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 3))
    insert = data.draw(
        st.sampled_from(
            ['"', "\\", "\\ud800", "0", "-", ",", "}", "]", "é", "\x00", "NaN"]
        )
        | st.text(max_size=3)
    )
    edited = text[:at] + insert + text[at + cut :]
    as_bytes = edited.encode("utf-8", "surrogatepass")
    with reference_path():
        expected = [outcome(from_json, edited), outcome(from_json, as_bytes)]
    with backend(use_msgspec):
        assert [outcome(from_json, edited), outcome(from_json, as_bytes)] == expected


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@given(MODEL_OBJECTS, st.sampled_from([None, 0, 1, 2, 4]))
def test_to_json_is_the_reference_text(
    use_msgspec: bool, obj: object, indent: int | None
) -> None:
    """The fast writers give byte-for-byte the reference json.dumps output."""
    with reference_path():
        expected = to_json(obj, indent=indent)
    with backend(use_msgspec):
        assert to_json(obj, indent=indent) == expected


@given(st_aigov.forums(max_organizations=6, max_speakers=6), st.data())
def test_ids_and_references_are_checked_like_the_reference(
    forum: aigov.Forum, data: st.DataObject
) -> None:
    """A string swapped for another of the document gives the reference result.

    This makes duplicate ids, references to the wrong kind of object and
    parent cycles, which random values would rarely hit.
    """
    document = to_dict(forum)
    strings = [p for p in paths(document) if isinstance(get(document, p), str)]
    if not strings:
        return
    path = data.draw(st.sampled_from(strings))
    other = get(document, data.draw(st.sampled_from(strings)))
    get(document, path[:-1])[path[-1]] = other
    with reference_path():
        expected = outcome(from_dict, document)
    assert outcome(from_dict, document) == expected


def get(node: Any, path: tuple[str | int, ...]) -> Any:  # noqa: ANN401
    for key in path:
        node = node[key]
    return node


@pytest.mark.parametrize("use_msgspec", BACKENDS)
def test_valid_documents_never_reach_the_reference_path(
    use_msgspec: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading and writing the bundled forum takes the fast paths only."""
    forum = aigov.datasets.tsinghua_2021()
    text = to_json(forum)

    class Unused:
        def __getattr__(self, name: str) -> object:
            pytest.fail(f"the reference path ran (converter.{name})")

    monkeypatch.setattr(aigov._convert, "get_converter", Unused)
    with backend(use_msgspec):
        assert from_json(text) == forum
        assert from_json(text.encode()) == forum
        assert to_json(forum) == text


@pytest.mark.parametrize("use_msgspec", BACKENDS)
def test_a_hand_written_document_loads_on_the_fast_path(use_msgspec: bool) -> None:
    """A document that leaves defaults and ids out, keys in any order, needs no reference path."""
    text = """{"schema_version": 2, "name": "Forum", "start_date": "2021-12-04",
      "speakers": [{"name": "Li Meng"}],
      "sessions": [{"kind": "plenary", "title": "Opening",
                    "statements": [{"text": "AI should be agile.", "speaker_id": "li-meng"}]}]}"""
    with backend(use_msgspec):
        forum = _io.backend().load(text.encode(), aigov.Forum)
    assert forum == from_json(text)
    assert forum.sessions[0].statements[0].id.startswith("li-meng-")


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@pytest.mark.parametrize(
    ("text", "location"),
    [
        (
            '{"schema_version": 1, "schema_version": 1, "name": "F", "start_date": "2021-12-04"}',
            "schema_version",
        ),
        (
            '{"schema_version": 1, "name": "F", "name": "G", "start_date": "2021-12-04"}',
            "name",
        ),
        (
            '{"schema_version": 2, "name": "F", "start_date": "2021-12-04", "speakers": [{"name": "A"}, {"name": "B", "name": "C"}]}',
            "speakers[1].name",
        ),
    ],
)
def test_a_key_given_twice_is_refused_at_its_location(
    use_msgspec: bool, text: str, location: str
) -> None:
    """Duplicate keys are errors, never "the last one wins", with either backend."""
    with backend(use_msgspec), pytest.raises(ValidationError) as raised:
        from_json(text.encode())
    assert [e.location for e in raised.value.errors] == [location]
    assert "given more than once" in raised.value.errors[0].message


@pytest.mark.parametrize("use_msgspec", BACKENDS)
def test_a_canonical_document_with_a_duplicate_key_is_refused(
    use_msgspec: bool,
) -> None:
    """A duplicate hidden in an otherwise canonical document does not slip through."""
    forum = aigov.datasets.tsinghua_2021()
    version = f'"schema_version":{aigov.SCHEMA_VERSION}'
    text = to_json(forum).replace(version, f'"schema_version":1,{version}')
    assert text.count("schema_version") == 2
    with backend(use_msgspec), pytest.raises(ValidationError, match="schema_version"):
        from_json(text.encode())


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@pytest.mark.parametrize("broken", ["a speaker's country", "the last statement's kind"])
def test_a_failed_load_leaves_little_garbage(use_msgspec: bool, broken: str) -> None:
    """The objects a failed load built are freed at once, not left in reference cycles."""
    forum = aigov.datasets.tsinghua_2021()
    document = to_dict(forum)
    document["sessions"] = [
        {
            **session,
            "id": f"{session['id']}-{copy}",
            "statements": [
                {**statement, "id": f"{statement['id']}-{copy}"}
                for statement in session["statements"]
            ],
        }
        for copy in range(50)
        for session in document["sessions"]
    ]
    if broken == "a speaker's country":
        document["speakers"][3]["country"] = "XX"
    else:
        document["sessions"][-2]["statements"][-1]["kind"] = "rumour"
    text = json.dumps(document).encode()
    with backend(use_msgspec):
        gc.collect()
        gc.disable()
        try:
            with pytest.raises(ValidationError):
                from_json(text)
            left = gc.collect()
        finally:
            gc.enable()
    assert left < 1000


@pytest.mark.parametrize("use_msgspec", BACKENDS)
@given(MODEL_OBJECTS, st.sampled_from([None, 2]))
def test_json_bytes_are_the_json_text_encoded(
    use_msgspec: bool, obj: object, indent: int | None
) -> None:
    """to_json_bytes is to_json's text as UTF-8, on either backend."""
    with backend(use_msgspec):
        assert (
            aigov.to_json_bytes(obj, indent=indent)
            == to_json(obj, indent=indent).encode()
        )


def test_a_memoryview_is_measured_in_bytes() -> None:
    """max_size counts a memoryview's bytes, not its items."""
    text = to_json(aigov.datasets.tsinghua_2021()).encode()
    view = memoryview(text).cast("I", [len(text) // 4]) if len(text) % 4 == 0 else None
    view = view or memoryview(text + b" " * (-len(text) % 4)).cast("I")
    with pytest.raises(ValidationError, match="the limit is"):
        from_json(view, max_size=len(view) + 1)  # type: ignore[call-overload]
