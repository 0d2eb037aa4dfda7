"""A JSON Schema of scenario files, made from the tables the loader checks them with.

:func:`scenario_schema` walks the format's tables (:mod:`triangle.scenario.spec`) and
writes each mapping as a JSON Schema object: its keys (``properties``, each with a
title, a description and often examples), the required ones, ``additionalProperties:
false`` where the loader refuses unknown keys, and the kind of each value. The loader
reads the same tables, so the two cannot drift apart; the test suite checks that they
accept and refuse the same keys in every mapping, and that the schema never refuses a
file the loader accepts.

A schema can only say so much. Where the loader checks something JSON Schema cannot
express (one payoff per player, names that must refer to declared players, strategies
or parameters, the expression grammar, a range that is increasing, what ``base:``
points to), the schema is looser and ``triangle validate`` is the authority. Only the
standard library is used: a schema is a dict, and validating with it is for other
tools (editors, the test suite's ``jsonschema``).

Examples
--------
>>> schema = scenario_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["$defs"]["move"]["required"]
['player', 'from', 'to']
>>> schema["$defs"]["scenario"]["properties"]["form"]["enum"]
['table', 'relations']
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from triangle.scenario.spec import (
    EXPRESSION_DESCRIPTION,
    FORMAT_VERSION,
    FORMS,
    IDENTIFIER,
    INHERITED,
    MAX_EXPRESSION,
    MAX_NAME,
    NUMBER_MAPPING,
    RESERVED,
    SCENARIO,
    VARIANT,
    Choice,
    Const,
    Either,
    Fields,
    Kind,
    ListOf,
    MapOf,
    Name,
    Numeric,
    ParameterName,
    Plain,
    Source,
    Tagged,
    Text,
)

__all__ = ["SCHEMA_DIALECT", "SCHEMA_ID", "scenario_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of :func:`scenario_schema`."""
SCHEMA_ID = f"urn:triangle:scenario:format:{FORMAT_VERSION}"
"""The schema's ``$id``: a name, not an address (nothing is fetched from it)."""

# What the loader's checks mean as regular expressions that read the same in Python and
# in ECMAScript (editors): whitespace is what str.strip() removes, character for
# character; an expression is made of the characters of the grammar's tokens
# (triangle.scenario.expressions._TOKEN: ASCII names, decimal numbers, operators,
# spaces, tabs and line breaks), at least one of them not a space.
_EXPRESSION_SPACE = r"\t\n\r "
_EXPRESSION_TOKENS = r"0-9A-Za-z_.+*/^(),\-"

