"""The ``aigov`` command line, over the public API (argparse, stdlib only)."""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import importlib
import inspect
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

import attrs

from aigov import datasets, query
from aigov._corpus import Corpus
from aigov._corpus_io import corpus_files, dump_corpus, is_json_lines, read_file
from aigov._countries import country_name
from aigov._files import read_at_most, stale_temporaries, write_atomic
from aigov._filters import (
    Target,
    is_speaker_side,
    keyword_filters,
    option_for,
    option_name,
)
from aigov._formats._flat import (
    ORGANIZATION_COLUMNS,
    SPEAKER_COLUMNS,
    STATEMENT_COLUMNS,
    Column,
    ForumFacts,
    Row,
    csv_cell,
    organization_rows,
    role_text,
    speaker_rows,
    statement_rows,
)
from aigov._io import dump, load, to_json
from aigov._model import (
    Count,
    CountRelation,
    Evidence,
    Forum,
    Organization,
    Part,
    PartialDate,
    Session,
    Source,
    Speaker,
    SpeakerKind,
    Statement,
)
from aigov._table import render_table
from aigov._text import bounded, escape_control
from aigov.exceptions import MissingExtraError, ValidationError

_EXIT_PROBLEMS = 1
_EXIT_USAGE = 2
_EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

#: How many problems ``validate`` prints per file before it counts the rest:
#: a file can hold a hundred thousand, and a terminal shows a screenful.
_SHOWN_PROBLEMS = 10
#: How long a printed problem may be: one message can quote megabytes of ids.
_LONGEST_PROBLEM = 300


class _UsageError(Exception):
    """A mistake of the user's: printed as one line, exit status 2."""


class _InvalidForumError(Exception):
    """A forum file (or a file of another format) that does not validate: its problems are listed."""

    def __init__(
        self, path: str, error: ValidationError, what: str = "a valid forum"
    ) -> None:
        super().__init__(path)
        self.path = path
        self.error = error
        self.what = what


def _read_file(path: str) -> list[Forum]:
    """The forums of one file: a forum document, or JSON Lines of them."""
    try:
        if not is_json_lines(Path(path)):
            return [load(path)]
        forums, problems = read_file(Path(path))
    except OSError as exc:
        raise _UsageError(_cannot_read(path, exc)) from None
    except ValidationError as exc:
        raise _InvalidForumError(path, exc) from None
    if problems:
        details = [detail for problem in problems for detail in problem.errors]
        raise _InvalidForumError(path, ValidationError(details))
    return forums


def _read_corpus(paths: Sequence[str], *, progress: bool = False) -> Corpus:
    """The forums of *paths* (files and directories); the bundled forum if none.

    With *progress*, a bar on standard error follows the files as they are
    read, where one can be shown (see :func:`_progress`).
    """
    if not paths:
        return Corpus(forums=(datasets.tsinghua_2021(),))
    forums: list[Forum] = []
    origins: dict[str, str] = {}
    files = list(corpus_files(paths))
    with _progress(len(files) if progress else 0) as advance:
        for file in files:
            path = str(file)
            for forum in _read_file(path):
                first = origins.get(forum.id)
                if first is not None:
                    msg = f"{path} and {first} both hold a forum with id {forum.id!r}"
                    raise _UsageError(msg)
                origins[forum.id] = path
                forums.append(forum)
            advance()
    return Corpus(forums=forums)


