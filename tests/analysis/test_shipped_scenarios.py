"""The shipped scenarios reach their documented conclusions, and *because of* their
parameters: moving the parameter a claim encodes moves the conclusion.

Hand arithmetic used below (relations form, role weight w = standing_weight):
- 1971, US cold -> warm to China and USSR, both answer, China–USSR stays hostile:
  US standing foe (-1) -> pivot (+3) = 4w; ties leverage*rivalry + detente_us;
  costs taiwan + detente_cost.  At the file's values: 4 + 3 + 0.5 - 1.5 = 6.
- 2025, US cold -> warm to Russia, Russia answers and keeps China:
  US standing outcast (-3) -> wing (-1) = 2w; ties leverage*rivalry + trade_us_russia;
  costs offer + allies.  At the file's values: 2 + 0.25 + 0.1 - 3 = -0.65, zero at
  rivalry = (3 - 2 - 0.1) / 0.5 = 1.8 and at w = (3 - 0.35) / 2 = 1.325.
"""

from pathlib import Path

import pytest

from triangle.analysis import analyze_move, find_threshold
from triangle.equilibria import leader_commitment
from triangle.report import to_data
from triangle.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
ALL = sorted(SCENARIOS.glob("*.yaml"))


def scenario(name):
    return load_scenario(SCENARIOS / name)


def test_every_scenario_is_shipped_with_an_expected_verdict():
    names = {p.name for p in ALL}
    assert {"kissinger_1971.yaml", "reverse_kissinger_2025.yaml"} <= names
    assert len(names) >= 6


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_number_says_where_it_comes_from(path):
    s = load_scenario(path)
    assert s.unsourced() == []
    for p in s.parameters.values():
        assert p.source and p.description and p.range is not None


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_model_reaches_the_documented_verdict(path):
    s = load_scenario(path)
    assert analyze_move(s).verdict == s.expected["verdict"]


# -- 1971 -------------------------------------------------------------------------------------


def outcome_triads(game, commitment, strategy):
    branch = commitment.branch(strategy)
    return [game.triad([int(v.argmax()) for v in branch.profiles[j]]) for j in branch.plausible]


def test_1971_opening_is_the_best_commitment_and_leaves_the_us_the_pivot():
    s = scenario("kissinger_1971.yaml")
    game = s.compile()
    c = leader_commitment(game, "US")
    for selection in ("plausible", "optimistic", "pessimistic"):
        assert c.best(selection) == ("warm:China+USSR",)
    triads = outcome_triads(game, c, "warm:China+USSR")
    assert triads and all(t.pivot == "US" for t in triads)
    assert all(t.sign("China", "USSR") == -1 for t in triads)


def test_1971_gain_matches_hand_arithmetic():
    a = analyze_move(scenario("kissinger_1971.yaml"))
    assert a.gain == pytest.approx((6.0, 6.0))
    assert a.decomposition == pytest.approx(
        {"standing": 4.0, "ties": 3.5, "third party": 0.0, "costs": -1.5}
    )


@pytest.mark.parametrize("rivalry", [-3, -4])
def test_1971_without_the_split_the_us_is_not_the_pivot(rivalry):
    """C8: with an alliance instead of a split, the same move gains nothing."""
    s = scenario("kissinger_1971.yaml")
    game = s.compile({"rivalry": rivalry})
    c = leader_commitment(game, "US")
    for strategy in game.strategies[0]:
        assert all(t.pivot != "US" for t in outcome_triads(game, c, strategy))
    a = analyze_move(s, {"rivalry": rivalry})
    assert a.verdict == "does not pay off"
    assert to_data(a)["move"]["after"]["ties"]["China–USSR"] == 1


def test_1971_verdict_flips_exactly_where_the_split_ends():
    t = find_threshold(scenario("kissinger_1971.yaml"), "rivalry")
    assert [f.value for f in t.flips] == pytest.approx([-2.0])
    assert t.method.startswith("exact")


# -- 2025 -------------------------------------------------------------------------------------


def test_2025_russia_keeps_china_and_becomes_the_pivot_the_us_never_does():
    s = scenario("reverse_kissinger_2025.yaml")
    game = s.compile()
    c = leader_commitment(game, "US")
    after = outcome_triads(game, c, "warm:Russia")
    assert after and all(t.pivot == "Russia" and t.role("US") == "wing" for t in after)
    assert all(t.sign("China", "Russia") == 1 for t in after)
    for strategy in game.strategies[0]:
        assert all(t.pivot != "US" for t in outcome_triads(game, c, strategy))
    assert c.best("plausible") == ("cold",)


