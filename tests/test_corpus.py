import datetime
import json
import os
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aigov
from aigov import (
    Corpus,
    Forum,
    Organization,
    OrganizationKind,
    PartialDate,
    Role,
    Speaker,
    dump_corpus,
    load_corpus,
    query,
    strategies,
)
from aigov._corpus_io import LONGEST_SLUG, file_name_for
from aigov.exceptions import ArgumentTypeError, NotARegularFileError, ValidationError

TSINGHUA = aigov.datasets.tsinghua_2021()

#: A second forum: a UNESCO-hosted edition in July 2024 with a British speaker,
#: and no Tsinghua at all.
PARIS = Forum(
    name="Paris AI Ethics Forum",
    id="paris-2024",
    start_date=PartialDate(year=2024, month=7),
    series="Global Forum on the Ethics of AI",
    host_ids=("unesco",),
    organizations=(
        Organization(
            name="UNESCO", id="unesco", kind=OrganizationKind.INTERGOVERNMENTAL
        ),
        Organization(
            name="Alan Turing Institute",
            id="turing",
            kind=OrganizationKind.INSTITUTE,
            country="GB",
        ),
    ),
    speakers=(
        Speaker(
            name="Ada Example",
            roles=(Role(title="director", organization_id="turing"),),
        ),
        Speaker(
            name="Bo Example", roles=(Role(title="officer", organization_id="unesco"),)
        ),
    ),
)

CORPUS = Corpus(forums=(TSINGHUA, PARIS))


# --- the Corpus class ------------------------------------------------------------------


def test_a_corpus_keeps_its_forums_as_a_tuple() -> None:
    """Forums given as a list are kept as a tuple, in the order given."""
    corpus = Corpus(forums=[PARIS, TSINGHUA])
    assert corpus.forums == (PARIS, TSINGHUA)


def test_a_duplicate_forum_id_names_both_positions() -> None:
    """Two forums with one id: a ValidationError at the second naming the first."""
    with pytest.raises(ValidationError) as exc:
        Corpus(forums=(PARIS, TSINGHUA, PARIS))
    (detail,) = exc.value.errors
    assert detail.location == "forums[2].id"
    assert "forums[0]" in detail.message


def test_a_corpus_holds_only_forums() -> None:
    """Something that is not a Forum is an ArgumentTypeError naming its position."""
    with pytest.raises(ArgumentTypeError, match=r"forums\[1\] is a str"):
        Corpus(forums=(PARIS, "tsinghua"))  # type: ignore[arg-type]


def test_a_corpus_is_immutable() -> None:
    """A corpus is frozen, like the model."""
    with pytest.raises(AttributeError):
        CORPUS.forums = ()  # type: ignore[misc]


def test_a_corpus_repr_shows_a_few_forum_ids() -> None:
    """repr(corpus) names the forums by id, and counts those past the fifth."""
    forums = [Forum(name=f"Forum {i}") for i in range(7)]
    assert repr(Corpus(forums=forums)) == (
        "Corpus(forums: 'forum-0', 'forum-1', 'forum-2', 'forum-3', 'forum-4', "
        "... and 2 more)"
    )
    assert repr(Corpus()) == "Corpus(forums: none)"


def test_forum_looks_up_by_id() -> None:
    """corpus.forum(id) returns the forum with that id."""
    assert CORPUS.forum("paris-2024") is PARIS


def test_forum_with_an_unknown_id_suggests_one() -> None:
    """An unknown id is a ValidationError suggesting the closest."""
    with pytest.raises(ValidationError, match="did you mean 'paris-2024'"):
        CORPUS.forum("paris-2042")


# --- loading ---------------------------------------------------------------------------