#: The fewest files for which reading shows a progress bar: one file is quick.
_FILES_FOR_PROGRESS = 2


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A function to call after each of *total* files, drawing a bar on standard error.

    Only on a terminal, with rich installed (the ``progress`` extra), and for
    more than one file; otherwise silent, so that pipes and logs get nothing.
    """
    if total < _FILES_FOR_PROGRESS or not _is_terminal(sys.stderr):
        yield lambda: None
        return
    try:
        from rich.console import Console  # noqa: PLC0415 - an optional extra
        from rich.progress import Progress  # noqa: PLC0415 - an optional extra
    except ImportError:
        yield lambda: None
        return
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading forum files", total=total)
        yield lambda: bar.advance(task)


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False  # closed or not a real stream


def _shown(text: str) -> str:
    """*text* as it may reach a terminal: control and format characters escaped.

    File names that are not UTF-8 (lone surrogates, in Python) are escaped
    too, so that printing them cannot fail.
    """
    return escape_control(text)


def _cannot_read(path: str, error: OSError) -> str:
    return f"cannot read {_shown(path)}: {_shown(error.strerror or str(error))}"


def _problem_lines(error: ValidationError) -> list[str]:
    """The first problems of *error*, one short escaped line each, and a count of the rest."""
    lines = [
        f"  {bounded(_shown(str(detail)), _LONGEST_PROBLEM)}"
        for detail in error.errors[:_SHOWN_PROBLEMS]
    ]
    hidden = len(error.errors) - _SHOWN_PROBLEMS
    if hidden > 0:
        noun = "problem" if hidden == 1 else "problems"
        lines.append(f"  ... and {hidden} more {noun}")
    return lines


def _say(out: TextIO, line: str = "") -> None:
    # Every line of a summary holds the forum's own text, escaped as a whole.
    print(_shown(line), file=out)


#: How much of an evidence passage ``show --evidence`` prints: a passage can
#: be a whole report.
_LONGEST_PASSAGE = 300

#: How ``show`` introduces the participants of each part; any other part is
#: written as its value.
_PART_LABELS = {
    Part.CHAIR: "chaired by",
    Part.HOST: "hosted by",
    Part.MODERATOR: "moderated by",
    Part.KEYNOTE: "keynote:",
    Part.SPEAKER: "speakers:",
    Part.PANELIST: "panelists:",
    Part.BRIEFER: "briefers:",
    Part.DISCUSSANT: "discussants:",
    Part.GUEST: "guests:",
}

_RELATION_WORDS = {
    CountRelation.EXACTLY: "",
    CountRelation.ABOUT: "about ",
    CountRelation.AT_LEAST: "at least ",
    CountRelation.MORE_THAN: "more than ",
    CountRelation.AT_MOST: "at most ",
    CountRelation.FEWER_THAN: "fewer than ",
}


def _count_text(count: Count) -> str:
    """A count as a report says it: ``more than 70``."""
    words = _RELATION_WORDS.get(count.relation, f"{count.relation.value} ")
    return f"{words}{count.value}"


def _listing(items: Sequence[str], *, partial: bool) -> str:
    """*items* joined by commas; a list the source calls incomplete ends "and others"."""
    text = ", ".join(items)
    if not partial:
        return text
    return f"{text} and others" if text else "others"


def _when_text(when: datetime.date | PartialDate) -> str:
    # A partial date prints as precisely as the source gives it: 2021, 2021-11.
    return when.isoformat()


def _dates_text(
    start: datetime.date | PartialDate | None, end: datetime.date | PartialDate | None
) -> str | None:
    if start is None:
        return None if end is None else f"until {_when_text(end)}"
    if end is None or end == start:
        return _when_text(start)
    return f"{_when_text(start)} to {_when_text(end)}"


def _roles_text(speaker: Speaker, organizations: dict[str, Organization]) -> str:
    return "; ".join(role_text(role, organizations) for role in speaker.roles)


def _evidence_text(evidence: Evidence, sources: int) -> str:
    """A passage with its offsets, escaped and cut short: ``[120:164] "..."``."""
    where = (
        "[no offsets]"
        if evidence.start is None
        else f"[{evidence.start}:{evidence.end}]"
    )
    if sources != 1:
        # With several sources, the offsets say nothing without the source's id.
        where = f"{evidence.source_id} {where}"
    passage = bounded(_shown(evidence.text), _LONGEST_PASSAGE)
    return f'{where} "{passage}"'


class _Summary:
    """Writes a forum's summary; with *evidence*, each fact's passages too."""

    def __init__(self, forum: Forum, out: TextIO, *, evidence: bool) -> None:
        self.forum = forum
        self.out = out
        self.evidence = evidence
        self.organizations = {org.id: org for org in forum.organizations}
        self.names = {speaker.id: speaker.name for speaker in forum.speakers}

    def say(self, line: str = "") -> None:
        _say(self.out, line)

    def passages(self, evidence: Sequence[Evidence], indent: str) -> None:
        if self.evidence:
            sources = len(self.forum.sources)
            for item in evidence:
                self.say(f"{indent}evidence: {_evidence_text(item, sources)}")

    def header(self) -> None:
        forum = self.forum
        partial = set(forum.partial)
        self.say(forum.name)
        if forum.series:
            self.say(f"  series: {forum.series}")
        when = _dates_text(forum.start_date, forum.end_date)
        if when is not None:
            self.say(f"  date: {when}")
        for label, field, ids in (
            ("hosts", "host_ids", forum.host_ids),
            ("supporters", "supporter_ids", forum.supporter_ids),
        ):
            if ids or field in partial:
                names = [self.organizations[i].name for i in ids]
                self.say(f"  {label}: {_listing(names, partial=field in partial)}")
        if forum.location:
            self.say(f"  location: {forum.location}")
        if forum.countries or "countries" in partial:
            names = [country_name(code) for code in forum.countries]
            self.say(f"  countries: {_listing(names, partial='countries' in partial)}")
        if forum.attendance is not None:
            self.say(f"  attendance: {_count_text(forum.attendance)}")

    def sessions(self) -> None:
        forum = self.forum
        more = " and others" if "sessions" in forum.partial else ""
        self.say()
        self.say(f"Sessions ({len(forum.sessions)}{more})")
        for session in forum.sessions:
            self.session(session)

    def session(self, session: Session) -> None:
        self.say(f"  {session.title} [{session.kind.value}]")
        if session.date is not None:
            self.say(f"    date: {_when_text(session.date)}")
        self.passages(session.evidence, "    ")
        self.participants(session)
        for statement in session.statements:
            verb = f" {statement.verb}" if statement.verb else ":"
            self.say(f"    - {self.names[statement.speaker_id]}{verb} {statement.text}")
            if statement.topics:
                self.say(f"      topics: {', '.join(statement.topics)}")
            self.passages(statement.evidence, "      ")
        if "statements" in session.partial:
            self.say("    - and others")

    def participants(self, session: Session) -> None:
        """One line per part, in the order the parts first appear."""
        by_part: dict[Part, list[str]] = {}
        for participant in session.participants:
            by_part.setdefault(participant.part, []).append(
                self.names[participant.speaker_id]
            )
        partial = "participants" in session.partial
        if partial and not by_part:
            self.say("    participants: others")
        last = len(by_part) - 1
        for position, (part, names) in enumerate(by_part.items()):
            label = _PART_LABELS.get(part, f"{part.value}:")
            # "and others" closes the list of participants as a whole.
            listed = _listing(names, partial=partial and position == last)
            self.say(f"    {label} {listed}")

    def speakers(self) -> None:
        forum = self.forum
        more = " and others" if "speakers" in forum.partial else ""
        self.say()
        self.say(f"Speakers ({len(forum.speakers)}{more})")
        for speaker in forum.speakers:
            marker = ""
            if speaker.kind is not SpeakerKind.PERSON:
                country = (
                    ""
                    if speaker.country is None
                    else f", {country_name(speaker.country)}"
                )
                marker = f" [{speaker.kind.value}{country}]"
            roles = _roles_text(speaker, self.organizations)
            self.say(f"  {speaker.name}{marker}" + (f" ({roles})" if roles else ""))
            self.passages(speaker.evidence, "    ")
            for role in speaker.roles:
                if self.evidence and role.evidence:
                    self.say(f"    {role.title}:")
                    self.passages(role.evidence, "      ")


def render_summary(forum: Forum, out: TextIO, *, evidence: bool = False) -> None:
    """Write a human-readable summary of *forum* to *out*.

    With *evidence*, each session, statement, speaker and role is followed by
    the passages of the sources that state it, with their offsets.
    """
    summary = _Summary(forum, out, evidence=evidence)
    summary.header()
    summary.sessions()
    summary.speakers()


def _show(args: argparse.Namespace) -> int:
    for position, forum in enumerate(_read_corpus(args.files)):
        if position:
            print()
        render_summary(forum, sys.stdout, evidence=args.evidence)
    return 0


# --- output formats --------------------------------------------------------------

#: Columns of long text, which wrap before ids and kinds do.
_LONG_TEXT = frozenset({"NAME", "ROLES", "TEXT", "TOPICS"})

#: A column: its header and how to get a cell's text from an object.
_Column = tuple[str, Callable[[Any], str]]


#: What a cell may start with that makes spreadsheets read it as a formula;
#: OWASP's list for CSV injection.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(cell: str) -> str:
    # A leading apostrophe makes spreadsheets show the cell as text.
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def _json_with_forum(found: query.Found[Any]) -> str:
    """The canonical JSON of *found*'s item with ``"forum_id"`` put first."""
    text = to_json(found.item)
    forum_id = json.dumps(found.forum.id, ensure_ascii=False)
    # Every model object has fields, so its JSON opens with '{"'.
    return f'{{"forum_id":{forum_id},{text[1:]}'


