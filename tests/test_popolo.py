"""Popolo JSON: exports valid against the real schemas, exact round trips, foreign imports.

The Popolo schemas (draft-03) are the vendored copies in
``tests/data/standards/popolo``; they refer to each other by id, so each is
registered under both ``…/X.json`` and ``…/X.json#`` and nothing is fetched.
"""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aigov import (
    Corpus,
    Forum,
    Identifier,
    Organization,
    OrganizationKind,
    Part,
    PartialDate,
    Participant,
    Role,
    Session,
    SessionKind,
    Speaker,
    Statement,
    datasets,
    strategies,
)
from aigov.exceptions import ArgumentTypeError, ValidationError
from aigov.popolo import (
    EXTENSION,
    PopoloImport,
    from_popolo,
    read_popolo,
    to_popolo,
    write_popolo,
)

DATA = Path(__file__).parent / "data"
SCHEMAS = DATA / "standards" / "popolo"
EVERYPOLITICIAN = DATA / "popolo" / "everypolitician-style.json"
BASE = "http://www.popoloproject.com/schemas/"

#: The Popolo schema of the items of each array of a document.
ITEM_SCHEMAS = {
    "persons": "person.json",
    "organizations": "organization.json",
    "memberships": "membership.json",
    "events": "event.json",
    "speeches": "speech.json",
}

#: The kind of item in each array, as the extension's documentation names them.
KINDS = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "events": "event",
    "speeches": "speech",
}

#: The keys documented for each kind of item's extension (docs/popolo.rst).
EXTENSION_KEYS = {
    "forum": {
        "schema_version",
        "id",
        "host_ids",
        "supporter_ids",
        "countries",
        "attendance",
        "sources",
        "series",
        "partial",
    },
    "session": {"schema_version", "id", "participants", "partial", "evidence"},
    "person": {
        "schema_version",
        "forum",
        "id",
        "kind",
        "country",
        "name_languages",
        "roles",
        "evidence",
    },
    "organization": {
        "schema_version",
        "forum",
        "id",
        "country",
        "name_languages",
        "evidence",
    },
    "membership": {"schema_version", "country", "evidence"},
    "speech": {"schema_version", "id", "verb", "kind", "topics", "evidence"},
}


def load_schemas() -> dict[str, dict[str, Any]]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMAS.glob("*.json"))
    }


SCHEMA_TEXTS = load_schemas()


def validator_for(name: str) -> Any:  # noqa: ANN401 - jsonschema's validators are untyped here
    """A draft-03 validator for the Popolo schema *name* that never fetches."""
    from jsonschema import Draft3Validator  # noqa: PLC0415 - a test extra
    from referencing import Registry, Resource  # noqa: PLC0415 - a test extra
    from referencing.jsonschema import DRAFT3  # noqa: PLC0415 - a test extra

    resources = []
    for file_name, schema in SCHEMA_TEXTS.items():
        resource = Resource.from_contents(schema, default_specification=DRAFT3)
        resources += [(BASE + file_name, resource), (BASE + file_name + "#", resource)]

    def refuse(uri: str) -> Resource[Any]:
        msg = f"the tests never fetch a schema: {uri}"
        raise AssertionError(msg)

    registry = Registry(retrieve=refuse).with_resources(resources)  # type: ignore[call-arg]
    return Draft3Validator(SCHEMA_TEXTS[name], registry=registry)


VALIDATORS = {array: validator_for(name) for array, name in ITEM_SCHEMAS.items()}


def validation_errors(document: dict[str, Any]) -> list[str]:
    """Every schema violation of every item of *document*, located."""
    found = []
    for array, validator in VALIDATORS.items():
        for index, item in enumerate(document[array]):
            found += [
                f"{array}[{index}]: {error.message}"
                for error in validator.iter_errors(item)
            ]
    return found


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """*schema*, or the vendored schema its ``$ref`` names."""
    ref = schema.get("$ref")
    if ref is None:
        return schema
    return SCHEMA_TEXTS[ref.removeprefix(BASE).removesuffix("#")]


