import pickle

import pytest

import aigov
from aigov.exceptions import MAX_LISTED_ERRORS, AigovError, ErrorDetail, ValidationError


def test_validation_error_is_a_value_error_and_an_aigov_error() -> None:
    """Callers can catch it as ValueError or as the library's root error."""
    assert issubclass(ValidationError, ValueError)
    assert issubclass(ValidationError, AigovError)
    assert aigov.ValidationError is ValidationError
    assert aigov.AigovError is AigovError


def test_one_problem_is_one_line() -> None:
    """A single problem reads `location: message`."""
    error = ValidationError([ErrorDetail("speakers[3].country", "bad", "XX")])
    assert str(error) == "speakers[3].country: bad"


def test_many_problems_are_listed_one_per_line_and_capped() -> None:
    """Long lists are cut with 'and N more'; .errors keeps everything."""
    details = [ErrorDetail(f"a[{i}]", "bad") for i in range(MAX_LISTED_ERRORS + 5)]
    error = ValidationError(details, subject="Forum")
    lines = str(error).splitlines()
    assert lines[0] == f"{MAX_LISTED_ERRORS + 5} problems in Forum:"
    assert lines[1] == "  a[0]: bad"
    assert lines[-1] == "  ... and 5 more"
    assert len(error.errors) == MAX_LISTED_ERRORS + 5


def test_top_level_problems_are_labelled() -> None:
    """A problem with the whole document says so instead of an empty location."""
    assert str(ValidationError.single("invalid JSON")) == "(top level): invalid JSON"


def test_validation_errors_pickle() -> None:
    """Errors survive pickling, e.g. across multiprocessing workers."""
    error = ValidationError([ErrorDetail("name", "must not be empty", "")], subject="X")
    clone = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
    assert clone.errors == error.errors
    assert str(clone) == str(error)


def test_error_details_keep_the_offending_value() -> None:
    """The value is kept for programs; it does not take part in equality."""
    with pytest.raises(ValidationError) as exc:
        aigov.Speaker(name="A", country="XX")
    (detail,) = exc.value.errors
    assert detail.value == "XX"
    assert detail == ErrorDetail("country", detail.message, "other")


def test_messages_bound_huge_values() -> None:
    """A 2 MB bad value does not make a 2 MB message."""
    with pytest.raises(ValidationError) as exc:
        aigov.Speaker(name="A", country="X" * 2_000_000)
    assert len(str(exc.value)) < 300
