"""Text tables for a terminal: what ``triangle solve``, ``analyze``, ``compare`` and
``sweep`` print.

Each table is rendered from the plain data of :mod:`triangle.report.data` (the same
data ``--format json`` prints), so the text and the JSON never disagree. Numbers are
written by :func:`triangle.numbers.decimals`.
"""

from __future__ import annotations

import csv
import re
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from typing import IO, Any

from triangle.numbers import MINUS, fixed
from triangle.numbers import decimals as fmt
from triangle.report.data import to_data
from triangle.report.prose import SELECTION_LINES, is_range, percent, the
from triangle.vocabulary import SELECTIONS

__all__ = [
    "WIDTH",
    "format_analysis",
    "format_compare",
    "format_solve",
    "format_sweep",
    "write_sweep_csv",
]

WIDTH = 100
"""Columns of the text the command line prints: longer lines are wrapped, wide tables
narrowed."""


# -- text rendering -------------------------------------------------------------------


_GLUE = "\xa0"
"""Joins what a wrapped line must not separate (a name and its number); printed as a
space."""


def _profile_text(profile: Mapping[str, Mapping[str, float]]) -> str:
    parts = []
    for _player, mix in profile.items():
        if len(mix) == 1:
            parts.append(next(iter(mix)))
        else:
            # one player's mixture stays on one line when a table wraps the profile
            parts.append(
                "{" + f",{_GLUE}".join(f"{s}:{_GLUE}{fmt(p)}" for s, p in mix.items()) + "}"
            )
    return "(" + ", ".join(parts) + ")"


def _payoff_text(payoffs: Mapping[str, float]) -> str:
    return ", ".join(f"{p}{_GLUE}{fmt(v, 3)}" for p, v in payoffs.items())


def _triangle_text(tri: Mapping[str, Any] | None) -> str:
    if not tri or not tri.get("roles"):
        return ""
    roles = ", ".join(f"{a} {r} ({fmt(tri['scores'][a])})" for a, r in tri["roles"].items())
    return f"{tri['configuration']}: {roles}"


def _relations_text(relations: Mapping[str, float] | None) -> str:
    """The ties of an outcome: which are friendly, which only by chance, how many hostile.

    >>> _relations_text({"A–B": 1.0, "A–C": 0.0, "B–C": 0.25})
    'friendly: A–B; B–C friendly with probability 0.25; the other 1 hostile'
    >>> _relations_text({"A–B": 0.0})
    'A–B hostile'
    """
    if not relations:
        return ""
    friendly = [k for k, p in relations.items() if p == 1]
    chance = [(k, p) for k, p in relations.items() if 0 < p < 1]
    hostile = len(relations) - len(friendly) - len(chance)
    if len(relations) == 1:
        ((key, p),) = relations.items()
        word = (
            "friendly"
            if p == 1
            else ("hostile" if p == 0 else f"friendly with probability {fmt(p)}")
        )
        return f"{key} {word}"
    parts = []
    if friendly:
        parts.append("friendly: " + ", ".join(friendly))
    parts += [f"{k} friendly with probability {fmt(p)}" for k, p in chance]
    if hostile:
        whole = hostile == len(relations)
        parts.append(f"all {hostile} ties hostile" if whole else f"the other {hostile} hostile")
    return "; ".join(parts)


def _shape_text(entry: Mapping[str, Any]) -> str:
    """The triangle of an outcome (three actors), else its ties ("" without stances)."""
    triangle = entry.get("triangle", entry)
    return _triangle_text(triangle) or _relations_text(entry.get("relations"))


