"""Compiling a scenario at many parameter points at once: payoff arrays from arrays.

:meth:`~triangle.scenario.Scenario.compile_many` evaluates the payoff program once per
point; for parameter sweeps of millions of points this module evaluates it once per
*batch*: every parameter is an array (one value per point), each expression is
evaluated with numpy on those arrays, and the relations and table programs are
assembled with the same floating-point operations, in the same order, as their
one-point ``evaluate``, so that the payoffs are the same to the last bit.

An expression is evaluated from its text with the grammar of
:mod:`triangle.scenario.expressions` (numbers, parameters, unary ``+``/``-``,
``+ - * /``, powers, ``min``, ``max``, ``abs``); wherever a point would raise an error
in the one-point path (division by zero, an exponent out of bounds, a result that is
not finite), the batch reports it by evaluating that point the one-point way, which
raises the located error. Anything this module does not know (another program type,
a construct outside that grammar) makes :func:`payoffs_of_arrays` return ``None`` and
the caller uses the one-point path.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping

import numpy as np

from triangle.scenario.expressions import MAX_EXPONENT, Expression

__all__ = ["payoffs_of_arrays", "vector_expression"]

Arrays = Mapping[str, np.ndarray]
_VectorFn = Callable[[Arrays, list], np.ndarray]


class _Unsupported(Exception):
    """A construct this module does not vectorise: use the one-point path."""


def vector_expression(expression: Expression) -> Callable[[Arrays], tuple[np.ndarray, np.ndarray]]:
    """A numpy version of ``expression``: called with one array per parameter (all of
    one shape), it returns ``(values, bad)``, ``bad`` marking the points where the
    one-point evaluation would raise.

    Raises
    ------
    ValueError
        When the expression uses a construct that is not vectorised.

    Examples
    --------
    >>> from triangle.scenario.expressions import parse_expression
    >>> fn = vector_expression(parse_expression("2 - x / y", ["x", "y"]))
    >>> values, bad = fn({"x": np.array([1.0, 1.0]), "y": np.array([4.0, 0.0])})
    >>> values[0].item(), bad.tolist()
    (1.75, [False, True])
    """
    if expression.is_constant:
        value = expression.evaluate({})
        return lambda arrays: (_constant(value, arrays), _false(arrays))
    source = expression.text.strip().replace("^", "**")
    try:
        tree = ast.parse(source, mode="eval")
        fn = _build(tree.body)
    except (_Unsupported, SyntaxError, RecursionError) as err:
        raise ValueError(f'cannot vectorise "{expression.text}"') from err

    def run(arrays: Arrays) -> tuple[np.ndarray, np.ndarray]:
        flags: list[np.ndarray] = []
        with np.errstate(all="ignore"):
            values = np.asarray(fn(arrays, flags), dtype=float)
        shape = _shape(arrays)
        bad = np.zeros(shape, dtype=bool)
        for flag in flags:
            bad |= flag
        return np.broadcast_to(values, shape), bad

    return run


def _shape(arrays: Arrays) -> tuple[int, ...]:
    for value in arrays.values():
        return np.shape(value)
    return ()


def _constant(value: float, arrays: Arrays) -> np.ndarray:
    return np.full(_shape(arrays), value)


def _false(arrays: Arrays) -> np.ndarray:
    return np.zeros(_shape(arrays), dtype=bool)


def _finite(values: np.ndarray, flags: list) -> np.ndarray:
    flags.append(~np.isfinite(values))
    return values


def _build(node: ast.AST) -> _VectorFn:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise _Unsupported
        number = float(node.value)
        return lambda arrays, flags: number
    if isinstance(node, ast.Name):
        name = node.id
        return lambda arrays, flags: arrays[name]
    if isinstance(node, ast.UnaryOp):
        inner = _build(node.operand)
        if isinstance(node.op, ast.UAdd):
            return inner
        if isinstance(node.op, ast.USub):
            return lambda arrays, flags: np.negative(inner(arrays, flags))
        raise _Unsupported
    if isinstance(node, ast.BinOp):
        left, right = _build(node.left), _build(node.right)
        op = type(node.op)
        if op is ast.Add:
            return lambda a, f: _finite(np.add(left(a, f), right(a, f)), f)
        if op is ast.Sub:
            return lambda a, f: _finite(np.subtract(left(a, f), right(a, f)), f)
        if op is ast.Mult:
            return lambda a, f: _finite(np.multiply(left(a, f), right(a, f)), f)
        if op is ast.Div:
            return lambda a, f: _divide(left(a, f), right(a, f), f)
        if op is ast.Pow:
            return lambda a, f: _power(left(a, f), right(a, f), f)
        raise _Unsupported
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        args = [_build(arg) for arg in node.args]
        name = node.func.id
        if name == "abs" and len(args) == 1:
            (inner,) = args
            return lambda arrays, flags: np.abs(inner(arrays, flags))
        if name in ("min", "max") and args:
            pick = np.minimum if name == "min" else np.maximum
            first = args[0]

            def extreme(arrays, flags, pick=pick, first=first, rest=args[1:]):
                # Python's min/max keep the first of equal values: the same number
                out = first(arrays, flags)
                for arg in rest:
                    out = pick(out, arg(arrays, flags))
                return out

            return extreme
    raise _Unsupported


def _divide(a, b, flags: list) -> np.ndarray:
    b = np.asarray(b, dtype=float)
    flags.append(b == 0)
    return _finite(np.divide(a, b), flags)


def _power(base, exponent, flags: list) -> np.ndarray:
    """Elementwise with Python's own float power (the same rounding as one point)."""
    base, exponent = np.broadcast_arrays(np.asarray(base, float), np.asarray(exponent, float))
    out = np.empty(base.shape)
    bad = np.zeros(base.shape, dtype=bool)
    for index in np.ndindex(base.shape):
        b, e = float(base[index]), float(exponent[index])
        if abs(e) > MAX_EXPONENT or (b < 0 and not e.is_integer()):
            bad[index] = True
            out[index] = math.nan
            continue
        try:
            out[index] = b**e
        except (ZeroDivisionError, OverflowError):
            bad[index] = True
            out[index] = math.nan
    flags.append(bad)
    return _finite(out, flags)


