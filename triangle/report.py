"""Plain-data reports of results, and their text rendering.

The command line prints these; notebooks and scripts can use them too. Every
report is first built as JSON-ready data (:func:`solve_report`), and the
human-readable table (:func:`format_solve`) is rendered from that same data, so
the two outputs never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from triangle.game import Game
from triangle.roles import Triad


def fmt(x: float, digits: int = 4) -> str:
    """A number for people: up to ``digits`` decimals, no trailing zeros, no ``-0``,
    and a real minus sign (U+2212), as in the analysis sentences.

    >>> fmt(-0.65), fmt(3.0), fmt(-1e-9)
    ('\u22120.65', '3', '0')
    """
    if abs(x) < 0.5 * 10**-digits:
        x = 0.0
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    if text in ("", "-", "-0"):
        return "0"
    return text.replace("-", "\u2212")  # the minus sign the analysis sentences use


def triad_report(triad: Triad | None) -> dict[str, Any] | None:
    return None if triad is None else triad.to_dict()


def equilibrium_report(game: Game, eq, *, plausible: bool | None = None) -> dict[str, Any]:
    """One equilibrium as plain data (profile over its support)."""
    pure = eq.pure_profile
    out: dict[str, Any] = {
        "kind": eq.kind,
        "profile": eq.named(game),
        "payoffs": {p: float(v) for p, v in zip(game.players, eq.payoffs, strict=True)},
        "max_regret": float(eq.max_regret),
        "weakly_dominated": bool(eq.weakly_dominated),
        "plausible": (not eq.weakly_dominated) if plausible is None else plausible,
        "methods": list(eq.methods),
    }
    if pure is not None:
        out["triangle"] = triad_report(game.triad(pure))
    return out


def game_report(game: Game) -> dict[str, Any]:
    return {
        "players": list(game.players),
        "strategies": {p: list(s) for p, s in zip(game.players, game.strategies, strict=True)},
        "game": game.table(),
    }


def commitment_report(game: Game, commitment, move=None) -> dict[str, Any]:
    """Leader-commitment outcomes: each commitment, the followers' equilibria, the best."""
    branches = []
    for branch in commitment.branches:
        followers = []
        for j, (eq, prof, value) in enumerate(
            zip(branch.followers.equilibria, branch.profiles, branch.leader_payoffs, strict=True)
        ):
            full = _full_equilibrium(game, prof, eq)
            full["plausible"] = j in branch.plausible
            full["leader_payoff"] = float(value)
            followers.append(full)
        branches.append(
            {
                "strategy": branch.strategy,
                "followers": followers,
                "followers_complete": bool(branch.followers.complete),
                "leader_payoff": {
                    sel: _maybe(branch.value(sel))
                    for sel in ("plausible", "optimistic", "pessimistic")
                },
                "notes": list(branch.notes) + list(branch.followers.notes),
            }
        )
    out: dict[str, Any] = {
        "leader": commitment.leader,
        "rule": (
            "the leader commits to a pure strategy; the followers play a Nash equilibrium of "
            "the game it leaves them. plausible = the leader's worst among follower equilibria "
            "that use no weakly dominated strategy; optimistic/pessimistic = its best/worst "
            "among all follower equilibria found"
        ),
        "branches": branches,
        "best": {
            sel: list(commitment.best(sel)) for sel in ("plausible", "optimistic", "pessimistic")
        },
        "notes": list(commitment.notes),
    }
    if move is not None:
        out["move"] = {"player": move.player, "from": move.from_strategy, "to": move.to_strategy}
    return out


def _maybe(x: float | None) -> float | None:
    return None if x is None else float(x)


def _full_equilibrium(game: Game, profile, eq) -> dict[str, Any]:
    """A follower equilibrium embedded in the full game, as plain data."""
    support = [np.flatnonzero(np.asarray(s) > 1e-9) for s in profile]
    named = {
        p: {game.strategies[i][k]: float(profile[i][k]) for k in support[i]}
        for i, p in enumerate(game.players)
    }
    pure = all(len(s) == 1 and abs(profile[i][s[0]] - 1) < 1e-9 for i, s in enumerate(support))
    from triangle.equilibria.regret import expected_payoffs

    out: dict[str, Any] = {
        "kind": "pure" if pure else "mixed",
        "profile": named,
        "payoffs": {
            p: float(v) for p, v in zip(game.players, expected_payoffs(game, profile), strict=True)
        },
        "max_regret_followers": float(eq.max_regret),
    }
    if pure:
        out["triangle"] = triad_report(game.triad([int(s[0]) for s in support]))
    return out


def solve_report(
    scenario, game: Game, result, commitment=None, parameters: Mapping[str, float] | None = None
) -> dict[str, Any]:
    """The whole ``triangle solve`` answer as JSON-ready data."""
    report: dict[str, Any] = {
        "scenario": {
            "path": scenario.path,
            "title": scenario.title,
            "form": scenario.form,
        },
        "parameters": dict(parameters or {}),
        **game_report(game),
        "solver": {
            "methods": list(result.methods),
            "complete": bool(result.complete),
            "tolerance": float(result.tol),
            "plausible_rule": (
                "plausible = no player puts positive probability on a pure strategy that is "
                "weakly dominated by another pure strategy (one round, not iterated)"
            ),
            "notes": list(result.notes),
        },
        "equilibria": [equilibrium_report(game, eq) for eq in result.equilibria],
    }
    if commitment is not None:
        report["commitment"] = commitment_report(game, commitment, scenario.move)
    return report


