"""schema.org JSON-LD export, checked offline against the vendored release 30.0.

Documents are expanded with pyld through a document loader that serves only
the vendored schema.org context, so nothing is fetched.  The context sets
``@vocab``, so a misspelt term still expands to a schema.org IRI: every
expanded predicate and type is therefore checked against the release's own
lists of properties and types.
"""

from __future__ import annotations

import csv
import datetime
import functools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pyld import jsonld as pyld

import aigov
from aigov import datasets, jsonld, strategies
from aigov.exceptions import ArgumentTypeError

SCHEMAORG = Path(__file__).parent / "data" / "standards" / "schemaorg"
SCHEMA = "http://schema.org/"
SCHEMA_HTTPS = "https://schema.org/"
#: The addresses under which the loader serves the vendored context.
CONTEXT_URLS = frozenset(
    {
        "http://schema.org",
        "http://schema.org/",
        "https://schema.org",
        "https://schema.org/",
    }
)

Json = Any


class FetchRefusedError(Exception):
    """The tests asked for a document other than the vendored context."""


@functools.cache
def vendored_context() -> Json:
    with (SCHEMAORG / "schemaorgcontext.jsonld").open(encoding="utf-8") as stream:
        return json.load(stream)


def offline_loader(url: str, options: object = None) -> dict[str, Json]:
    """Serve the vendored schema.org context, and nothing else."""
    del options
    if url not in CONTEXT_URLS:
        msg = f"the tests fetch nothing, not even {url}"
        raise FetchRefusedError(msg)
    return {"contextUrl": None, "documentUrl": url, "document": vendored_context()}


def expand(document: Json) -> list[Json]:
    result: list[Json] = pyld.expand(document, {"documentLoader": offline_loader})
    return result


def flatten(document: Json) -> list[Json]:
    """Every node of *document*, each once, with what is said of it merged."""
    result: list[Json] = pyld.flatten(
        document, None, {"documentLoader": offline_loader}
    )
    return result


@functools.cache
def release_terms(kind: str) -> frozenset[str]:
    """The IRIs (``https://schema.org/X``) of every type or property of release 30.0."""
    path = SCHEMAORG / f"schemaorg-current-https-{kind}.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        return frozenset(row["id"] for row in csv.DictReader(stream))


def is_release_term(iri: str, kind: str) -> bool:
    # The context's vocabulary is http://schema.org/, the lists use https.
    if iri.startswith(SCHEMA):
        iri = SCHEMA_HTTPS + iri.removeprefix(SCHEMA)
    return iri in release_terms(kind)


def unknown_terms(expanded: Json, where: str = "") -> list[str]:
    """Every predicate, type and datatype of *expanded* that release 30.0 lacks."""
    if isinstance(expanded, list):
        return [
            problem
            for index, item in enumerate(expanded)
            for problem in unknown_terms(item, f"{where}[{index}]")
        ]
    if not isinstance(expanded, dict):
        return []
    if "@value" in expanded:
        datatype = expanded.get("@type")
        if datatype is not None and not is_release_term(datatype, "types"):
            return [f"{where}: datatype {datatype}"]
        return []
    problems: list[str] = []
    for key, item in expanded.items():
        if key == "@type":
            problems.extend(
                f"{where}: type {type_}"
                for type_ in item
                if not is_release_term(type_, "types")
            )
        elif key.startswith("@"):
            problems.extend(keyword_problems(key, item, where))
        else:
            if not is_release_term(key, "properties"):
                problems.append(f"{where}: property {key}")
            problems.extend(unknown_terms(item, f"{where}.{key}"))
    return problems


def keyword_problems(key: str, item: Json, where: str) -> list[str]:
    """What a JSON-LD keyword of a node holds that release 30.0 lacks."""
    if key in {"@graph", "@list", "@set"}:
        return unknown_terms(item, f"{where}.{key}")
    if key in {"@id", "@language"}:
        return []
    # Nothing aigov writes expands to another keyword (@reverse, @included).
    return [f"{where}: keyword {key}"]


