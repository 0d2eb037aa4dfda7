"""The one entry point for equilibria: :func:`solve`.

Pure equilibria of any game (vectorised, complete), plus mixed equilibria from nashpy
for 2-player games (:func:`~triangle.equilibria.bimatrix.bimatrix_solve`) and from
pygambit for games of 3 or more players
(:func:`~triangle.equilibria.nplayer.nplayer_solve`), each verified by a regret
check, deduplicated and flagged when a player uses a weakly dominated strategy. The
method names come from :mod:`triangle.equilibria.methods`.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from triangle.equilibria.bimatrix import bimatrix_solve
from triangle.equilibria.dominance import weakly_dominated
from triangle.equilibria.methods import (
    DEFAULT_TIMEOUT,
    GAMBIT_METHODS,
    METHODS,
    check_timeout,
    follower_method,
    solve_methods,
)
from triangle.equilibria.nplayer import continua, count_notes, nplayer_solve, own_search
from triangle.equilibria.pure import pure_equilibria
from triangle.equilibria.result import (
    Equilibrium,
    SolveResult,
    make_equilibrium,
    merge_equilibria,
    plays_any,
)
from triangle.equilibria.tolerance import DEFAULT_TOL, hidden_differences
from triangle.errors import TriangleInputError
from triangle.game import Game, embed

__all__ = ["solve"]


def _drop_single_strategy_players(game: Game) -> tuple[Game, tuple[int, ...]]:
    """Fix players who have one strategy, while more than two players remain.

    Returns the reduced game and the original indices of the players it keeps. The
    Nash equilibria of the game are exactly those of the reduced game with the fixed
    players added: a player with one strategy never has a deviation.
    """
    kept = list(range(game.n_players))
    reduced = game
    while reduced.n_players > 2:
        trivial = [j for j, m in enumerate(reduced.shape) if m == 1]
        if not trivial:
            break
        reduced = reduced.subgame(trivial[0], 0)
        del kept[trivial[0]]
    return reduced, tuple(kept)


def _lift(
    game: Game, kept: tuple[int, ...], found: SolveResult, tol: float
) -> tuple[list[Equilibrium], list[str]]:
    """Lift equilibria of the reduced game back to ``game`` (re-verified there)."""
    if len(kept) == game.n_players:
        return list(found.equilibria), []
    fixed = {j: 0 for j in range(game.n_players) if j not in kept}
    out, notes = [], []
    for eq in found.equilibria:
        profile = embed(eq.profile, game.shape, fixed=fixed)
        lifted = make_equilibrium(game, profile, methods=eq.methods, tol=tol)
        if lifted is None:
            notes.append("an equilibrium of the reduced game failed the regret check: dropped")
        else:
            out.append(lifted)
    return out, notes


def _one_sided(game: Game, tol: float) -> SolveResult:
    """Equilibria of a 2-player game in which a player has a single strategy."""
    found = pure_equilibria(game, tol=tol)
    notes = []
    if len(found) > 1:
        chooser = game.players[int(np.argmax(game.shape))]
        notes.append(
            f"{chooser} is indifferent between {len(found)} best responses: every mixture of "
            "them is an equilibrium; the pure ones listed are the extreme points"
        )
    return SolveResult(
        game=game,
        equilibria=found,
        complete=len(found) == 1,
        methods=("pure",),
        tol=tol,
        notes=tuple(notes),
    )


def solve(
    game: Game,
    *,
    method: str = "auto",
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> SolveResult:
    """Nash equilibria of a game: pure ones always, mixed ones by the method asked for.

    Parameters
    ----------
    game : Game
    method : str
        ``"auto"`` (default): for 2 players, the exact enumeration when each has at
        most six strategies, else nashpy support enumeration beside Lemke–Howson
        (:func:`~triangle.equilibria.bimatrix.bimatrix_solve`); for 3 or more, the
        project's own searches (:func:`~triangle.equilibria.nplayer.own_search`).
        ``"pure"``: pure equilibria only. A 2-player method name
        (:data:`~triangle.equilibria.methods.BIMATRIX_METHODS`) for 2-player games; a
        pygambit method name, or ``"all"`` for every one, for 3 or more players (the
        ``gambit`` extra). See :func:`~triangle.equilibria.methods.solve_methods`.
    tol : float
        Relative tolerance (times each player's payoff range) of every check.
    timeout : float or None
        Seconds the mixed search may take; when they are spent, it stops and the notes
        say what was searched. ``None``: no limit.

    Returns
    -------
    SolveResult
        Every equilibrium verified (max regret within tolerance), deduplicated, pure
        first, each flagged ``weakly_dominated`` when some player gives positive
        probability to a strategy in :func:`weakly_dominated` (one round, pure
        dominators). ``complete`` is ``True`` only when the solver proved the list
        is every equilibrium (the pure list alone is complete for pure profiles only).

    Notes
    -----
    Players with a single strategy are fixed before the mixed search while more than
    two players remain; a 3-player game in which one player has no choice is solved
    as the 2-player game of the others (with nashpy, hence possibly complete).

    Raises
    ------
    TriangleInputError
        For an unknown ``method`` (the message lists the valid names), or a
        ``timeout`` that is not a positive number of seconds.

    Examples
    --------
    >>> bos = Game.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> solve(bos, method="pure").complete
    False
    >>> [e.pure_profile for e in solve(bos, method="pure").equilibria]
    [(0, 0), (1, 1)]
    """
    if method not in (valid := solve_methods(game.n_players)):
        known = any(m.name == method for m in METHODS)
        extra = ""
        if known and game.n_players == 2:
            extra = " (pygambit methods apply to games of 3 or more players)"
        elif known:
            extra = " (nashpy methods apply to 2-player games)"
        what = f"method {method!r} does not apply to" if known else f"unknown method {method!r} for"
        raise TriangleInputError(
            f"{what} a {game.n_players}-player game{extra}; valid methods: {', '.join(valid)}"
        )

    timeout = check_timeout(timeout)
    found = list(pure_equilibria(game, tol=tol))
    methods: tuple[str, ...] = ("pure",)
    notes: list[str] = hidden_differences(game, tol)
    n_profiles = int(np.prod(game.shape))

    if method == "pure":
        complete = n_profiles == 1
        if not complete:
            notes.append(
                "pure equilibria only (every pure profile checked); mixed equilibria were "
                "not searched"
            )
    else:
        reduced, kept = _drop_single_strategy_players(game)
        if len(kept) < game.n_players:
            fixed = [game.players[j] for j in range(game.n_players) if j not in kept]
            notes.append(
                f"{', '.join(fixed)} {'has' if len(fixed) == 1 else 'have'} a single strategy; "
                f"mixed equilibria were searched in the game of {', '.join(reduced.players)}"
            )
        if reduced.n_players == 2 and min(reduced.shape) == 1:
            # one player has no choice: the other best-responds, and every mixture of its
            # pure best responses is an equilibrium; the pure ones are the extreme points
            sub = _one_sided(reduced, tol)
        elif reduced.n_players == 2:
            bimethod = follower_method(method)
            if method not in ("auto", bimethod):
                notes.append(f"the 2-player game was solved with method {bimethod!r}")
            sub = bimatrix_solve(reduced, method=bimethod, tol=tol, timeout=timeout)
        elif method == "auto":
            sub = own_search(reduced, tol=tol, timeout=timeout)
        else:
            chosen = GAMBIT_METHODS if method == "all" else (method,)
            budget = 3600.0 if timeout is None else timeout
            sub = nplayer_solve(reduced, methods=chosen, timeout=budget, tol=tol, describe=False)
            spanned, spanned_notes = continua(reduced, tol)
            sub = dataclasses.replace(
                sub,
                equilibria=merge_equilibria([*sub.equilibria, *spanned]),
                methods=(*sub.methods, "boxes"),
                notes=(*spanned_notes, *sub.notes),
            )
            notes.append(
                "mixed equilibria of games with 3 or more players are the ones pygambit "
                "found, not proven to be all of them"
            )
        lifted, lift_notes = _lift(game, kept, sub, tol)
        if sub.exact:  # the exact list has the pure equilibria too, without near-ties
            found = []
        found.extend(lifted)
        notes.extend(sub.notes)
        notes.extend(lift_notes)
        methods += tuple(m for m in sub.methods if m != "pure")
        complete = bool(sub.complete) and not lift_notes

    merged = merge_equilibria(found)
    if method != "pure" and reduced.n_players > 2 and not complete:  # the whole list
        notes.extend(count_notes(game, merged))
    dominated = weakly_dominated(game, tol=tol)
    flagged = tuple(
        dataclasses.replace(
            eq,
            weakly_dominated=plays_any(eq.profile, dominated),
        )
        for eq in merged
    )
    return SolveResult(
        game=game,
        equilibria=flagged,
        complete=complete,
        methods=methods,
        tol=tol,
        notes=tuple(notes),
        exact=method != "pure" and bool(sub.exact),
    )
