"""The JSON Schema of scenario files against the loader it is made for.

The schema accepts every scenario the project ships, documents or builds in its tests;
it refuses broken files at the place they are broken; it never refuses a file the
loader accepts (mutations of the shipped scenarios, names, expressions); and in every
mapping it allows and requires exactly the keys the loader does. Files are given to
the schema as the loader sees them (:func:`as_data`): keys and dates as written.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import support
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from triangle.errors import ScenarioError
from triangle.scenario import loads_scenario, parse_expression, scenario_schema, spec
from triangle.scenario.fields import Reader
from triangle.scenario.nodes import Scalar, compose, to_python

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SHIPPED = sorted(SCENARIOS.glob("*.yaml"))
DOC = ROOT / "docs" / "reference" / "scenario-format.md"

SCHEMA = scenario_schema()
VALIDATOR = Draft202012Validator(SCHEMA)


def as_data(text: str, path: str = "x.yaml"):
    """A YAML text as the loader reads it (keys and dates as written), as plain data."""
    return to_python(compose(text, path))


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def all_errors(errors):
    """Every error, and every error behind an anyOf, oneOf or if/then."""
    for error in errors:
        yield error
        yield from all_errors(error.context)


def schema_errors(data) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def loader_error(text: str, path: str = "x.yaml") -> str | None:
    """What the loader says about a file: ``None`` when it reads it."""
    try:
        loads_scenario(text, path=path)
    except ScenarioError as err:
        return str(err)
    return None


# -- the schema itself -----------------------------------------------------------------------


def test_the_schema_is_a_draft_2020_12_schema_with_an_id():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == "urn:triangle:scenario:format:1"
    assert "triangle validate" in SCHEMA["description"]
    assert "authority" in SCHEMA["description"]


def test_the_schema_is_json_and_the_same_on_every_call():
    first = scenario_schema()
    assert json.loads(json.dumps(first, allow_nan=False)) == first == SCHEMA
    first["$defs"].clear()  # a copy: changing it changes nothing else
    assert scenario_schema() == SCHEMA


def properties_of(schema, where=()):
    """Every (location, key, schema) of a ``properties`` in the schema."""
    if isinstance(schema, dict):
        for key, value in schema.get("properties", {}).items():
            yield where, key, value
        for key, value in schema.items():
            yield from properties_of(value, (*where, key))
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from properties_of(value, (*where, i))


def test_every_key_has_a_title_and_a_description():
    keys = list(properties_of(SCHEMA))
    assert len(keys) > 80
    for where, key, schema in keys:
        if "if" in where or "then" in where:
            continue  # a tag's word that picks a branch; what a branch adds or refuses
        assert schema.get("title") and schema.get("description"), (where, key)


def test_every_example_is_valid_where_it_is_given():
    with_defs = {"$defs": SCHEMA["$defs"]}
    count = 0
    for _, _, schema in properties_of(SCHEMA):
        for example in schema.get("examples", []):
            Draft202012Validator({**with_defs, **schema}).validate(example)
            count += 1
    assert count > 40
    for example in SCHEMA["examples"]:
        VALIDATOR.validate(example)
        assert loader_error(dump(example)) is None


# -- every scenario the project has validates ---------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_validates(path):
    assert SHIPPED
    data = as_data(path.read_text(encoding="utf-8"), str(path))
    assert schema_errors(data) == []
    VALIDATOR.validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def doc_examples() -> list[str]:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    return [b for b in blocks if b.startswith(("format: 1\n", "# yaml-language-server"))]


TEST_SCENARIOS = {
    name: getattr(support, name)
    for name in ("COURT", "SPLIT", "COORDINATION", "PENNIES", "RPS_TABLE", "DETERRENCE", "NO_MOVE")
}


@pytest.mark.parametrize("name", sorted(TEST_SCENARIOS))
def test_every_scenario_of_the_test_suite_validates(name):
    text = TEST_SCENARIOS[name]
    assert loader_error(text) is None
    assert schema_errors(as_data(text)) == []


@pytest.mark.parametrize(
    "build",
    [
        lambda p: support.court_scenario(p, "Paris", "Bonn", "Rome", "Court"),
        lambda p: support.court_scenario(p, "A", "B", "C", "Court", uncertain=True),
        lambda p: support.bargaining_scenario(p, "Seller", "Buyer", "Bargain"),
        lambda p: support.powers_scenario(p, ("N", "E", "S", "W"), "Powers"),
    ],
    ids=["court", "court-uncertain", "bargaining", "powers"],
)
def test_every_scenario_the_test_suite_builds_validates(tmp_path, build):
    scenario = build(tmp_path / "built.yaml")
    text = Path(scenario.path).read_text(encoding="utf-8")
    assert schema_errors(as_data(text)) == []


def test_every_complete_example_of_the_format_reference_validates():
    examples = doc_examples()
    assert len(examples) >= 3
    for text in examples:  # a variant's base: lies among the shipped scenarios
        assert loader_error(text, path=str(SCENARIOS / "doc-example.yaml")) is None
        assert schema_errors(as_data(text)) == []


# -- broken files are refused, where they are broken -----------------------------------------------

RELATIONS = """\
format: 1
title: t
players: [A, B, C]
form: relations
parameters:
  x: {value: 1, range: [0, 2], distribution: {kind: uniform, source: s}}
  y: {value: 1, range: [0, 2], distribution: {kind: uniform, source: s}}
