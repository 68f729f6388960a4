"""The mapping table of docs/interoperability.rst stays true to the model and the code.

The table is read from the page itself: a field added to the model without a
row, a row left behind by a removed field, or a Popolo key or schema.org term
that the exporters no longer write makes these tests fail.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

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