def test_a_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    """A directory's *.json files, at any depth, are read in sorted path order."""
    (tmp_path / "b").mkdir()
    aigov.dump(TSINGHUA, tmp_path / "b" / "t.json")
    aigov.dump(PARIS, tmp_path / "a.json")
    (tmp_path / "notes.txt").write_text("not a forum", encoding="utf-8")
    assert load_corpus(tmp_path).forums == (PARIS, TSINGHUA)


def test_json_lines_hold_one_forum_a_line(tmp_path: Path) -> None:
    """A .jsonl file is one forum document a line; blank lines are skipped."""
    path = tmp_path / "all.jsonl"
    path.write_text(
        aigov.to_json(PARIS) + "\n\n" + aigov.to_json(TSINGHUA) + "\n", encoding="utf-8"
    )
    assert load_corpus(path).forums == (PARIS, TSINGHUA)


def test_files_and_directories_come_in_the_order_given(tmp_path: Path) -> None:
    """Several paths: their forums in the order of the paths."""
    aigov.dump(TSINGHUA, tmp_path / "t.json")
    aigov.dump(PARIS, tmp_path / "p.json")
    corpus = load_corpus(tmp_path / "t.json", tmp_path / "p.json")
    assert corpus.forums == (TSINGHUA, PARIS)


def bad_document() -> str:
    document = aigov.to_dict(PARIS)
    document["speakers"][0]["country"] = "XX"
    return json.dumps(document)


