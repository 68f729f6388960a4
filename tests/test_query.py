import datetime
import gc
import unicodedata
from typing import Any, assert_type

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aigov
from aigov import (
    Forum,
    Organization,
    OrganizationKind,
    Part,
    Participant,
    Role,
    Session,
    SessionKind,
    Speaker,
    SpeakerKind,
    Statement,
    ValidationError,
    datasets,
    query,
    strategies,
)
from aigov import _index as index_module
from aigov._match import words
from aigov.exceptions import AigovError, ArgumentTypeError
from aigov.query import Predicate

FORUM = datasets.tsinghua_2021()
DAY = datetime.date(2024, 1, 1)


def names(items: tuple[Speaker, ...]) -> list[str]:
    return [item.name for item in items]


def ids(items: tuple[Speaker | Statement | Organization, ...]) -> list[str]:
    return [item.id for item in items]


def speaker_ids(found: tuple[Statement, ...]) -> set[str]:
    return {statement.speaker_id for statement in found}


def small_forum(
    *,
    organizations: tuple[Organization, ...] = (),
    speakers: tuple[Speaker, ...] = (),
    texts: tuple[tuple[str, str], ...] = (),
) -> Forum:
    """A forum whose one session holds (speaker_id, text) statements."""
    said = tuple(Statement(speaker_id=who, text=text) for who, text in texts)
    return Forum(
        name="Test Forum",
        start_date=DAY,
        organizations=organizations,
        speakers=speakers,
        sessions=(Session(title="Main", kind=SessionKind.PLENARY, statements=said),),
    )


# --- the acceptance facts on the bundled forum ---------------------------------


def test_ministry_true_gives_exactly_the_three_officials() -> None:
    """ministry=True: Li Meng, Xu Xiaolan and Ma Shengkun (in a ministry's unit)."""
    assert names(query.speakers(FORUM, ministry=True)) == [
        "Li Meng",
        "Xu Xiaolan",
        "Ma Shengkun",
    ]


@pytest.mark.parametrize(
    "name",
    ["MIIT", "miit", "IIT", "Ministry of Industry and Information Technology"],
)
def test_a_ministry_is_found_by_abbreviation_alias_or_name(name: str) -> None:
    """ministry="MIIT" (or its alias or name, any case) gives Xu Xiaolan."""
    assert names(query.speakers(FORUM, ministry=name)) == ["Xu Xiaolan"]


def test_a_ministry_is_found_by_words_of_its_name() -> None:
    """Query "foreign affairs" names the MFA, whose department Ma Shengkun is in."""
    assert names(query.speakers(FORUM, ministry="foreign affairs")) == ["Ma Shengkun"]


def test_country_cn_includes_officials_and_tsinghua_people() -> None:
    """country="CN": Chinese officials and Tsinghua people, not the UN officer."""
    found = set(names(query.speakers(FORUM, country="CN")))
    tsinghua = set(names(query.speakers(FORUM, organization="Tsinghua University")))
    assert {"Li Meng", "Xu Xiaolan", "Ma Shengkun", "Wang Yongqing"} <= found
    assert tsinghua
    assert tsinghua <= found
    assert "Maria-Francesca Spatolisano" not in found


@pytest.mark.parametrize(
    "spelling",
    ["CN", "cn", "CHN", "chn", "China", "CHINA", "People's Republic of China"],
)
def test_every_spelling_of_a_country_selects_the_same(spelling: str) -> None:
    """Codes and names, any case, select the same speakers."""
    assert query.speakers(FORUM, country=spelling) == query.speakers(
        FORUM, country="CN"
    )


def test_contains_privacy_finds_qiu_yong_and_andrew_yao() -> None:
    """contains="privacy" finds the statements of Qiu Yong and Andrew Chi-Chih Yao."""
    found = query.statements(FORUM, contains="privacy")
    assert speaker_ids(found) == {"qiu-yong", "andrew-chi-chih-yao"}


# --- filters on the bundled forum ---------------------------------------------


def test_un_matches_the_un_and_its_offices_never_tsinghua() -> None:
    """organization="UN" is the UN and everything inside it, no substring match."""
    found = names(query.speakers(FORUM, organization="UN"))
    assert found == ["Beate Trankmann", "Maria-Francesca Spatolisano", "Xu Haoliang"]


def test_organization_by_words_includes_units_inside() -> None:
    """Query "Tsinghua" matches Tsinghua University, and its institute's people too."""
    found = names(query.speakers(FORUM, organization="tsinghua"))
    assert "Andrew Chi-Chih Yao" in found  # chair of an institute inside it
    assert "Qiu Yong" in found
    assert "Gong Ke" not in found


def test_kind_follows_the_tree_upward() -> None:
    """kind="university" includes a chair of an institute inside a university."""
    found = names(query.speakers(FORUM, kind=OrganizationKind.UNIVERSITY))
    assert "Andrew Chi-Chih Yao" in found
    assert query.speakers(FORUM, kind="University") == query.speakers(
        FORUM, kind=OrganizationKind.UNIVERSITY
    )


