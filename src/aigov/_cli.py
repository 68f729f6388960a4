"""The ``aigov`` command line, over the public API (argparse, stdlib only)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from aigov import datasets
from aigov._convert import load
from aigov._model import Forum, Organization, Speaker
from aigov.exceptions import ValidationError

_EXIT_USAGE = 2


def _read_forum(path: str | None) -> Forum:
    return datasets.tsinghua_2021() if path is None else load(path)


def _role_lines(speaker: Speaker, organizations: dict[str, Organization]) -> str:
    parts = []
    for role in speaker.roles:
        org = organizations.get(role.organization_id or "")
        parts.append(role.title if org is None else f"{role.title}, {org.name}")
    return "; ".join(parts)


def render_summary(forum: Forum, out: TextIO) -> None:
    """Write a human-readable summary of *forum* to *out*."""
    _render_header(forum, out)
    _render_sessions(forum, out)
    _render_speakers(forum, out)


def _render_header(forum: Forum, out: TextIO) -> None:
    orgs = {org.id: org for org in forum.organizations}
    when = forum.start_date.isoformat()
    if forum.end_date is not None and forum.end_date != forum.start_date:
        when += f" to {forum.end_date.isoformat()}"
    print(forum.name, file=out)
    print(f"  date: {when}", file=out)
    for label, ids in (("hosts", forum.host_ids), ("supporters", forum.supporter_ids)):
        if ids:
            print(f"  {label}: {', '.join(orgs[i].name for i in ids)}", file=out)
    if forum.location:
        print(f"  location: {forum.location}", file=out)
    if forum.countries:
        print(f"  countries: {', '.join(forum.countries)}", file=out)
    if forum.attendance is not None:
        print(f"  attendance: {forum.attendance}", file=out)


def _render_sessions(forum: Forum, out: TextIO) -> None:
    names = {speaker.id: speaker.name for speaker in forum.speakers}
    print(f"\nSessions ({len(forum.sessions)})", file=out)
    for session in forum.sessions:
        print(f"  {session.title} [{session.kind.value}]", file=out)
        if session.chair_ids:
            chairs = ", ".join(names[i] for i in session.chair_ids)
            print(f"    chaired by {chairs}", file=out)
        if session.speaker_ids:
            speakers = ", ".join(names[i] for i in session.speaker_ids)
            print(f"    speakers: {speakers}", file=out)
        for statement in session.statements:
            verb = f" {statement.verb}" if statement.verb else ":"
            print(
                f"    - {names[statement.speaker_id]}{verb} {statement.text}", file=out
            )
            if statement.topics:
                print(f"      topics: {', '.join(statement.topics)}", file=out)


def _render_speakers(forum: Forum, out: TextIO) -> None:
    orgs = {org.id: org for org in forum.organizations}
    print(f"\nSpeakers ({len(forum.speakers)})", file=out)
    for speaker in forum.speakers:
        roles = _role_lines(speaker, orgs)
        print(f"  {speaker.name}" + (f" ({roles})" if roles else ""), file=out)


def _show(args: argparse.Namespace) -> int:
    render_summary(_read_forum(args.file), sys.stdout)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from aigov._schema import schema_classes, schema_text  # noqa: PLC0415 - only this command needs them

    print(schema_text(schema_classes()[args.cls]))
    return 0


def _add_schema(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    from aigov._schema import schema_classes  # noqa: PLC0415 - keeps other commands light

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of aigov documents",
        description="Print the JSON Schema (draft 2020-12) of aigov documents, "
        "as canonical JSON.",
        epilog="examples:\n  aigov schema\n  aigov schema --class Speaker",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schema.add_argument(
        "--class",
        dest="cls",
        default="Forum",
        choices=sorted(schema_classes()),
        help="the model class whose documents to describe (default: Forum)",
    )
    schema.set_defaults(run=_schema)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for the ``aigov`` command."""
    parser = argparse.ArgumentParser(
        prog="aigov",
        description="Explore data about AI-governance forums.",
        epilog="Example: aigov show",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    show = commands.add_parser(
        "show",
        help="print a forum's summary",
        description="Print a forum's sessions, statements and speakers.",
        epilog="Example: aigov show my-forum.json",
    )
    show.add_argument(
        "file", nargs="?", help="a forum JSON file (default: the bundled 2021 forum)"
    )
    show.set_defaults(run=_show)
    _add_schema(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except OSError as exc:
        print(
            f"aigov: error: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr
        )
        return _EXIT_USAGE
    except ValidationError as exc:
        print(f"aigov: error: invalid forum:\n{exc}", file=sys.stderr)
        return _EXIT_USAGE
    return code