def nodes(expanded: Json) -> Iterator[dict[str, Json]]:
    """Every node object of *expanded*, however deeply nested."""
    if isinstance(expanded, list):
        for item in expanded:
            yield from nodes(item)
    elif isinstance(expanded, dict) and "@value" not in expanded:
        yield expanded
        for key, item in expanded.items():
            if key != "@type":
                yield from nodes(item)


def of_type(flat: list[Json], type_: str) -> list[dict[str, Json]]:
    return [node for node in flat if SCHEMA + type_ in node.get("@type", ())]


def by_id(flat: list[Json]) -> dict[str, dict[str, Json]]:
    return {node["@id"]: node for node in flat}


def values(node: dict[str, Json], prop: str) -> list[Json]:
    """The plain values of *prop* on *node* (ids for references)."""
    found = node.get(SCHEMA + prop, [])
    return [item.get("@value", item.get("@id")) for item in found]


# --- a small forum with every kind of thing ------------------------------------

REPORT = aigov.Source(
    title="Forum report",
    id="report",
    url="https://example.org/report",
    publisher="Example News",
    published=aigov.PartialDate(year=2025, month=11),
    text="Li Meng said: privacy matters. Experts stressed cooperation.",
)
FORUM = aigov.Forum(
    name="Quote Forum",
    id="quote-forum",
    start_date=aigov.PartialDate(year=2025, month=11),
    end_date=datetime.date(2025, 11, 30),
    location="Beijing",
    host_ids=("tsinghua",),
    supporter_ids=("undp",),
    series="Quote Forum series",
    organizations=(
        aigov.Organization(
            name="Tsinghua University",
            id="tsinghua",
            kind=aigov.OrganizationKind.UNIVERSITY,
            country="CN",
            abbreviation="THU",
            names=(aigov.Name(text="清华大学", lang="zh-Hans"),),
            identifiers=(aigov.Identifier(scheme="wikidata", value="Q16955"),),
        ),
        aigov.Organization(
            name="School of Law",
            id="law",
            kind=aigov.OrganizationKind.UNIVERSITY,
            parent_id="tsinghua",
        ),
        aigov.Organization(
            name="United Nations Development Programme",
            id="undp",
            kind=aigov.OrganizationKind.INTERGOVERNMENTAL,
        ),
    ),
    speakers=(
        aigov.Speaker(
            name="Li Meng",
            id="li-meng",
            country="CN",
            roles=(
                aigov.Role(title="dean", organization_id="law"),
                aigov.Role(title="Turing Award winner"),
            ),
            names=(aigov.Name(text="李萌", lang="zh"),),
            aliases=("Professor Li",),
            identifiers=(
                aigov.Identifier(scheme="wikidata", value="Q42"),
                aigov.Identifier(scheme="staff-number", value="1234"),
            ),
        ),
        aigov.Speaker(name="industry experts", kind=aigov.SpeakerKind.GROUP),
    ),
    sessions=(
        aigov.Session(
            title="Opening",
            id="opening",
            kind=aigov.SessionKind.OPENING_CEREMONY,
            date=datetime.date(2025, 11, 29),
            participants=(
                aigov.Participant(speaker_id="li-meng", part=aigov.Part.CHAIR),
                aigov.Participant(speaker_id="industry-experts", part=aigov.Part.GUEST),
            ),
            statements=(
                aigov.Statement(
                    speaker_id="li-meng",
                    id="quote",
                    text="privacy matters",
                    kind=aigov.StatementKind.QUOTE,
                    topics=("privacy",),
                    evidence=(
                        aigov.Evidence(
                            source_id="report", start=14, end=29, text="privacy matters"
                        ),
                    ),
                ),
                aigov.Statement(
                    speaker_id="industry-experts",
                    id="paraphrase",
                    text="cooperation",
                    verb="stressed",
                    topics=("cooperation",),
                ),
            ),
        ),
    ),
    sources=(REPORT,),
)


# --- the checks themselves --------------------------------------------------------


@pytest.mark.parametrize("url", sorted(CONTEXT_URLS))
def test_loader_serves_the_vendored_context_at_every_schema_org_address(
    url: str,
) -> None:
    """Both schemes, with and without the slash, give the release's context."""
    expanded = expand({"@context": url, "@type": "Event", "name": "x"})
    assert expanded[0]["@type"] == [SCHEMA + "Event"]