def test_title_matches_whole_words() -> None:
    """title="minister" matches the vice-ministers."""
    assert names(query.speakers(FORUM, title="minister")) == ["Li Meng", "Xu Xiaolan"]


def test_title_does_not_match_inside_a_word() -> None:
    """Query "minister" does not match "administer"; "vice minister" matches "vice-minister"."""
    forum = small_forum(
        speakers=(
            Speaker(name="A", roles=(Role(title="Administer of things"),)),
            Speaker(name="B", roles=(Role(title="Vice-Minister"),)),
        )
    )
    assert names(query.speakers(forum, title="minister")) == ["B"]
    assert names(query.speakers(forum, title="vice minister")) == ["B"]


def test_session_by_id_or_title_covers_chairs_speakers_and_statements() -> None:
    """session= matches chairs, listed speakers and the people who made statements."""
    opening = query.speakers(FORUM, session="opening-ceremony")
    assert "Yang Bin" in names(opening)  # the chair
    assert "Li Meng" in names(opening)  # made a statement
    plenary = query.speakers(
        FORUM, session="How to build a Balanced and Inclusive AI Governance Framework"
    )
    assert names(plenary) == [
        "Xue Lan",
        "Gong Ke",
        "Xu Haoliang",
        "Wendell Wallach",
        "Su Jun",
    ]


def test_statements_by_speaker_id_or_name() -> None:
    """speaker= takes an id or a name."""
    by_id = query.statements(FORUM, speaker="li-meng")
    assert by_id == query.statements(FORUM, speaker="Li Meng")
    assert speaker_ids(by_id) == {"li-meng"}


def test_statement_session_filter_means_made_in_the_session() -> None:
    """session= on statements selects the statements made in it."""
    assert query.statements(FORUM, session="plenary") == ()
    assert query.statements(FORUM, session="opening-ceremony") == FORUM.all_statements()


def test_speaker_side_filters_on_statements_mean_made_by() -> None:
    """ministry=True on statements: the statements of the three officials."""
    found = query.statements(FORUM, ministry=True)
    assert speaker_ids(found) == {"li-meng", "xu-xiaolan", "ma-shengkun"}


def test_topic_selects_tagged_statements_in_any_case() -> None:
    """topic= matches the tag, given in any case."""
    found = query.statements(FORUM, topic="Privacy")
    assert speaker_ids(found) == {"qiu-yong", "andrew-chi-chih-yao"}
    assert all("privacy" in statement.topics for statement in found)


def test_organizations_filters() -> None:
    """organizations(): within, kind and country, units included."""
    assert ids(query.organizations(FORUM, within="Tsinghua")) == [
        "tsinghua-university",
        "i-aiig",
        "schwarzman-college",
    ]
    assert "mfa-department-of-arms-control" in ids(
        query.organizations(FORUM, kind="ministry")
    )
    assert "united-nations" not in ids(query.organizations(FORUM, country="CN"))


def test_no_filter_returns_everything_in_order() -> None:
    """Without filters the keyword functions return everything."""
    assert query.speakers(FORUM) == FORUM.speakers
    assert query.organizations(FORUM) == FORUM.organizations
    assert query.statements(FORUM) == FORUM.all_statements()


# --- bad values ----------------------------------------------------------------------


def test_a_misspelt_country_suggests_the_right_one() -> None:
    """'Chna' raises, suggesting China, instead of selecting nothing."""
    with pytest.raises(ValidationError) as exc:
        query.speakers(FORUM, country="Chna")
    assert exc.value.errors[0].location == "country"
    assert exc.value.errors[0].message == (
        "'Chna' is not a country; did you mean 'China' (CN)?"
    )


@pytest.mark.parametrize(
    ("press", "code"),
    [
        ("UK", "GB"),
        ("United States", "US"),
        ("South Korea", "KR"),
        ("Vietnam", "VN"),
        ("Russia", "RU"),
        ("cote d'ivoire", "CI"),
        ("Republic of Korea", "KR"),
    ],
)
def test_press_names_of_countries_are_understood(press: str, code: str) -> None:
    """Common press names resolve to the ISO code."""
    assert query.country(press) == query.country(code)


@pytest.mark.parametrize(
    ("keyword", "value"),
    [
        ("ministry", "Ministry of Truth"),
        ("ministry", "Tsinghua University"),  # exists, but is not a ministry
        ("organization", "UNESCO"),
        ("kind", "uni"),
        ("session", "closing"),
        ("country", "Atlantis"),
    ],
)
def test_unknown_values_raise_naming_them(keyword: str, value: str) -> None:
    """A value that names nothing raises ValidationError naming it."""
    with pytest.raises(ValidationError) as exc:
        query.speakers(FORUM, **{keyword: value})
    assert exc.value.errors[0].location == keyword
    assert repr(value) in str(exc.value)


def test_an_unknown_speaker_raises_with_a_suggestion() -> None:
    """A misspelt speaker name raises and suggests the closest."""
    with pytest.raises(ValidationError, match="did you mean 'Li Meng'"):
        query.statements(FORUM, speaker="Li Mang")


