"""The batched evaluation path: gain curves, verdict maps, and agreement with analyze_move.

Hand-built scenarios come from test_analysis.py, where their arithmetic is written out.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import COORDINATION, COURT, DETERRENCE, PENNIES, RPS_TABLE, SPLIT, games, load

from triangle.analysis import analyze_move, gain_curve, sweep_move, verdict_map
from triangle.equilibria import weakly_dominated
from triangle.equilibria.dominance import dominated_batch
from triangle.errors import TriangleInputError
from triangle.report import to_data
from triangle.vocabulary import VERDICT_CODES


def test_gain_curve_of_court(tmp_path):
    s = load(tmp_path, COURT)
    xs = np.linspace(-4, 6, 21)
    curve = gain_curve(s, "x", xs)
    lo, hi, verdicts = curve  # unpacks as a triple
    # gain = x - 1.5 (test_analysis.COURT)
    np.testing.assert_allclose(lo, xs - 1.5, rtol=0, atol=1e-12)
    np.testing.assert_allclose(hi, xs - 1.5, rtol=0, atol=1e-12)
    assert list(verdicts) == ["pays off" if x > 1.5 else "does not pay off" for x in xs]
    assert not curve.fallback.any() and curve.notes == ()
    d = to_data(curve)
    assert json.loads(json.dumps(d)) == d and d["parameter"] == "x" and len(d["values"]) == 21


def test_gain_curve_selections(tmp_path):
    s = load(tmp_path, COORDINATION)
    with pytest.raises(TriangleInputError, match="unknown parameter 'x'"):
        gain_curve(s, "x", [0.0])
    # no parameter: one point through sweep_move; plausible [-2, 2], optimistic 2,
    # pessimistic -2 (test_analysis.COORDINATION)
    result = sweep_move(s, [{}])
    assert result.gains["plausible"][0][0] == pytest.approx(-2, abs=1e-12)
    assert result.gains["plausible"][1][0] == pytest.approx(2, abs=1e-12)
    assert result.verdicts("plausible") == ["depends on equilibrium selection"]
    assert result.verdicts("optimistic") == ["pays off"]
    assert result.verdicts("pessimistic") == ["does not pay off"]
    with pytest.raises(TriangleInputError, match="valid selections"):
        result.verdicts("hopeful")


def test_verdict_map_of_court(tmp_path):
    s = load(tmp_path, COURT)
    xs = np.array([-4.0, -1.0, 0.5, 2.0, 5.0])
    ys = np.array([0.0, 1.5, 3.5, 7.0])
    vmap = verdict_map(s, "x", xs, "cost", ys)
    codes, configurations = vmap
    assert codes.shape == (4, 5) and configurations.shape == (4, 5)
    # gain = x - cost + 2; rows follow ys (cost), columns xs; a zero gain does not pay off
    for j, cost in enumerate(ys):
        for i, x in enumerate(xs):
            expected = "pays off" if x - cost + 2 > 1e-9 else "does not pay off"
            assert codes[j, i] == VERDICT_CODES[expected], (x, cost)
    assert codes[3, 4] == VERDICT_CODES["does not pay off"]  # x = 5, cost = 7: gain exactly 0
    assert set(configurations.ravel()) == {"romantic triangle"}
    d = to_data(vmap)
    assert json.loads(json.dumps(d)) == d
    assert d["x"]["parameter"] == "x" and d["y"]["parameter"] == "cost"
    with pytest.raises(TriangleInputError, match="two different parameters"):
        verdict_map(s, "x", xs, "x", ys)


def test_verdict_map_configuration_changes(tmp_path):
    s = load(tmp_path, COURT)
    # y below -2: B drops C after the move, a stable marriage A-B (test_analysis.COURT)
    vmap = verdict_map(s, "y", [-5.0, 2.0], "x", [0.0])
    assert vmap.configurations.tolist() == [["stable marriage", "romantic triangle"]]


def test_points_without_pure_outcomes_are_solved_in_batch(tmp_path):
    s = load(tmp_path, PENNIES)
    values = [-2.0, -0.5, 0.0, 1.0]
    curve = gain_curve(s, "s", values)
    # no pure equilibrium after the move: every point's followers' games are solved for
    # all their equilibria by the batched solver, none one by one; gain = s/2 at the
    # mixed equilibrium
    assert not curve.fallback.any()
    assert "4 of 4 points" in curve.notes[0] and "batched solver" in curve.notes[0]
    assert sweep_move(s, [{"s": v} for v in values]).mixed.all()
    np.testing.assert_allclose(curve.gain_min, np.array(values) / 2, atol=1e-9)
    assert list(curve.verdicts) == ["does not pay off"] * 3 + ["pays off"]
    _agree(s, [{"s": v} for v in values])


@settings(max_examples=40)
@given(
    game=games(n_players=(2, 3), max_strategies=4, integer=True, min_value=-3, max_value=3),
    tol=st.sampled_from([1e-9, 0.1]),
)
def test_batched_dominance_agrees_with_weakly_dominated(game, tol):
    atol = tol * max(1.0, float(game.payoffs.max() - game.payoffs.min()))
    batch = [weak for weak, _ in dominated_batch(game.payoffs[np.newaxis], np.array([atol]))]
    expected = weakly_dominated(game, tol=tol)
    for p, dominated in enumerate(batch):
        assert tuple(np.flatnonzero(dominated[0]).tolist()) == expected[p]


# -- agreement between the batched path and analyze_move ------------------------------------
def _agree(scenario, points):
    sweep = sweep_move(scenario, points)
    for b, point in enumerate(points):
        a = analyze_move(scenario, point)
        for selection in ("plausible", "optimistic", "pessimistic"):
            lo, hi = a.point.gains[selection]
            assert sweep.gains[selection][0][b] == pytest.approx(lo, abs=1e-9), (point, selection)
            assert sweep.gains[selection][1][b] == pytest.approx(hi, abs=1e-9), (point, selection)
            assert sweep.verdicts(selection)[b] == a.verdicts[selection], (point, selection)
        assert sweep.after_configuration[b] == a.point.after_configuration, point
        assert sweep.target_states[b] == a.keep, point
        if np.isfinite(a.point.keep_value):
            assert sweep.keep_value[b] == pytest.approx(a.point.keep_value, abs=1e-9)
        else:
            assert np.isnan(sweep.keep_value[b])


@st.composite
def parameter_points(draw, scenario, max_points=4):
    """Points of a scenario's parameter space (a few parameters moved within range)."""
    points = []
    for _ in range(draw(st.integers(1, max_points))):
        names = draw(st.lists(st.sampled_from(list(scenario.parameters)), max_size=3, unique=True))
        point = {}
        for n in names:
            lo, hi = scenario.parameters[n].range
            # whole multiples of a quarter hit the ties between payoffs that matter most
            point[n] = draw(
                st.one_of(
                    st.floats(lo, hi), st.integers(int(4 * lo), int(4 * hi)).map(lambda k: k / 4)
                ),
                label=n,
            )
        points.append(point)
    return points


