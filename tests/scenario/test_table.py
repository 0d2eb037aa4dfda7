"""The table form: explicit payoffs per strategy profile, stances, and their errors."""

from __future__ import annotations

import itertools
import math
import textwrap
from fractions import Fraction

import numpy as np
import pytest

from triangle.errors import ScenarioError, TriangleInputError
from triangle.scenario import loads_scenario

HEADER = """\
format: 1
title: Opening to China
players: [US, China, USSR]
form: table
"""

STRATEGIES = """\
strategies:
  US: [isolate, open]
  China: [hostile, open]
  USSR: [hostile, detente]
"""

PROFILES = list(itertools.product(["isolate", "open"], ["hostile", "open"], ["hostile", "detente"]))


def close(a, b) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)


def marked_line(text: str, marker: str = "#<") -> int:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if marker in line]
    assert len(lines) == 1, f"exactly one {marker} marker expected"
    return lines[0]


def full_payoffs(skip: int | None = None, extra: str = "") -> str:
    """A payoffs list for every profile (value = profile number, in player order)."""
    out = ["payoffs:"]
    for n, profile in enumerate(PROFILES):
        if n == skip:
            continue
        out.append(f"  - profile: [{', '.join(profile)}]")
        out.append(f"    payoffs: [{n}, {n + 10}, {n + 20}]")
    return "\n".join(out) + "\n" + extra


def load(body: str, header: str = HEADER):
    return loads_scenario(header + textwrap.dedent(body), path="t.yaml")


def expect_error(body: str, fragment: str, header: str = HEADER) -> str:
    text = header + textwrap.dedent(body)
    with pytest.raises(ScenarioError) as err:
        loads_scenario(text, path="t.yaml")
    message = str(err.value)
    assert message.startswith(f"t.yaml:{marked_line(text)}: "), message
    assert fragment in message, message
    return message


# -- compiling ------------------------------------------------------------------------------


def test_every_profile_lands_in_its_cell():
    s = load(STRATEGIES + full_payoffs())
    assert s.form == "table"
    assert s.strategies == (("isolate", "open"), ("hostile", "open"), ("hostile", "detente"))
    game = s.compile()
    assert game.shape == (2, 2, 2)
    for n, profile in enumerate(PROFILES):
        for i, offset in enumerate((0, 10, 20)):
            assert close(game.payoff(profile)[i], n + offset)
    assert game.stances is None
    assert game.components == ()


def test_expressions_and_number_mappings():
    s = load(
        """\
        parameters:
          split: {value: 3, range: [-4, 6], source: C8}
          w: {value: 0.5, source: assumption}
        strategies: {A: [x, y], B: [x, y]}
        payoffs:
          - profile: [x, x]
            payoffs: ["2 - split", "w ^ 2"]
          - profile: [x, y]
            payoffs: [{value: "split / 4", source: C9, note: shared}, 1]
            source: C4
          - profile: [y, x]
            payoffs: ["max(split, 1) * w", "-abs(split)"]
          - profile: [y, y]
            payoffs: [0, "min(w, 1/3)"]
        """,
        header="format: 1\ntitle: two\nplayers: [A, B]\nform: table\n",
    )
    game = s.compile()
    expected = {
        ("x", "x"): (Fraction(-1), Fraction(1, 4)),
        ("x", "y"): (Fraction(3, 4), Fraction(1)),
        ("y", "x"): (Fraction(3, 2), Fraction(-3)),
        ("y", "y"): (Fraction(0), Fraction(1, 3)),
    }
    for profile, values in expected.items():
        for got, want in zip(game.payoff(profile), values, strict=True):
            assert close(got, want)
    moved = s.compile({"split": -4, "w": 1})
    assert close(moved.payoff(("x", "x"))[0], 6)
    assert close(moved.payoff(("y", "x"))[0], 1)
    assert close(moved.payoff(("y", "y"))[1], Fraction(1, 3))
    # compiling does not change the scenario
    assert close(s.compile().payoff(("x", "x"))[0], -1)