def test_2025_gain_matches_hand_arithmetic():
    a = analyze_move(scenario("reverse_kissinger_2025.yaml"))
    assert a.gain == pytest.approx((-0.65, -0.65))
    assert a.decomposition == pytest.approx(
        {"standing": 2.0, "ties": 0.35, "third party": 0.0, "costs": -3.0}
    )
    assert a.wedge.status == "holds"


def test_2025_thresholds_are_where_the_arithmetic_puts_them():
    s = scenario("reverse_kissinger_2025.yaml")
    rivalry = find_threshold(s, "rivalry")
    assert [f.value for f in rivalry.flips] == pytest.approx([1.8])
    assert rivalry.flips[0].below == "does not pay off" and rivalry.flips[0].above == "pays off"
    weight = find_threshold(s, "standing_weight")
    assert [f.value for f in weight.flips] == pytest.approx([1.325])


def test_2025_a_split_breaks_the_tie_and_the_verdict():
    """Raise the rivalry to the 1969 level: Russia no longer keeps China, the US is
    Russia's partner and the move pays off."""
    s = scenario("reverse_kissinger_2025.yaml")
    a = analyze_move(s, {"rivalry": 6})
    assert a.verdict == "pays off"
    after = to_data(a)["move"]["after"]
    assert after["ties"]["China–Russia"] == -1 and after["roles"]["US"] == "partner"


# -- counterfactuals: the verdict comes from the parameter the variant changes --------------

COUNTERFACTUALS = {
    "kissinger_1971_no_split.yaml": "kissinger_1971.yaml",
    "reverse_kissinger_2025_split.yaml": "reverse_kissinger_2025.yaml",
    "reverse_kissinger_2025_relief.yaml": "reverse_kissinger_2025.yaml",
    "reverse_kissinger_2025_no_alliance.yaml": "reverse_kissinger_2025_split.yaml",
}


@pytest.mark.parametrize("variant, base", COUNTERFACTUALS.items())
def test_counterfactual_differs_from_its_base_only_by_its_parameters(variant, base):
    v, b = scenario(variant), scenario(base)
    changed = {k: x for k, x in v.parameter_values().items() if x != b.parameter_values()[k]}
    assert changed, "a counterfactual must change something"
    # the base with the variant's values gives the variant's verdict...
    assert analyze_move(b, changed).verdict == v.expected["verdict"]
    # ...and the variant with the base's values gives the base's
    back = {k: b.parameter_values()[k] for k in changed}
    assert analyze_move(v, back).verdict == analyze_move(b).verdict


def test_relief_buys_goodwill_not_a_break():
    """C2: granting what Moscow asked keeps Russia with China and makes the loss larger."""
    base = analyze_move(scenario("reverse_kissinger_2025.yaml"))
    relief = analyze_move(scenario("reverse_kissinger_2025_relief.yaml"))
    assert relief.wedge.status == "holds"
    assert relief.gain[1] < base.gain[0] < 0


def test_c14_a_flip_without_an_alliance_gains_little():
    """C14: Russia does break with China, yet without the leverage a split brings the
    US gains only standing, which the offer and allies' cost outweigh."""
    a = analyze_move(scenario("reverse_kissinger_2025_no_alliance.yaml"))
    assert a.wedge.status in ("breaks", "already broken")
    assert to_data(a)["move"]["after"]["ties"]["China–Russia"] == -1
    assert a.verdict == "does not pay off"
    assert a.decomposition["standing"] == pytest.approx(2.0)


@pytest.mark.parametrize("weight", [0.5, 0.75, 1.0, 1.25])
def test_the_contrast_holds_over_the_stated_range_of_role_weights(weight):
    """The 1971/2025 contrast is not an artefact of the weight of standing: it holds for
    every weight below the 2025 threshold of 1.325 (tested at four points)."""
    assert (
        analyze_move(scenario("kissinger_1971.yaml"), {"standing_weight": weight}).verdict
        == "pays off"
    )
    assert (
        analyze_move(scenario("reverse_kissinger_2025.yaml"), {"standing_weight": weight}).verdict
        == "does not pay off"
    )


@pytest.mark.parametrize(
    "offer, allies, verdict",
    [(1.0, 1.3, "pays off"), (1.0, 1.4, "does not pay off"), (0.8, 1.5, "pays off")],
)
def test_2025_verdict_rests_on_the_price_of_the_courtship(offer, allies, verdict):
    """scenarios/README.md: the move pays off for standing alone once offer + allies
    falls below 2.35 (standing +2 plus ties +0.35)."""
    s = scenario("reverse_kissinger_2025.yaml")
    a = analyze_move(s, {"offer": offer, "allies": allies})
    assert a.verdict == verdict
    assert a.gain[0] == pytest.approx(2.35 - offer - allies)
    assert a.wedge.status == "holds"
