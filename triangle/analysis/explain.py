"""The numbers behind the explanation of a move: what the target does with its tie to
the third actor after the move, and what that choice is worth.

:func:`tie_facts` computes them at the representative AFTER outcome; the sentence
that states them is written by :func:`triangle.report.prose.reason`.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np

from triangle.analysis.move import MoveSpec
from triangle.analysis.outcomes import Side
from triangle.analysis.point import keep_value, third_warm, tie_probability
from triangle.equilibria.regret import expected_value
from triangle.equilibria.tolerance import player_tolerances
from triangle.game import Game

__all__ = ["TieFacts", "reply_values", "tie_facts"]


@dataclass(frozen=True)
class TieFacts:
    """What the move's target does with its tie to the third actor, and why.

    Attributes
    ----------
    target, third, mover : str
        The move's target, the third actor of the triangle and the mover.
    friendly_before, friendly_after : bool
        Whether the target–third tie is friendly at the representative BEFORE and
        AFTER outcomes.
    third_warm : bool
        Whether the third actor is warm toward the target after the move (if not, the
        target has no tie to keep).
    friendly_costs : tuple of (str, float)
        When the third actor is cold: what a friendly tie would cost each side that
        would lose by it (payoff units, positive), the other side being warm.
    keep_value : float or None
        The target's payoff from its best reply warm toward the third actor minus that
        from its best reply that is not (``None`` when undefined).
    keep_parts : dict
        ``keep_value`` by payoff component.
    offer : float or None
        What a tie with the mover is worth to the target (its best reply warm toward
        the mover minus its best reply that is not), when the mover is warm toward it
        after the move.
    atol : float
        The absolute tolerance below which a value of the target's counts as zero
        (``tol`` × the target's payoff range).
    """

    target: str
    third: str
    mover: str
    friendly_before: bool
    friendly_after: bool
    third_warm: bool
    friendly_costs: tuple[tuple[str, float], ...] = ()
    keep_value: float | None = None
    keep_parts: dict[str, float] = field(default_factory=dict)
    offer: float | None = None
    atol: float = 0.0

    @property
    def third_cold(self) -> bool:
        """The tie is hostile after the move because the third actor is cold to the target."""
        return not self.friendly_after and not self.third_warm


def reply_values(game: Game, profile, player: int) -> dict[str, np.ndarray]:
    """Each payoff component's value of each pure strategy of ``player`` against the
    others' strategies in ``profile`` (``{"payoff": ...}`` for a game without
    components)."""
    parts = game.components or (("payoff", game.payoffs),)
    out = {}
    for name, array in parts:
        values = np.empty(game.shape[player])
        for k in range(game.shape[player]):
            prof = list(profile)
            prof[player] = np.eye(game.shape[player])[k]
            values[k] = expected_value(array[player], prof)
        out[name] = values
    return out


def _warmed(game: Game, profile, who: int, toward: int):
    """``profile`` with ``who`` switched to its best pure strategy warm toward ``toward``
    (``None`` if it has none)."""
    name = game.players[toward]
    warm = [k for k, w in enumerate(game.stances[who]) if name in w]
    if not warm:
        return None
    total = sum(reply_values(game, profile, who).values())
    best = max(warm, key=lambda k: (total[k], -k))
    out = list(profile)
    out[who] = np.eye(game.shape[who])[best]
    return tuple(out)


def tie_facts(game: Game, spec: MoveSpec, before: Side, after: Side, tol: float) -> TieFacts | None:
    """The facts of :class:`TieFacts` at the representative AFTER outcome.

    Values below ``tol`` times the payoff range of the player they belong to count as
    zero. ``None`` when the move has no target and third actor in a triangle with
    stances, or when the representative AFTER outcome is mixed.
    """
    atols = player_tolerances(game, tol)
    if spec.target is None or spec.third is None or game.stances is None:
        return None
    if after.representative.kind != "pure":
        return None
    t, p, m = (game.players[j] for j in (spec.target, spec.third, spec.mover))
    profile = after.profile
    friendly_after = tie_probability(game, profile, spec.target, spec.third) > 0.5
    friendly_before = (
        before.representative.kind == "pure"
        and tie_probability(game, before.profile, spec.target, spec.third) > 0.5
    )
    warm = third_warm(game, spec, profile)
    facts = TieFacts(t, p, m, friendly_before, friendly_after, warm, atol=float(atols[spec.target]))
    if not friendly_after and not warm:
        costs = []
        for who, other in ((spec.target, spec.third), (spec.third, spec.target)):
            warmed = _warmed(game, profile, other, who)
            if warmed is None:
                continue
            side = dataclasses.replace(spec, target=who, third=other)
            value, _, _ = keep_value(game, side, warmed)
            if math.isfinite(value) and value < -atols[who]:
                costs.append((game.players[who], -value))
        return dataclasses.replace(facts, friendly_costs=tuple(costs))
    value, keep, drop = keep_value(game, spec, profile)
    parts = reply_values(game, profile, spec.target)
    if keep is not None and math.isfinite(value):
        facts = dataclasses.replace(
            facts,
            keep_value=float(value),
            keep_parts={name: float(v[keep] - v[drop]) for name, v in parts.items()},
        )
    warm_m = [k for k, w in enumerate(game.stances[spec.target]) if m in w]
    cold_m = [k for k, w in enumerate(game.stances[spec.target]) if m not in w]
    if warm_m and cold_m and t in game.stances[spec.mover][spec.after]:
        total = sum(parts.values())
        offer = float(max(total[k] for k in warm_m) - max(total[k] for k in cold_m))
        facts = dataclasses.replace(facts, offer=offer)
    return facts