def _emit(
    items: Sequence[query.Found[Any]],
    fmt: str,
    table: Sequence[_Column],
    flat: _Flat,
    *,
    csv_safe: bool = False,
    forums: int = 1,
) -> None:
    """Write *items*: json as the model's objects, csv as flat rows, a table for people.

    json and csv always name each item's forum, so that a script's keys and
    columns never depend on how many files it was given.
    """
    out = sys.stdout
    if fmt == "json":
        # Lossless, as aigov.to_json writes each object (the flat columns are
        # for tables: csv and aigov.tables), one object a line, so that the
        # output reads well and diffs well.
        body = ",\n".join(_json_with_forum(item) for item in items)
        out.write(f"[\n{body}\n]\n" if items else "[]\n")
    elif fmt == "csv":
        out.write(_csv_rows(flat.columns, flat.rows(items), csv_safe=csv_safe))
    else:
        if forums > 1:
            table = [("FORUM", lambda found: found.forum.id), *table]
        headers = [header for header, _ in table]
        rows = [[cell(item) for _, cell in table] for item in items]
        width = shutil.get_terminal_size().columns
        flexible = [i for i, header in enumerate(headers) if header in _LONG_TEXT]
        # Decorations only for people: a pipe gets the bare table.
        out.write(
            render_table(
                headers, rows, width=width, flexible=flexible, rule=out.isatty()
            )
        )


def _csv_rows(
    columns: Sequence[Column], rows: Iterable[Row], *, csv_safe: bool = False
) -> str:
    """A header row of the column names, then each row's cells."""
    safe = _spreadsheet_safe if csv_safe else str
    body = [[safe(csv_cell(cell)) for cell in row] for row in rows]
    return _csv_text([[column.name for column in columns], *body])


def _csv_text(rows: Sequence[Sequence[str]]) -> str:
    """*rows* as CSV text: one line per row, cells quoted wherever they must be."""
    # csv quotes only cells holding the line terminator's characters, so with
    # "\n" a cell holding a lone CR would be written bare, and readers would
    # split the row there.  Each row is written with "\r\n" and ended in "\n".
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        lines.append(buffer.getvalue().removesuffix("\r\n") + "\n")
    return "".join(lines)


class _Flat:
    """The flat rows of found items, with each forum's facts built once."""

    def __init__(
        self,
        columns: Sequence[Column],
        row: Callable[[ForumFacts, Any], Row],
    ) -> None:
        self.columns = columns
        self._row = row
        self._facts: dict[str, ForumFacts] = {}

    def facts(self, forum: Forum) -> ForumFacts:
        found = self._facts.get(forum.id)
        if found is None or found.forum is not forum:
            found = ForumFacts(forum)
            self._facts[forum.id] = found
        return found

    def rows(self, items: Iterable[query.Found[Any]]) -> Iterator[Row]:
        for found in items:
            yield self._row(self.facts(found.forum), found.item)


def _speaker_columns() -> tuple[list[_Column], _Flat]:
    flat = _Flat(SPEAKER_COLUMNS, ForumFacts.speaker_row)

    def roles(found: query.Found[Speaker]) -> str:
        return _roles_text(found.item, flat.facts(found.forum).organizations)

    table: list[_Column] = [
        ("ID", lambda f: f.item.id),
        ("NAME", lambda f: f.item.name),
        ("ROLES", roles),
    ]
    return table, flat


def _statement_columns() -> tuple[list[_Column], _Flat]:
    def name(found: query.Found[Statement]) -> str:
        return found.forum.speaker(found.item.speaker_id).name

    def topics(found: query.Found[Statement]) -> str:
        return ", ".join(found.item.topics)

    table: list[_Column] = [
        ("SPEAKER", name),
        ("TEXT", lambda f: f.item.text),
        ("TOPICS", topics),
    ]
    return table, _Flat(STATEMENT_COLUMNS, ForumFacts.statement_row)


def _organization_columns() -> tuple[list[_Column], _Flat]:
    table: list[_Column] = [
        ("ID", lambda f: f.item.id),
        ("NAME", lambda f: f.item.name),
        ("KIND", lambda f: f.item.kind.value),
        ("COUNTRY", lambda f: f.item.country or ""),
        ("PARENT", lambda f: f.item.parent_id or ""),
    ]
    return table, _Flat(ORGANIZATION_COLUMNS, ForumFacts.organization_row)


# --- commands --------------------------------------------------------------------


def _speakers(args: argparse.Namespace) -> int:
    corpus = _read_corpus(args.files)
    found = query.speakers(corpus, **_filter_values(args, Target.SPEAKERS))
    _emit(
        found,
        args.format,
        *_speaker_columns(),
        csv_safe=args.csv_safe,
        forums=len(corpus.forums),
    )
    return 0


def _statements(args: argparse.Namespace) -> int:
    corpus = _read_corpus(args.files)
    found = query.statements(corpus, **_filter_values(args, Target.STATEMENTS))
    _emit(
        found,
        args.format,
        *_statement_columns(),
        csv_safe=args.csv_safe,
        forums=len(corpus.forums),
    )
    return 0


