import datetime
import json
import re
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pytest

import aigov
from aigov import (
    Count,
    CountRelation,
    Forum,
    OrganizationKind,
    Part,
    Participant,
    SessionKind,
    StatementKind,
)
from aigov.datasets import ADDITIONS, TOPICS, tsinghua_2021

DATA = Path(__file__).parent / "data"
# The source report the dataset encodes, as published (footer included).
REPORT = (DATA / "forum-2021-report.txt").read_text(encoding="utf-8")
# The report without the web page's footer, cut as tests/data/reports/dev/seed.txt is.
BODY = REPORT[: REPORT.index("Most Viewed in 24 Hours")].rstrip() + "\n"


@pytest.fixture(name="forum")
def fixture_forum() -> Forum:
    return tsinghua_2021()


def roles_of(forum: Forum, speaker_id: str) -> list[tuple[str, str | None]]:
    orgs = {o.id: o for o in forum.organizations}
    (speaker,) = [s for s in forum.speakers if s.id == speaker_id]
    return [
        (r.title, orgs[r.organization_id].name if r.organization_id else None)
        for r in speaker.roles
    ]


def org(forum: Forum, org_id: str) -> aigov.Organization:
    (found,) = [o for o in forum.organizations if o.id == org_id]
    return found


def test_the_bundled_file_is_canonical_json(forum: Forum) -> None:
    """The shipped file is exactly what dump() writes, so it round-trips byte for byte."""
    shipped = resources.files("aigov.datasets").joinpath("tsinghua-2021.json")
    assert shipped.read_text(encoding="utf-8") == aigov.to_json(forum, indent=2) + "\n"


def test_the_bundled_file_is_written_in_the_current_schema_version() -> None:
    """The shipped file needs no migration to load."""
    shipped = resources.files("aigov.datasets").joinpath("tsinghua-2021.json")
    document = json.loads(shipped.read_text(encoding="utf-8"))
    assert document["schema_version"] == aigov.SCHEMA_VERSION


def test_the_0_1_file_still_loads_through_the_migration() -> None:
    """The file 0.1 shipped loads, its chair and speakers as parts, 70 as at least 70."""
    old = aigov.load(DATA / "tsinghua-2021-v1.json")
    opening, plenary = old.sessions
    assert opening.participants == (
        Participant(speaker_id="yang-bin", part=Part.CHAIR),
    )
    assert {p.part for p in plenary.participants} == {Part.SPEAKER}
    assert plenary.speaker_ids == tsinghua_2021().sessions[1].speaker_ids
    assert old.attendance == Count(value=70, relation=CountRelation.AT_LEAST)


def test_forum_facts(forum: Forum) -> None:
    """Date, host, supporter, attendance, series and source are as the report states."""
    assert forum.name == "2021 International AI Cooperation and Governance Forum"
    assert forum.series == "International AI Cooperation and Governance Forum"
    assert forum.start_date == datetime.date(2021, 12, 4)
    assert forum.end_date is None
    assert forum.location is None
    assert [org(forum, i).name for i in forum.host_ids] == ["Tsinghua University"]
    assert [org(forum, i).abbreviation for i in forum.supporter_ids] == ["UNDP"]
    (source,) = forum.sources
    assert source.title == "Experts advocate international AI cooperation, governance"
    assert source.publisher == "e-works"


def test_attendance_is_more_than_70(forum: Forum) -> None:
    """The report's "more than 70 experts and scholars" is a count of more than 70."""
    assert forum.attendance == Count(value=70, relation=CountRelation.MORE_THAN)


def test_the_fourteen_named_countries_and_others(forum: Forum) -> None:
    """The report names 14 participating countries, in this order, "and other countries"."""
    assert forum.countries == (
        "CN", "US", "GB", "SA", "IT", "AU", "FR",
        "SG", "KR", "IN", "SE", "DK", "MY", "JP",
    )  # fmt: skip
    assert forum.partial == ("countries",)