def undeclared_keys(value: object, schema: dict[str, Any], where: str) -> list[str]:
    """Keys of *value* (and of the objects in it) that its Popolo schema does not declare."""
    schema = resolve(schema)
    found = []
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, child in value.items():
            if key not in properties:
                found.append(f"{where}.{key}")
            else:
                found += undeclared_keys(child, properties[key], f"{where}.{key}")
    elif isinstance(value, list) and "items" in schema:
        for index, child in enumerate(value):
            found += undeclared_keys(child, schema["items"], f"{where}[{index}]")
    return found


def stray_keys(document: dict[str, Any]) -> list[str]:
    """Every key written that is neither Popolo's nor of the documented extension."""
    assert set(document) == set(ITEM_SCHEMAS)
    found = []
    for array, name in ITEM_SCHEMAS.items():
        for index, item in enumerate(document[array]):
            where = f"{array}[{index}]"
            popolo = {key: value for key, value in item.items() if key != EXTENSION}
            found += undeclared_keys(popolo, SCHEMA_TEXTS[name], where)
            kind = KINDS[array]
            if array == "events":
                kind = "session" if "parent_id" in item else "forum"
            extension = item.get(EXTENSION, {})
            found += [
                f"{where}.{EXTENSION}.{key}"
                for key in extension
                if key not in EXTENSION_KEYS[kind]
            ]
    return found


def round_trip(data: Forum | Corpus) -> PopoloImport:
    """*data* written as Popolo, through JSON text, and read back."""
    return from_popolo(json.loads(json.dumps(to_popolo(data))))


def as_corpus(data: Forum | Corpus) -> Corpus:
    return data if isinstance(data, Corpus) else Corpus(forums=(data,))


CORPORA = st.lists(
    strategies.forums(max_organizations=2, max_speakers=2, max_sessions=1),
    max_size=3,
    unique_by=lambda forum: forum.id,
).map(lambda forums: Corpus(forums=forums))


# --- export --------------------------------------------------------------------


def test_the_bundled_corpus_validates_against_the_popolo_schemas() -> None:
    """Every item of the bundled corpus's export is valid for its Popolo schema."""
    document = to_popolo(datasets.corpus())
    assert all(document[array] for array in ITEM_SCHEMAS)
    assert validation_errors(document) == []


def test_the_schemas_catch_a_wrong_type() -> None:
    """The validators used above do refuse what a Popolo schema forbids, through $refs too."""
    document = to_popolo(datasets.tsinghua_2021())
    document["speeches"][0]["position"] = "first"
    document["events"][0]["start_date"] = "18 December 2020"
    document["persons"][0]["identifiers"] = [{"scheme": "wikidata"}]
    errors = validation_errors(document)
    assert len(errors) == 3
    assert any("'identifier' is a required property" in error for error in errors)


def test_every_key_of_the_bundled_export_is_popolo_or_documented() -> None:
    """No key is written that Popolo does not declare, outside the extension."""
    assert stray_keys(to_popolo(datasets.corpus())) == []


def test_the_key_check_catches_a_misspelt_key() -> None:
    """A key Popolo does not declare is found, however deep, as is an undocumented extension key."""
    document = to_popolo(datasets.tsinghua_2021())
    document["persons"][0]["identifiers"] = [{"identifier": "Q1", "schema": "x"}]
    document["events"][0]["startdate"] = "2020"
    document["speeches"][0][EXTENSION]["topic"] = ["ai"]
    assert sorted(stray_keys(document)) == [
        "events[0].startdate",
        "persons[0].identifiers[0].schema",
        f"speeches[0].{EXTENSION}.topic",
    ]