@pytest.mark.parametrize("value", ["", "   ", "--"])
def test_empty_text_filters_are_refused(value: str) -> None:
    """contains= and title= need at least one word."""
    with pytest.raises(ValidationError):
        query.statements(FORUM, contains=value)
    with pytest.raises(ValidationError):
        query.speakers(FORUM, title=value)


def test_a_value_of_the_wrong_type_is_a_type_error() -> None:
    """Passing a number as a country is a programming error."""
    with pytest.raises(TypeError, match="country must be a string"):
        query.speakers(FORUM, country=86)  # type: ignore[call-overload]


def test_a_statement_predicate_cannot_select_speakers() -> None:
    """topic() judges statements; using it for speakers is a TypeError."""
    with pytest.raises(TypeError, match="cannot select speakers"):
        query.speakers(FORUM, query.topic("privacy"))  # type: ignore[arg-type]


def test_a_forum_is_required() -> None:
    """The first argument must be a Forum."""
    with pytest.raises(TypeError, match="expected a Forum"):
        query.speakers(FORUM.speakers)  # type: ignore[call-overload]


BUILDERS = [
    query.country,
    query.kind,
    query.within,
    query.ministry,
    query.title,
    query.speaker,
    query.session,
    query.topic,
    query.contains,
    query.part,
    query.speaker_kind,
]


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_builder_given_a_non_string_raises_argument_type_error(
    builder: object,
) -> None:
    """A number where a name belongs is an ArgumentTypeError, an AigovError and a TypeError."""
    assert callable(builder)
    with pytest.raises(ArgumentTypeError, match="must be a string, not int") as exc:
        builder(86)
    assert isinstance(exc.value, AigovError)
    assert isinstance(exc.value, TypeError)


@pytest.mark.parametrize("function", [query.speakers, query.statements])
def test_a_keyword_given_a_non_string_raises_argument_type_error(
    function: object,
) -> None:
    """The keyword functions raise ArgumentTypeError for a value of the wrong type."""
    assert callable(function)
    with pytest.raises(ArgumentTypeError, match="title must be a string"):
        function(FORUM, title=["dean"])