def test_loader_fetches_nothing_else() -> None:
    """A context at any other address fails instead of being fetched."""
    with pytest.raises(pyld.JsonLdError) as info:
        expand({"@context": "https://example.org/context.jsonld", "name": "x"})
    assert "example.org" in str(info.value)


def test_checker_catches_a_misspelt_property() -> None:
    """``startdate`` expands (the context has a vocabulary) but is no property."""
    expanded = expand(
        {"@context": jsonld.CONTEXT, "@type": "Event", "startdate": "2025", "name": "x"}
    )
    assert unknown_terms(expanded) == ["[0]: property http://schema.org/startdate"]


def test_checker_catches_a_misspelt_type() -> None:
    """A type the release does not define is reported, nested or not."""
    expanded = expand(
        {
            "@context": jsonld.CONTEXT,
            "@type": "Event",
            "location": {"@type": "Plaec", "name": "x"},
        }
    )
    problems = unknown_terms(expanded)
    assert problems == [
        "[0].http://schema.org/location[0]: type http://schema.org/Plaec"
    ]


def test_checker_accepts_what_the_release_defines() -> None:
    """Correct terms, https spellings and typed dates give no problems."""
    expanded = expand(
        {
            "@context": jsonld.CONTEXT,
            "@type": "Event",
            "startDate": "2025-11",
            "https://schema.org/name": "x",
        }
    )
    assert unknown_terms(expanded) == []


def test_bundled_corpus_uses_only_schema_org_terms() -> None:
    """Every predicate and type of the bundled corpus's document is in release 30.0."""
    expanded = expand(jsonld.to_jsonld(datasets.corpus()))
    assert len(list(nodes(expanded))) > len(datasets.corpus().forums)
    assert unknown_terms(expanded) == []


def test_full_forum_uses_only_schema_org_terms() -> None:
    """A forum with every kind of object still uses only release 30.0 terms."""
    assert unknown_terms(expand(jsonld.to_jsonld(FORUM))) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.forums())
def test_generated_forums_use_only_schema_org_terms(forum: aigov.Forum) -> None:
    """Whatever a valid forum holds, its document uses only release 30.0 terms."""
    assert unknown_terms(expand(jsonld.to_jsonld(forum))) == []


def google_event_problems(forum: aigov.Forum, expanded: list[Json]) -> list[str]:
    """Where the document lacks Google's required event properties the forum has."""
    events = {node["@id"]: node for node in nodes(expanded) if "@id" in node}
    problems: list[str] = []
    wanted = [(forum.id, "forum", forum.start_date, forum.name)] + [
        (session.id, "session", session.date, session.title)
        for session in forum.sessions
    ]
    for object_id, kind, date, name in wanted:
        node_id = (
            jsonld_node_id("forum", forum.id)
            if kind == "forum"
            else jsonld_node_id("session", forum.id, object_id)
        )
        event = events[node_id]
        if values(event, "name") != [name]:
            problems.append(f"{kind} {object_id}: name")
        expected_date = [] if date is None else [date.isoformat()]
        if values(event, "startDate") != expected_date:
            problems.append(f"{kind} {object_id}: startDate")
        places = event.get(SCHEMA + "location", [])
        place_names = [values(place, "name") for place in places]
        if place_names != ([] if forum.location is None else [[forum.location]]):
            problems.append(f"{kind} {object_id}: location")
    return problems


def jsonld_node_id(kind: str, *parts: str) -> str:
    from aigov._formats._jsonld import node_id  # noqa: PLC0415 - the documented rule

    return node_id(kind, *parts)


def test_bundled_forums_have_google_event_properties() -> None:
    """Each bundled forum and session has name, and startDate and location where known."""
    for forum in datasets.corpus():
        expanded = expand(jsonld.to_jsonld(forum))
        assert google_event_problems(forum, expanded) == [], forum.id


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.forums())
def test_generated_forums_have_google_event_properties(forum: aigov.Forum) -> None:
    """name, startDate and location are there exactly where the forum has them."""
    assert google_event_problems(forum, expand(jsonld.to_jsonld(forum))) == []


