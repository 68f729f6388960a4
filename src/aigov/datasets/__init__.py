"""Forums bundled with aigov, ready to query.

Each function loads a JSON document shipped inside the package through
:func:`aigov.from_json`, so bundled data passes the same validation as yours.
Results are cached: forums are immutable, so every call returns the same object.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools

from aigov._io import from_json
from aigov._model import Forum

__all__ = ["TOPICS", "tsinghua_2021"]

TOPICS: dict[str, str] = {
    "climate": "climate change",
    "cooperation": "international cooperation and collaboration",
    "development": "economic, social and technological development",
    "education": "universities, teaching and talent",
    "ethics": "ethics, values, fairness, bias and discrimination",
    "governance": "governance of AI: systems, norms, frameworks, institutions",
    "health": "public health, such as the fight against COVID-19",
    "inclusion": "inclusiveness, equality, justice and the digital divide",
    "innovation": "technological innovation",
    "privacy": "privacy and its protection",
    "regulation": "rules, principles, supervision and requirements",
    "research": "research directions, theory and frontier technologies",
    "security": "safety, security and risk control",
    "sustainability": "sustainable and green development",
}
"""The topic tags used by the bundled forums, each with what it covers.

A statement carries a tag when the remark is about that topic; a remark may
carry several.  Your own forums may use any lower-case tags.

.. versionadded:: 0.1.0
"""


@functools.cache
def tsinghua_2021() -> Forum:
    """Return the 2021 International AI Cooperation and Governance Forum.

    Held by Tsinghua University on 4 December 2021 with the support of the
    United Nations Development Programme.  Encoded from the e-works report
    "Experts advocate international AI cooperation, governance": the 14 named
    participants with every title and organisation the report gives, the
    opening ceremony's remarks in order with their reporting verbs and
    :data:`TOPICS`, and the plenary's keynote speakers.

    Only what the report states is set.  It gives no one's nationality, so
    every :attr:`Speaker.country <aigov.Speaker.country>` is ``None``;
    attendance is stored as 70 from "more than 70 experts", a lower bound.

    Returns:
        The forum.  Every call returns the same (immutable) object.

    .. versionadded:: 0.1.0
    """
    # Imported here: importlib.resources costs ``import aigov`` ~15 ms.
    from importlib import resources  # noqa: PLC0415

    document = resources.files(__name__).joinpath("tsinghua-2021.json").read_bytes()
    return from_json(document, Forum)
