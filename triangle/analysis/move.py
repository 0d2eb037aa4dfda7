"""Does a move pay off, why, and by how much: one scenario, one parameter point.

The model of a move (a scenario's ``move: {player, from, to, target?}``) is leader
commitment: the mover commits to a pure strategy and the followers play the game
that leaves them, solved with :func:`triangle.equilibria.leader_commitment` (nashpy,
cross-checked, for two followers). BEFORE is the commitment to ``from``, AFTER the
commitment to ``to``. Selection rules, gains and verdicts are defined in
:mod:`triangle.sweep` (the batched path computes the same numbers for many points):

* ``"plausible"`` (default): the follower equilibria in which no follower plays a
  weakly dominated strategy of the followers' game (all of them if there is none);
* ``"optimistic"`` / ``"pessimistic"``: the best / worst equilibrium for the mover.

With ``B`` and ``A`` the mover's payoffs over the selected BEFORE and AFTER outcomes,
the gain is ``[min A - max B, max A - min B]``; the move "pays off" when the lower
bound is positive, "does not pay off" when the upper bound is not, and otherwise
"depends on equilibrium selection" (with an absolute tolerance ``tol`` × payoff
spread).

The *representative* outcomes, used for the decomposition, the reported triangle and
the explanation, are the mover's worst selected AFTER outcome and its best selected
BEFORE outcome (ties broken by the solvers' deterministic order): the pair whose
difference is the lower bound of the gain, so the decomposition explains the gain
the mover can count on.

Outcomes that give every player the same payoffs and the same ties are grouped (a
stance toward a cold actor changes nothing), keeping the list of their profiles.
Degenerate followers' games have continua of equilibria; the solvers report their
extreme points, and since the mover's payoff is linear in each follower's mixture,
its lowest and highest payoffs over a component are attained at extreme points.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from triangle.equilibria.leader import CommitmentBranch
from triangle.equilibria.profile import PURE_ATOL
from triangle.equilibria.regret import DEFAULT_TOL, expected_value
from triangle.errors import TriangleInputError
from triangle.game import Game
from triangle.roles import Triad
from triangle.sweep import (
    SELECTIONS,
    MoveSpec,
    PointResult,
    embed_profile,
    evaluate_point,
    keep_value,
    move_branches,
    partner_warm,
    representative,
    resolve_move,
    tie_probability,
    triad_of,
    verdict_name,
)

__all__ = [
    "SELECTION_RULES",
    "DECOMPOSITION_RULE",
    "MoveAnalysis",
    "Outcome",
    "Side",
    "Wedge",
    "analyze_move",
    "compare",
]

SELECTION_RULES = {
    "plausible": (
        "follower equilibria in which no follower plays a strategy weakly dominated in the "
        "followers' game (one round); all equilibria if none is"
    ),
    "optimistic": "the follower equilibrium best for the mover, over all equilibria found",
    "pessimistic": "the follower equilibrium worst for the mover, over all equilibria found",
}
"""The selection rules among the followers' equilibria, in words (as in ``to_dict()``)."""

GAIN_RULE = (
    "gain = mover's payoff AFTER - BEFORE; over the selected outcomes B (before) and A "
    "(after): min = min A - max B, max = max A - min B"
)
DECOMPOSITION_RULE = (
    "mover's payoff components at its worst selected AFTER outcome minus those at its best "
    "selected BEFORE outcome (they add up to gain.min)"
)

FRIENDLY, HOSTILE, VARIES = "friendly", "hostile", "varies"


# -- small helpers -----------------------------------------------------------------------
def _num(x: float) -> float:
    """A float for reports: rounded to 12 decimals, without negative zero."""
    return float(round(float(x), 12)) + 0.0


def _fmt(x: float, signed: bool = False) -> str:
    """A number for sentences: 2 decimals, trailing zero dropped ("4.0", "0.65")."""
    text = f"{abs(x):.2f}"
    if text.endswith("0"):
        text = text[:-1]
    if text in ("0.0", "0.00"):
        return "0.0"
    sign = "−" if x < 0 else ("+" if signed else "")
    return sign + text


