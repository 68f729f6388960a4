import datetime

import attrs
import pytest
from hypothesis import given

import aigov
from aigov import (
    Count,
    Forum,
    Identifier,
    Organization,
    OrganizationKind,
    Part,
    Participant,
    Role,
    Session,
    SessionKind,
    Source,
    Speaker,
    Statement,
    StatementKind,
    ValidationError,
)
from aigov import strategies as st_aigov

DAY = datetime.date(2021, 12, 4)
ALL_CLASSES = [
    Forum,
    Identifier,
    Organization,
    Role,
    Session,
    Source,
    Speaker,
    Statement,
]


def forum(**fields: object) -> Forum:
    return Forum(name="F", start_date=DAY, **fields)  # type: ignore[arg-type]


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {e.location: e.message for e in exc.value.errors}


@pytest.mark.parametrize("cls", ALL_CLASSES)
def test_classes_are_frozen_slotted_keyword_only(cls: type) -> None:
    """Every model class is an immutable, slotted attrs class taking keywords only."""
    assert attrs.has(cls)
    assert "__slots__" in cls.__dict__
    assert all(f.kw_only for f in attrs.fields(cls))


def test_instances_cannot_be_mutated() -> None:
    """Assigning to a field raises instead of changing the object."""
    speaker = Speaker(name="Li Meng")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        speaker.name = "X"  # type: ignore[misc]


@given(st_aigov.forums())
def test_equal_values_are_equal_and_hash_alike(f: Forum) -> None:
    """Objects compare and hash by value: a rebuilt copy is interchangeable."""
    copy = attrs.evolve(f)
    assert copy == f
    assert hash(copy) == hash(f)
    assert len({f, copy}) == 1


def test_enums_have_the_documented_values() -> None:
    """The enums' string values are the ones the contract names."""
    assert {k.value for k in OrganizationKind} >= {
        "ministry",
        "government",
        "legislature",
        "advisory",
        "university",
        "institute",
        "intergovernmental",
        "ngo",
        "company",
        "association",
        "other",
    }
    assert {k.value for k in StatementKind} == {"paraphrase", "quote"}
    assert {k.value for k in SessionKind} >= {
        "opening_ceremony",
        "plenary",
        "keynote",
        "panel",
        "closing",
        "other",
    }
    assert str(OrganizationKind.MINISTRY) == "ministry"


def test_default_ids_are_readable_slugs() -> None:
    """Omitted ids default to a slug of the name or title."""
    assert Speaker(name="Li Meng").id == "li-meng"
    assert Speaker(name="Andrew Chi-Chih Yao").id == "andrew-chi-chih-yao"
    assert Speaker(name="Beáte Trånkmann").id == "beate-trankmann"
    org = Organization(
        name="Ministry of Foreign Affairs", kind=OrganizationKind.MINISTRY
    )
    assert org.id == "ministry-of-foreign-affairs"
    assert Session(title="Opening ceremony", kind=SessionKind.OTHER).id == (
        "opening-ceremony"
    )


def test_names_without_latin_letters_get_stable_ids() -> None:
    """A name in another script or of punctuation alone still gets a non-empty id."""
    assert Speaker(name="王永庆").id == "王永庆"
    punctuation = Speaker(name="!!!").id
    assert punctuation
    assert punctuation == Speaker(name="!!!").id
    assert punctuation != Speaker(name="???").id


def test_statement_default_id_is_deterministic() -> None:
    """The default statement id depends on speaker and text only, with a fixed digest."""
    a = Statement(speaker_id="li-meng", text="AI governance should be agile.")
    b = Statement(speaker_id="li-meng", text="AI governance should be agile.")
    c = Statement(speaker_id="li-meng", text="Something else.")
    assert a.id == b.id
    assert a.id != c.id
    assert a.id.startswith("li-meng-")
    # Pinned: the same in every process and release (not Python's salted hash()).
    assert a.id == "li-meng-" + aigov._text.stable_digest("li-meng", a.text)
    assert len(a.id) == len("li-meng-") + 8


def test_explicit_ids_must_not_be_empty() -> None:
    """An explicit empty id is rejected, naming the field."""
    with pytest.raises(ValidationError, match="id: must not be empty"):
        Speaker(name="Li Meng", id="")


