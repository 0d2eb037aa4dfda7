"""Gambit (pygambit 17) behind one small interface: build a game, run a method, read profiles.

Everything that touches pygambit is here, through its public API. pygambit is an
optional dependency (the ``gambit`` extra: ``pip install 'triangle[gambit]'``) and is
imported only inside these functions: importing it costs about two seconds (it loads
SciPy and pandas), which the default solvers never pay.

* :func:`check_api` fails loudly, naming the versions this module is written for,
  when the installed pygambit is missing or lacks an API used here.
* :func:`gambit_game` builds a game with every payoff given exactly: a float that is a
  rational with a small denominator as that fraction, any other float as its exact
  binary value (pygambit would otherwise read a float through its shortest decimal
  form, a slightly different number).
* :func:`enummixed` runs ``enummixed`` on a 2-player game.
* :func:`run_methods` runs several methods side by side, each in its own process, under
  one wall-clock deadline (:mod:`~triangle.equilibria.backends.processes`): some methods
  (``gnm``, ``enumpoly`` on large games) can run for minutes, and a Gambit call cannot
  be interrupted from inside the process that made it.

References
----------
R. D. McKelvey, A. M. McLennan, T. L. Turocy, "Gambit: Software Tools for Game
Theory", version 17, https://www.gambit-project.org.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from triangle.equilibria.backends.processes import run_side_by_side
from triangle.errors import MissingDependencyError

__all__ = [
    "PYGAMBIT_REQUIREMENT",
    "RATIONAL_MAX_DENOMINATOR",
    "as_rational",
    "check_api",
    "enummixed",
    "gambit_game",
    "run_methods",
]

PYGAMBIT_REQUIREMENT = "pygambit>=17.0.0b2,<18"
"""The pygambit versions this module is written for (17 changed the API of 16)."""

RATIONAL_MAX_DENOMINATOR = 10**6
"""A payoff within 4 ulps of a fraction with at most this denominator is given to
Gambit as that fraction (``-5.65`` computed in floating point is the ``-113/20`` its
author meant); any other float as its exact binary value."""

ENUMPOLY_MAX_RECTANGLES = 20_000
"""``enumpoly``'s per-support budget: a support whose root search needs more is left
(and counted in a note)."""

Candidate = tuple[np.ndarray, np.ndarray]


@functools.cache
def check_api() -> str:
    """The installed pygambit's version, after checking every API used here.

    Raises
    ------
    MissingDependencyError
        When pygambit is not installed, or lacks an API this module relies on (for
        example pygambit 16, whose games are built with ``Game.from_arrays``); the
        message names :data:`PYGAMBIT_REQUIREMENT` and how to install it.
    """
    install = f"pip install 'triangle[gambit]' (or '{PYGAMBIT_REQUIREMENT}')"
    try:
        import pygambit as gbt
    except ImportError:
        raise MissingDependencyError(f"Gambit's methods need pygambit: {install}") from None
    version = str(getattr(gbt, "__version__", "unknown"))
    missing = []
    if not hasattr(getattr(gbt, "StrategicGame", None), "from_arrays"):
        missing.append("StrategicGame.from_arrays")
    wanted = {
        "enumpoly_solve": {"max_rectangles", "event_callback"},
        "gnm_solve": set(),
        "logit_solve": {"maxregret"},
        "ipa_solve": set(),
        "simpdiv_solve": set(),
        "liap_solve": {"maxregret"},
        "enumpure_solve": set(),
        "enummixed_solve": {"rational"},
    }
    for name, params in wanted.items():
        function = getattr(gbt.nash, name, None)
        if function is None:
            missing.append(f"nash.{name}")
            continue
        lacking = params - set(inspect.signature(function).parameters)
        if lacking:
            missing.append(f"nash.{name}({', '.join(sorted(lacking))})")
    if not missing:
        game = gbt.StrategicGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
        profile = gbt.nash.enumpure_solve(game).equilibria[0]
        if [len(list(mixed)) for mixed in profile] != [2, 2]:
            missing.append("profiles iterated player by player")
    if missing:
        raise MissingDependencyError(
            f"pygambit {version} lacks what triangle uses ({'; '.join(missing)}): {install}"
        )
    return version


def as_rational(value: float) -> Fraction | None:
    """``value`` as an exact fraction with a denominator of at most
    :data:`RATIONAL_MAX_DENOMINATOR`, or ``None`` when it is not one (up to 4 ulps).

    >>> as_rational(0.25), as_rational(1 / 3), as_rational(3.14159265358979)
    (Fraction(1, 4), Fraction(1, 3), None)
    """
    value = float(value)
    frac = Fraction(value).limit_denominator(RATIONAL_MAX_DENOMINATOR)
    if abs(float(frac) - value) <= 4 * np.spacing(abs(value)):
        return frac
    return None


def _exact(value: float) -> Fraction:
    frac = as_rational(value)
    return Fraction(float(value)) if frac is None else frac


def gambit_game(payoffs: np.ndarray):
    """A ``pygambit.StrategicGame`` with the payoffs of ``payoffs`` (shape
    ``(n, s_1, ..., s_n)``), every one given exactly."""
    check_api()
    import pygambit as gbt

    arrays = [np.vectorize(_exact, otypes=[object])(a) for a in np.asarray(payoffs, dtype=float)]
    return gbt.StrategicGame.from_arrays(*arrays)


def _flat(profile: Any) -> list[float]:
    """A profile's probabilities in player order, then strategy order."""
    return [float(p) for mixed in profile for _label, p in mixed]


