import functools
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import aigov
from aigov import strategies
from aigov._fields import Count, CountryCode, Id, Text, derived
from aigov._model import MODEL_CLASSES, _checked
from aigov.exceptions import ArgumentTypeError, NotAModelError


def _lower_name(obj: "Place") -> str:
    return obj.name.lower() if type(obj.name) is str else ""


@_checked
@attrs.frozen(kw_only=True)
class Place:
    """A place with a derived id."""

    name: Text
    id: Id = derived(_lower_name)
    country: CountryCode | None = None


@_checked
@attrs.frozen(kw_only=True)
class Span:
    """A span whose end is checked against its start, as a whole."""

    start: Count
    end: Count

    def _check_whole(self) -> Iterator[aigov.ErrorDetail]:
        if self.end < self.start:
            yield aigov.ErrorDetail("end", "must not be before start", self.end)


@attrs.frozen
class Note:
    """A class with a field of a type the vocabulary does not know."""

    text: Text
    extra: object


def test_derived_ids_are_given_and_derived() -> None:
    """Some objects get an explicit id, others the id derived from their name."""
    places = strategies.from_declarations(Place)
    find(places, lambda place: place.id != place.name.lower())
    find(places, lambda place: place.id == place.name.lower())


def test_fields_with_defaults_are_sometimes_left_out() -> None:
    """Optional fields are sometimes given and sometimes left to their default."""
    places = strategies.from_declarations(Place)
    find(places, lambda place: place.country is None)
    find(places, lambda place: place.country is not None)


@given(strategies.from_declarations(Place, country=st.just("FR")))
def test_overrides_replace_the_declared_strategy(place: Place) -> None:
    """A field given an override always takes its values from it."""
    assert place.country == "FR"


@given(strategies.from_declarations(Span))
def test_objects_are_whole_as_well_as_field_by_field(span: Span) -> None:
    """Draws that a class's whole-object checks refuse are left out."""
    assert span.start <= span.end


def test_unknown_override_is_a_type_error() -> None:
    """An override for a field the class lacks is a programming error."""
    with pytest.raises(ArgumentTypeError, match="'county' is no field of Place"):
        strategies.from_declarations(Place, county=st.just("FR"))


def test_override_must_be_a_strategy() -> None:
    """A plain value as an override is refused: overrides are strategies."""
    with pytest.raises(ArgumentTypeError, match="must be a hypothesis strategy"):
        strategies.from_declarations(Place, country="FR")  # type: ignore[arg-type]


def test_non_attrs_classes_are_refused() -> None:
    """Only attrs classes have declarations to derive a strategy from."""
    with pytest.raises(NotAModelError):
        strategies.from_declarations(dict)


def test_required_field_outside_the_vocabulary_needs_an_override() -> None:
    """A required field of a type aigov does not know must be given a strategy."""
    with pytest.raises(ArgumentTypeError, match=r"Note\.extra"):
        strategies.from_declarations(Note)
    note = find(strategies.from_declarations(Note, extra=st.none()), lambda _: True)
    assert note.extra is None


def is_a(cls: type, obj: object) -> bool:
    return type(obj) is cls


def test_model_objects_cover_every_model_class() -> None:
    """model_objects() draws objects of every class in the model."""
    objects = strategies.model_objects()
    # Found, not shrunk; as many tries as it takes for the rarer classes.
    quick = settings(phases=[Phase.generate], database=None, max_examples=2000)
    for cls in MODEL_CLASSES:
        find(objects, functools.partial(is_a, cls), settings=quick)