def test_the_fourteen_named_people(forum: Forum) -> None:
    """Everyone the report names is a speaker, and no one's nationality is set."""
    assert [s.name for s in forum.speakers] == [
        "Wang Yongqing",
        "Qiu Yong",
        "Beate Trankmann",
        "Li Meng",
        "Xu Xiaolan",
        "Ma Shengkun",
        "Maria-Francesca Spatolisano",
        "Andrew Chi-Chih Yao",
        "Yang Bin",
        "Xue Lan",
        "Gong Ke",
        "Xu Haoliang",
        "Wendell Wallach",
        "Su Jun",
    ]
    assert {s.country for s in forum.speakers} == {None}


@pytest.mark.parametrize(
    ("speaker_id", "roles"),
    [
        ("xue-lan", [("dean", "Institute for AI International Governance"), ("dean", "Schwarzman College")]),
        ("andrew-chi-chih-yao", [("Turing Award winner", None), ("chair", "Institute for AI International Governance")]),
        ("xu-haoliang", [("assistant secretary-general", "United Nations"), ("director", "Bureau for Policy and Program Support")]),
        ("beate-trankmann", [("representative of the United Nations Development Program in China", "United Nations Development Program")]),
        ("maria-francesca-spatolisano", [("officer-in-charge", "UN Office of Secretary-General's Envoy on Technology")]),
        ("su-jun", [("dean", "Institute Of Intelligence Society Governance")]),
        ("yang-bin", [("vice-president", "Tsinghua University"), ("provost", "Tsinghua University")]),
        ("ma-shengkun", [("deputy director-general", "Department of Arms Control")]),
        ("xu-xiaolan", [("vice-minister", "Ministry of Industry and Information Technology")]),
        ("wendell-wallach", [("Uehiro/Carnegie senior fellow", "Carnegie Council for Ethics in International Affairs"), ("academic member", "Institute for AI International Governance")]),
    ],
)  # fmt: skip
def test_every_title_and_organisation(
    forum: Forum, speaker_id: str, roles: list[tuple[str, str | None]]
) -> None:
    """People with several posts have each of them, with its organisation."""
    assert roles_of(forum, speaker_id) == roles


def test_units_are_linked_to_their_parents(forum: Forum) -> None:
    """Departments and institutes point at the body they belong to."""
    assert org(forum, "mfa-department-of-arms-control").parent_id == "mfa"
    assert org(forum, "i-aiig").parent_id == "tsinghua-university"
    assert org(forum, "schwarzman-college").parent_id == "tsinghua-university"
    assert org(forum, "undp").parent_id == "united-nations"


def test_names_are_the_reports_and_official_ones_aliases(forum: Forum) -> None:
    """Each name is spelt as the report spells it; an official spelling is an alias."""
    undp = org(forum, "undp")
    assert undp.name == "United Nations Development Program"
    assert undp.aliases == ("United Nations Development Programme",)
    bpps = org(forum, "undp-bpps")
    assert bpps.name == "Bureau for Policy and Program Support"
    assert bpps.aliases == ("Bureau for Policy and Programme Support",)
    oset = org(forum, "oset")
    assert oset.name == "UN Office of Secretary-General's Envoy on Technology"
    assert oset.aliases == ("Office of the Secretary-General's Envoy on Technology",)
    su_juns = org(forum, "institute-of-intelligence-society-governance")
    assert su_juns.name == "Institute Of Intelligence Society Governance"


def test_abbreviations_and_the_reports_short_form(forum: Forum) -> None:
    """Standard abbreviations are set, and the report's "the IIT" is an alias."""
    abbreviations = {o.abbreviation for o in forum.organizations}
    assert abbreviations >= {"MOST", "MIIT", "MFA", "UNDP", "CPPCC", "I-AIIG", "WFEO"}
    assert org(forum, "miit").aliases == ("IIT",)