def test_partial_dates_are_schema_org_dates_of_reduced_precision() -> None:
    """A month-only start date is the Date ``2025-11``; a full end date stays full."""
    event = expand(jsonld.to_jsonld(FORUM))[0]
    assert event[SCHEMA + "startDate"] == [
        {"@type": SCHEMA + "Date", "@value": "2025-11"}
    ]
    assert event[SCHEMA + "endDate"] == [
        {"@type": SCHEMA + "Date", "@value": "2025-11-30"}
    ]


def test_quote_is_a_quotation_with_its_text_and_creator() -> None:
    """The quote's node holds its words, and its creator is the speaker's node."""
    flat = flatten(jsonld.to_jsonld(FORUM))
    [quotation] = of_type(flat, "Quotation")
    assert values(quotation, "text") == ["privacy matters"]
    [creator_id] = values(quotation, "creator")
    creator = by_id(flat)[creator_id]
    assert creator["@type"] == [SCHEMA + "Person"]
    assert values(creator, "name") == ["Li Meng"]


def test_paraphrase_is_a_creative_work_not_a_quotation() -> None:
    """Reported speech is a CreativeWork, created by the group that said it."""
    flat = flatten(jsonld.to_jsonld(FORUM))
    [work] = of_type(flat, "CreativeWork")
    assert values(work, "text") == ["cooperation"]
    creator = by_id(flat)[values(work, "creator")[0]]
    assert values(creator, "name") == ["industry experts"]
    assert creator["@type"] == [SCHEMA + "Organization"]


def test_statements_carry_topics_order_and_source() -> None:
    """Topics are keywords, position is the order in the session, the source a Report."""
    flat = flatten(jsonld.to_jsonld(FORUM))
    [quotation] = of_type(flat, "Quotation")
    [work] = of_type(flat, "CreativeWork")
    assert values(quotation, "keywords") == ["privacy"]
    assert (values(quotation, "position"), values(work, "position")) == ([1], [2])
    [report] = [by_id(flat)[i] for i in values(quotation, "isBasedOn")]
    assert report["@type"] == [SCHEMA + "Report"]
    assert values(report, "url") == ["https://example.org/report"]
    assert values(report, "datePublished") == ["2025-11"]
    assert values(work, "isBasedOn") == []


def test_each_speaker_and_organization_is_one_node() -> None:
    """References from sessions, statements and roles all reach the same nodes."""
    flat = flatten(jsonld.to_jsonld(FORUM))
    assert len(of_type(flat, "Person")) == 1
    organization_types = {
        SCHEMA + type_ for type_ in ("Organization", "CollegeOrUniversity")
    }
    organizations = [node for node in flat if organization_types & {*node["@type"]}]
    # Three organisations and the group of experts.
    assert len(organizations) == len(FORUM.organizations) + 1


def test_people_have_affiliations_awards_and_names() -> None:
    """A role in an organisation is an OrganizationRole; one outside any, an award."""
    flat = flatten(jsonld.to_jsonld(FORUM))
    nodes_by_id = by_id(flat)
    [person] = of_type(flat, "Person")
    assert values(person, "award") == ["Turing Award winner"]
    [role] = [nodes_by_id[i] for i in values(person, "affiliation")]
    assert role["@type"] == [SCHEMA + "OrganizationRole"]
    assert values(role, "roleName") == ["dean"]
    [school] = [nodes_by_id[i] for i in values(role, "affiliation")]
    assert values(school, "name") == ["School of Law"]
    [university] = [nodes_by_id[i] for i in values(school, "parentOrganization")]
    assert values(university, "name") == ["Tsinghua University"]
    [address] = [nodes_by_id[i] for i in values(university, "address")]
    assert values(address, "addressCountry") == ["CN"]
    [nationality] = [nodes_by_id[i] for i in values(person, "nationality")]
    assert values(nationality, "name") == ["China"]