def _components_at(game: Game, profile) -> dict[str, dict[str, float]]:
    """Each player's payoff components at a profile (``{"payoff": ...}`` without any)."""
    parts = game.components or (("payoff", game.payoffs),)
    return {
        p: {name: expected_value(array[i], profile) for name, array in parts}
        for i, p in enumerate(game.players)
    }


def _named_profile(game: Game, profile) -> dict:
    """``{player: strategy}`` for a pure profile, ``{player: {strategy: p}}`` otherwise."""
    out = {}
    for i, (p, sigma) in enumerate(zip(game.players, profile, strict=True)):
        support = [k for k in range(len(sigma)) if sigma[k] > PURE_ATOL]
        if len(support) == 1:
            out[p] = game.strategies[i][support[0]]
        else:
            out[p] = {game.strategies[i][k]: _num(sigma[k]) for k in support}
    return out


def _triad_dict(triad: Triad | None) -> dict:
    if triad is None:
        return {"configuration": None, "roles": None, "scores": None, "ties": None}
    return triad.to_dict()


# -- outcomes and sides --------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Outcome:
    """One outcome of the followers' game (a group of payoff-equivalent equilibria).

    Attributes
    ----------
    profiles : tuple of tuple of ndarray
        The full profiles of the grouped equilibria (mover playing its commitment).
    indices : tuple of int
        Their indices in the branch's ``followers.equilibria``.
    kind : str
        ``"pure"`` or ``"mixed"``.
    payoffs : dict
        Every player's payoff.
    plausible : bool
        Some grouped equilibrium uses no weakly dominated strategy of the followers' game.
    selected : bool
        It is among the outcomes of the plausible selection.
    triad : Triad or None
        The strategic triangle (pure outcomes of 3-player games with stances).
    components : dict
        ``{player: {component: value}}``.
    """

    profiles: tuple[tuple[np.ndarray, ...], ...]
    indices: tuple[int, ...]
    kind: str
    payoffs: dict[str, float]
    plausible: bool
    selected: bool
    triad: Triad | None
    components: dict[str, dict[str, float]]

    def to_dict(self, game: Game) -> dict:
        out = {
            "profiles": [_named_profile(game, p) for p in self.profiles],
            "kind": self.kind,
            "payoffs": {p: _num(v) for p, v in self.payoffs.items()},
            "plausible": self.plausible,
            "selected": self.selected,
        }
        out.update(_triad_dict(self.triad))
        out["components"] = {
            p: {c: _num(v) for c, v in parts.items()} for p, parts in self.components.items()
        }
        return out


@dataclass(frozen=True, eq=False)
class Side:
    """The followers' outcomes after one commitment of the mover (BEFORE or AFTER).

    Attributes
    ----------
    strategy : str
        The mover's commitment.
    branch : CommitmentBranch
        The solver's result (profiles of the mover's two-strategy game).
    outcomes : tuple of Outcome
        Grouped, in the solvers' deterministic order.
    representative : Outcome
        The outcome of the pair that gives the lower bound of the gain: the mover's
        worst selected outcome AFTER, its best selected outcome BEFORE.
    profile : tuple of ndarray
        The representative equilibrium itself (a selected member of ``representative``).
    triads : tuple of Triad
        The distinct triangles among the selected pure outcomes.
    """

    strategy: str
    branch: CommitmentBranch
    outcomes: tuple[Outcome, ...]
    representative: Outcome
    profile: tuple[np.ndarray, ...]
    triads: tuple[Triad, ...]

    def to_dict(self, game: Game) -> dict:
        rep = self.representative
        out = {"strategy": self.strategy}
        out.update(_triad_dict(rep.triad))
        out["payoffs"] = {p: _num(v) for p, v in rep.payoffs.items()}
        out["triads"] = [_triad_dict(t) for t in self.triads]
        out["outcomes"] = [o.to_dict(game) for o in self.outcomes]
        out["complete"] = bool(self.branch.followers.complete)
        out["notes"] = list(self.branch.notes) + list(self.branch.followers.notes)
        return out


