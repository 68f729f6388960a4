import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import aigov
from aigov import ValidationError, from_dict, json_schema, to_dict
from aigov import strategies as st_aigov
from aigov._cli import main
from aigov._countries import alpha2_codes
from aigov._model import MODEL_CLASSES as _MODEL_CLASSES
from aigov._schema import schema_text

SHIPPED = Path(__file__).parent.parent / "docs" / "_static" / "aigov-forum.schema.json"

STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    aigov.Forum: st_aigov.forums(),
    aigov.Identifier: st_aigov.identifiers(),
    aigov.Organization: st_aigov.organizations(),
    aigov.Role: st_aigov.roles(("o",)),
    aigov.Session: st_aigov.sessions(("a", "b")),
    aigov.Source: st_aigov.sources(),
    aigov.Speaker: st_aigov.speakers(("x", "y")),
    aigov.Statement: st_aigov.statements(),
    aigov.Evidence: st_aigov.evidence(),
    aigov.Count: st_aigov.counts(),
    aigov.Name: st_aigov.names(),
    aigov.Participant: st_aigov.participants(),
}


def schema_errors(document: object, cls: type = aigov.Forum) -> list[str]:
    validator = jsonschema.Draft202012Validator(json_schema(cls))
    return [error.message for error in validator.iter_errors(document)]


def bundled() -> dict[str, Any]:
    return to_dict(aigov.datasets.tsinghua_2021())


@pytest.mark.parametrize("cls", _MODEL_CLASSES)
def test_schema_is_a_valid_draft_2020_12_schema(cls: type) -> None:
    """Every class's schema is itself valid under the draft 2020-12 meta-schema."""
    schema = json_schema(cls)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_bundled_forum_validates() -> None:
    """The bundled forum's document is valid under the published schema."""
    assert schema_errors(bundled()) == []


@given(st.data())
def test_generated_documents_validate(data: st.DataObject) -> None:
    """The canonical document of any valid object is valid under its class's schema."""
    cls = data.draw(st.sampled_from(_MODEL_CLASSES))
    assert schema_errors(to_dict(data.draw(STRATEGIES[cls])), cls) == []


