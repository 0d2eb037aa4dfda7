"""Gambit (pygambit) behind one small interface: build a game, run a method, read profiles.

Everything that touches pygambit is here, through its public API, and pygambit is
imported only inside these functions, so that importing :mod:`triangle` stays fast.

* :func:`gambit_game` builds a Gambit game from a payoff array, with every payoff that
  is a rational with a small denominator given as that exact fraction (Gambit then
  computes in exact arithmetic where its method can).
* :func:`enummixed` runs ``enummixed`` on a 2-player game.
* :func:`run_methods` runs several N-player methods side by side, each in its own
  process, under one wall-clock deadline: some methods (``gnm``, ``enumpoly`` on
  degenerate games) can run for minutes, and a Gambit call cannot be interrupted
  from inside the process that made it.

References
----------
R. D. McKelvey, A. M. McLennan, T. L. Turocy, "Gambit: Software Tools for Game
Theory", https://www.gambit-project.org.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = [
    "RATIONAL_MAX_DENOMINATOR",
    "as_rational",
    "enummixed",
    "gambit_game",
    "run_methods",
]

RATIONAL_MAX_DENOMINATOR = 10**6
"""Payoffs equal to a fraction with at most this denominator are given to Gambit as
that exact fraction; others as floats."""

Candidate = tuple[np.ndarray, np.ndarray]


def as_rational(value: float) -> Fraction | None:
    """``value`` as an exact fraction with a denominator of at most
    :data:`RATIONAL_MAX_DENOMINATOR`, or ``None`` when it is not one (up to rounding).

    >>> as_rational(0.25), as_rational(1 / 3), as_rational(3.14159265358979)
    (Fraction(1, 4), Fraction(1, 3), None)
    """
    value = float(value)
    frac = Fraction(value).limit_denominator(RATIONAL_MAX_DENOMINATOR)
    if abs(float(frac) - value) <= 4 * np.spacing(abs(value)):
        return frac
    return None


def _as_float(p: Any) -> float:
    try:
        return float(p)
    except TypeError:
        return float(Fraction(str(p)))


def gambit_game(payoffs: np.ndarray, *, exact: bool = True):
    """A pygambit game with the payoffs of ``payoffs`` (shape ``(n, s_1, ..., s_n)``).

    With ``exact``, payoffs that are small-denominator rationals (:func:`as_rational`)
    are given as exact fractions, the others as floats.
    """
    import pygambit as gbt

    arrays = []
    for array in np.asarray(payoffs, dtype=float):
        if not exact:
            arrays.append(array)
            continue
        values = np.empty(array.shape, dtype=object)
        for index, value in np.ndenumerate(array):
            frac = as_rational(float(value))
            values[index] = float(value) if frac is None else frac
        arrays.append(values)
    return gbt.Game.from_arrays(*arrays)


def _flat_profiles(result: Any) -> list[list[float]]:
    """Each equilibrium of a pygambit result as one flat list of probabilities, in
    player order."""
    # iterating a profile gives (strategy, probability) in player order
    return [[_as_float(p) for _, p in eq] for eq in result.equilibria]


def enummixed(A: np.ndarray, B: np.ndarray, *, rational: bool) -> list[Candidate]:
    """Gambit's ``enummixed`` on the bimatrix game ``(A, B)``: its extreme equilibria.

    With ``rational`` every payoff must be a small-denominator rational
    (:func:`as_rational`) and Gambit computes in exact arithmetic.
    """
    import pygambit as gbt

    if rational:
        exact = [np.vectorize(as_rational, otypes=[object])(M) for M in (A, B)]
        game = gbt.Game.from_arrays(*exact)
    else:
        game = gbt.Game.from_arrays(A, B)
    result = gbt.nash.enummixed_solve(game, rational=rational)
    m = A.shape[0]
    return [(np.array(flat[:m]), np.array(flat[m:])) for flat in _flat_profiles(result)]


def _call(method: str, game: Any) -> Any:
    import pygambit as gbt

    solvers: dict[str, Callable[[], Any]] = {
        "enumpoly": lambda: gbt.nash.enumpoly_solve(game),
        "gnm": lambda: gbt.nash.gnm_solve(game),
        "logit": lambda: gbt.nash.logit_solve(game, maxregret=1e-12),
        "ipa": lambda: gbt.nash.ipa_solve(game),
        "simpdiv": lambda: gbt.nash.simpdiv_solve(game.mixed_strategy_profile(rational=True)),
        "liap": lambda: gbt.nash.liap_solve(
            game.mixed_strategy_profile(rational=False), maxregret=1e-12
        ),
        "enumpure": lambda: gbt.nash.enumpure_solve(game),
    }
    return solvers[method]()


def _child(conn, method: str, payoffs: np.ndarray) -> None:
    """Run one Gambit method and send back ``("ok", [flat profile, ...])`` or an error."""
    try:
        conn.send(("ok", _flat_profiles(_call(method, gambit_game(payoffs)))))
    except BaseException as exc:  # reported to the parent, which decides
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` on Linux (fast: pygambit is already loaded in the parent); ``spawn``
    elsewhere (``fork`` is absent on Windows and unsafe on macOS)."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run_methods(
    methods: Sequence[str], payoffs: np.ndarray, timeout: float
) -> dict[str, tuple[list[list[float]] | None, str | None]]:
    """Run several Gambit methods side by side, each in its own child process.

    All start at once and share one deadline, ``timeout`` seconds from the start:
    the wall-clock time is that of the slowest method, not their sum. Returns, per
    method, the flat profiles found (``None`` if it did not finish) and a note
    (``None`` if it finished without error); children still running at the deadline
    are killed.
    """
    from multiprocessing.connection import wait

    import pygambit  # noqa: F401  (loaded once here, inherited by forked children)

    ctx = _context()
    start = time.monotonic()
    running = {}
    for method in methods:
        reader, writer = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(writer, method, payoffs), daemon=True)
        proc.start()
        writer.close()
        running[reader] = (method, proc)
    answers: dict[str, tuple[str, Any, float]] = {}
    try:
        while running:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                break
            for reader in wait(list(running), left):
                method, proc = running.pop(reader)
                try:
                    status, value = reader.recv()
                except EOFError:
                    status, value = "error", "the process ended without an answer"
                answers[method] = (status, value, time.monotonic() - start)
                proc.join(5.0)  # it has answered: let it exit by itself
                reader.close()
    finally:
        for reader, (_method, proc) in running.items():
            if proc.is_alive():
                proc.kill()
            proc.join()
            reader.close()
    out: dict[str, tuple[list[list[float]] | None, str | None]] = {}
    for method in methods:
        if method not in answers:
            out[method] = (None, f"gambit {method} stopped after {timeout:g} s")
            continue
        status, value, elapsed = answers[method]
        if status == "ok":
            out[method] = (value, None)
        else:
            out[method] = (None, f"gambit {method} failed after {elapsed:.1f} s ({value})")
    return out