#: Corpora are several whole forums: slow to draw on a shared machine.
CORPUS_SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@CORPUS_SETTINGS
@given(CORPORA)
def test_every_export_validates_and_writes_only_declared_keys(corpus: Corpus) -> None:
    """Any corpus's export is schema-valid and has only Popolo's and the extension's keys."""
    document = to_popolo(corpus)
    assert validation_errors(document) == []
    assert stray_keys(document) == []


@CORPUS_SETTINGS
@given(CORPORA)
def test_ids_are_unique_in_each_array_across_a_corpus(corpus: Corpus) -> None:
    """No two items of one array share an id, whichever forums they come from."""
    document = to_popolo(corpus)
    for array in ITEM_SCHEMAS:
        ids = [item["id"] for item in document[array]]
        assert len(set(ids)) == len(ids), array


def test_ids_are_prefixed_with_the_forum_id_and_unique_in_the_document() -> None:
    """Two forums with the same speaker and session ids give distinct Popolo ids."""
    first = Forum(
        name="Forum A",
        id="a/b",
        speakers=(Speaker(name="Li Meng"),),
        sessions=(
            Session(
                title="b",
                id="b",
                kind=SessionKind.PANEL,
                statements=(Statement(speaker_id="li-meng", text="Hello."),),
            ),
        ),
    )
    second = Forum(
        name="Forum B", id="a", sessions=(Session(title="b", kind=SessionKind.PANEL),)
    )
    document = to_popolo(Corpus(forums=(first, second)))
    assert document["persons"][0]["id"] == "a%2Fb/person/li-meng"
    event_ids = [event["id"] for event in document["events"]]
    assert event_ids == ["a%2Fb", "a%2Fb/session/b", "a", "a/session/b"]
    assert document["speeches"][0]["creator_id"] == "a%2Fb/person/li-meng"


def test_statements_become_speeches_with_position_and_role() -> None:
    """A statement's speech has its creator, event, text, position and chair or speaker role."""
    forum = Forum(
        name="F",
        speakers=(Speaker(name="Chair Person"), Speaker(name="Other Person")),
        sessions=(
            Session(
                title="Panel",
                kind=SessionKind.PANEL,
                participants=(Participant(speaker_id="chair-person", part=Part.CHAIR),),
                statements=(
                    Statement(speaker_id="chair-person", text="Welcome."),
                    Statement(speaker_id="other-person", text="Thank you."),
                ),
            ),
        ),
    )
    speeches = to_popolo(forum)["speeches"]
    assert [(s["creator_id"], s["role"], s["position"]) for s in speeches] == [
        ("f/person/chair-person", "chair", 0),
        ("f/person/other-person", "speaker", 1),
    ]
    assert {s["event_id"] for s in speeches} == {"f/session/panel"}
    assert [s["text"] for s in speeches] == ["Welcome.", "Thank you."]


def test_roles_in_organisations_are_memberships_and_others_stay_in_the_extension() -> (
    None
):
    """A role with an organisation is a membership; a distinction is kept on the person."""
    forum = Forum(
        name="F",
        organizations=(
            Organization(name="MOST", kind=OrganizationKind.MINISTRY, country="CN"),
        ),
        speakers=(
            Speaker(
                name="Li Meng",
                roles=(
                    Role(title="Turing Award winner"),
                    Role(title="vice-minister", organization_id="most"),
                ),
            ),
        ),
    )
    document = to_popolo(forum)
    assert document["memberships"] == [
        {
            "id": "f/membership/li-meng/1",
            "person_id": "f/person/li-meng",
            "organization_id": "f/organization/most",
            "role": "vice-minister",
            EXTENSION: {"schema_version": 2},
        }
    ]
    extension = document["persons"][0][EXTENSION]
    assert extension["roles"] == [
        {"position": 0, "title": "Turing Award winner", "country": None, "evidence": []}
    ]
    assert document["organizations"][0]["classification"] == "ministry"
    assert document["organizations"][0][EXTENSION]["country"] == "CN"