def test_compact_syntax_equals_list_syntax():
    listed = load(STRATEGIES + full_payoffs()).compile()
    compact = ["payoffs:"]
    for n, profile in reversed(list(enumerate(PROFILES))):  # order does not matter
        compact.append(f'  "{", ".join(profile)}": [{n}, {n + 10}, {n + 20}]')
    other = load(STRATEGIES + "\n".join(compact) + "\n").compile()
    np.testing.assert_allclose(other.payoffs, listed.payoffs, rtol=0, atol=0)


def test_stances_are_attached_to_the_game():
    s = load(
        STRATEGIES
        + full_payoffs()
        + textwrap.dedent(
            """\
            stances:
              US: {isolate: [], open: [China]}
              China: {hostile: [], open: [US]}
              USSR: {hostile: [], detente: [US, China]}
            """
        )
    )
    game = s.compile()
    assert game.stances == (
        (frozenset(), frozenset({"China"})),
        (frozenset(), frozenset({"US"})),
        (frozenset(), frozenset({"US", "China"})),
    )
    assert game.warm((1, 1, 0)) == {
        "US": frozenset({"China"}),
        "China": frozenset({"US"}),
        "USSR": frozenset(),
    }


def test_two_and_four_player_tables():
    pd = loads_scenario(
        """\
format: 1
title: Prisoner's dilemma
players: [Row, Column]
form: table
strategies: {Row: [C, D], Column: [C, D]}
payoffs:
  "C, C": [3, 3]
  "C, D": [0, 5]
  "D, C": [5, 0]
  "D, D": [1, 1]
""",
        path="pd.yaml",
    ).compile()
    np.testing.assert_allclose(pd.payoffs[0], [[3, 0], [5, 1]])
    np.testing.assert_allclose(pd.payoffs[1], [[3, 5], [0, 1]])

    lines = [
        "format: 1",
        "title: unanimity",
        "players: [A, B, C, D]",
        "form: table",
        "strategies: {A: [0, 1], B: [0, 1], C: [0, 1], D: [0, 1]}",
        "payoffs:",
    ]
    for profile in itertools.product("01", repeat=4):
        value = 1 if len(set(profile)) == 1 else 0
        lines.append(f'  "{", ".join(profile)}": [{value}, {value}, {value}, {value}]')
    game = loads_scenario("\n".join(lines) + "\n", path="u.yaml").compile()
    assert game.shape == (2, 2, 2, 2)
    assert game.strategies[0] == ("0", "1")  # names are taken as written
    assert close(game.payoff(("1", "1", "1", "1"))[3], 1)
    assert close(game.payoff(("1", "0", "1", "1"))[0], 0)


def test_parameter_override_errors():
    s = load(
        """\
        parameters:
          split: {value: 3, range: [-4, 6], source: C8}
        strategies: {A: [x], B: [y]}
        payoffs: {"x, y": [split, 0]}
        """,
        header="format: 1\ntitle: two\nplayers: [A, B]\nform: table\n",
    )
    with pytest.raises(TriangleInputError, match=r"split=9 is outside its range \[-4, 6\]"):
        s.compile({"split": 9})
    with pytest.raises(TriangleInputError, match="known parameters: split"):
        s.compile({"splt": 1})
    with pytest.raises(TriangleInputError, match="not a finite number"):
        s.compile({"split": float("nan")})
    with pytest.raises(TriangleInputError, match="not a finite number"):
        s.compile({"split": True})


def test_unsourced_in_tables():
    s = load(
        """\
        parameters:
          split: {value: 3, source: C8}
          w: {value: 1}
        strategies: {A: [x, y], B: [x]}
        payoffs:
          - profile: [x, x]
            payoffs: [split, "2 * split"]
          - profile: [y, x]
            payoffs: [{value: 1, source: C9}, "w - split"]
            source: C4
        """,
        header="format: 1\ntitle: two\nplayers: [A, B]\nform: table\n",
    )
    found = s.unsourced()
    assert [why for _, why in found] == [
        "parameter 'w' has no source",
        'payoff of B for (x, x): the number(s) 2 in "2 * split" have no source',
    ]
    assert found[0][0] == 7
    assert found[1][0] == 11


