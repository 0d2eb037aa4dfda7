"""Scenario files (YAML, format version 1): loading, validation and compilation.

A scenario names the players, their strategies and the payoffs, either as an
explicit table (``form: table``) or generated from Dittmer's strategic triangle
(``form: relations``), with named parameters usable in payoff expressions.
:func:`load_scenario` validates a file into a :class:`Scenario`;
:meth:`Scenario.compile` turns it into a :class:`~triangle.game.Game`;
:func:`scenario_schema` describes the files as a JSON Schema, for editors.

Examples
--------
>>> from triangle.scenario import loads_scenario
>>> s = loads_scenario('''
... format: 1
... title: Bao's role scores as payoffs
... players: [US, China, USSR]
... form: relations
... ''')
>>> s.strategies[0]
('cold', 'warm:China', 'warm:USSR', 'warm:China+USSR')
>>> g = s.compile()
>>> g.payoff(("warm:China", "warm:US", "cold")).tolist()   # US-China friendly
[1.0, 1.0, -3.0]
"""

from triangle.scenario.expressions import Expression, parse_expression
from triangle.scenario.load import (
    check_file,
    load_scenario,
    loads_scenario,
    parse_override,
    parse_overrides,
)
from triangle.scenario.model import Move, Parameter, Scenario
from triangle.scenario.schema import scenario_schema

__all__ = [
    "Expression",
    "check_file",
    "Move",
    "Parameter",
    "Scenario",
    "load_scenario",
    "loads_scenario",
    "parse_expression",
    "parse_override",
    "parse_overrides",
    "scenario_schema",
]
