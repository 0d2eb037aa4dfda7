"""The relations form: Dittmer's triangle compiled to a 4x4x4 game."""

from __future__ import annotations

import itertools
import math
import textwrap
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangle.errors import ScenarioError
from triangle.scenario import loads_scenario

PLAYERS = ("US", "China", "USSR")
HEADER = """\
format: 1
title: triangle
players: [US, China, USSR]
form: relations
"""


def scenario(body: str = "", header: str = HEADER):
    return loads_scenario(header + textwrap.dedent(body), path="r.yaml")


def close(a, b) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)


def warm_set(name: str) -> set[str]:
    """Who a strategy name is warm toward, read from the name itself."""
    return set() if name == "cold" else set(name.removeprefix("warm:").split("+"))


def signs(profile: tuple[str, str, str]) -> dict[frozenset, int]:
    warm = {p: warm_set(s) for p, s in zip(PLAYERS, profile, strict=True)}
    return {
        frozenset((a, b)): 1 if (b in warm[a] and a in warm[b]) else -1
        for a, b in itertools.combinations(PLAYERS, 2)
    }


def bao_by_hand(profile, actor: str) -> int:
    r = signs(profile)
    j, k = (p for p in PLAYERS if p != actor)
    return r[frozenset((actor, j))] + r[frozenset((actor, k))] - r[frozenset((j, k))]


def all_profiles(game):
    for index in game.pure_profiles():
        yield index, tuple(game.strategies[i][k] for i, k in enumerate(index))


def marked_line(text: str, marker: str = "#<") -> int:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if marker in line]
    assert len(lines) == 1, f"exactly one {marker} marker expected"
    return lines[0]


def expect_error(body: str, fragment: str) -> None:
    text = HEADER + textwrap.dedent(body)
    with pytest.raises(ScenarioError) as err:
        loads_scenario(text, path="r.yaml")
    message = str(err.value)
    assert message.startswith(f"r.yaml:{marked_line(text)}: "), message
    assert fragment in message, message


# -- strategies and stances --------------------------------------------------------------


def test_strategy_names_and_stances():
    s = scenario()
    assert s.form == "relations"
    assert s.strategies == (
        ("cold", "warm:China", "warm:USSR", "warm:China+USSR"),
        ("cold", "warm:US", "warm:USSR", "warm:US+USSR"),
        ("cold", "warm:US", "warm:China", "warm:US+China"),
    )
    game = s.compile()
    assert game.shape == (4, 4, 4)
    for i, names in enumerate(s.strategies):
        for k, name in enumerate(names):
            assert game.stances[i][k] == frozenset(warm_set(name))


# -- payoffs -------------------------------------------------------------------------------


def test_default_payoffs_are_bao_scores_at_every_profile():
    game = scenario().compile()
    for index, names in all_profiles(game):
        for i, actor in enumerate(PLAYERS):
            assert close(game.payoffs[(i, *index)], bao_by_hand(names, actor))


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (("cold", "cold", "cold"), (-1, -1, -1)),  # unit-veto: three foes
        (("warm:China", "warm:US", "cold"), (1, 1, -3)),  # US-China marriage, USSR outcast
        (("warm:China+USSR", "warm:US", "warm:US"), (3, -1, -1)),  # US pivot
        (("warm:China+USSR", "warm:US+USSR", "warm:US+China"), (1, 1, 1)),  # ménage à trois
        (("warm:China", "cold", "cold"), (-1, -1, -1)),  # unreciprocated warmth changes nothing
    ],
)
def test_hand_computed_profiles(profile, expected):
    game = scenario().compile()
    for got, want in zip(game.payoff(profile), expected, strict=True):
        assert close(got, Fraction(want))


def test_every_term_at_a_hand_computed_profile():
    s = scenario(
        """\
        parameters:
          split: {value: 3, source: C8}
          bloc: {value: 2, source: C4}
        role_weight: 0.5
        ties:
          US: {USSR: 1.5}
          China: {USSR: "1 - split"}
        third_party:
          US: "-bloc"
          USSR: -0.25
        costs:
          US: {China: 0.75}
        """
    )
    game = s.compile()
    # US pivot (US-China and US-USSR friendly, China-USSR hostile)
    pivot = ("warm:China+USSR", "warm:US", "warm:US")
    expected = {
        "US": Fraction(1, 2) * 3 + Fraction(3, 2) - Fraction(3, 4),
        "China": Fraction(1, 2) * -1,
        "USSR": Fraction(1, 2) * -1 - Fraction(1, 4),  # US-China is friendly
    }
    for p, value in zip(PLAYERS, game.payoff(pivot), strict=True):
        assert close(value, expected[p])
    # China-USSR marriage, US outcast: US suffers the bloc, China gains 1 - split
    marriage = ("cold", "warm:USSR", "warm:China")
    expected = {
        "US": Fraction(1, 2) * -3 - 2,
        "China": Fraction(1, 2) * 1 + (1 - 3),
        "USSR": Fraction(1, 2) * 1,
    }
    for p, value in zip(PLAYERS, game.payoff(marriage), strict=True):
        assert close(value, expected[p])
    # USSR's third-party value counts when US and China are friendly
    us_china = ("warm:China", "warm:US", "cold")
    assert close(game.payoff(us_china)[2], Fraction(1, 2) * -3 - Fraction(1, 4))


