"""Errors people can act on: the same problems, however the data arrives."""

import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import aigov
from aigov import ErrorDetail, Forum, ValidationError, from_dict, from_json, to_dict


def forum() -> Forum:
    return aigov.datasets.tsinghua_2021()


def errors_of(build: Callable[[], object]) -> tuple[ErrorDetail, ...]:
    with pytest.raises(ValidationError) as exc:
        build()
    return exc.value.errors


def with_statement(f: Forum, index: int, **changes: Any) -> Forum:  # noqa: ANN401
    """The forum with statement *index* of its first session changed (in Python)."""
    session = f.sessions[0]
    statements = list(session.statements)
    statements[index] = attrs.evolve(statements[index], **changes)
    sessions = (attrs.evolve(session, statements=tuple(statements)), *f.sessions[1:])
    return attrs.evolve(f, sessions=sessions)


def test_dangling_reference_is_reported_alike_from_python_and_json() -> None:
    """A reference to nothing names the id and where it is, built either way."""
    document = to_dict(forum())
    document["sessions"][0]["statements"][3]["speaker_id"] = "nobody"
    from_document = errors_of(lambda: from_json(json.dumps(document)))
    in_python = errors_of(lambda: with_statement(forum(), 3, speaker_id="nobody"))
    assert from_document == in_python
    (error,) = in_python
    assert error.location == "sessions[0].statements[3].speaker_id"
    assert error.message == "'nobody' refers to no speaker"
    assert error.value == "nobody"


def test_duplicate_ids_name_the_first_use() -> None:
    """A duplicate id says where the id was first used, built either way."""
    f = forum()
    speakers = (*f.speakers, attrs.evolve(f.speakers[0], name="Someone Else"))
    in_python = errors_of(lambda: attrs.evolve(f, speakers=speakers))
    from_document = errors_of(
        lambda: from_dict(to_dict(f) | {"speakers": [to_dict(s) for s in speakers]})
    )
    assert in_python == from_document
    (error,) = in_python
    assert error.location == f"speakers[{len(f.speakers)}].id"
    assert (
        error.message
        == f"duplicate speaker id {f.speakers[0].id!r} (first at speakers[0].id)"
    )


@pytest.mark.parametrize(
    ("cls", "field", "bad"),
    [
        (aigov.Speaker, "country", "XX"),
        (aigov.Speaker, "name", "   "),
        (aigov.Statement, "topics", ("Privacy",)),
        (aigov.Session, "partial", ("participants", "participants")),
        (aigov.Source, "title", ""),
    ],
)
def test_field_problems_read_the_same_from_python_and_json(
    cls: type, field: str, bad: object
) -> None:
    """A bad value gets the same location and message from the constructor and from_dict."""
    valid = {
        aigov.Speaker: {"name": "Li Meng"},
        aigov.Statement: {"speaker_id": "li-meng", "text": "Hello."},
        aigov.Session: {"title": "Panel", "kind": aigov.SessionKind.PANEL},
        aigov.Source: {"title": "Report"},
    }[cls]
    in_python = errors_of(lambda: cls(**{**valid, field: bad}))
    document = to_dict(cls(**valid))
    document[field] = list(bad) if isinstance(bad, tuple) else bad
    assert errors_of(lambda: from_dict(document, cls)) == in_python


def test_every_problem_is_one_line_with_its_location() -> None:
    """The message has a header, then `location: message` per problem, in .errors order."""
    document = to_dict(forum())
    document["speakers"][3]["country"] = "XX"
    document["speakers"][3]["nmae"] = "typo"
    document["sessions"][0]["statements"][3]["speaker_id"] = "nobody"
    document["attendance"] = {"value": -1, "relation": "exactly"}
    with pytest.raises(ValidationError) as exc:
        from_dict(document)
    lines = str(exc.value).splitlines()
    assert lines[0] == f"{len(exc.value.errors)} problems in Forum:"
    assert lines[1:] == [f"  {e.location}: {e.message}" for e in exc.value.errors]
    assert {e.location for e in exc.value.errors} >= {
        "speakers[3].country",
        "speakers[3].nmae",
        "attendance.value",
    }
    assert "did you mean 'name'?" in str(exc.value)


def test_long_lists_of_problems_are_capped_in_the_message() -> None:
    """Hundreds of problems: the text lists the first ones and says how many more."""
    document = to_dict(forum()) | {"countries": ["XX"] * 300}
    with pytest.raises(ValidationError) as exc:
        from_dict(document)
    assert len(exc.value.errors) > aigov.exceptions.MAX_LISTED_ERRORS
    hidden = len(exc.value.errors) - aigov.exceptions.MAX_LISTED_ERRORS
    assert str(exc.value).splitlines()[-1] == f"  ... and {hidden} more"
