"""Forums and corpora as schema.org JSON-LD, for search engines and linked-data tools.

:func:`to_jsonld` turns a :class:`~aigov.Forum` into a schema.org ``Event``
(and a :class:`~aigov.Corpus` into a ``@graph`` of them) that a web page can
embed and any JSON-LD processor can read; :func:`write_jsonld` writes one to
a file.  Only schema.org terms are used.  See :doc:`/jsonld` for the mapping,
the node ids, and what the vocabulary cannot carry.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from aigov._formats._jsonld import CONTEXT, to_jsonld, write_jsonld

__all__ = ["CONTEXT", "to_jsonld", "write_jsonld"]
