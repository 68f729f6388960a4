import datetime
import json
from importlib import resources
from pathlib import Path

import pytest

import aigov
from aigov import Forum, OrganizationKind, SessionKind, StatementKind
from aigov.datasets import TOPICS, tsinghua_2021

# The source report the dataset encodes, as published (footer included).
REPORT = (Path(__file__).parent / "data" / "forum-2021-report.txt").read_text(
    encoding="utf-8"
)


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


def test_forum_facts(forum: Forum) -> None:
    """Date, host, supporter, attendance and source are as the report states."""
    assert forum.name == "2021 International AI Cooperation and Governance Forum"
    assert forum.start_date == datetime.date(2021, 12, 4)
    assert forum.end_date is None
    assert forum.location is None
    assert [org(forum, i).name for i in forum.host_ids] == ["Tsinghua University"]
    assert [org(forum, i).abbreviation for i in forum.supporter_ids] == ["UNDP"]
    assert forum.attendance == 70
    (source,) = forum.sources
    assert source.title == "Experts advocate international AI cooperation, governance"
    assert source.publisher == "e-works"


def test_the_fourteen_named_countries(forum: Forum) -> None:
    """The report names 14 participating countries, in this order."""
    assert forum.countries == (
        "CN", "US", "GB", "SA", "IT", "AU", "FR",
        "SG", "KR", "IN", "SE", "DK", "MY", "JP",
    )  # fmt: skip


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
        ("xu-haoliang", [("assistant secretary-general", "United Nations"), ("director", "Bureau for Policy and Programme Support")]),
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


def test_abbreviations_and_aliases(forum: Forum) -> None:
    """Standard abbreviations are set, and the report's own names are aliases."""
    abbreviations = {o.abbreviation for o in forum.organizations}
    assert abbreviations >= {"MOST", "MIIT", "MFA", "UNDP", "CPPCC", "I-AIIG", "WFEO"}
    assert "IIT" in org(forum, "miit").aliases
    assert "United Nations Development Program" in org(forum, "undp").aliases


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
    """One statement per reported remark, in order, with its verb, chaired by Yang Bin."""
    opening = forum.sessions[0]
    assert opening.kind is SessionKind.OPENING_CEREMONY
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


def test_topics_come_from_the_documented_vocabulary(forum: Forum) -> None:
    """Every tag is in TOPICS, and the remarks about privacy carry 'privacy'."""
    statements = forum.sessions[0].statements
    used = {t for s in statements for t in s.topics}
    assert used <= set(TOPICS)
    privacy = [s.speaker_id for s in statements if "privacy" in s.topics]
    assert privacy == ["qiu-yong", "andrew-chi-chih-yao"]


def test_plenary_session(forum: Forum) -> None:
    """The plenary has the report's exact title and its five keynote speakers."""
    plenary = forum.sessions[1]
    assert plenary.kind is SessionKind.PLENARY
    assert (
        plenary.title == "How to build a Balanced and Inclusive AI Governance Framework"
    )
    assert plenary.speaker_ids == (
        "xue-lan",
        "gong-ke",
        "xu-haoliang",
        "wendell-wallach",
        "su-jun",
    )
    assert plenary.statements == ()


def test_the_forum_is_loaded_once(forum: Forum) -> None:
    """Repeated calls return the same immutable object."""
    assert tsinghua_2021() is forum


def test_the_report_footer_is_not_data(forum: Forum) -> None:
    """Nothing from the page footer (contact lines, links) made it into the forum."""
    text = json.dumps(aigov.to_dict(forum))
    for footer in ("Most Viewed", "Wuhan", "ThingWorx", "0086-27"):
        assert footer not in text
