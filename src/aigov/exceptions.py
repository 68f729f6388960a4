"""The exceptions aigov raises.

Every error aigov raises on purpose derives from :class:`AigovError`, so one
``except aigov.AigovError`` catches them all.  Bad data of any kind -- in a
constructor, a dictionary, a JSON document or a file -- raises
:class:`ValidationError`, which is also a :class:`ValueError`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from aigov._text import describe_value, join_location

__all__ = [
    "AigovError",
    "ArgumentTypeError",
    "ErrorDetail",
    "ExtractionError",
    "MissingExtraError",
    "NotAModelError",
    "NotARegularFileError",
    "ValidationError",
]

#: How many problems a :class:`ValidationError` message spells out before it
#: summarises the rest as "and N more"; :attr:`ValidationError.errors` keeps all.
MAX_LISTED_ERRORS = 50


class AigovError(Exception):
    """The root of every exception that aigov raises on purpose.

    .. versionadded:: 0.1.0
    """


@attrs.frozen
class ErrorDetail:
    """One problem found in a value, and where it is.

    Attributes:
        location: Where the problem is, as a JSON-path-like string relative to
            the object that was checked: ``sessions[0].statements[3].speaker_id``.
            The empty string means the object itself.
        message: What is wrong, in words.
        value: The offending value, as it was given (``None`` where a value
            is missing).  It does not take part in comparisons.

    .. versionadded:: 0.1.0
    """

    location: str
    message: str
    # A bounded repr: the value may be a 2 MB string or nested 100,000 deep.
    value: object = attrs.field(default=None, eq=False, repr=describe_value)

    def within(self, prefix: str) -> ErrorDetail:
        """Return this detail relocated under *prefix*.

        Used when a check of a nested value is reported from the object that
        holds it: ``ErrorDetail("name", ...).within("speakers[3]")`` is located
        at ``speakers[3].name``.

        Args:
            prefix: A field name (``"roles"``) or an index (``"[0]"``), or a
                longer location made of both.

        Returns:
            A copy with *prefix* put in front of :attr:`location`.

        .. versionadded:: 0.1.0
        """
        return attrs.evolve(self, location=join_location(prefix, self.location))

    def __str__(self) -> str:
        return f"{self.location or '(top level)'}: {self.message}"


class ValidationError(AigovError, ValueError):
    """Data that does not describe a valid aigov object.

    Raised by every constructor of the model and by every loader
    (:func:`aigov.from_dict`, :func:`aigov.from_json`, :func:`aigov.load`).
    The message lists every problem found, one per line, each with its
    location; :attr:`errors` holds the same problems as data.

    Args:
        errors: The problems found; at least one.
        subject: What was being checked (``"Forum"``), for the message header.

    Attributes:
        errors: Every problem found, in document order.
        subject: What was being checked, or ``None``.

    .. versionadded:: 0.1.0
    """

    errors: tuple[ErrorDetail, ...]
    subject: str | None

    def __init__(
        self, errors: Iterable[ErrorDetail], *, subject: str | None = None
    ) -> None:
        self.errors = tuple(errors)
        self.subject = subject
        super().__init__(self._format())

    @classmethod
    def single(
        cls, message: str, value: object = None, *, location: str = ""
    ) -> ValidationError:
        """Build an error with one problem.

        Args:
            message: What is wrong, in words.
            value: The offending value (``None`` where a value is missing).
            location: Where the problem is; the empty string means the value
                itself.

        Returns:
            A :class:`ValidationError` whose :attr:`errors` hold one
            :class:`ErrorDetail`.

        .. versionadded:: 0.1.0
        """
        return cls([ErrorDetail(location, message, value)])

    def within(self, prefix: str, *, subject: str | None = None) -> ValidationError:
        """Return the same problems relocated under *prefix*.

        Args:
            prefix: A field name or an index (``"[0]"``) to put in front of
                every problem's location; see :meth:`ErrorDetail.within`.
            subject: What was being checked, for the new error's message;
                keeps this error's subject if not given.

        Returns:
            A new :class:`ValidationError`; this one is not changed.

        .. versionadded:: 0.1.0
        """
        return ValidationError(
            (e.within(prefix) for e in self.errors), subject=subject or self.subject
        )

    def _format(self) -> str:
        count = len(self.errors)
        if count == 1:
            return str(self.errors[0])
        noun = "problem" if count == 1 else "problems"
        header = f"{count} {noun}" + (f" in {self.subject}" if self.subject else "")
        lines = [f"{header}:"]
        lines.extend(f"  {e}" for e in self.errors[:MAX_LISTED_ERRORS])
        if count > MAX_LISTED_ERRORS:
            lines.append(f"  ... and {count - MAX_LISTED_ERRORS} more")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[object, ...]:
        # The keyword-only signature differs from BaseException's, so pickling
        # (multiprocessing, caches) needs to be told how to rebuild it.
        return (_rebuild_validation_error, (self.errors, self.subject))


def _rebuild_validation_error(
    errors: tuple[ErrorDetail, ...], subject: str | None
) -> ValidationError:
    return ValidationError(errors, subject=subject)


class ArgumentTypeError(AigovError, TypeError):
    """A value of the wrong type was passed to an aigov function.

    A programming error rather than bad data: a query given a number where
    it takes a name, a loader given a class that is not a model class.  It is
    a :class:`TypeError`, so code that caught ``TypeError`` keeps working.

    .. versionadded:: 0.2.0
    """


class NotAModelError(ArgumentTypeError):
    """An object or class that is not part of aigov's model was given.

    Raised by :func:`aigov.to_json`, :func:`aigov.to_dict`, :func:`aigov.dump`
    and the loaders' *cls* argument.

    Attributes:
        given: What was passed instead.

    .. versionadded:: 0.2.0
    """

    given: object

    def __init__(
        self, given: object, *, expected: str = "an aigov model object"
    ) -> None:
        self.given = given
        what = (
            given.__qualname__ if isinstance(given, type) else type(given).__qualname__
        )
        msg = f"expected {expected}, not {describe_value(what)[1:-1]}"
        super().__init__(msg)


class ExtractionError(AigovError, ValueError):
    """No forum can be drafted from a text given to :func:`aigov.extract.extract`.

    Raised where the text names nobody who speaks or takes part (only
    unnamed groups, or no one), is blank, or is not valid Unicode.  It is a
    :class:`ValueError`: the text is the bad value.

    Attributes:
        reason: Why, in words: ``"it names no person or state that speaks
            or takes part"``.
        text_length: How many characters the text has.
        problems: Where the draft did not make a valid forum (an extractor
            bug, reported rather than raised as another exception), the
            problems found; otherwise empty.

    .. versionadded:: 0.2.0
    """

    reason: str
    text_length: int
    problems: tuple[str, ...]

    def __init__(
        self, reason: str, *, text_length: int, problems: tuple[str, ...] = ()
    ) -> None:
        self.reason = reason
        self.text_length = text_length
        self.problems = problems
        msg = f"no forum can be drafted from this text ({text_length} characters): {reason}"
        if problems:
            msg += "; " + "; ".join(describe_value(p)[1:-1] for p in problems[:3])
        super().__init__(msg)

    def __reduce__(self) -> tuple[object, ...]:
        # The keyword-only arguments are not in args: pickle by rebuilding.
        return (
            _rebuild_extraction_error,
            (self.reason, self.text_length, self.problems),
        )


def _rebuild_extraction_error(
    reason: str, text_length: int, problems: tuple[str, ...]
) -> ExtractionError:
    return ExtractionError(reason, text_length=text_length, problems=problems)


class MissingExtraError(AigovError, ImportError):
    """A feature needs an optional dependency that is not installed.

    Attributes:
        extra: The pip extra that installs it (``"arrow"``).
        feature: What needs it, in words.

    .. versionadded:: 0.2.0
    """

    extra: str
    feature: str

    def __init__(self, feature: str, extra: str, *, module: str | None = None) -> None:
        self.extra = extra
        self.feature = feature
        msg = f"{feature} needs the {extra!r} extra: pip install 'aigov[{extra}]'"
        super().__init__(msg, name=module)


class NotARegularFileError(AigovError, OSError):
    """A path names something that is not a regular file: a FIFO, a socket, a device.

    Reading one could block forever or never end, so aigov refuses it at once.
    Directories get :class:`IsADirectoryError` instead, as ``open()`` gives.

    .. versionadded:: 0.2.0
    """
