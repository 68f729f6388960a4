"""A class declared here, from the field vocabulary alone, gets everything aigov derives.

Issue 10's proof that each field is declared once: the classes below are
declared in this test and nowhere else, yet they get a JSON Schema, a
hypothesis strategy, converter hooks and both fast loaders, with no edit
anywhere in aigov.
"""

import enum
import json
from typing import Annotated, Any

import attrs
import jsonschema
import pytest
from cattrs.errors import ClassValidationError
from hypothesis import given

import aigov
from aigov import _bulk, _convert, strategies
from aigov._backend import Backend, Unproven
from aigov._fields import UNIQUE, Count, CountryCode, Id, Text, Topic, derived
from aigov._model import _checked


def _name_slug(venue: Any) -> str:  # noqa: ANN401 - a half-built Festival
    # A bad title is reported by the checks; the id must not crash first.
    return venue.title.lower() if type(venue.title) is str else ""


class VenueKind(enum.StrEnum):
    """What a venue is."""

    HALL = "hall"
    CLUB = "club"


@_checked
@attrs.frozen(kw_only=True)
class Venue:
    """A place where events take place.

    Attributes:
        name: What the place is called.
        country: Where it is.
    """

    name: Text
    country: CountryCode | None = None
    tags: Annotated[tuple[Topic, ...], UNIQUE] = ()
    capacity: Count | None = None
    kind: VenueKind = VenueKind.HALL


@_checked
@attrs.frozen(kw_only=True)
class Festival:
    """Events in several venues."""

    title: Text
    id: Id = derived(_name_slug)
    venues: tuple[Venue, ...] = ()
    main_venue: Venue | None = None


FESTIVALS = strategies.from_declarations(Festival)

BACKENDS = [Backend(aigov.SCHEMA_VERSION)]
try:
    from aigov._msgspec import MsgspecBackend
except ImportError:  # the fast extra is not installed
    pass
else:
    BACKENDS.append(MsgspecBackend(aigov.SCHEMA_VERSION))


def bad_country_document() -> dict[str, Any]:
    return {
        "title": "Jazz",
        "venues": [{"name": "Hall"}, {"name": "Club", "country": "XX"}],
    }


def canonical(data: object) -> bytes:
    """The document as aigov writes documents: sorted keys, no spaces, UTF-8."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode()


def test_the_declared_class_checks_its_fields() -> None:
    """Constructors check and normalise fields from the declarations alone."""
    assert Venue(name="Hall", country="cn").country == "CN"
    with pytest.raises(aigov.ValidationError) as exc:
        Venue(name=" ", tags=("jazz", "jazz"), capacity=-1)
    assert [e.location for e in exc.value.errors] == ["name", "tags[1]", "capacity"]


def test_schema_is_derived_from_the_declarations() -> None:
    """json_schema describes the class: required fields, nested $defs, closed objects."""
    schema = aigov.json_schema(Festival)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["title"]
    assert schema["additionalProperties"] is False
    venue = schema["$defs"]["Venue"]
    assert venue["required"] == ["name"]
    assert venue["properties"]["name"]["description"] == "What the place is called."
    assert set(venue["properties"]) == {"name", "country", "tags", "capacity", "kind"}
    assert schema["$defs"]["VenueKind"]["enum"] == ["hall", "club"]
    assert venue["properties"]["tags"]["uniqueItems"] is True


@given(FESTIVALS)
def test_schema_accepts_every_generated_document(festival: Festival) -> None:
    """The unstructured form of any generated object is valid under the schema."""
    validator = jsonschema.Draft202012Validator(aigov.json_schema(Festival))
    assert list(validator.iter_errors(aigov.converter.unstructure(festival))) == []


def test_schema_refuses_a_bad_nested_country() -> None:
    """The schema knows the country codes of a nested class."""
    validator = jsonschema.Draft202012Validator(aigov.json_schema(Festival))
    assert not validator.is_valid(bad_country_document())


@given(FESTIVALS)
def test_strategy_gives_valid_objects(festival: Festival) -> None:
    """Every generated object passes its own checks when built again."""
    assert Festival(**attrs.asdict(festival, recurse=False)) == festival
    assert all(type(venue) is Venue for venue in festival.venues)


@given(FESTIVALS)
def test_converter_round_trip_is_exact(festival: Festival) -> None:
    """aigov.converter structures what it unstructured, unchanged."""
    data = aigov.converter.unstructure(festival)
    assert aigov.converter.structure(data, Festival) == festival


def test_converter_locates_a_bad_nested_country() -> None:
    """A bad country in a nested object is reported where it is."""
    with pytest.raises(ClassValidationError):
        aigov.converter.structure(bad_country_document(), Festival)
    with pytest.raises(aigov.ValidationError) as exc:
        _convert.structure(bad_country_document(), Festival)
    assert [e.location for e in exc.value.errors] == ["venues[1].country"]


def test_converter_writes_enums_by_value() -> None:
    """The class's own enum is read as its member and written as its plain value."""
    document = {"title": "Jazz", "venues": [{"name": "Club", "kind": "club"}]}
    festival = aigov.converter.structure(document, Festival)
    assert festival.venues[0].kind is VenueKind.CLUB
    written = aigov.converter.unstructure(festival)["venues"][0]["kind"]
    assert type(written) is str
    assert written == "club"


def test_converter_derives_ids_left_out() -> None:
    """A derived id left out of a document is derived, as the constructor does."""
    festival = aigov.converter.structure({"title": "Jazz"}, Festival)
    assert festival.id == "jazz"


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.name)
@given(festival=FESTIVALS)
def test_fast_loaders_build_the_class(backend: Backend, festival: Festival) -> None:
    """Both backends load the class from dicts and from canonical JSON, checked in bulk."""
    data = aigov.converter.unstructure(festival)
    assert backend.structure(data, Festival) == festival
    assert backend.load(canonical(data), Festival) == festival


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.name)
def test_fast_loaders_derive_ids(backend: Backend) -> None:
    """The fast loaders derive an id left out of the document."""
    assert backend.load(b'{"title":"Jazz"}', Festival).id == "jazz"  # type: ignore[attr-defined]


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.name)
def test_fast_loaders_refuse_a_bad_nested_country(backend: Backend) -> None:
    """A document the bulk checks cannot prove valid goes to the reference path."""
    with pytest.raises(Unproven):
        backend.load(canonical(bad_country_document()), Festival)


def built_without_constructor(cls: type, **fields: object) -> Any:  # noqa: ANN401 - any class
    """A *cls* object with *fields* set as the fast loaders set them: unchecked."""
    obj: Any = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(obj, name, value)
    return obj


def test_bulk_checks_judge_objects_built_without_their_constructor() -> None:
    """_bulk.valid says yes to valid objects and no to a bad nested field."""
    good = built_without_constructor(
        Venue, name="Club", country="FR", tags=(), capacity=None, kind=VenueKind.CLUB
    )
    bad = built_without_constructor(
        Venue, name="Club", country="XX", tags=(), capacity=None, kind=VenueKind.CLUB
    )
    assert _bulk.valid(
        built_without_constructor(
            Festival, title="Jazz", id="jazz", venues=(good,), main_venue=None
        )
    )
    assert not _bulk.valid(
        built_without_constructor(
            Festival, title="Jazz", id="jazz", venues=(bad,), main_venue=None
        )
    )
