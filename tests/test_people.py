import datetime
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aigov
from aigov import (
    Appearance,
    Forum,
    Identifier,
    Institution,
    Links,
    Name,
    Organization,
    OrganizationKind,
    Part,
    PartialDate,
    Participant,
    Person,
    Role,
    Session,
    SessionKind,
    Speaker,
    SpeakerKind,
    Statement,
    ValidationError,
    datasets,
)
from aigov._cli import main
from aigov._people import SpeakerRef, appearances, organizations, people

TSINGHUA = Organization(name="Tsinghua University", kind=OrganizationKind.UNIVERSITY)
OXFORD = Organization(name="University of Oxford", kind=OrganizationKind.UNIVERSITY)


def forum(
    id_: str,
    *speakers: Speaker,
    year: int | None = 2020,
    organizations: tuple[Organization, ...] = (TSINGHUA, OXFORD),
    sessions: tuple[Session, ...] = (),
) -> Forum:
    return Forum(
        name=f"Forum {id_}",
        id=id_,
        start_date=None if year is None else datetime.date(year, 1, 1),
        organizations=organizations,
        speakers=speakers,
        sessions=sessions,
    )


def at(organization: Organization) -> tuple[Role, ...]:
    return (Role(title="professor", organization_id=organization.id),)


def wikidata(value: str) -> tuple[Identifier, ...]:
    return (Identifier(scheme="wikidata", value=value),)


def groups(found: tuple[Person, ...]) -> list[set[SpeakerRef]]:
    return [set(person.speakers) for person in found if len(person.speakers) > 1]


def test_shared_identifier_joins_different_names() -> None:
    """Two speakers with the same identifier are one person, and the reason names it."""
    found = people(
        (
            forum("a", Speaker(name="Li Meng", identifiers=wikidata("Q1"))),
            forum("b", Speaker(name="Meng Li-2", id="x", identifiers=wikidata("Q1"))),
        )
    )
    assert len(found) == 1
    assert found[0].speakers == (("a", "li-meng"), ("b", "x"))
    assert found[0].reasons == ("same identifier wikidata:Q1",)


def test_different_values_of_one_scheme_never_merge() -> None:
    """Same name, different Wikidata ids: two people."""
    found = people(
        (
            forum("a", Speaker(name="Wang Wei", identifiers=wikidata("Q1"))),
            forum("b", Speaker(name="Wang Wei", identifiers=wikidata("Q2"))),
        )
    )
    assert len(found) == 2


def test_identifier_conflict_holds_through_a_chain() -> None:
    """A speaker without identifiers does not bridge two conflicting ones."""
    found = people(
        (
            forum("a", Speaker(name="Wang Wei", identifiers=wikidata("Q1"))),
            forum("b", Speaker(name="Wang Wei")),
            forum("c", Speaker(name="WANG Wei", identifiers=wikidata("Q2"))),
        )
    )
    assert groups(found) == [{("a", "wang-wei"), ("b", "wang-wei")}]
    assert len(found) == 2


def test_accents_and_case_fold() -> None:
    """Accents and case fold away: António Guterres = Antonio Guterres, XUE Lan = Xue Lan."""
    found = people(
        (
            forum("a", Speaker(name="António Guterres"), Speaker(name="XUE Lan")),
            forum("b", Speaker(name="Antonio Guterres"), Speaker(name="Xue Lan")),
        )
    )
    assert groups(found) == [
        {("a", "antonio-guterres"), ("b", "antonio-guterres")},
        {("a", "xue-lan"), ("b", "xue-lan")},
    ]
    assert found[0].reasons == ("same name after folding",)


def test_aliases_and_tagged_names_link() -> None:
    """An alias or a tagged name of one speaker matches another's name."""
    found = people(
        (
            forum("a", Speaker(name="Lan Xue", aliases=("Xue Lan",))),
            forum("b", Speaker(name="Xue Lan", names=(Name(text="薛澜", lang="zh"),))),
            forum("c", Speaker(name="薛澜")),
        )
    )
    assert len(found) == 1


def test_transliteration_bridges_scripts() -> None:
    """A Chinese name and its Latin transliteration are one person."""
    found = people(
        (forum("a", Speaker(name="王永庆")), forum("b", Speaker(name="Wang Yongqing")))
    )
    assert len(found) == 1
    assert found[0].reasons == ("same name in another script (transliterated)",)


