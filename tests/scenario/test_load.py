"""Loading scenario files: the common keys, every validation error with its line, limits."""

from __future__ import annotations

import math
import re
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from triangle.errors import ScenarioError, TriangleInputError
from triangle.scenario import (
    Move,
    Parameter,
    Scenario,
    load_scenario,
    loads_scenario,
    parse_overrides,
)
from triangle.scenario.load import MAX_FILE_BYTES, MAX_PARAMETERS

KISSINGER = """\
format: 1
title: "Kissinger's opening, 1971"
description: |
  The US opens to China while the Sino-Soviet split is deep.
sources: ["C4", "C8"]
players: [US, China, USSR]
form: relations
parameters:
  split:
    value: 3.0
    range: [-4, 6]
    unit: "payoff units"
    description: "Sino-Soviet rivalry"
    source: "C8, C9"
  alliance: {value: 1, source: [C9, C10]}
move:
  player: US
  from: cold
  to: "warm:China+USSR"
  target: USSR
  description: secret trip to Beijing
  source: C4
expected:
  verdict: pays off
  note: the US becomes the pivot
  equilibria: [1, 2]
ties:
  China: {USSR: "alliance - split"}
  USSR: {China: "alliance - split"}
"""

MINIMAL = """\
format: 1
title: t
players: [A, B, C]
form: relations
"""


def marked_line(text: str, marker: str = "#<") -> int:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if marker in line]
    assert len(lines) == 1, f"exactly one {marker} marker expected"
    return lines[0]


def expect_error(text: str, fragment: str, line: int | None = None) -> str:
    text = textwrap.dedent(text)
    with pytest.raises(ScenarioError) as err:
        loads_scenario(text, path="x.yaml")
    message = str(err.value)
    where = marked_line(text) if line is None else line
    assert message.startswith(f"x.yaml:{where}: "), message
    assert fragment in message, message
    assert err.value.line == where
    assert err.value.path == "x.yaml"
    return message


# -- a complete file ------------------------------------------------------------------------


def test_every_common_field_is_read():
    s = loads_scenario(KISSINGER, path="k.yaml")
    assert isinstance(s, Scenario)
    assert s.path == "k.yaml"
    assert s.title == "Kissinger's opening, 1971"
    assert s.description == "The US opens to China while the Sino-Soviet split is deep.\n"
    assert s.sources == ("C4", "C8")
    assert s.players == ("US", "China", "USSR")
    assert s.form == "relations"
    assert list(s.parameters) == ["split", "alliance"]
    assert s.parameters["split"] == Parameter(
        name="split",
        value=3.0,
        range=(-4.0, 6.0),
        unit="payoff units",
        description="Sino-Soviet rivalry",
        source="C8, C9",
        line=9,
    )
    assert s.parameters["alliance"].source == "C9, C10"
    assert s.move == Move(
        player="US",
        from_strategy="cold",
        to_strategy="warm:China+USSR",
        target="USSR",
        description="secret trip to Beijing",
        source="C4",
        line=16,
    )
    assert dict(s.expected) == {
        "verdict": "pays off",
        "note": "the US becomes the pivot",
        "equilibria": [1, 2],
    }
    assert s.unsourced() == []


def test_mappings_are_read_only():
    s = loads_scenario(KISSINGER, path="k.yaml")
    with pytest.raises(TypeError):
        s.parameters["x"] = Parameter("x", 1.0)  # type: ignore[index]
    with pytest.raises(TypeError):
        s.expected["verdict"] = "no"  # type: ignore[index]


def test_parameter_values_and_with_values():
    s = loads_scenario(KISSINGER, path="k.yaml")
    assert s.parameter_values() == {"split": 3.0, "alliance": 1.0}
    assert s.parameter_values({"split": -1}) == {"split": -1.0, "alliance": 1.0}
    t = s.with_values(split=5)
    assert t.parameters["split"].value == pytest.approx(5.0)
    assert t.parameters["split"].range == (-4.0, 6.0)
    assert s.parameters["split"].value == pytest.approx(3.0)  # unchanged
    profile = ("cold", "warm:USSR", "warm:China")
    assert math.isclose(t.compile().payoff(profile)[1], 1 + (1 - 5))
    assert math.isclose(s.compile({"split": 5}).payoff(profile)[1], 1 + (1 - 5))
    with pytest.raises(TriangleInputError, match=r"split=9 is outside its range \[-4, 6\]"):
        s.with_values(split=9)
    with pytest.raises(TriangleInputError, match="unknown parameter 'splt'.*split, alliance"):
        s.parameter_values({"splt": 1})