def test_a_predicate_that_cannot_select_raises_argument_type_error() -> None:
    """topic() passed to speakers() is an ArgumentTypeError naming the predicate."""
    with pytest.raises(ArgumentTypeError, match=r"topic\('privacy'\) cannot select"):
        query.speakers(FORUM, query.topic("privacy"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "function", [query.speakers, query.statements, query.organizations]
)
def test_a_non_forum_raises_argument_type_error(function: object) -> None:
    """Passing something other than a Forum or a Corpus is an ArgumentTypeError."""
    assert callable(function)
    with pytest.raises(
        ArgumentTypeError, match="expected a Forum or a Corpus, not tuple"
    ):
        function(FORUM.speakers)


# --- text matching ---------------------------------------------------------------


def test_contains_in_a_script_without_spaces_matches_anywhere() -> None:
    """Query "治理" is found inside "人工智能治理"."""
    forum = small_forum(
        speakers=(Speaker(name="Wang"),),
        texts=(("wang", "我们需要人工智能治理。"), ("wang", "AI is governed.")),
    )
    found = query.statements(forum, contains="治理")
    assert [s.text for s in found] == ["我们需要人工智能治理。"]


def test_contains_matches_whole_words_in_any_case() -> None:
    """Query "AI" matches "AI," and "(ai)" but not "said"; phrases need their words in order."""
    forum = small_forum(
        speakers=(Speaker(name="Wang"),),
        texts=(
            ("wang", "He said so."),
            ("wang", "Rules for AI, now."),
            ("wang", "(ai) privacy-protection"),
        ),
    )
    assert len(query.statements(forum, contains="ai")) == 2
    assert len(query.statements(forum, contains="Privacy Protection")) == 1
    assert len(query.statements(forum, contains="protection privacy")) == 0


def test_contains_is_unicode_aware() -> None:
    """Case folding and normalisation; a combining vowel sign belongs to its word."""
    decomposed = unicodedata.normalize("NFD", "ÉTAT")
    forum = small_forum(
        speakers=(Speaker(name="Wang"),),
        texts=(("wang", f"L'{decomposed} et la STRASSE"), ("wang", "कि")),
    )
    assert len(query.statements(forum, contains="état")) == 1
    assert len(query.statements(forum, contains="straße")) == 1
    assert query.statements(forum, contains="क") == ()  # "कि" is one word


# --- predicates -------------------------------------------------------------------


def test_keywords_are_shorthands_for_predicates() -> None:
    """speakers(f, country=c) is speakers(f, country(c))."""
    assert query.speakers(FORUM, country="CN", title="dean") == query.speakers(
        FORUM, query.country("CN") & query.title("dean")
    )


def test_or_and_not_combine() -> None:
    """| is union, & intersection, ~ complement, on the bundled forum."""
    officials = query.speakers(FORUM, query.ministry() | query.kind("advisory"))
    assert names(officials) == ["Wang Yongqing", "Li Meng", "Xu Xiaolan", "Ma Shengkun"]
    not_officials = query.speakers(FORUM, query.country("CN") & ~query.ministry())
    assert "Li Meng" not in names(not_officials)
    assert "Qiu Yong" in names(not_officials)


def test_speaker_and_statement_predicates_combine_into_statement_predicates() -> None:
    """country("CN") & topic("privacy") selects statements by Chinese speakers."""
    found = query.statements(FORUM, query.country("CN") & query.topic("privacy"))
    assert speaker_ids(found) == {"qiu-yong", "andrew-chi-chih-yao"}


def test_predicates_are_values_with_readable_reprs() -> None:
    """Equal when built alike; repr is the expression that builds them."""
    predicate = (query.country("China") | query.kind("ngo")) & ~query.ministry()
    assert predicate == (query.country("CN") | query.kind("NGO")) & ~query.ministry()
    assert hash(predicate) == hash(
        (query.country("CN") | query.kind("ngo")) & ~query.ministry()
    )
    assert repr(predicate) == "(country('CN') | kind('ngo')) & ~ministry()"
    assert repr(~query.contains("a b")) == "~contains('a b')"


def test_combinations_are_typed_by_what_both_parts_judge() -> None:
    """A speaker-side predicate and a statement predicate make a statement predicate."""
    both = query.country("CN") & query.topic("privacy")
    assert_type(both, Predicate[Statement])
    either = query.title("dean") | query.ministry()
    assert_type(either, Predicate[Speaker | Statement])
    assert_type(~query.within("UN"), Predicate[Speaker | Statement | Organization])
    assert query.statements(FORUM, both)


@pytest.mark.parametrize(
    "predicate",
    [
        query.country("CN"),
        query.kind("ngo"),
        query.within("UN"),
        query.ministry(),
        query.ministry("MIIT"),
        query.title("vice minister"),
        query.speaker("Li Meng"),
        query.session("plenary"),
        query.topic("privacy"),
        query.contains("数据 privacy"),
        query.part("keynote"),
        query.speaker_kind(SpeakerKind.DELEGATION),
    ],
)
def test_a_leaf_repr_rebuilds_an_equal_predicate(predicate: Predicate[Any]) -> None:
    """Evaluating a leaf's repr in aigov.query gives an equal predicate, same hash."""
    rebuilt = eval(repr(predicate), vars(query))  # noqa: S307 - our own repr
    assert rebuilt == predicate
    assert hash(rebuilt) == hash(predicate)


def test_leaves_of_different_filters_are_different() -> None:
    """Leaves are equal only for the same filter and argument."""
    assert query.speaker("plenary") != query.session("plenary")
    assert query.title("privacy") != query.contains("privacy")
    assert query.ministry() != query.ministry("MIIT")
    assert len({query.topic("a"), query.topic("A"), query.contains("a")}) == 2


def test_leaves_can_be_set_members_and_dict_keys() -> None:
    """Predicates are hashable values: equal ones collapse in a set."""
    saved = {query.country("China"): "chinese", query.kind("university"): "academic"}
    assert saved[query.country("chn")] == "chinese"
    assert saved[query.kind(OrganizationKind.UNIVERSITY)] == "academic"


def test_double_negation_is_the_predicate_itself() -> None:
    """~~p is p."""
    predicate = query.title("dean")
    assert ~~predicate == predicate


def test_names_are_resolved_per_forum() -> None:
    """A predicate naming an organisation raises only on a forum lacking it."""
    predicate = query.within("Tsinghua")
    assert query.speakers(FORUM, predicate)
    with pytest.raises(ValidationError, match="'Tsinghua' names no organization"):
        query.speakers(small_forum(), predicate)


# --- forum lookups ------------------------------------------------------------------


def test_forum_lookups_by_id() -> None:
    """organization, speaker, session and statement return the object with the id."""
    assert FORUM.organization("miit").abbreviation == "MIIT"
    assert FORUM.speaker("li-meng").name == "Li Meng"
    assert FORUM.session("plenary").kind is SessionKind.PLENARY
    first = FORUM.sessions[0].statements[0]
    assert FORUM.statement(first.id) is first


@pytest.mark.parametrize("method", ["organization", "speaker", "session", "statement"])
def test_unknown_ids_raise_validation_error(method: str) -> None:
    """An id the forum lacks raises ValidationError naming it."""
    with pytest.raises(ValidationError, match="'nobody' is the id of no"):
        getattr(FORUM, method)("nobody")


def test_all_statements_are_in_session_order() -> None:
    """all_statements() is every session's statements, one session after another."""
    expected = tuple(s for session in FORUM.sessions for s in session.statements)
    assert FORUM.all_statements() == expected


def test_affiliations_include_ancestors() -> None:
    """A speaker's organisations come with the ones they are part of."""
    assert ids(FORUM.affiliations("andrew-chi-chih-yao")) == [
        "i-aiig",
        "tsinghua-university",
    ]
    xue_lan = FORUM.speaker("xue-lan")
    assert ids(FORUM.affiliations(xue_lan)) == [
        "i-aiig",
        "tsinghua-university",
        "schwarzman-college",
    ]


# --- the index -----------------------------------------------------------------------


def test_the_index_is_built_once_per_forum() -> None:
    """Every query on a forum uses the same index."""
    assert index_module.index_of(FORUM) is index_module.index_of(FORUM)


def test_the_index_does_not_hash_the_forum(monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding a forum's index costs no hashing of the forum (which is linear)."""

    def refuse(_: Forum) -> int:
        raise AssertionError

    forum = small_forum(speakers=(Speaker(name="A"),))
    monkeypatch.setattr(Forum, "__hash__", refuse)
    assert query.speakers(forum, query.speaker("A")) == forum.speakers


def test_the_index_does_not_keep_a_forum_alive() -> None:
    """The cache forgets a forum's index once the forum is gone."""
    forum = small_forum(speakers=(Speaker(name="A"),))
    query.speakers(forum, query.speaker("A"))
    key = id(forum)
    assert key in index_module._INDEXES
    del forum
    gc.collect()
    assert key not in index_module._INDEXES


def test_equal_forums_get_correct_answers_each() -> None:
    """Two equal but distinct forums each answer from their own index."""
    first = aigov.from_json(aigov.to_json(FORUM))
    assert first == FORUM
    assert first is not FORUM
    assert query.speakers(first, ministry=True) == query.speakers(FORUM, ministry=True)


# --- parts, kinds of speaker, states in roles -------------------------------------


def two_session_forum() -> Forum:
    """Two sessions in which Ben plays two parts, and Cai speaks outside his.

    Ana hosts the opening; Ben gives its keynote and moderates the panel, where
    Cai is a panelist.  Ben speaks in both sessions, Cai in the opening from
    the floor.
    """
    people = (Speaker(name="Ana"), Speaker(name="Ben"), Speaker(name="Cai"))
    opening = Session(
        title="Opening",
        kind=SessionKind.OPENING_CEREMONY,
        participants=(
            Participant(speaker_id="ana", part=Part.HOST),
            Participant(speaker_id="ben", part=Part.KEYNOTE),
        ),
        statements=(
            Statement(speaker_id="ben", text="Keynote words.", id="ben-keynote"),
            Statement(speaker_id="cai", text="A question.", id="cai-floor"),
        ),
    )
    panel = Session(
        title="Panel",
        kind=SessionKind.PANEL,
        participants=(
            Participant(speaker_id="ben", part=Part.MODERATOR),
            Participant(speaker_id="cai", part=Part.PANELIST),
        ),
        statements=(
            Statement(speaker_id="ben", text="Welcome.", id="ben-moderates"),
            Statement(speaker_id="cai", text="An answer.", id="cai-panel"),
        ),
    )
    return Forum(name="Parts", speakers=people, sessions=(opening, panel))


PARTS = two_session_forum()


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ("host", ["ana"]),
        ("keynote", ["ben"]),
        ("moderator", ["ben"]),
        ("panelist", ["cai"]),
    ],
)
def test_part_selects_the_speakers_who_play_it_in_some_session(
    part: str, expected: list[str]
) -> None:
    """speakers(part=p): the participants of any session with part p."""
    assert ids(query.speakers(PARTS, part=part)) == expected