def test_same_script_names_that_transliterate_alike_stay_apart() -> None:
    """王永庆 and 汪永清 both transliterate to Wang Yongqing but are two people."""
    found = people(
        (forum("a", Speaker(name="王永庆")), forum("b", Speaker(name="汪永清")))
    )
    assert len(found) == 2


def test_ambiguous_transliteration_bridges_nothing() -> None:
    """A Latin name two different Chinese names transliterate to joins neither."""
    found = people(
        (
            forum("a", Speaker(name="王永庆")),
            forum("b", Speaker(name="汪永清")),
            forum("c", Speaker(name="Wang Yongqing")),
        )
    )
    assert len(found) == 3


def test_reversed_order_with_shared_organisation_links() -> None:
    """Lan Xue and Xue Lan of the same university are one person."""
    found = people(
        (
            forum("a", Speaker(name="Lan Xue", roles=at(TSINGHUA))),
            forum("b", Speaker(name="Xue Lan", roles=at(TSINGHUA))),
        )
    )
    assert len(found) == 1
    assert found[0].reasons == ("reversed name order and a shared organisation",)


def test_reversed_order_without_shared_organisation_does_not_link() -> None:
    """Reversed names at different organisations stay apart."""
    found = people(
        (
            forum("a", Speaker(name="Lan Xue", roles=at(TSINGHUA))),
            forum("b", Speaker(name="Xue Lan", roles=at(OXFORD))),
            forum("c", Speaker(name="Xue Lan")),
        )
    )
    assert groups(found) == [{("b", "xue-lan"), ("c", "xue-lan")}]


def test_delegations_never_merge_with_people() -> None:
    """A delegation named like a person stays apart from the person."""
    found = people(
        (
            forum("a", Speaker(name="China", kind=SpeakerKind.DELEGATION)),
            forum("b", Speaker(name="China")),
        )
    )
    assert len(found) == 2
    assert {person.kind for person in found} == {
        SpeakerKind.DELEGATION,
        SpeakerKind.PERSON,
    }


def test_delegations_merge_only_by_exactly_the_same_name() -> None:
    """Delegations join by identical name, not by folded name, and never with groups."""
    found = people(
        (
            forum("a", Speaker(name="China", kind=SpeakerKind.DELEGATION)),
            forum("b", Speaker(name="China", kind=SpeakerKind.DELEGATION)),
            forum("c", Speaker(name="CHINA", kind=SpeakerKind.DELEGATION)),
            forum("d", Speaker(name="China", kind=SpeakerKind.GROUP)),
        )
    )
    assert groups(found) == [{("a", "china"), ("b", "china")}]
    assert len(found) == 3


def test_same_override_joins() -> None:
    """A `same` pair is one person, whatever the names say."""
    found = people(
        (forum("a", Speaker(name="Li Meng")), forum("b", Speaker(name="Meng Zhao"))),
        same=[(("a", "li-meng"), ("b", "meng-zhao"))],
    )
    assert len(found) == 1
    assert found[0].reasons == ("linked by hand",)


def test_different_override_splits() -> None:
    """A `different` pair is never one person, even with the same name."""
    found = people(
        (
            forum("a", Speaker(name="Wang Wei")),
            forum("b", Speaker(name="Wang Wei")),
            forum("c", Speaker(name="Wang Wei")),
        ),
        different=[(("a", "wang-wei"), ("c", "wang-wei"))],
    )
    assert all(
        not {("a", "wang-wei"), ("c", "wang-wei")} <= set(person.speakers)
        for person in found
    )
    assert len(found) == 2


def test_contradicting_overrides_are_an_error() -> None:
    """A pair both `same` and `different` is a ValidationError at its location."""
    pair = (("a", "li-meng"), ("b", "li-meng"))
    forums = (forum("a", Speaker(name="Li Meng")), forum("b", Speaker(name="Li Meng")))
    with pytest.raises(ValidationError) as caught:
        people(forums, same=[pair], different=[pair])
    assert caught.value.errors[0].location == "different[0]"


