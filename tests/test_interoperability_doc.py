"""The mapping table of docs/interoperability.rst stays true to the model and the code.

The table is read from the page itself: a field added to the model without a
row, a row left behind by a removed field, a Popolo key or schema.org term
that the exporters do not write, or a field said not to be carried in
JSON-LD that the JSON-LD export does carry makes these tests fail.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import aigov
from aigov import jsonld, popolo
from aigov._model import MODEL_CLASSES

PAGE = Path(__file__).parent.parent / "docs" / "interoperability.rst"

#: Every class the table describes: the model's classes, and PartialDate,
#: which documents write as a string but which is a class with fields.
CLASSES: tuple[type, ...] = (*MODEL_CLASSES, aigov.PartialDate)

#: A literal in a cell that names a key, a type or a value of a document:
#: ``aigov.host_ids`` is the key ``host_ids`` inside the key ``aigov``.
_TERM = re.compile(r"``([A-Za-z_@][\w@]*(?:\.[\w@]+)*)``")


def mapping_rows() -> list[list[str]]:
    """The rows of the table in "The mapping", header first, each a list of cells."""
    text = PAGE.read_text(encoding="utf-8")
    section = text.split("\nThe mapping\n", 1)[1].split("\nWhat Popolo cannot", 1)[0]
    rows: list[list[str]] = []
    for line in section.splitlines():
        if line.startswith("   * - "):
            rows.append([line.removeprefix("   * - ")])
        elif line.startswith("     - "):
            rows[-1].append(line.removeprefix("     - "))
        elif line.startswith("       ") and rows:
            rows[-1][-1] += " " + line.strip()
    return rows


def mapping() -> dict[str, tuple[str, str]]:
    """The table's rows by what they describe (``"Forum.name"``): (Popolo, schema.org)."""
    found: dict[str, tuple[str, str]] = {}
    for cells in mapping_rows()[1:]:
        assert len(cells) == 3, cells
        subject, popolo_cell, jsonld_cell = cells
        assert subject.startswith("``"), subject
        assert subject.endswith("``"), subject
        key = subject.strip("`")
        assert key not in found, f"{key} has two rows"
        found[key] = (popolo_cell, jsonld_cell)
    return found


def model_fields() -> set[str]:
    return {
        f"{cls.__name__}.{field.name}" for cls in CLASSES for field in attrs.fields(cls)
    }


def test_every_model_field_has_a_row() -> None:
    """Each field of every model class is a row of the table: the page cannot fall behind."""
    missing = model_fields() - set(mapping())
    assert not missing, f"docs/interoperability.rst has no row for {sorted(missing)}"


def test_every_model_class_has_a_row() -> None:
    """Each model class has a row saying what the whole object becomes."""
    missing = {cls.__name__ for cls in CLASSES} - set(mapping())
    assert not missing


def test_every_row_is_a_model_class_or_field() -> None:
    """No row describes a field or class the model does not have (renamed or removed)."""
    known = model_fields() | {cls.__name__ for cls in CLASSES}
    assert set(mapping()) <= known, sorted(set(mapping()) - known)


def test_the_table_has_the_header_the_page_explains() -> None:
    """The columns are aigov, Popolo and schema.org, in that order."""
    assert mapping_rows()[0] == ["aigov", "Popolo", "schema.org JSON-LD"]


def test_every_row_says_something_for_both_formats() -> None:
    """No cell is empty: each field is placed, or said not to be carried."""
    for key, cells in mapping().items():
        assert all(cell.strip() for cell in cells), key


def _evidence(text: str) -> tuple[aigov.Evidence, ...]:
    start = SOURCE_TEXT.index(text)
    return (
        aigov.Evidence(
            source_id="report", start=start, end=start + len(text), text=text
        ),
    )


SOURCE_TEXT = "Li Meng said privacy matters. Tsinghua hosted. Russia spoke."