def _shape_header(entries: Sequence[Mapping[str, Any]]) -> str | None:
    """The column of :func:`_shape_text`: "triangle", "ties", or none without stances."""
    if any(_triangle_text(e.get("triangle", e)) for e in entries):
        return "triangle"
    if any(e.get("relations") for e in entries):
        return "ties"
    return None


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for a wide (East Asian) character, none
    for a combining mark, one for any other.

    >>> display_width("US"), display_width("美国"), display_width("é")
    (2, 4, 1)
    """
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def _table(rows: list[list[str]], header: list[str], width: int = WIDTH - 2) -> list[str]:
    """Rows under a header, columns padded; when the table would be wider than
    ``width``, its widest columns are narrowed and their cells wrapped onto more lines.
    Widths are terminal columns (:func:`display_width`)."""
    cells = [[str(v) for v in r] for r in [header, *rows]]
    columns = range(len(header))
    widths = [max(display_width(r[c]) for r in cells) for c in columns]
    room = width - 2 * (len(header) - 1)
    # a column is narrowed down to its longest word (a mixture, a name with its number),
    # and below that only when the table cannot fit otherwise
    words = [max(display_width(w) for r in cells for w in r[c].split(" ")) for c in columns]
    floors = [
        min(w, max(10, display_width(h), k)) for w, h, k in zip(widths, header, words, strict=True)
    ]
    if sum(floors) > room:
        floors = [min(w, max(10, display_width(h))) for w, h in zip(widths, header, strict=True)]
    while sum(widths) > room:
        c = max(columns, key=lambda k: widths[k] - floors[k])
        if widths[c] <= floors[c]:
            break  # as narrow as the columns go
        widths[c] -= 1

    def lines(row: list[str]) -> list[str]:
        parts = [_wrap_cell(cell, w) or [""] for cell, w in zip(row, widths, strict=True)]
        height = max(len(p) for p in parts)
        return [
            "  ".join(
                _pad(p[k] if k < len(p) else "", w) for p, w in zip(parts, widths, strict=True)
            ).rstrip()
            for k in range(height)
        ]

    out = lines(cells[0]) + ["  ".join("-" * w for w in widths)]
    for row in cells[1:]:
        out += lines(row)
    return out


def _wrap_cell(cell: str, width: int) -> list[str]:
    """``cell`` wrapped to ``width`` terminal columns (textwrap counts characters, so a
    cell with wide characters is wrapped to fewer of them)."""
    extra = display_width(cell) - len(cell)
    if extra <= 0:
        return textwrap.wrap(cell, width, break_on_hyphens=False)
    chars = max(1, width)
    while True:
        lines = textwrap.wrap(cell, chars, break_on_hyphens=False)
        if chars == 1 or all(display_width(line) <= width for line in lines):
            return lines
        chars -= 1


def _heading(title: str) -> list[str]:
    """A title, wrapped, and its underline."""
    lines = textwrap.wrap(title, WIDTH, break_on_hyphens=False) or [""]
    return [*lines, "=" * max(len(line) for line in lines)]


_HANG = re.compile(r"^ *(?:\S.{0,30}? +\[\d+\] |[^:]{1,40}?: )")
"""Where a long line's continuation lines start: after ``"[1] "`` in a comparison, else
after a ``"label: "``."""


def _fit(lines: list[str]) -> str:
    """The lines joined, each longer than :data:`WIDTH` wrapped with its continuation
    indented under its text (after its label)."""
    out = []
    for line in lines:
        if len(line) <= WIDTH:
            out.append(line)
            continue
        label = _HANG.match(line)
        hang = len(label.group(0)) if label else len(line) - len(line.lstrip(" "))
        out += textwrap.wrap(
            line, WIDTH, subsequent_indent=" " * min(hang, 40), break_on_hyphens=False
        )
    return "\n".join(out).replace(_GLUE, " ")


def format_solve(report: Mapping[str, Any], *, show_game: bool = False) -> str:
    """Render a :func:`solve_report` as text for a terminal."""
    lines = _heading(report["scenario"]["title"])
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
    shape = _shape_header(eqs)
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
                *([_shape_text(e)] if shape else []),
            ]
        )
    header = ["#", "kind", "plausible", "profile", "payoffs", "regret", *([shape] if shape else [])]
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
                    _shape_text(f) or _profile_text(f["profile"]) for f in (plaus or b["followers"])
                )
            )
            outcome = " | ".join(shown[:2])
            if len(shown) > 2:
                outcome += f" | (+{len(shown) - 2} more)"
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
    return _fit(lines)


def _opt(x: float | None) -> str:
    return "-" if x is None else fmt(x, 3)


# -- move analysis --------------------------------------------------------------------


def _mix_text(mix: str | Mapping[str, float]) -> str:
    if isinstance(mix, str):
        return mix
    return "{" + ", ".join(f"{s}: {fmt(p)}" for s, p in mix.items()) + "}"


def _side_text(side: Mapping[str, Any], mover: str) -> str:
    """One side of a move: its triangle (three actors with stances), its ties (stances),
    or what the others play (no stances)."""
    shape = _shape_text(side)
    if shape:
        return shape
    others = [(p, s) for p, s in side["profile"].items() if p != mover]
    return ", ".join(f"{p} {_mix_text(s)}" for p, s in others)


def _side_header(sides: Sequence[Mapping[str, Any]]) -> str:
    return _shape_header(sides) or "others play"


def _gain_text(gain: Mapping[str, float]) -> str:
    lo, hi = gain["min"], gain["max"]
    return f"{fmt(lo, 3)} to {fmt(hi, 3)}" if is_range(lo, hi) else fmt(lo, 3)


def _move_roles(move: Mapping[str, Any]) -> str:
    """`` (target Russia, third actor China)``: who the move aims at, when anyone."""
    named = [
        f"{label} {move[key]}"
        for key, label in (("target", "target"), ("third", "third actor"))
        if move.get(key)
    ]
    return f" ({', '.join(named)})" if named else ""


def format_analysis(analysis) -> str:
    """A :class:`~triangle.analysis.MoveAnalysis` as text for a terminal: the verdict and
    why, the triangle before and after, the gain by component, the verdicts under
    other selections and the thresholds."""
    data = to_data(analysis)
    move = data["move"]
    title = data["scenario"]
    lines = [*_heading(title), f"file: {data['path']}"]
    lines.append(f"move: {move['player']} {move['from']} -> {move['to']}" + _move_roles(move))
    lines.append("")
    lines.append(
        f"Verdict: {move['verdict'].upper()} for {move['player']}"
        f" (gain {_gain_text(move['gain'])}, {move['selection']} selection)"
    )
    lines.append(f"  why: {move['reason']}")
    lines.append("")
    rows = []
    for label in ("before", "after"):
        side = move[label]
        rows.append(
            [
                label,
                side["strategy"],
                _side_text(side, move["player"]),
                _payoff_text(side.get("payoffs") or {}),
            ]
        )
    header = ["", "strategy", _side_header([move["before"], move["after"]]), "payoffs"]
    lines += ["  " + x for x in _table(rows, header)]
    mover = the(move["player"])
    ranged = is_range(move["gain"]["min"], move["gain"]["max"])
    if ranged:
        # the rows are the outcomes of the low end of the gain: say so, or they read
        # as the only outcomes
        lines.append(
            f"  rows: {mover}'s best {move['selection']} outcome before the move and its "
            "worst after it (the low end of the gain)"
        )
    wedge = move.get("wedge")
    if wedge:
        lines.append(f"  wedge: {wedge['sentence']}")
    if list(move["decomposition"]) != ["payoff"]:  # a game with payoff components
        lines.append("")
        if ranged:
            lines.append(
                f"Gain of {move['player']} by component, at its low end (the rows above: "
                "after - before)"
            )
        else:
            lines.append(f"Gain of {move['player']} by component (after - before)")
        for name, value in move["decomposition"].items():
            lines.append(f"  {name:<12} {fmt(value, 3):>8}")
        total = "low end" if ranged else "total"
        lines.append(f"  {total:<12} {fmt(sum(move['decomposition'].values()), 3):>8}")
    lines.append("")
    lines.append("Under other equilibrium selections")
    rows = [
        [sel, move["verdicts"][sel], _gain_text(move["gains"][sel]), SELECTION_LINES[sel]]
        for sel in SELECTIONS
    ]
    lines += ["  " + x for x in _table(rows, ["selection", "verdict", "gain", "which outcomes"])]
    if data.get("thresholds"):
        lines.append("")
        lines.append("Thresholds")
        for t in data["thresholds"]:
            lines.append(f"  {t['sentence']} [{t['method']}]")
    for note in data.get("notes", []):
        lines.append(f"note: {note}")
    return _fit(lines)


def format_compare(analyses: Sequence) -> str:
    """Several move analyses side by side, one block per row of the comparison."""
    datas = [to_data(a) for a in analyses]

    def row(label: str, get) -> list[str]:
        return [label, *(get(d) for d in datas)]

    def threshold(d: Mapping[str, Any]) -> str:
        ts = d.get("thresholds") or []
        return "; ".join(t["sentence"] for t in ts) or "-"

    rows = [
        row("move", lambda d: f"{d['move']['player']} {d['move']['from']} -> {d['move']['to']}"),
        row("verdict", lambda d: d["move"]["verdict"]),
        row("gain", lambda d: _gain_text(d["move"]["gain"])),
        row("before", lambda d: _side_text(d["move"]["before"], d["move"]["player"])),
        row("after", lambda d: _side_text(d["move"]["after"], d["move"]["player"])),
        *(
            [row("wedge", lambda d: (d["move"].get("wedge") or {}).get("status", "-"))]
            if any(d["move"].get("wedge") for d in datas)
            else []
        ),
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
    return _fit(lines)


def format_sweep(scenario, curve) -> str:
    """A :class:`~triangle.analysis.GainCurve` as a table: the mover's gain and the
    verdict at each value of the parameter."""
    move = scenario.move
    lines = [
        f"{scenario.title}: {move.player}'s gain from {move.from_strategy} -> "
        f"{move.to_strategy} along {curve.parameter} ({curve.selection} selection)"
    ]
    for value, g_lo, g_hi, verdict in zip(
        curve.values.tolist(),
        curve.gain_min.tolist(),
        curve.gain_max.tolist(),
        curve.verdicts,
        strict=True,
    ):
        gain = _gain_text({"min": g_lo, "max": g_hi})
        lines.append(f"  {curve.parameter} = {fmt(value):>8}  gain {gain:>14}  {verdict}")
    return _fit(lines)


def write_sweep_csv(curve, stream: IO[str]) -> None:
    """A :class:`~triangle.analysis.GainCurve` as CSV: one row per value, full precision."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([curve.parameter, "gain_min", "gain_max", "verdict"])
    for value, g_lo, g_hi, verdict in zip(
        curve.values.tolist(),
        curve.gain_min.tolist(),
        curve.gain_max.tolist(),
        curve.verdicts,
        strict=True,
    ):
        writer.writerow([repr(value), repr(g_lo), repr(g_hi), str(verdict)])