def test_part_on_statements_means_the_part_in_the_statements_session() -> None:
    """statements(part="keynote"): Ben's keynote, not what he says as moderator."""
    assert ids(query.statements(PARTS, part="keynote")) == ["ben-keynote"]
    assert ids(query.statements(PARTS, part="moderator")) == ["ben-moderates"]


def test_part_on_statements_skips_speakers_without_a_part_there() -> None:
    """Cai is a panelist only on the panel, so his question from the floor is not."""
    assert ids(query.statements(PARTS, part="panelist")) == ["cai-panel"]


def test_a_part_is_a_member_or_its_value_in_any_case() -> None:
    """part=Part.KEYNOTE, "keynote" and "KEYNOTE" select the same."""
    expected = query.speakers(PARTS, part=Part.KEYNOTE)
    assert query.speakers(PARTS, part="KEYNOTE") == expected
    assert query.speakers(PARTS, query.part("keynote")) == expected


def test_a_part_nobody_plays_selects_nothing() -> None:
    """A real part that no participant has is an empty result, not an error."""
    assert query.speakers(PARTS, part="briefer") == ()
    assert query.statements(PARTS, part="briefer") == ()


def test_part_combines_with_speaker_filters_on_statements() -> None:
    """With &, | and ~: Ben as moderator, and Ben in every other part."""
    found = query.statements(PARTS, query.part("moderator") & query.speaker("Ben"))
    assert ids(found) == ["ben-moderates"]
    found = query.statements(PARTS, ~query.part("moderator") & query.speaker("Ben"))
    assert ids(found) == ["ben-keynote"]


@pytest.mark.parametrize(
    ("keyword", "value", "allowed"),
    [
        ("part", "keynote speaker", "chair, host, moderator, keynote, speaker"),
        ("speaker_kind", "people", "person, delegation, group"),
    ],
)
def test_a_bad_part_or_speaker_kind_lists_the_allowed_values(
    keyword: str, value: str, allowed: str
) -> None:
    """A value that is no part or kind of speaker raises, listing what there is."""
    with pytest.raises(ValidationError) as exc:
        query.speakers(PARTS, **{keyword: value})
    assert exc.value.errors[0].location == keyword
    assert repr(value) in str(exc.value)
    assert allowed in str(exc.value)


