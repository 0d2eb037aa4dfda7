"""The one registry of solver names: which methods exist and which games they apply to.

:func:`~triangle.equilibria.solve` accepts a ``method`` name from this registry; the
command line's ``--solver`` choices and their help come from it too, so the two can
never drift apart.

==========================  =========  ==========================================
name                        players    what it runs
==========================  =========  ==========================================
``auto``                    any        the default for the game's size (below)
``pure``                    any        pure equilibria only (vectorised, complete)
``support_enumeration``     2          nashpy support enumeration, cross-checked
``vertex_enumeration``      2          nashpy vertex enumeration, cross-checked
``lemke_howson``            2          Lemke–Howson from every label (some only)
``all``                     3+         every Gambit method below, side by side
``enumpoly`` … ``enumpure`` 3+         one Gambit method
==========================  =========  ==========================================
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BIMATRIX_METHODS",
    "DEFAULT_GAMBIT_METHODS",
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


BIMATRIX_METHODS = ("support_enumeration", "vertex_enumeration", "lemke_howson")
"""The 2-player methods (:func:`~triangle.equilibria.bimatrix.bimatrix_solve`)."""

GAMBIT_METHODS = ("enumpoly", "gnm", "logit", "ipa", "simpdiv", "liap", "enumpure")
"""The pygambit methods for games of 3 or more players
(:func:`~triangle.equilibria.nplayer.nplayer_solve`)."""

DEFAULT_GAMBIT_METHODS = ("enumpoly", "gnm", "logit")
"""The pygambit methods ``auto`` runs for games of 3 or more players."""

METHODS: tuple[Method, ...] = (
    Method("auto", "any", "the default for the game's number of players"),
    Method("pure", "any", "pure equilibria only (every pure profile checked)"),
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
    ('auto', 'pure', 'support_enumeration', 'vertex_enumeration', 'lemke_howson')
    >>> solve_methods(3)[:4]
    ('auto', 'pure', 'all', 'enumpoly')
    """
    return tuple(m.name for m in METHODS if m.applies_to(n_players))


def follower_method(method: str) -> str:
    """The method for the followers' 2-player games when ``method`` was asked for the
    whole game: a 2-player method stays, anything else becomes nashpy support
    enumeration (cross-checked).

    >>> follower_method("vertex_enumeration"), follower_method("gnm")
    ('vertex_enumeration', 'support_enumeration')
    """
    return method if method in BIMATRIX_METHODS else "support_enumeration"