def test_partial_dates_are_written_in_reduced_precision() -> None:
    """A month or a year alone is written as ISO 8601 of reduced precision."""
    forum = Forum(name="F", start_date=PartialDate(year=2025, month=11))
    assert to_popolo(forum)["events"][0]["start_date"] == "2025-11"


def test_the_reader_accepts_exactly_the_documented_extension_keys() -> None:
    """What the reader allows in each extension is what the docs list, no more."""
    from aigov._formats._popolo import EXTENSION_KEYS as READ  # noqa: PLC0415

    assert {kind: set(keys) for kind, keys in READ.items()} == EXTENSION_KEYS


def test_to_popolo_refuses_what_is_not_a_forum_or_corpus() -> None:
    """Anything else is an ArgumentTypeError (a TypeError)."""
    with pytest.raises(ArgumentTypeError):
        to_popolo([datasets.tsinghua_2021()])  # type: ignore[arg-type]


# --- round trips ------------------------------------------------------------------


def test_the_bundled_corpus_comes_back_exactly_and_without_notes() -> None:
    """Aigov → Popolo → aigov gives the same corpus, and nothing is reported lost."""
    corpus = datasets.corpus()
    found = round_trip(corpus)
    assert found.corpus == corpus
    assert found.notes == ()


@settings(max_examples=60, deadline=None)
@given(strategies.forums())
def test_any_forum_comes_back_exactly(forum: Forum) -> None:
    """Every forum the strategies make survives the round trip, with no notes."""
    found = round_trip(forum)
    assert found.corpus == Corpus(forums=(forum,))
    assert found.notes == ()


@CORPUS_SETTINGS
@given(CORPORA)
def test_any_small_corpus_comes_back_exactly(corpus: Corpus) -> None:
    """Several forums in one document come back as the same corpus."""
    assert round_trip(corpus).corpus == corpus


@settings(max_examples=30)
@given(strategies.forums())
def test_every_speaker_is_a_person_of_the_import(forum: Forum) -> None:
    """The import's persons are the forum's speakers, under the document's ids."""
    persons = round_trip(forum).persons
    assert [p.name for p in persons] == [s.name for s in forum.speakers]
    assert [p.identifiers for p in persons] == [s.identifiers for s in forum.speakers]


def test_write_and_read_a_file(tmp_path: Path) -> None:
    """write_popolo writes what read_popolo reads back as the same corpus."""
    path = tmp_path / "forums.popolo.json"
    write_popolo(datasets.corpus(), path)
    assert read_popolo(path).corpus == datasets.corpus()


def test_write_refuses_an_existing_file_unless_told(tmp_path: Path) -> None:
    """An existing file is a FileExistsError without overwrite=True, and replaced with it."""
    path = tmp_path / "forum.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_popolo(datasets.tsinghua_2021(), path)
    assert path.read_text(encoding="utf-8") == "{}"
    write_popolo(datasets.tsinghua_2021(), path, overwrite=True)
    assert read_popolo(path).corpus.forums == (datasets.tsinghua_2021(),)


def test_read_refuses_duplicate_keys(tmp_path: Path) -> None:
    """A key given twice is an error located where it is, as aigov's own loaders say."""
    path = tmp_path / "twice.json"
    path.write_text('{"persons": [{"id": "a", "name": "A", "name": "B"}]}', "utf-8")
    with pytest.raises(ValidationError) as caught:
        read_popolo(path)
    assert caught.value.errors[0].location == "persons[0].name"


def test_read_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    """max_size bounds what is read."""
    path = tmp_path / "big.json"
    write_popolo(datasets.tsinghua_2021(), path)
    with pytest.raises(ValidationError, match="limit"):
        read_popolo(path, max_size=100)


def test_read_refuses_what_is_not_json(tmp_path: Path) -> None:
    """Broken JSON is a ValidationError, not a decoder's exception."""
    path = tmp_path / "broken.json"
    path.write_text('{"persons": [', encoding="utf-8")
    with pytest.raises(ValidationError, match="invalid JSON"):
        read_popolo(path)


