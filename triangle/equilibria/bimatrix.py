"""All Nash equilibria of a 2-player game: nashpy, checked exactly or cross-checked.

:func:`bimatrix_solve` runs one algorithm (nashpy's support or vertex enumeration
[1]_ [2]_, or Lemke–Howson) on the bimatrix game and checks what it returns against a second,
complete enumeration. Every solver sees each player's payoffs mapped onto
``[0, 1]`` (the same equilibria, whatever the units of each player), every
candidate is verified with :func:`~triangle.equilibria.result.make_equilibrium`
(regret and support condition, relative to each player's payoff range), and the
union is deduplicated with :func:`~triangle.equilibria.result.merge_equilibria`;
each equilibrium records the methods that found it.

Small games (up to :data:`~triangle.equilibria.exact.EXACT_MAX_STRATEGIES`
strategies per player, which covers every followers' game of the relations form)
are solved **exactly** as well: :func:`~triangle.equilibria.exact.exact_bimatrix_equilibria`
enumerates every extreme equilibrium in rational arithmetic (a float is a rational)
and decides whether the game is nondegenerate. Then the list is the exact one: a
float profile that matches no exact equilibrium of a nondegenerate game is dropped
with a note, an equilibrium a float solver missed is listed (credited to ``exact``),
``complete`` is exactly "the game is nondegenerate", and degeneracy is stated from
the game, not from a solver's warning.

Larger games run, by default, Lemke–Howson from every label first (one path per
label: it scales, and finds equilibria when nothing exhaustive can finish), then
support enumeration over supports of equal size, smallest first, then nashpy's vertex
enumeration and Gambit's ``enummixed`` (up to :data:`ENUMMIXED_MAX_STRATEGIES`
strategies, with the ``gambit`` extra), all within one time budget: support
enumeration stops between support pairs, Lemke–Howson between labels, and vertex
enumeration and Gambit run in child processes killed at the deadline. The notes say
what the budget cut short ("supports of size 1 to 2 were searched, supports of
size 3 to 12 were not"), and such a list is not called complete. The list is called
complete when ``enummixed`` ran to the end and every equilibrium found passed the
isolation test
:func:`~triangle.equilibria.regularity.is_regular` (the pure best responses of each
player are exactly its support and the support system is nonsingular, so no other
equilibrium lies near it). Every equilibrium of a nondegenerate game passes; one
that fails proves the game degenerate, or, numerically, that two payoffs tie within
:data:`~triangle.equilibria.tolerance.TIE_RTOL` of the player's range.

Why check nashpy at all. nashpy's support enumeration decides whether a support pair
gives an equilibrium with tolerance-free comparisons (``prob >= 0`` and ``==`` on
float payoffs), so on random float games it sometimes rejects a valid support and
misses an equilibrium (about 1 game in 20 among random 4×4 games); its vertex
enumeration can return a profile with a tiny probability on a strategy that is not
a best reply.

References
----------
.. [1] B. von Stengel, "Computing equilibria for two-person games", in Handbook of
   Game Theory vol. 3, ch. 45, 2002 (support and vertex enumeration, degeneracy).
.. [2] D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
   equilibria for two-player games", Economic Theory 42, 2010.
"""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Callable, Iterable

import numpy as np

from triangle.equilibria.backends import gambit, nashpy
from triangle.equilibria.backends.processes import run_side_by_side
from triangle.equilibria.exact import (
    EXACT_MAX_STRATEGIES,
    exact_bimatrix_equilibria,
    snap_ties,
)
from triangle.equilibria.lemke_howson import MAX_PIVOTS, lemke_howson
from triangle.equilibria.methods import BIMATRIX_METHODS, check_timeout
from triangle.equilibria.regularity import is_regular, polish
from triangle.equilibria.result import (
    Equilibrium,
    SolveResult,
    merge_equilibria,
    verify_candidates,
)
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.errors import MissingDependencyError, TriangleInputError
from triangle.game import Game

__all__ = ["ENUMMIXED_MAX_STRATEGIES", "bimatrix_solve"]

ENUMMIXED_MAX_STRATEGIES = 10
"""Gambit's ``enummixed`` cross-check runs only when both players have at most this
many strategies (its running time grows exponentially; this project's games are at
most about 8×8). Above it the cross-check is skipped with a note."""