def test_same_chain_joining_a_different_pair_is_an_error() -> None:
    """`same` links a-b and b-c; `different` a-c contradicts them."""
    forums = (
        forum("a", Speaker(name="X One")),
        forum("b", Speaker(name="Y Two")),
        forum("c", Speaker(name="Z Three")),
    )
    with pytest.raises(ValidationError, match="chain"):
        people(
            forums,
            same=[(("a", "x-one"), ("b", "y-two")), (("b", "y-two"), ("c", "z-three"))],
            different=[(("a", "x-one"), ("c", "z-three"))],
        )


def test_override_naming_an_unknown_speaker_is_an_error() -> None:
    """An override must name speakers of the forums."""
    with pytest.raises(ValidationError) as caught:
        people(
            (forum("a", Speaker(name="Li Meng")),),
            same=[(("a", "li-meng"), ("z", "x"))],
        )
    assert caught.value.errors[0].location == "same[0][1]"


def test_reference_speakers_link_without_being_listed() -> None:
    """A reference speaker's identifier and names join two corpus speakers."""
    register = Speaker(
        name="Xue Lan",
        identifiers=wikidata("Q7"),
        names=(Name(text="薛澜", lang="zh"),),
    )
    found = people(
        (
            forum("a", Speaker(name="L. Xue", identifiers=wikidata("Q7"))),
            forum("b", Speaker(name="薛澜")),
        ),
        reference=[register],
    )
    assert len(found) == 1
    assert found[0].speakers == (("a", "l-xue"), ("b", "薛澜"))
    assert all("through a reference" in reason for reason in found[0].reasons)


def test_name_is_the_most_used() -> None:
    """A person's name is the one most of its speakers use."""
    found = people(
        (
            forum("a", Speaker(name="XUE Lan")),
            forum("b", Speaker(name="Xue Lan")),
            forum("c", Speaker(name="Xue Lan")),
        )
    )
    assert found[0].name == "Xue Lan"


def test_speakers_in_date_order_undated_last() -> None:
    """Speakers follow their forums' dates; undated forums come last, by id."""
    found = people(
        (
            forum("z", Speaker(name="Li Meng"), year=None),
            forum("y", Speaker(name="Li Meng"), year=2024),
            forum("x", Speaker(name="Li Meng"), year=2020),
            forum("w", Speaker(name="Li Meng"), year=None),
        )
    )
    assert [f for f, _ in found[0].speakers] == ["x", "y", "w", "z"]


def test_partial_dates_order_by_their_first_day() -> None:
    """A forum dated only "2021" comes between 2020 and 2022 forums."""
    partial = Forum(
        name="P",
        id="p",
        start_date=PartialDate(year=2021),
        speakers=(Speaker(name="A B"),),
    )
    found = people(
        (
            forum("c", Speaker(name="A B"), year=2022),
            partial,
            forum("a", Speaker(name="A B")),
        )
    )
    assert [f for f, _ in found[0].speakers] == ["a", "p", "c"]


def test_duplicate_forum_ids_are_an_error() -> None:
    """Forums with one id cannot be told apart."""
    with pytest.raises(ValidationError, match="duplicate forum id"):
        people((forum("a"), forum("a")))


NAMES = (
    "Li Meng",
    "LI Meng",
    "Lí Méng",
    "李梦",
    "Wang Wei",
    "Meng Li",
    "王伟",
    "China",
)


@st.composite
def corpora(draw: st.DrawFn) -> tuple[Forum, ...]:
    count = draw(st.integers(min_value=1, max_value=5))
    found = []
    for index in range(count):
        chosen = draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=4))
        speakers = tuple(
            Speaker(
                name=name,
                id=f"s{position}",
                kind=SpeakerKind.DELEGATION if name == "China" else SpeakerKind.PERSON,
                identifiers=wikidata(draw(st.sampled_from(("Q1", "Q2"))))
                if draw(st.booleans())
                else (),
                roles=at(TSINGHUA) if draw(st.booleans()) else (),
            )
            for position, name in enumerate(chosen)
        )
        year = draw(st.none() | st.integers(min_value=2019, max_value=2022))
        found.append(forum(f"f{index}", *speakers, year=year))
    return tuple(found)


