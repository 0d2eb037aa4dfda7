"""The Game: validation, immutability, lookups, induced subgames, plain-data table."""

import numpy as np
import pytest

from triangle.game import Game
from triangle.report import game_table


def three_player():
    payoffs = np.arange(3 * 2 * 3 * 2, dtype=float).reshape(3, 2, 3, 2)
    return Game(("A", "B", "C"), (("a1", "a2"), ("b1", "b2", "b3"), ("c1", "c2")), payoffs)


def test_payoffs_are_copied_and_read_only():
    source = np.zeros((2, 2, 2))
    g = Game.from_arrays(source[0], source[1])
    source[0, 0, 0] = 5
    assert g.payoffs[0, 0, 0] == 0
    with pytest.raises(ValueError):
        g.payoffs[0, 0, 0] = 1


def test_lookup_by_name_and_index():
    g = three_player()
    assert g.shape == (2, 3, 2) and g.n_players == 3
    assert g.player_index("B") == 1 and g.player_index(2) == 2
    assert g.strategy_index("B", "b3") == 2
    assert g.profile_index(("a2", "b1", "c2")) == (1, 0, 1)
    assert g.payoff(("a2", "b1", "c2")).tolist() == [
        g.payoffs[0, 1, 0, 1],
        g.payoffs[1, 1, 0, 1],
        g.payoffs[2, 1, 0, 1],
    ]


@pytest.mark.parametrize(
    "call",
    [
        lambda g: g.player_index("Z"),
        lambda g: g.player_index(5),
        lambda g: g.strategy_index("A", "zz"),
        lambda g: g.strategy_index("A", 7),
        lambda g: g.profile_index(("a1", "b1")),
    ],
)
def test_unknown_names_raise_key_error_with_the_options(call):
    with pytest.raises(KeyError):
        call(three_player())


def test_subgame_slices_payoffs_of_the_remaining_players():
    g = three_player()
    sub = g.subgame("B", "b2")
    assert sub.players == ("A", "C")
    assert sub.strategies == (("a1", "a2"), ("c1", "c2"))
    for a in range(2):
        for c in range(2):
            assert sub.payoffs[0, a, c] == g.payoffs[0, a, 1, c]
            assert sub.payoffs[1, a, c] == g.payoffs[2, a, 1, c]


def test_subgame_keeps_stances_and_components():
    payoffs = np.ones((3, 2, 2, 2))
    stances = (
        (frozenset(), frozenset({"B"})),
        (frozenset(), frozenset({"A", "C"})),
        (frozenset(), frozenset({"B"})),
    )
    comps = {"x": payoffs * 0.25, "y": payoffs * 0.75}
    g = Game(("A", "B", "C"), (("c", "w"),) * 3, payoffs, stances=stances, components=comps)
    sub = g.subgame("A", "w")
    assert sub.stances == stances[1:]
    assert [name for name, _ in sub.components] == ["x", "y"]
    assert np.allclose(sub.component("x") + sub.component("y"), sub.payoffs)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"players": ("A",), "strategies": (("a",),), "payoffs": np.zeros((1, 1))}, "at least 2"),
        (
            {"players": ("A", "A"), "strategies": (("a",), ("b",)), "payoffs": np.zeros((2, 1, 1))},
            "unique",
        ),
        (
            {
                "players": ("A", "B"),
                "strategies": (("a", "a"), ("b",)),
                "payoffs": np.zeros((2, 2, 1)),
            },
            "unique",
        ),
        (
            {"players": ("A", "B"), "strategies": (("a",), ("b",)), "payoffs": np.zeros((2, 2, 1))},
            "shape",
        ),
        (
            {
                "players": ("A", "B"),
                "strategies": (("a",), ("b",)),
                "payoffs": np.array([[[np.nan]], [[0.0]]]),
            },
            "finite",
        ),
        (
            {"players": ("A", "B"), "strategies": (("a",), ()), "payoffs": np.zeros((2, 1, 0))},
            "no strategies",
        ),
    ],
)
def test_invalid_games_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Game(**kwargs)


def test_components_must_add_up():
    with pytest.raises(ValueError, match="add up"):
        Game(
            ("A", "B"), (("a",), ("b",)), np.ones((2, 1, 1)), components={"x": np.zeros((2, 1, 1))}
        )


def test_stance_toward_oneself_is_rejected():
    with pytest.raises(ValueError, match="not another player"):
        Game(
            ("A", "B"),
            (("a",), ("b",)),
            np.ones((2, 1, 1)),
            stances=((frozenset({"A"}),), (frozenset(),)),
        )


def test_table_lists_every_profile_with_every_payoff():
    g = three_player()
    rows = game_table(g)
    assert len(rows) == 12
    assert rows[0]["profile"] == {"A": "a1", "B": "b1", "C": "c1"}
    last = rows[-1]
    assert last["profile"] == {"A": "a2", "B": "b3", "C": "c2"}
    assert last["payoffs"] == {p: float(g.payoffs[i, 1, 2, 1]) for i, p in enumerate("ABC")}


def test_from_arrays_default_labels():
    g = Game.from_arrays(np.zeros((2, 3)), np.zeros((2, 3)))
    assert g.players == ("P1", "P2") and g.strategies == (("s1", "s2"), ("s1", "s2", "s3"))
    with pytest.raises(ValueError):
        Game.from_arrays(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))


def test_triad_at_a_pure_profile_needs_three_players_with_stances():
    warm = lambda *names: frozenset(names)  # noqa: E731
    stances = (
        (warm(), warm("B", "C")),
        (warm(), warm("A")),
        (warm(), warm("A")),
    )
    g = Game(("A", "B", "C"), (("c", "w"),) * 3, np.zeros((3, 2, 2, 2)), stances=stances)
    t = g.triad((1, 1, 1))
    assert t.configuration == "romantic triangle" and t.pivot == "A"
    assert g.triad((0, 1, 1)).configuration == "unit-veto"
    assert three_player().triad((0, 0, 0)) is None  # no stances