def _side(game: Game, spec: MoveSpec, index: int, branch: CommitmentBranch, atol: float) -> Side:
    equilibria = branch.followers.equilibria
    selected = set(branch.plausible)
    profiles = [embed_profile(game, spec, index, p) for p in branch.profiles]
    groups: list[list[int]] = []
    keys: list[tuple | None] = []
    for j, eq in enumerate(equilibria):
        triad = triad_of(game, profiles[j])
        key = None
        if triad is not None:
            key = (triad.signs, np.asarray(eq.payoffs))
        for g, other in zip(groups, keys, strict=True):
            if (
                key is not None
                and other is not None
                and other[0] == key[0]
                and np.allclose(other[1], key[1], rtol=0, atol=atol)
            ):
                g.append(j)
                break
        else:
            groups.append([j])
            keys.append(key)
    full_payoffs = [
        {p: expected_value(game.payoffs[i], profiles[j]) for i, p in enumerate(game.players)}
        for j in range(len(equilibria))
    ]
    outcomes = []
    by_index = {}
    for members in groups:
        first = members[0]
        outcome = Outcome(
            profiles=tuple(profiles[j] for j in members),
            indices=tuple(members),
            kind=equilibria[first].kind,
            payoffs=full_payoffs[first],
            plausible=any(not equilibria[j].weakly_dominated for j in members),
            selected=any(j in selected for j in members),
            triad=triad_of(game, profiles[first]),
            components=_components_at(game, profiles[first]),
        )
        outcomes.append(outcome)
        for j in members:
            by_index[j] = outcome
    worst = index == 1
    rep = representative(branch.leader_payoffs, branch.plausible, worst=worst, atol=atol)
    triads: list[Triad] = []
    for o in outcomes:
        if o.selected and o.triad is not None and o.triad not in triads:
            triads.append(o.triad)
    return Side(
        strategy=branch.strategy,
        branch=branch,
        outcomes=tuple(outcomes),
        representative=by_index[rep],
        profile=profiles[rep],
        triads=tuple(triads),
    )


# -- the wedge -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Wedge:
    """Whether the move splits its target from the target's partner.

    Attributes
    ----------
    target, partner : str
    before, after : str
        The target–partner tie over the selected outcomes: ``"friendly"`` in all,
        ``"hostile"`` in all, or ``"varies"``.
    status : str
        ``"breaks"`` (hostile in every selected AFTER outcome, friendly in some
        selected BEFORE outcome), ``"already broken"`` (hostile before and after),
        ``"holds"`` (friendly in every selected AFTER outcome), or
        ``"depends on equilibrium selection"``.
    """

    target: str
    partner: str
    before: str
    after: str
    status: str

    @property
    def wedge(self) -> bool:
        """The target–partner tie is hostile in every selected AFTER outcome."""
        return self.after == HOSTILE

    def to_dict(self) -> dict:
        return {
            "target": self.target,
            "partner": self.partner,
            "target_partner_tie_before": self.before,
            "target_partner_tie_after": self.after,
            "after": self.after,
            "status": self.status,
            "wedge": self.wedge,
        }


def _tie_state(game: Game, side: Side, a: int, b: int) -> str:
    probs = [
        tie_probability(game, p, a, b) for o in side.outcomes if o.selected for p in o.profiles
    ]
    if all(x >= 1 - 1e-9 for x in probs):
        return FRIENDLY
    if all(x <= 1e-9 for x in probs):
        return HOSTILE
    return VARIES


def _wedge(game: Game, spec: MoveSpec, before: Side, after: Side) -> Wedge | None:
    if spec.target is None or spec.partner is None or game.stances is None:
        return None
    b = _tie_state(game, before, spec.target, spec.partner)
    a = _tie_state(game, after, spec.target, spec.partner)
    if a == HOSTILE:
        status = "already broken" if b == HOSTILE else "breaks"
    elif a == FRIENDLY:
        status = "holds"
    else:
        status = "depends on equilibrium selection"
    return Wedge(game.players[spec.target], game.players[spec.partner], b, a, status)


# -- the explanation ---------------------------------------------------------------------------
_ARTICLES = {"pivot": "the", "outcast": "the"}


def _role_phrase(role: str) -> str:
    return f"{_ARTICLES.get(role, 'a')} {role}"