# --- import of Popolo aigov did not write ---------------------------------------


@pytest.fixture(scope="module")
def everypolitician() -> PopoloImport:
    return read_popolo(EVERYPOLITICIAN)


def test_the_hand_made_file_is_valid_popolo() -> None:
    """The test file itself is valid for the Popolo schemas (so the test is fair)."""
    document = json.loads(EVERYPOLITICIAN.read_text(encoding="utf-8"))
    assert validation_errors(document) == []


def test_top_level_events_become_forums_and_sub_events_sessions(
    everypolitician: PopoloImport,
) -> None:
    """Two top-level events are two forums; the hearing's sub-events are its sessions."""
    term, hearing = everypolitician.corpus.forums
    assert (term.id, hearing.id) == ("term/7", "hearing/2024-03-ai")
    assert hearing.start_date == PartialDate(year=2024, month=3)
    assert hearing.host_ids == ("committee/digital",)
    assert [(s.title, s.kind) for s in hearing.sessions] == [
        ("Opening statements", SessionKind.PLENARY),
        ("Panel on testing and evaluation", SessionKind.PANEL),
    ]
    assert [source.url for source in hearing.sources] == [
        "https://example.org/hearings/2024-03-ai"
    ]


def test_speeches_are_statements_in_position_order(
    everypolitician: PopoloImport,
) -> None:
    """Speeches come in their positions' order, and a chair's speech makes a chair."""
    panel = everypolitician.corpus.forum("hearing/2024-03-ai").session(
        "hearing/2024-03-ai/panel"
    )
    assert [s.id for s in panel.statements] == ["speech/4", "speech/3"]
    assert panel.chair_ids == ("4f1c2a9e-0b7d-4c1e-9a55-2d3e8f6a1b01",)


def test_a_forum_holds_its_speakers_organisations_and_their_parents(
    everypolitician: PopoloImport,
) -> None:
    """Members' organisations come with their parents; parties nobody there joined do not."""
    hearing = everypolitician.corpus.forum("hearing/2024-03-ai")
    assert [o.id for o in hearing.organizations] == [
        "legislature",
        "committee/digital",
        "government",
        "ministry/science",
        "institute/ai",
    ]
    assert hearing.organization("committee/digital").abbreviation == "CDA"
    assert hearing.organization("ministry/science").parent_id == "government"
    minister = hearing.speaker("4f1c2a9e-0b7d-4c1e-9a55-2d3e8f6a1b02")
    assert minister.roles == (
        Role(
            title="Minister of Science and Technology",
            organization_id="ministry/science",
        ),
    )


def minimal_document() -> dict[str, Any]:
    """One person speaking at two top-level events, one of them with a nested sub-event."""
    return {
        "persons": [{"id": "p", "name": "Ilse Varga"}],
        "events": [
            {"id": "a", "name": "Hearing A"},
            {"id": "a/1", "name": "Day one", "parent_id": "a"},
            {"id": "a/1/x", "name": "Break-out", "parent_id": "a/1"},
            {"id": "b", "name": "Hearing B"},
        ],
        "speeches": [
            {"creator_id": "p", "event_id": "a/1/x", "text": "First."},
            {"creator_id": "p", "event_id": "b", "text": "Second."},
        ],
    }


def test_a_person_who_speaks_at_two_events_is_a_speaker_of_both() -> None:
    """Foreign persons join every forum they speak in, under their own ids."""
    a, b = from_popolo(minimal_document()).corpus.forums
    assert [s.id for s in a.speakers] == [s.id for s in b.speakers] == ["p"]