def test_the_compact_form_carries_a_source_per_entry():
    s = load(
        """\
        parameters:
          f: {value: 1, source: C8}
        strategies: {A: [x, y], B: [x]}
        payoffs:
          "x, x": {payoffs: ["2 * f", 0], source: "C4: the tie counts twice"}
          "y, x": {payoffs: [1, {value: 0, source: C9}], note: "only A's 1 lacks one"}
        """,
        header="format: 1\ntitle: two\nplayers: [A, B]\nform: table\n",
    )
    assert s.compile().payoff(("x", "x")).tolist() == [2.0, 0.0]
    assert [why for _, why in s.unsourced()] == [
        "payoff of A for (y, x): the number 1 has no source"
    ]


def test_an_entry_of_the_compact_form_is_checked_like_a_list_entry():
    expect_error(
        """\
        strategies: {A: [x], B: [x]}
        payoffs:
          "x, x": {payoffs: [1, 0], sorce: C4}  #<
        """,
        "unknown key 'sorce' in the entry for (x, x) (did you mean 'source'?)",
        header="format: 1\ntitle: two\nplayers: [A, B]\nform: table\n",
    )


# -- errors -------------------------------------------------------------------------------


def test_wrong_number_of_values_message_is_exact():
    body = (
        STRATEGIES
        + full_payoffs(skip=0)
        + ("  - profile: [isolate, hostile, hostile]\n    payoffs: [1, 2]  #<\n")
    )
    message = expect_error(body, "")
    assert message.endswith("payoff for (isolate, hostile, hostile) has 2 values, expected 3")


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (
            STRATEGIES
            + "payoffs:  #<\n  - profile: [open, open, detente]\n    payoffs: [1, 2, 3]\n",
            "7 of 8 strategy profiles have no payoff: (isolate, hostile, hostile), "
            "(isolate, hostile, detente), (isolate, open, hostile), (isolate, open, detente), "
            "(open, hostile, hostile) and 2 more",
        ),
        (
            STRATEGIES + full_payoffs(skip=3).replace("payoffs:\n", "payoffs:  #<\n", 1),
            "1 of 8 strategy profiles have no payoff: (isolate, open, detente)",
        ),
        (
            STRATEGIES
            + full_payoffs()
            + "  - profile: [open, open, detente]  #<\n    payoffs: [1, 2, 3]\n",
            "duplicate payoff for (open, open, detente) (first at line",
        ),
        (
            STRATEGIES
            + "payoffs:\n  - profile: [opne, open, detente]  #<\n    payoffs: [1, 2, 3]\n",
            "unknown strategy 'opne' of US in profile (opne, open, detente) (did you mean 'open'?)",
        ),
        (
            STRATEGIES + "payoffs:\n  - profile: [open, open]  #<\n    payoffs: [1, 2, 3]\n",
            "profile (open, open) names 2 strategies, expected 3",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open":  #<\n    [1, 2, 3]\n',
            "profile (open, open) names 2 strategies",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open, detente": [1, yes, 3]  #<\n',
            "payoff of China for (open, open, detente) must be a number or an expression, "
            "got boolean 'yes'",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open, detente": [1, true, 3]  #<\n',
            "got boolean 'true'",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open, detente": [1, .nan, 3]  #<\n',
            "must be a finite number, got .nan",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open, detente": [1, -.inf, 3]  #<\n',
            "must be a finite number, got -.inf",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open, detente": [1, "1e308 * 10", 3]  #<\n',
            "overflows",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open, detente": [1, "1/0", 3]  #<\n',
            "division by zero",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open, detente": [1, "2 - splt", 3]  #<\n',
            "unknown parameter 'splt' in \"2 - splt\"",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open, detente": [1, ~, 3]  #<\n',
            "got nothing",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open, detente": [1, [2], 3]  #<\n',
            "got a list",
        ),
        (
            STRATEGIES + 'payoffs:\n  "open, open, detente": 3  #<\n',
            "payoff for (open, open, detente) must be a list",
        ),
        (
            STRATEGIES
            + "payoffs:\n  - profile: [open, open, detente]\n    payofs: [1, 2, 3]  #<\n",
            "unknown key 'payofs' in a payoff entry (did you mean 'payoffs'?)",
        ),
        (
            STRATEGIES + "payoffs:\n  - profile: [open, open, detente]  #<\n",
            "a payoff entry is missing the required key 'payoffs'",
        ),
        (STRATEGIES + "payoffs: []  #<\n", "payoffs must list at least one strategy profile"),
        (STRATEGIES + "payoffs: 3  #<\n", "payoffs must be a list, got the number 3"),
        (
            "strategies:\n  US: [isolate, open]\n  China: [hostile, open]\n"
            "  USSR: [hostile, hostile]  #<\n" + full_payoffs(),
            "duplicate strategy 'hostile' of USSR",
        ),
        (
            "strategies:  #<\n  US: [isolate, open]\n  China: [hostile, open]\n" + full_payoffs(),
            "strategies: missing for USSR",
        ),
        (
            STRATEGIES + "  Russia: [a]  #<\n" + full_payoffs(),
            "strategies: unknown player 'Russia'",
        ),
        (
            "strategies:\n  US: []  #<\n  China: [hostile, open]\n  USSR: [hostile]\n"
            + full_payoffs(),
            "US needs at least one strategy",
        ),
        (
            "strategies:\n  US: [' open']  #<\n  China: [a]\n  USSR: [b]\n" + full_payoffs(),
            "must not be empty or start/end with spaces",
        ),
        (
            "strategies:\n  US: ['a, b']  #<\n  China: [a]\n  USSR: [b]\n" + full_payoffs(),
            "must not contain ','",
        ),
        (
            "strategies:\n  US: isolate  #<\n  China: [a]\n  USSR: [b]\n" + full_payoffs(),
            "strategies of US must be a list",
        ),
    ],
)
def test_table_errors_are_located(body, fragment):
    expect_error(body, fragment)