def test_no_parameters_override_message():
    s = loads_scenario(MINIMAL, path="m.yaml")
    with pytest.raises(TriangleInputError, match="this scenario has no parameters"):
        s.compile({"x": 1})


def test_load_scenario_reads_files(tmp_path):
    path = tmp_path / "kissinger.yaml"
    path.write_text(KISSINGER, encoding="utf-8")
    s = load_scenario(path)
    assert s.path == str(path)
    assert s.title == "Kissinger's opening, 1971"
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_scenario(str(bom)).players == ("A", "B", "C")


def test_file_problems(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ScenarioError, match=r"nope\.yaml: file not found"):
        load_scenario(missing)
    with pytest.raises(ScenarioError, match="file is a directory, not a scenario file"):
        load_scenario(tmp_path)
    binary = tmp_path / "bad.yaml"
    binary.write_bytes(MINIMAL.encode() + b"title2: \xff\xfe\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(binary)
    assert str(err.value).startswith(f"{binary}:5: ")
    assert "not UTF-8" in str(err.value)
    big = tmp_path / "big.yaml"
    big.write_text(MINIMAL + "#" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="the limit is 1048576"):
        load_scenario(big)
    with pytest.raises(ScenarioError, match="larger than"):
        loads_scenario(MINIMAL + "#" * MAX_FILE_BYTES)


# -- parse_overrides ------------------------------------------------------------------------


def test_parse_overrides():
    assert parse_overrides(["split=2.5", "w=1e-1", " x = -3 "]) == {
        "split": 2.5,
        "w": 0.1,
        "x": -3.0,
    }
    assert parse_overrides([]) == {}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("x", "--param 'x': expected NAME=VALUE"),
        ("=3", "--param '=3': expected NAME=VALUE"),
        ("x=", "--param 'x=': expected NAME=VALUE"),
        ("1x=3", "--param '1x=3': expected NAME=VALUE"),
        ("x=abc", "--param 'x=abc': VALUE must be a number"),
        ("x=nan", "--param 'x=nan': VALUE must be a finite number"),
        ("x=inf", "--param 'x=inf': VALUE must be a finite number"),
    ],
)
def test_parse_overrides_errors(item, message):
    with pytest.raises(TriangleInputError) as err:
        parse_overrides([item])
    assert str(err.value) == message


def test_parse_overrides_refuses_repeats():
    with pytest.raises(TriangleInputError, match="more than once"):
        parse_overrides(["x=1", "x=2"])


# -- YAML-level errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("format: 1\ntitle: [unclosed\nplayers: [A, B]  #<\n", "YAML syntax error"),
        ("format: 1\ntitle: t\n  bad: indent  #<\n", "YAML syntax error"),
        ("format: 1\ntitle: t\ntitle: u  #<\n", "duplicate key 'title' (first at line 2)"),
        (
            MINIMAL + "parameters:\n  a: {value: 1}\n  a: {value: 2}  #<\n",
            "duplicate key 'a' (first at line 6)",
        ),
        ("format: 1\nbase: &b {value: 1}  #<\nother: *b\n", "anchors and aliases"),
        ("format: 1\ntitle: !!python/object:os.system t  #<\n", "unsupported YAML tag"),
        ("format: 1\ntitle: !custom t  #<\n", "unsupported YAML tag"),
        ("format: 1\n? [a, b]  #<\n: c\n", "mapping keys must be plain names"),
        ("format: 1\n---  #<\nformat: 1\n", "YAML syntax error"),
        ("format: 1\ntitle: \x07  #<\n", "YAML syntax error"),
    ],
)
def test_yaml_errors(text, fragment):
    expect_error(text, fragment)


def test_empty_and_non_mapping_files():
    expect_error("", "the file is empty", line=1)
    expect_error("# only a comment\n", "the file is empty", line=1)
    expect_error("- format\n- 1\n", "a scenario must be a mapping", line=1)
    expect_error("\n\njust text\n", "a scenario must be a mapping", line=3)