def _set(path: str, value: object) -> Any:  # noqa: ANN401 - a document edit
    def edit(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value

    return edit


def _delete(path: str) -> Any:  # noqa: ANN401 - a document edit
    def edit(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        del node[last]

    return edit


BROKEN = {
    "unknown key": _set("speakr_id", "x"),
    "nested unknown key": _set("sessions.0.statements.0.speakr_id", "x"),
    "bad country": _set("countries", ["CN", "XX"]),
    "bad speaker country": _set("speakers.0.country", "UK"),
    "wrong type": _set("attendance", "70"),
    "boolean count": _set("attendance", value=True),
    "negative count": _set("attendance", -1),
    "huge count": _set("attendance", 2**53),
    "string for array": _set("countries", "CN"),
    "missing field": _delete("name"),
    "missing nested field": _delete("speakers.0.name"),
    "missing schema version": _delete("schema_version"),
    "newer schema version": _set("schema_version", aigov.SCHEMA_VERSION + 1),
    "empty name": _set("name", ""),
    "blank name": _set("speakers.0.name", "   "),
    "bad enum": _set("organizations.0.kind", "minstry"),
    "bad date": _set("start_date", "04/12/2021"),
    "duplicate country": _set("countries", ["CN", "CN"]),
    "duplicate chair": _set("sessions.0.chair_ids", ["a", "a"]),
    "null for array": _set("speakers", None),
    "object for string": _set("location", {}),
}


@pytest.mark.parametrize("edit", BROKEN.values(), ids=BROKEN.keys())
def test_broken_documents_are_refused_by_schema_and_loader(edit: Any) -> None:  # noqa: ANN401
    """The schema and from_json agree on documents that break the model's rules."""
    document = bundled()
    edit(document)
    assert schema_errors(document) != []
    with pytest.raises(ValidationError):
        aigov.from_json(json.dumps(document))


ONLY_THE_LOADER = {
    "dangling reference": _set("sessions.0.statements.3.speaker_id", "nobody"),
    "duplicate id": _set("speakers.1.id", "wang-yongqing"),
    "count written as a float": _set("attendance.value", 70.0),
    "impossible date": _set("start_date", "2021-02-30"),
    "end before start": _set("end_date", "2021-01-01"),
    "upper-case topic": _set("sessions.0.statements.0.topics", ["Privacy"]),
}


@pytest.mark.parametrize("edit", ONLY_THE_LOADER.values(), ids=ONLY_THE_LOADER.keys())
def test_rules_only_the_loader_checks(edit: Any) -> None:  # noqa: ANN401
    """What docs/format.rst says the schema cannot express: it passes, from_json refuses."""
    document = bundled()
    edit(document)
    assert schema_errors(document) == []
    with pytest.raises(ValidationError):
        aigov.from_json(json.dumps(document))


@given(st.data())
def test_schema_never_refuses_what_loads(data: st.DataObject) -> None:
    """A canonical document that from_dict accepts is valid under the schema."""
    cls = data.draw(st.sampled_from(_MODEL_CLASSES))
    document = to_dict(data.draw(STRATEGIES[cls]))
    field = data.draw(st.sampled_from(sorted(document)))
    document[field] = data.draw(
        st.none() | st.integers() | st.text(max_size=3) | st.lists(st.text(max_size=3))
    )
    try:
        obj: object = from_dict(document, cls)
    except ValidationError:
        return
    if to_dict(obj) == document:
        assert schema_errors(document, cls) == []


def test_schema_describes_canonical_documents_only() -> None:
    """Lower-case country codes load (and are upper-cased) but are not canonical."""
    document = bundled() | {"countries": ["cn"]}
    assert from_dict(document).countries == ("CN",)
    assert schema_errors(document) != []


def test_country_codes_are_the_assigned_codes() -> None:
    """Countries are an enum of every assigned ISO 3166-1 code, in sorted order."""
    schema = json_schema()
    assert schema["properties"]["countries"]["items"]["enum"] == sorted(alpha2_codes())
    speaker_country = schema["$defs"]["Speaker"]["properties"]["country"]["anyOf"][0]
    assert speaker_country["enum"] == sorted(alpha2_codes())


@pytest.mark.parametrize("cls", _MODEL_CLASSES)
def test_required_are_the_fields_without_defaults(cls: type) -> None:
    """The schema requires exactly the fields without defaults, and schema_version for forums."""
    schema = json_schema(cls)
    expected = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    if cls is aigov.Forum:
        expected = ["schema_version", *expected]
    assert schema["required"] == expected
    assert schema["additionalProperties"] is False


def test_shipped_schema_file_is_up_to_date() -> None:
    """docs/_static/aigov-forum.schema.json is what json_schema() gives (run `aigov schema` to refresh it)."""
    assert SHIPPED.read_text(encoding="utf-8") == schema_text() + "\n"


def test_schema_is_the_same_in_another_process() -> None:
    """`aigov schema` prints the same text whatever the hash seed."""
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "aigov", "schema"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {schema_text() + "\n"}


def test_cli_prints_the_schema_of_a_class(capsys: pytest.CaptureFixture[str]) -> None:
    """`aigov schema --class Speaker` prints the Speaker schema as canonical JSON."""
    assert main(["schema", "--class", "Speaker"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == json_schema(aigov.Speaker)
    assert out == schema_text(aigov.Speaker) + "\n"


def test_non_model_classes_are_a_type_error() -> None:
    """Asking for the schema of something else is a programming error."""
    with pytest.raises(TypeError):
        json_schema(dict)


def test_non_attrs_classes_are_not_a_model() -> None:
    """A class with no declarations is refused with NotAModelError."""
    with pytest.raises(aigov.exceptions.NotAModelError):
        json_schema(int)


@attrs.frozen
class _Tagged:
    """A class with a field of a type the vocabulary does not know."""

    name: str
    payload: object


def test_fields_outside_the_vocabulary_are_a_type_error() -> None:
    """A class with a field the vocabulary cannot describe gets no partial schema."""
    with pytest.raises(aigov.exceptions.ArgumentTypeError, match=r"_Tagged\.payload"):
        json_schema(_Tagged)


@attrs.frozen
class _Archive:
    """A user's class holding forums."""

    label: str
    forums: tuple[aigov.Forum, ...] = ()


def test_own_class_holding_a_forum_validates_what_the_converter_writes() -> None:
    """A forum nested in a user's class keeps its schema_version, in data and schema."""
    archive = _Archive(label="mine", forums=(aigov.datasets.tsinghua_2021(),))
    schema = json_schema(_Archive)
    assert schema["title"] == "_Archive document"
    assert schema["$defs"]["Forum"]["required"][0] == "schema_version"
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(aigov.converter.unstructure(archive))) == []
