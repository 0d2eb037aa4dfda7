"""Mixed equilibria of games with three or more players, with pygambit.

:func:`nplayer_solve` runs some of Gambit's methods [1]_ on the game, each in its own
process with a wall-clock time limit, re-verifies every profile they return with
:func:`~triangle.equilibria.profile.make_equilibrium` at this package's tolerance
(Gambit's own regret thresholds are relative and looser), deduplicates the union and
records which methods found each equilibrium.

No Gambit method is guaranteed to find every equilibrium of an N-player game in
practice: ``enumpoly`` (support enumeration with polynomial systems) is known to miss
equilibria of some generic games and may return points of continua on degenerate
ones; ``gnm`` (global Newton) and ``ipa`` follow one path from a perturbation;
``logit`` traces the principal branch of the logit correspondence to one
equilibrium; ``simpdiv`` and ``liap`` start from the centroid; ``enumpure`` lists the
pure equilibria. Some of them can run for a long time (``gnm`` for minutes on a
2×2×2 game), hence the processes and the time limit.

Completeness rule. The result is *the equilibria found*: ``complete`` is always
``False``. The notes give what can be said honestly. Each equilibrium found is tested
for regularity (:func:`is_regular`: every player's pure best responses are exactly
its support and the Jacobian of the support indifference system is nonsingular). A
game all of whose equilibria are regular has an odd number of them (Wilson's
oddness theorem [2]_), so when every equilibrium found is regular an *even* count
proves that some equilibrium was missed, and an *odd* count is consistent with a
complete list — a necessary condition, not a proof.

References
----------
.. [1] R. D. McKelvey, A. M. McLennan, T. L. Turocy, "Gambit: Software Tools for
   Game Theory", https://www.gambit-project.org.
.. [2] R. Wilson, "Computing equilibria of N-person games", SIAM Journal on
   Applied Mathematics 21, 1971; J. C. Harsanyi, "Oddness of the number of
   equilibrium points", International Journal of Game Theory 2, 1973.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from triangle.equilibria.profile import (
    PURE_ATOL,
    Equilibrium,
    SolveResult,
    merge_equilibria,
    verify_candidates,
)
from triangle.equilibria.regret import DEFAULT_TOL, payoff_spread
from triangle.errors import TriangleInputError
from triangle.game import Game

GAMBIT_METHODS = ("enumpoly", "gnm", "logit", "ipa", "simpdiv", "liap", "enumpure")
"""pygambit methods :func:`nplayer_solve` accepts."""

DEFAULT_METHODS = ("enumpoly", "gnm", "logit")
"""Methods run by default."""

TIE_RTOL = 1e-7
"""Payoffs within this (times the spread) count as tied in :func:`is_regular`, and a
Jacobian with condition number above ``1 / TIE_RTOL**2`` counts as singular."""

RATIONAL_MAX_DENOMINATOR = 10**6
"""Payoffs equal to a fraction with at most this denominator are given to Gambit as
that exact fraction; others as the float's decimal form."""


# -- the child process ---------------------------------------------------------------------


def _gambit_payoff(value: float) -> Any:
    frac = Fraction(value).limit_denominator(RATIONAL_MAX_DENOMINATOR)
    if abs(float(frac) - value) <= 4 * np.spacing(abs(value)):
        return frac
    return value


def _gambit_game(payoffs: np.ndarray):
    import pygambit as gbt

    arrays = []
    for array in payoffs:
        exact = np.empty(array.shape, dtype=object)
        for index, value in np.ndenumerate(array):
            exact[index] = _gambit_payoff(float(value))
        arrays.append(exact)
    return gbt.Game.from_arrays(*arrays)


def _call(method: str, gbt_game) -> Any:
    import pygambit as gbt

    solvers: dict[str, Callable[[], Any]] = {
        "enumpoly": lambda: gbt.nash.enumpoly_solve(gbt_game),
        "gnm": lambda: gbt.nash.gnm_solve(gbt_game),
        "logit": lambda: gbt.nash.logit_solve(gbt_game, maxregret=1e-12),
        "ipa": lambda: gbt.nash.ipa_solve(gbt_game),
        "simpdiv": lambda: gbt.nash.simpdiv_solve(gbt_game.mixed_strategy_profile(rational=True)),
        "liap": lambda: gbt.nash.liap_solve(
            gbt_game.mixed_strategy_profile(rational=False), maxregret=1e-12
        ),
        "enumpure": lambda: gbt.nash.enumpure_solve(gbt_game),
    }
    return solvers[method]()


def _as_float(p: Any) -> float:
    try:
        return float(p)
    except TypeError:
        return float(Fraction(str(p)))