#: A forum with every field of every class set, and every kind of
#: organisation that has its own schema.org type: whatever the table names
#: must then be somewhere in its documents.
FULL = aigov.Forum(
    name="Full Forum",
    id="full",
    start_date=aigov.PartialDate(year=2025, month=11),
    end_date=datetime.date(2025, 11, 30),
    location="Beijing",
    host_ids=("thu", "gov"),
    supporter_ids=("institute", "ngo", "company", "un"),
    countries=("CN", "SG"),
    attendance=aigov.Count(value=70, relation=aigov.CountRelation.MORE_THAN),
    organizations=(
        aigov.Organization(
            name="Tsinghua University",
            id="thu",
            kind=aigov.OrganizationKind.UNIVERSITY,
            country="CN",
            abbreviation="THU",
            aliases=("Qinghua",),
            identifiers=(
                aigov.Identifier(scheme="wikidata", value="Q16955"),
                aigov.Identifier(scheme="ror", value="03cve4549"),
            ),
            names=(aigov.Name(text="清华大学", lang="zh-Hans"),),
            evidence=_evidence("Tsinghua"),
        ),
        aigov.Organization(
            name="School of Law",
            id="law",
            kind=aigov.OrganizationKind.UNIVERSITY,
            parent_id="thu",
        ),
        aigov.Organization(
            name="Ministry", id="gov", kind=aigov.OrganizationKind.MINISTRY
        ),
        aigov.Organization(
            name="Institute", id="institute", kind=aigov.OrganizationKind.INSTITUTE
        ),
        aigov.Organization(name="NGO", id="ngo", kind=aigov.OrganizationKind.NGO),
        aigov.Organization(
            name="Company", id="company", kind=aigov.OrganizationKind.COMPANY
        ),
        aigov.Organization(
            name="United Nations",
            id="un",
            kind=aigov.OrganizationKind.INTERGOVERNMENTAL,
        ),
    ),
    speakers=(
        aigov.Speaker(
            name="Li Meng",
            id="li-meng",
            country="CN",
            aliases=("Professor Li",),
            roles=(
                aigov.Role(
                    title="dean",
                    organization_id="law",
                    country="CN",
                    evidence=_evidence("Li Meng"),
                ),
                aigov.Role(title="Turing Award winner", country="GB"),
            ),
            identifiers=(
                aigov.Identifier(scheme="wikidata", value="Q42"),
                aigov.Identifier(scheme="orcid", value="0000-0002-1825-0097"),
            ),
            names=(aigov.Name(text="李萌", lang="zh"),),
            evidence=_evidence("Li Meng"),
        ),
        aigov.Speaker(
            name="Russia",
            id="russia",
            kind=aigov.SpeakerKind.DELEGATION,
            country="RU",
            roles=(aigov.Role(title="member state", organization_id="un"),),
        ),
    ),
    sessions=(
        aigov.Session(
            title="Opening",
            id="opening",
            kind=aigov.SessionKind.OPENING_CEREMONY,
            participants=(
                aigov.Participant(speaker_id="li-meng", part=aigov.Part.CHAIR),
                aigov.Participant(speaker_id="russia", part=aigov.Part.GUEST),
            ),
            statements=(
                aigov.Statement(
                    speaker_id="li-meng",
                    id="quote",
                    text="privacy matters",
                    verb="said",
                    kind=aigov.StatementKind.QUOTE,
                    topics=("privacy",),
                    evidence=_evidence("privacy matters"),
                ),
                aigov.Statement(speaker_id="russia", id="paraphrase", text="spoke"),
            ),
            date=datetime.date(2025, 11, 29),
            partial=("participants",),
            evidence=_evidence("Tsinghua hosted"),
        ),
    ),
    sources=(
        aigov.Source(
            title="Report",
            id="report",
            url="https://example.org/report",
            publisher="Xinhua",
            published=aigov.PartialDate(year=2025),
            text=SOURCE_TEXT,
        ),
    ),
    series="Full series",
    partial=("countries",),
)


def words_of(value: object) -> Iterator[str]:
    """Every key and every string value anywhere in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from words_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from words_of(item)
    elif isinstance(value, str):
        yield value


def terms_named(column: int) -> dict[str, str]:
    """Each word named in a column (0 Popolo, 1 schema.org), with the row naming it."""
    named: dict[str, str] = {}
    for key, cells in mapping().items():
        for term in _TERM.findall(cells[column]):
            for part in term.split("."):
                # JSON's null is a value, not a word of the document.
                if part != "null":
                    named.setdefault(part, key)
    return named


def fields_set_in(obj: object, found: set[str]) -> set[str]:
    """The fields (``"Role.country"``) that are not None or empty in *obj* or inside it."""
    cls = type(obj)
    if attrs.has(cls):
        for field in attrs.fields(cls):
            value = getattr(obj, field.name)
            if value is not None and value != ():
                found.add(f"{cls.__name__}.{field.name}")
            for item in value if isinstance(value, tuple) else (value,):
                fields_set_in(item, found)
    return found


def test_the_full_forum_sets_every_field() -> None:
    """The forum the term checks use sets every field of the model somewhere."""
    assert fields_set_in(FULL, set()) == model_fields()


def test_popolo_keys_in_the_table_are_written() -> None:
    """Every Popolo key the table names is a key or value of the forum's Popolo export."""
    written = set(words_of(popolo.to_popolo(FULL)))
    missing = {term: row for term, row in terms_named(0).items() if term not in written}
    assert not missing