def test_session_covers_every_part() -> None:
    """session= holds for each participant of the session, whatever their part."""
    assert ids(query.speakers(PARTS, session="Opening")) == ["ana", "ben", "cai"]
    assert ids(query.speakers(PARTS, session="Panel")) == ["ben", "cai"]


def kinds_forum() -> Forum:
    """A person, a delegation that speaks for Russia and an unnamed group."""
    who = (
        Speaker(name="Ana"),
        Speaker(name="Russia", kind=SpeakerKind.DELEGATION, country="RU"),
        Speaker(name="industry experts", kind=SpeakerKind.GROUP),
    )
    said = (
        Statement(speaker_id="ana", text="One.", id="one"),
        Statement(speaker_id="russia", text="Two.", id="two"),
        Statement(speaker_id="industry-experts", text="Three.", id="three"),
    )
    session = Session(title="Main", kind=SessionKind.PLENARY, statements=said)
    return Forum(name="Kinds", speakers=who, sessions=(session,))


KINDS = kinds_forum()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("person", ["ana"]), ("delegation", ["russia"]), ("group", ["industry-experts"])],
)
def test_speaker_kind_selects_speakers_of_that_kind(
    kind: str, expected: list[str]
) -> None:
    """speakers(speaker_kind=k): those whose Speaker.kind is k."""
    assert ids(query.speakers(KINDS, speaker_kind=kind)) == expected


def test_speaker_kind_on_statements_means_made_by() -> None:
    """statements(speaker_kind="delegation"): what delegations said."""
    assert ids(query.statements(KINDS, speaker_kind=SpeakerKind.DELEGATION)) == ["two"]


def test_kind_keeps_meaning_the_organisations_kind() -> None:
    """kind="delegation" is refused: kind= is about organisations, not speakers."""
    with pytest.raises(ValidationError, match="not a kind of organization"):
        query.speakers(KINDS, kind="delegation")


def test_a_delegation_belongs_to_the_country_it_stands_for() -> None:
    """A delegation with country RU is found by country="Russia"."""
    assert ids(query.speakers(KINDS, country="Russia")) == ["russia"]


def state_roles_forum() -> Forum:
    """A foreign secretary of GB (no organisation) and a UN ambassador of CN."""
    un = Organization(
        name="United Nations", id="un", kind=OrganizationKind.INTERGOVERNMENTAL
    )
    who = (
        Speaker(name="Sam", roles=(Role(title="Foreign Secretary", country="GB"),)),
        Speaker(
            name="Zhang",
            roles=(
                Role(title="Ambassador to the UN", organization_id="un", country="CN"),
            ),
        ),
        Speaker(name="Uma", roles=(Role(title="official", organization_id="un"),)),
    )
    said = (
        Statement(speaker_id="sam", text="One.", id="one"),
        Statement(speaker_id="zhang", text="Two.", id="two"),
    )
    session = Session(title="Main", kind=SessionKind.PLENARY, statements=said)
    return Forum(name="States", organizations=(un,), speakers=who, sessions=(session,))


STATES = state_roles_forum()


def test_country_holds_for_a_role_that_serves_the_country() -> None:
    """country("GB") finds Britain's Foreign Secretary, whose role names no organisation."""
    assert ids(query.speakers(STATES, country="United Kingdom")) == ["sam"]


def test_a_roles_country_counts_beside_its_organisation() -> None:
    """China's ambassador at the UN is in CN; a UN official with no country is not."""
    assert ids(query.speakers(STATES, country="CN")) == ["zhang"]


def test_a_roles_country_counts_for_statements() -> None:
    """statements(country="GB"): what Britain's Foreign Secretary said."""
    assert ids(query.statements(STATES, country="GB")) == ["one"]


def test_a_roles_country_is_not_its_organisations() -> None:
    """The UN does not become Chinese because China's ambassador works there."""
    assert query.organizations(STATES, country="CN") == ()


# --- properties on generated forums ---------------------------------------------------


def lineage(forum: Forum, organization_id: str) -> list[Organization]:
    by_id = {o.id: o for o in forum.organizations}
    chain = [by_id[organization_id]]
    while chain[-1].parent_id is not None:
        chain.append(by_id[chain[-1].parent_id])
    return chain


def brute_speakers(forum: Forum, holds: object) -> list[str]:
    """Speakers with a role in an organisation whose lineage has a property."""
    assert callable(holds)
    return [
        speaker.id
        for speaker in forum.speakers
        if any(
            holds(org)
            for role in speaker.roles
            if role.organization_id is not None
            for org in lineage(forum, role.organization_id)
        )
    ]


def forum_countries(forum: Forum) -> list[str]:
    found = [o.country for o in forum.organizations] + [
        s.country for s in forum.speakers
    ]
    return sorted({c for c in found if c is not None} | {"CN"})


@settings(max_examples=40)
@given(forum=strategies.forums(), data=st.data())
def test_country_equals_a_brute_force_scan(forum: Forum, data: st.DataObject) -> None:
    """speakers(f, country=c): own country, or a role in an org of c or inside one."""
    code = data.draw(st.sampled_from(forum_countries(forum)))
    by_roles = set(brute_speakers(forum, lambda org: org.country == code))
    expected = [
        s.id
        for s in forum.speakers
        if s.country == code
        or s.id in by_roles
        or any(role.country == code for role in s.roles)
    ]
    assert ids(query.speakers(forum, country=code)) == expected