_NAMES = {
    "support_enumeration": "nashpy.support_enumeration",
    "vertex_enumeration": "nashpy.vertex_enumeration",
    "lemke_howson": "lemke_howson",
    "enummixed": "gambit.enummixed",
    "exact": "exact",
}
_PROSE = {
    "nashpy.support_enumeration": "nashpy support enumeration",
    "nashpy.vertex_enumeration": "nashpy vertex enumeration",
    "lemke_howson": "Lemke-Howson",
    "gambit.enummixed": "gambit enummixed",
    "exact": "exact enumeration",
}
_COMPLETE = (
    "nashpy.support_enumeration",
    "nashpy.vertex_enumeration",
    "gambit.enummixed",
    "exact",
)

Candidate = tuple[np.ndarray, np.ndarray]


def _check_input(game: Game, method: str) -> None:
    if method not in ("auto", *BIMATRIX_METHODS):
        raise TriangleInputError(
            f"unknown 2-player method {method!r}; valid methods: "
            f"auto, {', '.join(BIMATRIX_METHODS)}"
        )
    if game.n_players != 2:
        raise TriangleInputError(
            f"bimatrix_solve needs a 2-player game, got {game.n_players} players "
            f"({', '.join(game.players)})"
        )


def _one_line(message: str) -> str:
    return re.sub(r"\s+", " ", str(message)).strip()


def _run(
    name: str, run: Callable[[], Iterable[Candidate]], notes: list[str], warned: list[str]
) -> list[Candidate] | None:
    """Run one algorithm: its failure goes to ``notes``, its warnings to ``warned``;
    ``None`` if it failed."""
    prose = _PROSE[name]
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="ignore"):
        warnings.simplefilter("always")
        try:
            found = [(np.asarray(x, float), np.asarray(y, float)) for x, y in run()]
        except Exception as exc:  # a third-party solver failing is reported, not fatal
            notes.append(f"{prose} failed ({type(exc).__name__}: {_one_line(exc)})")
            found = None
    messages = []
    for w in caught:
        text = _one_line(w.message)
        if text not in messages:
            messages.append(text)
    for text in messages:
        warned.append(f"{prose} warned: {text}")
    return found


def _lemke_howson(A: np.ndarray, B: np.ndarray, deadline, notes: list[str]) -> list[Candidate]:
    found, abandoned = lemke_howson(A, B, deadline=deadline)
    if abandoned:
        labels = ", ".join(str(label) for label in abandoned)
        notes.append(
            f"Lemke-Howson from label(s) {labels} stopped (after {MAX_PIVOTS} pivots or at "
            "the time budget)"
        )
    return found


# -- the solver ----------------------------------------------------------------------------


