"""The shape of a scenario file, as data: every mapping, its keys, and what each holds.

This module is the one description of which keys each mapping of a scenario file
allows, which of them are required, what kind of value each holds, the words a value
may be (``form``, a distribution's ``kind``, a verdict, the roles) and the limits on
sizes. The loader checks files against it (unknown keys with "did you mean", missing
required keys, values of the wrong kind: :meth:`~triangle.scenario.fields.Reader.fields`
and :meth:`~triangle.scenario.fields.Reader.read`), and
:func:`~triangle.scenario.schema.scenario_schema` turns it into a JSON Schema, so that
the two cannot say different things. What a shape cannot say (a payoff list has one
number per player, a move names a player and two of its strategies, an expression
follows the grammar, a range is increasing) the loader checks in code; see
``docs/scenario-format.md``.

Kinds of values
---------------
========================  ==============================================================
:class:`Text`             any scalar but null, taken as written (``1971``, ``NO``)
:class:`Name`             a player or strategy name: text without surrounding spaces
:class:`Source`           text, or a non-empty list of texts
:class:`Plain`            a YAML number (not a boolean, not an expression)
:class:`Numeric`          a NUMBER: a YAML number, an expression, or ``{value: ...}``
:class:`Const`            one fixed value (``format: 1``)
:class:`Choice`           one of a few words (``form``, a verdict)
:class:`ListOf`           a list of one kind of value
:class:`MapOf`            a mapping from names the file chooses to one kind of value
:class:`Fields`           a mapping with fixed keys (:class:`Key`)
:class:`Either`           one of several kinds
:class:`Tagged`           a mapping whose keys depend on the word under one key (``kind``)
:class:`ParameterName`    the name of a parameter (an identifier)
========================  ==============================================================

Examples
--------
>>> MOVE.required
('player', 'from', 'to')
>>> SCENARIO["form"].kind.options
('table', 'relations')
>>> DISTRIBUTION.variant("pert").names
('kind', 'mode', 'min', 'max', 'lambda', 'source')
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field
from typing import Any

from triangle.roles import BAO_SCORES, ROLES
from triangle.scenario.expressions import FUNCTIONS
from triangle.scenario.expressions import MAX_LENGTH as MAX_EXPRESSION
from triangle.vocabulary import VERDICTS

__all__ = [
    "COMPACT_ENTRY",
    "CORRELATION",
    "DISTRIBUTION",
    "DISTRIBUTION_KINDS",
    "EXPECTED",
    "EXPRESSION_DESCRIPTION",
    "FORMAT_VERSION",
    "FORMS",
    "FORM_NAMES",
    "IDENTIFIER",
    "INHERITED",
    "MAX_EXPRESSION",
    "MAX_NAME",
    "MAX_PARAMETERS",
    "MAX_PLAYERS",
    "MAX_PROFILES",
    "MAX_STRATEGIES",
    "MOVE",
    "NUMBER",
    "NUMBER_MAPPING",
    "PARAMETER",
    "PARAMETERS",
    "PAYOFF_ENTRY",
    "RELATIONS_KEYS",
    "RESERVED",
    "ROLE_SCORES",
    "SCENARIO",
    "TABLE_KEYS",
    "VARIANT",
    "Choice",
    "Const",
    "Either",
    "Fields",
    "Form",
    "Key",
    "Kind",
    "ListOf",
    "MapOf",
    "Name",
    "Numeric",
    "ParameterName",
    "Plain",
    "Source",
    "Tagged",
    "Text",
    "get_form",
]

FORMAT_VERSION = 1
"""The version of the scenario format this package reads."""
MAX_NAME = 100
"""Longest name of a player, strategy or parameter, in characters."""
MAX_PLAYERS = 8
"""Most players of a table-form scenario."""
MAX_STRATEGIES = 64
"""Most strategies a player may have."""
MAX_PROFILES = 20_000
"""Most pure strategy profiles a table-form scenario may have."""
MAX_PARAMETERS = 1000
"""Most parameters a scenario may declare."""
IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*"
"""What a parameter name looks like (a regular expression, to match whole)."""
RESERVED = (*keyword.kwlist, *FUNCTIONS)
"""Identifiers that are not parameter names: Python's keywords and the functions of
expressions."""


# -- kinds of values -------------------------------------------------------------------------


class Kind:
    """What a value of a scenario file may be (the base of the kinds below)."""


@dataclass(frozen=True)
class Text(Kind):
    """Any scalar but null (text, a number, a boolean), taken as written."""


@dataclass(frozen=True)
class Name(Kind):
    """A player or strategy name: text of 1 to :data:`MAX_NAME` characters that does
    not start or end with whitespace and contains none of ``forbidden`` (``label``
    names this kind of name in the schema)."""

    forbidden: str = ","
    label: str = "name"


@dataclass(frozen=True)
class Source(Kind):
    """Where something comes from: text, or a non-empty list of texts."""


@dataclass(frozen=True)
class Plain(Kind):
    """A YAML number, finite, not a boolean and not an expression.

    ``above`` and ``below`` are exclusive bounds, ``at_least`` an inclusive one; the
    loader checks them with messages of its own (e.g. ``sd must be positive``).
    """

    above: float | None = None
    at_least: float | None = None
    below: float | None = None


@dataclass(frozen=True)
class Numeric(Kind):
    """A NUMBER: a YAML number or an expression of the parameters in a string, and
    (``with_source``) also a mapping ``NUMBER_MAPPING`` ``{value, source, note}``."""

    with_source: bool = True


@dataclass(frozen=True)
class Const(Kind):
    """One fixed value."""

    value: Any


@dataclass(frozen=True)
class Choice(Kind):
    """One of a few words."""

    options: tuple[str, ...]


@dataclass(frozen=True)
class ListOf(Kind):
    """A list of ``item``, with ``min_items`` to ``max_items`` entries (``unique``:
    no two equal)."""

    item: Kind
    min_items: int = 0
    max_items: int | None = None
    unique: bool = False


@dataclass(frozen=True)
class ParameterName(Kind):
    """A parameter name: an identifier (:data:`IDENTIFIER`: letters, digits, ``_``, not
    starting with a digit) of at most :data:`MAX_NAME` characters, not one of
    :data:`RESERVED`."""


@dataclass(frozen=True)
class MapOf(Kind):
    """A mapping from names the file chooses (``keys`` says what they name, e.g.
    ``"player"``; ``key`` constrains them when it can) to ``value``, with
    ``min_keys`` to ``max_keys`` entries."""

    value: Kind
    keys: str
    min_keys: int = 0
    max_keys: int | None = None
    key: Kind | None = None


@dataclass(frozen=True)
class Either(Kind):
    """One of several kinds (``what`` says which, for people)."""

    options: tuple[Kind, ...]
    what: str = ""


@dataclass(frozen=True)
class Key:
    """One key of a :class:`Fields` mapping.

    Attributes
    ----------
    name : str
        The key as written in the file.
    kind : Kind
        What its value may be.
    title, description : str
        What it means, in a few words and in a sentence or two (from the format
        reference, ``docs/scenario-format.md``).
    required : bool
        Whether the mapping must have it.
    examples : tuple
        Values an editor may show.
    needs : tuple of str
        Other keys of the same mapping it needs in a scenario without ``base:``.
    """

    name: str
    kind: Kind
    title: str
    description: str
    required: bool = False
    examples: tuple = ()
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fields(Kind):
    """A mapping with fixed keys.

    ``name`` names the mapping (the schema's definition of it); ``closed`` says that
    keys other than ``keys`` are errors (``expected:`` is open: it may hold anything).
    """

    name: str
    title: str
    description: str
    keys: tuple[Key, ...]
    closed: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        """Every key, in the order of the format reference."""
        return tuple(k.name for k in self.keys)

    @property
    def required(self) -> tuple[str, ...]:
        """The required keys, in order (the first one missing is the one reported)."""
        return tuple(k.name for k in self.keys if k.required)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys if not k.required)

    def __getitem__(self, name: str) -> Key:
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)

    def kind(self, name: str) -> Kind:
        """What the value of key ``name`` may be."""
        return self[name].kind


@dataclass(frozen=True)
class Tagged(Kind):
    """A mapping whose allowed keys depend on the word under ``tag``: one
    :class:`Fields` per word (each has the tag among its keys)."""

    name: str
    tag: str
    variants: tuple[tuple[str, Fields], ...]
    title: str = ""
    description: str = ""

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(word for word, _ in self.variants)

    def variant(self, word: str) -> Fields:
        return dict(self.variants)[word]


@dataclass(frozen=True)
class Form:
    """A way of giving the payoffs (``form:``): the players it takes and its own
    top-level keys (``keys``; their required ones are checked once the players and
    parameters they refer to are read)."""

    name: str
    players: ListOf
    keys: Fields
    description: str = field(default="", compare=False)


# -- the values shared by many keys ------------------------------------------------------------

TEXT = Text()
SOURCE = Source()
PLAIN = Plain()
NAME = Name(",")
EXPRESSION_DESCRIPTION = (
    'An expression of the declared parameters in a string, e.g. "2 - split" or '
    '"w * max(trade, 0)": decimal numbers, parameter names, + - * / and ^ (power), '
    "parentheses, min(...), max(...) and abs(...); at most "
    f"{MAX_EXPRESSION} characters. The schema checks only the characters; the grammar "
    "and the parameter names are checked by triangle validate."
)

NUMBER_MAPPING = Fields(
    "number_with_source",
    "NUMBER with its provenance",
    "A number or an expression with where it comes from.",
    (
        Key(
            "value",
            Numeric(with_source=False),
            "Value",
            "A YAML number or an expression of the parameters in a string.",
            required=True,
            examples=(1, "alliance - split"),
        ),
        Key(
            "source",
            SOURCE,
            "Source",
            'Where the number comes from: a claim id, a reference, or a reason ("status quo = 0").',
            examples=("C8, C9",),
        ),
        Key("note", TEXT, "Note", "Free text: why this value."),
    ),
)
NUMBER = Numeric()


# -- parameters ------------------------------------------------------------------------------


def _distribution(kind: str, description: str, required: tuple[Key, ...], optional=()):
    return (
        kind,
        Fields(
            f"{kind}_distribution",
            f"{kind} distribution",
            description,
            (
                Key(
                    "kind",
                    Const(kind),
                    "Kind of distribution",
                    f"The kind of distribution: {description}.",
                    required=True,
                    examples=(kind,),
                ),
                *required,
                *optional,
                Key(
                    "source",
                    SOURCE,
                    "Source",
                    "Why this spread (shipped scenarios must say).",
                    examples=("modelling assumption: PERT, mode at the file's value",),
                ),
            ),
        ),
    )


_MODE = Key(
    "mode",
    PLAIN,
    "Most likely value",
    "The mode: a plain number within [min, max].",
    required=True,
    examples=(3,),
)
_MIN = Key(
    "min",
    PLAIN,
    "Lowest value",
    "The lowest value drawn: a plain number within the parameter's range (default: the "
    "range's low end; for a lognormal, that end but not below 0); below max.",
)
_MAX = Key(
    "max",
    PLAIN,
    "Highest value",
    "The highest value drawn: a plain number within the parameter's range (default: the "
    "range's high end); above min.",
)

DISTRIBUTION = Tagged(
    "distribution",
    "kind",
    (
        _distribution("uniform", "uniform on [min, max]", (), (_MIN, _MAX)),
        _distribution(
            "triangular", "triangular on [min, max] with its peak at mode", (_MODE,), (_MIN, _MAX)
        ),
        _distribution(
            "pert",
            "PERT: a beta on [min, max] with α = 1 + λ(mode − min)/(max − min) and "
            "β = 1 + λ(max − mode)/(max − min)",
            (_MODE,),
            (
                _MIN,
                _MAX,
                Key(
                    "lambda",
                    Plain(above=0),
                    "Shape λ",
                    "How strongly the values gather around the mode: a positive plain "
                    "number (default 4).",
                    examples=(4,),
                ),
            ),
        ),
        _distribution(
            "normal",
            "normal truncated to [min, max] (default: the range)",
            (
                Key(
                    "mean",
                    PLAIN,
                    "Mean",
                    "The mean of the normal before truncation: a plain number within [min, max].",
                    required=True,
                    examples=(0.5,),
                ),
                Key(
                    "sd",
                    Plain(above=0),
                    "Standard deviation",
                    "The standard deviation of the normal before truncation: a positive "
                    "plain number.",
                    required=True,
                    examples=(1,),
                ),
            ),
            (_MIN, _MAX),
        ),
        _distribution(
            "lognormal",
            "lognormal truncated to [min, max] (default: the range, from 0)",
            (
                Key(
                    "median",
                    Plain(above=0),
                    "Median",
                    "The median of the lognormal before truncation: a positive plain "
                    "number within [min, max].",
                    required=True,
                    examples=(2,),
                ),
                Key(
                    "sigma",
                    Plain(above=0),
                    "σ of the logarithm",
                    "The standard deviation of the logarithm: a positive plain number.",
                    required=True,
                    examples=(0.5,),
                ),
            ),
            (_MIN, _MAX),
        ),
        _distribution(
            "choice",
            "one of the values, with probabilities proportional to the weights",
            (
                Key(
                    "values",
                    ListOf(PLAIN, 1, unique=True),
                    "Values",
                    "The values it may take: distinct plain numbers, each within the "
                    "parameter's range, the parameter's value between the lowest and "
                    "the highest.",
                    required=True,
                    examples=([0, 1, 2],),
                ),
            ),
            (
                Key(
                    "weights",
                    ListOf(Plain(at_least=0), 1),
                    "Weights",
                    "One weight per value, not negative, not all 0; the probabilities "
                    "are proportional to them (default: equal).",
                    examples=([1, 2, 1],),
                ),
            ),
        ),
    ),
    "Distribution",
    "How unsure the parameter's value is: what a Monte Carlo run (triangle sweep "
    "--samples N) draws it from, restricted to the parameter's range (which it needs). "
    "The keys besides kind and source depend on the kind.",
)
DISTRIBUTION_KINDS = DISTRIBUTION.options
"""The kinds of distribution a parameter may have."""

PARAMETER = Fields(
    "parameter",
    "Parameter",
    "A named number usable in expressions, with what it means and where it comes from.",
    (
        Key(
            "value",
            PLAIN,
            "Value",
            "The value used unless overridden with --param: a plain YAML number, not an "
            "expression; inside the range.",
            required=True,
            examples=(3.0,),
        ),
        Key(
            "range",
            ListOf(PLAIN, 2, 2),
            "Range",
            "[low, high] with low < high: the values a user may give (--param outside it "
            "is refused), searched for thresholds and drawn on charts.",
            examples=([-4, 6],),
        ),
        Key("unit", TEXT, "Unit", "The unit of the value.", examples=("payoff units",)),
        Key("description", TEXT, "Description", "What the parameter stands for."),
        Key(
            "source",
            SOURCE,
            "Source",
            "Where the value comes from (expected in shipped scenarios); a list is read "
            'as its items joined with ", ".',
            examples=("C8, C9",),
        ),
        Key(
            "distribution",
            DISTRIBUTION,
            "Distribution",
            DISTRIBUTION.description,
            examples=({"kind": "pert", "min": 1, "mode": 3, "max": 5, "source": "C9"},),
            needs=("range",),
        ),
    ),
)
PARAMETERS = MapOf(PARAMETER, "parameter", max_keys=MAX_PARAMETERS, key=ParameterName())

# -- the move, the expected conclusion, correlations ------------------------------------------

MOVE = Fields(
    "move",
    "The move",
    "The move the scenario asks about: a player switching from one of its strategies to "
    "another. It is judged by leader commitment: the mover commits first and the other "
    "players answer with an equilibrium of the game left to them.",
    (
        Key("player", TEXT, "Mover", "The player who moves.", required=True, examples=("US",)),
        Key(
            "from",
            TEXT,
            "From",
            "One of the mover's strategies: what it does before the move.",
            required=True,
            examples=("cold",),
        ),
        Key(
            "to",
            TEXT,
            "To",
            "Another of the mover's strategies (not from): what it does after the move.",
            required=True,
            examples=("warm:China+USSR",),
        ),
        Key(
            "target",
            TEXT,
            "Target",
            "The other player whose alignment the move aims at.",
            examples=("China",),
        ),
        Key("description", TEXT, "Description", "What the move is, in words."),
        Key("source", SOURCE, "Source", "Where the move comes from.", examples=("C4",)),
        Key(
            "thresholds",
            ListOf(TEXT),
            "Threshold parameters",
            "Parameters of the scenario whose flip points (the value at which the verdict "
            "changes) triangle analyze and triangle compare report by default.",
            examples=(["split"],),
        ),
    ),
)

EXPECTED = Fields(
    "expected",
    "Expected conclusion",
    "A free mapping of documented conclusions; a variant states its own.",
    (
        Key(
            "verdict",
            Choice(VERDICTS),
            "Expected verdict",
            "The verdict the scenario documents: " + ", ".join(VERDICTS) + ".",
            examples=(VERDICTS[0],),
        ),
    ),
    closed=False,
)

CORRELATION = Fields(
    "correlation",
    "Correlation",
    "A rank (Spearman) correlation between two parameters that have distributions, "
    "imposed with a Gaussian copula.",
    (
        Key(
            "between",
            ListOf(TEXT, 2, 2),
            "Between",
            "The two parameters (different, each with a distribution).",
            required=True,
            examples=(["offer", "allies"],),
        ),
        Key(
            "rank",
            Plain(above=-1, below=1),
            "Rank correlation",
            "The Spearman rank correlation: a plain number strictly between -1 and 1.",
            required=True,
            examples=(0.5,),
        ),
        Key("source", SOURCE, "Source", "Why the two move together."),
    ),
)

# -- form: table -------------------------------------------------------------------------------

_NOTE = Key("note", TEXT, "Note", "Free text.")
_ENTRY_SOURCE = Key(
    "source",
    SOURCE,
    "Source",
    "Where the entry's numbers come from; it covers every number written in it.",
    examples=("US pivot (C4)",),
)
_VALUES = ListOf(NUMBER, 2, MAX_PLAYERS)

PAYOFF_ENTRY = Fields(
    "payoff_entry",
    "Payoff entry",
    "The payoffs at one strategy profile.",
    (
        Key(
            "profile",
            ListOf(NAME, 2, MAX_PLAYERS),
            "Strategy profile",
            "One strategy per player, in player order.",
            required=True,
            examples=(["open", "open", "detente"],),
        ),
        Key(
            "payoffs",
            _VALUES,
            "Payoffs",
            "One NUMBER per player, in player order.",
            required=True,
            examples=([3, "2 - split", 1],),
        ),
        _ENTRY_SOURCE,
        _NOTE,
    ),
)
COMPACT_ENTRY = Fields(
    "compact_payoff_entry",
    "Payoffs with a source",
    "The payoffs of a profile of the compact form, with a source for the whole entry.",
    (
        Key(
            "payoffs",
            _VALUES,
            "Payoffs",
            "One NUMBER per player, in player order.",
            required=True,
            examples=([3, "2 - split", 1],),
        ),
        _ENTRY_SOURCE,
        _NOTE,
    ),
)

TABLE_KEYS = Fields(
    "table_keys",
    "form: table",
    "The keys of form: table.",
    (
        Key(
            "strategies",
            MapOf(
                ListOf(NAME, 1, MAX_STRATEGIES),
                "player",
                min_keys=2,
                max_keys=MAX_PLAYERS,
            ),
            "Strategies",
            f"Every player → its strategy names (1 to {MAX_STRATEGIES}, unique).",
            required=True,
            examples=({"US": ["isolate", "open"], "China": ["hostile", "open"]},),
        ),
        Key(
            "payoffs",
            Either(
                (
                    ListOf(PAYOFF_ENTRY, 1, MAX_PROFILES),
                    MapOf(Either((_VALUES, COMPACT_ENTRY)), "strategy profile"),
                ),
                "a list of entries, or a mapping from the comma-separated profile",
            ),
            "Payoffs",
            "One entry per strategy profile, every profile exactly once: a list of "
            "{profile, payoffs, source, note}, or a mapping from the comma-separated "
            'profile ("open, open, detente") to the payoffs or to {payoffs, source, note}.',
            required=True,
            examples=({"open, open, detente": [3, "2 - split", 1]},),
        ),
        Key(
            "stances",
            MapOf(
                MapOf(ListOf(TEXT), "strategy", min_keys=1, max_keys=MAX_STRATEGIES),
                "player",
                min_keys=2,
                max_keys=MAX_PLAYERS,
            ),
            "Stances",
            "Every player → every strategy → the other players it is warm toward, so that "
            "the ties of an outcome can be reported (and, with three players, the "
            "triangle's configuration and roles).",
            examples=({"US": {"isolate": [], "open": ["China"]}, "China": {"open": ["US"]}},),
        ),
    ),
)

# -- form: relations ---------------------------------------------------------------------------

ROLE_SCORES = Fields(
    "role_scores",
    "Role scores",
    "A score for each of the six roles of the strategic triangle.",
    tuple(
        Key(
            role,
            NUMBER,
            f"Score of the {role}",
            f"What being the {role} is worth (Bao's score: {BAO_SCORES[role]:+g}).",
            required=True,
        )
        for role in ROLES
    ),
)
_PAIRS = MapOf(MapOf(NUMBER, "other player", max_keys=2), "player", max_keys=3)

RELATIONS_KEYS = Fields(
    "relations_keys",
    "form: relations",
    "The keys of form: relations.",
    (
        Key(
            "role_weight",
            Either((NUMBER, MapOf(NUMBER, "player", max_keys=3)), "a NUMBER or player → NUMBER"),
            "Role weight",
            "The weight of the role score in each player's payoff: a NUMBER for everyone, "
            "or a mapping player → NUMBER (missing players: 1). Default 1.",
            examples=(1,),
        ),
        Key(
            "role_scores",
            Either((Choice(("bao",)), ROLE_SCORES), "bao or the six roles"),
            "Role scores",
            "bao (Bao Zonghe's scores: pivot 3, friend 1, partner 1, wing -1, foe -1, "
            "outcast -3), or a mapping of all six roles ("
            + ", ".join(ROLES)
            + ") to NUMBERs. Default bao.",
            examples=("bao",),
        ),
        Key(
            "ties",
            _PAIRS,
            "Tie values",
            "Player → {other player → NUMBER}: what the player gains from each of its own "
            "friendly ties. Default 0.",
            examples=({"China": {"USSR": "alliance - split"}},),
        ),
        Key(
            "third_party",
            MapOf(NUMBER, "player", max_keys=3),
            "Third-party values",
            "Player → NUMBER: what the player gains (usually negative) when the other two "
            "are friendly. Default 0.",
            examples=({"US": "-bloc"},),
        ),
        Key(
            "costs",
            _PAIRS,
            "Costs",
            "Player → {other player → NUMBER}: what the player pays when its tie with the "
            "other is friendly (concessions). Default 0.",
            examples=({"US": {"China": "taiwan"}},),
        ),
    ),
)

FORMS = (
    Form(
        "table",
        ListOf(NAME, 2, MAX_PLAYERS),
        TABLE_KEYS,
        f"a payoff for every strategy profile (2 to {MAX_PLAYERS} players)",
    ),
    Form(
        "relations",
        ListOf(Name(",+:", "relations_player_name"), 3, 3),
        RELATIONS_KEYS,
        "Dittmer's strategic triangle: payoffs from roles and ties (exactly 3 players)",
    ),
)
FORM_NAMES = tuple(f.name for f in FORMS)
"""The values of ``form:``."""


def get_form(name: str) -> Form:
    """The :class:`Form` called ``name``."""
    return {f.name: f for f in FORMS}[name]


# -- the whole file ------------------------------------------------------------------------------

_FORMAT = Key(
    "format",
    Const(FORMAT_VERSION),
    "Format version",
    f"The version of the scenario format: the integer {FORMAT_VERSION}.",
    required=True,
    examples=(FORMAT_VERSION,),
)
_TITLE = Key(
    "title",
    TEXT,
    "Title",
    "One line of text naming the scenario.",
    required=True,
    examples=("Kissinger's opening, 1971",),
)
_DESCRIPTION = Key(
    "description", TEXT, "Description", "What the scenario is about (use | for several lines)."
)
_SOURCES = Key(
    "sources",
    ListOf(TEXT),
    "Sources",
    "Claim ids or references for the scenario as a whole (they do not cover individual numbers).",
    examples=(["C4", "C8"],),
)
_PARAMETERS = Key(
    "parameters",
    PARAMETERS,
    "Parameters",
    "Parameter name → specification, in the order of the file: named numbers usable in "
    f"expressions (at most {MAX_PARAMETERS}).",
)
_MOVE = Key("move", MOVE, MOVE.title, MOVE.description)
_EXPECTED = Key(
    "expected",
    EXPECTED,
    EXPECTED.title,
    "A free mapping of documented conclusions; a verdict, if given, is one of: "
    + ", ".join(VERDICTS)
    + ".",
    examples=({"verdict": VERDICTS[0]},),
)
_CORRELATIONS = Key(
    "correlations",
    ListOf(CORRELATION),
    "Correlations",
    "Rank correlations between parameters that have distributions, each pair once; "
    "together they must be consistent (a positive definite matrix).",
)

SCENARIO = Fields(
    "scenario",
    "Scenario",
    "A scenario: the players, what each can do and what each gets.",
    (
        _FORMAT,
        _TITLE,
        _DESCRIPTION,
        _SOURCES,
        Key(
            "players",
            ListOf(NAME, 2, MAX_PLAYERS),
            "Players",
            "Unique player names in a fixed order used everywhere else: 2 to "
            f"{MAX_PLAYERS} for form: table, exactly 3 for form: relations. A name is "
            "text as written, not empty, without surrounding spaces or a comma (nor + "
            "or : in form: relations).",
            required=True,
            examples=(["US", "China", "USSR"],),
        ),
        Key(
            "form",
            Choice(FORM_NAMES),
            "Payoff form",
            "How the payoffs are given: "
            + "; ".join(f"{f.name}: {f.description}" for f in FORMS)
            + ".",
            required=True,
            examples=FORM_NAMES,
        ),
        _PARAMETERS,
        _MOVE,
        _EXPECTED,
        _CORRELATIONS,
    ),
)
"""The keys every scenario without ``base:`` may have; each form adds its own
(``FORMS``)."""

VARIANT = Fields(
    "variant",
    "Variant of a scenario",
    "A scenario written as another one (base:) with some things changed: it keeps the "
    "base's players, form, payoffs, stances and parameter ranges.",
    (
        _FORMAT,
        Key(
            "base",
            TEXT,
            "Base scenario",
            "The scenario file this one changes: a path relative to this file's folder, "
            "to a .yaml or .yml file in that folder or below it (or under --base-root).",
            required=True,
            examples=("kissinger_1971.yaml",),
        ),
        _TITLE,
        _DESCRIPTION,
        _SOURCES,
        Key(
            "parameters",
            PARAMETERS,
            "Parameters",
            "New values (with their sources) for parameters the base declares; a "
            "parameter given a new value loses the base's distribution unless it states "
            "one, and may not change its range.",
        ),
        _MOVE,
        Key(
            "expected",
            EXPECTED,
            EXPECTED.title,
            "The variant's own expected conclusions (not inherited from the base).",
            examples=({"verdict": VERDICTS[1]},),
        ),
        _CORRELATIONS,
    ),
)
INHERITED = tuple(
    dict.fromkeys(
        [k for k in SCENARIO.names if k not in VARIANT.names]
        + [k for f in FORMS for k in f.keys.names]
    )
)
"""The keys a variant takes from its base and may not give."""