def test_a_sub_event_of_a_sub_event_is_a_session_of_the_forum_with_a_note() -> None:
    """Sessions do not nest in aigov: a deeper event is a session of the top-level one."""
    found = from_popolo(minimal_document())
    hearing = found.corpus.forum("a")
    assert [s.id for s in hearing.sessions] == ["a/1", "a/1/x"]
    assert hearing.session("a/1/x").statements[0].text == "First."
    assert "events[2].parent_id" in [note.location for note in found.notes]


def test_speeches_at_a_top_level_event_get_a_session_of_their_own() -> None:
    """A statement must be in a session: one named after the event holds them, noted."""
    found = from_popolo(minimal_document())
    (session,) = found.corpus.forum("b").sessions
    assert (session.id, session.title, session.kind) == (
        "b",
        "Hearing B",
        SessionKind.OTHER,
    )
    assert [s.text for s in session.statements] == ["Second."]
    assert "speeches[1].event_id" in [note.location for note in found.notes]


def test_every_person_is_imported_with_identifiers_and_names(
    everypolitician: PopoloImport,
) -> None:
    """Persons who never spoke are persons too, with their Wikidata ids and tagged names."""
    names = [person.name for person in everypolitician.persons]
    assert names == [
        "Ilse Varga-Mendel",
        "Tomasz Okonkwo",
        "Mei-Lin Haddad",
        "Rafael Sundqvist",
    ]
    first = everypolitician.persons[0]
    assert Identifier(scheme="wikidata", value="Q99000101") in first.identifiers
    assert [(n.text, n.lang) for n in first.names] == [("Varga-Mendel Ilse", "hu")]
    assert first.aliases == ("I. Varga-Mendel", "Ilse Mendel")
    assert everypolitician.persons[3].roles == (
        Role(title="member", organization_id="legislature"),
    )


def test_what_aigov_cannot_hold_is_noted_item_by_item(
    everypolitician: PopoloImport,
) -> None:
    """Membership dates, posts, areas, a person's details and speech extras are each noted."""
    locations = {note.location for note in everypolitician.notes}
    assert {
        "memberships[0].start_date",
        "memberships[0].end_date",
        "memberships[1].post_id",
        "memberships[1].area_id",
        "memberships[1].on_behalf_of_id",
        "posts[0]",
        "areas[0]",
        "areas[1]",
        "persons[0].birth_date",
        "persons[0].contact_details",
        "persons[2].identifiers[1]",
        "organizations[5]",
        "events[0].classification",
        "events[2].start_date",
        "events[3].end_date",
        "speeches[1].date",
        "speeches[2].role",
        "speeches[4]",
        "meta",
    } <= locations
    assert all(note.message for note in everypolitician.notes)


def test_a_party_is_read_as_other_with_a_note() -> None:
    """EveryPolitician's "party" is no aigov kind: read as "other", and said so."""
    document = valid_document()
    document["memberships"][1]["organization_id"] = "party/green"
    found = from_popolo(document)
    party = found.corpus.forum("hearing/2024-03-ai").organization("party/green")
    assert party.kind is OrganizationKind.OTHER
    assert "organizations[5].classification" in [n.location for n in found.notes]


def test_notes_come_in_document_order(everypolitician: PopoloImport) -> None:
    """Notes are grouped by item, arrays in the document's order, items by index."""
    keys = list(json.loads(EVERYPOLITICIAN.read_text(encoding="utf-8")))
    order = [
        (keys.index(note.location.split("[")[0].split(".")[0]), note.location)
        for note in everypolitician.notes
    ]
    arrays = [position for position, _ in order]
    assert arrays == sorted(arrays)


def test_every_key_of_the_hand_made_file_is_read_or_noted(
    everypolitician: PopoloImport,
) -> None:
    """Nothing is dropped without a word: each value is carried or its key is noted."""
    document = json.loads(EVERYPOLITICIAN.read_text(encoding="utf-8"))
    noted = [note.location for note in everypolitician.notes]
    carried = {
        "id", "name", "identifiers", "other_names", "classification", "parent_id",
        "person_id", "organization_id", "role", "label", "start_date", "end_date",
        "location", "sources", "creator_id", "event_id", "text", "position",
    }  # fmt: skip
    for array in ITEM_SCHEMAS:
        for index, item in enumerate(document[array]):
            where = f"{array}[{index}]"
            for key in set(item) - carried:
                assert any(n in (where, f"{where}.{key}") for n in noted), (where, key)