@settings(max_examples=40)
@given(forum=strategies.forums(), kind=st.sampled_from(OrganizationKind))
def test_kind_and_ministry_equal_brute_force_scans(
    forum: Forum, kind: OrganizationKind
) -> None:
    """kind= and ministry=True follow the organisation tree upward."""
    assert ids(query.speakers(forum, kind=kind)) == brute_speakers(
        forum, lambda org: org.kind is kind
    )
    assert ids(query.speakers(forum, ministry=True)) == brute_speakers(
        forum, lambda org: org.kind is OrganizationKind.MINISTRY
    )


@settings(max_examples=40)
@given(forum=strategies.forums(), data=st.data())
def test_organizations_by_country_equal_a_brute_force_scan(
    forum: Forum, data: st.DataObject
) -> None:
    """organizations(f, country=c): of c, or inside an organisation of c."""
    code = data.draw(st.sampled_from(forum_countries(forum)))
    expected = [
        o.id
        for o in forum.organizations
        if any(a.country == code for a in lineage(forum, o.id))
    ]
    assert ids(query.organizations(forum, country=code)) == expected


@settings(max_examples=40)
@given(forum=strategies.forums(), data=st.data())
def test_within_an_organization_id_equals_a_brute_force_scan(
    forum: Forum, data: st.DataObject
) -> None:
    """organization=<id>: roles in any organisation an exact key names, or inside."""
    if not forum.organizations:
        return
    value = data.draw(st.sampled_from([o.id for o in forum.organizations]))

    def keys(org: Organization) -> set[str]:
        raw = {org.id, org.name, org.abbreviation, *org.aliases} - {None}
        return {unicodedata.normalize("NFKC", k).casefold().strip() for k in raw if k}

    wanted = unicodedata.normalize("NFKC", value).casefold().strip()
    roots = {o.id for o in forum.organizations if wanted in keys(o)}
    assert ids(query.speakers(forum, organization=value)) == brute_speakers(
        forum, lambda org: org.id in roots
    )


def speaker_predicates(
    forum: Forum,
) -> st.SearchStrategy[Predicate[Speaker | Statement]]:
    """Speaker-side predicates, combined, that fit *forum*."""
    leaves: list[st.SearchStrategy[Predicate[Speaker | Statement]]] = [
        st.sampled_from(forum_countries(forum)).map(query.country),
        st.sampled_from(OrganizationKind).map(query.kind),
        st.sampled_from(SpeakerKind).map(query.speaker_kind),
        st.just(query.ministry()),
    ]
    if forum.organizations:
        leaves.append(
            st.sampled_from([o.id for o in forum.organizations]).map(query.within)
        )
    if forum.speakers:
        leaves.append(
            st.sampled_from([s.id for s in forum.speakers]).map(query.speaker)
        )
    leaf = st.one_of(leaves)
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(lambda pair: pair[0] & pair[1]),
            st.tuples(inner, inner).map(lambda pair: pair[0] | pair[1]),
            inner.map(lambda p: ~p),
        ),
        max_leaves=4,
    )


def positions(forum: Forum, found: tuple[Speaker, ...]) -> list[int]:
    order = {s.id: i for i, s in enumerate(forum.speakers)}
    return [order[s.id] for s in found]


@settings(max_examples=40)
@given(forum=strategies.forums(), data=st.data())
def test_predicates_obey_set_algebra(forum: Forum, data: st.DataObject) -> None:
    """~p is the complement of p; & and | are intersection and union."""
    p = data.draw(speaker_predicates(forum))
    q = data.draw(speaker_predicates(forum))
    everyone = {s.id for s in forum.speakers}
    selected_p = set(ids(query.speakers(forum, p)))
    selected_q = set(ids(query.speakers(forum, q)))
    assert set(ids(query.speakers(forum, ~p))) == everyone - selected_p
    assert set(ids(query.speakers(forum, p & q))) == selected_p & selected_q
    assert set(ids(query.speakers(forum, p | q))) == selected_p | selected_q


@settings(max_examples=40)
@given(forum=strategies.forums(), data=st.data())
def test_results_keep_forum_order(forum: Forum, data: st.DataObject) -> None:
    """Results come in the forum's order, each once."""
    found = query.speakers(forum, data.draw(speaker_predicates(forum)))
    order = positions(forum, found)
    assert order == sorted(set(order))


@settings(max_examples=40)
@given(forum=strategies.forums(), data=st.data())
def test_speaker_predicates_on_statements_mean_made_by(
    forum: Forum, data: st.DataObject
) -> None:
    """A speaker-side predicate selects the statements of the speakers it selects."""
    predicate = data.draw(speaker_predicates(forum))
    chosen = set(ids(query.speakers(forum, predicate)))
    expected = [s for s in forum.all_statements() if s.speaker_id in chosen]
    assert list(query.statements(forum, predicate)) == expected