def test_countries_only_where_the_report_makes_them_plain(forum: Forum) -> None:
    """Chinese bodies are CN; international ones and unplaced institutes have none."""
    for o in forum.organizations:
        if o.kind in {OrganizationKind.MINISTRY, OrganizationKind.UNIVERSITY}:
            assert o.country == "CN", o.id
    for org_id in (
        "united-nations",
        "undp",
        "oset",
        "wfeo",
        "carnegie-council",
        "institute-of-intelligence-society-governance",
    ):
        assert org(forum, org_id).country is None, org_id
    ministries = {o.abbreviation for o in forum.organizations if o.kind == "ministry"}
    assert ministries == {"MOST", "MIIT", "MFA"}


def test_opening_ceremony(forum: Forum) -> None:
    """One statement per reported remark, in order, with its verb, hosted by Yang Bin."""
    opening = forum.sessions[0]
    assert opening.kind is SessionKind.OPENING_CEREMONY
    assert opening.title == "opening ceremony"
    assert opening.participants == (Participant(speaker_id="yang-bin", part=Part.HOST),)
    assert opening.chair_ids == ("yang-bin",)
    assert [(s.speaker_id, s.verb) for s in opening.statements] == [
        ("wang-yongqing", "pointed out"),
        ("wang-yongqing", "emphasized"),
        ("qiu-yong", "said"),
        ("beate-trankmann", "said"),
        ("li-meng", "stressed"),
        ("xu-xiaolan", "stated"),
        ("ma-shengkun", "said"),
        ("maria-francesca-spatolisano", "emphasized"),
        ("andrew-chi-chih-yao", "remarked"),
    ]
    assert {s.kind for s in opening.statements} == {StatementKind.PARAPHRASE}


def test_statement_text_is_the_reports_own_wording(forum: Forum) -> None:
    """Each text is what follows its speaker's reporting verb in the report."""
    opening = forum.sessions[0]
    names = {s.id: s.name for s in forum.speakers}
    for statement in opening.statements:
        surname = names[statement.speaker_id].split()[0]
        assert f"{surname}" in REPORT
        assert f" {statement.verb} {statement.text}" in REPORT, statement.id


# The words in a remark that call for a tag, from what TOPICS says each covers.
TOPIC_CUES = {
    "climate": r"climate",
    "cooperation": r"cooperat\w*|collaborat\w*|work(?:ing)? together",
    "development": r"development",
    "education": r"universit\w*|teaching|talent",
    "ethics": r"ethic\w*|values|fair\w*|bias\w*|prejudice|discriminat\w*",
    "governance": r"governance",
    "health": r"health|COVID-19",
    "inclusion": r"inclusive\w*|equality|just|justice|digital divide",
    "innovation": r"innovation",
    "privacy": r"privacy",
    "regulation": r"rules|principles|supervision|requirements",
    "research": r"research directions?|theor\w*|frontier",
    "security": r"safety|security|risks?",
    "sustainability": r"sustainab\w*|green",
}


def test_the_topic_cues_cover_the_vocabulary() -> None:
    """Every documented tag has its cue words, and no cue is for an unknown tag."""
    assert TOPIC_CUES.keys() == TOPICS.keys()


@pytest.mark.parametrize("tag", sorted(TOPIC_CUES))
def test_remarks_carry_the_tags_their_words_call_for(forum: Forum, tag: str) -> None:
    """A remark that speaks of a topic in the vocabulary's words carries its tag."""
    cue = re.compile(rf"\b(?:{TOPIC_CUES[tag]})\b", re.IGNORECASE)
    untagged = [
        s.id
        for s in forum.all_statements()
        if cue.search(s.text) and tag not in s.topics
    ]
    assert untagged == []


def test_topics_come_from_the_documented_vocabulary(forum: Forum) -> None:
    """Every tag is in TOPICS, and the remarks about privacy carry 'privacy'."""
    statements = forum.sessions[0].statements
    used = {t for s in statements for t in s.topics}
    assert used <= set(TOPICS)
    privacy = [s.speaker_id for s in statements if "privacy" in s.topics]
    assert privacy == ["qiu-yong", "andrew-chi-chih-yao"]