@pytest.mark.parametrize("name", ["", "   ", "\n"])
def test_blank_names_are_rejected(name: str) -> None:
    """Empty and whitespace-only names and titles are errors."""
    with pytest.raises(ValidationError, match="name: must not be empty"):
        Speaker(name=name, id="x")
    with pytest.raises(ValidationError, match="title: must not be empty"):
        Role(title=name)


def test_lone_surrogates_are_rejected() -> None:
    """Text that cannot be written as UTF-8 never enters the model."""
    with pytest.raises(ValidationError, match="lone surrogate"):
        Speaker(name="a\ud800b", id="x")


def test_country_codes_are_normalised_to_upper_case() -> None:
    """Lower-case alpha-2 codes are accepted and stored upper case."""
    assert Speaker(name="A", country="cn").country == "CN"
    assert forum(countries=("cn", "Us")).countries == ("CN", "US")


@pytest.mark.parametrize("code", ["XX", "CHN", "China", "", "ß", "XK"])
def test_unassigned_country_codes_are_rejected(code: str) -> None:
    """Anything that is not an assigned ISO 3166-1 alpha-2 code is an error."""
    with pytest.raises(ValidationError, match=r"country: .* is not an ISO 3166-1"):
        Speaker(name="A", country=code)


def test_types_are_not_widened() -> None:
    """Constructors reject values of the wrong type instead of converting them."""
    with pytest.raises(ValidationError, match=r"start_date: expected a datetime\.date"):
        Forum(name="F", start_date="2021-12-04")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"start_date: expected a datetime\.date"):
        Forum(name="F", start_date=datetime.datetime(2021, 12, 4))  # noqa: DTZ001
    with pytest.raises(ValidationError, match="roles: expected a tuple, got list"):
        Speaker(name="A", roles=[Role(title="x")])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="attendance: expected a Count, got int"):
        forum(attendance=70)
    with pytest.raises(ValidationError, match=r"value: expected an int"):
        forum(attendance=Count(value=True))
    with pytest.raises(ValidationError, match="kind: expected a OrganizationKind"):
        Organization(name="A", kind=1)  # type: ignore[arg-type]


def test_enum_fields_take_their_values_as_strings() -> None:
    """A constructor stores an enum's string value as the member; other strings are listed."""
    organization = Organization(name="A", kind="ministry")  # type: ignore[arg-type]
    assert organization.kind is OrganizationKind.MINISTRY
    with pytest.raises(
        ValidationError,
        match="'minstry' is not a valid OrganizationKind; expected one of 'ministry', ",
    ):
        Organization(name="A", kind="minstry")  # type: ignore[arg-type]


def test_a_country_name_gets_its_code_suggested() -> None:
    """A country given by name is echoed as typed, with the code it probably means."""
    with pytest.raises(
        ValidationError,
        match="'China' is not an ISO 3166-1 alpha-2 code; did you mean 'CN'\\?",
    ):
        Speaker(name="A", country="China")


def test_every_problem_is_reported_at_once() -> None:
    """A constructor lists all of its invalid fields, not just the first."""
    with pytest.raises(ValidationError) as exc:
        Speaker(name="", id="", country="XX", aliases=("",))
    assert set(problems(exc)) == {"name", "id", "country", "aliases[0]"}
    assert "4 problems in Speaker" in str(exc.value)


def test_topics_must_be_lower_case_and_unique() -> None:
    """Topic tags are non-empty, lower case, and not repeated."""
    with pytest.raises(ValidationError) as exc:
        Statement(speaker_id="a", text="t", topics=("Privacy", "", "x", "x"))
    assert set(problems(exc)) == {"topics[0]", "topics[1]", "topics[3]"}


def test_negative_attendance_is_rejected() -> None:
    """Attendance is a count."""
    with pytest.raises(ValidationError, match="value: must not be negative"):
        Count(value=-1)


def test_end_date_before_start_date_is_rejected() -> None:
    """A forum cannot end before it starts."""
    with pytest.raises(ValidationError, match="end_date: 2021-12-03 is before"):
        forum(end_date=datetime.date(2021, 12, 3))