def bimatrix_solve(
    game: Game,
    *,
    method: str = "support_enumeration",
    tol: float = DEFAULT_TOL,
    cross_check: bool = True,
    timeout: float | None = None,
) -> SolveResult:
    """All Nash equilibria of a 2-player game, checked exactly (small games) or
    cross-checked (larger ones); see the module notes.

    Parameters
    ----------
    game : Game
        A game with exactly two players.
    method : {"auto", "exact", "support_enumeration", "vertex_enumeration", "lemke_howson"}
        The algorithm to run: the exact enumeration (small games only), nashpy's
        support or vertex enumeration (module references), which list every extreme equilibrium, or
        Lemke–Howson started from every label
        (:mod:`triangle.equilibria.lemke_howson`), which finds some equilibria only.
        ``"auto"``: the exact enumeration when the game is small enough, else support
        enumeration with Lemke–Howson beside it.
    tol : float
        Relative tolerance (times each player's payoff range) of the regret and
        support checks every equilibrium returned passes.
    cross_check : bool
        Also run the exact enumeration (small games), or nashpy's other enumeration
        and Gambit's ``enummixed`` when installed (larger ones); the result is the
        union of what they found, and disagreements are noted. Without it
        ``complete`` is ``False`` (unless the method is ``"exact"``).
    timeout : float, optional
        Seconds the whole call may take. Support enumeration stops between support
        sizes, Lemke–Howson between labels, and vertex enumeration and Gambit run in
        child processes killed at the deadline; the notes say what was searched.
        ``None``: no limit.

    Returns
    -------
    SolveResult
        ``equilibria`` verified, deduplicated and sorted, each with the methods that
        found it; ``complete`` is ``True`` only when the list is proven to be every
        equilibrium (module notes); ``notes`` report degeneracy, disagreements between
        methods, what a time budget cut short, failures of the third-party solvers
        and skipped steps.

    Raises
    ------
    TriangleInputError
        For an unknown ``method``, ``"exact"`` on a game too large for it, or a game
        without exactly two players.

    Examples
    --------
    Battle of the Sexes has two pure equilibria and one mixed:

    >>> bos = Game.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> result = bimatrix_solve(bos)
    >>> [[e.profile[0].round(3).tolist(), e.profile[1].round(3).tolist()]
    ...  for e in result.equilibria]
    [[[1.0, 0.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]], [[0.6, 0.4], [0.4, 0.6]]]
    >>> result.complete
    True
    >>> result.equilibria[-1].methods
    ('nashpy.support_enumeration', 'exact')
    """
    _check_input(game, method)
    timeout = check_timeout(timeout)
    deadline = None if timeout is None else time.monotonic() + timeout
    small = max(game.shape) <= EXACT_MAX_STRATEGIES
    if method == "auto":
        method = "exact" if small else "support_enumeration"
    if method == "exact" and not small:
        raise TriangleInputError(
            f"the exact enumeration takes games of up to {EXACT_MAX_STRATEGIES} strategies "
            f"a player; this one is {game.shape[0]}x{game.shape[1]}"
        )
    # every solver sees each player's payoffs mapped onto [0, 1]: the same equilibria
    # in any units, and no solver tolerance that depends on the payoffs' scale
    A, B = (np.array(game.normalized[i], dtype=float) for i in range(2))
    enumeration = []  # the exact enumeration, computed once when it runs
    notes: list[str] = []
    cut: list[str] = []  # the enumerations the time budget stopped

    def remaining() -> float:
        return 3600.0 if deadline is None else max(0.05, deadline - time.monotonic())

    algorithms = {
        "exact": lambda: _exact_candidates(game, enumeration),
        "support_enumeration": lambda: _support_enumeration(A, B, small, deadline, tol, notes, cut),
        "vertex_enumeration": lambda: _in_child(
            "nashpy vertex enumeration", nashpy.vertex_enumeration_list, (A, B), remaining()
        ),
        "lemke_howson": lambda: _lemke_howson(A, B, deadline, notes),
        "enummixed": lambda: _in_child("gambit enummixed", _enummixed_float, (A, B), remaining()),
    }
    chosen = [method]
    if cross_check and small and method != "exact":
        chosen.append("exact")
    elif cross_check and not small:
        if method == "support_enumeration":
            # Lemke-Howson first: it scales (one path per label) and gives equilibria
            # even when the exhaustive enumerations cannot finish within the budget
            chosen = ["lemke_howson", "support_enumeration", "vertex_enumeration"]
        elif method == "vertex_enumeration":
            chosen.append("support_enumeration")
        if max(game.shape) > ENUMMIXED_MAX_STRATEGIES:
            notes.append(
                f"gambit enummixed cross-check skipped: more than {ENUMMIXED_MAX_STRATEGIES} "
                "strategies for a player"
            )
        elif _gambit_installed(notes):
            chosen.append("enummixed")
    elif not cross_check and method != "exact":
        notes.append("not cross-checked: the equilibria listed are the ones found")

    found: list[Equilibrium] = []
    finished: list[str] = []
    warned: list[str] = []
    for key in chosen:
        name = _NAMES[key]
        if deadline is not None and time.monotonic() > deadline and key != "exact":
            notes.append(f"{_PROSE[name]} not run: the time budget was spent")
            continue
        candidates = _run(name, algorithms[key], notes, warned)
        if candidates is None:
            continue
        if key not in cut:
            finished.append(name)
        verified, rejected = verify_candidates(
            game, candidates, methods=(name,), tol=tol, refine=None if small else polish
        )
        if rejected:
            notes.append(
                f"{_PROSE[name]}: {rejected} candidate profile(s) failed the regret check "
                "(regret or support condition) and were dropped"
            )
        found.extend(verified)

    equilibria = merge_equilibria(found, prefer=_NAMES["exact"])
    if _NAMES["exact"] in finished:
        reference = [eq for eq in equilibria if _NAMES["exact"] in eq.methods]
        nondegenerate = enumeration[0].nondegenerate
        # the exact list has every extreme equilibrium (every equilibrium when the
        # game is nondegenerate); a float solver's profile off it is kept only on a
        # continuum of a degenerate game, where it is one of infinitely many
        strays = len(equilibria) - len(reference)
        if nondegenerate and strays:
            notes.append(
                f"{strays} profile(s) found by floating-point solvers are not exact "
                "equilibria of the game and were dropped"
            )
            equilibria = tuple(reference)
        if not nondegenerate:
            notes.extend(warned)
            notes.append(_DEGENERATE)
        complete = nondegenerate
    else:
        notes.extend(warned)
        notes.extend(_disagreements(equilibria, [n for n in finished if n in _COMPLETE]))
        regular = all(is_regular(game, eq.profile) for eq in equilibria)
        if not regular:
            notes.append(_DEGENERATE_FOUND)
        complete = regular and _NAMES["enummixed"] in finished and bool(equilibria)
    return SolveResult(
        game=game,
        equilibria=equilibria,
        complete=complete,
        methods=tuple(_NAMES[key] for key in chosen),
        tol=tol,
        notes=tuple(notes),
        exact=_NAMES["exact"] in finished,
    )