# subnormal payoff differences are refused at load time (test_load.py); draw others
normal = st.floats(-5, 5, allow_nan=False, allow_subnormal=False)


@settings(max_examples=60, deadline=None)
@given(
    w=normal,
    v=normal,
    other=st.sampled_from(["cold", "warm:USSR"]),
    third=st.sampled_from(["cold", "warm:US", "warm:China", "warm:US+China"]),
)
def test_reciprocated_warmth_is_worth_tie_value_plus_two_weights(w, v, other, third):
    s = scenario(
        f"""\
        role_weight: {w!r}
        ties:
          US: {{China: {v!r}}}
        """
    )
    game = s.compile()
    # China is warm toward the US; compare the US going warm toward China with staying cold.
    china = "warm:US" if other == "cold" else "warm:US+USSR"
    us_base = "cold" if other == "cold" else "warm:USSR"
    us_warm = "warm:China" if other == "cold" else "warm:China+USSR"
    gain = game.payoff((us_warm, china, third))[0] - game.payoff((us_base, china, third))[0]
    assert math.isclose(gain, v + 2 * w, rel_tol=1e-9, abs_tol=1e-9)
    # Unreciprocated: China cold toward the US, the US gains nothing by warming.
    china_cold = "cold" if other == "cold" else "warm:USSR"
    flat = (
        game.payoff((us_warm, china_cold, third))[0] - game.payoff((us_base, china_cold, third))[0]
    )
    assert math.isclose(flat, 0.0, abs_tol=1e-9)


def test_components_are_named_and_sum_to_payoffs():
    s = scenario(
        """\
        role_weight: {US: 2, China: 1.5}
        ties: {China: {US: 1}, USSR: {China: 2}}
        third_party: {US: -1}
        costs: {US: {China: 0.5}, USSR: {US: 1}}
        """
    )
    game = s.compile()
    names = [name for name, _ in game.components]
    assert names == ["standing", "ties", "third party", "costs"]
    total = sum(array for _, array in game.components)
    np.testing.assert_allclose(total, game.payoffs, rtol=0, atol=1e-12)
    costs = game.component("costs")
    assert np.all(costs <= 0)
    assert np.any(costs < 0)
    # standing = role weight x Bao score (USSR has the default weight 1)
    standing = game.component("standing")
    for index, names in all_profiles(game):
        for i, (actor, weight) in enumerate(zip(PLAYERS, (2, 1.5, 1), strict=True)):
            assert close(standing[(i, *index)], weight * bao_by_hand(names, actor))
    # third party: US loses 1 exactly where China-USSR is friendly
    third = game.component("third party")
    for index, names in all_profiles(game):
        friendly = signs(names)[frozenset(("China", "USSR"))] > 0
        assert close(third[(0, *index)], -1.0 if friendly else 0.0)
        assert close(third[(1, *index)], 0.0)


def test_custom_role_scores():
    s = scenario(
        """\
        role_scores:
          pivot: 10
          friend: 5
          partner: 4
          wing: -2
          foe: {value: -1, source: "assumption"}
          outcast: "-6"
        """
    )
    game = s.compile()
    assert close(game.payoff(("warm:China+USSR", "warm:US", "warm:US"))[0], 10)
    assert close(game.payoff(("warm:China+USSR", "warm:US", "warm:US"))[1], -2)
    assert close(game.payoff(("warm:China", "warm:US", "cold"))[2], -6)
    assert close(game.payoff(("warm:China", "warm:US", "cold"))[0], 4)
    assert close(game.payoff(("cold", "cold", "cold"))[0], -1)
    assert close(game.payoff(("warm:China+USSR", "warm:US+USSR", "warm:US+China"))[1], 5)