def test_language_tagged_names_keep_their_language() -> None:
    """Names in other scripts are language-tagged strings beside untagged aliases."""
    flat = flatten(jsonld.to_jsonld(FORUM))
    [person] = of_type(flat, "Person")
    names = {
        (item["@value"], item.get("@language"))
        for item in person[SCHEMA + "alternateName"]
    }
    # pyld writes language tags in lower case; they compare without case.
    assert names == {("Professor Li", None), ("李萌", "zh")}
    [university] = [
        node
        for node in of_type(flat, "CollegeOrUniversity")
        if values(node, "name") == ["Tsinghua University"]
    ]
    tagged = {
        (item["@value"], item.get("@language", "").lower())
        for item in university[SCHEMA + "alternateName"]
    }
    # The abbreviation is an untagged alternate name too.
    assert tagged == {("THU", ""), ("清华大学", "zh-hans")}


def test_identifiers_give_same_as_addresses_and_property_values() -> None:
    """A Wikidata id is a sameAs address; every identifier is a PropertyValue."""
    flat = flatten(jsonld.to_jsonld(FORUM))
    nodes_by_id = by_id(flat)
    [person] = of_type(flat, "Person")
    assert values(person, "sameAs") == ["https://www.wikidata.org/wiki/Q42"]
    pairs = {
        (values(node, "propertyID")[0], values(node, "value")[0])
        for node in (nodes_by_id[i] for i in values(person, "identifier"))
    }
    assert pairs == {("wikidata", "Q42"), ("staff-number", "1234")}


def test_hosts_organize_and_supporters_sponsor() -> None:
    """The forum's hosts are its organizers and its supporters its sponsors."""
    flat = flatten(jsonld.to_jsonld(FORUM))
    nodes_by_id = by_id(flat)
    [event] = [n for n in of_type(flat, "Event") if values(n, "subEvent")]
    [host] = [nodes_by_id[i] for i in values(event, "organizer")]
    [supporter] = [nodes_by_id[i] for i in values(event, "sponsor")]
    assert values(host, "name") == ["Tsinghua University"]
    assert values(supporter, "name") == ["United Nations Development Programme"]
    [series] = [nodes_by_id[i] for i in values(event, "superEvent")]
    assert series["@type"] == [SCHEMA + "EventSeries"]


def test_participants_keep_their_part_as_a_role_name() -> None:
    """A chair performs the session, a guest attends it; each part is a roleName."""
    flat = flatten(jsonld.to_jsonld(FORUM))
    nodes_by_id = by_id(flat)
    [session] = [n for n in of_type(flat, "Event") if values(n, "recordedIn")]
    [performing] = [nodes_by_id[i] for i in values(session, "performer")]
    [attending] = [nodes_by_id[i] for i in values(session, "attendee")]
    assert performing["@type"] == [SCHEMA + "PerformanceRole"]
    assert values(performing, "roleName") == ["chair"]
    chair = nodes_by_id[values(performing, "performer")[0]]
    assert values(chair, "name") == ["Li Meng"]
    assert values(attending, "roleName") == ["guest"]
    guest = nodes_by_id[values(attending, "attendee")[0]]
    assert values(guest, "name") == ["industry experts"]


def test_corpus_is_a_graph_of_one_event_per_forum() -> None:
    """A corpus gives a ``@graph`` with each forum's Event, in corpus order."""
    corpus = datasets.corpus()
    document = jsonld.to_jsonld(corpus)
    assert document["@context"] == jsonld.CONTEXT
    assert [event["name"] for event in document["@graph"]] == [
        forum.name for forum in corpus
    ]


def test_forums_of_a_corpus_never_share_speaker_nodes() -> None:
    """Speakers with the same id in two forums are two nodes: ids are per forum."""
    other = aigov.Forum(
        name="Other Forum",
        organizations=FORUM.organizations,
        speakers=FORUM.speakers,
        series=FORUM.series,
    )
    flat = flatten(jsonld.to_jsonld(aigov.Corpus(forums=(FORUM, other))))
    assert len(of_type(flat, "Person")) == 2
    # Both editions' events are there, and the series is named once.
    assert len(of_type(flat, "EventSeries")) == 1