def test_plenary_session(forum: Forum) -> None:
    """The plenary has the report's exact title and, "including", five keynote speakers."""
    plenary = forum.sessions[1]
    assert plenary.kind is SessionKind.PLENARY
    assert (
        plenary.title == "How to build a Balanced and Inclusive AI Governance Framework"
    )
    assert plenary.participants == tuple(
        Participant(speaker_id=speaker_id, part=Part.KEYNOTE)
        for speaker_id in (
            "xue-lan",
            "gong-ke",
            "xu-haoliang",
            "wendell-wallach",
            "su-jun",
        )
    )
    assert plenary.partial == ("participants",)
    assert plenary.statements == ()


def test_the_forum_is_loaded_once(forum: Forum) -> None:
    """Repeated calls return the same immutable object."""
    assert tsinghua_2021() is forum


def test_the_report_footer_is_not_data(forum: Forum) -> None:
    """Nothing from the page footer (contact lines, links) made it into the forum."""
    text = json.dumps(aigov.to_dict(forum))
    for footer in ("Most Viewed", "Wuhan", "ThingWorx", "0086-27"):
        assert footer not in text


# --- fidelity to the report ---------------------------------------------------------


Evidenced = (
    aigov.Organization | aigov.Speaker | aigov.Role | aigov.Session | aigov.Statement
)


def evidenced(forum: Forum) -> Iterator[tuple[str, Evidenced]]:
    """Every statement, speaker, role, organisation and session, with a label."""
    for organization in forum.organizations:
        yield organization.id, organization
    for speaker in forum.speakers:
        yield speaker.id, speaker
        for role in speaker.roles:
            yield f"{speaker.id}: {role.title}", role
    for session in forum.sessions:
        yield session.id, session
        for statement in session.statements:
            yield statement.id, statement


def names_of(organization: aigov.Organization) -> set[str]:
    """The organisation's name, abbreviation and aliases."""
    abbreviation = (
        () if organization.abbreviation is None else (organization.abbreviation,)
    )
    return {organization.name, *abbreviation, *organization.aliases}


def wording(forum: Forum) -> Iterator[tuple[str, str]]:
    """Every name, title and statement text in the forum, with where it is."""
    yield "name", forum.name
    if forum.series is not None:
        yield "series", forum.series
    for source in forum.sources:
        yield f"{source.id}: title", source.title
    for organization in forum.organizations:
        yield f"{organization.id}: name", organization.name
    for speaker in forum.speakers:
        yield f"{speaker.id}: name", speaker.name
        for role in speaker.roles:
            yield f"{speaker.id}: title", role.title
    for session in forum.sessions:
        yield f"{session.id}: title", session.title
        for statement in session.statements:
            yield f"{statement.id}: text", statement.text
            yield f"{statement.id}: verb", statement.verb or ""


def other_names(forum: Forum) -> Iterator[tuple[str, str]]:
    """Every alias, abbreviation and tagged name, and each source's publisher."""
    for source in forum.sources:
        if source.publisher is not None:
            yield f"{source.id}: publisher", source.publisher
    for organization in forum.organizations:
        for name in sorted(names_of(organization) - {organization.name}):
            yield f"{organization.id}: abbreviation or alias", name
        for tagged in organization.names:
            yield f"{organization.id}: names", tagged.text
    for speaker in forum.speakers:
        for name in (*speaker.aliases, *(tagged.text for tagged in speaker.names)):
            yield f"{speaker.id}: alias or names", name


def in_report(text: str) -> bool:
    """Whether *text* is in the report's text as whole words ("UN", not "UNDP")."""
    return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", BODY) is not None


def test_the_source_text_is_the_report_without_its_footer(forum: Forum) -> None:
    """The forum ships the report's text, cut before the web page's footer."""
    (source,) = forum.sources
    assert source.text == BODY
    assert REPORT.startswith(source.text.rstrip())


def test_every_evidence_passage_is_the_report_at_its_offsets(forum: Forum) -> None:
    """Each passage is the report's own text at its offsets, from the one source."""
    (source,) = forum.sources
    passages = [(label, e) for label, item in evidenced(forum) for e in item.evidence]
    assert passages
    for label, evidence in passages:
        assert evidence.source_id == source.id, label
        assert evidence.start is not None, label
        assert REPORT[evidence.start : evidence.end] == evidence.text, label