# -- the top level --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("title: t  #<\nplayers: [A, B, C]\n", "missing required key 'format'"),
        ("format: 2  #<\ntitle: t\n", "unsupported format 2 (this version reads format 1)"),
        ("format: '1'  #<\n", "format must be the integer 1, got '1'"),
        ("format: true  #<\n", "format must be the integer 1, got boolean 'true'"),
        ("format: 1.0  #<\n", "format must be the integer 1"),
        ("format: 1  #<\ntitle: t\nplayers: [A, B, C]\n", "missing the required key 'form'"),
        ("format: 1\nform: matrix  #<\n", "form must be 'table' or 'relations', got 'matrix'"),
        ("format: 1\nform: tabel  #<\n", "(did you mean 'table'?)"),
        (
            "format: 1  #<\nform: relations\nplayers: [A, B, C]\n",
            "missing the required key 'title'",
        ),
        ("format: 1  #<\nform: relations\ntitle: t\n", "missing the required key 'players'"),
        (
            "format: 1  #<\nform: table\ntitle: t\nplayers: [A, B]\nstrategies: {A: [a], B: [b]}\n",
            "missing the required key 'payoffs'",
        ),
        (MINIMAL + "palyers: [A]  #<\n", "unknown key 'palyers' in the scenario"),
        (MINIMAL + "paramters: {}  #<\n", "(did you mean 'parameters'?)"),
        (MINIMAL + "colour: blue  #<\n", "unknown key 'colour' in the scenario"),
        (
            "format: 1\ntitle: [a, b]  #<\nform: relations\nplayers: [A, B, C]\n",
            "title must be text",
        ),
        ("format: 1\ntitle:  #<\nform: relations\nplayers: [A, B, C]\n", "got nothing"),
        (MINIMAL + "description: {a: 1}  #<\n", "description must be text"),
        (MINIMAL + "sources: C4  #<\n", "sources must be a list"),
        (MINIMAL + "sources: [C4, [x]]  #<\n", "a source must be text"),
    ],
)
def test_top_level_errors(text, fragment):
    expect_error(text, fragment)


@pytest.mark.parametrize(
    ("players", "fragment"),
    [
        ("[A]", "form: table needs 2 to 8 players, got 1"),
        ("[A, B, C, D, E, F, G, H, I]", "form: table needs 2 to 8 players, got 9"),
        ("[]", "form: table needs 2 to 8 players, got 0"),
        ("A", "players must be a list, got 'A'"),
        ("[A, B, A]", "duplicate player 'A'"),
        ("[A, '']", "must not be empty"),
        ("[A, 'B, C']", "must not contain ','"),
        ("[A, {B: 1}]", "player name must be text, got a mapping"),
    ],
)
def test_player_errors(players, fragment):
    text = f"format: 1\ntitle: t\nform: table\nplayers: {players}  #<\n"
    expect_error(text, fragment)


def test_player_names_are_taken_as_written():
    s = loads_scenario(
        "format: 1\ntitle: t\nform: relations\nplayers: [NO, 'yes', 1971]\n", path="x.yaml"
    )
    assert s.players == ("NO", "yes", "1971")


# -- parameters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        ("  split: {value: 1, rnage: [0, 2]}  #<\n", "unknown key 'rnage' in parameter 'split'"),
        ("  split: {range: [0, 2]}  #<\n", "parameter 'split' is missing the required key 'value'"),
        ("  split: 3  #<\n", "parameter 'split' must be a mapping"),
        ("  split: {value: '1 + 2'}  #<\n", "value of parameter 'split' must be a number"),
        ("  split: {value: yes}  #<\n", "got boolean 'yes'"),
        ("  split: {value: .nan}  #<\n", "must be a finite number, got .nan"),
        ("  split: {value: .inf}  #<\n", "must be a finite number, got .inf"),
        ("  split: {value: 1, range: [2, 0]}  #<\n", "must have low < high, got [2, 0]"),
        ("  split: {value: 1, range: [1, 1]}  #<\n", "must have low < high"),
        ("  split: {value: 1, range: [0]}  #<\n", "must be [low, high], got 1 numbers"),
        ("  split: {value: 1, range: [0, x]}  #<\n", "range of parameter 'split' must be a number"),
        ("  split: {value: 1, range: 5}  #<\n", "range of parameter 'split' must be a list"),
        (
            "  split:\n    value: 9  #<\n    range: [-4, 6]\n",
            "value 9 of parameter 'split' is outside its range [-4, 6]",
        ),
        ("  2split: {value: 1}  #<\n", "parameter name '2split' must be an identifier"),
        ("  min: {value: 1}  #<\n", "must not be the name of a function (abs, max, min)"),
        ("  lambda: {value: 1}  #<\n", "must not be a Python keyword (lambda)"),
        ("  split: {value: 1, unit: [a]}  #<\n", "unit of parameter 'split' must be text"),
        ("  split: {value: 1, source: ~}  #<\n", "source of parameter 'split' must be text"),
        ("  split: {value: 1, source: []}  #<\n", "must not be an empty list"),
    ],
)
def test_parameter_errors(spec, fragment):
    expect_error(MINIMAL + "parameters:\n" + spec, fragment)