@settings(max_examples=25, deadline=None)
@given(strategies.forums())
def test_generated_forums_describe_each_thing_once(forum: aigov.Forum) -> None:
    """However often a speaker or organisation is mentioned, its details appear once."""
    flat = flatten(jsonld.to_jsonld(forum))
    persons = [s for s in forum.speakers if s.kind is aigov.SpeakerKind.PERSON]
    assert len(of_type(flat, "Person")) == len(persons)
    # Repeated descriptions would give a node several anonymous addresses.
    assert all(len(node.get(SCHEMA + "address", [])) <= 1 for node in flat)


def test_source_url_that_is_not_an_address_is_left_out() -> None:
    """Text in ``url`` would be read as an address relative to the page."""
    booklet = aigov.Source(title="Booklet", url="see the printed booklet")
    forum = aigov.Forum(name="Booklet Forum", sources=(booklet, REPORT))
    reports = jsonld.to_jsonld(forum)["subjectOf"]
    assert [report.get("url") for report in reports] == [
        None,
        "https://example.org/report",
    ]


_BLANK_NODE = re.compile(r"_:[a-z]+-(?:[a-z0-9-]*[a-z0-9]-)?[0-9a-f]{16}")


@settings(max_examples=25, deadline=None)
@given(strategies.forums())
def test_node_ids_are_plain_ascii_blank_node_labels(forum: aigov.Forum) -> None:
    """Every id is ``_:kind-slug-digest``, valid in JSON-LD, Turtle and N-Quads."""
    expanded = expand(jsonld.to_jsonld(forum))
    ids = [node["@id"] for node in nodes(expanded) if "@id" in node]
    bad = [id_ for id_ in ids if not _BLANK_NODE.fullmatch(id_)]
    assert bad == []


def test_same_document_in_every_process() -> None:
    """The document, node ids included, does not depend on the process's hash seed."""
    script = (
        "import json; from aigov import datasets, jsonld;"
        " print(json.dumps(jsonld.to_jsonld(datasets.corpus())))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {json.dumps(jsonld.to_jsonld(datasets.corpus())) + "\n"}


def test_each_call_returns_a_new_document() -> None:
    """Changing a returned document does not change the next one."""
    first = jsonld.to_jsonld(FORUM)
    first["subEvent"][0]["name"] = "changed"
    assert jsonld.to_jsonld(FORUM)["subEvent"][0]["name"] == "Opening"


def test_to_jsonld_refuses_what_is_neither_forum_nor_corpus() -> None:
    """A dict (say, a forum's JSON) is a TypeError naming what was given."""
    with pytest.raises(ArgumentTypeError, match="not dict"):
        jsonld.to_jsonld(aigov.to_dict(FORUM))  # type: ignore[arg-type]


def test_write_jsonld_writes_the_document(tmp_path: Path) -> None:
    """The file holds the document as UTF-8 JSON."""
    path = tmp_path / "forum.jsonld"
    jsonld.write_jsonld(FORUM, path)
    assert json.loads(path.read_text(encoding="utf-8")) == jsonld.to_jsonld(FORUM)


def test_write_jsonld_refuses_an_existing_file(tmp_path: Path) -> None:
    """Without overwrite, an existing file is an error and is left as it was."""
    path = tmp_path / "forum.jsonld"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        jsonld.write_jsonld(FORUM, path)
    assert path.read_text(encoding="utf-8") == "keep me"


def test_write_jsonld_overwrites_when_asked(tmp_path: Path) -> None:
    """With overwrite=True, the file is replaced by the new document."""
    path = tmp_path / "corpus.jsonld"
    path.write_text("old", encoding="utf-8")
    jsonld.write_jsonld(datasets.corpus(), path, overwrite=True)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document == jsonld.to_jsonld(datasets.corpus())


def test_write_jsonld_refuses_a_file_descriptor(tmp_path: Path) -> None:
    """An int is not taken for a file descriptor: it is a TypeError."""
    del tmp_path
    with pytest.raises(ArgumentTypeError):
        jsonld.write_jsonld(FORUM, 1)  # type: ignore[arg-type]