def test_every_statement_speaker_role_organisation_and_session_has_evidence(
    forum: Forum,
) -> None:
    """Nothing in the forum is without the passage that states it."""
    assert [label for label, item in evidenced(forum) if not item.evidence] == []


def test_an_organisations_passages_are_its_names(forum: Forum) -> None:
    """Each passage for an organisation is its name, abbreviation or an alias."""
    for organization in forum.organizations:
        for evidence in organization.evidence:
            assert evidence.text in names_of(organization), organization.id


def test_a_speakers_passages_name_them(forum: Forum) -> None:
    """Each passage for a speaker holds their name."""
    for speaker in forum.speakers:
        for evidence in speaker.evidence:
            assert speaker.name in evidence.text, speaker.id


def test_a_roles_passages_give_its_title_and_organisation(forum: Forum) -> None:
    """Each passage for a role holds its title and a name of its organisation."""
    for speaker in forum.speakers:
        for role in speaker.roles:
            given = set()
            if role.organization_id is not None:
                given = names_of(org(forum, role.organization_id))
            for evidence in role.evidence:
                assert role.title in evidence.text, (speaker.id, role.title)
                assert not given or any(name in evidence.text for name in given), (
                    speaker.id,
                    role.title,
                )


def test_a_sessions_passages_give_its_title_and_participants(forum: Forum) -> None:
    """Each passage for a session holds its title and every participant's name."""
    for session in forum.sessions:
        for evidence in session.evidence:
            assert session.title in evidence.text, session.id
            for participant in session.participants:
                name = forum.speaker(participant.speaker_id).name
                assert name in evidence.text, (session.id, name)


def test_a_statements_passage_is_its_paragraph(forum: Forum) -> None:
    """Each statement's passage names its speaker first, then the verb and the remark."""
    for statement in forum.all_statements():
        name = forum.speaker(statement.speaker_id).name
        for evidence in statement.evidence:
            assert evidence.text.startswith(name.split()[0]), statement.id
            assert evidence.text.endswith(f" {statement.verb} {statement.text}"), (
                statement.id
            )


def test_every_name_title_and_remark_is_the_reports_own_wording(forum: Forum) -> None:
    """Names, titles, remarks and verbs are all the report's, with no exception."""
    assert [
        (where, text) for where, text in wording(forum) if not in_report(text)
    ] == []


def test_every_other_name_is_the_reports_or_a_listed_addition(forum: Forum) -> None:
    """Aliases, abbreviations and the publisher are the report's or documented additions."""
    additions = ADDITIONS["tsinghua_2021"]
    assert [
        (where, text)
        for where, text in other_names(forum)
        if not in_report(text) and text not in additions
    ] == []


def test_every_listed_addition_is_in_the_forum_and_not_in_the_report(
    forum: Forum,
) -> None:
    """The list of additions is exact: each is used, and none is the report's own."""
    used = {text for _, text in other_names(forum)}
    for text, reason in ADDITIONS["tsinghua_2021"].items():
        assert text in used, text
        assert not in_report(text), text
        assert reason.strip(), text


# --- every bundled forum ------------------------------------------------------------

# The forums encoded from a report whose text is not shipped, with their files.
EXCERPTED = {
    "tsinghua-2020.json": aigov.datasets.tsinghua_2020,
    "tsinghua-2022.json": aigov.datasets.tsinghua_2022,
    "tsinghua-2024.json": aigov.datasets.tsinghua_2024,
}
ALL_FORUMS = pytest.mark.parametrize(
    "bundled", aigov.datasets.corpus().forums, ids=lambda forum: forum.id
)
EXCERPTED_FORUMS = pytest.mark.parametrize(
    ("file_name", "load"), EXCERPTED.items(), ids=list(EXCERPTED)
)