# -- the two payoff programs ------------------------------------------------------------------


def payoffs_of_arrays(program, arrays: Arrays, size: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The payoff arrays of ``size`` points, ``(size, n, s_1, ..., s_n)``, and the points
    where the one-point path would raise; ``None`` when the program or one of its
    expressions is not vectorised here."""
    from triangle.scenario.relations import RelationsProgram
    from triangle.scenario.table import TableProgram

    try:
        if isinstance(program, RelationsProgram):
            return _relations(program, arrays, size)
        if isinstance(program, TableProgram):
            return _table(program, arrays, size)
    except ValueError:
        return None
    return None


class _Evaluator:
    """Evaluates Numbers on the arrays, collecting the points that would raise."""

    def __init__(self, arrays: Arrays, size: int):
        self.arrays = arrays
        self.size = size
        self.bad = np.zeros(size, dtype=bool)

    def __call__(self, number) -> np.ndarray:
        values, bad = vector_expression(number.expression)(self.arrays)
        self.bad |= bad
        return np.broadcast_to(values, (self.size,))


def _relations(program, arrays: Arrays, size: int) -> tuple[np.ndarray, np.ndarray]:
    """:meth:`RelationsProgram.evaluate` for ``size`` points, operation for operation."""
    ev = _Evaluator(arrays, size)
    shape = program.bao.shape
    scores = None
    if program.role_scores is not None:
        scores = np.stack([ev(n) for n in program.role_scores], axis=1)  # (size, roles)
    weights = [None if w is None else ev(w) for w in program.role_weight]
    ties = [(i, j, ev(n)) for (i, j), n in program.ties]
    thirds = [(i, ev(n)) for i, n in program.third_party]
    costs_ = [(i, j, ev(n)) for (i, j), n in program.costs]
    # A term value × friendly[i, j] adds value where the tie is friendly and ±0 elsewhere,
    # so only the friendly profiles are touched: the same numbers (up to the sign of a
    # zero) with a quarter of the work.
    profiles = int(np.prod(shape[1:]))
    with np.errstate(over="ignore", invalid="ignore"):
        payoffs = np.empty((size, shape[0], profiles))
        for i, w in enumerate(weights):
            if scores is None:
                base = program.bao[i].reshape(-1)
            else:
                base = scores[:, program.role_index[i].reshape(-1)]  # (size, profiles)
            payoffs[:, i] = base if w is None else w[:, np.newaxis] * base
        for group in (
            [(i, program.friendly[i, j], v) for i, j, v in ties],
            [(i, program.friendly[j, k], v) for i, v in thirds for j, k in [_others(i)]],
            [(i, program.friendly[i, j], -v) for i, j, v in costs_],
        ):
            part = np.zeros((size, shape[0], profiles))
            for i, mask, value in group:
                where = np.flatnonzero(mask.reshape(-1))
                part[:, i, where] += value[:, np.newaxis]
            payoffs += part
        payoffs = payoffs.reshape(size, *shape)
    bad = ev.bad | ~np.isfinite(payoffs.reshape(size, -1)).all(axis=1)
    return payoffs, bad


def _others(i: int) -> tuple[int, int]:
    j, k = (x for x in range(3) if x != i)
    return j, k


def _table(program, arrays: Arrays, size: int) -> tuple[np.ndarray, np.ndarray]:
    """:meth:`TableProgram.evaluate` for ``size`` points."""
    ev = _Evaluator(arrays, size)
    payoffs = np.empty((size, *program.base.shape))
    flat = payoffs.reshape(size, -1)
    flat[:] = program.base.reshape(-1)
    for index, number in program.variable:
        flat[:, index] = ev(number)
    return payoffs, ev.bad