def test_explicit_bao_and_weight_mapping_form():
    a = scenario("role_scores: bao\nrole_weight: {value: 2, source: C4}\n").compile()
    b = scenario().compile()
    np.testing.assert_allclose(a.payoffs, 2 * b.payoffs, rtol=0, atol=1e-12)


def test_overrides_change_payoffs():
    s = scenario(
        """\
        parameters:
          split: {value: 3, range: [-4, 6], source: C8}
        ties:
          China: {USSR: "2 - split"}
        """
    )
    profile = ("cold", "warm:USSR", "warm:China")
    assert close(s.compile().payoff(profile)[1], 1 + (2 - 3))
    assert close(s.compile({"split": -4}).payoff(profile)[1], 1 + (2 + 4))
    assert close(s.with_values(split=0).compile().payoff(profile)[1], 1 + 2)
    # the USSR's payoff does not depend on split
    assert close(s.compile({"split": -4}).payoff(profile)[2], 1)


def test_same_game_written_as_a_table_compiles_identically():
    relations = scenario(
        """\
        parameters:
          split: {value: 2.5, source: C8}
        role_weight: 1.5
        ties:
          US: {China: 0.5, USSR: 1}
          China: {US: 1, USSR: "1 - split"}
          USSR: {US: 0.25, China: "1 - split"}
        third_party: {US: -2}
        costs: {US: {China: 0.5}}
        """
    )
    game = relations.compile()
    lines = [
        "format: 1",
        "title: the same triangle as a table",
        "players: [US, China, USSR]",
        "form: table",
        "strategies:",
    ]
    for player, names in zip(PLAYERS, game.strategies, strict=True):
        lines.append(f"  {player}: [{', '.join(repr(n) for n in names)}]")
    lines.append("stances:")
    for i, player in enumerate(PLAYERS):
        lines.append(f"  {player}:")
        for k, name in enumerate(game.strategies[i]):
            warm = [p for p in PLAYERS if p in game.stances[i][k]]
            lines.append(f"    {name!r}: [{', '.join(warm)}]")
    lines.append("payoffs:")
    for index, names in all_profiles(game):
        values = ", ".join(repr(float(game.payoffs[(i, *index)])) for i in range(3))
        lines.append(f"  - profile: [{', '.join(repr(n) for n in names)}]")
        lines.append(f"    payoffs: [{values}]")
    table = loads_scenario("\n".join(lines) + "\n", path="t.yaml")
    assert table.strategies == relations.strategies
    other = table.compile()
    np.testing.assert_allclose(other.payoffs, game.payoffs, rtol=0, atol=0)
    assert other.stances == game.stances


def test_unsourced_numbers():
    s = scenario(
        """\
        parameters:
          split: {value: 3, source: C8}
          bloc: {value: 2}
        role_weight: 1
        ties:
          US: {China: "split", USSR: {value: 1, source: C4}}
          China: {USSR: "1 - split"}
        third_party: {US: "-bloc"}
        """
    )
    found = s.unsourced()
    lines = [line for line, _ in found]
    assert lines == sorted(lines)
    text = "\n".join(why for _, why in found)
    assert "parameter 'bloc' has no source" in text
    assert "role_weight" in text
    assert "tie value of China for USSR" in text
    assert "tie value of US for China" not in text  # made only of a sourced parameter
    assert "tie value of US for USSR" not in text  # has its own source
    assert len(found) == 3


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("ties:\n  US: {US: 1}  #<\n", "ties of US names US itself"),
        ("ties:\n  US:\n    Chna: 1  #<\n", "'Chna' is not another actor (did you mean 'China'?)"),
        ("ties:\n  UK: {US: 1}  #<\n", "ties: unknown player 'UK'"),
        ("costs:\n  US: {Russia: 1}  #<\n", "costs of US: 'Russia' is not another actor"),
        ("costs: [1, 2]  #<\n", "costs must be a mapping"),
        ("ties:\n  US: 1  #<\n", "ties of US must be a mapping"),
        ("third_party:\n  Japan: -1  #<\n", "third_party: unknown player 'Japan'"),
        ("third_party:\n  US: true  #<\n", "must be a number or an expression, got boolean"),
        ("role_weight: {US: 1, Chin: 2}  #<\n", "role_weight: unknown player 'Chin'"),
        ("role_weight: yes  #<\n", "got boolean 'yes'"),
        ("role_weight: .inf  #<\n", "must be a finite number"),
        ("role_scores: dittmer  #<\n", "role_scores must be 'bao' or a mapping"),
        (
            "role_scores:  #<\n  pivot: 3\n  friend: 1\n",
            "role_scores is missing the required key 'partner'",
        ),
        ("role_scores:\n  pivto: 3  #<\n", "(did you mean 'pivot'?)"),
        ("strategies: {US: [a]}  #<\n", "key 'strategies' belongs to form: table"),
        ("payoffs: []  #<\n", "key 'payoffs' belongs to form: table"),
        ('ties:\n  US: {China: "trade"}  #<\n', "unknown parameter 'trade'"),
        ("ties:\n  US: {China: {value: 1, sorce: C4}}  #<\n", "(did you mean 'source'?)"),
        ("ties:\n  US: {China: {source: C4}}  #<\n", "missing the required key 'value'"),
    ],
)
def test_relations_errors_are_located(body, fragment):
    expect_error(body, fragment)