@settings(max_examples=50)
@given(corpora(), st.randoms(use_true_random=False))
def test_people_are_deterministic_and_order_free(
    forums: tuple[Forum, ...], shuffler: random.Random
) -> None:
    """The same forums, in any order, give the same people in the same order."""
    shuffled = list(forums)
    shuffler.shuffle(shuffled)
    assert people(forums) == people(tuple(shuffled))


@settings(max_examples=50)
@given(corpora())
def test_each_speaker_is_in_exactly_one_person(forums: tuple[Forum, ...]) -> None:
    """Every speaker of every forum is in one person, and in no other."""
    listed = [ref for person in people(forums) for ref in person.speakers]
    expected = [(f.id, s.id) for f in forums for s in f.speakers]
    assert sorted(listed) == sorted(expected)


@settings(max_examples=50)
@given(corpora())
def test_no_person_holds_two_values_of_one_scheme(forums: tuple[Forum, ...]) -> None:
    """However the names link, no person has two Wikidata ids."""
    by_ref = {(f.id, s.id): s for f in forums for s in f.speakers}
    for person in people(forums):
        values = {i.value for ref in person.speakers for i in by_ref[ref].identifiers}
        assert len(values) <= 1


def test_bundled_forum_people() -> None:
    """The bundled forum's speakers are all different people: none is merged."""
    bundled = datasets.tsinghua_2021()
    found = people((bundled,))
    assert [p.speakers for p in found] == [
        ((bundled.id, s.id),) for s in bundled.speakers
    ]


# --- organisations -------------------------------------------------------------


def test_abbreviation_matches_a_full_name() -> None:
    """UNDP in one forum is United Nations Development Programme (UNDP) in another."""
    undp = Organization(name="UNDP", kind=OrganizationKind.INTERGOVERNMENTAL)
    full = Organization(
        name="United Nations Development Programme",
        abbreviation="UNDP",
        kind=OrganizationKind.INTERGOVERNMENTAL,
    )
    found = organizations(
        (forum("a", organizations=(undp,)), forum("b", organizations=(full,)))
    )
    assert found == (
        Institution(
            name="UNDP",
            organizations=(
                ("a", "undp"),
                ("b", "united-nations-development-programme"),
            ),
            reasons=("abbreviation matches a name or abbreviation",),
        ),
    )


def test_organisations_of_different_countries_never_merge() -> None:
    """Two ministries of one name but different countries are two institutions."""
    found = organizations(
        tuple(
            forum(
                country.lower(),
                organizations=(
                    Organization(
                        name="Ministry of Science and Technology",
                        kind=OrganizationKind.MINISTRY,
                        country=country,
                    ),
                ),
            )
            for country in ("CN", "KR")
        )
    )
    assert len(found) == 2


def test_organisation_identifier_conflict_never_merges() -> None:
    """Two organisations of one name with different ROR ids stay apart."""
    found = organizations(
        tuple(
            forum(
                id_,
                organizations=(
                    Organization(
                        name="AI Institute",
                        kind=OrganizationKind.INSTITUTE,
                        identifiers=(Identifier(scheme="ror", value=id_),),
                    ),
                ),
            )
            for id_ in ("a", "b")
        )
    )
    assert len(found) == 2


# --- appearances ---------------------------------------------------------------


def test_appearances_list_parts_and_statements_in_date_order() -> None:
    """Every part and statement of a person, forum by forum in date order."""
    statement = Statement(speaker_id="li-meng", text="AI needs rules.")
    panel = Session(
        title="Panel",
        kind=SessionKind.PANEL,
        participants=(Participant(speaker_id="li-meng", part=Part.PANELIST),),
        statements=(statement,),
    )
    later = forum("b", Speaker(name="Li Meng"), year=2021, sessions=(panel,))
    earlier = forum("a", Speaker(name="Li Meng"), year=2020)
    forums = (later, earlier)
    (person,) = people(forums)
    assert appearances(forums, person) == (
        Appearance(forum_id="a", speaker_id="li-meng", date=datetime.date(2020, 1, 1)),
        Appearance(
            forum_id="b",
            speaker_id="li-meng",
            date=datetime.date(2021, 1, 1),
            session_id="panel",
            part=Part.PANELIST,
        ),
        Appearance(
            forum_id="b",
            speaker_id="li-meng",
            date=datetime.date(2021, 1, 1),
            session_id="panel",
            statement_id=statement.id,
        ),
    )


