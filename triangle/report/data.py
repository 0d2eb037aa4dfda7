"""Every result as plain JSON-ready data: the one place where results become dicts.

:func:`to_data` turns any result of the package (a move analysis, a threshold, a gain
curve, a verdict map, a sweep, a triangle) into dicts, lists, strings and numbers;
:func:`solve_report` builds the whole answer of ``triangle solve``. The command
line's ``--format json`` prints exactly these, and its text tables are rendered from
them (:mod:`triangle.report.text`), so the two never disagree. Nothing in the
package reads these dicts back: charts and text take the typed results.

Floats of a move analysis are rounded to 12 decimals (and ``-0.0`` written as
``0.0``), far below any tolerance, so that the same input gives the same bytes;
solver reports keep every float as computed. Non-finite values become ``null``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from triangle.analysis.analyze import MoveAnalysis
from triangle.analysis.batch import MoveSweep
from triangle.analysis.curves import GainCurve, VerdictMap
from triangle.analysis.outcomes import Outcome, Side, Wedge
from triangle.analysis.point import relations_of
from triangle.analysis.thresholds import Flip, Threshold
from triangle.analysis.uncertainty import GridSweep, MonteCarlo, Probability
from triangle.equilibria.commitment import Commitment
from triangle.equilibria.regret import expected_payoffs
from triangle.equilibria.result import Equilibrium, SolveResult, pure_picks, support
from triangle.game import Game
from triangle.numbers import tidy
from triangle.report import prose
from triangle.roles import Relations, Triad
from triangle.vocabulary import SELECTIONS, VERDICT_CODES

__all__ = ["game_table", "solve_report", "to_data"]


def _num(x: float, scale: float | None = None) -> float:
    """A float for reports without floating-point noise (:func:`~triangle.numbers.tidy`:
    to 1e-12 of ``scale``, else 12 significant digits), without negative zero."""
    return tidy(x, scale)


def _floats(array: np.ndarray) -> list[float | None]:
    return [None if not math.isfinite(x) else float(x) for x in np.asarray(array, dtype=float)]


@functools.singledispatch
def to_data(result: Any) -> Any:
    """Plain JSON-serialisable data of a result; the same input gives the same output.

    Parameters
    ----------
    result : MoveAnalysis, Threshold, Flip, GainCurve, VerdictMap, MoveSweep, Triad or Relations

    Returns
    -------
    dict

    Raises
    ------
    TypeError
        For an object this function does not know.
    """
    raise TypeError(f"no plain-data form for {type(result).__name__}")


# -- the triangle -------------------------------------------------------------------------


@to_data.register
def _(triad: Triad) -> dict:
    """Configuration, tie signs (keyed ``"A–B"`` in actor order), roles, Bao scores."""
    return {
        "configuration": triad.configuration,
        "ties": {f"{a}–{b}": r for a, b, r in triad.ties()},
        "roles": triad.roles,
        "scores": {a: float(s) for a, s in triad.scores.items()},
    }


@to_data.register
def _(relations: Relations) -> dict:
    """The probability that each tie is friendly, keyed ``"A–B"`` in actor order."""
    return {f"{a}–{b}": _num(p) for a, b, p in relations.ties()}


def _shape(triad: Triad | None, relations: Relations | None) -> dict:
    """The triangle's configuration, roles and scores (three actors), the tie signs
    (a pure outcome with stances) and the friendly probabilities (any outcome with
    stances); ``None`` where they do not apply."""
    out: dict[str, Any] = {"configuration": None, "roles": None, "scores": None, "ties": None}
    if triad is not None:
        out.update(to_data(triad))
    elif relations is not None and relations.is_pure:
        out["ties"] = {f"{a}–{b}": 1 if p == 1 else -1 for a, b, p in relations.ties()}
    out["relations"] = None if relations is None else to_data(relations)
    return out


# -- solve ----------------------------------------------------------------------------------


def game_table(game: Game) -> list[dict]:
    """Every pure profile with every player's payoff, in lexicographic order."""
    rows = []
    for prof in game.pure_profiles():
        rows.append(
            {
                "profile": {
                    p: game.strategies[i][k]
                    for i, (p, k) in enumerate(zip(game.players, prof, strict=True))
                },
                "payoffs": {p: float(game.payoffs[(i, *prof)]) for i, p in enumerate(game.players)},
            }
        )
    return rows


def _equilibrium(game: Game, eq: Equilibrium) -> dict[str, Any]:
    """One equilibrium (profile over its support)."""
    pure = eq.pure_profile
    out: dict[str, Any] = {
        "kind": eq.kind,
        "profile": eq.named(game),
        "payoffs": {p: float(v) for p, v in zip(game.players, eq.payoffs, strict=True)},
        "max_regret": float(eq.max_regret),
        "weakly_dominated": bool(eq.weakly_dominated),
        "plausible": not eq.weakly_dominated,
        "methods": list(eq.methods),
    }
    if pure is not None:
        triad = game.triad(pure)
        out["triangle"] = None if triad is None else to_data(triad)
    relations = relations_of(game, eq.profile)
    out["relations"] = None if relations is None else to_data(relations)
    return out


