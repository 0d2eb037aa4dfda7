"""The one registry of solver names: which methods exist and which games they apply to.

:func:`~triangle.equilibria.solve` accepts a ``method`` name from this registry; the
command line's ``--solver`` choices and their help come from it too, so the two can
never drift apart.

============================  =========  ==========================================
name                          players    what it runs
============================  =========  ==========================================
``auto``                      any        the default for the game's size (below)
``pure``                      any        pure equilibria only (vectorised, complete)
``exact``                     2          rational vertex enumeration (small games)
``support_enumeration``       2          nashpy support enumeration, cross-checked
``vertex_enumeration``        2          nashpy vertex enumeration, cross-checked
``lemke_howson``              2          Lemke–Howson from every label (some only)
``all``                       3+         every Gambit method below, side by side
``enumpoly`` … ``enumpure``   3+         one Gambit method
============================  =========  ==========================================

``auto`` solves a 2-player game exactly when each player has at most six strategies
(else nashpy support enumeration beside Lemke–Howson), and a game of three or more
players with the project's own searches: every pure equilibrium, the continua they
span, and (three players) every equilibrium with at most two strategies per player.
Gambit's methods are opt-in (they need the ``gambit`` extra).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BIMATRIX_METHODS",
    "DEFAULT_GAMBIT_METHODS",
    "DEFAULT_TIMEOUT",
    "check_timeout",
    "GAMBIT_METHODS",
    "METHODS",
    "Method",
    "follower_method",
    "solve_methods",
]


@dataclass(frozen=True)
class Method:
    """One name :func:`~triangle.equilibria.solve` accepts.

    Attributes
    ----------
    name : str
    players : str
        ``"any"``, ``"2"`` or ``"3+"``: the games it applies to.
    summary : str
        One line for help texts.
    """

    name: str
    players: str
    summary: str

    def applies_to(self, n_players: int) -> bool:
        if self.players == "2":
            return n_players == 2
        if self.players == "3+":
            return n_players >= 3
        return True


BIMATRIX_METHODS = ("exact", "support_enumeration", "vertex_enumeration", "lemke_howson")
"""The 2-player methods (:func:`~triangle.equilibria.bimatrix.bimatrix_solve`)."""

GAMBIT_METHODS = ("enumpoly", "gnm", "logit", "ipa", "simpdiv", "liap", "enumpure")
"""The pygambit methods for games of 3 or more players
(:func:`~triangle.equilibria.nplayer.nplayer_solve`)."""

DEFAULT_TIMEOUT = 5.0
"""Seconds a solve (or all the followers' games of a leader commitment) may take by
default: an interactive command answers within a few seconds, saying what the budget
cut short."""

DEFAULT_GAMBIT_METHODS = ("enumpoly", "gnm", "logit")
"""The pygambit methods :func:`~triangle.equilibria.nplayer.nplayer_solve` runs by
default."""

METHODS: tuple[Method, ...] = (
    Method("auto", "any", "the default for the game's number of players"),
    Method("pure", "any", "pure equilibria only (every pure profile checked)"),
    Method("exact", "2", "exact rational enumeration (up to 6 strategies a player)"),
    Method("support_enumeration", "2", "nashpy support enumeration, cross-checked"),
    Method("vertex_enumeration", "2", "nashpy vertex enumeration, cross-checked"),
    Method("lemke_howson", "2", "Lemke-Howson from every label (finds some equilibria)"),
    Method("all", "3+", "every Gambit method side by side"),
    Method("enumpoly", "3+", "Gambit enumpoly: support enumeration, polynomial systems"),
    Method("gnm", "3+", "Gambit gnm: global Newton method"),
    Method("logit", "3+", "Gambit logit: the principal branch of the logit QRE"),
    Method("ipa", "3+", "Gambit ipa: iterated polymatrix approximation"),
    Method("simpdiv", "3+", "Gambit simpdiv: simplicial subdivision"),
    Method("liap", "3+", "Gambit liap: Lyapunov function minimisation"),
    Method("enumpure", "3+", "Gambit enumpure: pure equilibria"),
)
"""Every method name, in the order help texts list them."""


def solve_methods(n_players: int) -> tuple[str, ...]:
    """Every ``method`` name :func:`~triangle.equilibria.solve` accepts for a game with
    ``n_players`` players.

    Examples
    --------
    >>> solve_methods(2)
    ('auto', 'pure', 'exact', 'support_enumeration', 'vertex_enumeration', 'lemke_howson')
    >>> solve_methods(3)[:4]
    ('auto', 'pure', 'all', 'enumpoly')
    """
    return tuple(m.name for m in METHODS if m.applies_to(n_players))


def follower_method(method: str) -> str:
    """The method for a 2-player game when ``method`` was asked for a game of any size
    (the followers' games of a move, a game reduced to two players): a 2-player method
    or ``pure`` stays, anything else becomes ``auto``.

    >>> follower_method("vertex_enumeration"), follower_method("gnm"), follower_method("pure")
    ('vertex_enumeration', 'auto', 'pure')
    """
    return method if method in (*BIMATRIX_METHODS, "pure") else "auto"


def check_timeout(timeout: float | None) -> float | None:
    """``timeout`` if it is ``None`` or a positive number of seconds (``inf`` is no
    limit, as ``None``).

    Raises
    ------
    TriangleInputError
        For zero, a negative number or ``nan``.

    >>> check_timeout(2), check_timeout(float("inf"))
    (2.0, None)
    """
    from triangle.errors import TriangleInputError

    if timeout is None:
        return None
    timeout = float(timeout)
    if not timeout > 0:  # also nan
        raise TriangleInputError(
            f"timeout must be a positive number of seconds or None, got {timeout}"
        )
    return None if timeout == float("inf") else timeout
