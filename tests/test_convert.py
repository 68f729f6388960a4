import contextlib
import enum
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError
from hypothesis import given
from hypothesis import strategies as st

import aigov
from aigov import Forum, ValidationError, from_dict, from_json, to_dict, to_json
from aigov import strategies as st_aigov

MODEL_OBJECTS = st_aigov.model_objects()

JSON_VALUES = st_aigov.json_values()


def valid_document() -> dict[str, Any]:
    return to_dict(aigov.datasets.tsinghua_2021())


def locations(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [e.location for e in exc.value.errors]


@given(MODEL_OBJECTS)
def test_dict_round_trip_is_exact(obj: object) -> None:
    """from_dict(to_dict(x), type(x)) == x for every model class."""
    assert from_dict(to_dict(obj), type(obj)) == obj


@given(MODEL_OBJECTS)
def test_json_round_trip_is_exact(obj: object) -> None:
    """from_json(to_json(x), type(x)) == x, from str and from UTF-8 bytes."""
    text = to_json(obj)
    assert from_json(text, type(obj)) == obj
    assert from_json(text.encode(), type(obj)) == obj


@given(MODEL_OBJECTS)
def test_to_dict_is_json_native(obj: object) -> None:
    """to_dict gives plain data that survives json.dumps/json.loads unchanged."""
    data = to_dict(obj)
    assert json.loads(json.dumps(data)) == data


@given(MODEL_OBJECTS, st.sampled_from([None, 0, 2, 4]))
def test_to_json_is_canonical(obj: object, indent: int | None) -> None:
    """The same object gives the same text, whatever key order the input had."""
    text = to_json(obj, indent=indent)
    shuffled = json.loads(text, object_pairs_hook=lambda pairs: dict(reversed(pairs)))
    rebuilt = from_dict(shuffled, type(obj))
    assert to_json(rebuilt, indent=indent) == text


def test_to_json_is_the_same_in_another_process() -> None:
    """Canonical output does not depend on hash seeds or the process."""
    script = "import aigov; print(aigov.to_json(aigov.datasets.tsinghua_2021()))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {to_json(aigov.datasets.tsinghua_2021()) + "\n"}


def test_forum_documents_carry_the_schema_version() -> None:
    """A forum's dict and JSON state schema_version at the top."""
    assert valid_document()["schema_version"] == aigov.SCHEMA_VERSION
    assert "schema_version" not in to_dict(aigov.Speaker(name="A"))


def test_dates_and_enums_are_written_as_json_strings() -> None:
    """Dates are ISO 8601 and enums their values."""
    data = valid_document()
    assert data["start_date"] == "2021-12-04"
    assert data["organizations"][0]["kind"] == "university"
    assert type(data["organizations"][0]["kind"]) is str


def test_document_without_schema_version_is_refused() -> None:
    """Guessing a document's version would risk misreading it."""
    data = valid_document()
    del data["schema_version"]
    with pytest.raises(ValidationError) as exc:
        from_dict(data)
    assert locations(exc) == ["schema_version"]


def test_newer_schema_version_is_refused_naming_both_versions() -> None:
    """A document from a newer aigov is refused with a message naming both versions."""
    data = valid_document() | {"schema_version": aigov.SCHEMA_VERSION + 1}
    with pytest.raises(
        ValidationError,
        match=rf"version {aigov.SCHEMA_VERSION + 1}.*up to {aigov.SCHEMA_VERSION}",
    ):
        from_dict(data)


@pytest.mark.parametrize(
    ("path", "bad", "message"),
    [
        (["name"], 1, "expected a string, got an integer"),
        (["attendance", "value"], 70.0, "expected an integer, got a number"),
        (["attendance", "value"], True, "expected an integer, got a boolean"),
        (["attendance", "value"], "70", "expected an integer, got a string"),
        (["attendance"], 70, "expected an object, got an integer"),
        (["countries"], "CN", "expected an array, got a string"),
        (["countries"], {"CN": 1}, "expected an array, got an object"),
        (
            ["start_date"],
            "04/12/2021",
            "is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            ["start_date"],
            "20211204",
            "is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (["start_date"], "2021-02-30", "is not a calendar date"),
        (
            ["start_date"],
            "２０２１-12-04",  # noqa: RUF001 - non-ASCII digits on purpose
            "is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (["speakers", 0], [], "expected an object, got an array"),
        (["speakers", 0, "roles", 0, "title"], None, "expected a string, got null"),
        (["organizations", 0, "kind"], "minstry", "did you mean 'ministry'?"),
    ],
)
def test_json_values_are_never_coerced(
    path: list[Any], bad: object, message: str
) -> None:
    """Wrong JSON types are errors at their location, never silently converted."""
    data = valid_document()
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = bad
    with pytest.raises(ValidationError) as exc:
        from_dict(data)
    location = ".".join(str(p) for p in path).replace(".0", "[0]")
    assert [(e.location, message in e.message) for e in exc.value.errors] == [
        (location, True)
    ]


def test_unknown_keys_are_rejected_with_a_suggestion() -> None:
    """An unknown key is named, with the closest known field."""
    data = valid_document()
    data["sessions"][0]["statements"][0]["speakr_id"] = "x"
    with pytest.raises(ValidationError) as exc:
        from_dict(data)
    (error,) = exc.value.errors
    assert error.location == "sessions[0].statements[0].speakr_id"
    assert "did you mean 'speaker_id'?" in error.message


def test_missing_required_fields_are_located() -> None:
    """A missing required key is reported where it belongs."""
    data = valid_document()
    del data["speakers"][2]["name"]
    del data["name"]
    with pytest.raises(ValidationError) as exc:
        from_dict(data)
    assert sorted(locations(exc)) == ["name", "speakers[2].name"]


def test_every_problem_is_listed_with_its_location() -> None:
    """One error lists all problems, one per line, in the message and as data."""
    data = valid_document()
    data["speakers"][3]["country"] = "XX"
    data["organizations"][1]["name"] = ""
    data["attendance"] = {"value": -5, "relation": "exactly"}
    with pytest.raises(ValidationError) as exc:
        from_dict(data)
    text = str(exc.value)
    assert "speakers[3].country: 'XX' is not an ISO 3166-1 alpha-2 code" in text
    assert "organizations[1].name: must not be empty" in text
    assert "attendance.value: must not be negative" in text
    assert text.startswith("3 problems in Forum:")


def test_dangling_references_in_documents_are_located() -> None:
    """References that resolve to nothing are reported with their path."""
    data = valid_document()
    data["sessions"][0]["statements"][3]["speaker_id"] = "nobody"
    with pytest.raises(ValidationError) as exc:
        from_dict(data)
    assert locations(exc) == ["sessions[0].statements[3].speaker_id"]
    assert "'nobody' refers to no speaker" in str(exc.value)


def _paths(
    node: object, path: tuple[str | int, ...] = ()
) -> list[tuple[str | int, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _location(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _parent_of(document: dict[str, Any], path: tuple[str | int, ...]) -> Any:  # noqa: ANN401 - a dict or a list
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    return node


def _wrong_type_for(value: object) -> object:
    if isinstance(value, str):
        return 1
    if isinstance(value, dict) or value is None:
        return []
    return "x"


@given(st_aigov.forums(), st.data())
def test_any_node_of_the_wrong_type_is_reported_at_its_location(
    f: Forum, data: st.DataObject
) -> None:
    """Replacing any node of a valid document with a wrong-typed value gets a located error."""
    document = to_dict(f)
    path = data.draw(st.sampled_from(_paths(document)))
    node = _parent_of(document, path)
    node[path[-1]] = _wrong_type_for(node[path[-1]])
    with pytest.raises(ValidationError) as exc:
        from_dict(document)
    assert _location(path) in locations(exc)


@given(st_aigov.forums(), st.data(), JSON_VALUES)
def test_any_broken_node_gives_a_value_or_a_validation_error(
    f: Forum, data: st.DataObject, replacement: object
) -> None:
    """Any node replaced or deleted: a valid forum that round-trips, or ValidationError."""
    document = to_dict(f)
    path = data.draw(st.sampled_from(_paths(document)))
    node = _parent_of(document, path)
    if data.draw(st.booleans()):
        del node[path[-1]]
    else:
        node[path[-1]] = replacement
    try:
        result = from_dict(document)
    except ValidationError as exc:
        errors = exc.errors
    else:
        assert from_json(to_json(result)) == result
        return
    assert errors


@given(st.one_of(st.text(), st.binary(), JSON_VALUES.map(json.dumps)))
def test_any_text_gives_a_forum_or_a_validation_error(text: str | bytes) -> None:
    """from_json never lets anything but ValidationError escape."""
    with contextlib.suppress(ValidationError):
        from_json(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "invalid JSON: Expecting value (line 1, column 1)"),
        ('{"a": ', "invalid JSON"),
        (b"\xff\xfe", "not valid UTF-8"),
        ("[" * 100_000, "nested too deeply"),
        ("1" * 5000, "invalid JSON"),
        ("[]", "expected an object, got an array"),
    ],
)
def test_malformed_text_is_a_validation_error(text: str | bytes, message: str) -> None:
    """Bad encodings, syntax and nesting are ValidationErrors, not JSON or Unicode errors."""
    with pytest.raises(ValidationError, match=re.escape(message)):
        from_json(text)


def test_utf8_byte_order_mark_is_accepted() -> None:
    """Files saved with a BOM by some editors still load."""
    text = to_json(aigov.datasets.tsinghua_2021())
    assert from_json(b"\xef\xbb\xbf" + text.encode()) == aigov.datasets.tsinghua_2021()


def test_the_public_converter_is_strict() -> None:
    """aigov.converter refuses coercions just like from_dict."""
    with pytest.raises(ClassValidationError) as exc:
        aigov.converter.structure({"title": 5}, aigov.Role)
    (cause,) = exc.value.exceptions
    assert "expected a string, got an integer" in str(cause)
    role = aigov.converter.structure({"title": "dean"}, aigov.Role)
    assert role == aigov.Role(title="dean")


def test_non_model_classes_are_a_type_error() -> None:
    """Asking for a class that is not part of the model is a programming error."""
    with pytest.raises(TypeError):
        from_dict({}, dict)
    with pytest.raises(TypeError):
        to_dict({"a": 1})


def test_dump_and_load_round_trip(tmp_path: Path) -> None:
    """Dump writes UTF-8 JSON that load reads back to an equal forum."""
    f = aigov.datasets.tsinghua_2021()
    path = tmp_path / "forum.json"
    aigov.dump(f, path)
    assert aigov.load(path) == f
    assert aigov.load(str(path)) == f
    assert path.read_text(encoding="utf-8") == to_json(f, indent=2) + "\n"


def test_dump_failure_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure mid-write leaves the original file and no temporary files behind."""
    path = tmp_path / "forum.json"
    path.write_text("original", encoding="utf-8")

    def fail(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="No space left"):
        aigov.dump(aigov.datasets.tsinghua_2021(), path)
    assert path.read_text(encoding="utf-8") == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["forum.json"]


def test_load_of_a_missing_file_raises_oserror(tmp_path: Path) -> None:
    """Files that cannot be opened raise the usual OSError."""
    with pytest.raises(FileNotFoundError):
        aigov.load(tmp_path / "missing.json")


def test_load_of_invalid_utf8_is_a_validation_error(tmp_path: Path) -> None:
    """A file's bad content, including its encoding, is a ValidationError."""
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"name": "\xc3"}')
    with pytest.raises(ValidationError, match="not valid UTF-8"):
        aigov.load(path)


@attrs.frozen
class Quote:
    """A user's own class: one aigov field and one plain field."""

    speaker: aigov.Speaker
    note: str


@pytest.mark.parametrize(
    ("document", "problems"),
    [
        (
            {"speaker": {"name": "Li Meng", "country": "XX"}, "extra": 1},
            {ClassValidationError, KeyError, ForbiddenExtraKeysError},
        ),
        (
            {"speaker": {"name": "Li Meng"}, "extra": 1},
            {KeyError, ForbiddenExtraKeysError},
        ),
        (
            {"speaker": {"name": "Li Meng", "country": "XX"}, "note": "n"},
            {ClassValidationError},
        ),
    ],
    ids=["all three", "missing and unknown", "bad nested country"],
)
def test_own_class_errors_list_every_problem(
    document: dict[str, Any], problems: set[type]
) -> None:
    """A user's class with a plain field gets cattrs' group of every problem.

    An unknown key, a bad nested country and a missing plain field are each
    in the group: nothing stops structuring with a bare exception.
    """
    with pytest.raises(ClassValidationError) as exc:
        aigov.converter.structure(document, Quote)
    assert {type(e) for e in exc.value.exceptions} == problems


def test_own_class_bad_nested_country_is_located() -> None:
    """The bad country of an embedded speaker is reported inside the speaker."""
    document = {"speaker": {"name": "Li Meng", "country": "XX"}, "note": "n"}
    with pytest.raises(ClassValidationError) as exc:
        aigov.converter.structure(document, Quote)
    (speaker_errors,) = exc.value.exceptions
    assert isinstance(speaker_errors, ClassValidationError)
    (error,) = speaker_errors.exceptions
    assert isinstance(error, ValidationError)
    assert [e.location for e in error.errors] == ["country"]


def test_own_class_round_trips() -> None:
    """A user's class with aigov and plain fields structures what it unstructured."""
    quote = Quote(speaker=aigov.Speaker(name="Li Meng", country="CN"), note="n")
    assert aigov.converter.structure(aigov.converter.unstructure(quote), Quote) == quote


class Mood(enum.StrEnum):
    """An enum of a user's own, a str subclass as aigov's are."""

    CALM = "calm"


@attrs.frozen
class Day:
    """A user's plain attrs class (no aigov checks) holding their own enum."""

    mood: Mood


def test_own_enums_are_structured_to_members() -> None:
    """A user's own str enum is read as its member and written as a plain string."""
    day = aigov.converter.structure({"mood": "calm"}, Day)
    assert day.mood is Mood.CALM
    assert type(aigov.converter.unstructure(day)["mood"]) is str
    with pytest.raises(ClassValidationError):
        aigov.converter.structure({"mood": "stormy"}, Day)