@settings(max_examples=40)
@given(forum=strategies.forums(), part=st.sampled_from(Part))
def test_part_equals_a_brute_force_scan(forum: Forum, part: Part) -> None:
    """With part=p: speakers with p somewhere, statements by one with p there."""
    speakers_with = {
        p.speaker_id
        for session in forum.sessions
        for p in session.participants
        if p.part is part
    }
    expected_speakers = [s.id for s in forum.speakers if s.id in speakers_with]
    expected_statements = [
        statement
        for session in forum.sessions
        for statement in session.statements
        if Participant(speaker_id=statement.speaker_id, part=part)
        in session.participants
    ]
    assert ids(query.speakers(forum, part=part)) == expected_speakers
    assert list(query.statements(forum, part=part)) == expected_statements


@settings(max_examples=40)
@given(forum=strategies.forums(), data=st.data())
def test_contains_finds_every_run_of_words_of_a_statement(
    forum: Forum, data: st.DataObject
) -> None:
    """Any run of consecutive words of a statement's text finds that statement."""
    said = forum.all_statements()
    candidates = [s for s in said if words(s.text)]
    if not candidates:
        return
    statement = data.draw(st.sampled_from(candidates))
    text_words = words(statement.text)
    start = data.draw(st.integers(0, len(text_words) - 1))
    end = data.draw(st.integers(start + 1, len(text_words)))
    phrase = " ".join(text_words[start:end])
    assert statement in query.statements(forum, contains=phrase)


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@settings(max_examples=60)
@given(
    before=strategies.texts(max_size=10),
    phrase=st.text(HAN, min_size=1, max_size=4),
    after=strategies.texts(max_size=10),
)
def test_a_chinese_phrase_is_found_anywhere(
    before: str, phrase: str, after: str
) -> None:
    """Han characters are words of their own: a phrase in them matches anywhere."""
    forum = small_forum(
        speakers=(Speaker(name="Wang"),), texts=(("wang", before + phrase + after),)
    )
    assert query.statements(forum, contains=phrase) == forum.all_statements()


def test_deep_organisation_chains_inherit_country_and_kind() -> None:
    """A unit 2,000 levels down is still in its root's country, kind and tree."""
    depth = 2000
    chain = [
        Organization(name="Root", id="o0", kind=OrganizationKind.MINISTRY, country="FR")
    ]
    chain += [
        Organization(
            name=f"Unit {i}",
            id=f"o{i}",
            kind=OrganizationKind.GOVERNMENT,
            parent_id=f"o{i - 1}",
        )
        for i in range(1, depth)
    ]
    deep = Speaker(
        name="Deep", roles=(Role(title="clerk", organization_id=f"o{depth - 1}"),)
    )
    forum = small_forum(organizations=tuple(chain), speakers=(deep,))
    assert query.speakers(forum, country="France") == (deep,)
    assert query.speakers(forum, ministry="Root") == (deep,)
    assert query.speakers(forum, kind="ministry") == (deep,)
    assert len(query.organizations(forum, within="o0")) == depth
    assert len(forum.affiliations(deep)) == depth


# Text with what makes word splitting hard: Han characters (words of their
# own), Latin letters with combining accents, a Thai mark that is a word only
# where no letter precedes it, full-width forms that NFKC changes, and
# punctuation and spaces between words.
TRICKY = st.text(
    st.sampled_from(
        [
            *"ab Zé",
            "\u0301",
            "\u0308",
            *"人工智能治理",
            "\u0e01",
            "\u0e34",
            "\uff21",
            "\ufb01",
            *"-.,\uff0c\u3002",
            "\u00a0",
        ]
    ),
    min_size=1,
    max_size=24,
).filter(str.strip)


def naive_contains(texts: list[str], phrase: str) -> list[int]:
    """Positions of the texts whose words hold phrase's words in a run."""
    wanted = words(phrase)
    found = []
    for position, text in enumerate(texts):
        have = words(text)
        if any(
            have[i : i + len(wanted)] == wanted
            for i in range(len(have) - len(wanted) + 1)
        ):
            found.append(position)
    return found


@settings(max_examples=150)
@given(texts=st.lists(TRICKY, min_size=1, max_size=6, unique=True), data=st.data())
def test_indexed_contains_agrees_with_a_naive_scan(
    texts: list[str], data: st.DataObject
) -> None:
    """contains= finds exactly the statements a scan of their words finds."""
    forum = small_forum(
        speakers=(Speaker(name="Wang"),), texts=tuple(("wang", t) for t in texts)
    )
    runs = [
        " ".join(words(t)[i:j])
        for t in texts
        for i in range(len(words(t)))
        for j in range(i + 1, min(len(words(t)), i + 3) + 1)
    ]
    phrases = data.draw(
        st.lists(
            st.sampled_from(runs) | TRICKY if runs else TRICKY,
            min_size=1,
            max_size=4,
        )
    )
    said = forum.all_statements()
    for phrase in phrases:  # several on one forum: later ones use its index
        if not words(phrase):
            continue
        found = query.statements(forum, contains=phrase)
        assert [said.index(s) for s in found] == naive_contains(texts, phrase)