def people_and_statements(
    forum: Forum,
) -> Iterator[tuple[str, aigov.Speaker | aigov.Role | aigov.Statement]]:
    """Every speaker, role and statement, with a label."""
    for speaker in forum.speakers:
        yield speaker.id, speaker
        for role in speaker.roles:
            yield f"{speaker.id}: {role.title}", role
    for statement in forum.all_statements():
        yield statement.id, statement


@ALL_FORUMS
def test_every_bundled_speaker_role_and_statement_has_evidence(bundled: Forum) -> None:
    """In every bundled forum, nothing about a person is without its passage."""
    missing = [
        label for label, item in people_and_statements(bundled) if not item.evidence
    ]
    assert missing == []


@ALL_FORUMS
def test_every_bundled_statement_is_within_its_passage(bundled: Forum) -> None:
    """Each statement's text is part of every passage given for it."""
    outside = [
        statement.id
        for statement in bundled.all_statements()
        for evidence in statement.evidence
        if statement.text not in evidence.text
    ]
    assert outside == []


@ALL_FORUMS
def test_every_bundled_passage_names_its_speaker_or_title(bundled: Forum) -> None:
    """A speaker's passages hold their name, a role's its title."""
    for speaker in bundled.speakers:
        for evidence in speaker.evidence:
            assert speaker.name in evidence.text, speaker.id
        for role in speaker.roles:
            for evidence in role.evidence:
                assert role.title in evidence.text, (speaker.id, role.title)


@ALL_FORUMS
def test_every_bundled_forum_is_of_the_series(bundled: Forum) -> None:
    """Each bundled forum is an edition of the same series, with its topics documented."""
    assert bundled.series == "International AI Cooperation and Governance Forum"
    assert {t for s in bundled.all_statements() for t in s.topics} <= set(TOPICS)


@EXCERPTED_FORUMS
def test_an_excerpted_forums_file_is_canonical_json(
    file_name: str, load: Callable[[], Forum]
) -> None:
    """The shipped file is what dump() writes, in the current schema version."""
    shipped = resources.files("aigov.datasets").joinpath(file_name)
    text = shipped.read_text(encoding="utf-8")
    assert text == aigov.to_json(load(), indent=2) + "\n"
    assert json.loads(text)["schema_version"] == aigov.SCHEMA_VERSION


@EXCERPTED_FORUMS
def test_an_excerpted_forum_ships_no_report_text(
    file_name: str, load: Callable[[], Forum]
) -> None:
    """The report's text is not shipped: evidence is short passages, without offsets."""
    forum = load()
    assert {source.text for source in forum.sources} == {None}
    source_ids = {source.id for source in forum.sources}
    passages = [e for _, item in evidenced(forum) for e in item.evidence]
    assert passages, file_name
    for evidence in passages:
        assert evidence.start is None, evidence
        assert evidence.source_id in source_ids, evidence
        # One sentence at most: no sentence break inside a passage.
        assert ". " not in evidence.text.rstrip("."), evidence


@ALL_FORUMS
def test_every_bundled_source_says_where_it_is_from(bundled: Forum) -> None:
    """Each source has its address, title and publisher."""
    for source in bundled.sources:
        assert source.url is not None, source.id
        assert source.url.startswith(("http://", "https://")), source.id
        assert source.title, source.id
        assert source.publisher, source.id


@EXCERPTED_FORUMS
def test_an_excerpted_forums_additions_are_its_sources_titles_or_publishers(
    file_name: str, load: Callable[[], Forum]
) -> None:
    """Each listed addition is a title or publisher of the forum's sources."""
    forum = load()
    key = file_name.removesuffix(".json").replace("-", "_")
    given = {s.title for s in forum.sources} | {s.publisher for s in forum.sources}
    for text, reason in ADDITIONS[key].items():
        assert text in given, text
        assert reason.strip(), text


@EXCERPTED_FORUMS
def test_an_excerpted_forum_is_loaded_once(
    file_name: str, load: Callable[[], Forum]
) -> None:
    """Repeated calls return the same immutable object."""
    assert load() is load(), file_name


