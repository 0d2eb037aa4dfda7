"""Error messages quote what a user wrote in excerpts: whatever is put in any field of a
scenario (a 300,000-character name, a 5,000-digit number), the message stays short and
still says where and what. Every field of two templates is tried with every huge value
(the values are parameters by index: their repr would be the size of the value)."""

from __future__ import annotations

import pytest

from triangle.errors import MAX_MESSAGE, ScenarioError, TriangleInputError
from triangle.scenario import loads_scenario, parse_overrides

# Each template is a valid scenario but for one slot, {X}, where the huge input goes.
RELATIONS = """\
format: {format}
title: t
players: [{a}, B, C]
form: {form}
parameters:
  {param}: {{value: {value}, range: [0, 9]}}
ties:
  {a}: {{B: {tie}}}
  B: {{{tie_key}: 1}}
role_scores: {{pivot: 3, friend: 1, partner: 1, wing: -1, foe: -1, {role}: -3}}
move: {{player: {mover}, from: cold, to: "{to}", target: {target}}}
expected: {{verdict: {verdict}}}
{key}: 1
"""
DEFAULTS = {
    "format": "1",
    "a": "A",
    "form": "relations",
    "param": "p",
    "value": "1",
    "tie": "p",
    "tie_key": "A",
    "role": "outcast",
    "mover": "A",
    "to": "warm:B",
    "target": "B",
    "verdict": "pays off",
    "key": "description",
}
TABLE = """\
format: 1
title: t
players: [Row, {b}]
form: table
strategies: {{Row: [{s}, d], {b}: [x, y]}}
stances: {{Row: {{{s}: [], d: [{stance}]}}, {b}: {{x: [], y: []}}}}
payoffs:
  "{s}, x": [{payoff}, 0]
  "{s}, y": [0, 0]
  "d, x": [0, 0]
  "{profile}, y": [0, 0]
"""
TABLE_DEFAULTS = {"b": "Col", "s": "c", "stance": "Col", "payoff": "1", "profile": "d"}

HUGE_VALUES = (
    "x" * 300_000,
    "9" * 5000,
    "9" * 400,
    "word " * 20_000,
    "-" + "1" * 320,
    '"' + "a" * 10_000 + '"',
    "1" * 400 + ".5",
)


def assert_short(error: Exception) -> None:
    message = error.message if isinstance(error, ScenarioError) else str(error)
    assert len(message) <= MAX_MESSAGE, message[:200]
    assert not message.endswith("…"), message  # an excerpt, not a message cut short
    assert "\n" not in message
    if isinstance(error, ScenarioError) and "1 MiB" not in message:
        assert error.line is not None  # still located


@pytest.mark.parametrize("value", range(len(HUGE_VALUES)))
@pytest.mark.parametrize("slot", sorted(DEFAULTS))
def test_any_field_of_a_relations_scenario(slot, value):
    text = RELATIONS.format(**{**DEFAULTS, slot: HUGE_VALUES[value]})
    with pytest.raises(ScenarioError) as err:
        loads_scenario(text, path="s.yaml")
    assert_short(err.value)


@pytest.mark.parametrize("value", range(len(HUGE_VALUES)))
@pytest.mark.parametrize("slot", sorted(TABLE_DEFAULTS))
def test_any_field_of_a_table_scenario(slot, value):
    value = HUGE_VALUES[value]
    text = TABLE.format(**{**TABLE_DEFAULTS, slot: value})
    try:
        loads_scenario(text, path="s.yaml").compile()
    except ScenarioError as error:
        assert_short(error)
    else:  # only a payoff can be a huge number that is still a number
        assert slot == "payoff" and value.lstrip("-").replace(".", "").isdigit()


def test_the_templates_are_valid_scenarios():
    loads_scenario(RELATIONS.format(**DEFAULTS), path="s.yaml").compile()
    loads_scenario(TABLE.format(**TABLE_DEFAULTS), path="s.yaml").compile()


def test_a_huge_name_is_refused_with_its_length():
    text = "format: 1\ntitle: t\nform: relations\nplayers: [" + "N" * 300_000 + ", B, C]\n"
    with pytest.raises(ScenarioError) as err:
        loads_scenario(text, path="s.yaml")
    assert "(300000 characters) is longer than 100 characters" in str(err.value)
    assert str(err.value).startswith("s.yaml:4: player name 'NNNN")


@pytest.mark.parametrize(
    "item", ["x=" + "9" * 5000, "x" * 300_000 + "=", "x=" + "y" * 300_000, "=" * 100_000]
)
def test_parameter_overrides(item):
    with pytest.raises(TriangleInputError) as err:
        parse_overrides([item])
    assert len(str(err.value)) <= MAX_MESSAGE and "--param" in str(err.value)


def test_overrides_checked_against_a_scenario():
    s = loads_scenario(RELATIONS.format(**DEFAULTS), path="s.yaml")
    for overrides in ({"q" * 300_000: 1.0}, {"p": "v" * 300_000}):
        with pytest.raises(TriangleInputError) as err:
            s.compile(overrides)
        assert len(str(err.value)) <= MAX_MESSAGE