def _follower_equilibrium(game: Game, profile, eq: Equilibrium) -> dict[str, Any]:
    """A follower equilibrium embedded in the full game."""
    named = {
        p: {game.strategies[i][k]: float(profile[i][k]) for k in sup}
        for i, (p, sup) in enumerate(zip(game.players, support(profile), strict=True))
    }
    picks = pure_picks(profile)
    out: dict[str, Any] = {
        "kind": "mixed" if picks is None else "pure",
        "profile": named,
        "payoffs": {
            p: float(v) for p, v in zip(game.players, expected_payoffs(game, profile), strict=True)
        },
        "max_regret_followers": float(eq.max_regret),
    }
    if picks is not None:
        triad = game.triad(picks)
        out["triangle"] = None if triad is None else to_data(triad)
    relations = relations_of(game, profile)
    out["relations"] = None if relations is None else to_data(relations)
    return out


def _maybe(x: float | None) -> float | None:
    return None if x is None else float(x)


def _commitment(game: Game, commitment: Commitment, move=None) -> dict[str, Any]:
    """Leader-commitment outcomes: each commitment, the followers' equilibria, the best."""
    branches = []
    for branch in commitment.branches:
        followers = []
        for j, (eq, prof, value) in enumerate(
            zip(branch.followers.equilibria, branch.profiles, branch.leader_payoffs, strict=True)
        ):
            full = _follower_equilibrium(game, prof, eq)
            full["plausible"] = j in branch.plausible
            full["leader_payoff"] = float(value)
            followers.append(full)
        branches.append(
            {
                "strategy": branch.strategy,
                "followers": followers,
                "followers_complete": bool(branch.followers.complete),
                "leader_payoff": {sel: _maybe(branch.value(sel)) for sel in SELECTIONS},
                "notes": list(branch.notes) + list(branch.followers.notes),
            }
        )
    out: dict[str, Any] = {
        "leader": commitment.leader,
        "rule": prose.COMMITMENT_RULE,
        "branches": branches,
        "best": {sel: list(commitment.best(sel)) for sel in SELECTIONS},
        "notes": list(commitment.notes),
    }
    if move is not None:
        out["move"] = {"player": move.player, "from": move.from_strategy, "to": move.to_strategy}
    return out


