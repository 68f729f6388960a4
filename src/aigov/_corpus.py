"""Many forums at once: the :class:`Corpus`.

It builds only on the model, as the query layer does; reading and writing
corpora is in :mod:`aigov._corpus_io`.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Iterable, Iterator

import attrs

from aigov import _people
from aigov._model import Forum, Speaker
from aigov._people import Appearance, Institution, Person
from aigov._text import describe_value, suggestion
from aigov.exceptions import (
    ArgumentTypeError,
    ErrorDetail,
    ValidationError,
)

__all__ = ["Corpus", "forums_of"]


def forums_of(data: object) -> tuple[Forum, ...]:
    """The forums of *data*: a forum alone, or a corpus's forums.

    What every function that takes "a forum or a corpus" starts with.

    Raises:
        aigov.exceptions.ArgumentTypeError: If *data* is neither.
    """
    if isinstance(data, Forum):
        return (data,)
    if isinstance(data, Corpus):
        return data.forums
    msg = f"expected a Forum or a Corpus, not {type(data).__name__}"
    raise ArgumentTypeError(msg)


def _as_forums(forums: Iterable[Forum]) -> tuple[Forum, ...]:
    if isinstance(forums, Forum | str | bytes):
        msg = f"forums must be an iterable of Forum, not {type(forums).__name__}"
        raise ArgumentTypeError(msg)
    found = tuple(forums)
    for position, forum in enumerate(found):
        if not isinstance(forum, Forum):
            msg = f"forums[{position}] is a {type(forum).__name__}, not a Forum"  # type: ignore[unreachable]
            raise ArgumentTypeError(msg)
    return found


@attrs.frozen(kw_only=True, repr=False)
class Corpus:
    """Many forums, each with its own id: what to ask about several forums at once.

    Every :mod:`aigov.query` function takes a corpus where it takes a forum;
    :func:`load_corpus` reads one from files and directories, and
    :func:`dump_corpus` writes one.

    Attributes:
        forums: The forums, in the order given (any iterable of
            :class:`Forum` is kept as a tuple).

    Raises:
        ValidationError: If two forums have the same id; the problem names
            both positions.
        aigov.exceptions.ArgumentTypeError: If *forums* holds something that
            is not a :class:`Forum` (a :class:`TypeError`).

    .. versionadded:: 0.2.0
    """

    forums: tuple[Forum, ...] = attrs.field(default=(), converter=_as_forums)

    def __attrs_post_init__(self) -> None:
        _positions(self)

    def forum(self, forum_id: str, /) -> Forum:
        """Return the forum with id *forum_id*.

        Raises:
            ValidationError: If no forum of the corpus has that id; the
                message suggests the closest id.

        .. versionadded:: 0.2.0
        """
        positions = _positions(self)
        # Callers without a type checker may pass anything: it names no forum.
        is_text = isinstance(forum_id, str)
        position = positions.get(forum_id) if is_text else None
        if position is None:
            hint = suggestion(forum_id, positions) if is_text else ""
            msg = f"no forum has id {describe_value(forum_id)}{hint}"
            raise ValidationError.single(msg, forum_id)
        return self.forums[position]

    def __repr__(self) -> str:
        # Forums are large: a corpus shows their ids, and few of them.
        ids = [describe_value(forum.id) for forum in self.forums[:_SHOWN_IDS]]
        more = len(self.forums) - _SHOWN_IDS
        if more > 0:
            ids.append(f"... and {more} more")
        return f"Corpus(forums: {', '.join(ids) or 'none'})"

    def __len__(self) -> int:
        return len(self.forums)

    def __iter__(self) -> Iterator[Forum]:
        return iter(self.forums)

    def people(
        self,
        *,
        same: Iterable[tuple[tuple[str, str], tuple[str, str]]] = (),
        different: Iterable[tuple[tuple[str, str], tuple[str, str]]] = (),
        reference: Iterable[Speaker] = (),
    ) -> tuple[Person, ...]:
        """The people of the corpus: its speakers grouped across forums.

        Speakers are grouped by shared identifiers, then by name; *same* and
        *different* correct the grouping, naming speakers as
        ``(forum_id, speaker_id)``.

        *reference* takes speakers from outside the corpus, such as the
        persons of a Popolo register
        (:attr:`aigov.popolo.PopoloImport.persons`): their identifiers (a
        Wikidata id, say) and names link the corpus's speakers, by
        identifier first and then by name, as the corpus's own speakers are
        linked.  They link, but are never listed among a person's speakers;
        a link made through one says so in the person's reasons.

        Raises:
            ValidationError: If an override names a speaker the corpus
                lacks, or contradicts another.
            aigov.exceptions.ArgumentTypeError: If *reference* holds
                something that is not a :class:`~aigov.Speaker`.

        .. versionadded:: 0.2.0
        """
        return _people.people(
            self.forums, same=same, different=different, reference=reference
        )

    def organizations(self) -> tuple[Institution, ...]:
        """The organisations of the corpus, grouped across forums.

        .. versionadded:: 0.2.0
        """
        return _people.organizations(self.forums)

    def appearances(self, person: Person) -> tuple[Appearance, ...]:
        """Every forum, session, part and statement of *person*, in date order.

        .. versionadded:: 0.2.0
        """
        return _people.appearances(self.forums, person)


#: How many forum ids a corpus's repr shows.
_SHOWN_IDS = 5

#: Per live corpus (by identity, as the model's lookup tables), the position
#: of each forum id; a weak reference, so that the cache keeps no corpus alive.
_POSITIONS: dict[int, tuple[weakref.ref[Corpus], dict[str, int]]] = {}


def _positions(corpus: Corpus) -> dict[str, int]:
    """Each forum id of *corpus* with its position; a duplicate id is an error."""
    key = id(corpus)
    entry = _POSITIONS.get(key)
    if entry is not None and entry[0]() is corpus:
        return entry[1]
    positions: dict[str, int] = {}
    problems = []
    for position, forum in enumerate(corpus.forums):
        first = positions.setdefault(forum.id, position)
        if first != position:
            msg = (
                f"forum id {describe_value(forum.id)} is also the id of forums[{first}]"
            )
            problems.append(ErrorDetail(f"forums[{position}].id", msg, forum.id))
    if problems:
        raise ValidationError(problems, subject="Corpus")
    _POSITIONS[key] = (weakref.ref(corpus, functools.partial(_forget, key)), positions)
    return positions


def _forget(key: int, _: object) -> None:
    _POSITIONS.pop(key, None)