def _support_enumeration(
    A, B, small: bool, deadline, tol: float, notes: list[str], cut: list[str]
) -> list[Candidate]:
    """Support enumeration; when the budget stops it, ``"support_enumeration"`` goes to
    ``cut`` and a note says how far it got."""
    if small and deadline is None:
        return list(nashpy.support_enumeration(A, B))
    found, searched = nashpy.support_enumeration_by_size(A, B, deadline=deadline, tol=tol)
    largest = min(A.shape)
    if searched < largest:
        cut.append("support_enumeration")
        done = f"supports of size 1 to {searched} were searched, " if searched else ""
        notes.append(
            f"nashpy support enumeration stopped by the time budget: {done}supports of "
            f"size {searched + 1} to {largest} were not (or only in part); "
            f"{len(found)} candidate(s) found"
        )
    return found


def _in_child(what: str, function, args: tuple, timeout: float):
    """Run a search that cannot be interrupted in a child process, killed at the deadline."""
    status, value = run_side_by_side({what: (function, args)}, timeout)[what]
    if status == "ok":
        return value
    if status == "timeout":
        raise TimeoutError(f"stopped by the time budget after {timeout:.1f} s")
    raise RuntimeError(value)


def _enummixed_float(A: np.ndarray, B: np.ndarray) -> list[Candidate]:
    return gambit.enummixed(A, B, rational=False)


def _gambit_installed(notes: list[str]) -> bool:
    try:
        gambit.check_api()
    except MissingDependencyError as error:
        notes.append(f"gambit enummixed cross-check skipped: {error}")
        return False
    return True


_DEGENERATE = (
    "the game is degenerate (decided exactly): some mixed strategy has more pure best "
    "responses than its support size, so equilibria may form continua; the ones listed "
    "are all their extreme points"
)
_DEGENERATE_FOUND = (
    "the game is degenerate (or nearly so): some equilibrium has more pure best "
    "responses than its support size or lies on a continuum; equilibria may form "
    "continua and the ones listed are the extreme points found"
)


def _exact_candidates(game: Game, store: list) -> list[Candidate]:
    """The exact extreme equilibria of the game's own payoffs (rounding noise tied,
    :func:`~triangle.equilibria.exact.snap_ties`), rounded to floats (each probability
    correctly rounded); the enumeration is kept in ``store``."""
    store.append(exact_bimatrix_equilibria(*(snap_ties(M) for M in game.payoffs)))
    return [e.to_float() for e in store[0].equilibria]


def _disagreements(equilibria: tuple[Equilibrium, ...], complete_methods: list[str]) -> list[str]:
    """Notes naming what each complete enumeration missed that another one found."""
    notes = []
    for name in complete_methods:
        missed = [eq for eq in equilibria if name not in eq.methods]
        if not missed:
            continue
        finders = list(dict.fromkeys(m for e in missed for m in e.methods if m != name))
        count = len(missed)
        noun = "equilibrium" if count == 1 else "equilibria"
        by = " and ".join(_PROSE[m] for m in finders) or "another method"
        notes.append(f"{_PROSE[name]} missed {count} {noun} found by {by}")
    return notes