def _breakdown(parts: Mapping[str, float], atol: float) -> str:
    shown = [f"{name} {_fmt(v, signed=True)}" for name, v in parts.items() if abs(v) > atol]
    return ", ".join(shown) if shown else "no component changes"


def _reply_values(game: Game, profile, player: int) -> dict[str, np.ndarray]:
    """Each component's value of each pure strategy of ``player`` against ``profile``."""
    parts = game.components or (("payoff", game.payoffs),)
    out = {}
    for name, array in parts:
        values = np.empty(game.shape[player])
        for k in range(game.shape[player]):
            prof = list(profile)
            vec = np.zeros(game.shape[player])
            vec[k] = 1.0
            prof[player] = vec
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
    total = sum(_reply_values(game, profile, who).values())
    best = max(warm, key=lambda k: (total[k], -k))
    out = list(profile)
    out[who] = np.eye(game.shape[who])[best]
    return tuple(out)


def _tie_clause(game: Game, spec: MoveSpec, before: Side, after: Side, atol: float) -> str | None:
    """What the target does with its partner tie AFTER, and what keeping it is worth."""
    if spec.target is None or spec.partner is None or game.stances is None:
        return None
    rep = after.representative
    if rep.kind != "pure":
        return None
    t, p, m = (game.players[j] for j in (spec.target, spec.partner, spec.mover))
    profile = after.profile
    friendly_after = tie_probability(game, profile, spec.target, spec.partner) > 0.5
    friendly_before = (
        before.representative.kind == "pure"
        and tie_probability(game, before.profile, spec.target, spec.partner) > 0.5
    )
    if not friendly_after and not partner_warm(game, spec, profile):
        verb = "turns" if friendly_before else "stays"
        clause = f"{t}'s tie with {p} {verb} hostile: {p} is not warm to {t}"
        # what a friendly tie would be worth to each side, the other side being warm
        costs = []
        for who, other in ((spec.target, spec.partner), (spec.partner, spec.target)):
            warmed = _warmed(game, profile, other, who)
            if warmed is None:
                continue
            side = dataclasses.replace(spec, target=who, partner=other)
            value, _, _ = keep_value(game, side, warmed)
            if math.isfinite(value) and value < -atol:
                costs.append(f"{game.players[who]} {_fmt(-value)}")
        if costs:
            clause += f" (a friendly tie would cost {' and '.join(costs)})"
        return clause
    if friendly_after:
        clause = f"{t} keeps its tie with {p}"
    else:
        clause = f"{t} drops its tie with {p}" if friendly_before else f"{t} stays cold to {p}"
    value, keep, drop = keep_value(game, spec, profile)
    parts = _reply_values(game, profile, spec.target)
    if keep is not None and math.isfinite(value):
        diff = {name: float(v[keep] - v[drop]) for name, v in parts.items()}
        if value > atol:
            clause += f": staying warm to {p} is worth {_fmt(value)} to {t} "
        elif value < -atol:
            clause += f": staying warm to {p} would cost {t} {_fmt(-value)} "
        else:
            clause += f": staying warm to {p} makes no difference to {t} "
        clause += f"({_breakdown(diff, atol)})"
    # what the warmth the mover offers is worth to the target, whatever it does with p
    warm_m = [k for k, warm in enumerate(game.stances[spec.target]) if m in warm]
    cold_m = [k for k, warm in enumerate(game.stances[spec.target]) if m not in warm]
    if warm_m and cold_m and t in game.stances[spec.mover][spec.after]:
        total = sum(parts.values())
        offer = float(max(total[k] for k in warm_m) - max(total[k] for k in cold_m))
        if offer >= -atol:
            clause += f"; a tie with {m} is worth {_fmt(offer)} to {t}"
        else:
            clause += f"; a tie with {m} would cost {t} {_fmt(-offer)}"
    return clause


def _roles_clause(game: Game, spec: MoveSpec, before: Side, after: Side) -> str | None:
    tb, ta = before.representative.triad, after.representative.triad
    if tb is None or ta is None:
        return None
    order = [spec.mover]
    if spec.target is not None:
        order = [spec.target, spec.mover]
    order += [j for j in range(game.n_players) if j not in order]
    phrases = []
    for j in order:
        a = game.players[j]
        if ta.role(a) != tb.role(a):
            phrases.append(f"{a} becomes {_role_phrase(ta.role(a))}")
        elif j == spec.mover:
            phrases.append(f"{a} stays {_role_phrase(ta.role(a))}")
    if ta.configuration != tb.configuration:
        change = f"{tb.configuration} → {ta.configuration}"
    else:
        change = f"the triangle stays a {ta.configuration}"
    return f"{change}: " + ", ".join(phrases)