move: {player: A, from: cold, to: "warm:B"}
ties:
  A: {B: x}
"""
TABLE = """\
format: 1
title: t
players: [A, B]
form: table
strategies: {A: [a, b], B: [c]}
payoffs:
  - {profile: [a, c], payoffs: [1, 2]}
  - {profile: [b, c], payoffs: [0, "2 * 1"]}
"""


def edited(text: str, change) -> dict:
    data = as_data(text)
    change(data)
    return data


def assign(path, value):
    def change(data):
        *head, last = path
        for key in head:
            data = data[key]
        data[last] = value

    return change


def delete(path):
    def change(data):
        *head, last = path
        for key in head:
            data = data[key]
        del data[last]

    return change


BROKEN = {
    # wrong types
    "title is a list": (RELATIONS, assign(("title",), ["a"]), ("title",)),
    "players is text": (RELATIONS, assign(("players",), "A, B, C"), ("players",)),
    "a player is a mapping": (RELATIONS, assign(("players", 1), {"B": 1}), ("players", 1)),
    "a value is an expression": (
        RELATIONS,
        assign(("parameters", "x", "value"), "1 + 1"),
        ("parameters", "x", "value"),
    ),
    "a range is a number": (
        RELATIONS,
        assign(("parameters", "x", "range"), 2),
        ("parameters", "x", "range"),
    ),
    "a range of three": (
        RELATIONS,
        assign(("parameters", "x", "range"), [0, 1, 2]),
        ("parameters", "x", "range"),
    ),
    "ties is a list": (RELATIONS, assign(("ties",), [1]), ("ties",)),
    "a tie is a boolean": (RELATIONS, assign(("ties", "A", "B"), True), ("ties", "A", "B")),
    "a tie is blank": (RELATIONS, assign(("ties", "A", "B"), "  "), ("ties", "A", "B")),
    "a tie compares": (RELATIONS, assign(("ties", "A", "B"), "x < 2"), ("ties", "A", "B")),
    "a payoff is null": (
        TABLE,
        assign(("payoffs", 0, "payoffs", 1), None),
        ("payoffs", 0, "payoffs", 1),
    ),
    "one payoff for two players": (
        TABLE,
        assign(("payoffs", 0, "payoffs"), [1]),
        ("payoffs", 0, "payoffs"),
    ),
    "a verdict of its own": (
        RELATIONS,
        assign(("expected",), {"verdict": "maybe"}),
        ("expected", "verdict"),
    ),
    "a move that is a list": (RELATIONS, assign(("move",), ["A"]), ("move",)),
    "role scores by name": (RELATIONS, assign(("role_scores",), "dittmer"), ("role_scores",)),
    "format 2": (RELATIONS, assign(("format",), 2), ("format",)),
    "a parameter name with a dash": (
        RELATIONS,
        assign(("parameters", "x-y"), {"value": 1}),
        ("parameters",),
    ),
    "a parameter named min": (
        RELATIONS,
        assign(("parameters", "min"), {"value": 1}),
        ("parameters",),
    ),
    "a player with a plus in a triangle": (
        RELATIONS,
        assign(("players", 0), "A+B"),
        ("players", 0),
    ),
    "a strategy with a comma": (
        TABLE,
        assign(("strategies", "A", 0), "a,b"),
        ("strategies", "A", 0),
    ),
    "a name with a trailing space": (TABLE, assign(("players", 1), "B "), ("players", 1)),
    "sd of zero": (
        RELATIONS,
        assign(("parameters", "x", "distribution"), {"kind": "normal", "mean": 1, "sd": 0}),
        ("parameters", "x", "distribution", "sd"),
    ),
    "a rank of 1": (
        RELATIONS,
        assign(
            ("correlations",),
            [{"between": ["x", "y"], "rank": 1}],
        ),
        ("correlations", 0, "rank"),
    ),
    # unknown keys, at several levels
    "an unknown top-level key": (RELATIONS, assign(("palyers",), 1), ()),
    "an unknown key of a parameter": (
        RELATIONS,
        assign(("parameters", "x", "valeu"), 1),
        ("parameters", "x"),
    ),
    "an unknown key of a move": (RELATIONS, assign(("move", "by"), "A"), ("move",)),
    "an unknown key of a distribution": (
        RELATIONS,
        assign(("parameters", "x", "distribution", "mode"), 1),
        ("parameters", "x", "distribution"),
    ),
    "an unknown key of a payoff entry": (
        TABLE,
        assign(("payoffs", 0, "sources"), "s"),
        ("payoffs", 0),
    ),
    "an unknown key of a number": (
        RELATIONS,
        assign(("ties", "A", "B"), {"value": "x", "sauce": "s"}),
        ("ties", "A", "B"),
    ),
    "an unknown role": (
        RELATIONS,
        assign(
            ("role_scores",),
            {r: 1 for r in ("pivot", "friend", "partner", "wing", "foe", "outcast", "king")},
        ),
        ("role_scores",),
    ),
    "a key of the other form": (TABLE, assign(("ties",), {}), ("ties",)),
    "a table key in a triangle": (RELATIONS, assign(("stances",), {}), ("stances",)),
    "a variant giving players": (
        RELATIONS,
        assign(("base",), "kissinger_1971.yaml"),
        (),
    ),
    # missing keys, bad words
    "no players": (RELATIONS, delete(("players",)), ()),
    "no title": (TABLE, delete(("title",)), ()),
    "no format": (TABLE, delete(("format",)), ()),
    "no form": (TABLE, delete(("form",)), ()),
    "a bad form": (RELATIONS, assign(("form",), "triangle"), ("form",)),
    "no payoffs in a table": (TABLE, delete(("payoffs",)), ()),
    "a move without to": (RELATIONS, delete(("move", "to")), ("move",)),
    "a payoff entry without a profile": (TABLE, delete(("payoffs", 0, "profile")), ("payoffs", 0)),
    "an unknown distribution kind": (
        RELATIONS,
        assign(("parameters", "x", "distribution", "kind"), "gaussian"),
        ("parameters", "x", "distribution", "kind"),
    ),
    "a distribution without its kind": (
        RELATIONS,
        delete(("parameters", "x", "distribution", "kind")),
        ("parameters", "x", "distribution"),
    ),
    "a pert without its mode": (
        RELATIONS,
        assign(("parameters", "x", "distribution"), {"kind": "pert", "min": 0, "max": 2}),
        ("parameters", "x", "distribution"),
    ),
    "a distribution without a range": (
        RELATIONS,
        delete(("parameters", "x", "range")),
        ("parameters", "x"),
    ),
    "a correlation without a rank": (
        RELATIONS,
        assign(("correlations",), [{"between": ["x", "y"]}]),
        ("correlations", 0),
    ),
    "a number mapping without a value": (
        RELATIONS,
        assign(("ties", "A", "B"), {"source": "s"}),
        ("ties", "A", "B"),
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_files_are_refused_by_both_at_the_place(case):
    text, change, where = BROKEN[case]
    data = edited(text, change)
    assert loader_error(dump(data), path=str(SCENARIOS / "broken.yaml")) is not None
    errors = list(all_errors(VALIDATOR.iter_errors(data)))
    assert errors, case
    assert where in {tuple(e.absolute_path) for e in errors}, [
        (list(e.absolute_path), e.message) for e in errors
    ]


# -- documents with every key of every mapping ------------------------------------------------

FULL = {
    "format": 1,
    "title": "Every key",
    "description": "d",
    "sources": ["C1"],
    "players": ["A", "B", "C"],
    "form": "relations",
    "parameters": {
        "x": {
            "value": 1,
            "range": [0, 2],
            "unit": "u",
            "description": "d",
            "source": "s",
            "distribution": {
                "kind": "pert",
                "min": 0,
                "mode": 1,
                "max": 2,
                "lambda": 4,
                "source": "s",
            },
        },
        "y": {"value": 1, "range": [0, 2], "distribution": {"kind": "uniform", "source": "s"}},
    },
    "move": {
        "player": "A",
        "from": "cold",
        "to": "warm:B",
        "target": "B",
        "description": "d",
        "source": "s",
        "thresholds": ["x"],
    },
    "expected": {"verdict": "pays off", "note": "n"},
    "correlations": [{"between": ["x", "y"], "rank": 0.5, "source": "s"}],
    "role_weight": 1,
    "role_scores": {"pivot": 3, "friend": 1, "partner": 1, "wing": -1, "foe": -1, "outcast": -3},
    "ties": {"A": {"B": {"value": "x", "source": "s", "note": "n"}}},
    "third_party": {"A": -1},
    "costs": {"A": {"B": 0.5}},
}
TABLE_FULL = {
    "format": 1,
    "title": "A table",
    "players": ["A", "B"],
    "form": "table",
    "strategies": {"A": ["a1", "a2"], "B": ["b"]},
    "payoffs": [
        {"profile": ["a1", "b"], "payoffs": [1, 2], "source": "s", "note": "n"},
        {"profile": ["a2", "b"], "payoffs": [0, 0]},
    ],
    "stances": {"A": {"a1": [], "a2": ["B"]}, "B": {"b": ["A"]}},
}
COMPACT = {
    **TABLE_FULL,
    "payoffs": {"a1, b": {"payoffs": [1, 2], "source": "s", "note": "n"}, "a2, b": [0, 0]},
}
DISTRIBUTIONS = {
    "format": 1,
    "title": "Every distribution",
    "players": ["A", "B", "C"],
    "form": "relations",
    "parameters": {
        "p_uniform": {
            "value": 1,
            "range": [0, 2],
            "distribution": {"kind": "uniform", "min": 0, "max": 2, "source": "s"},
        },
        "p_triangular": {
            "value": 1,
            "range": [0, 2],
            "distribution": {"kind": "triangular", "mode": 1, "min": 0, "max": 2, "source": "s"},
        },
        "p_pert": {
            "value": 1,
            "range": [0, 2],
            "distribution": {
                "kind": "pert",
                "mode": 1,
                "min": 0,
                "max": 2,
                "lambda": 3,
                "source": "s",
            },
        },
        "p_normal": {
            "value": 1,
            "range": [0, 2],
            "distribution": {
                "kind": "normal",
                "mean": 1,
                "sd": 1,
                "min": 0,
                "max": 2,
                "source": "s",
            },
        },
        "p_lognormal": {
            "value": 1,
            "range": [0, 2],
            "distribution": {
                "kind": "lognormal",
                "median": 1,
                "sigma": 0.5,
                "min": 0.001,
                "max": 2,
                "source": "s",
            },
        },
        "p_choice": {
            "value": 1,
            "range": [0, 2],
            "distribution": {
                "kind": "choice",
                "values": [0, 1, 2],
                "weights": [1, 2, 1],
                "source": "s",
            },
        },
    },
}
VARIANT = {
    "format": 1,
    "base": "base.yaml",
    "title": "A variant",
    "description": "d",
    "sources": ["C2"],
    "parameters": {
        "x": {
            "value": 1.5,
            "unit": "u",
            "description": "d",
            "source": "s",
            "distribution": {"kind": "uniform", "source": "s"},
        }
    },
    "move": {"player": "A", "from": "cold", "to": "warm:C"},
    "expected": {"verdict": "does not pay off"},
    "correlations": [{"between": ["x", "y"], "rank": -0.5}],
}
DOCUMENTS = {
    "relations": FULL,
    "table": TABLE_FULL,
    "compact": COMPACT,
    "distributions": DISTRIBUTIONS,
    "variant": VARIANT,
}


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "base.yaml").write_text(dump(FULL), encoding="utf-8")
    return tmp_path


def check(folder, data) -> tuple[str | None, list]:
    """What the loader says (None: fine) and every schema error."""
    said = loader_error(dump(data), path=str(folder / "s.yaml"))
    return said, list(all_errors(VALIDATOR.iter_errors(data)))


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_documents_with_every_key_are_valid(folder, name):
    said, errors = check(folder, DOCUMENTS[name])
    assert said is None and errors == []


# -- the schema is never stricter than the loader -------------------------------------------------

KEY_NAMES = sorted({key for _, key, _ in properties_of(SCHEMA)})
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(-10, 10, allow_nan=False, width=32),
    st.sampled_from(
        ["", "x", "2 - rivalry", "rivalry", "bao", "table", "pert", "pays off", "cold", "US", "C1"]
    ),
    st.text(max_size=6),
    st.lists(st.one_of(st.integers(-2, 2), st.sampled_from(["US", "China", "a"])), max_size=3),
    st.dictionaries(
        st.sampled_from(["value", "source", "note", "US"]), st.integers(-2, 2), max_size=2
    ),
)
KEYS = st.one_of(st.sampled_from(KEY_NAMES), st.text(min_size=1, max_size=8))


def nodes(data, where=()):
    """Every (path, value) of a document."""
    yield where, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from nodes(value, (*where, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from nodes(value, (*where, i))


def at(data, where):
    for key in where:
        data = data[key]
    return data


ORIGINALS = [str(p) for p in SHIPPED] + [n for n in sorted(DOCUMENTS) if n != "variant"]


@st.composite
def mutants(draw):
    """A shipped scenario, or a document with every key, with one thing changed: a key
    dropped, added or renamed, or a value of another kind."""
    original = draw(st.sampled_from(ORIGINALS))
    if original in DOCUMENTS:
        path, data = SCENARIOS / f"{original}.yaml", copy.deepcopy(DOCUMENTS[original])
    else:
        path = Path(original)
        data = as_data(path.read_text(encoding="utf-8"), original)
    every = list(nodes(data))
    mappings = [(w, v) for w, v in every if isinstance(v, dict) and v]
    how = draw(st.sampled_from(["drop", "add", "rename", "retype"]))
    if how == "retype":
        where, _ = draw(st.sampled_from(every[1:]))
        at(data, where[:-1])[where[-1]] = draw(VALUES)
        return path, data
    where, mapping = draw(st.sampled_from(mappings))
    key = draw(st.sampled_from(sorted(mapping)))
    if how == "drop":
        del mapping[key]
    elif how == "add":
        mapping[draw(KEYS)] = draw(VALUES)
    else:
        mapping[draw(KEYS)] = mapping.pop(key)
    return path, data


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(mutants())
def test_the_schema_never_refuses_what_the_loader_accepts(mutant):
    path, data = mutant
    text = dump(data)
    if loader_error(text, path=str(path)) is not None:
        return
    assert schema_errors(as_data(text)) == [], text


def definition(name: str) -> Draft202012Validator:
    """A validator of one definition of the schema."""
    return Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{name}"})


def name_ok(text: str, forbidden: str) -> bool:
    try:
        Reader("x").name(Scalar(text, text, 1, "tag:yaml.org,2002:str"), "name", 1, forbidden)
    except ScenarioError:
        return False
    return True


NAME_CHARACTERS = st.sampled_from(
    list("aZ09,+:-_ .")
    + ["\t", "\n", "\r", "\x0b", "\x1c", "\x85", "\xa0", "\u2003", "\u3000", "\ufeff", "é", "中"]
)


@given(st.text(NAME_CHARACTERS, max_size=6), st.sampled_from(["name", "relations_player_name"]))
def test_names_the_loader_takes_are_names_for_the_schema(text, label):
    forbidden = ",+:" if label == "relations_player_name" else ","
    check = definition(label)
    assert name_ok(text, forbidden) == check.is_valid(text) or text.endswith("\n")
    if name_ok(text, forbidden):
        assert check.is_valid(text)


EXPRESSION_TOKENS = st.sampled_from(
    [
        "x",
        "y_2",
        "1",
        "2.5",
        "1e-3",
        "1_000",
        ".5",
        "+",
        "-",
        "*",
        "/",
        "^",
        "**",
        "(",
        ")",
        ",",
        "max",
        "min",
        "abs",
        " ",
        "\t",
        "\n",
        "\r",
        "\x0c",
        "\xa0",
        "<",
        "%",
        "#",
        "\\",
        "'",
        "٣",
        "ｘ",
    ]
)


@settings(max_examples=300)
@given(st.lists(EXPRESSION_TOKENS, min_size=1, max_size=8).map("".join))
def test_expressions_the_loader_takes_are_expressions_for_the_schema(text):
    check = definition("expression")
    try:
        parse_expression(text, ("x", "y_2"))
    except ScenarioError:
        return
    assert check.is_valid(text), repr(text)


def test_an_expression_of_characters_outside_the_grammar_is_refused():
    check = definition("number")
    for good in (
        3,
        -0.5,
        "2 - split",
        "w * max(trade, 0)",
        "-2^2",
        {"value": "a / b", "source": "s"},
    ):
        assert check.is_valid(good), good
    for bad in (
        "",
        " \n",
        "x < 2",
        "x % 2",
        "'a'",
        "0x10 # c",
        "x\\\n+ 1",
        True,
        None,
        [1],
        {"source": "s"},
    ):
        assert not check.is_valid(bad), bad


# -- the loader and the schema allow and require the same keys in every mapping --------------------

LOCATIONS = [  # (document, path to a mapping in it)
    ("relations", ()),
    ("table", ()),
    ("relations", ("parameters", "x")),
    *(
        ("distributions", ("parameters", f"p_{kind}", "distribution"))
        for kind in spec.DISTRIBUTION_KINDS
    ),
    ("relations", ("move",)),
    ("relations", ("expected",)),
    ("relations", ("correlations", 0)),
    ("relations", ("ties", "A", "B")),
    ("relations", ("role_scores",)),
    ("table", ("payoffs", 0)),
    ("compact", ("payoffs", "a1, b")),
    ("variant", ()),
    ("variant", ("parameters", "x")),
]


def loader_refuses_key(said: str | None, key: str) -> bool:
    k = re.escape(repr(key))
    return (
        said is not None
        and re.search(
            rf": (unknown key {k} in|key {k} belongs to form|key {k} comes from the base)", said
        )
        is not None
    )


def schema_refuses_key(errors, where, key) -> bool:
    return any(
        (
            e.validator == "additionalProperties"
            and tuple(e.absolute_path) == where
            and repr(key) in e.message
        )
        or (e.validator == "not" and tuple(e.absolute_path) == (*where, key))
        for e in errors
    )


LOCATION_IDS = [f"{name}:{'/'.join(map(str, where))}" for name, where in LOCATIONS]


@pytest.mark.parametrize(("name", "where"), LOCATIONS, ids=LOCATION_IDS)
def test_the_loader_and_the_schema_allow_the_same_keys(folder, name, where):
    candidates = set(KEY_NAMES) | {"zzz", "Title", "kind ", "1"}
    if where == ():
        candidates.discard("base")  # the key that chooses between a scenario and a variant
    allowed = {"loader": set(), "schema": set()}
    for key in sorted(candidates):
        data = copy.deepcopy(DOCUMENTS[name])
        mapping = at(data, where)
        if key not in mapping:
            mapping[key] = None
        said, errors = check(folder, data)
        if not loader_refuses_key(said, key):
            allowed["loader"].add(key)
        if not schema_refuses_key(errors, where, key):
            allowed["schema"].add(key)
    assert allowed["loader"] == allowed["schema"]
    open_mapping = where == ("expected",)
    assert ("zzz" in allowed["loader"]) == open_mapping
    assert set(at(DOCUMENTS[name], where)) - {"base"} <= allowed["loader"]


@pytest.mark.parametrize(("name", "where"), LOCATIONS, ids=LOCATION_IDS)
def test_the_loader_and_the_schema_require_the_same_keys(folder, name, where):
    required = {"loader": set(), "schema": set()}
    for key in at(DOCUMENTS[name], where):
        data = copy.deepcopy(DOCUMENTS[name])
        del at(data, where)[key]
        said, errors = check(folder, data)
        k = re.escape(repr(key))
        if said is not None and re.search(rf"missing (the )?required key {k}", said):
            required["loader"].add(key)
        if any(
            e.validator == "required"
            and tuple(e.absolute_path) == where
            and f"{key!r} is a required property" in e.message
            for e in errors
        ):
            required["schema"].add(key)
    assert required["loader"] == required["schema"]


def test_every_mapping_of_the_format_is_a_definition_with_its_keys():
    defs = SCHEMA["$defs"]
    tables = [
        spec.PARAMETER,
        spec.MOVE,
        spec.EXPECTED,
        spec.CORRELATION,
        spec.PAYOFF_ENTRY,
        spec.COMPACT_ENTRY,
        spec.NUMBER_MAPPING,
        spec.ROLE_SCORES,
        spec.VARIANT,
        *(fields for _, fields in spec.DISTRIBUTION.variants),
    ]
    for fields in tables:
        schema = defs[fields.name]
        assert list(schema["properties"]) == list(fields.names)
        assert schema.get("required", []) == list(fields.required)
        assert schema.get("additionalProperties", True) is not fields.closed
    scenario = defs["scenario"]
    form_keys = [k for f in spec.FORMS for k in f.keys.names]
    assert list(scenario["properties"]) == [*spec.SCENARIO.names, *form_keys]
    assert scenario["required"] == list(spec.SCENARIO.required)
    assert defs["distribution"]["properties"]["kind"]["enum"] == list(spec.DISTRIBUTION_KINDS)


def bounds():
    """Every bound the format sets on a number: (document, mapping, key, bound, value, in a
    list)."""
    places = [
        ("distributions", ("parameters", f"p_{kind}", "distribution"), fields)
        for kind, fields in spec.DISTRIBUTION.variants
    ]
    places.append(("relations", ("correlations", 0), spec.CORRELATION))
    for name, where, fields in places:
        for key in fields.keys:
            listed = isinstance(key.kind, spec.ListOf)
            kind = key.kind.item if listed else key.kind
            for bound in ("above", "at_least", "below"):
                if isinstance(kind, spec.Plain) and getattr(kind, bound) is not None:
                    yield name, where, key.name, bound, getattr(kind, bound), listed


BOUNDS = list(bounds())


@pytest.mark.parametrize(
    ("name", "where", "key", "bound", "value", "listed"),
    BOUNDS,
    ids=[f"{w[-2]}.{k}.{b}" for _, w, k, b, _, _ in BOUNDS],
)
def test_the_loader_and_the_schema_draw_every_bound_at_the_same_place(
    folder, name, where, key, bound, value, listed
):
    assert len(BOUNDS) == 7  # lambda, sd, median, sigma, weights; rank on both sides
    step = -0.01 if bound == "below" else 0.01
    inside, outside = (value, value - step) if bound == "at_least" else (value + step, value)
    for number, valid in ((inside, True), (outside, False)):
        data = copy.deepcopy(DOCUMENTS[name])
        if listed:
            at(data, where)[key][0] = number
        else:
            at(data, where)[key] = number
        said, errors = check(folder, data)
        assert (said is None) == valid, (number, said)
        assert (errors == []) == valid, number
        assert valid or key in said