# -- text rendering -------------------------------------------------------------------


def _profile_text(profile: Mapping[str, Mapping[str, float]]) -> str:
    parts = []
    for _player, mix in profile.items():
        if len(mix) == 1:
            parts.append(next(iter(mix)))
        else:
            parts.append("{" + ", ".join(f"{s}: {fmt(p)}" for s, p in mix.items()) + "}")
    return "(" + ", ".join(parts) + ")"


def _payoff_text(payoffs: Mapping[str, float]) -> str:
    return ", ".join(f"{p} {fmt(v, 3)}" for p, v in payoffs.items())


def _triangle_text(tri: Mapping[str, Any] | None) -> str:
    if not tri:
        return ""
    roles = ", ".join(f"{a} {r} ({fmt(tri['scores'][a])})" for a, r in tri["roles"].items())
    return f"{tri['configuration']}: {roles}"


def _table(rows: list[list[str]], header: list[str]) -> list[str]:
    widths = [max(len(str(r[c])) for r in [header, *rows]) for c in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    for r in rows:
        out.append("  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    return out


def format_solve(report: Mapping[str, Any], *, show_game: bool = False) -> str:
    """Render a :func:`solve_report` as text for a terminal."""
    lines = [report["scenario"]["title"], "=" * len(report["scenario"]["title"])]
    lines.append(f"file: {report['scenario']['path']} (form: {report['scenario']['form']})")
    if report["parameters"]:
        lines.append(
            "parameters: " + ", ".join(f"{k}={fmt(v)}" for k, v in report["parameters"].items())
        )
    lines.append("")
    lines.append("Players and strategies")
    for p, ss in report["strategies"].items():
        lines.append(f"  {p}: {', '.join(ss)}")
    if show_game:
        lines.append("")
        lines.append("Payoff table")
        rows = [
            [", ".join(r["profile"].values()), *(fmt(v, 3) for v in r["payoffs"].values())]
            for r in report["game"]
        ]
        lines += ["  " + x for x in _table(rows, ["profile", *report["players"]])]

    solver = report["solver"]
    eqs = report["equilibria"]
    n_pure = sum(e["kind"] == "pure" for e in eqs)
    n_plaus = sum(e["plausible"] for e in eqs)
    found = "all equilibria" if solver["complete"] else "equilibria found"
    lines.append("")
    lines.append(
        f"Nash equilibria ({found}: {len(eqs)}; {n_pure} pure, {len(eqs) - n_pure} mixed; "
        f"{n_plaus} plausible)"
    )
    lines.append(f"  solvers: {', '.join(solver['methods'])}")
    rows = []
    for n, e in enumerate(eqs, 1):
        rows.append(
            [
                str(n),
                e["kind"],
                "yes" if e["plausible"] else "no",
                _profile_text(e["profile"]),
                _payoff_text(e["payoffs"]),
                f"{e['max_regret']:.1e}",
                _triangle_text(e.get("triangle")),
            ]
        )
    header = ["#", "kind", "plausible", "profile", "payoffs", "regret", "triangle"]
    lines += ["  " + x for x in _table(rows, header)]
    lines.append("  plausible: " + solver["plausible_rule"])
    for note in solver["notes"]:
        lines.append(f"  note: {note}")

    com = report.get("commitment")
    if com:
        lines.append("")
        lines.append(f"Leader commitment: {com['leader']} moves first")
        rows = []
        for b in com["branches"]:
            plaus = [f for f in b["followers"] if f["plausible"]]
            # payoff-equivalent outcomes with the same triangle are listed once
            shown = list(
                dict.fromkeys(
                    _triangle_text(f.get("triangle")) or _profile_text(f["profile"])
                    for f in (plaus or b["followers"])
                )
            )
            outcome = "; ".join(shown[:2])
            if len(shown) > 2:
                outcome += f"; (+{len(shown) - 2} more)"
            lp = b["leader_payoff"]
            rows.append(
                [
                    b["strategy"],
                    str(len(b["followers"])),
                    _opt(lp["plausible"]),
                    _opt(lp["pessimistic"]),
                    _opt(lp["optimistic"]),
                    outcome,
                ]
            )
        header = ["commitment", "follower eq.", "plausible", "worst", "best", "plausible outcome"]
        lines += ["  " + x for x in _table(rows, header)]
        best = com["best"]
        lines.append(
            f"  best commitment: {', '.join(best['plausible'])} (plausible); "
            f"{', '.join(best['optimistic'])} (optimistic); "
            f"{', '.join(best['pessimistic'])} (pessimistic)"
        )
        if "move" in com:
            mv = com["move"]
            lines.append(f"  the scenario's move: {mv['player']} {mv['from']} -> {mv['to']}")
        lines.append("  rule: " + com["rule"])
    return "\n".join(lines)


def _opt(x: float | None) -> str:
    return "-" if x is None else fmt(x, 3)


# -- move analysis --------------------------------------------------------------------


def _roles_text(side: Mapping[str, Any]) -> str:
    if not side.get("roles"):
        return "(no single triangle: " + _payoff_text(side.get("payoffs") or {}) + ")"
    roles = ", ".join(f"{a} {r} ({fmt(side['scores'][a])})" for a, r in side["roles"].items())
    return f"{side['configuration']}: {roles}"


def _gain_text(gain: Mapping[str, float]) -> str:
    lo, hi = gain["min"], gain["max"]
    return fmt(lo, 3) if abs(hi - lo) < 1e-12 else f"{fmt(lo, 3)} to {fmt(hi, 3)}"


def format_analysis(data: Mapping[str, Any]) -> str:
    """Render :meth:`~triangle.analysis.MoveAnalysis.to_dict` as text for a terminal."""
    move = data["move"]
    title = data["scenario"]
    lines = [title, "=" * len(title), f"file: {data['path']}"]
    lines.append(
        f"move: {move['player']} {move['from']} -> {move['to']}"
        + (f" (target {move['target']}, partner {move['partner']})" if move.get("target") else "")
    )
    lines.append("")
    lines.append(
        f"Verdict: {move['verdict'].upper()} for {move['player']}"
        f" (gain {_gain_text(move['gain'])}, {move['selection']} selection)"
    )
    lines.append(f"  why: {move['reason']}")
    lines.append("")
    rows = []
    for label, key in (("before", "before"), ("after", "after")):
        side = move[key]
        rows.append(
            [label, side["strategy"], _roles_text(side), _payoff_text(side.get("payoffs") or {})]
        )
    lines += ["  " + x for x in _table(rows, ["", "strategy", "triangle", "payoffs"])]
    wedge = move.get("wedge")
    if wedge:
        lines.append(
            f"  wedge: the {wedge['target']}–{wedge['partner']} tie is "
            f"{wedge['target_partner_tie_before']} before and "
            f"{wedge['target_partner_tie_after']} after ({wedge['status']})"
        )
    lines.append("")
    lines.append(f"Gain of {move['player']} by component (after - before)")
    for name, value in move["decomposition"].items():
        lines.append(f"  {name:<12} {fmt(value, 3):>8}")
    lines.append(f"  {'total':<12} {fmt(sum(move['decomposition'].values()), 3):>8}")
    lines.append("")
    lines.append("Under other equilibrium selections")
    rows = [
        [sel, move["verdicts"][sel], _gain_text(move["gains"][sel])]
        for sel in ("plausible", "optimistic", "pessimistic")
    ]
    lines += ["  " + x for x in _table(rows, ["selection", "verdict", "gain"])]
    for sel, rule in move.get("selection_rules", {}).items():
        lines.append(f"  {sel}: {rule}")
    if data.get("thresholds"):
        lines.append("")
        lines.append("Thresholds")
        for t in data["thresholds"]:
            lines.append(f"  {t['sentence']} [{t['method']}]")
    for note in data.get("notes", []):
        lines.append(f"note: {note}")
    return "\n".join(lines)


def format_compare(datas: Sequence[Mapping[str, Any]]) -> str:
    """Several move analyses side by side, one column per scenario."""

    def row(label: str, get) -> list[str]:
        return [label, *(get(d) for d in datas)]

    def threshold(d: Mapping[str, Any]) -> str:
        ts = d.get("thresholds") or []
        return "; ".join(t["sentence"] for t in ts) or "-"

    rows = [
        row("move", lambda d: f"{d['move']['player']} {d['move']['from']} -> {d['move']['to']}"),
        row("verdict", lambda d: d["move"]["verdict"]),
        row("gain", lambda d: _gain_text(d["move"]["gain"])),
        row("before", lambda d: _roles_text(d["move"]["before"])),
        row("after", lambda d: _roles_text(d["move"]["after"])),
        row("wedge", lambda d: (d["move"].get("wedge") or {}).get("status", "-")),
        *[
            row(f"  {name}", lambda d, name=name: fmt(d["move"]["decomposition"].get(name, 0), 3))
            for name in dict.fromkeys(k for d in datas for k in d["move"]["decomposition"])
        ],
        row("threshold", threshold),
    ]
    # one block per scenario reads better than a very wide table
    lines = []
    for n, d in enumerate(datas):
        lines.append(f"[{n + 1}] {d['scenario']}  ({d['path']})")
    lines.append("")
    width = max(len(r[0]) for r in rows)
    for r in rows:
        for n, cell in enumerate(r[1:]):
            label = r[0] if n == 0 else ""
            lines.append(f"{label.ljust(width)}  [{n + 1}] {cell}")
    lines.append("")
    lines.append("why:")
    for n, d in enumerate(datas):
        lines.append(f"  [{n + 1}] {d['move']['reason']}")
    return "\n".join(lines)