def test_appearances_of_an_unknown_speaker_are_an_error() -> None:
    """A person from other forums is refused."""
    stranger = Person(name="X", speakers=(("nowhere", "x"),))
    with pytest.raises(ValidationError, match="nowhere"):
        appearances((forum("a"),), stranger)


# --- the links file ------------------------------------------------------------


def test_links_round_trip(tmp_path: Path) -> None:
    """dump_links then load_links gives the same links."""
    links = Links(
        same=((("a", "li-meng"), ("b", "li-meng-2")),),
        different=((("a", "wang-wei"), ("c", "王伟")),),
    )
    path = tmp_path / "links.json"
    aigov.dump_links(links, path)
    assert aigov.load_links(path) == links
    assert json.loads(path.read_text(encoding="utf-8"))["aigov_links"] == 1


@pytest.mark.parametrize(
    ("document", "location"),
    [
        ({"aigov_links": 1, "sme": []}, "sme"),
        ({"aigov_links": 2}, "aigov_links"),
        ({"same": []}, "aigov_links"),
        ({"aigov_links": 1, "same": [[["a", "b"]]]}, "same[0]"),
        ({"aigov_links": 1, "different": [[["a", "b"], ["a", 3]]]}, "different[0][1]"),
        ({"aigov_links": 1, "same": {}}, "same"),
    ],
)
def test_bad_links_files_are_errors_with_locations(
    tmp_path: Path, document: object, location: str
) -> None:
    """Unknown keys, newer versions and wrong shapes are refused, with where."""
    path = tmp_path / "links.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        aigov.load_links(path)
    assert caught.value.errors[0].location.endswith(location)
    assert str(path) in caught.value.errors[0].location


# --- the command line ------------------------------------------------------------


def write_forums(directory: Path) -> None:
    statement = Statement(speaker_id="xue-lan", text="Rules help.")
    session = Session(title="S", kind=SessionKind.PANEL, statements=(statement,))
    aigov.dump(
        forum("a", Speaker(name="XUE Lan"), sessions=(session,)), directory / "a.json"
    )
    aigov.dump(forum("b", Speaker(name="Xue Lan"), year=2021), directory / "b.json")


def test_cli_people_groups_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`aigov people DIR --format json` lists each person with forums and statement count."""
    write_forums(tmp_path)
    assert main(["people", str(tmp_path), "--format", "json"]) == 0
    (person,) = json.loads(capsys.readouterr().out)
    assert person["forums"] == ["a", "b"]
    assert person["statements"] == 1
    assert person["reasons"] == ["same name after folding"]


def test_cli_people_applies_a_links_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--links` with a `different` pair keeps the two speakers apart."""
    write_forums(tmp_path)
    links = tmp_path / "links.txt"
    aigov.dump_links(Links(different=((("a", "xue-lan"), ("b", "xue-lan")),)), links)
    assert (
        main(
            [
                "people",
                str(tmp_path / "a.json"),
                str(tmp_path / "b.json"),
                "--links",
                str(links),
                "--format",
                "csv",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3  # the header and two people


def test_cli_people_reports_a_bad_links_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A links file of a newer version is a usage error naming the problem."""
    write_forums(tmp_path)
    links = tmp_path / "links.txt"
    links.write_text('{"aigov_links": 9}', encoding="utf-8")
    assert main(["people", str(tmp_path), "--links", str(links)]) == 2
    assert "newer than this aigov reads" in capsys.readouterr().err


def test_organisation_names_bridge_scripts() -> None:
    """清华大学 in one forum is Qinghua Daxue, its transliteration, in another."""
    found = organizations(
        (
            forum(
                "a",
                organizations=(
                    Organization(name="清华大学", kind=OrganizationKind.UNIVERSITY),
                ),
            ),
            forum(
                "b",
                organizations=(
                    Organization(
                        name="Qinghua Daxue", kind=OrganizationKind.UNIVERSITY
                    ),
                ),
            ),
        )
    )
    assert len(found) == 1
    assert found[0].reasons == ("same name in another script (transliterated)",)