def _gain_clause(
    game: Game,
    spec: MoveSpec,
    gain: tuple[float, float],
    decomposition: Mapping[str, float],
    atol: float,
) -> str:
    m = game.players[spec.mover]
    lo, hi = gain
    parts = _breakdown(decomposition, atol)
    if abs(hi - lo) <= atol:
        return f"{m} gain {_fmt(lo)} ({parts})"
    return (
        f"{m} gain between {_fmt(lo)} and {_fmt(hi)} depending on the followers' equilibrium; "
        f"at worst {_fmt(lo)} ({parts})"
    )


# -- the analysis --------------------------------------------------------------------------------
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
        The move as indices (mover, from, to, target, partner).
    before, after : Side
    point : PointResult
        Gains and verdict codes under each selection rule.
    wedge : Wedge or None
        Only with a target and its partner in a triangle with stances.
    decomposition : dict
        The mover's gain by payoff component (:data:`DECOMPOSITION_RULE`).
    reason : str
        A one-line explanation built from the numbers.
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
    reason: str
    thresholds: tuple = ()
    notes: tuple[str, ...] = field(default=())
    tol: float = DEFAULT_TOL

    @property
    def mover(self) -> str:
        return self.game.players[self.spec.mover]

    @property
    def target(self) -> str | None:
        return None if self.spec.target is None else self.game.players[self.spec.target]

    @property
    def partner(self) -> str | None:
        return None if self.spec.partner is None else self.game.players[self.spec.partner]

    @property
    def selection(self) -> str:
        return "plausible"

    @property
    def verdict(self) -> str:
        """The verdict under the default (plausible) selection."""
        return verdict_name(self.point.codes["plausible"])

    @property
    def verdicts(self) -> dict[str, str]:
        return {s: verdict_name(self.point.codes[s]) for s in SELECTIONS}

    @property
    def gain(self) -> tuple[float, float]:
        """``(min, max)`` of the mover's gain under the plausible selection."""
        return self.point.gains["plausible"]

    @property
    def keep(self) -> str:
        """Whether the target's best reply AFTER keeps its partner tie (see
        :func:`triangle.sweep.target_state`)."""
        return self.point.keep

    def to_dict(self) -> dict:
        """Plain JSON-serialisable data; the same input gives the same output."""
        sc = self.scenario
        move = {
            "player": self.mover,
            "from": self.before.strategy,
            "to": self.after.strategy,
            "target": self.target,
            "target_rule": self.spec.target_rule,
            "partner": self.partner,
            "verdict": self.verdict,
            "reason": self.reason,
            "gain": {"min": _num(self.gain[0]), "max": _num(self.gain[1])},
            "selection": self.selection,
            "selection_rules": dict(SELECTION_RULES),
            "gain_rule": GAIN_RULE,
            "tolerance": _num(self.point.atol),
            "verdicts": self.verdicts,
            "gains": {
                s: {"min": _num(lo), "max": _num(hi)} for s, (lo, hi) in self.point.gains.items()
            },
            "before": self.before.to_dict(self.game),
            "after": self.after.to_dict(self.game),
            "wedge": (
                self.wedge.to_dict()
                if self.wedge is not None
                else {
                    "target": self.target,
                    "partner": self.partner,
                    "target_partner_tie_before": None,
                    "target_partner_tie_after": None,
                    "after": None,
                    "status": None,
                    "wedge": None,
                }
            ),
            "target_keeps_partner": {
                "state": self.keep,
                "value": None
                if not math.isfinite(self.point.keep_value)
                else _num(self.point.keep_value),
            },
            "decomposition": {k: _num(v) for k, v in self.decomposition.items()},
            "decomposition_rule": DECOMPOSITION_RULE,
        }
        expected = getattr(sc, "expected", {}) or {}
        return {
            "scenario": getattr(sc, "title", None),
            "path": getattr(sc, "path", None),
            "parameters": {k: _num(v) for k, v in self.parameters.items()},
            "move": move,
            "expected_verdict": expected.get("verdict"),
            "thresholds": [t.to_dict() for t in self.thresholds],
            "notes": list(self.notes),
        }


