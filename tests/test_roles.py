"""Dittmer's configurations and roles, and Bao's scores, on all eight sign patterns."""

import itertools

import pytest

from triangle.report import to_data
from triangle.roles import (
    BAO_SCORES,
    MARRIAGE,
    MENAGE,
    ROLES,
    ROMANTIC,
    UNIT_VETO,
    Triad,
    bao_score,
    role_of,
)

ACTORS = ("A", "B", "C")


def triad(ab, ac, bc):
    return Triad.from_signs(ACTORS, {("A", "B"): ab, ("A", "C"): ac, ("B", "C"): bc})


# (signs AB, AC, BC) -> configuration, roles of A, B, C (Dittmer 1981, DOMAIN §2)
TABLE = {
    (+1, +1, +1): (MENAGE, ("friend", "friend", "friend")),
    (+1, +1, -1): (ROMANTIC, ("pivot", "wing", "wing")),
    (+1, -1, +1): (ROMANTIC, ("wing", "pivot", "wing")),
    (-1, +1, +1): (ROMANTIC, ("wing", "wing", "pivot")),
    (+1, -1, -1): (MARRIAGE, ("partner", "partner", "outcast")),
    (-1, +1, -1): (MARRIAGE, ("partner", "outcast", "partner")),
    (-1, -1, +1): (MARRIAGE, ("outcast", "partner", "partner")),
    (-1, -1, -1): (UNIT_VETO, ("foe", "foe", "foe")),
}


@pytest.mark.parametrize("signs", list(TABLE))
def test_configuration_and_roles_match_dittmer(signs):
    t = triad(*signs)
    config, roles = TABLE[signs]
    assert t.configuration == config
    assert tuple(t.roles[a] for a in ACTORS) == roles


@pytest.mark.parametrize("signs", list(itertools.product((1, -1), repeat=3)))
def test_bao_formula_gives_the_published_role_scores(signs):
    t = triad(*signs)
    for a in ACTORS:
        assert t.score(a) == BAO_SCORES[t.role(a)]


def test_role_score_sums_per_configuration():
    sums = {MENAGE: 3, ROMANTIC: 1, MARRIAGE: -1, UNIT_VETO: -3}
    for signs in itertools.product((1, -1), repeat=3):
        t = triad(*signs)
        assert sum(t.scores.values()) == sums[t.configuration]


def test_role_ranking_is_wu_order_and_scores_respect_it():
    values = [BAO_SCORES[r] for r in ROLES]
    assert values == sorted(values, reverse=True)
    assert ROLES[0] == "pivot" and ROLES[-1] == "outcast"


def test_worked_example_2025():
    """US–China −, US–Russia −, China–Russia +: stable marriage, US outcast; the US warming
    to Russia makes Russia the pivot and the US a wing (DOMAIN §2)."""
    pl = ("US", "China", "Russia")
    before = Triad.from_signs(
        pl, {("US", "China"): -1, ("US", "Russia"): -1, ("China", "Russia"): +1}
    )
    assert before.configuration == MARRIAGE and before.role("US") == "outcast"
    assert before.score("US") == -3
    after = Triad.from_signs(
        pl, {("US", "China"): -1, ("US", "Russia"): +1, ("China", "Russia"): +1}
    )
    assert after.configuration == ROMANTIC
    assert after.pivot == "Russia" and after.score("Russia") == 3
    assert after.role("US") == "wing" and after.score("US") == -1


def test_from_stances_needs_both_sides_warm():
    t = Triad.from_stances({"A": {"B", "C"}, "B": {"A"}, "C": set()})
    assert t.sign("A", "B") == 1
    assert t.sign("A", "C") == -1  # A warm, C cold
    assert t.sign("B", "C") == -1
    assert t.configuration == MARRIAGE and t.role("C") == "outcast"


def test_user_score_table():
    t = triad(1, 1, -1)
    table = dict(BAO_SCORES, pivot=10)
    assert t.score("A", table) == 10 and t.score("B", table) == -1


def test_tie_signs_are_keyed_in_actor_order():
    assert to_data(triad(1, -1, 1))["ties"] == {"A–B": 1, "A–C": -1, "B–C": 1}


@pytest.mark.parametrize(
    "bad",
    [
        lambda: Triad.from_signs(("A", "B"), {("A", "B"): 1}),
        lambda: Triad.from_signs(("A", "A", "B"), {}),
        lambda: Triad.from_signs(ACTORS, {("A", "B"): 1, ("A", "C"): 1}),
    ],
)
def test_invalid_triads_are_rejected(bad):
    with pytest.raises(ValueError):
        bad()


def test_unknown_actor():
    with pytest.raises(KeyError):
        triad(1, 1, 1).role("D")


def test_role_of_and_bao_score_agree_on_all_patterns():
    for rij, rik, rjk in itertools.product((1, -1), repeat=3):
        assert bao_score(rij, rik, rjk) == BAO_SCORES[role_of(rij, rik, rjk)]


def test_to_dict_is_plain_data():
    assert to_data(triad(1, 1, -1)) == {
        "configuration": ROMANTIC,
        "ties": {"A–B": 1, "A–C": 1, "B–C": -1},
        "roles": {"A": "pivot", "B": "wing", "C": "wing"},
        "scores": {"A": 3.0, "B": -1.0, "C": -1.0},
    }