def _organizations(args: argparse.Namespace) -> int:
    corpus = _read_corpus(args.files)
    found = query.organizations(corpus, **_filter_values(args, Target.ORGANIZATIONS))
    _emit(
        found,
        args.format,
        *_organization_columns(),
        csv_safe=args.csv_safe,
        forums=len(corpus.forums),
    )
    return 0


def _validate(args: argparse.Namespace) -> int:
    code = 0
    for given in args.files:
        files = list(corpus_files([given]))
        if not files:
            # Silence would read as "all valid" for a mistyped directory.
            print(f"{_shown(given)}: note: the directory holds no *.json files")
        for file in files:
            path = str(file)
            code = max(code, _validate_one(path))
            for temporary in stale_temporaries(path):
                print(
                    f"{_shown(path)}: note: {_shown(str(temporary))} is a temporary "
                    "file left by an interrupted write; it can be deleted"
                )
    return code


def _validate_one(path: str) -> int:
    try:
        _read_file(path)
    except _UsageError as unreadable:
        print(f"aigov: error: {unreadable}", file=sys.stderr)
        return _EXIT_USAGE
    except _InvalidForumError as invalid:
        count = len(invalid.error.errors)
        noun = "problem" if count == 1 else "problems"
        print(f"{_shown(path)}: invalid, {count} {noun}:")
        for line in _problem_lines(invalid.error):
            print(line)
        return _EXIT_PROBLEMS
    print(f"{_shown(path)}: valid")
    return 0


# --- the parser --------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr."""

    def error(self, message: str) -> NoReturn:
        self.exit(
            _EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n"
        )


