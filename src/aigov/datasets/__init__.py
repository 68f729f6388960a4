"""Forums bundled with aigov, ready to query.

Each function loads a JSON document shipped inside the package through
:func:`aigov.from_json`, so bundled data passes the same validation as yours.
Results are cached: forums are immutable, so every call returns the same object.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools

from aigov._corpus import Corpus
from aigov._io import from_json
from aigov._model import Forum

__all__ = [
    "ADDITIONS",
    "TOPICS",
    "corpus",
    "tsinghua_2020",
    "tsinghua_2021",
    "tsinghua_2022",
    "tsinghua_2024",
]

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


ADDITIONS: dict[str, dict[str, str]] = {
    "tsinghua_2021": {
        "United Nations Development Programme": (
            'the official name of the UNDP, as an alias; the report writes "Program"'
        ),
        "Bureau for Policy and Programme Support": (
            'the official name of the bureau, as an alias; the report writes "Program"'
        ),
        "BPPS": "the standard abbreviation of the Bureau for Policy and Program Support",
        "Office of the Secretary-General's Envoy on Technology": (
            "the official name of the office, as an alias; the report writes"
            ' "UN Office of Secretary-General\'s Envoy on Technology"'
        ),
        "OSET": "the standard abbreviation of the Envoy on Technology's office",
        "CPPCC": (
            "the standard abbreviation of the Chinese People's Political"
            " Consultative Conference"
        ),
        "MOST": "the standard abbreviation of the Ministry of Science and Technology",
        "MIIT": (
            "the standard abbreviation of the Ministry of Industry and Information"
            ' Technology; the report\'s own short form, "the IIT", is an alias'
        ),
        "MFA": "the standard abbreviation of the Ministry of Foreign Affairs",
        "WFEO": (
            "the standard abbreviation of the World Federation of Engineering"
            " Organizations"
        ),
        "e-works": (
            "the report's publisher, named in the web page's footer, which the"
            " source text leaves out"
        ),
    },
    "tsinghua_2022": {},
    "tsinghua_2020": {
        "Agenda": (
            "the title of the programme's page, from the last part of its"
            " address; the page's text shows none"
        ),
        "Institute for AI International Governance of Tsinghua University": (
            "the programme's publisher, whose site (aiig.tsinghua.edu.cn)"
            " carries it; neither source names it so"
        ),
    },
    "tsinghua_2024": {
        "Institute for AI International Governance of Tsinghua University": (
            "the report's publisher, whose site (aiig.tsinghua.edu.cn) carries it;"
            " the report itself does not name it"
        ),
    },
}
"""Text in each bundled forum that its source does not contain, and why.

Keyed by the name of the function that returns the forum; each entry maps
the added text (an alias, an abbreviation, ...) to the reason for it.
Everything else in the forum's names, titles and statements is the source's
own wording; the facts each forum adds are listed in its function's
documentation.

