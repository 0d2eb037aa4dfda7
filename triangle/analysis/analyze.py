"""Does a move pay off, why, and by how much: one scenario, one parameter point.

The model of a move (a scenario's ``move: {player, from, to, target?}``) is leader
commitment: the mover commits to a pure strategy and the followers play the game
that leaves them, solved with :func:`triangle.equilibria.leader_commitment` (nashpy,
cross-checked, for two followers). BEFORE is the commitment to ``from``, AFTER the
commitment to ``to``. Gains, selections and verdicts are those of
:mod:`triangle.analysis.point`; :func:`analyze_move` adds the grouped outcomes, the
wedge, the decomposition of the gain by payoff component and the numbers of the
explanation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from triangle.analysis.explain import TieFacts, tie_facts
from triangle.analysis.gain import Gain
from triangle.analysis.move import MoveSpec, require_move, resolve_move
from triangle.analysis.outcomes import Side, Wedge, side_outcomes, wedge_of
from triangle.analysis.point import PointResult, evaluate_point, move_branches
from triangle.analysis.thresholds import find_threshold
from triangle.equilibria.methods import DEFAULT_TIMEOUT
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.game import Game
from triangle.vocabulary import SELECTIONS, Selection, TargetState, Verdict

__all__ = ["MoveAnalysis", "analyze_move"]


@dataclass(frozen=True, eq=False)
class MoveAnalysis:
    """Whether a scenario's move pays off, why, and by how much (see :func:`analyze_move`).

    Attributes
    ----------
    scenario : Scenario
    parameters : dict
        Every parameter's value used.
    game : Game
        The compiled game.
    spec : MoveSpec
        The move as indices (mover, from, to, target, third actor).
    before, after : Side
    point : PointResult
        Gains and verdict codes under each selection rule.
    wedge : Wedge or None
        Only with a target and a third actor in a triangle with stances.
    decomposition : dict
        The mover's gain by payoff component: its components at the representative
        AFTER outcome minus those at the representative BEFORE outcome (they add up
        to the lower bound of the gain).
    tie : TieFacts or None
        What the target does with its tie to the third actor and what it is worth (the
        explanation's numbers; :func:`triangle.report.reason` words them).
    thresholds : tuple of Threshold
    notes : tuple of str
    tol : float
    """

    scenario: object
    parameters: dict[str, float]
    game: Game
    spec: MoveSpec
    before: Side
    after: Side
    point: PointResult
    wedge: Wedge | None
    decomposition: dict[str, float]
    tie: TieFacts | None = None
    thresholds: tuple = ()
    notes: tuple[str, ...] = field(default=())
    tol: float = DEFAULT_TOL

    def __repr__(self) -> str:
        title = getattr(self.scenario, "title", None) or getattr(self.scenario, "path", "")
        move = f"{self.mover}: {self.before.strategy} -> {self.after.strategy}"
        return (
            f"MoveAnalysis(scenario={title!r}, move={move!r}, verdict={self.verdict!r}, "
            f"gain={self.gain!r})"
        )

    @property
    def mover(self) -> str:
        return self.game.players[self.spec.mover]

    @property
    def target(self) -> str | None:
        return None if self.spec.target is None else self.game.players[self.spec.target]

    @property
    def third(self) -> str | None:
        return None if self.spec.third is None else self.game.players[self.spec.third]

    @property
    def selection(self) -> Selection:
        """The selection the verdict is under: always the default, plausible."""
        return Selection.PLAUSIBLE

    @property
    def verdict(self) -> Verdict:
        """The verdict under the default (plausible) selection."""
        return Verdict.from_code(self.point.codes[Selection.PLAUSIBLE])

    @property
    def verdicts(self) -> dict[str, Verdict]:
        """The verdict under each selection rule."""
        return {s: Verdict.from_code(self.point.codes[s]) for s in SELECTIONS}

    @property
    def gain(self) -> Gain:
        """The mover's gain under the plausible selection (``.min``, ``.max``)."""
        return Gain.of(*self.point.gains[Selection.PLAUSIBLE], scale=self.mover_range)

    @property
    def gains(self) -> dict[str, Gain]:
        """The mover's gain under each selection rule."""
        return {s: Gain.of(*self.point.gains[s], scale=self.mover_range) for s in SELECTIONS}

    @property
    def mover_range(self) -> float:
        """The mover's payoff range (largest minus smallest payoff): the scale its gain
        is measured against."""
        return float(self.game.ranges[self.spec.mover])

    @property
    def keep(self) -> TargetState:
        """Whether the target's best reply AFTER keeps its tie to the third actor (see
        :func:`~triangle.analysis.point.target_state`)."""
        return self.point.keep


def analyze_move(
    scenario,
    overrides: Mapping[str, float] | None = None,
    *,
    thresholds: Sequence[str] = (),
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> MoveAnalysis:
    """Whether the scenario's move pays off for the mover, why, and by how much.

    Parameters
    ----------
    scenario : Scenario
        A scenario with a ``move:`` block.
    overrides : mapping, optional
        Parameter values replacing the scenario's.
    thresholds : sequence of str
        Parameters for which to find where the verdict flips and, when the move has
        a target, where the target's choice about the third actor flips
        (:func:`~triangle.analysis.find_threshold`, kinds ``"verdict"`` then
        ``"target"``).
    tol : float
        Relative tolerance (regret, dominance, verdict; times the payoff spread).
    timeout : float or None
        Seconds the followers' games of the move may take together, and each full
        solve of a threshold search (:func:`~triangle.equilibria.leader_commitment`);
        a branch reached when they are spent is solved for pure equilibria only, and a
        note says so. ``None``: no limit.

    Returns
    -------
    MoveAnalysis

    Raises
    ------
    TriangleInputError
        When the scenario has no move, or for a bad override.

    Examples
    --------
    >>> from triangle.scenario import load_scenario
    >>> a = analyze_move(load_scenario("scenarios/reverse_kissinger_2025.yaml"))
    >>> a
    MoveAnalysis(scenario='Reverse Kissinger: courting Russia, 2025', \
move='US: cold -> warm:Russia', verdict='does not pay off', gain=Gain(-0.65))
    >>> a.gain.min
    -0.65
    """
    require_move(scenario)
    game = scenario.compile(overrides)
    parameters = scenario.parameter_values(overrides)
    spec = resolve_move(scenario, game)
    branches = move_branches(game, spec, tol=tol, timeout=timeout)
    point = evaluate_point(game, spec, tol=tol, branches=branches)
    before = side_outcomes(game, spec, 0, branches[0], point.values[0], tol)
    after = side_outcomes(game, spec, 1, branches[1], point.values[1], tol)
    mover = game.players[spec.mover]
    decomposition = {
        name: after.representative.components[mover][name]
        - before.representative.components[mover][name]
        for name in after.representative.components[mover]
    }
    notes = list(branches[0].notes) + list(branches[1].notes)
    if spec.target_rule == "default":
        notes.append(
            f"target {game.players[spec.target]}: the one player the move turns warm toward"
        )
    found = ()
    if thresholds:
        # where the verdict flips, and (with a target) where the target's choice flips
        kinds = ("verdict", "target") if spec.target is not None else ("verdict",)
        found = tuple(
            find_threshold(scenario, name, overrides, kind=kind, tol=tol, timeout=timeout)
            for name in thresholds
            for kind in kinds
        )
    return MoveAnalysis(
        scenario=scenario,
        parameters=parameters,
        game=game,
        spec=spec,
        before=before,
        after=after,
        point=point,
        wedge=wedge_of(game, spec, before, after),
        decomposition=decomposition,
        tie=tie_facts(game, spec, before, after, tol),
        thresholds=found,
        notes=tuple(notes),
        tol=tol,
    )
