"""Move analysis on hand-built scenarios whose verdicts, gains and triangles are
computed by hand (the arithmetic is in the comments), and on the shipped scenarios.

The scenario texts are in tests/support.py (also used by test_thresholds.py and
test_batch.py).
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import (
    COORDINATION,
    COURT,
    DETERRENCE,
    NO_MOVE,
    PENNIES,
    SCENARIOS,
    SPLIT,
    load,
)

from triangle.analysis import MoveAnalysis, analyze_move, compare
from triangle.equilibria import is_nash
from triangle.errors import TriangleInputError
from triangle.report import reason, to_data
from triangle.scenario import load_scenario


def close(a: float, b: float | Fraction, tol: float = 1e-9) -> bool:
    return abs(float(a) - float(b)) <= tol


# -- hand-computed verdicts -------------------------------------------------------------------
def test_court_gain_roles_and_decomposition(tmp_path):
    a = analyze_move(load(tmp_path, COURT))
    assert a.verdict == "does not pay off"
    assert close(a.gain[0], -1) and close(a.gain[1], -1)
    assert a.verdicts == {s: "does not pay off" for s in ("plausible", "optimistic", "pessimistic")}
    # decomposition: standing -1 - (-3) = +2, ties +0.5, costs -3.5, third party 0
    assert close(a.decomposition["standing"], 2)
    assert close(a.decomposition["ties"], Fraction(1, 2))
    assert close(a.decomposition["costs"], Fraction(-7, 2))
    assert close(a.decomposition["third party"], 0)
    assert close(sum(a.decomposition.values()), a.gain[0])
    assert a.before.representative.triad.configuration == "stable marriage"
    assert a.before.representative.triad.roles == {"A": "outcast", "B": "partner", "C": "partner"}
    after = a.after.representative
    assert after.triad.configuration == "romantic triangle"
    assert after.triad.roles == {"A": "wing", "B": "pivot", "C": "wing"}
    assert after.triad.scores == {"A": -1, "B": 3, "C": -1}
    assert close(after.payoffs["A"], -4) and close(after.payoffs["B"], 6)
    assert close(after.payoffs["C"], 1)


def test_court_target_third_actor_wedge_and_reason(tmp_path):
    a = analyze_move(load(tmp_path, COURT))
    # the default target: the one player warm:B is warm toward and cold is not
    assert (a.target, a.third, a.spec.target_rule) == ("B", "C", "default")
    assert a.wedge.before == "friendly" and a.wedge.after == "friendly"
    assert a.wedge.status == "holds" and not a.wedge.wedge
    # B keeps C: warm:A+C (6) against its best reply cold to C, warm:A (2): worth 4,
    # standing 3 - 1 = +2 and ties (1 + 2) - 1 = +2; the tie with A: 6 - 3 (warm:C) = 3
    assert a.keep == "keeps" and close(a.point.keep_value, 4)
    assert reason(a).startswith("B keeps its tie with C: staying warm to C is worth 4.0 to B")
    assert "(standing +2.0, ties +2.0)" in reason(a)
    assert "a tie with A is worth 3.0 to B" in reason(a)
    assert "stable marriage → romantic triangle: B becomes the pivot, A becomes a wing" in reason(a)
    assert reason(a).endswith("A loses 1.0 (standing +2.0, ties +0.5, costs −3.5)")


def test_grouping_keeps_every_profile(tmp_path):
    a = analyze_move(load(tmp_path, COURT))
    # AFTER, C's stance toward A changes nothing (A is cold to C): the two plausible
    # equilibria (warm:A+C, warm:B) and (warm:A+C, warm:A+B) form one outcome
    selected = [o for o in a.after.outcomes if o.selected]
    assert len(selected) == 1
    index = a.after.outcomes.index(selected[0])
    names = [(p["B"], p["C"]) for p in to_data(a)["move"]["after"]["outcomes"][index]["profiles"]]
    assert names == [("warm:A+C", "warm:B"), ("warm:A+C", "warm:A+B")]
    # every grouped profile is an equilibrium with the same payoffs and ties
    for outcome in a.after.outcomes + a.before.outcomes:
        for profile in outcome.profiles:
            sub = [s for j, s in enumerate(profile) if j != 0]
            assert is_nash(a.game.subgame("A", outcome.profiles[0][0].argmax()), sub)
    # groups are distinct: no two outcomes with the same payoffs and ties
    keys = [
        (o.triad.signs, tuple(round(v, 9) for v in o.payoffs.values())) for o in a.after.outcomes
    ]
    assert len(keys) == len(set(keys))


def test_split_breaks_the_tie_with_the_third_actor(tmp_path):
    a = analyze_move(load(tmp_path, SPLIT))
    assert a.verdict == "pays off" and close(a.gain[0], 7) and close(a.gain[1], 7)
    assert a.wedge.status == "breaks" and a.wedge.wedge
    assert (a.wedge.before, a.wedge.after) == ("friendly", "hostile")
    assert a.after.representative.triad.configuration == "stable marriage"
    assert a.after.representative.triad.roles == {"A": "partner", "B": "partner", "C": "outcast"}
    assert a.keep == "drops" and close(a.point.keep_value, -1)
    assert reason(a).startswith("B drops its tie with C: staying warm to C would cost B 1.0 (ties")
    assert close(sum(a.decomposition.values()), 7)


def test_already_broken(tmp_path):
    # y = -5: B loses 2 - 5 = -3 from a tie with C, so B is cold to C before and after
    a = analyze_move(load(tmp_path, COURT), {"y": -5})
    assert (a.wedge.before, a.wedge.after, a.wedge.status) == (
        "hostile",
        "hostile",
        "already broken",
    )
    assert a.keep == "drops"
    # gain is still x - cost + 2 (A's standing goes from foe -1 to partner +1)
    assert close(a.gain[0], -1)
    # C still wants the tie (2 + 2 > 0), so only B's side is cold
    assert reason(a).startswith("B stays cold to C: being warm to C would cost B 3.0")


def test_mutual_hostility_is_explained_by_both_sides(tmp_path):
    # C values the tie at y too; at y = -5 a friendly B-C tie is worth 2 (standing) - 5 = -3
    # to each, so neither is warm to the other, before or after the move
    s = load(tmp_path, COURT.replace("C: {B: 2}", "C: {B: y}"))
    a = analyze_move(s, {"y": -5})
    assert a.wedge.status == "already broken" and a.keep == "third actor cold"
    assert reason(a).startswith(
        "B's tie with C stays hostile: C is not warm to B (a friendly tie would cost B 3.0 and "
        "C 3.0); unit-veto → stable marriage: B becomes a partner, A becomes a partner, "
        "C becomes the outcast"
    )


def test_depends_on_equilibrium_selection(tmp_path):
    a = analyze_move(load(tmp_path, COORDINATION))
    assert a.verdict == "depends on equilibrium selection"
    assert close(a.gain[0], -2) and close(a.gain[1], 2)
    assert a.verdicts["optimistic"] == "pays off"
    assert a.verdicts["pessimistic"] == "does not pay off"
    assert close(a.point.gains["optimistic"][0], 2) and close(a.point.gains["pessimistic"][1], -2)
    # the three equilibria after the move, exactly
    outcomes = a.after.outcomes
    assert [o.kind for o in outcomes] == ["pure", "pure", "mixed"]
    mixed = outcomes[2]
    f, g = mixed.profiles[0][1], mixed.profiles[0][2]
    assert close(f[0], Fraction(2, 3)) and close(g[0], Fraction(1, 3))
    assert close(mixed.payoffs["M"], Fraction(4, 9))
    assert all(o.selected and o.plausible for o in outcomes)
    # no components: one "payoff" component; worst AFTER (y, y) minus best BEFORE (x, x)
    assert a.decomposition.keys() == {"payoff"}
    assert close(a.decomposition["payoff"], -2)
    assert a.wedge is None and a.target is None
    # a game without payoff components has no breakdown to give
    assert reason(a) == (
        "M's gain lies between −2.0 and 2.0 depending on the followers' equilibrium; at worst −2.0"
    )


def test_mixed_only_followers_game(tmp_path):
    a = analyze_move(load(tmp_path, PENNIES))
    # s = 2: M gets s/2 = 1 at the unique (mixed) equilibrium after the move, 0 before
    assert a.verdict == "pays off" and close(a.gain[0], 1) and close(a.gain[1], 1)
    (outcome,) = a.after.outcomes
    assert outcome.kind == "mixed"
    assert all(close(p, Fraction(1, 2)) for p in (*outcome.profiles[0][1], *outcome.profiles[0][2]))


def test_two_player_move(tmp_path):
    a = analyze_move(load(tmp_path, DETERRENCE))
    assert a.verdict == "pays off" and close(a.gain[0], 2)
    d = to_data(a)
    assert d["move"]["before"]["outcomes"][0]["profiles"] == [
        {"Leader": "soft", "Follower": "fight"}
    ]
    assert d["move"]["after"]["outcomes"][0]["profiles"] == [
        {"Leader": "tough", "Follower": "yield"}
    ]
    assert d["move"]["after"]["configuration"] is None
    assert d["move"]["decomposition"] == {"payoff": 2.0}


# -- errors ---------------------------------------------------------------------------------
def test_no_move_is_an_input_error(tmp_path):
    s = load(tmp_path, NO_MOVE, "still.yaml")
    with pytest.raises(TriangleInputError, match=r"still\.yaml: scenario has no `move:` block"):
        analyze_move(s)


def test_bad_override_is_an_input_error(tmp_path):
    s = load(tmp_path, COURT)
    with pytest.raises(TriangleInputError, match="known parameters: x, y, cost"):
        analyze_move(s, {"z": 1})
    with pytest.raises(TriangleInputError, match="outside its range"):
        analyze_move(s, {"x": 60})


# -- reports ----------------------------------------------------------------------------------
REQUIRED_MOVE_KEYS = {
    "player",
    "from",
    "to",
    "target",
    "third",
    "verdict",
    "reason",
    "gain",
    "selection",
    "verdicts",
    "gains",
    "before",
    "after",
    "wedge",
    "decomposition",
}
REQUIRED_SIDE_KEYS = {"configuration", "roles", "scores", "ties", "payoffs", "outcomes"}


def test_to_dict_is_plain_json_and_deterministic(tmp_path):
    s = load(tmp_path, COURT)
    first = to_data(analyze_move(s, thresholds=("x",)))
    second = to_data(analyze_move(s, thresholds=("x",)))
    text = json.dumps(first, ensure_ascii=False, sort_keys=False)
    assert text == json.dumps(second, ensure_ascii=False, sort_keys=False)
    assert json.loads(text) == first  # only JSON types: a round trip changes nothing
    assert first["scenario"] == "A courts B" and first["path"].endswith("scenario.yaml")
    assert first["parameters"] == {"x": 0.5, "y": 2.0, "cost": 3.5}
    move = first["move"]
    assert REQUIRED_MOVE_KEYS <= move.keys()
    assert (
        REQUIRED_SIDE_KEYS <= move["before"].keys() and REQUIRED_SIDE_KEYS <= move["after"].keys()
    )
    assert (
        move["selection"] == "plausible"
        and "weakly dominated" in move["selection_rules"]["plausible"]
    )
    assert move["gain"] == {"min": -1.0, "max": -1.0}
    assert move["wedge"]["status"] == "holds"
    assert move["after"]["ties"] == {"A–B": 1, "A–C": -1, "B–C": 1}
    th, target = first["thresholds"]  # the verdict's flip, then the target's
    assert th["kind"] == "verdict" and target["kind"] == "target"
    assert th["parameter"] == "x" and abs(th["flips"][0]["value"] - 1.5) < 1e-9


def test_compare_applies_shared_overrides(tmp_path):
    court = load(tmp_path, COURT, "court.yaml")
    split = load(tmp_path, SPLIT, "split.yaml")
    a, b = compare([court, split], {"x": 2.0})
    assert isinstance(a, MoveAnalysis) and isinstance(b, MoveAnalysis)
    assert a.verdict == "pays off" and close(a.gain[0], 0.5)  # 2 - 1.5
    assert b.verdict == "pays off" and b.parameters == {}
    paths = compare([tmp_path / "court.yaml", str(tmp_path / "split.yaml")])
    assert [p.scenario.title for p in paths] == ["A courts B", "A splits B from C"]
    with pytest.raises(TriangleInputError, match="no scenario declares it"):
        compare([court, split], {"nope": 1.0})


# -- properties ----------------------------------------------------------------------------
@settings(max_examples=15)
@given(x=st.floats(-4, 6), cost=st.floats(0, 8))
def test_court_gain_is_x_minus_cost_plus_two(tmp_path_factory, x, cost):
    s = load(tmp_path_factory.mktemp("court"), COURT)
    a = analyze_move(s, {"x": x, "cost": cost})
    assert close(a.gain[0], x - cost + 2) and close(a.gain[1], x - cost + 2)
    expected = "pays off" if x - cost + 2 > a.point.atol else "does not pay off"
    assert a.verdict == expected
    assert close(sum(a.decomposition.values()), a.gain[0])


@settings(max_examples=20)
@given(data=st.data())
def test_shipped_decomposition_sums_to_gain_and_outcomes_are_equilibria(shipped, data):
    s = shipped[data.draw(st.integers(0, len(shipped) - 1))]
    names = data.draw(st.lists(st.sampled_from(list(s.parameters)), max_size=3, unique=True))
    overrides = {n: data.draw(st.floats(*s.parameters[n].range), label=n) for n in names}
    a = analyze_move(s, overrides)
    assert close(sum(a.decomposition.values()), a.gain[0], 1e-9 * max(1, abs(a.gain[0])))
    assert a.gain[0] <= a.gain[1] + 1e-12
    for side in (a.before, a.after):
        for outcome in side.outcomes:
            for profile in outcome.profiles:
                assert is_nash(
                    a.game.subgame(a.mover, side.strategy),
                    [p for j, p in enumerate(profile) if j != a.spec.mover],
                )
        # the representative is a selected outcome and components add up to its payoffs
        rep = side.representative
        assert rep.selected
        for player, parts in rep.components.items():
            assert close(sum(parts.values()), rep.payoffs[player])


def test_shipped_scenarios_report_their_triangles():
    names = ("kissinger_1971.yaml", "reverse_kissinger_2025.yaml")
    if not all((SCENARIOS / n).exists() for n in names):
        pytest.skip("shipped scenarios not present")
    a71, a25 = (analyze_move(load_scenario(SCENARIOS / n)) for n in names)
    assert a25.after.representative.triad.role(a25.target) == "pivot"
    assert a25.wedge.status == "holds"
    assert a71.after.representative.triad.role("US") == "pivot"
    assert np.isfinite(a71.gain[0]) and np.isfinite(a25.gain[0])


def test_compare_checks_every_move_before_analysing(tmp_path, shipped, monkeypatch):
    import triangle.analysis.comparison as move_module

    no_move = load(
        tmp_path,
        "\n".join(line for line in COURT.splitlines() if not line.startswith("move:")) + "\n",
        "no_move.yaml",
    )
    assert no_move.move is None
    calls = []
    monkeypatch.setattr(move_module, "analyze_move", lambda *a, **k: calls.append(a))
    with pytest.raises(TriangleInputError, match="has no `move:` block"):
        compare([shipped[0], no_move])
    assert calls == []


def test_compare_without_thresholds_uses_each_scenarios_defaults(shipped):
    with_defaults = [s for s in shipped if s.move.thresholds][:2]
    analyses = compare(with_defaults, thresholds=None)
    for s, a in zip(with_defaults, analyses, strict=True):
        assert {t.parameter for t in a.thresholds} == set(s.move.thresholds)
    assert all(a.thresholds == () for a in compare(with_defaults))