.. versionadded:: 0.2.0
"""


@functools.cache
def tsinghua_2021() -> Forum:
    """Return the 2021 International AI Cooperation and Governance Forum.

    Held by Tsinghua University on 4 December 2021 with the support of the
    United Nations Development Program.  Encoded from the e-works report
    "Experts advocate international AI cooperation, governance", which ships
    as the forum's one :class:`~aigov.Source` with its address, its text
    whole but for the web page's footer: the 14 named participants with every title and
    organisation the report gives, the opening ceremony's remarks in order
    with their reporting verbs and :data:`TOPICS`, and the plenary's keynote
    speakers.  Every statement, speaker, role, organisation and session has
    :class:`~aigov.Evidence` at the passage of the report that states it.

    Names and titles are as the report writes them ("United Nations
    Development Program", "Institute Of Intelligence Society Governance").
    Attendance is "more than 70"; the countries and the plenary's keynote
    speakers are marked partial, as the report lists them with "and other
    countries" and "experts, including".  It gives no one's nationality,
    so every :attr:`Speaker.country <aigov.Speaker.country>` is ``None``.

    Text the report does not contain is listed, with the reason for it, in
    ``ADDITIONS["tsinghua_2021"]`` (:data:`ADDITIONS`): the official
    spellings "United Nations Development Programme", "Bureau for Policy
    and Programme Support" and "Office of the Secretary-General's Envoy on
    Technology", kept as aliases; the standard abbreviations BPPS, OSET,
    CPPCC, MOST, MIIT, MFA and WFEO (the report's own short form of the
    ministry is "the IIT", an alias); and the publisher, e-works, named
    only in the page's footer.  Facts added beside the report's:

    - the year of the date, from the forum's name (the report says "Dec 4");
    - the country of each Chinese body (``CN``): the ministries,
      the CPPCC, Tsinghua University and its units;
    - that Schwarzman College is part of Tsinghua University and the
      UNDP part of the United Nations;
    - the kind of each organisation, session and statement, and each
      statement's topics, which classify what the report says.

    Returns:
        The forum.  Every call returns the same (immutable) object.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Re-encoded to the report: names and titles as it writes them, its
       text as the source with evidence for every fact, attendance as
       "more than 70", partial lists, the keynote speakers' and the
       host's parts, :attr:`~aigov.Forum.series`, and the report's address
       as the source's ``url``.
    """
    return _bundled("tsinghua-2021.json")


def _bundled(file_name: str) -> Forum:
    """Load the bundled forum in *file_name*."""
    # Imported here: importlib.resources costs ``import aigov`` ~15 ms.
    from importlib import resources  # noqa: PLC0415

    document = resources.files(__name__).joinpath(file_name).read_bytes()
    return from_json(document, Forum)


@functools.cache
def tsinghua_2020() -> Forum:
    """Return the 2020 International AI Cooperation and Governance Forum.

    Hosted by Tsinghua University's Institute for AI International
    Governance (I-AIIG), with the United Nations Development Programme as
    its international supporting organization; it began on 18 December 2020.
    Encoded from the openings of two public pages, each a
    :class:`~aigov.Source` with its address: Tsinghua University's news
    report "Tsinghua University International AI Cooperation and Governance
    Forum 2020 kicked off", which names eleven people with their titles and
    organisations and the opening ceremony's five keynote speakers; and the
    I-AIIG's programme of the first day ("Agenda"), which adds the ceremony's
    host (Yang Bin) and welcome and opening speakers, and the main plenary,
    "Post-COVID International AI governance for a resilient future", with its
    host (Xue Lan) and four keynote speakers.  The programme is what was
    planned; the report confirms the opening ceremony's keynote speakers.

    Neither page says what anyone said, so the forum has no statements; nor
    do they give the attendance, the countries or the end date.  The
    speakers are marked partial, as the report lists the international
    speakers with "include", and so are the plenary's participants, as the
    programme's opening stops in its second part.  Titles are as the pages
    write them, typing slips included (the programme's "Xue Lan,Deanof
    I-AIIG" is the evidence of his title "Dean").  The sources keep no text:
    each :class:`~aigov.Evidence` is the short passage that names a speaker,
    a role, an organisation or a session, without offsets.

    Text neither page contains is listed in ``ADDITIONS["tsinghua_2020"]``
    (:data:`ADDITIONS`): the programme's title and publisher.  Facts added
    beside the pages':

    - the year of the start date, from the report's title;
    - the report's publisher, Tsinghua University, whose site carries it;
      when either page was published is not known;
    - the country of each Chinese body (``CN``): Tsinghua University and
      its institutes, the ministries and their departments, the CPPCC
      National Committee, the National Committee of E-government Experts
      and the Chinese Academy of Sciences;
    - the parent of each unit whose name or title places it: the UNDP's
      China office, the ministries' departments, Tsinghua's institutes and
      the ITU Telecommunication Standardization Bureau;
    - the kind of each organisation and session.

    Returns:
        The forum.  Every call returns the same (immutable) object.

    .. versionadded:: 0.2.0
    """
    return _bundled("tsinghua-2020.json")


@functools.cache
def tsinghua_2022() -> Forum:
    """Return the 2022 International AI Cooperation and Governance Forum.

    Held online on 9 and 10 December 2022, hosted by Tsinghua University and
    organised by its Institute for AI International Governance (I-AIIG).
    Encoded from the opening of the forum's "About the Forum" page on the
    I-AIIG's site: the dates, the form ("Online", as the location), the host,
    the organiser (an organisation of the forum, not a host) and the
    nineteen supporting partners, each named as the page lists it
    ("Institute of Artificial Intelligence, Tsinghua University") with no
    parent linked.  The page names no speakers, sessions or statements, so
    the forum has none; nor does it give the attendance or the countries.
    The date the page was published is not known.  Facts added beside the
    page's:

    - the country of Tsinghua University and the I-AIIG (``CN``);
    - the kind of each organisation.

    Returns:
        The forum.  Every call returns the same (immutable) object.

    .. versionadded:: 0.2.0
    """
    return _bundled("tsinghua-2022.json")


@functools.cache
def tsinghua_2024() -> Forum:
    """Return the 2024 International AI Cooperation and Governance Forum.

    Jointly hosted by Tsinghua University, the National University of
    Singapore (NUS) and The Hong Kong University of Science and Technology
    (HKUST), it opened at NUS on 2 December 2024 with "over 60" experts
    (attendance more than 60).  Encoded from the opening of the I-AIIG's
    news report of 6 December 2024, "International AI Cooperation and
    Governance Forum 2024 Opens at the National University of Singapore":
    the five officiating guests with their titles and organisations, the
    opening ceremony chaired by Simon Chesterman, and the remarks of the
    chair and of Yang Bin, with their reporting verbs and :data:`TOPICS`.
    Each statement's text is the short passage the report gives, and is
    also its :class:`~aigov.Evidence`; the source keeps no text.

    The report does not give the countries, the end date or anyone's
    nationality.  Text it does not contain is listed in
    ``ADDITIONS["tsinghua_2024"]`` (:data:`ADDITIONS`): the publisher, the
    I-AIIG, whose site carries the report.  Facts added beside the report's:

    - the officiating guests are the opening ceremony's guests, and Yang
      Bin's remarks are placed in it: the report names them around the
      ceremony's chair but does not say in which session each spoke;
    - the country of Tsinghua University (``CN``) and of the Infocomm Media
      Development Authority (``SG``, from the report's "Singapores");
    - the kind of each organisation, session and statement, and each
      statement's topics.

    Returns:
        The forum.  Every call returns the same (immutable) object.

    .. versionadded:: 0.2.0
    """
    return _bundled("tsinghua-2024.json")


@functools.cache
def corpus() -> Corpus:
    """Return every bundled forum as one :class:`~aigov.Corpus`, in date order.

    Returns:
        The forums of :func:`tsinghua_2020`, :func:`tsinghua_2021`,
        :func:`tsinghua_2022` and :func:`tsinghua_2024`, in that order.  Every
        call returns the same (immutable) object.

    .. versionadded:: 0.2.0
    """
    return Corpus(
        forums=(tsinghua_2020(), tsinghua_2021(), tsinghua_2022(), tsinghua_2024())
    )
