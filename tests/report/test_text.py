"""What the terminal shows, for games of any size: the words that apply to the game at
hand (a triangle's roles for three actors with stances, the signed ties for other
numbers of actors, what the others play without stances), nothing that does not, and
never a bare ``None``."""

from __future__ import annotations

import dataclasses
import itertools
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import COURT, bargaining_scenario, load, powers_scenario

from triangle.analysis import analyze_move
from triangle.equilibria import leader_commitment, solve
from triangle.equilibria.result import make_equilibrium
from triangle.report import format_analysis, format_compare, format_solve, solve_report, to_data
from triangle.report.text import WIDTH
from triangle.scenario import loads_scenario

TRIANGLE_WORDS = ("triangle", "pivot", "wing", "outcast", "wedge", "third actor", "ties")


def test_two_actors_get_no_triangle_words(tmp_path):
    a = analyze_move(bargaining_scenario(tmp_path / "two.yaml", "Challenger", "Defender", "Crisis"))
    text = format_analysis(a)
    assert "None" not in text
    assert not [w for w in TRIANGLE_WORDS if w in text], text
    # what applies instead: what the other player does before and after the move
    assert "others play" in text and "Defender yield" in text
    assert "Gain of Challenger by component" not in text  # the game has no components
    data = to_data(a)
    assert data["move"]["wedge"] is None and data["move"]["target_keeps_tie"] is None
    assert data["move"]["before"]["relations"] is None


def test_four_actors_with_stances_get_their_signed_ties(tmp_path):
    names = ("Aa", "Bb", "Cc", "Dd")
    a = analyze_move(powers_scenario(tmp_path / "four.yaml", names, "Four powers"))
    text = format_analysis(a)
    assert "None" not in text
    assert "wedge" not in text and "pivot" not in text and "configuration" not in text
    assert "friendly: Aa–Bb" in text  # after: the first pair answers the move
    assert "why: the Aa–Bb tie turns friendly; Aa gains 1.5" in text
    relations = to_data(a)["move"]["after"]["relations"]
    assert len(relations) == 6 and relations["Aa–Bb"] == 1.0
    ties = to_data(a)["move"]["after"]["ties"]
    assert ties["Aa–Bb"] == 1 and ties["Aa–Cc"] == -1


def test_three_actors_with_stances_keep_the_triangle(tmp_path):
    text = format_analysis(analyze_move(load(tmp_path, COURT)))
    assert "stable marriage" in text and "romantic triangle" in text
    assert "(target B, third actor C)" in text
    assert "wedge: does the move split B from C? Before and after the move their tie is " in text


def test_solve_lists_the_ties_of_four_actors(tmp_path):
    s = powers_scenario(tmp_path / "four.yaml", ("Aa", "Bb", "Cc", "Dd"), "Four powers")
    game = s.compile()
    text = format_solve(solve_report(s, game, solve(game, method="pure")))
    assert "None" not in text
    header = [line for line in text.splitlines() if line.strip().startswith("#  kind")][0]
    assert header.split()[-1] == "ties" and "triangle" not in header
    assert "friendly: Aa–Bb" in text and "all 6 ties hostile" in text


def test_a_four_player_mixed_profile_is_wrapped_not_widened(tmp_path):
    s = powers_scenario(tmp_path / "four.yaml", ("Aa", "Bb", "Cc", "Dd"), "Four powers")
    game = s.compile()
    # every player warm with probability reach / bond = 1/4 makes each indifferent
    # (bond * 1/4 - reach = 0): an equilibrium in which all four mix
    mixed = make_equilibrium(game, [[0.75, 0.25]] * 4)
    assert mixed is not None and mixed.kind == "mixed"
    pure = solve(game, method="pure")
    result = dataclasses.replace(pure, equilibria=(*pure.equilibria, mixed))
    text = format_solve(solve_report(s, game, result, leader_commitment(game, "Aa")))
    assert max(len(line) for line in text.splitlines()) <= WIDTH
    assert "{cold: 0.75, warm: 0.25}" in text  # a player's mixture stays on one line
    assert "Aa–Bb friendly" in text and "0.0625;" in text  # each tie friendly w.p. 1/16
    assert "plausible: plausible" not in text  # the rule is stated once


def test_long_names_and_titles_are_wrapped(tmp_path):
    long = "Union of Soviet Socialist Republics and Friends " * 2  # 96 characters
    s = bargaining_scenario(tmp_path / "two.yaml", long.strip(), "Defender", long * 3)
    a = analyze_move(s)
    for written in (format_analysis(a), format_compare([a, a])):
        lines = written.splitlines()
        assert max(len(line) for line in lines) <= WIDTH
        assert "Union of Soviet Socialist Republics and Friends Union" in " ".join(lines)


# -- any small game ---------------------------------------------------------------------


@st.composite
def table_scenarios(draw: st.DrawFn) -> str:
    """A table-form scenario of 2 or 3 players with 2 or 3 strategies each, integer
    payoffs, stances or not, and a move of the first player."""
    n = draw(st.integers(2, 3))
    players = [f"P{i}" for i in range(n)]
    strategies = {p: [f"s{k}" for k in range(draw(st.integers(2, 3)))] for p in players}
    payoffs = {
        ", ".join(profile): draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
        for profile in itertools.product(*strategies.values())
    }
    doc = {
        "format": 1,
        "title": "Random",
        "players": players,
        "form": "table",
        "strategies": strategies,
        "payoffs": payoffs,
        "move": {"player": "P0", "from": "s0", "to": "s1"},
    }
    if draw(st.booleans()):
        doc["stances"] = {
            p: {
                s: sorted(draw(st.sets(st.sampled_from([q for q in players if q != p]))))
                for s in strategies[p]
            }
            for p in players
        }
    return yaml.safe_dump(doc, sort_keys=False)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(text=table_scenarios())
def test_no_report_of_any_small_game_prints_none(text):
    s = loads_scenario(text, path="random.yaml")
    game = s.compile()
    a = analyze_move(s)
    data = to_data(a)
    json.dumps(data, allow_nan=False)
    result = solve(game, method="pure")
    report = solve_report(s, game, result, leader_commitment(game, "P0"))
    for written in (format_analysis(a), format_compare([a, a]), format_solve(report)):
        assert "None" not in written and "nan" not in written.lower()
        assert max(len(line) for line in written.splitlines()) <= WIDTH
    if game.stances is None:
        assert data["move"]["before"]["relations"] is None
    if game.n_players != 3 or game.stances is None:
        assert "wedge" not in format_analysis(a)