def enummixed(A: np.ndarray, B: np.ndarray, *, rational: bool) -> list[Candidate]:
    """Gambit's ``enummixed`` on the bimatrix game ``(A, B)``: its extreme equilibria
    (in exact arithmetic with ``rational``)."""
    import pygambit as gbt

    game = gambit_game(np.stack([A, B]))
    result = gbt.nash.enummixed_solve(game, rational=rational)
    m = A.shape[0]
    flats = [_flat(profile) for profile in result.equilibria]
    return [(np.array(flat[:m]), np.array(flat[m:])) for flat in flats]


def _run(method: str, payoffs: np.ndarray) -> tuple[list[list[float]], list[str]]:
    """Run one method in this process: the flat profiles and notes on what it skipped."""
    import pygambit as gbt

    game = gambit_game(payoffs)
    nash = gbt.nash
    notes: list[str] = []
    singular = budget = 0

    def on_event(event: Any) -> None:
        nonlocal singular, budget
        if isinstance(event, gbt.EnumPolySingularSupportEvent):
            singular += 1
        elif isinstance(event, gbt.EnumPolyBudgetExceededSupportEvent):
            budget += 1

    if method == "enumpoly":
        result = nash.enumpoly_solve(
            game, max_rectangles=ENUMPOLY_MAX_RECTANGLES, event_callback=on_event
        )
    elif method == "gnm":
        result = nash.gnm_solve(game)
    elif method == "logit":
        result = nash.logit_solve(game, maxregret=1e-12)
    elif method == "ipa":
        result = nash.ipa_solve(game)
    elif method == "simpdiv":
        result = nash.simpdiv_solve(game.mixed_strategy_profile(rational=True))
    elif method == "liap":
        result = nash.liap_solve(game.mixed_strategy_profile(rational=False), maxregret=1e-12)
    elif method == "enumpure":
        result = nash.enumpure_solve(game)
    else:
        raise ValueError(f"unknown gambit method {method!r}")
    if hasattr(result, "equilibria"):
        profiles = list(result.equilibria)
    else:
        profiles = [] if result.equilibrium is None else [result.equilibrium]
    if singular:
        notes.append(
            f"gambit enumpoly left {singular} support(s) whose system is singular (a "
            "continuum, or a player mixing against pure strategies): equilibria there are "
            "not in its list"
        )
    if budget:
        notes.append(
            f"gambit enumpoly ran out of its budget on {budget} support(s): equilibria "
            "there may be missing"
        )
    return [_flat(p) for p in profiles], notes


def run_methods(
    methods: Sequence[str], payoffs: np.ndarray, timeout: float
) -> dict[str, tuple[list[list[float]] | None, list[str]]]:
    """Run several Gambit methods side by side, each in its own child process.

    All start at once and share one deadline, ``timeout`` seconds from the start: the
    wall-clock time is that of the slowest method, not their sum. Returns, per method,
    the flat profiles found (``None`` if it did not finish) and its notes (what it left
    out, or why it did not finish); children still running at the deadline are
    killed.

    Raises
    ------
    MissingDependencyError
        When pygambit is missing or not a supported version (checked before any child
        starts).
    """
    check_api()  # also loads pygambit once here: forked children inherit it
    answers = run_side_by_side({m: (_run, (m, payoffs)) for m in methods}, timeout)
    out: dict[str, tuple[list[list[float]] | None, list[str]]] = {}
    for method in methods:
        status, value = answers[method]
        if status == "ok":
            flats, notes = value
            out[method] = (flats, notes)
        elif status == "timeout":
            out[method] = (None, [f"gambit {method} stopped after {timeout:g} s"])
        else:
            out[method] = (None, [f"gambit {method} failed ({value})"])
    return out
