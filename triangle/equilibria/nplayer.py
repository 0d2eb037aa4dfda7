"""Mixed equilibria of games with three or more players, with pygambit.

:func:`nplayer_solve` runs some of Gambit's methods [1]_ on the game, each in its own
process with a wall-clock time limit, re-verifies every profile they return with
:func:`~triangle.equilibria.result.make_equilibrium` at this package's tolerance
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
for regularity (:func:`~triangle.equilibria.regularity.is_regular`: every player's
pure best responses are exactly its support and the Jacobian of the support
indifference system is nonsingular). A game all of whose equilibria are regular has
an odd number of them (Wilson's oddness theorem [2]_), so when every equilibrium
found is regular an *even* count proves that some equilibrium was missed, and an
*odd* count is consistent with a complete list — a necessary condition, not a proof.

References
----------
.. [1] R. D. McKelvey, A. M. McLennan, T. L. Turocy, "Gambit: Software Tools for
   Game Theory", https://www.gambit-project.org.
.. [2] R. Wilson, "Computing equilibria of N-person games", SIAM Journal on
   Applied Mathematics 21, 1971; J. C. Harsanyi, "Oddness of the number of
   equilibrium points", International Journal of Game Theory 2, 1973.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from triangle.equilibria.backends import gambit
from triangle.equilibria.boxes import box_centre, describe_box, pure_boxes
from triangle.equilibria.methods import DEFAULT_GAMBIT_METHODS, GAMBIT_METHODS
from triangle.equilibria.pure import pure_nash_mask
from triangle.equilibria.regularity import is_regular, polish
from triangle.equilibria.result import (
    Equilibrium,
    SolveResult,
    merge_equilibria,
    verify_candidates,
)
from triangle.equilibria.small_supports import small_support_equilibria
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.errors import TriangleInputError
from triangle.game import Game

__all__ = ["continua", "count_notes", "nplayer_solve", "own_search"]


# -- the solver ----------------------------------------------------------------------------


def nplayer_solve(
    game: Game,
    *,
    methods: tuple[str, ...] = DEFAULT_GAMBIT_METHODS,
    timeout: float = 10.0,
    tol: float = DEFAULT_TOL,
    describe: bool = True,
) -> SolveResult:
    """Equilibria of an N-player game found by Gambit's methods, each time-limited.

    Parameters
    ----------
    game : Game
        Any number of players (meant for three or more; 2-player games are better
        served by :func:`~triangle.equilibria.bimatrix.bimatrix_solve`).
    methods : tuple of str
        Names from :data:`~triangle.equilibria.methods.GAMBIT_METHODS`, run side by
        side, each in its own process; results are merged in this order.
    timeout : float
        Seconds of wall-clock time the methods may run (they share one deadline); a
        method still running then is killed and a note says so.
    tol : float
        Relative tolerance of the regret and support checks (times each player's
        payoff range).
    describe : bool
        Add a note on what the list says about the game (:func:`count_notes`); a
        caller that adds equilibria to the list describes the whole list instead.

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

    notes: list[str] = []
    found: list[Equilibrium] = []
    cuts = np.cumsum(game.shape)[:-1]
    # Gambit sees each player's payoffs mapped onto [0, 1]: the same equilibria, and
    # its own relative tolerances then mean the same thing for every player
    results = gambit.run_methods(methods, np.array(game.normalized), timeout)
    for method in methods:
        flats, method_notes = results[method]
        notes.extend(method_notes)
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
                f"gambit {method}: {rejected} profile(s) failed the regret check (regret "
                f"or support condition at tolerance {tol:g}) and were dropped"
            )
    equilibria = merge_equilibria(found)
    if describe:
        notes.extend(count_notes(game, equilibria, by_gambit=True))
    return SolveResult(
        game=game,
        equilibria=equilibria,
        complete=False,
        methods=tuple(f"gambit.{m}" for m in methods),
        tol=tol,
        notes=tuple(notes),
    )


def continua(game: Game, tol: float = DEFAULT_TOL) -> tuple[list[Equilibrium], list[str]]:
    """The continua of equilibria spanned by pure ones, read off the game itself.

    Returns the centre of each box of pure equilibria (:mod:`triangle.equilibria.boxes`),
    verified, and a note naming each continuum in the game's terms
    (:func:`~triangle.equilibria.boxes.describe_box`).
    """
    boxes = pure_boxes(pure_nash_mask(game.normalized, tol))
    verified, _ = verify_candidates(
        game, (box_centre(game.shape, box) for box in boxes), methods=("boxes",), tol=tol
    )
    notes = [
        f"a continuum of equilibria (listed by its centre): {describe_box(game, box)}"
        for box in boxes
    ]
    return list(verified), notes