@pytest.mark.parametrize(
    ("players", "fragment"),
    [
        ("[US, China]", "form: relations needs exactly 3 players, got 2"),
        ("[US, China, USSR, India]", "form: relations needs exactly 3 players, got 4"),
        ("[US, China+Russia, India]", "must not contain '+'"),
        ("[US, 'warm:China', India]", "must not contain ':'"),
    ],
)
def test_relations_player_errors(players, fragment):
    text = f"format: 1\ntitle: t\nform: relations\nplayers: {players}\n"
    with pytest.raises(ScenarioError) as err:
        loads_scenario(text, path="r.yaml")
    assert str(err.value).startswith("r.yaml:4: ")
    assert fragment in str(err.value)


def test_overflow_at_compile_time_is_located():
    text = HEADER + 'parameters:\n  big: {value: 1}\nrole_weight: "big * 1e307"  #<\n'
    s = loads_scenario(text, path="r.yaml")
    s.compile()  # finite at the default value
    with pytest.raises(ScenarioError) as err:
        s.compile({"big": 1000})
    assert str(err.value).startswith(f"r.yaml:{marked_line(text)}: ")
    assert "not finite" in str(err.value) or "overflows" in str(err.value)


def test_overflow_of_a_product_is_located_at_its_section():
    text = HEADER + 'parameters:\n  big: {value: 1}\nrole_weight: "big * 1e307"  #<\n'
    s = loads_scenario(text, path="r.yaml")
    with pytest.raises(ScenarioError) as err:
        s.compile({"big": 10})  # the weight is finite, weight x pivot score is not
    assert str(err.value).startswith(f"r.yaml:{marked_line(text)}: ")
    assert "standing" in str(err.value)


small = st.one_of(st.integers(-5, 5), st.fractions(-5, 5, max_denominator=8))


@st.composite
def relation_terms(draw):
    weights = {p: draw(small) for p in PLAYERS}
    ties = {(a, b): draw(small) for a in PLAYERS for b in PLAYERS if a != b}
    costs = {(a, b): draw(small) for a in PLAYERS for b in PLAYERS if a != b}
    third = {p: draw(small) for p in PLAYERS}
    return weights, ties, costs, third


def as_yaml(value) -> str:
    return f'"{value}"' if isinstance(value, Fraction) else str(value)


@settings(max_examples=40, deadline=None)
@given(terms=relation_terms())
def test_payoffs_match_the_formula_computed_by_hand(terms):
    weights, ties, costs, third = terms
    body = ["role_weight:"]
    body += [f"  {p}: {as_yaml(w)}" for p, w in weights.items()]
    for key, table in (("ties", ties), ("costs", costs)):
        body.append(f"{key}:")
        for a in PLAYERS:
            inner = ", ".join(f"{b}: {as_yaml(v)}" for (x, b), v in table.items() if x == a)
            body.append(f"  {a}: {{{inner}}}")
    body.append("third_party:")
    body += [f"  {p}: {as_yaml(v)}" for p, v in third.items()]
    game = scenario("\n".join(body) + "\n").compile()
    for index, names in all_profiles(game):
        r = signs(names)
        for i, a in enumerate(PLAYERS):
            j, k = (p for p in PLAYERS if p != a)
            friendly = {b: r[frozenset((a, b))] > 0 for b in (j, k)}
            expected = weights[a] * bao_by_hand(names, a)
            expected += sum(ties[(a, b)] - costs[(a, b)] for b in (j, k) if friendly[b])
            if r[frozenset((j, k))] > 0:
                expected += third[a]
            assert math.isclose(game.payoffs[(i, *index)], expected, abs_tol=1e-9)
        total = sum(array for _, array in game.components)
        np.testing.assert_allclose(total, game.payoffs, rtol=0, atol=1e-9)