def analyze_move(
    scenario,
    overrides: Mapping[str, float] | None = None,
    *,
    thresholds: Sequence[str] = (),
    tol: float = DEFAULT_TOL,
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
        a target, where the target's choice about its partner flips
        (:func:`~triangle.analysis.find_threshold`, kinds ``"verdict"`` then
        ``"target"``).
    tol : float
        Relative tolerance (regret, dominance, verdict; times the payoff spread).

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
    >>> a.verdict, round(a.gain[0], 2)
    ('does not pay off', -0.65)
    """
    _require_move(scenario)
    game = scenario.compile(overrides)
    parameters = scenario.parameter_values(overrides)
    spec = resolve_move(scenario, game)
    branches = move_branches(game, spec, tol=tol)
    point = evaluate_point(game, spec, tol=tol, branches=branches)
    atol = point.atol
    before = _side(game, spec, 0, branches[0], atol)
    after = _side(game, spec, 1, branches[1], atol)
    mover = game.players[spec.mover]
    decomposition = {
        name: after.representative.components[mover][name]
        - before.representative.components[mover][name]
        for name in after.representative.components[mover]
    }
    clauses = [
        _tie_clause(game, spec, before, after, atol),
        _roles_clause(game, spec, before, after),
        _gain_clause(game, spec, point.gains["plausible"], decomposition, atol),
    ]
    reason = "; ".join(c for c in clauses if c)
    notes = list(branches[0].notes) + list(branches[1].notes)
    if spec.target_rule == "default":
        notes.append(
            f"target {game.players[spec.target]}: the one player the move turns warm toward"
        )
    found = ()
    if thresholds:
        from triangle.analysis.thresholds import find_threshold

        # where the verdict flips, and (with a target) where the target's choice flips
        kinds = ("verdict", "target") if spec.target is not None else ("verdict",)
        found = tuple(
            find_threshold(scenario, name, overrides, kind=kind, tol=tol)
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
        wedge=_wedge(game, spec, before, after),
        decomposition=decomposition,
        reason=reason,
        thresholds=found,
        notes=tuple(notes),
        tol=tol,
    )


def _require_move(scenario) -> None:
    if getattr(scenario, "move", None) is None:
        raise TriangleInputError(
            f"{scenario.path}: scenario has no `move:` block; add one "
            "(move: {player: ..., from: ..., to: ...}) to ask whether a move pays off"
        )


def compare(
    scenarios: Sequence,
    overrides: Mapping[str, float] | None = None,
    *,
    thresholds: Sequence[str] | None = (),
    tol: float = DEFAULT_TOL,
) -> tuple[MoveAnalysis, ...]:
    """:func:`analyze_move` on several scenarios (Scenario objects or file paths).

    ``overrides`` apply to every scenario that declares the parameter; a name no
    scenario declares is an error, and so is a threshold parameter that one of the
    scenarios lacks. ``thresholds=None`` gives each scenario the parameters its move
    names under ``thresholds:``. Every scenario is checked for a move before any is
    analysed.
    """
    from triangle.scenario import load_scenario

    loaded = [load_scenario(s) if isinstance(s, str | os.PathLike) else s for s in scenarios]
    for s in loaded:
        _require_move(s)
    overrides = dict(overrides or {})
    unknown = [k for k in overrides if not any(k in s.parameters for s in loaded)]
    if unknown:
        known = sorted({k for s in loaded for k in s.parameters})
        raise TriangleInputError(
            f"unknown parameter {unknown[0]!r}: no scenario declares it; known parameters: "
            f"{', '.join(known)}"
        )
    return tuple(
        analyze_move(
            s,
            {k: v for k, v in overrides.items() if k in s.parameters},
            thresholds=s.move.thresholds if thresholds is None else thresholds,
            tol=tol,
        )
        for s in loaded
    )
