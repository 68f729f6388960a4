import argparse
import ast
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import aigov
from aigov import datasets, query
from aigov._cli import _option, build_parser
from aigov._filters import FILTERS, Target, keyword_filters, option_for, option_name
from aigov.query import Predicate

FORUM = datasets.tsinghua_2021()

KEYWORD_FUNCTIONS: dict[Target, Callable[..., Any]] = {
    Target.SPEAKERS: query.speakers,
    Target.STATEMENTS: query.statements,
    Target.ORGANIZATIONS: query.organizations,
}

#: A value that each filter's builder accepts and that names something in FORUM.
SAMPLES = {
    "country": "CN",
    "ministry": "MIIT",
    "within": "Tsinghua",
    "kind": "university",
    "speaker_kind": "person",
    "title": "dean",
    "speaker": "Li Meng",
    "session": "opening-ceremony",
    "part": "chair",
    "topic": "privacy",
    "contains": "privacy",
}


def keyword_parameters(function: Callable[..., Any]) -> list[str]:
    return [
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]


def command_options(command: str) -> dict[str, argparse.Action]:
    parser = build_parser()
    commands = next(
        action
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    sub = commands.choices[command]
    return {
        option: action for action in sub._actions for option in action.option_strings
    }


@pytest.mark.parametrize("target", list(Target))
def test_keyword_functions_take_exactly_the_registry_keywords(target: Target) -> None:
    """Each keyword function's keyword-only parameters are its filters' keywords."""
    assert sorted(keyword_parameters(KEYWORD_FUNCTIONS[target])) == sorted(
        keyword_filters(target)
    )


@pytest.mark.parametrize("target", list(Target))
def test_keyword_parameters_default_to_no_filter(target: Target) -> None:
    """Every keyword parameter defaults to None: leaving it out filters nothing."""
    parameters = inspect.signature(KEYWORD_FUNCTIONS[target]).parameters
    assert all(
        parameters[keyword].default is None for keyword in keyword_filters(target)
    )


def test_every_filter_has_a_public_builder_of_its_name() -> None:
    """FILTERS' names are the builders of aigov.query, and their reprs."""
    assert set(SAMPLES) == set(FILTERS)
    for name, value in SAMPLES.items():
        assert name in query.__all__
        predicate = getattr(query, name)(value)
        assert isinstance(predicate, Predicate)
        assert repr(predicate).startswith(f"{name}(")


@pytest.mark.parametrize(
    ("target", "keyword"),
    [(t, k) for t in Target for k in keyword_filters(t)],
)
def test_a_keyword_selects_what_its_builder_selects(
    target: Target, keyword: str
) -> None:
    """speakers(f, country=v) is speakers(f, country(v)), for every keyword."""
    spec = keyword_filters(target)[keyword]
    value = SAMPLES[spec.name]
    function = KEYWORD_FUNCTIONS[target]
    predicate = getattr(query, spec.name)(value)
    assert function(FORUM, **{keyword: value}) == function(FORUM, predicate)


@pytest.mark.parametrize(
    ("target", "keyword"),
    [(t, k) for t in Target for k in keyword_filters(t)],
)
def test_every_keyword_is_an_option_of_its_command(
    target: Target, keyword: str
) -> None:
    """The command of a keyword function has an option per keyword, with its help."""
    spec = keyword_filters(target)[keyword]
    action = command_options(target.value)[option_name(keyword)]
    assert action.help == spec.help[target]
    assert action.metavar == spec.option.metavar


@pytest.mark.parametrize("command", [t.value for t in Target])
def test_commands_have_no_filter_options_beyond_the_registry(command: str) -> None:
    """Every option of a query command is a filter keyword or an output option."""
    options = set(command_options(command)) - {"-h", "--help", "--format", "--csv-safe"}
    assert options == {option_name(k) for k in keyword_filters(Target(command))}


@pytest.mark.parametrize("target", list(Target))
def test_help_lists_filter_options_in_signature_order(target: Target) -> None:
    """Within each group, --help lists the options in the keyword function's order."""
    order = keyword_parameters(KEYWORD_FUNCTIONS[target])
    parser = build_parser()
    commands = next(
        action
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    for group in commands.choices[target.value]._action_groups:
        listed = [
            action.dest for action in group._group_actions if action.dest in order
        ]
        assert listed == sorted(listed, key=order.index)


@pytest.mark.parametrize(
    ("command", "location", "option"),
    [
        ("speakers", "organization", "--organization"),
        ("statements", "organization", "--organization"),
        ("organizations", "organization", "--within"),
        ("statements", "contains", "--contains"),
        ("speakers", "country", "--country"),
        ("speakers", "speaker_kind", "--speaker-kind"),
        ("statements", "part", "--part"),
    ],
)
def test_an_error_location_maps_back_to_the_option(
    command: str, location: str, option: str
) -> None:
    """A filter's error location names the option the user typed."""
    assert option_for(Target(command), location) == option
    assert _option(command, location) == option


def test_a_keyword_of_two_words_is_an_option_with_a_hyphen() -> None:
    """speaker_kind= is --speaker-kind on the command line, as options are spelt."""
    assert option_name("speaker_kind") == "--speaker-kind"
    assert "--speaker-kind" in command_options("speakers")
    assert "--speaker_kind" not in command_options("speakers")


@pytest.mark.parametrize(
    ("name", "value", "member"),
    [
        ("part", "Keynote", aigov.Part.KEYNOTE),
        ("part", aigov.Part.MODERATOR, aigov.Part.MODERATOR),
        ("speaker_kind", " DELEGATION ", aigov.SpeakerKind.DELEGATION),
        ("speaker_kind", aigov.SpeakerKind.GROUP, aigov.SpeakerKind.GROUP),
    ],
)
def test_an_enum_filter_takes_a_member_or_its_value_in_any_case(
    name: str, value: object, member: object
) -> None:
    """part() and speaker_kind() normalise a value, in any case, to its member."""
    assert FILTERS[name].prepare(value) is member


def test_a_location_of_no_filter_maps_to_no_option() -> None:
    """option_for answers None for a location no filter of the command has."""
    assert option_for(Target.ORGANIZATIONS, "speaker") is None


QUERY_LAYER = ("query", "_query", "_filters", "_index", "_match", "_corpus", "_people")
#: What the query layer may build on: the model and the helpers below it.
GROUND = {"_model", "_countries", "_text", "_limits", "exceptions"}


def aigov_imports(module: str) -> set[str]:
    """The aigov modules *module* imports anywhere, in functions too."""
    source = (Path(aigov.__file__).parent / f"{module}.py").read_text(encoding="utf-8")
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "aigov":
                found |= {alias.name for alias in node.names}
            elif node.module.startswith("aigov."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {
                alias.name.split(".")[1]
                for alias in node.names
                if alias.name.startswith("aigov.")
            }
    return found


@pytest.mark.parametrize("module", QUERY_LAYER)
def test_the_query_layer_builds_only_on_the_model(module: str) -> None:
    """No query module imports the converter, the fast path or the CLI, even late."""
    assert aigov_imports(module) <= GROUND | set(QUERY_LAYER)


def test_the_query_layer_has_no_import_cycle() -> None:
    """The query modules import each other in one direction only."""
    graph = {m: aigov_imports(m) & set(QUERY_LAYER) for m in QUERY_LAYER}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module not in done:
            for imported in graph[module]:
                visit(imported, (*path, module))
            done.add(module)

    for module in QUERY_LAYER:
        visit(module, ())