# --- reference linking ---------------------------------------------------------------


def test_imported_persons_link_corpus_speakers_by_wikidata_id(
    everypolitician: PopoloImport,
) -> None:
    """A register's Wikidata id joins a speaker with that id to one who shares only a name."""
    tagged = Forum(
        name="Summit",
        id="summit",
        speakers=(
            Speaker(
                name="Dr I. Varga",
                identifiers=(Identifier(scheme="wikidata", value="Q99000101"),),
            ),
        ),
    )
    named = Forum(
        name="Workshop", id="workshop", speakers=(Speaker(name="Ilse Varga-Mendel"),)
    )
    corpus = Corpus(forums=(tagged, named))
    assert len(corpus.people()) == 2
    (person,) = corpus.people(reference=everypolitician.persons)
    assert set(person.speakers) == {
        ("summit", "dr-i-varga"),
        ("workshop", "ilse-varga-mendel"),
    }
    assert any("wikidata:Q99000101" in reason for reason in person.reasons)
    assert all(forum_id in {"summit", "workshop"} for forum_id, _ in person.speakers)


def test_reference_must_hold_speakers() -> None:
    """A reference that is not a Speaker (a whole import, say) is an ArgumentTypeError."""
    with pytest.raises(ArgumentTypeError):
        datasets.corpus().people(reference=[from_popolo({})])  # type: ignore[list-item]


# --- bad input ----------------------------------------------------------------------


def valid_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EVERYPOLITICIAN.read_text(encoding="utf-8"))
    return document


def broken(change: str) -> dict[str, Any]:
    """The hand-made document with one thing broken, as *change* names it."""
    document = valid_document()
    if change == "wrong type":
        document["persons"][1]["name"] = 7
    elif change == "dangling parent":
        document["events"][3]["parent_id"] = "hearing/nowhere"
    elif change == "dangling creator":
        document["speeches"][0]["creator_id"] = "nobody"
    elif change == "unknown classification":
        document["organizations"][5]["classification"] = "faction"
    elif change == "duplicate id":
        document["persons"][2]["id"] = document["persons"][0]["id"]
    elif change == "event cycle":
        document["events"][1]["parent_id"] = "hearing/2024-03-ai/panel"
    elif change == "not an array":
        document["speeches"] = {"id": "s"}
    elif change == "bad language":
        document["persons"][0]["other_names"][0]["lang"] = "not a language"
    elif change == "bad position":
        document["speeches"][3]["position"] = 1.5
    return document


@pytest.mark.parametrize(
    ("change", "location"),
    [
        ("wrong type", "persons[1].name"),
        ("dangling parent", "events[3].parent_id"),
        ("dangling creator", "speeches[0].creator_id"),
        ("unknown classification", "organizations[5].classification"),
        ("duplicate id", "persons[2].id"),
        ("event cycle", "events[1].parent_id"),
        ("not an array", "speeches"),
        ("bad language", "persons[0].other_names[0].lang"),
        ("bad position", "speeches[3].position"),
    ],
)
def test_invalid_documents_are_errors_located_in_the_document(
    change: str, location: str
) -> None:
    """Each kind of invalid input is a ValidationError at its place in the Popolo document."""
    with pytest.raises(ValidationError) as caught:
        from_popolo(broken(change))
    assert location in [detail.location for detail in caught.value.errors]


def test_a_document_that_is_not_an_object_is_an_error() -> None:
    """A list, a string or null is not a Popolo document."""
    values: list[object] = [[], "persons", None]
    for value in values:
        with pytest.raises(ValidationError, match="object"):
            from_popolo(value)