def own_search(
    game: Game, *, tol: float = DEFAULT_TOL, timeout: float | None = None
) -> SolveResult:
    """Mixed equilibria of an N-player game from the project's own searches, no Gambit.

    * the centres of the boxes of pure equilibria (:mod:`triangle.equilibria.boxes`):
      one mixed equilibrium on each continuum the pure ones span;
    * for three players, every equilibrium with at most two strategies per player
      (:mod:`triangle.equilibria.small_supports`), in closed form, until ``timeout``.

    Every candidate is verified (regret and support condition) and Newton-polished.
    ``complete`` is ``True`` when the support search covered every support of the game
    (a 2×2×2 game) and met no continuum. Pure equilibria are not included: the caller
    has them (:func:`~triangle.equilibria.pure.pure_equilibria`).

    Examples
    --------
    McKelvey and McLennan's 2×2×2 game has nine equilibria, five of them mixed:

    >>> from triangle.equilibria.pure import pure_equilibria
    >>> payoffs = np.array([[[[9, 0], [0, 3]], [[0, 3], [9, 0]]],
    ...                     [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
    ...                     [[[12, 0], [0, 6]], [[0, 6], [2, 0]]]], dtype=float)
    >>> game = Game.from_arrays(*payoffs)
    >>> result = own_search(game)
    >>> len(result.equilibria), len(pure_equilibria(game)), result.complete
    (5, 4, True)
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    found, notes = continua(game, tol)
    complete = False
    if game.n_players == 3:
        search = small_support_equilibria(game.normalized, deadline=deadline)
        verified, _ = verify_candidates(
            game, search.candidates, methods=("small_supports",), tol=tol, refine=polish
        )
        found.extend(verified)
        complete = search.complete
        if search.searched < search.total:
            notes.append(
                f"the search of supports of at most two strategies a player stopped at the "
                f"time budget: {search.searched} of {search.total} support profiles searched"
            )
        if not complete:
            notes.append(
                "mixed equilibria searched: those with at most two strategies a player, and "
                "the continua spanned by pure ones; --solver all runs Gambit's methods for more"
            )
    else:
        notes.append(
            "mixed equilibria searched: the continua spanned by pure ones; --solver all runs "
            "Gambit's methods for more"
        )
    return SolveResult(
        game=game,
        equilibria=merge_equilibria(found),
        complete=complete,
        methods=("boxes", "small_supports") if game.n_players == 3 else ("boxes",),
        tol=tol,
        notes=tuple(notes),
    )


def count_notes(
    game: Game, equilibria: Sequence[Equilibrium], *, by_gambit: bool = False
) -> list[str]:
    """What a list of equilibria found (not proven complete) says about the game: its
    count, and whether it can be complete (Wilson's oddness theorem).

    Examples
    --------
    >>> zero = Game.from_arrays(*np.zeros((3, 2, 2, 2)))
    >>> count_notes(zero, [])[0][:40]
    "every player's payoffs are all equal: ev"
    """
    count = len(equilibria)
    noun = "equilibrium" if count == 1 else "equilibria"
    mixed = sum(eq.kind == "mixed" for eq in equilibria)
    if by_gambit:
        listed = f"gambit found {count} {noun}"
    else:
        listed = f"{count} {noun} found ({count - mixed} pure, {mixed} mixed)"
    if not np.any(game.ranges > 0):
        return [
            "every player's payoffs are all equal: every profile is an equilibrium; the "
            "pure profiles listed are the extreme points"
        ]
    if any("boxes" in eq.methods for eq in equilibria):
        return [
            f"{listed}; the game is degenerate: its equilibria form continua (named above), "
            "so their number says nothing about completeness"
        ]
    if not all(is_regular(game, eq.profile) for eq in equilibria):
        return [
            f"{listed}; some are not regular (ties in best responses), so the game is "
            "degenerate and there may be continua of equilibria"
        ]
    if count % 2 == 0:
        return [
            f"{listed}, all regular: an even number, so at least one equilibrium was "
            "missed or the game has an irregular one"
        ]
    return [
        f"{listed}, all regular: an odd number, consistent with a complete list for a "
        "generic game (not a proof)"
    ]