def test_parameters_must_be_a_mapping():
    expect_error(MINIMAL + "parameters: [a, b]  #<\n", "parameters must be a mapping, got a list")


def test_parameter_limit():
    many = "".join(f"  p{k}: {{value: {k}}}\n" for k in range(MAX_PARAMETERS + 1))
    expect_error(MINIMAL + "parameters:  #<\n" + many, "1001 parameters; the limit is 1000")
    ok = "".join(f"  p{k}: {{value: {k}, source: s}}\n" for k in range(MAX_PARAMETERS))
    s = loads_scenario(MINIMAL + "parameters:\n" + ok, path="x.yaml")
    assert len(s.parameters) == MAX_PARAMETERS


# -- move and expected -----------------------------------------------------------------------


MOVE_HEAD = MINIMAL + "move:\n"


@pytest.mark.parametrize(
    ("move", "fragment"),
    [
        ("  player: Z  #<\n  from: cold\n  to: warm:B\n", "move: unknown player 'Z'"),
        ("  player: A\n  from: colt  #<\n  to: warm:B\n", "'colt' is not a strategy of A"),
        ("  player: A\n  from: cold\n  to: warm:A  #<\n", "'warm:A' is not a strategy of A"),
        ("  player: A\n  from: cold\n  to: cold  #<\n", "move from and to are the same"),
        (
            "  player: A\n  from: cold\n  to: warm:B\n  target: A  #<\n",
            "move target 'A' must be another player",
        ),
        (
            "  player: A\n  from: cold\n  to: warm:B\n  target: D  #<\n",
            "move target 'D' must be another player",
        ),
        (
            "  player: A\n  from: cold\n  to: warm:B\n  traget: B  #<\n",
            "unknown key 'traget' in move (did you mean 'target'?)",
        ),
    ],
)
def test_move_errors(move, fragment):
    expect_error(MOVE_HEAD + move, fragment)


def test_move_missing_key_is_located_at_move():
    expect_error(
        MINIMAL + "move:  #<\n  player: A\n  from: cold\n", "missing the required key 'to'"
    )


def test_move_must_be_a_mapping():
    expect_error(MINIMAL + "move: [A, cold]  #<\n", "move must be a mapping")


@pytest.mark.parametrize(
    "verdict", ["pays off", "does not pay off", "depends on equilibrium selection"]
)
def test_expected_verdicts(verdict):
    s = loads_scenario(MINIMAL + f"expected:\n  verdict: {verdict}\n", path="x.yaml")
    assert s.expected["verdict"] == verdict


@pytest.mark.parametrize(
    ("expected", "fragment"),
    [
        ("expected:\n  verdict: pays  #<\n", "expected verdict 'pays' is not one of"),
        ("expected:\n  verdict: yes  #<\n", "expected verdict 'yes' is not one of"),
        ("expected:\n  verdict: [pays off]  #<\n", "expected verdict 'a list' is not one of"),
        ("expected: pays off  #<\n", "expected must be a mapping"),
    ],
)
def test_expected_errors(expected, fragment):
    expect_error(MINIMAL + expected, fragment)


def test_unsourced_parameters_and_literals():
    s = loads_scenario(
        MINIMAL
        + "parameters:\n  a: {value: 1}\n  b: {value: 2, source: C1}\n"
        + "ties:\n  A: {B: a, C: b}\n  B: {A: '2 * b'}\n  C: {A: {value: 3, source: C2}}\n",
        path="x.yaml",
    )
    assert s.unsourced() == [
        (6, "parameter 'a' has no source"),
        (10, 'tie value of B for A: the number(s) 2 in "2 * b" have no source'),
    ]


# -- the format reference ---------------------------------------------------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "reference" / "scenario-format.md"


def doc_examples() -> list[str]:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    return [b for b in blocks if b.startswith("format: 1\n")]


def test_the_format_reference_has_complete_examples():
    assert len(doc_examples()) >= 3


@pytest.mark.parametrize("index", range(3))
def test_format_reference_examples_load_and_are_fully_sourced(index):
    text = doc_examples()[index]
    s = loads_scenario(text, path=f"doc-example-{index}.yaml")
    game = s.compile()
    assert game.n_players == len(s.players)
    assert s.unsourced() == []


def test_format_reference_worked_numbers():
    (example,) = [t for t in doc_examples() if "Every term of the relations form" in t]
    game = loads_scenario(example, path="doc.yaml").compile()
    pivot = game.payoff(("warm:China+USSR", "warm:US", "warm:US"))
    for got, want in zip(pivot, (Fraction(7, 2), Fraction(1, 2), Fraction(0)), strict=True):
        assert math.isclose(got, want, abs_tol=1e-12)