# -- uncertainty -------------------------------------------------------------------------


def _probability_cell(d: Mapping[str, Any]) -> str:
    """A probability, its interval and its count, as percentages like every share."""
    if d["probability"] is None:
        return "n/a"
    lo, hi = d["interval"]
    return (
        f"{percent(d['probability']):>7}  [{percent(lo)}, {percent(hi)}]  "
        f"{d['count']:,} of {d['total']:,}"
    )


_HYPHEN_MINUS = re.compile(r"(?<![\w.])-(?=\.?\d)")
"""An ASCII hyphen used as the sign of a number (not an exponent's sign: ``1e-06``)."""


def _minus_signs(text: str) -> str:
    """``text`` with the signs of its numbers written as the real minus sign, as every
    number of the tables is.

    >>> _minus_signs("pert (min -1, max 2e-06)") == "pert (min \u22121, max 2e-06)"
    True
    """
    return _HYPHEN_MINUS.sub(MINUS, text)


def _index(value: float | None) -> str:
    """A correlation or a Sobol index: three decimals, always (``0.398``, ``−0.006``)."""
    return "-" if value is None else fixed(value, 3)


def format_monte_carlo(data: Mapping[str, Any]) -> str:
    """The summary of a Monte Carlo run (the data of
    :class:`~triangle.analysis.uncertainty.MonteCarlo`) as text."""
    move = data["move"]
    title = f"{data['scenario']}: {move['player']} {move['from']} -> {move['to']}"
    lines = [title, "=" * len(title)]
    lines.append(
        f"{data['samples']:,} draws, seed {data['seed']}, {data['selection']} selection; "
        f"drawn: {', '.join(data['drawn'])}"
    )
    if data["fixed"]:
        lines.append("fixed: " + ", ".join(f"{k}={fmt(v)}" for k, v in data["fixed"].items()))
    lines += ["", data["finding"], "", "verdict (probability, 95% Wilson interval)"]
    for verdict, d in data["verdicts"].items():
        lines.append(f"  {verdict:<34} {_probability_cell(d)}")
    if move["target"] is not None:
        lines.append(
            f"  {move['target'] + ' prefers no tie with ' + str(move['third']):<34} "
            f"{_probability_cell(data['target_flips'])}"
        )
    gain = data["gain"]
    q = gain["quantiles"]
    lines += [
        "",
        f"gain of {move['player']}: mean {fmt(gain['mean'], 3)}, sd {fmt(gain['sd'], 3)}; "
        + ", ".join(f"{float(k) * 100:g}% {fmt(v, 3)}" for k, v in q.items()),
    ]
    if gain["share_with_a_range"]:
        lines.append(
            f"  (the lower end of the gain; {percent(gain['share_with_a_range'])} of "
            "the points have a range)"
        )
    lines += ["", "what drives the gain"]
    header = ["parameter", "distribution", "Spearman"]
    if data["sobol"]:
        header += ["Sobol first", "Sobol total"]
    rows = []
    for name in data["drivers"]:
        row = [name, _minus_signs(data["drawn"][name]), _index(data["spearman"][name])]
        if data["sobol"]:
            s = data["sobol"][name]
            row += [
                f"{_index(s['first'])} ± {_index(s['first_conf'])}",
                f"{_index(s['total'])} ± {_index(s['total_conf'])}",
            ]
        rows.append(row)
    lines += ["  " + x for x in _table(rows, header)]
    if data["sobol"]:
        lines.append(
            f"  Sobol: SALib, N = {data['sobol_base']} ({data['sobol_points']:,} more points)"
        )
    if data["configurations_after"]:
        lines += ["", "triangle after the move"]
        for name, share in data["configurations_after"].items():
            lines.append(f"  {name:<20} {percent(share):>7}")
    return "\n".join(lines)


def format_grid(data: Mapping[str, Any]) -> str:
    """The summary of a grid sweep (the data of
    :class:`~triangle.analysis.uncertainty.GridSweep`) as text."""
    move = data["move"]
    title = f"{data['scenario']}: {move['player']} {move['from']} -> {move['to']}"
    lines = [title, "=" * len(title)]
    axes = "; ".join(
        f"{a['parameter']} {fmt(a['from'])} to {fmt(a['to'])} ({a['steps']} values)"
        for a in data["grid"]
    )
    lines.append(f"grid: {axes} ({data['points']:,} points, {data['selection']} selection)")
    if data["fixed"]:
        lines.append("fixed: " + ", ".join(f"{k}={fmt(v)}" for k, v in data["fixed"].items()))
    lines += ["", data["finding"], ""]
    for verdict, share in data["shares"].items():
        lines.append(f"  {verdict:<34} {percent(share):>7} of the points")
    lines.append(f"  gain from {fmt(data['gain']['min'], 3)} to {fmt(data['gain']['max'], 3)}")
    return "\n".join(lines)