def test_duplicate_ids_are_rejected_per_kind() -> None:
    """Ids are unique per kind of object; the message names both places."""
    a = Speaker(name="A", id="same")
    org = Organization(name="O", id="same", kind=OrganizationKind.OTHER)
    forum(speakers=(a,), organizations=(org,))  # different kinds may share an id
    with pytest.raises(ValidationError) as exc:
        forum(speakers=(a, Speaker(name="B", id="same")))
    assert problems(exc) == {
        "speakers[1].id": "duplicate speaker id 'same' (first at speakers[0].id)"
    }


def test_duplicate_statement_ids_across_sessions_are_rejected() -> None:
    """Statement ids are unique in the whole forum, not only per session."""
    speaker = Speaker(name="A")
    said = Statement(speaker_id="a", text="hello")
    sessions = (
        Session(title="One", kind=SessionKind.PANEL, statements=(said,)),
        Session(title="Two", kind=SessionKind.PANEL, statements=(said,)),
    )
    with pytest.raises(ValidationError) as exc:
        forum(speakers=(speaker,), sessions=sessions)
    assert list(problems(exc)) == ["sessions[1].statements[0].id"]


def test_dangling_references_are_rejected_with_their_location() -> None:
    """Every *_id must name an object of the forum; each miss is located."""
    with pytest.raises(ValidationError) as exc:
        forum(
            host_ids=("nobody",),
            supporter_ids=("nobody",),
            organizations=(
                Organization(name="O", kind=OrganizationKind.OTHER, parent_id="p"),
            ),
            speakers=(
                Speaker(name="A", roles=(Role(title="t", organization_id="q"),)),
            ),
            sessions=(
                Session(
                    title="S",
                    kind=SessionKind.PANEL,
                    participants=(
                        Participant(speaker_id="c", part=Part.CHAIR),
                        Participant(speaker_id="s", part=Part.KEYNOTE),
                    ),
                    statements=(Statement(speaker_id="z", text="t"),),
                ),
            ),
        )
    assert problems(exc) == {
        "host_ids[0]": "'nobody' refers to no organization",
        "supporter_ids[0]": "'nobody' refers to no organization",
        "organizations[0].parent_id": "'p' refers to no organization",
        "speakers[0].roles[0].organization_id": "'q' refers to no organization",
        "sessions[0].participants[0].speaker_id": "'c' refers to no speaker",
        "sessions[0].participants[1].speaker_id": "'s' refers to no speaker",
        "sessions[0].statements[0].speaker_id": "'z' refers to no speaker",
    }


def test_parent_cycles_are_rejected() -> None:
    """parent_id links must form a tree; a cycle is reported once, naming its members."""
    orgs = (
        Organization(name="A", kind=OrganizationKind.OTHER, parent_id="b"),
        Organization(name="B", kind=OrganizationKind.OTHER, parent_id="c"),
        Organization(name="C", kind=OrganizationKind.OTHER, parent_id="b"),
        Organization(name="D", kind=OrganizationKind.OTHER, parent_id="d"),
    )
    with pytest.raises(ValidationError) as exc:
        forum(organizations=orgs)
    assert problems(exc) == {
        "organizations[1].parent_id": "parent_id links form a cycle: 'b' -> 'c' -> 'b'",
        "organizations[3].parent_id": "parent_id links form a cycle: 'd' -> 'd'",
    }


def test_duplicate_entries_in_id_lists_are_rejected() -> None:
    """Listing the same host, chair or country twice is a mistake, not a no-op."""
    org = Organization(name="O", kind=OrganizationKind.OTHER)
    with pytest.raises(ValidationError) as exc:
        forum(organizations=(org,), host_ids=("o", "o"), countries=("CN", "cn"))
    assert set(problems(exc)) == {"host_ids[1]", "countries[1]"}


def test_a_role_may_have_no_organization() -> None:
    """A distinction held outside any organisation is a role without one."""
    assert Role(title="Turing Award winner").organization_id is None


@given(st_aigov.forums())
def test_generated_forums_are_valid(f: Forum) -> None:
    """The public strategies generate forums that validate when rebuilt."""
    assert attrs.evolve(f) == f