@settings(max_examples=30)
@given(data=st.data())
def test_sweep_agrees_with_analyze_move_on_shipped_scenarios(shipped, data):
    scenario = shipped[data.draw(st.integers(0, len(shipped) - 1), label="scenario")]
    _agree(scenario, data.draw(parameter_points(scenario)))


@settings(max_examples=15)
@given(data=st.data())
def test_sweep_agrees_with_analyze_move_on_hand_scenarios(tmp_path_factory, data):
    text = data.draw(
        st.sampled_from([COURT, SPLIT, COORDINATION, DETERRENCE, PENNIES]), label="scenario"
    )
    scenario = load(tmp_path_factory.mktemp("s"), text)
    points = data.draw(parameter_points(scenario)) if scenario.parameters else [{}]
    _agree(scenario, points)


# A user role-score table makes the value of the B-C tie depend on the other ties: the
# followers' game after the move has plausible mixed equilibria that pure outcomes miss
# (they alone would give a gain of exactly 0).
MIXED_MATTERS = """\
format: 1
title: Custom roles
players: [A, B, C]
form: relations
role_scores: {pivot: -1, friend: -2, partner: -2, wing: 1, foe: 2, outcast: -1}
ties:
  A: {B: 1, C: 2}
  B: {A: 1, C: -1}
  C: {A: 3, B: 0}
move: {player: A, from: cold, to: "warm:B+C"}
"""


