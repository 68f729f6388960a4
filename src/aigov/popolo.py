"""Popolo JSON: forums out to civic-tech tools, and people in from registers.

:func:`to_popolo` writes forums as Popolo `events`, speakers as `persons`,
organisations, roles in them as `memberships` and statements as `speeches`;
what Popolo has no property for goes in each item's ``"aigov"`` extension,
so that :func:`from_popolo` reads an export back as the same forums.
:func:`from_popolo` also reads Popolo that aigov did not write, such as an
EveryPolitician file: its persons, with their Wikidata ids, can then link
the speakers of a corpus (``corpus.people(reference=found.persons)``), and
every value aigov cannot hold is listed in :attr:`PopoloImport.notes`::

    from aigov import datasets, popolo

    document = popolo.to_popolo(datasets.corpus())
    assert popolo.from_popolo(document).corpus == datasets.corpus()

See :doc:`/popolo` for the mapping.

.. versionadded:: 0.2.0
"""

from aigov._formats._popolo import (
    EXTENSION,
    PopoloImport,
    PopoloNote,
    from_popolo,
    read_popolo,
    to_popolo,
    write_popolo,
)

__all__ = [
    "EXTENSION",
    "PopoloImport",
    "PopoloNote",
    "from_popolo",
    "read_popolo",
    "to_popolo",
    "write_popolo",
]