def test_an_extension_of_another_version_is_refused() -> None:
    """An extension that says another schema_version is not guessed at."""
    document = to_popolo(datasets.tsinghua_2021())
    document["persons"][0][EXTENSION]["schema_version"] = 99
    with pytest.raises(ValidationError) as caught:
        from_popolo(document)
    assert caught.value.errors[0].location == f"persons[0].{EXTENSION}.schema_version"


def test_an_invalid_extension_value_is_located_in_the_extension() -> None:
    """A bad country code in a person's extension is reported there."""
    document = to_popolo(datasets.tsinghua_2021())
    document["persons"][0][EXTENSION]["country"] = "XX"
    with pytest.raises(ValidationError) as caught:
        from_popolo(document)
    assert caught.value.errors[0].location == f"persons[0].{EXTENSION}.country"


def check_outcome(data: object) -> None:
    """The guarantee: a PopoloImport, or a structured, printable ValidationError."""
    try:
        found = from_popolo(data)
    except ValidationError as exc:
        error = exc
    else:
        assert type(found) is PopoloImport
        assert all(type(speaker) is Speaker for speaker in found.persons)
        return
    assert error.errors
    assert all(type(detail.location) is str for detail in error.errors)
    str(error).encode("utf-8")  # printable: no lone surrogates from the input


@settings(max_examples=150)
@given(strategies.json_values())
def test_any_json_value_gives_an_import_or_a_validation_error(data: object) -> None:
    """Whatever JSON is read, from_popolo returns or raises ValidationError, nothing else."""
    check_outcome(data)


@settings(max_examples=150)
@given(st.dictionaries(st.sampled_from(sorted(ITEM_SCHEMAS)), strategies.json_values()))
def test_any_arrays_give_an_import_or_a_validation_error(data: dict[str, Any]) -> None:
    """Documents with Popolo's arrays holding anything at all."""
    check_outcome(data)


def paths(node: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*path, index))
    return found


@st.composite
def mutated_exports(draw: st.DrawFn) -> object:
    """A valid export (or the hand-made file) with a few nodes deleted, replaced or wrapped."""
    if draw(st.booleans()):
        document: Any = to_popolo(draw(strategies.forums(max_sessions=2)))
    else:
        document = valid_document()
    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 3))):
        found = paths(document)
        if not found:
            break
        path = draw(st.sampled_from(found))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["delete", "replace", "wrap", "copy"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(strategies.json_values())
        elif action == "wrap":
            parent[path[-1]] = [parent[path[-1]]]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))  # a duplicate item
    return document


@settings(max_examples=200)
@given(mutated_exports())
def test_mutated_exports_give_an_import_or_a_validation_error(data: object) -> None:
    """Valid documents broken here and there: an import or a located ValidationError."""
    check_outcome(data)


def test_a_deeply_nested_file_is_refused_not_a_crash(tmp_path: Path) -> None:
    """JSON nested far deeper than any document is a ValidationError, not a RecursionError."""
    path = tmp_path / "deep.json"
    depth = 100_000
    path.write_text('{"persons": [' + "[" * depth + "]" * depth + "]}", "utf-8")
    with pytest.raises(ValidationError, match="nested too deeply"):
        read_popolo(path)


def test_deep_values_are_noted_or_refused_without_recursion() -> None:
    """A deep value in a key aigov does not read is noted; in the extension, refused."""
    deep: object = []
    for _ in range(50_000):
        deep = [deep]
    document = to_popolo(datasets.tsinghua_2021())
    document["persons"][0]["links"] = deep
    found = from_popolo(document)
    assert "persons[0].links" in [note.location for note in found.notes]
    document["persons"][0][EXTENSION]["evidence"] = [deep]
    with pytest.raises(ValidationError) as caught:
        from_popolo(document)
    assert caught.value.errors[0].location.startswith(
        f"persons[0].{EXTENSION}.evidence[0]"
    )