def test_a_bad_file_is_located_by_its_name(tmp_path: Path) -> None:
    """A bad file's problems are located by the file's name, then in the document."""
    path = tmp_path / "a.json"
    path.write_text(bad_document(), encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        load_corpus(tmp_path)
    assert [d.location for d in exc.value.errors] == [f"{path}: speakers[0].country"]


def test_a_bad_line_is_located_by_file_and_line(tmp_path: Path) -> None:
    """A bad line of JSON Lines is located as FILE:LINE: location."""
    path = tmp_path / "all.jsonl"
    path.write_text(
        aigov.to_json(TSINGHUA) + "\n" + bad_document() + "\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError) as exc:
        load_corpus(path)
    assert [d.location for d in exc.value.errors] == [f"{path}:2: speakers[0].country"]


def test_invalid_json_is_located_by_its_file(tmp_path: Path) -> None:
    """A file that is not JSON: the problem's location is the file's name."""
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        load_corpus(path)
    assert exc.value.errors[0].location == str(path)
    assert "invalid JSON" in exc.value.errors[0].message


def directory_with_one_bad_file(tmp_path: Path) -> Path:
    aigov.dump(TSINGHUA, tmp_path / "1-good.json")
    (tmp_path / "2-bad.json").write_text(bad_document(), encoding="utf-8")
    aigov.dump(PARIS, tmp_path / "3-good.json")
    return tmp_path


def test_a_directory_with_a_bad_file_raises_by_default(tmp_path: Path) -> None:
    """errors="raise": the bad file's ValidationError, nothing else."""
    directory = directory_with_one_bad_file(tmp_path)
    with pytest.raises(ValidationError, match=r"2-bad\.json: speakers"):
        load_corpus(directory)


def test_collect_keeps_the_good_forums_and_one_problem_per_bad_file(
    tmp_path: Path,
) -> None:
    """errors="collect": the good forums, and one ValidationError for the bad file."""
    directory = directory_with_one_bad_file(tmp_path)
    corpus, problems = load_corpus(directory, errors="collect")
    assert corpus.forums == (TSINGHUA, PARIS)
    assert len(problems) == 1
    assert problems[0].errors[0].location.startswith(str(directory / "2-bad.json"))


def test_collect_turns_an_unreadable_file_into_a_problem(tmp_path: Path) -> None:
    """errors="collect": a missing file is a ValidationError for it, not an OSError."""
    aigov.dump(PARIS, tmp_path / "p.json")
    missing = tmp_path / "missing.json"
    corpus, problems = load_corpus(tmp_path / "p.json", missing, errors="collect")
    assert corpus.forums == (PARIS,)
    (problem,) = problems
    assert problem.errors[0].location == str(missing)
    assert "cannot read" in problem.errors[0].message


def test_raise_lets_an_unreadable_file_raise_oserror(tmp_path: Path) -> None:
    """errors="raise": a missing file is the OSError reading it gives."""
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "missing.json")


def test_the_same_forum_in_two_files_is_a_problem_of_the_second(tmp_path: Path) -> None:
    """A forum id already read is a ValidationError of the later file, naming the first."""
    aigov.dump(PARIS, tmp_path / "a.json")
    aigov.dump(PARIS, tmp_path / "b.json")
    corpus, problems = load_corpus(tmp_path, errors="collect")
    assert corpus.forums == (PARIS,)
    (problem,) = problems
    assert problem.errors[0].location == f"{tmp_path / 'b.json'}: id"
    assert str(tmp_path / "a.json") in problem.errors[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_named_like_json_lines_is_refused_unopened(tmp_path: Path) -> None:
    """A FIFO called x.jsonl is refused as not a regular file, not waited on."""
    fifo = tmp_path / "x.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(NotARegularFileError):
        load_corpus(fifo)


def test_errors_must_be_raise_or_collect() -> None:
    """Any other errors= value is an ArgumentTypeError."""
    with pytest.raises(ArgumentTypeError, match="errors must be"):
        load_corpus(errors="ignore")  # type: ignore[call-overload]


# --- writing ---------------------------------------------------------------------------


def test_file_names_are_safe_for_awkward_ids() -> None:
    """Slashes, case-only differences and long Chinese ids give short, distinct names."""
    ids = ["a/b", "A/B", "a-b", "论坛" * 200, "论坛" * 201, "..", ""]
    names = [file_name_for(forum_id) for forum_id in ids]
    assert len({name.casefold() for name in names}) == len(ids)
    for name in names:
        assert "/" not in name
        assert "\\" not in name
        assert name.isascii()
        assert not name.startswith(".")
        assert len(name) <= LONGEST_SLUG + len("-0123456789.json")


def test_file_names_keep_the_id_readable() -> None:
    """An ASCII id's slug starts the file name."""
    assert file_name_for("Paris/2024").startswith("paris-2024-")


def test_a_directory_round_trips(tmp_path: Path) -> None:
    """dump_corpus to a directory, then load_corpus: the same forums."""
    dump_corpus(CORPUS, tmp_path / "out")
    assert set(load_corpus(tmp_path / "out").forums) == set(CORPUS.forums)


def test_dump_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    """A directory with anything in it is refused without overwrite=True."""
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        dump_corpus(CORPUS, tmp_path)


def test_dump_writes_into_a_non_empty_directory_with_overwrite(tmp_path: Path) -> None:
    """overwrite=True writes the forums and leaves other files alone."""
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    dump_corpus(CORPUS, tmp_path, overwrite=True)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert len(load_corpus(tmp_path).forums) == 2


def test_dump_refuses_an_existing_json_lines_file(tmp_path: Path) -> None:
    """An existing .jsonl file is refused without overwrite=True, and kept."""
    path = tmp_path / "all.jsonl"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(FileExistsError):
        dump_corpus(CORPUS, path)
    assert path.read_text(encoding="utf-8") == "old"


def test_dump_replaces_a_json_lines_file_with_overwrite(tmp_path: Path) -> None:
    """overwrite=True replaces the .jsonl file with one line per forum."""
    path = tmp_path / "all.jsonl"
    path.write_text("old", encoding="utf-8")
    dump_corpus(CORPUS, path, overwrite=True)
    assert load_corpus(path) == CORPUS


@settings(max_examples=10, deadline=None)
@given(
    names=st.lists(
        st.text(st.characters(codec="utf-8", categories=("L", "N", "P")), min_size=1),
        max_size=4,
        unique_by=lambda name: name,
    ),
    as_lines=st.booleans(),
)
def test_load_reads_back_what_dump_wrote(names: list[str], as_lines: bool) -> None:
    """For any forum ids, load_corpus after dump_corpus gives the same forums.

    A directory is read in the order of its file names, so only JSON Lines
    keeps the corpus's order.
    """
    forums = [
        Forum(name="Forum", id=name, start_date=datetime.date(2024, 1, 1))
        for name in names
    ]
    corpus = Corpus(forums=forums)
    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / ("all.jsonl" if as_lines else "out")
        dump_corpus(corpus, target)
        loaded = load_corpus(target)
    if as_lines:
        assert loaded == corpus
    else:
        assert sorted(loaded.forums, key=lambda f: f.id) == sorted(
            corpus.forums, key=lambda f: f.id
        )


# --- queries over a corpus -------------------------------------------------------------


def test_a_query_over_a_corpus_gives_each_item_with_its_forum() -> None:
    """query.speakers(corpus) is every speaker, forum by forum, each as a Found."""
    found = query.speakers(CORPUS)
    expected = [(TSINGHUA, s) for s in TSINGHUA.speakers] + [
        (PARIS, s) for s in PARIS.speakers
    ]
    assert [(f.forum, f.item) for f in found] == expected


def test_a_query_over_a_forum_is_unchanged() -> None:
    """On a forum, a query still returns the items themselves."""
    assert query.speakers(PARIS, country="GB") == (PARIS.speakers[0],)


def test_a_name_known_in_one_forum_only_matches_there() -> None:
    """organization="Tsinghua" names nothing in Paris: Paris just has no matches."""
    found = query.statements(CORPUS, organization="Tsinghua")
    assert found
    assert {f.forum.id for f in found} == {TSINGHUA.id}


def test_a_name_known_in_no_forum_is_an_error() -> None:
    """A name that names nothing in every forum raises, said of the whole corpus."""
    with pytest.raises(ValidationError) as exc:
        query.speakers(CORPUS, organization="Tsinhgua University")
    (detail,) = exc.value.errors
    assert detail.location == "organization"
    assert detail.message == (
        "'Tsinhgua University' names no organization in any forum of the corpus; "
        "did you mean 'Tsinghua University'?"
    )


def test_a_name_known_in_the_only_forum_keeps_its_message() -> None:
    """Over a corpus of one forum, the error is that forum's own."""
    corpus = Corpus(forums=(TSINGHUA,))
    with pytest.raises(ValidationError) as over_corpus:
        query.speakers(corpus, organization="Nowhere University")
    with pytest.raises(ValidationError) as over_forum:
        query.speakers(TSINGHUA, organization="Nowhere University")
    assert str(over_corpus.value) == str(over_forum.value)


def test_a_predicate_whose_name_one_forum_lacks_still_matches_elsewhere() -> None:
    """within("UNESCO") | country("GB"): Paris matches; Tsinghua, lacking UNESCO, does not fail the query."""
    found = query.speakers(CORPUS, query.within("UNESCO") | query.country("GB"))
    assert [(f.forum.id, f.item.name) for f in found] == [
        ("paris-2024", "Ada Example"),
        ("paris-2024", "Bo Example"),
    ]


def test_the_other_half_of_an_or_matches_where_a_name_is_missing() -> None:
    """within("Tsinghua") | country("GB"): Paris lacks Tsinghua, yet its British speaker is found."""
    found = query.speakers(CORPUS, query.within("Tsinghua") | query.country("GB"))
    in_paris = [f.item.name for f in found if f.forum.id == "paris-2024"]
    assert in_paris == ["Ada Example"]
    assert any(f.forum.id != "paris-2024" for f in found)


def test_organizations_over_a_corpus() -> None:
    """query.organizations(corpus, ...) finds organisations forum by forum."""
    found = query.organizations(CORPUS, within="UNESCO")
    assert [(f.forum.id, f.item.id) for f in found] == [("paris-2024", "unesco")]


def test_an_empty_corpus_finds_nothing() -> None:
    """A query over a corpus without forums returns an empty tuple."""
    assert query.statements(Corpus(), contains="privacy") == ()


def _forum_by_forum(corpus: Corpus, **filters: str) -> list[tuple[str, object]]:
    """What a speakers query over *corpus* should find: each forum asked alone."""
    found: list[tuple[str, object]] = []
    for forum in corpus.forums:
        try:
            found.extend((forum.id, s) for s in query.speakers(forum, **filters))
        except ValidationError:
            continue  # the name means nothing in this forum
    return found


@pytest.mark.parametrize(
    "filters",
    [
        {"organization": "Tsinghua"},
        {"organization": "UNESCO"},
        {"country": "GB"},
        {"country": "CN", "organization": "Tsinghua"},
        {"organization": "UNESCO", "country": "CN"},
    ],
)
def test_a_repeated_corpus_query_finds_what_each_forum_finds(
    filters: dict[str, str],
) -> None:
    """Later calls, which visit only the forums the filters select in, agree with the first."""
    corpus = Corpus(forums=(PARIS, *aigov.datasets.corpus().forums))
    expected = _forum_by_forum(corpus, **filters)
    for _ in range(3):
        found = query.speakers(corpus, **filters)
        assert [(f.forum.id, f.item) for f in found] == expected


def test_a_name_known_in_no_forum_is_an_error_every_time() -> None:
    """Remembering where filters select must not turn a later call's error into no result."""
    for _ in range(2):
        with pytest.raises(ValidationError, match="in any forum of the corpus"):
            query.speakers(CORPUS, organization="Tsinhgua University")


def test_a_wrong_type_is_the_same_error_on_a_later_call() -> None:
    """A value of the wrong type is refused whether or not the filter was used before."""
    query.speakers(CORPUS, country="GB")
    with pytest.raises(ArgumentTypeError):
        query.speakers(CORPUS, country=["GB"])  # type: ignore[call-overload]


def test_a_name_missing_from_most_forums_builds_no_hint_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A "did you mean" hint is built only for a name found nowhere, not per forum that lacks it."""
    import aigov._index  # noqa: PLC0415 - the module whose helper is watched
    import aigov._match  # noqa: PLC0415 - where the helper is defined

    calls: list[str] = []
    real = aigov._match.suggestion

    def counting(value: str, choices: object) -> str:
        calls.append(value)
        return real(value, choices)  # type: ignore[arg-type]

    monkeypatch.setattr(aigov._index, "suggestion", counting)
    many = Corpus(
        forums=(
            TSINGHUA,
            *(attrs.evolve(PARIS, id=f"paris-{number}") for number in range(20)),
        )
    )
    assert query.speakers(many, organization="Tsinghua")
    assert calls == []
    with pytest.raises(ValidationError):
        query.speakers(many, organization="Nowhere Institute")
    assert calls == ["Nowhere Institute"]


def test_forums_between_takes_partial_dates_as_their_interval() -> None:
    """`between` keeps forums overlapping the interval; July 2024 overlaps 2024-07-31."""
    end_of_july = datetime.date(2024, 7, 31)
    assert query.forums(CORPUS, between=(end_of_july, None)) == (PARIS,)
    assert query.forums(
        CORPUS, between=(PartialDate(year=2021), PartialDate(year=2021))
    ) == (TSINGHUA,)
    assert (
        query.forums(
            CORPUS, between=(datetime.date(2022, 1, 1), datetime.date(2024, 6, 30))
        )
        == ()
    )


def test_forums_by_series_ignores_case() -> None:
    """`series` is matched whole, in any case."""
    assert query.forums(CORPUS, series="global forum on the ethics of ai") == (PARIS,)
    assert query.forums(CORPUS, series="global forum") == ()


def test_forums_by_country_of_a_speaker_or_host() -> None:
    """`country` matches a forum by its hosts, supporters or speakers."""
    assert query.forums(CORPUS, country="GB") == (PARIS,)
    assert query.forums(CORPUS, country="CN") == (TSINGHUA,)


def test_forums_by_organization_of_a_host() -> None:
    """`organization` matches a forum hosted by it or with a speaker in it."""
    assert query.forums(CORPUS, organization="Tsinghua") == (TSINGHUA,)
    assert query.forums(CORPUS, organization="UNESCO") == (PARIS,)


def test_forums_by_organization_of_a_host_alone() -> None:
    """A forum hosted by the organisation matches though no speaker is in it."""
    hosted = Forum(
        name="Hosted",
        host_ids=("unesco",),
        organizations=(PARIS.organizations[0],),
    )
    corpus = Corpus(forums=(TSINGHUA, hosted))
    assert query.forums(corpus, organization="UNESCO") == (hosted,)


def test_forums_with_an_unknown_organization_is_an_error() -> None:
    """An organisation no forum has is a ValidationError."""
    with pytest.raises(ValidationError):
        query.forums(CORPUS, organization="Nowhere University")


def test_the_bundled_corpus_finds_people_across_forums() -> None:
    """Speakers of several bundled editions are one person each, with their forums."""
    found = {person.name: person for person in aigov.datasets.corpus().people()}
    yang_bin = found["Yang Bin"]
    assert [speaker for _, speaker in yang_bin.speakers] == ["yang-bin"] * 3
    years = [getattr(forum.start_date, "year", None) for forum in _forums_of(yang_bin)]
    assert years == [2020, 2021, 2024]
    assert len({forum for forum, _ in found["Xue Lan"].speakers}) == 2


def _forums_of(person: aigov.Person) -> list[aigov.Forum]:
    corpus = aigov.datasets.corpus()
    return [corpus.forum(forum_id) for forum_id, _ in person.speakers]


@settings(max_examples=10, deadline=None)
@given(
    forums=st.lists(
        strategies.forums(max_organizations=2, max_speakers=2, max_sessions=1),
        max_size=3,
        unique_by=lambda forum: forum.id,
    )
)
def test_any_forums_survive_json_lines_and_directories(forums: list[Forum]) -> None:
    """Whole generated forums come back equal from JSON Lines and from a directory."""
    corpus = Corpus(forums=forums)
    with tempfile.TemporaryDirectory() as directory:
        lines = Path(directory) / "all.jsonl"
        dump_corpus(corpus, lines)
        assert load_corpus(lines) == corpus
        dump_corpus(corpus, Path(directory) / "out")
        loaded = load_corpus(Path(directory) / "out")
    assert set(loaded.forums) == set(corpus.forums)
    assert len(loaded.forums) == len(corpus.forums)


@settings(max_examples=30, deadline=None)
@given(
    forums=st.lists(
        strategies.forums(max_organizations=3, max_speakers=3, max_sessions=1),
        min_size=1,
        max_size=4,
        unique_by=lambda forum: forum.id,
    ),
    data=st.data(),
)
def test_any_corpus_query_finds_what_each_forum_finds(
    forums: list[Forum], data: st.DataObject
) -> None:
    """Over any corpus, first and later calls find exactly what each forum finds alone."""
    corpus = Corpus(forums=forums)
    names = sorted({o.name for forum in forums for o in forum.organizations})
    organization = data.draw(st.sampled_from(names)) if names else None
    filters = {"organization": organization} if organization else {}
    if data.draw(st.booleans(), label="also a country"):
        filters["country"] = data.draw(strategies.country_codes(), label="country")
    expected = _forum_by_forum(corpus, **filters)
    for _ in range(2):
        try:
            found = query.speakers(corpus, **filters)
        except ValidationError:
            assert expected == []
            continue
        assert [(f.forum.id, f.item) for f in found] == expected