def test_schema_org_terms_in_the_table_are_written() -> None:
    """Every schema.org term the table names is in the forum's JSON-LD, alone or in a corpus."""
    written = set(words_of(jsonld.to_jsonld(FULL)))
    written |= set(words_of(jsonld.to_jsonld(aigov.Corpus(forums=(FULL,)))))
    missing = {term: row for term, row in terms_named(1).items() if term not in written}
    assert not missing


def rebuilt(obj: Any, change: Callable[[Any], Any]) -> Any:  # noqa: ANN401 - any model value
    """*obj* rebuilt from the inside out, with *change* applied to every model object."""
    if isinstance(obj, tuple):
        return tuple(rebuilt(item, change) for item in obj)
    cls = type(obj)
    if not attrs.has(cls):
        return obj
    fields = {f.name: rebuilt(getattr(obj, f.name), change) for f in attrs.fields(cls)}
    return change(attrs.evolve(obj, **fields))


def changing(cls: type, **changes: object) -> Callable[[aigov.Forum], aigov.Forum]:
    """A change of FULL: every object of *cls* in it gets *changes*."""

    def change(obj: object) -> object:
        return attrs.evolve(obj, **changes) if isinstance(obj, cls) else obj  # type: ignore[misc]

    return lambda forum: rebuilt(forum, change)


#: Words in front of the source's text: every passage moves, its words do not.
_PREFIX = "From Xinhua: "


def _moved(obj: object) -> object:
    if isinstance(obj, aigov.Evidence):
        assert obj.start is not None
        assert obj.end is not None
        return attrs.evolve(
            obj, start=obj.start + len(_PREFIX), end=obj.end + len(_PREFIX)
        )
    if isinstance(obj, aigov.Source) and obj.text is not None:
        return attrs.evolve(obj, text=_PREFIX + obj.text)
    return obj


def _another_passage(obj: object) -> object:
    if isinstance(obj, aigov.Evidence) and obj.text == "privacy matters":
        start = SOURCE_TEXT.index("said privacy matters")
        return attrs.evolve(obj, start=start, text="said privacy matters")
    return obj


def move_passages(forum: aigov.Forum) -> aigov.Forum:
    return rebuilt(forum, _moved)  # type: ignore[no-any-return]


#: For each field the table says JSON-LD does not carry, a change of it in
#: FULL.  Ids are not here: the blank node ids are made from them.
CHANGES: dict[str, Callable[[aigov.Forum], aigov.Forum]] = {
    "Forum.countries": changing(aigov.Forum, countries=("FR",)),
    "Forum.attendance": changing(aigov.Forum, attendance=None),
    "Forum.partial": changing(aigov.Forum, partial=()),
    "Count": changing(aigov.Forum, attendance=aigov.Count(value=3)),
    "Count.value": changing(aigov.Count, value=71),
    "Count.relation": changing(aigov.Count, relation=aigov.CountRelation.ABOUT),
    "Session.kind": changing(aigov.Session, kind=aigov.SessionKind.PANEL),
    "Session.partial": changing(aigov.Session, partial=()),
    "Session.evidence": changing(aigov.Session, evidence=()),
    "Speaker.evidence": changing(aigov.Speaker, evidence=()),
    "Role.country": changing(aigov.Role, country="FR"),
    "Role.evidence": changing(aigov.Role, evidence=()),
    "Organization.evidence": changing(aigov.Organization, evidence=()),
    "Statement.verb": changing(aigov.Statement, verb="stressed"),
    "Evidence.start": move_passages,
    "Evidence.end": move_passages,
    "Evidence.text": lambda forum: rebuilt(forum, _another_passage),
    "Source.text": move_passages,
}


def rows_not_carried_by_jsonld() -> set[str]:
    return {
        key
        for key, (_, jsonld_cell) in mapping().items()
        if jsonld_cell.startswith("not carried") and "@id" not in jsonld_cell
    }


def test_each_field_not_carried_by_jsonld_has_a_change_to_try() -> None:
    """The changes below are exactly the rows that say JSON-LD does not carry a field."""
    assert set(CHANGES) == rows_not_carried_by_jsonld()


@pytest.mark.parametrize("key", sorted(CHANGES))
def test_a_field_said_not_carried_leaves_the_jsonld_unchanged(key: str) -> None:
    """Changing a field the table says JSON-LD drops gives the same JSON-LD document."""
    changed = CHANGES[key](FULL)
    assert changed != FULL
    assert jsonld.to_jsonld(changed) == jsonld.to_jsonld(FULL)


@pytest.mark.parametrize("key", sorted(CHANGES))
def test_popolo_carries_what_jsonld_drops(key: str) -> None:
    """The same change shows in the Popolo export, and reading it back gives the change."""
    changed = CHANGES[key](FULL)
    document = popolo.to_popolo(changed)
    assert document != popolo.to_popolo(FULL)
    assert popolo.from_popolo(document).corpus.forums == (changed,)