def solve_report(
    scenario,
    game: Game,
    result: SolveResult,
    commitment: Commitment | None = None,
    parameters: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """The whole ``triangle solve`` answer as JSON-ready data.

    Parameters
    ----------
    scenario : Scenario
    game : Game
        The compiled game.
    result : SolveResult
    commitment : Commitment, optional
        The leader-commitment outcomes of the scenario's move.
    parameters : mapping, optional
        The parameter values used.
    """
    report: dict[str, Any] = {
        "scenario": {
            "path": scenario.path,
            "title": scenario.title,
            "form": scenario.form,
        },
        "parameters": dict(parameters or {}),
        "players": list(game.players),
        "strategies": {p: list(s) for p, s in zip(game.players, game.strategies, strict=True)},
        "game": game_table(game),
        "solver": {
            "methods": list(result.methods),
            "complete": bool(result.complete),
            "tolerance": float(result.tol),
            "plausible_rule": prose.PLAUSIBLE_RULE,
            "notes": list(result.notes),
        },
        "equilibria": [_equilibrium(game, eq) for eq in result.equilibria],
    }
    if commitment is not None:
        report["commitment"] = _commitment(game, commitment, scenario.move)
    return report


# -- move analysis ---------------------------------------------------------------------------


def _named_profile(game: Game, profile) -> dict:
    """``{player: strategy}`` for a pure profile, ``{player: {strategy: p}}`` otherwise."""
    out = {}
    for i, (p, sigma) in enumerate(zip(game.players, profile, strict=True)):
        sup = support([sigma])[0]
        if len(sup) == 1:
            out[p] = game.strategies[i][sup[0]]
        else:
            out[p] = {game.strategies[i][k]: _num(sigma[k]) for k in sup}
    return out


def _payoffs(payoffs: dict[str, float], game: Game) -> dict[str, float]:
    """Each player's payoff, tidied to 1e-12 of the player's own payoff range."""
    spans = dict(zip(game.players, game.ranges, strict=True))
    return {p: _num(v, spans.get(p)) for p, v in payoffs.items()}


def _outcome(outcome: Outcome, game: Game) -> dict:
    spans = dict(zip(game.players, game.ranges, strict=True))
    out = {
        "profiles": [_named_profile(game, p) for p in outcome.profiles],
        "kind": outcome.kind,
        "payoffs": _payoffs(outcome.payoffs, game),
        "plausible": outcome.plausible,
        "selected": outcome.selected,
    }
    out.update(_shape(outcome.triad, outcome.relations))
    out["components"] = {
        p: {c: _num(v, spans.get(p)) for c, v in parts.items()}
        for p, parts in outcome.components.items()
    }
    return out


def _side(side: Side, game: Game) -> dict:
    rep = side.representative
    out = {"strategy": side.strategy, "profile": _named_profile(game, side.profile)}
    out.update(_shape(rep.triad, rep.relations))
    out["payoffs"] = _payoffs(rep.payoffs, game)
    out["triads"] = [to_data(t) for t in side.triads]
    out["outcomes"] = [_outcome(o, game) for o in side.outcomes]
    out["complete"] = side.complete
    out["notes"] = list(side.notes)
    return out


@to_data.register
def _(wedge: Wedge) -> dict:
    return {
        "target": wedge.target,
        "third": wedge.third,
        "tie_before": wedge.before,
        "tie_after": wedge.after,
        "status": wedge.status,
        "wedge": wedge.wedge,
        "sentence": prose.wedge_sentence(wedge),
        "rule": prose.WEDGE_RULE,
    }


@to_data.register
def _(analysis: MoveAnalysis) -> dict:
    sc = analysis.scenario
    point = analysis.point
    span = analysis.mover_range
    target_span = (
        None if analysis.spec.target is None else float(analysis.game.ranges[analysis.spec.target])
    )
    move = {
        "player": analysis.mover,
        "from": analysis.before.strategy,
        "to": analysis.after.strategy,
        "target": analysis.target,
        "target_rule": analysis.spec.target_rule,
        "third": analysis.third,
        "verdict": analysis.verdict,
        "reason": prose.reason(analysis),
        "gain": {"min": _num(analysis.gain[0], span), "max": _num(analysis.gain[1], span)},
        "selection": analysis.selection,
        "selection_rules": dict(prose.SELECTION_RULES),
        "gain_rule": prose.GAIN_RULE,
        "tolerance": _num(point.atol),
        "verdicts": analysis.verdicts,
        "gains": {
            s: {"min": _num(lo, span), "max": _num(hi, span)} for s, (lo, hi) in point.gains.items()
        },
        "before": _side(analysis.before, analysis.game),
        "after": _side(analysis.after, analysis.game),
        "wedge": None if analysis.wedge is None else to_data(analysis.wedge),
        "target_keeps_tie": None
        if analysis.third is None
        else {
            "state": analysis.keep,
            "value": None
            if not math.isfinite(point.keep_value)
            else _num(point.keep_value, target_span),
        },
        "decomposition": {k: _num(v, span) for k, v in analysis.decomposition.items()},
        "decomposition_rule": prose.DECOMPOSITION_RULE,
    }
    expected = getattr(sc, "expected", {}) or {}
    return {
        "scenario": getattr(sc, "title", None),
        "path": getattr(sc, "path", None),
        "parameters": {k: _num(v) for k, v in analysis.parameters.items()},
        "move": move,
        "expected_verdict": expected.get("verdict"),
        "thresholds": [to_data(t) for t in analysis.thresholds],
        "notes": list(analysis.notes),
    }


# -- thresholds, curves, maps, sweeps --------------------------------------------------------


@to_data.register
def _(flip: Flip) -> dict:
    return {
        "value": float(flip.value),
        "below": flip.below,
        "above": flip.above,
        "verified": bool(flip.verified),
    }


@to_data.register
def _(threshold: Threshold) -> dict:
    return {
        "parameter": threshold.parameter,
        "kind": threshold.kind,
        "value": float(threshold.value),
        "range": [float(threshold.lo), float(threshold.hi)],
        "range_source": threshold.range_source,
        "method": threshold.method,
        "selection": threshold.selection,
        "flips": [to_data(f) for f in threshold.flips],
        "state": threshold.state,
        "steady": threshold.steady,
        "margin": None if threshold.margin is None else float(threshold.margin),
        "sentence": prose.threshold_sentence(threshold),
        "notes": list(threshold.notes),
    }


@to_data.register
def _(curve: GainCurve) -> dict:
    return {
        "parameter": curve.parameter,
        "values": _floats(curve.values),
        "gain_min": _floats(curve.gain_min),
        "gain_max": _floats(curve.gain_max),
        "verdicts": list(curve.verdicts),
        "selection": curve.selection,
        "fallback": [bool(x) for x in curve.fallback],
        "notes": list(curve.notes),
    }


@to_data.register
def _(vmap: VerdictMap) -> dict:
    return {
        "x": {"parameter": vmap.px, "values": _floats(vmap.xs)},
        "y": {"parameter": vmap.py, "values": _floats(vmap.ys)},
        "selection": vmap.selection,
        "codes": vmap.codes.astype(int).tolist(),
        "verdicts": vmap.verdicts(),
        "configurations": [list(row) for row in vmap.configurations],
        "verdict_codes": dict(VERDICT_CODES),
        "fallback": vmap.fallback.astype(bool).tolist(),
        "notes": list(vmap.notes),
        "points": [
            {"label": p.label, "x": p.x, "y": p.y, "verdict": p.verdict} for p in vmap.points
        ],
    }


@to_data.register
def _(sweep: MoveSweep) -> dict:
    return {
        "points": [dict(p) for p in sweep.points],
        "gains": {
            s: {"min": _floats(lo), "max": _floats(hi)} for s, (lo, hi) in sweep.gains.items()
        },
        "verdicts": {s: sweep.verdicts(s) for s in SELECTIONS},
        "after_configuration": list(sweep.after_configuration),
        "keep_value": _floats(sweep.keep_value),
        "target_states": list(sweep.target_states),
        "fallback": [bool(x) for x in sweep.fallback],
        "mixed": [bool(x) for x in sweep.mixed],
        "notes": list(sweep.notes),
    }


# -- uncertainty -----------------------------------------------------------------------------


@to_data.register
def _(probability: Probability) -> dict:
    return {
        "probability": _num(probability.value) if probability.total else None,
        "count": probability.count,
        "total": probability.total,
        "interval": [_num(probability.low), _num(probability.high)] if probability.total else None,
    }


def _maybe_num(x: float) -> float | None:
    return _num(x) if math.isfinite(x) else None


@to_data.register
def _(result: MonteCarlo) -> dict:
    return {
        "scenario": result.title,
        "path": result.path,
        "move": {
            "player": result.mover,
            "from": result.move_from,
            "to": result.move_to,
            "target": result.target,
            "third": result.third,
        },
        "selection": result.selection,
        "samples": result.samples,
        "seed": result.seed,
        "drawn": {n: result.distributions[n] for n in result.parameters},
        "fixed": {k: _num(v) for k, v in result.fixed.items()},
        "correlated": result.correlated,
        "verdicts": {v: to_data(p) for v, p in result.verdicts.items()},
        "interval_rule": prose.INTERVAL_RULE,
        "gain": {
            "mean": _num(result.gain_mean),
            "sd": _num(result.gain_sd),
            "quantiles": {f"{q:g}": _num(v) for q, v in result.gain_quantiles.items()},
            "share_with_a_range": _num(result.gain_range_share),
        },
        "target_flips": to_data(result.flip),
        "target_states": {k: _num(v) for k, v in result.target_states.items()},
        "configurations_after": {k: _num(v) for k, v in result.configurations.items()},
        "spearman": {k: _maybe_num(v) for k, v in result.spearman.items()},
        "spearman_points": result.screened,
        "spearman_rule": prose.SPEARMAN_RULE,
        "sobol": None
        if result.sobol is None
        else {
            n: {
                "first": _num(s.first),
                "first_conf": _num(s.first_conf),
                "total": _num(s.total),
                "total_conf": _num(s.total_conf),
            }
            for n, s in result.sobol.items()
        },
        "sobol_base": result.sobol_base,
        "sobol_points": result.sobol_base * (len(result.parameters) + 2),
        "sobol_rule": prose.SOBOL_RULE,
        "drivers": [n for n, _ in result.drivers()],
        "finding": prose.uncertainty_finding(result),
        "batched_mixed_points": result.mixed,
        "one_by_one_points": result.fallback,
        "notes": list(result.notes),
    }


@to_data.register
def _(sweep: GridSweep) -> dict:
    return {
        "scenario": sweep.title,
        "path": sweep.path,
        "move": {"player": sweep.mover, "from": sweep.move_from, "to": sweep.move_to},
        "selection": sweep.selection,
        "grid": [
            {"parameter": a.name, "from": _num(a.low), "to": _num(a.high), "steps": a.count}
            for a in sweep.axes
        ],
        "fixed": {k: _num(v) for k, v in sweep.fixed.items()},
        "points": sweep.size,
        "shares": {v: _num(s) for v, s in sweep.shares.items()},
        "gain": {
            "min": _num(float(sweep.gain_min.min())),
            "max": _num(float(sweep.gain_max.max())),
        },
        "codes": sweep.codes.tolist() if sweep.size <= 100_000 else None,
        "verdict_codes": dict(VERDICT_CODES),
        "finding": prose.grid_finding(sweep),
        "batched_mixed_points": sweep.mixed,
        "one_by_one_points": sweep.fallback,
        "notes": list(sweep.notes),
    }