def test_points_whose_mixed_equilibria_matter_are_solved_in_batch(tmp_path):
    s = load(tmp_path, MIXED_MATTERS)
    a = analyze_move(s)
    pure = [o.payoffs["A"] for o in a.after.outcomes if o.selected and o.kind == "pure"]
    mixed = [o.payoffs["A"] for o in a.after.outcomes if o.selected and o.kind == "mixed"]
    # the reason for the fallback: a plausible mixed equilibrium outside the pure range
    assert mixed and (min(mixed) < min(pure) - 1e-6 or max(mixed) > max(pure) + 1e-6)
    assert a.verdict == "depends on equilibrium selection"
    result = sweep_move(s, [{}])
    assert result.fallback.tolist() == [False] and result.mixed.tolist() == [True]
    assert "mixed equilibria could matter" in result.notes[0]
    _agree(s, [{}])


@settings(max_examples=25)
@given(data=st.data())
def test_sweep_agrees_with_analyze_move_where_mixed_equilibria_matter(tmp_path_factory, data):
    scenario = load(tmp_path_factory.mktemp("rps"), RPS_TABLE)
    _agree(scenario, data.draw(parameter_points(scenario, max_points=6)))


def test_a_table_scenario_is_solved_in_batch_without_one_by_one_fallback(tmp_path):
    s = load(tmp_path, RPS_TABLE)
    rng = np.random.default_rng(2)
    points = [{n: float(rng.uniform(-2, 2)) for n in "pqr"} for _ in range(300)]
    points += [{n: float(rng.integers(-8, 9) / 4) for n in "pqr"} for _ in range(300)]
    result = sweep_move(s, points)
    assert result.mixed.sum() > 200 and not result.fallback.any()
    _agree(s, points[::25])


def test_shipped_scenarios_stay_on_the_batched_path(shipped):
    # relations games with Bao's scores pass the structure certificate everywhere
    rng = np.random.default_rng(5)
    for scenario in shipped:
        ranges = {n: p.range for n, p in scenario.parameters.items()}
        points = [
            {
                n: float(rng.uniform(*r)) if rng.random() < 0.5 else float(np.mean(r))
                for n, r in ranges.items()
            }
            for _ in range(200)
        ]
        result = sweep_move(scenario, points)
        assert not result.fallback.any(), scenario.path
        assert result.notes == ()


@st.composite
def relations_games(draw):
    """Random relations-form scenarios: tie values, costs, weights; Bao's or a user table."""
    half = st.integers(-6, 6).map(lambda k: k / 2)
    players = ("A", "B", "C")
    ties = {i: {j: draw(half) for j in players if j != i} for i in players}
    costs = {i: {j: abs(draw(half)) for j in players if j != i} for i in players}
    lines = [
        "format: 1",
        "title: random relations game",
        "players: [A, B, C]",
        "form: relations",
        f"role_weight: {abs(draw(half))}",
        "ties: " + json.dumps(ties),
        "costs: " + json.dumps(costs),
        "third_party: " + json.dumps({i: draw(half) for i in players}),
    ]
    if draw(st.booleans()):
        roles = ("pivot", "friend", "partner", "wing", "foe", "outcast")
        lines.append("role_scores: " + json.dumps({r: draw(half) for r in roles}))
    moves = ["cold", "warm:B", "warm:C", "warm:B+C"]
    start, end = draw(st.lists(st.sampled_from(moves), min_size=2, max_size=2, unique=True))
    lines.append(f'move: {{player: A, from: "{start}", to: "{end}"}}')
    return "\n".join(lines) + "\n"


@settings(max_examples=20)
@given(text=relations_games())
def test_sweep_agrees_with_analyze_move_on_random_relations_games(tmp_path_factory, text):
    _agree(load(tmp_path_factory.mktemp("r"), text), [{}])


def test_empty_sweep(tmp_path):
    s = load(tmp_path, COURT)
    lo, hi, verdicts = gain_curve(s, "x", [])
    assert lo.shape == hi.shape == (0,) and verdicts == ()


def test_sweep_to_dict_is_plain_json(tmp_path):
    s = load(tmp_path, COURT)
    d = to_data(sweep_move(s, [{"x": 0.0}, {"x": 3.0}], overrides={"cost": 1.0}))
    assert json.loads(json.dumps(d)) == d
    assert d["points"] == [{"cost": 1.0, "x": 0.0}, {"cost": 1.0, "x": 3.0}]
    assert d["verdicts"]["plausible"] == ["pays off", "pays off"]  # x - 1 + 2 > 0
    assert d["target_states"] == ["keeps", "keeps"]