DESCRIPTION = (
    "The shape of a triangle scenario file (format {version}): which keys each mapping "
    "allows and requires, and what kind of value each holds. It is made from the tables "
    "triangle's loader checks files with, so the two agree on every key; where the loader "
    "checks something JSON Schema cannot express, the schema is looser and `triangle "
    "validate` is the authority. Not checked here: that a payoff list has one value per "
    "player and every strategy profile exactly one entry; that the names in a move, "
    "stances, ties, costs, role_weight, third_party, thresholds, correlations and payoff "
    "profiles are declared players, strategies or parameters, and that names are unique; "
    "the expression grammar (only its characters are checked) and the parameters an "
    "expression uses; that a range is increasing and holds its value, that a "
    "distribution's numbers fit the range and each other, that correlations are "
    "consistent; what base: points to, and what a variant may change in it. Values are "
    "read as YAML: a name such as 1971 or NO is taken as written."
)


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of scenario files.

    Made from the tables the loader validates files with
    (:mod:`triangle.scenario.spec`): every mapping's keys with a title and a
    description (from the format reference), the required keys, ``additionalProperties:
    false`` where the loader refuses unknown keys, the words of ``form``, of a
    distribution's ``kind`` and of a verdict, and the kind of every value. NUMBERs are
    a number, an expression in a string, or ``{value, source, note}``. A file the loader
    accepts is valid under the schema; the loader checks more (see the schema's
    top-level ``description``).

    Returns
    -------
    dict
        The schema, JSON-serialisable, a new copy on every call.

    See Also
    --------
    triangle.scenario.load_scenario : the authority on what a valid scenario is.

    Examples
    --------
    >>> import json
    >>> schema = scenario_schema()
    >>> schema["title"]
    'triangle scenario file (format 1)'
    >>> schema == json.loads(json.dumps(schema))
    True
    >>> schema["$defs"]["parameter"]["properties"]["value"]["type"]
    'number'

    A validator (such as the ``jsonschema`` package, which triangle does not need)
    accepts every shipped scenario::

        import jsonschema, yaml
        jsonschema.Draft202012Validator(scenario_schema()).validate(
            yaml.safe_load(open("scenarios/kissinger_1971.yaml"))
        )
    """
    return copy.deepcopy(_schema())


@functools.cache
def _schema() -> dict[str, Any]:
    build = _Builder()
    scenario = build.scenario()
    variant = build.fields(VARIANT, standalone=False)
    variant["description"] += (
        " It may not give " + ", ".join(INHERITED) + ": they come from the base scenario."
    )
    build.defs["scenario"] = scenario
    build.defs["variant"] = variant
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": f"triangle scenario file (format {FORMAT_VERSION})",
        "description": DESCRIPTION.format(version=FORMAT_VERSION),
        "type": "object",
        "if": {"required": ["base"]},
        "then": {"$ref": "#/$defs/variant"},
        "else": {"$ref": "#/$defs/scenario"},
        "examples": [
            {
                "format": FORMAT_VERSION,
                "title": "Bao's role scores as payoffs",
                "players": ["US", "China", "USSR"],
                "form": "relations",
            }
        ],
        "$defs": dict(sorted(build.defs.items())),
    }


@functools.cache
def _whitespace() -> str:
    """Every character str.strip() removes, as the inside of a regular-expression class
    (all lie in the Basic Multilingual Plane, where ``\\uXXXX`` reaches)."""
    runs: list[list[int]] = []
    for c in range(0x10000):
        if chr(c).isspace():
            if runs and c == runs[-1][1] + 1:
                runs[-1][1] = c
            else:
                runs.append([c, c])
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in runs)


def _class(characters: str) -> str:
    """``characters`` escaped for use inside a regular-expression class."""
    return "".join("\\" + c if c in "\\]-^[" else c for c in characters)


class _Builder:
    """Turns kinds of values into schemas, collecting shared ones in ``defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def define(self, name: str, make) -> dict[str, str]:
        if name not in self.defs:
            self.defs[name] = {}  # taken, should the definition refer to itself
            self.defs[name] = make()
        return {"$ref": f"#/$defs/{name}"}

    # -- the top level ---------------------------------------------------------------------
    def scenario(self) -> dict[str, Any]:
        """The definition of a scenario without ``base:``: the common keys, every form's
        keys, and per form the players it takes, the keys it requires and those of the
        other forms refused."""
        out = self.fields(SCENARIO, standalone=True)
        for f in FORMS:
            out["properties"].update(self.properties(f.keys, standalone=True))
        branches = []
        for f in FORMS:
            refused = {
                key: {
                    "not": {},
                    "description": f"belongs to form: {other.name}, not form: {f.name}",
                }
                for other in FORMS
                if other is not f
                for key in other.keys.names
            }
            then: dict[str, Any] = {"properties": {"players": self.kind(f.players), **refused}}
            if f.keys.required:
                then["required"] = list(f.keys.required)
            branches.append(
                {
                    "if": {"properties": {"form": {"const": f.name}}, "required": ["form"]},
                    "then": then,
                }
            )
        out["allOf"] = branches
        return out

    # -- mappings with fixed keys -----------------------------------------------------------
    def properties(self, spec: Fields, standalone: bool) -> dict[str, Any]:
        out = {}
        for key in spec.keys:
            schema: dict[str, Any] = {"title": key.title, "description": key.description}
            schema.update(self.kind(key.kind, standalone))
            if key.examples:
                schema["examples"] = list(key.examples)
            out[key.name] = schema
        return out

    def fields(self, spec: Fields, standalone: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": spec.title,
            "description": spec.description,
            "type": "object",
            "properties": self.properties(spec, standalone),
        }
        if spec.required:
            out["required"] = list(spec.required)
        if spec.closed:
            out["additionalProperties"] = False
        return out

    def needs(self, spec: Fields) -> dict[str, list[str]]:
        return {k.name: list(k.needs) for k in spec.keys if k.needs}

    # -- every kind of value ------------------------------------------------------------------
    def kind(self, kind: Kind, standalone: bool = False) -> dict[str, Any]:
        """The schema of a value of ``kind``; ``standalone``: in a scenario without
        ``base:`` (where a key may need others of its mapping)."""
        if isinstance(kind, Text):
            return self.define("text", self.text)
        if isinstance(kind, Name):
            return self.define(kind.label, lambda: self.name(kind))
        if isinstance(kind, Source):
            return self.define("source", self.source)
        if isinstance(kind, Plain):
            return self.plain(kind)
        if isinstance(kind, Numeric):
            if kind.with_source:
                return self.define("number", self.number)
            return self.define("number_or_expression", self.number_or_expression)
        if isinstance(kind, Const):
            return {"const": kind.value}
        if isinstance(kind, Choice):
            return {"enum": list(kind.options)}
        if isinstance(kind, ListOf):
            out: dict[str, Any] = {"type": "array", "items": self.kind(kind.item, standalone)}
            if kind.min_items:
                out["minItems"] = kind.min_items
            if kind.max_items is not None:
                out["maxItems"] = kind.max_items
            if kind.unique:
                out["uniqueItems"] = True
            return out
        if isinstance(kind, MapOf):
            value = self.kind(kind.value, standalone)
            if standalone and isinstance(kind.value, Fields) and self.needs(kind.value):
                value = {**value, "dependentRequired": self.needs(kind.value)}
            out = {"type": "object", "additionalProperties": value}
            if kind.key is not None:
                out["propertyNames"] = self.kind(kind.key)
            if kind.min_keys:
                out["minProperties"] = kind.min_keys
            if kind.max_keys is not None:
                out["maxProperties"] = kind.max_keys
            return out
        if isinstance(kind, ParameterName):
            return {
                "type": "string",
                "pattern": f"^{IDENTIFIER}$",
                "maxLength": MAX_NAME,
                "not": {"enum": list(RESERVED)},
            }
        if isinstance(kind, Either):
            # anyOf, not oneOf: {value: 1} is both a NUMBER and a mapping player -> NUMBER
            return {"anyOf": [self.kind(option, standalone) for option in kind.options]}
        if isinstance(kind, Fields):
            return self.define(kind.name, lambda: self.fields(kind))
        if isinstance(kind, Tagged):
            return self.define(kind.name, lambda: self.tagged(kind))
        raise TypeError(f"no schema for {kind!r}")  # pragma: no cover

    def text(self) -> dict[str, Any]:
        return {
            "title": "Text",
            "description": (
                'Any scalar but null, taken as written: 1971 is the text "1971", and '
                "yes, no, on and off are text too."
            ),
            "type": ["string", "number", "boolean"],
        }

    def name(self, kind: Name) -> dict[str, Any]:
        edge = _class(kind.forbidden) + _whitespace()
        inside = _class(kind.forbidden)
        forbidden = " or ".join(repr(c) for c in kind.forbidden)
        return {
            "title": "Name",
            "description": (
                f"A name: text of 1 to {MAX_NAME} characters, not starting or ending with "
                f"whitespace, without {forbidden}."
            ),
            "type": ["string", "number", "boolean"],
            "minLength": 1,
            "maxLength": MAX_NAME,
            "pattern": f"^[^{edge}](?:[^{inside}]*[^{edge}])?$",
        }

    def source(self) -> dict[str, Any]:
        text = self.kind(Text())
        return {
            "title": "Source",
            "description": (
                "Where something comes from: text, or a list of texts (read as one, joined "
                'with ", ").'
            ),
            "oneOf": [text, {"type": "array", "items": text, "minItems": 1}],
        }

    def plain(self, kind: Plain) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number"}
        if kind.above is not None:
            out["exclusiveMinimum"] = kind.above
        if kind.at_least is not None:
            out["minimum"] = kind.at_least
        if kind.below is not None:
            out["exclusiveMaximum"] = kind.below
        return out

    def expression(self) -> dict[str, Any]:
        space, tokens = _EXPRESSION_SPACE, _EXPRESSION_TOKENS
        return {
            "title": "Expression",
            "description": EXPRESSION_DESCRIPTION,
            "type": "string",
            "maxLength": MAX_EXPRESSION,
            "pattern": f"^[{space}]*[{tokens}][{space}{tokens}]*$",
            "examples": ["2 - split", "w * max(trade, 0)"],
        }

    def number_or_expression(self) -> dict[str, Any]:
        return {
            "title": "Number or expression",
            "description": (
                "A YAML number, or an expression of the declared parameters in a string."
            ),
            "oneOf": [{"type": "number"}, self.define("expression", self.expression)],
        }

    def number(self) -> dict[str, Any]:
        return {
            "title": "NUMBER",
            "description": (
                "A number wherever the format says NUMBER: a YAML number (3, -0.5, 2.0e+3), "
                'an expression of the parameters in a string ("2 - split"), or a mapping '
                "{value: ..., source: ..., note: ...} that says where it comes from. "
                "Booleans, .nan and .inf are not numbers."
            ),
            "oneOf": [
                {"type": "number"},
                self.define("expression", self.expression),
                self.kind(NUMBER_MAPPING),
            ],
        }

    def tagged(self, kind: Tagged) -> dict[str, Any]:
        branches = [
            {
                "if": {"properties": {kind.tag: {"const": word}}, "required": [kind.tag]},
                "then": self.kind(fields),
            }
            for word, fields in kind.variants
        ]
        tag = kind.variants[0][1][kind.tag]
        return {
            "title": kind.title,
            "description": kind.description,
            "type": "object",
            "required": [kind.tag],
            "properties": {
                kind.tag: {
                    "title": tag.title,
                    "description": "One of: " + ", ".join(kind.options) + ".",
                    "enum": list(kind.options),
                }
            },
            "allOf": branches,
        }