def _command(
    commands: Any,  # noqa: ANN401 - argparse's subparsers action is private
    name: str,
    *,
    help_: str,
    description: str,
    examples: str,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help_,
        description=description,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


_FILE_HELP = (
    "forum JSON files, directories of them (searched for *.json) and JSON "
    "Lines files (*.jsonl); default: the bundled 2021 forum"
)


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (default; fits the terminal), json (an array of objects, "
        "one a line) or csv (with a header row)",
    )
    parser.add_argument(
        "--csv-safe",
        action="store_true",
        help="in csv output, put a ' before cells that start with =, +, -, @, "
        "tab or CR, so that spreadsheets do not run them as formulas",
    )


def _add_filters(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup,
    target: Target,
    *,
    speaker_side: bool | None = None,
) -> None:
    """Add the options of *target*'s filters, as the filter table declares them.

    *speaker_side* picks the filters about speakers (``True``), the others
    (``False``) or all of them (``None``).
    """
    filters = keyword_filters(target)
    for keyword in _keywords(target):
        spec = filters[keyword]
        if speaker_side is not None and is_speaker_side(spec) != speaker_side:
            continue
        option = spec.option
        extra: dict[str, Any] = {}
        if option.nargs is not None:
            extra = {"nargs": option.nargs, "const": option.const}
        parser.add_argument(
            option_name(keyword),
            dest=keyword,
            metavar=option.metavar,
            help=spec.help[target],
            **extra,
        )


_KEYWORD_FUNCTIONS: dict[Target, Callable[..., object]] = {
    Target.SPEAKERS: query.speakers,
    Target.STATEMENTS: query.statements,
    Target.ORGANIZATIONS: query.organizations,
}


def _keywords(target: Target) -> list[str]:
    """*target*'s filter keywords, in the order of its function's signature."""
    # The signature's order is the one users read in the API docs and cli.rst.
    order = list(inspect.signature(_KEYWORD_FUNCTIONS[target]).parameters)
    return sorted(keyword_filters(target), key=order.index)


def _add_speaker_filters(parser: argparse.ArgumentParser, target: Target) -> None:
    group = parser.add_argument_group("speaker filters (all must hold)")
    _add_filters(group, target, speaker_side=True)


def _filter_values(args: argparse.Namespace, target: Target) -> dict[str, Any]:
    """The keyword arguments of *target*'s keyword function, from the options."""
    return {keyword: getattr(args, keyword) for keyword in keyword_filters(target)}


def _add_show(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    show = _command(
        commands,
        "show",
        help_="print a forum's summary",
        description="Print each forum's sessions, statements and speakers.",
        examples="  aigov show\n  aigov show my-forum.json\n  aigov show forums/\n"
        "  aigov show --evidence",
    )
    show.add_argument("files", nargs="*", metavar="PATH", help=_FILE_HELP)
    show.add_argument(
        "--evidence",
        action="store_true",
        help="after each session, statement, speaker and role, print the "
        'passages of the sources that state it: [start:end] "passage"',
    )
    show.set_defaults(run=_show)


def _add_speakers(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    speakers = _command(
        commands,
        "speakers",
        help_="list the speakers that match filters",
        description="List the speakers that match every filter given, forum by "
        "forum, in forum order.  Put PATH before --ministry, which takes an optional value.",
        examples="  aigov speakers --ministry\n"
        "  aigov speakers --country China --title dean\n"
        "  aigov speakers my-forum.json --ministry 'foreign affairs' --format csv\n"
        "  aigov speakers forums/ all.jsonl --country CN",
    )
    speakers.add_argument("files", nargs="*", metavar="PATH", help=_FILE_HELP)
    _add_speaker_filters(speakers, Target.SPEAKERS)
    _add_filters(speakers, Target.SPEAKERS, speaker_side=False)
    _add_format(speakers)
    speakers.set_defaults(run=_speakers)


def _add_statements(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    statements = _command(
        commands,
        "statements",
        help_="list the statements that match filters",
        description="List the statements that match every filter given, forum by "
        "forum, in forum order.  Speaker filters mean 'made by a speaker who matches'.",
        examples="  aigov statements --contains privacy\n"
        "  aigov statements --speaker 'Li Meng'\n"
        "  aigov statements --ministry --topic security --format json",
    )
    statements.add_argument("files", nargs="*", metavar="PATH", help=_FILE_HELP)
    group = statements.add_argument_group("statement filters")
    _add_filters(group, Target.STATEMENTS, speaker_side=False)
    _add_speaker_filters(statements, Target.STATEMENTS)
    _add_format(statements)
    statements.set_defaults(run=_statements)


def _add_organizations(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    organizations = _command(
        commands,
        "organizations",
        help_="list the organisations that match filters",
        description="List the organisations that match every filter given, "
        "forum by forum, in forum order.  Units inside an organisation share its kind and country.",
        examples="  aigov organizations --country CN\n"
        "  aigov organizations --within Tsinghua\n"
        "  aigov organizations --kind ministry --format csv",
    )
    organizations.add_argument("files", nargs="*", metavar="PATH", help=_FILE_HELP)
    _add_filters(organizations, Target.ORGANIZATIONS)
    _add_format(organizations)
    organizations.set_defaults(run=_organizations)


def _add_validate(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    validate = _command(
        commands,
        "validate",
        help_="check forum files",
        description="Check forum JSON files, the *.json files of directories and "
        "JSON Lines files.  Prints the first "
        f"{_SHOWN_PROBLEMS} problems of each file with their locations and "
        "counts the rest, and names temporary files that interrupted writes "
        "left beside it.  Exit status: 0 if all are valid, 1 if any is "
        "invalid, 2 if any cannot be read.",
        examples="  aigov validate forum-2021.json forum-2022.json\n  aigov validate forums/",
    )
    validate.add_argument(
        "files",
        nargs="+",
        metavar="PATH",
        help="forum JSON files, directories of them (searched for *.json) and "
        "JSON Lines files (*.jsonl)",
    )
    validate.set_defaults(run=_validate)


def _schema(args: argparse.Namespace) -> int:
    from aigov._schema import schema_classes, schema_text  # noqa: PLC0415 - only this command needs them

    print(schema_text(schema_classes()[args.cls]))
    return 0


def _add_schema(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    from aigov._schema import schema_classes  # noqa: PLC0415 - keeps other commands light

    schema = _command(
        commands,
        "schema",
        help_="print the JSON Schema of aigov documents",
        description="Print the JSON Schema (draft 2020-12) of aigov documents, "
        "as canonical JSON.",
        examples="  aigov schema\n  aigov schema --class Speaker",
    )
    schema.add_argument(
        "--class",
        dest="cls",
        default="Forum",
        choices=sorted(schema_classes()),
        help="the model class whose documents to describe (default: Forum)",
    )
    schema.set_defaults(run=_schema)


# --- extract --------------------------------------------------------------------

#: The largest report ``extract`` reads: a press report is kilobytes long.
_LONGEST_REPORT = 50 * 1024 * 1024
#: How much of a statement's passage the review shows.
_LONGEST_PASSAGE = 240
_DATE_FORMS = ("YYYY", "YYYY-MM", "YYYY-MM-DD")


def _parse_date(value: str) -> datetime.date | PartialDate:
    """``--date``: a year, a month of a year, or a day."""
    parts = value.split("-")
    try:
        if len(parts) == 3:  # noqa: PLR2004 - year, month and day
            return datetime.date.fromisoformat(value)
        if len(parts) <= 2 and all(p.isascii() and p.isdigit() for p in parts):  # noqa: PLR2004 - year and month
            month = int(parts[1]) if len(parts) == 2 else None  # noqa: PLR2004 - year and month
            return PartialDate(year=int(parts[0]), month=month)
    except (ValueError, ValidationError):
        pass
    msg = f"--date: {_shown(repr(value))} is not a date; use {', '.join(_DATE_FORMS)}"
    raise _UsageError(msg)


def _read_report(path: str) -> str:
    """The text of the report *path* (``-``: standard input), HTML reduced to its article."""
    from aigov._extraction._html import article_text, looks_like_html  # noqa: PLC0415 - only this command needs it

    name = None if path == "-" else path
    shown = _shown(path) if name is not None else "standard input"
    if name is None:
        stream = getattr(sys.stdin, "buffer", None)
        # Bytes where the stream has them, so that bad UTF-8 is reported, not raised.
        data: bytes | str = (
            stream.read(_LONGEST_REPORT + 1)
            if stream is not None
            else sys.stdin.read(_LONGEST_REPORT + 1)
        )
    else:
        try:
            data = read_at_most(path, _LONGEST_REPORT)
        except OSError as exc:
            raise _UsageError(_cannot_read(path, exc)) from None
        except ValidationError:
            msg = f"cannot read {shown}: larger than {_LONGEST_REPORT} bytes"
            raise _UsageError(msg) from None
    if len(data) > _LONGEST_REPORT:
        msg = f"cannot read {shown}: larger than {_LONGEST_REPORT} bytes"
        raise _UsageError(msg)
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        msg = f"cannot read {shown}: not UTF-8 text (byte {exc.start})"
        raise _UsageError(msg) from None
    if not looks_like_html(text, name):
        return text
    try:
        article = article_text(text)
    except MissingExtraError as exc:
        raise _UsageError(str(exc)) from None
    if article is None:
        msg = f"{shown} is an HTML page without article text"
        raise _UsageError(msg)
    return article


def _review(forum: Forum, out: TextIO) -> None:
    """What the extraction found: speakers with roles, statements with verbs and passages."""
    when = forum.start_date.isoformat() if forum.start_date is not None else "no date"
    _say(out, f"{forum.name} ({when})")
    organizations = {o.id: o for o in forum.organizations}
    _say(out, f"{len(forum.speakers)} speakers:")
    for speaker in forum.speakers:
        kind = "" if speaker.kind is SpeakerKind.PERSON else f" [{speaker.kind.value}]"
        _say(out, f"  {speaker.name}{kind}")
        for role in speaker.roles:
            _say(out, f"    {role_text(role, organizations)}")
    statements = forum.all_statements()
    _say(out, f"{len(statements)} statements:")
    names = {speaker.id: speaker.name for speaker in forum.speakers}
    for statement in statements:
        verb = statement.verb or "(no verb)"
        _say(out, f"  {names[statement.speaker_id]} {verb} ({statement.kind.value}):")
        for evidence in statement.evidence[:1]:
            passage = bounded(" ".join(evidence.text.split()), _LONGEST_PASSAGE)
            _say(out, f"    [{evidence.start}:{evidence.end}] {passage}")


def _extract(args: argparse.Namespace) -> int:
    from aigov.exceptions import ExtractionError  # noqa: PLC0415 - only this command needs it
    from aigov.extract import extract  # noqa: PLC0415 - keeps other commands light

    start_date = _parse_date(args.date) if args.date is not None else None
    text = _read_report(args.report)
    source = None
    if args.title is not None or args.url is not None or args.publisher is not None:
        try:
            source = Source(
                title=args.title if args.title is not None else _first_line(text),
                url=args.url,
                publisher=args.publisher,
            )
        except ValidationError as exc:
            raise _UsageError(str(exc.errors[0])) from None
    try:
        forum = extract(text, source=source, name=args.name, start_date=start_date)
    except ExtractionError as exc:
        print(f"aigov: error: {_shown(str(exc))}", file=sys.stderr)
        return _EXIT_PROBLEMS
    except ValidationError as exc:
        msg = f"--name: {exc.errors[0].message}"
        raise _UsageError(msg) from None
    # The forum is saved before the review is printed: a reader of the review
    # that goes away (``| head``) must not cost the forum.
    if args.output is not None:
        try:
            dump(forum, args.output)
        except OSError as exc:
            msg = f"cannot write {_shown(args.output)}: {_shown(exc.strerror or str(exc))}"
            raise _UsageError(msg) from None
    if args.format == "json":
        print(to_json(forum, indent=2))
    _review(forum, sys.stderr)
    if args.output is None and args.format != "json":
        print(
            "aigov: the forum was not saved: give -o FILE or --format json",
            file=sys.stderr,
        )
    return 0


def _first_line(text: str) -> str:
    from aigov._extraction._forum import first_line  # noqa: PLC0415 - only this command needs it

    return first_line(text) if text.strip() else "report"


def _add_extract(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    extract = _command(
        commands,
        "extract",
        help_="draft a forum from a press report",
        description="Draft a forum from a press report: speakers, roles, "
        "organisations, sessions and statements, each with the passage that "
        "states it.  Prints a review to standard error; writes the forum to "
        "-o FILE or, with --format json, to standard output.  An HTML page "
        "(.html, .htm, or markup) is reduced to its article text first, with "
        "the 'html' extra.",
        examples="  aigov extract report.txt -o forum.json\n"
        "  aigov extract page.html --url https://example.org/news --format json\n"
        "  cat report.txt | aigov extract - --date 2021-12 -o forum.json",
    )
    extract.add_argument(
        "report", metavar="REPORT", help="the report's file, or - for standard input"
    )
    extract.add_argument("--url", help="where the report is published")
    extract.add_argument("--title", help="the report's title (default: its first line)")
    extract.add_argument("--publisher", help="who published the report")
    extract.add_argument("--name", help="the forum's name, instead of the report's")
    extract.add_argument(
        "--date",
        metavar="D",
        help="the forum's date, instead of the report's: YYYY, YYYY-MM or YYYY-MM-DD",
    )
    extract.add_argument(
        "-o", "--output", metavar="FILE", help="write the forum here (JSON)"
    )
    extract.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table (default: the review only) or json (also the forum on standard output)",
    )
    extract.set_defaults(run=_extract)


# --- export -------------------------------------------------------------------

#: The files ``export --to csv`` writes, with their columns and rows.
_CSV_FILES: tuple[tuple[str, Sequence[Column], Callable[[Corpus], list[Row]]], ...] = (
    ("statements.csv", STATEMENT_COLUMNS, statement_rows),
    ("speakers.csv", SPEAKER_COLUMNS, speaker_rows),
    ("organizations.csv", ORGANIZATION_COLUMNS, organization_rows),
)


@attrs.frozen
class _Exporter:
    """Where ``export --to FORMAT`` finds its writer, imported by name when used.

    Attributes:
        module: The module that holds the writer.
        function: The writer, called as ``function(corpus, path, overwrite=...)``.
        file: The file it writes in OUTDIR; ``None`` where it writes OUTDIR
            itself, as a directory.
    """

    module: str
    function: str
    file: str | None = None


#: Every format but csv, which the command line writes itself with the
#: standard library.  Their modules may need extras, so each is imported only
#: when asked for.
_EXPORTERS: dict[str, _Exporter] = {
    "parquet": _Exporter("aigov.tables", "write_parquet"),
    "datapackage": _Exporter("aigov.tables", "write_datapackage"),
    "popolo": _Exporter("aigov.popolo", "write_popolo", "forums.popolo.json"),
    "jsonld": _Exporter("aigov.jsonld", "write_jsonld", "forums.jsonld"),
}
_EXPORT_FORMATS = ("parquet", "datapackage", "csv", "popolo", "jsonld")


def _writer(fmt: str) -> Callable[..., object]:
    """The function that writes *fmt*, or a usage error saying why there is none."""
    exporter = _EXPORTERS[fmt]
    name = f"{exporter.module}.{exporter.function}"
    try:
        module = importlib.import_module(exporter.module)
    except MissingExtraError as exc:
        msg = f"--to {fmt}: {exc}"
        raise _UsageError(msg) from None
    except ImportError as exc:
        msg = f"--to {fmt} needs {name}, which cannot be imported: {exc}"
        raise _UsageError(msg) from None
    writer = getattr(module, exporter.function, None)
    if not callable(writer):
        msg = f"--to {fmt} needs {name}, which this version of aigov lacks"
        raise _UsageError(msg)
    return writer  # type: ignore[no-any-return]


def _refuse_to_overwrite(target: Path, *, overwrite: bool) -> None:
    if target.exists() and not target.is_dir():
        msg = f"{_shown(str(target))} is not a directory"
        raise _UsageError(msg)
    if not overwrite and target.is_dir() and any(target.iterdir()):
        msg = f"{_shown(str(target))} is not empty; pass --overwrite to write into it"
        raise _UsageError(msg)


def _export(args: argparse.Namespace) -> int:
    fmt, outdir = args.to
    if fmt not in _EXPORT_FORMATS:
        msg = f"--to: {_shown(repr(fmt))} is not a format; use one of {', '.join(_EXPORT_FORMATS)}"
        raise _UsageError(msg)
    target = Path(outdir)
    # Checked before the files are read: a mistake costs no waiting.
    _refuse_to_overwrite(target, overwrite=args.overwrite)
    writer = None if fmt == "csv" else _writer(fmt)
    corpus = _read_corpus(args.files, progress=True)
    try:
        target.mkdir(parents=True, exist_ok=True)
        if writer is None:
            for name, columns, rows in _CSV_FILES:
                text = _csv_rows(columns, rows(corpus), csv_safe=args.csv_safe)
                write_atomic(target / name, text.encode("utf-8"))
        else:
            file = _EXPORTERS[fmt].file
            writer(
                corpus,
                target if file is None else target / file,
                overwrite=args.overwrite,
            )
    except MissingExtraError as exc:
        msg = f"--to {fmt}: {exc}"
        raise _UsageError(msg) from None
    except FileExistsError as exc:
        raise _UsageError(_shown(str(exc))) from None
    except OSError as exc:
        msg = f"cannot write {_shown(outdir)}: {_shown(exc.strerror or str(exc))}"
        raise _UsageError(msg) from None
    return 0


def _add_export(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    export = _command(
        commands,
        "export",
        help_="write forums in a format other tools read",
        description="Write the forums of the PATHs (default: the bundled forum) "
        "to the directory OUTDIR, which must be new or empty unless --overwrite: "
        "csv (statements.csv, speakers.csv and organizations.csv, one flat row "
        "per statement, speaker and organisation; no extra needed), parquet or "
        "datapackage (aigov.tables, the 'arrow' extra), popolo "
        "(forums.popolo.json) or jsonld (forums.jsonld).  A progress bar shows on "
        "a terminal while many files are read, with the 'progress' extra.",
        examples="  aigov export forums/ --to csv out/\n"
        "  aigov export forums/ all.jsonl --to parquet dataset/\n"
        "  aigov export --to csv out/ --overwrite --csv-safe",
    )
    export.add_argument("files", nargs="*", metavar="PATH", help=_FILE_HELP)
    export.add_argument(
        "--to",
        nargs=2,
        required=True,
        metavar=("FORMAT", "OUTDIR"),
        help=f"the format ({', '.join(_EXPORT_FORMATS)}) and the directory to write",
    )
    export.add_argument(
        "--overwrite",
        action="store_true",
        help="write into OUTDIR even if it holds files (those of the same names are replaced)",
    )
    export.add_argument(
        "--csv-safe",
        action="store_true",
        help="with --to csv, put a ' before cells that start with =, +, -, @, "
        "tab or CR, so that spreadsheets do not run them as formulas",
    )
    export.set_defaults(run=_export)


# --- people across forums ---------------------------------------------------


def _people_command(args: argparse.Namespace) -> int:
    # Imported on use: the other commands do not need them.
    import json  # noqa: PLC0415
    from collections import Counter  # noqa: PLC0415

    from aigov._links import Links, load_links  # noqa: PLC0415
    from aigov._people import people  # noqa: PLC0415

    forums = _read_corpus(args.paths).forums
    links = Links()
    if args.links is not None:
        try:
            links = load_links(args.links)
        except OSError as exc:
            raise _UsageError(_cannot_read(args.links, exc)) from None
        except ValidationError as exc:
            msg = f"--links: {exc.errors[0]}"
            raise _UsageError(msg) from None
    reference = () if args.reference is None else _read_popolo(args.reference).persons
    try:
        found = people(
            forums, same=links.same, different=links.different, reference=reference
        )
    except ValidationError as exc:
        msg = f"--links: {exc.errors[0]}"
        raise _UsageError(msg) from None
    statements: Counter[tuple[str, str]] = Counter(
        (forum.id, statement.speaker_id)
        for forum in forums
        for statement in forum.all_statements()
    )
    rows = [
        (
            person,
            list(dict.fromkeys(forum_id for forum_id, _ in person.speakers)),
            sum(statements[ref] for ref in person.speakers),
        )
        for person in found
    ]
    out = sys.stdout
    if args.format == "json":
        documents = [
            {
                "name": person.name,
                "kind": person.kind.value,
                "forums": forum_ids,
                "speakers": [list(ref) for ref in person.speakers],
                "statements": count,
                "reasons": list(person.reasons),
            }
            for person, forum_ids, count in rows
        ]
        out.write(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        safe = _spreadsheet_safe if args.csv_safe else str
        header = ["name", "kind", "forums", "speakers", "statements", "reasons"]
        body = [
            [
                safe(person.name),
                person.kind.value,
                safe(";".join(forum_ids)),
                safe(";".join(f"{f}/{s}" for f, s in person.speakers)),
                str(count),
                ";".join(person.reasons),
            ]
            for person, forum_ids, count in rows
        ]
        out.write(_csv_text([header, *body]))
    else:
        table = [
            [person.name, ", ".join(forum_ids), str(count), "; ".join(person.reasons)]
            for person, forum_ids, count in rows
        ]
        out.write(
            render_table(
                ["NAME", "FORUMS", "STATEMENTS", "WHY"],
                table,
                width=shutil.get_terminal_size().columns,
                flexible=[1, 3],
                rule=out.isatty(),
            )
        )
    return 0


def _add_people(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    command = _command(
        commands,
        "people",
        help_="list the people across forums",
        description="Group the speakers of many forums into people (by shared "
        "identifiers and names) and list each with its forums, its statement "
        "count and why its speakers were grouped.",
        examples="  aigov people forums/\n"
        "  aigov people a.json b.json --links links.json --format csv",
    )
    command.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="forum JSON or JSON Lines files, or directories of them (default: the bundled forum)",
    )
    command.add_argument(
        "--links",
        metavar="FILE",
        help="a links file of speakers that are, or are not, the same person",
    )
    command.add_argument(
        "--reference",
        metavar="FILE",
        help="a Popolo JSON file whose persons (with their Wikidata or other "
        "identifiers and other names) link the forums' speakers",
    )
    _add_format(command)
    command.set_defaults(run=_people_command)


# --- data in from other formats -----------------------------------------------


def _read_popolo(path: str) -> Any:  # noqa: ANN401 - a PopoloImport, imported on use
    """The Popolo file *path*, read; its problems as usage errors naming the file."""
    from aigov.popolo import read_popolo  # noqa: PLC0415 - only this command needs it

    try:
        return read_popolo(path)
    except OSError as exc:
        raise _UsageError(_cannot_read(path, exc)) from None
    except ValidationError as exc:
        raise _InvalidForumError(path, exc, "a valid Popolo document") from None


def _import(args: argparse.Namespace) -> int:
    target = None if args.output is None else Path(args.output)
    # Checked before the file is read, as dump_corpus would check it after.
    if (
        target is not None
        and target.exists()
        and not args.overwrite
        and (not target.is_dir() or any(target.iterdir()))
    ):
        msg = f"{_shown(args.output)} exists; pass --overwrite to replace it"
        raise _UsageError(msg)
    imported = _read_popolo(args.file)
    for note in imported.notes:
        print(f"aigov: note: {_shown(str(note))}", file=sys.stderr)
    if target is None:
        # JSON Lines on standard output: what load_corpus reads from a .jsonl file.
        for forum in imported.corpus.forums:
            sys.stdout.write(to_json(forum) + "\n")
        where = "standard output"
    else:
        try:
            dump_corpus(imported.corpus, target, overwrite=args.overwrite)
        except FileExistsError as exc:
            raise _UsageError(_shown(str(exc))) from None
        except OSError as exc:
            msg = f"cannot write {_shown(args.output)}: {_shown(exc.strerror or str(exc))}"
            raise _UsageError(msg) from None
        where = _shown(args.output)
    forums = len(imported.corpus.forums)
    print(
        f"aigov: {where}: {forums} forum{'' if forums == 1 else 's'}, "
        f"{len(imported.persons)} persons, {len(imported.notes)} notes",
        file=sys.stderr,
    )
    return 0


def _add_import(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    command = _command(
        commands,
        "import",
        help_="read forums written in another format",
        description="Read FILE in FORMAT (popolo: a Popolo JSON document with "
        "persons, organizations, memberships, events and speeches) and write its "
        "forums as aigov forum files to OUTPUT: a directory, one file per forum, "
        "or a JSON Lines file if OUTPUT ends in .jsonl; without OUTPUT, as JSON "
        "Lines on standard output.  What aigov cannot hold "
        "(membership dates, posts, areas, ...) is listed on standard error, one "
        "note a line.  To link speakers with the file's persons, pass it to "
        "'aigov people --reference'.",
        examples="  aigov import popolo everypolitician.json forums/\n"
        "  aigov import popolo meeting.popolo.json all.jsonl --overwrite\n"
        "  aigov import popolo meeting.popolo.json > all.jsonl",
    )
    command.add_argument(
        "format",
        choices=("popolo",),
        metavar="FORMAT",
        help="the format of FILE: popolo",
    )
    command.add_argument("file", metavar="FILE", help="the file to read")
    command.add_argument(
        "output",
        nargs="?",
        metavar="OUTPUT",
        help="a new directory, or a .jsonl file (default: JSON Lines on standard output)",
    )
    command.add_argument(
        "--overwrite",
        action="store_true",
        help="write into OUTPUT even if it exists (files of the same names are replaced)",
    )
    command.set_defaults(run=_import)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for the ``aigov`` command."""
    parser = _Parser(
        prog="aigov",
        description="Explore data about AI-governance forums.",
        epilog="examples:\n  aigov show\n  aigov speakers --ministry\n"
        "  aigov statements --contains privacy --format json\n\n"
        "Run 'aigov COMMAND --help' for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # One function per command: adding a command is adding a line here.
    for add in (
        _add_show,
        _add_speakers,
        _add_statements,
        _add_organizations,
        _add_validate,
        _add_schema,
        _add_extract,
        _add_people,
        _add_export,
        _add_import,
    ):
        add(commands)
    return parser


def _option(command: str, location: str) -> str:
    """The option of *command* that a filter's error at *location* is about."""
    option = None
    if command in {target.value for target in Target}:
        option = option_for(Target(command), location)
    return option or f"--{location}"


def _fail(message: str) -> int:
    print(f"aigov: error: {_shown(message)}", file=sys.stderr)
    return _EXIT_USAGE


def _silence_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so that exiting cannot fail again."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file: nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def _stdout_closed() -> bool:
    # Python sets sys.stdout to None when file descriptor 1 is closed (">&-").
    return sys.stdout is None or sys.stdout.closed


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one exit per way out
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if _stdout_closed():
        return _fail("standard output is closed")
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except _UsageError as exc:
        return _fail(str(exc))
    except _InvalidForumError as exc:
        lines = [
            f"aigov: error: {_shown(exc.path)} is not {exc.what}:",
            *_problem_lines(exc.error),
        ]
        print("\n".join(lines), file=sys.stderr)
        return _EXIT_USAGE
    except ValidationError as exc:
        # A filter's value: one problem, located at the filter's name.
        detail = exc.errors[0]
        return _fail(f"{_option(args.command, detail.location)}: {detail.message}")
    except KeyboardInterrupt:
        return _EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as Unix tools do.
        _silence_stdout()
        return _EXIT_PROBLEMS
    except UnicodeEncodeError as exc:
        encoding = getattr(sys.stdout, "encoding", None) or "its encoding"
        return _fail(
            f"cannot write the output: standard output ({encoding}) cannot hold "
            f"{exc.object[exc.start : exc.end]!r}; set PYTHONIOENCODING=utf-8"
        )
    except OSError as exc:
        # Files are read in _read_corpus, which reports its own errors: this is
        # the output failing, such as a full disk.
        _silence_stdout()
        return _fail(f"cannot write the output: {exc.strerror or exc}")
    return code