def test_the_corpus_holds_every_bundled_forum_in_date_order() -> None:
    """corpus() returns all four bundled forums, earliest first."""
    forums = aigov.datasets.corpus().forums
    assert [f.start_date for f in forums] == [
        datetime.date(2020, 12, 18),
        datetime.date(2021, 12, 4),
        datetime.date(2022, 12, 9),
        datetime.date(2024, 12, 2),
    ]
    assert forums[1] is tsinghua_2021()
    assert len({f.id for f in forums}) == len(forums)


def test_people_recur_across_bundled_forums() -> None:
    """Five people named in 2020 are named in 2021 too, and Yang Bin again in 2024."""
    names: dict[str, set[str]] = {}
    for forum in aigov.datasets.corpus().forums:
        for speaker in forum.speakers:
            names.setdefault(speaker.name, set()).add(str(forum.start_date)[:4])
    recurring = {name: years for name, years in names.items() if len(years) > 1}
    assert recurring == {
        "Qiu Yong": {"2020", "2021"},
        "Beate Trankmann": {"2020", "2021"},
        "Yang Bin": {"2020", "2021", "2024"},
        "Xue Lan": {"2020", "2021"},
        "Andrew Chi-Chih Yao": {"2020", "2021"},
    }


def test_the_2020_forum_as_its_report_and_programme_give_it() -> None:
    """Hosted by the I-AIIG with the UNDP's support; two sessions from the programme."""
    forum = aigov.datasets.tsinghua_2020()
    assert [org(forum, i).abbreviation for i in forum.host_ids] == ["I-AIIG"]
    assert [org(forum, i).abbreviation for i in forum.supporter_ids] == ["UNDP"]
    opening, plenary = forum.sessions
    assert opening.participants == (
        Participant(speaker_id="yang-bin", part=Part.HOST),
        Participant(speaker_id="qiu-yong", part=Part.SPEAKER),
        Participant(speaker_id="beate-trankmann", part=Part.SPEAKER),
        Participant(speaker_id="wang-qinmin", part=Part.SPEAKER),
        *(
            Participant(speaker_id=speaker_id, part=Part.KEYNOTE)
            for speaker_id in (
                "fabrizio-hochschild",
                "zhao-houlin",
                "xu-jing",
                "wang-xiaolong",
                "zhu-xiumei",
            )
        ),
    )
    assert plenary.participants[0] == Participant(speaker_id="xue-lan", part=Part.HOST)
    assert plenary.partial == ("participants",)
    assert forum.partial == ("speakers",)
    assert roles_of(forum, "wang-qinmin") == [
        (
            "Vice-chairman of the 12th CPPCC National Committee",
            "CPPCC National Committee",
        ),
        ("Director", "National Committee of E-government Experts"),
    ]
    assert [source.title for source in forum.sources][1:] == ["Agenda"]


def test_the_2022_forum_as_its_page_gives_it() -> None:
    """Online on 9-10 December, hosted by Tsinghua, with nineteen supporting partners."""
    forum = aigov.datasets.tsinghua_2022()
    assert forum.end_date == datetime.date(2022, 12, 10)
    assert forum.location == "Online"
    assert [org(forum, i).name for i in forum.host_ids] == ["Tsinghua University"]
    assert len(forum.supporter_ids) == 19
    assert "i-aiig" not in forum.supporter_ids
    assert forum.speakers == ()


def test_the_2024_forum_as_its_report_gives_it() -> None:
    """Three hosts, more than 60 people, and an opening ceremony chaired by Chesterman."""
    forum = aigov.datasets.tsinghua_2024()
    assert [org(forum, i).abbreviation for i in forum.host_ids] == [
        None,
        "NUS",
        "HKUST",
    ]
    assert forum.attendance == Count(value=60, relation=CountRelation.MORE_THAN)
    (opening,) = forum.sessions
    assert opening.participants[0] == Participant(
        speaker_id="simon-chesterman", part=Part.CHAIR
    )
    assert [(s.speaker_id, s.verb) for s in opening.statements] == [
        ("simon-chesterman", "noted"),
        ("yang-bin", "said"),
    ]
    assert forum.sources[0].published == datetime.date(2024, 12, 6)