def test_strategy_and_profile_limits():
    many = ", ".join(f"s{k}" for k in range(65))
    expect_error(
        f"strategies:\n  US: [{many}]  #<\n  China: [a]\n  USSR: [b]\npayoffs: []\n",
        "US has 65 strategies; the limit is 64",
    )
    thirty = ", ".join(f"s{k}" for k in range(30))
    expect_error(
        f"strategies:  #<\n  US: [{thirty}]\n  China: [{thirty}]\n  USSR: [{thirty}]\n"
        "payoffs: []\n",
        "30 x 30 x 30 = 27000 strategy profiles; the limit is 20000",
    )


@pytest.mark.parametrize(
    ("stances", "fragment"),
    [
        (
            "stances:\n  US: {isolate: [], open: [US]}  #<\n",
            "stance of US in 'open' names US itself",
        ),
        (
            "stances:\n  US: {isolate: [], open: [Chna]}  #<\n",
            "names unknown player 'Chna' (did you mean 'China'?)",
        ),
        (
            "stances:\n  US: {isolate: [], open: [China, China]}  #<\n",
            "names China twice",
        ),
        ("stances:\n  UK: {a: []}  #<\n", "stances: unknown player 'UK'"),
        ("stances:\n  US: {isolate: [], opn: [China]}  #<\n", "unknown strategy 'opn'"),
        ("stances:\n  US: {isolate: []}  #<\n", "stances of US: missing strategies open"),
        (
            "stances:  #<\n  US: {isolate: [], open: [China]}\n",
            "stances: missing for China, USSR",
        ),
        ("stances:\n  US: {isolate: [], open: China}  #<\n", "must be a list"),
    ],
)
def test_stance_errors_are_located(stances, fragment):
    expect_error(STRATEGIES + full_payoffs() + stances, fragment)


def test_relations_keys_are_refused_in_a_table():
    expect_error(
        STRATEGIES + full_payoffs() + "ties: {US: {China: 1}}  #<\n",
        "key 'ties' belongs to form: relations, not form: table",
    )


def test_evaluation_error_at_compile_time_is_located():
    text = (
        "format: 1\ntitle: two\nplayers: [A, B]\nform: table\n"
        "parameters:\n  w: {value: 2}\n"
        "strategies: {A: [x], B: [y]}\n"
        'payoffs:\n  "x, y": [1, "1 / (w - 1)"]  #<\n'
    )
    s = loads_scenario(text, path="t.yaml")
    with pytest.raises(ScenarioError) as err:
        s.compile({"w": 1})
    assert str(err.value).startswith(f"t.yaml:{marked_line(text)}: division by zero")
    assert "with w=1" in str(err.value)