def _child(conn, method: str, payoffs: np.ndarray) -> None:
    """Run one Gambit method and send back ``("ok", [flat profile, ...])`` or an error."""
    try:
        result = _call(method, _gambit_game(payoffs))
        # iterating a profile gives (strategy, probability) in player order
        flat = [[_as_float(p) for _, p in eq] for eq in result.equilibria]
        conn.send(("ok", flat))
    except BaseException as exc:  # reported to the parent, which decides
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_gambit_methods(
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

    ctx = multiprocessing.get_context("fork")
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


# -- regularity ------------------------------------------------------------------------------


def _contract(array: np.ndarray, profile: Sequence[np.ndarray], keep: Sequence[int]) -> np.ndarray:
    """Contract ``array`` with every player's mixture except those in ``keep``."""
    out = array
    for j in reversed(range(len(profile))):
        if j not in keep:
            out = np.tensordot(out, profile[j], axes=([j], [0]))
    return out


def _supports(profile: Sequence[np.ndarray], atol: float) -> list[tuple[int, ...]]:
    return [tuple(int(k) for k in np.flatnonzero(s > atol)) for s in profile]


def _support_system(
    payoffs: np.ndarray, profile: Sequence[np.ndarray], supports: Sequence[tuple[int, ...]]
) -> tuple[np.ndarray, np.ndarray]:
    """Residual and Jacobian of "each player is indifferent among its support strategies
    and its probabilities sum to 1", in the probabilities on the supports."""
    n = len(profile)
    offsets = np.cumsum([0, *(len(s) for s in supports)])
    size = int(offsets[-1])
    residual = np.zeros(size)
    jac = np.zeros((size, size))
    for i in range(n):
        first, rest = supports[i][0], supports[i][1:]
        values = _contract(payoffs[i], profile, (i,))
        block_rows = slice(offsets[i], offsets[i] + len(rest))
        residual[block_rows] = values[list(rest)] - values[first]
        residual[offsets[i + 1] - 1] = profile[i].sum() - 1.0
        jac[offsets[i + 1] - 1, offsets[i] : offsets[i + 1]] = 1.0
        for j in range(n):
            if j == i:
                continue
            pair = _contract(payoffs[i], profile, (i, j))  # axes (i, j) in player order
            if j < i:
                pair = pair.T
            block = pair[np.ix_(list(rest), list(supports[j]))] - pair[first, list(supports[j])]
            jac[block_rows, offsets[j] : offsets[j + 1]] = block
    return residual, jac


def is_regular(game: Game, profile: Sequence[np.ndarray]) -> bool:
    """Whether an equilibrium is quasi-strict with a nonsingular support system.

    True when every player's pure best responses are exactly the strategies it
    plays, and the Jacobian of the system "each player is indifferent among its
    support strategies, and its probabilities sum to 1", in the probabilities on the
    supports, is nonsingular. Such an equilibrium is regular in Harsanyi's sense and
    isolated. Near-ties (within :data:`TIE_RTOL` of the spread) fail the test.

    Examples
    --------
    >>> mp = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> is_regular(mp, [np.array([0.5, 0.5]), np.array([0.5, 0.5])])
    True
    >>> flat = Game.from_arrays(np.zeros((2, 2)), np.zeros((2, 2)))
    >>> is_regular(flat, [np.array([1.0, 0.0]), np.array([1.0, 0.0])])
    False
    """
    payoffs = game.payoffs / payoff_spread(game)
    prof = [np.asarray(s, dtype=float) for s in profile]
    supports = _supports(prof, PURE_ATOL)
    for i in range(game.n_players):
        values = _contract(payoffs[i], prof, (i,))
        best = tuple(int(k) for k in np.flatnonzero(values >= values.max() - TIE_RTOL))
        if best != supports[i]:
            return False
    _, jac = _support_system(payoffs, prof, supports)
    return bool(np.linalg.cond(jac) <= 1.0 / TIE_RTOL**2)


def polish(
    game: Game, profile: Sequence[np.ndarray], support_atol: float = 1e-6, steps: int = 20
) -> list[np.ndarray] | None:
    """Refine an approximate equilibrium by Newton's method on its support system.

    Probabilities above ``support_atol`` define the supports; the others are set to
    0 and Newton's method solves the indifference system on the supports. Returns
    the refined profile, or ``None`` if Newton's method did not converge to a
    probability profile. The caller still verifies the result's regret.

    Examples
    --------
    >>> mp = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [s.tolist() for s in polish(mp, [np.array([0.5001, 0.4999]), np.array([0.5, 0.5])])]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    payoffs = game.payoffs / payoff_spread(game)
    prof = [np.asarray(s, dtype=float).copy() for s in profile]
    supports = _supports(prof, support_atol)
    if any(not s for s in supports):
        return None
    for sigma, sup in zip(prof, supports, strict=True):
        mask = np.ones(sigma.shape, dtype=bool)
        mask[list(sup)] = False
        sigma[mask] = 0.0
    offsets = np.cumsum([0, *(len(s) for s in supports)])
    for _ in range(steps):
        residual, jac = _support_system(payoffs, prof, supports)
        if np.abs(residual).max() <= 1e-14:
            break
        try:
            step = np.linalg.solve(jac, residual)
        except np.linalg.LinAlgError:
            return None
        for i, sup in enumerate(supports):
            prof[i][list(sup)] -= step[offsets[i] : offsets[i + 1]]
        if not all(np.all(np.isfinite(s)) for s in prof):
            return None
    if any(np.any(s < -PURE_ATOL) for s in prof):
        return None
    return [np.clip(s, 0.0, None) / np.clip(s, 0.0, None).sum() for s in prof]


# -- the solver ----------------------------------------------------------------------------


def nplayer_solve(
    game: Game,
    *,
    methods: tuple[str, ...] = DEFAULT_METHODS,
    timeout: float = 10.0,
    tol: float = DEFAULT_TOL,
) -> SolveResult:
    """Equilibria of an N-player game found by Gambit's methods, each time-limited.

    Parameters
    ----------
    game : Game
        Any number of players (meant for three or more; 2-player games are better
        served by :func:`~triangle.equilibria.bimatrix.bimatrix_solve`).
    methods : tuple of str
        Names from :data:`GAMBIT_METHODS`, run side by side, each in its own process;
        results are merged in this order.
    timeout : float
        Seconds of wall-clock time the methods may run (they share one deadline); a
        method still running then is killed and a note says so.
    tol : float
        Relative regret tolerance (times the game's payoff spread).

    Returns
    -------
    SolveResult
        The verified, deduplicated equilibria found, each with the methods that
        found it. ``complete`` is ``False`` (see the module notes for what the notes
        say about the count).

    Raises
    ------
    TriangleInputError
        For an unknown method, no method, or a timeout that is not positive.

    Examples
    --------
    Three-player pure coordination: all get 1 when all choose the same strategy.

    >>> payoffs = np.zeros((3, 2, 2, 2)); payoffs[:, 0, 0, 0] = payoffs[:, 1, 1, 1] = 1
    >>> result = nplayer_solve(Game.from_arrays(*payoffs), methods=("enumpoly",))
    >>> [[s.round(3).tolist() for s in e.profile] for e in result.equilibria]
    [[[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0], [0.0, 1.0]], \
[[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]]
    >>> result.complete
    False
    """
    methods = tuple(methods)
    bad = [m for m in methods if m not in GAMBIT_METHODS]
    if bad or not methods:
        what = f"unknown gambit method {bad[0]!r}" if bad else "no gambit method given"
        raise TriangleInputError(f"{what}; valid methods: {', '.join(GAMBIT_METHODS)}")
    if not timeout > 0:
        raise TriangleInputError(f"timeout must be a positive number of seconds, got {timeout}")
    methods = tuple(dict.fromkeys(methods))
    import pygambit  # noqa: F401  (loaded once here, inherited by every forked child)

    notes: list[str] = []
    found: list[Equilibrium] = []
    cuts = np.cumsum(game.shape)[:-1]
    results = run_gambit_methods(methods, np.array(game.payoffs), timeout)
    for method in methods:
        flats, note = results[method]
        if note is not None:
            notes.append(note)
        if flats is None:
            continue
        # a flat profile of the wrong length splits into vectors of the wrong lengths,
        # which verify_candidates rejects
        profiles = (np.split(np.asarray(flat, dtype=float), cuts) for flat in flats)
        verified, rejected = verify_candidates(
            game, profiles, methods=(f"gambit.{method}",), tol=tol, refine=polish
        )
        found.extend(verified)
        if rejected:
            notes.append(
                f"gambit {method}: {rejected} profile(s) failed the regret check at "
                f"tolerance {tol:g} and were dropped"
            )
    equilibria = merge_equilibria(found)
    notes.extend(_count_notes(game, equilibria))
    return SolveResult(
        game=game,
        equilibria=equilibria,
        complete=False,
        methods=tuple(f"gambit.{m}" for m in methods),
        tol=tol,
        notes=tuple(notes),
    )


def _count_notes(game: Game, equilibria: tuple[Equilibrium, ...]) -> list[str]:
    count = len(equilibria)
    noun = "equilibrium" if count == 1 else "equilibria"
    if count == 0:
        return ["gambit found no equilibrium (every game has one): its methods failed or timed out"]
    if not all(is_regular(game, eq.profile) for eq in equilibria):
        return [
            f"gambit found {count} {noun}; some are not regular (ties in best responses or "
            "a continuum), so the game is degenerate and there may be continua of equilibria"
        ]
    if count % 2 == 0:
        return [
            f"gambit found {count} {noun}, all regular: an even number, so at least one "
            "equilibrium was missed or the game has an irregular one"
        ]
    return [
        f"gambit found {count} {noun}, all regular: an odd number, consistent with a "
        "complete list for a generic game (not a proof)"
    ]
