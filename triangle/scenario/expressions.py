"""Safe arithmetic expressions of scenario parameters.

A payoff in a scenario may be written as a formula of named parameters, such as
``"2 - split"`` or ``"w * max(trade, 0) ^ 2"``. The text is parsed once with
:func:`ast.parse` and checked against a whitelist; the accepted tree is turned into
nested closures, so that evaluating it thousands of times in a parameter sweep costs
a few function calls and never runs user code (no ``eval``, no ``compile``).

Grammar (everything else is rejected with a located :class:`~triangle.errors.ScenarioError`):

* decimal numbers (``3``, ``0.5``, ``1e-3``, ``1_000``; not ``0x10``, ``0b11`` or
  ``0o7``) and declared parameter names, spelled exactly as declared (ASCII);
* unary ``+`` and ``-``; binary ``+``, ``-``, ``*``, ``/``; power ``^`` (or ``**``),
  binding tighter than unary minus, as in mathematics (``-2^2 == -4``);
* parentheses; the functions ``min(a, b, ...)``, ``max(a, b, ...)`` and ``abs(x)``.

Guards: at most :data:`MAX_LENGTH` characters, :data:`MAX_DEPTH` levels of nesting
(each parenthesised or function-call operand, unary sign and power exponent nests one
level; a chain such as ``a + b - c + d`` stays at one level),
exponents of absolute value at most :data:`MAX_EXPONENT`, and every intermediate
result finite (division by zero and overflow are errors, never ``inf`` or ``nan``).
"""

from __future__ import annotations

import ast
import math
import operator
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from triangle.errors import ScenarioError, TriangleInputError, excerpt
from triangle.numbers import plain

MAX_LENGTH = 500
"""Longest accepted expression text, in characters."""
MAX_DEPTH = 50
"""Deepest accepted nesting of operations."""
MAX_EXPONENT = 100
"""Largest accepted absolute value of an exponent."""
FUNCTIONS = ("abs", "max", "min")
"""Names of the functions an expression may call (reserved: not parameter names)."""

Values = Mapping[str, float]
_Fn = Callable[[Values], float]


def _quoted(text: str, limit: int = 80) -> str:
    """An expression quoted in an error message, cut to about ``limit`` characters.

    Control characters are shown escaped (``\\x00``), never written raw to a terminal.

    >>> _quoted("2 - splt"), _quoted("x + " * 100)[-28:], _quoted("1\\0")
    ('"2 - splt"', '+ x + x +…" (400 characters)', '"1\\\\x00"')
    """
    if len(text) > limit:
        return f'"{_escaped(text[: limit - 1])}…" ({len(text)} characters)'
    return f'"{_escaped(text)}"'


def _escaped(text: str) -> str:
    """``text`` with every control character written as its Python escape (``\\x00``)."""
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


def _control_character(text: str) -> tuple[int, str] | None:
    """The first control character of ``text`` other than the white space of a YAML
    line (tab, newline, carriage return) and its position, or ``None``."""
    for k, c in enumerate(text):
        if c not in "\t\n\r" and unicodedata.category(c) in ("Cc", "Cf"):
            return k, c
    return None


class _EvaluationFailure(Exception):
    """Raised inside the closures; turned into a located ScenarioError by Expression."""


def _finite(x: float) -> float:
    if not math.isfinite(x):
        raise _EvaluationFailure("the result overflows (is not a finite number)")
    return x


@dataclass(frozen=True, eq=False)
class Expression:
    """A parsed, whitelisted arithmetic expression, ready to evaluate.

    Build one with :func:`parse_expression` (or :meth:`constant` for a plain
    number read from YAML).

    Attributes
    ----------
    text : str
        The expression as written.
    names : frozenset of str
        The parameters it uses.
    literals : tuple of float
        The numbers written in it (used to find numbers that lack a source).
    path, line : optional
        Where it was written, for error messages.

    Examples
    --------
    >>> e = parse_expression("2 - split", ["split", "w"])
    >>> sorted(e.names), e.literals
    (['split'], (2.0,))
    >>> e.evaluate({"split": 3.0, "w": 0.5})
    -1.0
    """

    text: str
    names: frozenset[str]
    literals: tuple[float, ...]
    _fn: _Fn = field(repr=False)
    path: str | None = None
    line: int | None = None

    @classmethod
    def constant(
        cls,
        value: float,
        *,
        text: str | None = None,
        path: str | None = None,
        line: int | None = None,
    ) -> Expression:
        """An expression that is the finite number ``value``.

        >>> Expression.constant(2.5).evaluate({})
        2.5
        """
        value = float(value)
        if not math.isfinite(value):
            raise ScenarioError(f"{plain(value)} is not a finite number", path=path, line=line)
        return cls(
            plain(value) if text is None else text,
            frozenset(),
            (value,),
            lambda _values: value,
            path=path,
            line=line,
        )

    def __reduce__(self):
        """Pickling (worker processes): an expression travels as its text and is parsed
        again on arrival (its compiled function cannot be pickled); a constant one as
        its value."""
        value = self.evaluate({}) if self.is_constant else None
        return (
            _rebuild,
            (self.text, tuple(sorted(self.names)), self.literals, self.path, self.line, value),
        )

    @property
    def is_constant(self) -> bool:
        """True when the expression uses no parameter."""
        return not self.names

    def evaluate(self, values: Values) -> float:
        """The value of the expression for the given parameter values.

        Raises
        ------
        ScenarioError
            On division by zero, an exponent out of bounds, a negative base with a
            fractional exponent, or a result that is not finite; located at the line
            where the expression was written and naming the parameter values used.
        TriangleInputError
            When ``values`` lacks a parameter the expression uses.
        """
        try:
            return self._fn(values)
        except _EvaluationFailure as failure:
            raise ScenarioError(
                f"{failure} in {_quoted(self.text)}{self._with(values)}",
                path=self.path,
                line=self.line,
            ) from None
        except KeyError as missing:
            raise TriangleInputError(
                f"no value for parameter {excerpt(missing.args[0])} used in {_quoted(self.text)}"
            ) from None

    def _with(self, values: Values) -> str:
        if not self.names:
            return ""
        used = ", ".join(f"{n}={plain(values[n])}" for n in sorted(self.names) if n in values)
        return f" with {used}" if used else ""


def parse_expression(
    text: str, names: Collection[str], *, path: str | None = None, line: int | None = None
) -> Expression:
    """Parse ``text`` as an arithmetic expression of the parameters ``names``.

    Parameters
    ----------
    text : str
        The expression, e.g. ``"alliance - split"`` or ``"0.5 * min(a, b) ^ 2"``.
    names : collection of str
        The declared parameter names (their order is used in error messages).
    path, line : optional
        Where the expression was written; every error is located there.

    Returns
    -------
    Expression

    Raises
    ------
    ScenarioError
        For syntax errors, anything outside the whitelist, unknown parameter names,
        over-long or over-nested text, and constant parts that do not evaluate.

    Examples
    --------
    >>> parse_expression("-2^2 + max(1, x)", ["x"]).evaluate({"x": 4})
    0.0
    >>> parse_expression("2 - splt", ["split", "w"], path="x.yaml", line=14)
    Traceback (most recent call last):
    ...
    triangle.errors.ScenarioError: x.yaml:14: unknown parameter 'splt' in "2 - splt" \
(parameters: split, w)
    """
    return _Parser(text, tuple(names), path, line).parse()


def _rebuild(text, names, literals, path, line, value) -> Expression:
    """The inverse of :meth:`Expression.__reduce__`."""
    if value is not None:
        return Expression(text, frozenset(), literals, lambda _values: value, path=path, line=line)
    return _Parser(text, names, path, line).parse()


_BINARY: dict[type, tuple[str, Callable[[float, float], float]]] = {
    ast.Add: ("+", operator.add),
    ast.Sub: ("-", operator.sub),
    ast.Mult: ("*", operator.mul),
    ast.Div: ("/", operator.truediv),
}

_FORBIDDEN_OPERATORS = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.BitXor: "^",
    ast.Not: "not",
    ast.Invert: "~",
}

_FORBIDDEN_NODES = {
    ast.Attribute: "attribute access",
    ast.Subscript: "subscript",
    ast.Compare: "comparison",
    ast.BoolOp: "boolean operator",
    ast.Lambda: "lambda",
    ast.IfExp: "conditional expression",
    ast.Tuple: "tuple",
    ast.List: "list",
    ast.Dict: "dict",
    ast.Set: "set",
    ast.JoinedStr: "f-string",
    ast.NamedExpr: "assignment",
    ast.Starred: "starred argument",
    ast.Slice: "slice",
    ast.ListComp: "comprehension",
    ast.SetComp: "comprehension",
    ast.DictComp: "comprehension",
    ast.GeneratorExp: "comprehension",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
}


_TOKEN = re.compile(
    r"""
      (?P<space>[ \t\r\n]+)
    | (?P<number>(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?)
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<operator>\*\*|[-+*/^(),])
    """,
    re.VERBOSE,
)
"""The tokens of the grammar, as written: ASCII names, decimal numbers, the operators."""
_WORD = re.compile(r"[\w.]+")


def _power(base: float, exponent: float) -> float:
    if abs(exponent) > MAX_EXPONENT:
        raise _EvaluationFailure(
            f"exponent {plain(exponent)} is larger than {MAX_EXPONENT} in absolute value"
        )
    if base < 0 and not exponent.is_integer():
        raise _EvaluationFailure(
            f"negative number {plain(base)} raised to the fractional power {plain(exponent)}"
        )
    try:
        return _finite(base**exponent)
    except ZeroDivisionError:
        raise _EvaluationFailure("zero raised to a negative power (division by zero)") from None
    except OverflowError:
        raise _EvaluationFailure("the result overflows (is not a finite number)") from None


def _divide(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        raise _EvaluationFailure("division by zero") from None


class _Parser:
    def __init__(self, text: str, names: tuple[str, ...], path: str | None, line: int | None):
        self.text = text
        self.names = names
        self.known = frozenset(names)
        self.path = path
        self.line = line
        self.used: set[str] = set()
        self.literals: list[float] = []

    def fail(self, message: str) -> ScenarioError:
        return ScenarioError(message, path=self.path, line=self.line)

    def parse(self) -> Expression:
        text = self.text
        if not isinstance(text, str):
            raise self.fail(f"an expression must be text, got {type(text).__name__}")
        if len(text) > MAX_LENGTH:
            raise self.fail(f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}")
        control = _control_character(text)
        if control is not None:
            at, char = control
            raise self.fail(
                f"expression {_quoted(text)} contains the control character "
                f"{repr(char)[1:-1]} (character {at + 1}); write it without one"
            )
        source = text.strip()
        if not source:
            raise self.fail("empty expression")
        # '^' is the power operator here; Python would read it as a (low-precedence)
        # bitwise xor, so it is rewritten before parsing. Strings are never valid, so
        # the rewrite cannot change the meaning of anything that would be accepted.
        source = source.replace("^", "**")
        try:
            tree = ast.parse(source, mode="eval")
        except SyntaxError as err:
            raise self.fail(f"invalid expression {_quoted(text)}: {err.msg}") from None
        except (ValueError, RecursionError, MemoryError):
            raise self.fail(f"invalid expression {_quoted(text)}") from None
        try:
            fn = self.build(tree.body, 1)
        except RecursionError:
            raise self.fail(f"expression {_quoted(text)} is nested too deeply") from None
        self.check_spelling(text)
        expression = Expression(
            text,
            frozenset(self.used),
            tuple(self.literals),
            fn,
            path=self.path,
            line=self.line,
        )
        if expression.is_constant:
            # Fold constants: errors such as "1/0" are reported at load time.
            value = expression.evaluate({})
            return Expression(
                text,
                frozenset(),
                tuple(self.literals),
                lambda _values: value,
                path=self.path,
                line=self.line,
            )
        return expression

    def check_spelling(self, text: str) -> None:
        """Refuse what Python's parser reads but the grammar does not have: numbers that
        are not decimal (``0x10``, ``0b11``, ``0o7``), names that Python would normalise
        (``ｓplit`` for ``split``), comments, line continuations."""
        pos = 0
        while pos < len(text):
            token = _TOKEN.match(text, pos)
            if token is None:
                raise self.fail(f"character {text[pos]!r} is not allowed in {_quoted(text)}")
            pos = token.end()
            if token.lastgroup == "number" and pos < len(text) and _WORD.match(text, pos):
                written = token.group() + _WORD.match(text, pos).group()
                raise self.fail(
                    f"number {excerpt(written, 30)} is not allowed in {_quoted(text)} "
                    "(numbers are decimal: 3, 0.25, 1e-3, 1_000)"
                )

    def not_allowed(self, what: str, node: ast.AST | None = None, why: str = "") -> ScenarioError:
        if node is not None:
            what = f"{what} {excerpt(ast.unparse(node).replace('**', '^'))}"
        return self.fail(f"{what} is not allowed in {_quoted(self.text)}{why}")

    def build(self, node: ast.AST, depth: int) -> _Fn:
        if depth > MAX_DEPTH:
            raise self.fail(
                f"expression {_quoted(self.text)} is nested more than {MAX_DEPTH} levels"
            )
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node, depth)
        if isinstance(node, ast.BinOp):
            return self.binary(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        what = _FORBIDDEN_NODES.get(type(node), type(node).__name__.lower())
        raise self.not_allowed(what, node)

    def constant(self, node: ast.Constant) -> _Fn:
        value = node.value
        if isinstance(value, bool) or value is None or value is Ellipsis:
            raise self.not_allowed("constant", node)
        if isinstance(value, str | bytes):
            raise self.not_allowed("string", node)
        if isinstance(value, complex):
            raise self.not_allowed("complex number", node)
        try:
            number = float(value)
        except OverflowError:
            raise self.fail(f"number too large in {_quoted(self.text)}") from None
        if not math.isfinite(number):  # e.g. 1e999
            raise self.fail(f"number too large in {_quoted(self.text)}")
        self.literals.append(number)
        return lambda _values: number

    def name(self, node: ast.Name) -> _Fn:
        name = node.id
        if name not in self.known:
            listed = ", ".join(self.names) if self.names else "none declared"
            raise self.fail(
                f"unknown parameter {name!r} in {_quoted(self.text)} (parameters: {listed})"
            )
        self.used.add(name)
        return operator.itemgetter(name)

    def unary(self, node: ast.UnaryOp, depth: int) -> _Fn:
        if isinstance(node.op, ast.UAdd):
            return self.build(node.operand, depth + 1)
        if isinstance(node.op, ast.USub):
            inner = self.build(node.operand, depth + 1)
            return lambda values: -inner(values)
        raise self.not_allowed(f"operator {_FORBIDDEN_OPERATORS[type(node.op)]!r}")

    def binary(self, node: ast.BinOp, depth: int) -> _Fn:
        op = type(node.op)
        if op is not ast.Pow and op not in _BINARY:
            raise self.not_allowed(f"operator {_FORBIDDEN_OPERATORS[op]!r}")
        # A left-associative chain such as "a + b - c + d" is one level deep: only
        # the right operand (a parenthesised or higher-precedence part) nests.
        left = self.build(node.left, depth)
        right = self.build(node.right, depth + 1)
        if op is ast.Pow:
            return lambda values: _power(left(values), right(values))
        if op is ast.Div:
            return lambda values: _finite(_divide(left(values), right(values)))
        fn = _BINARY[op][1]
        return lambda values: _finite(fn(left(values), right(values)))

    def call(self, node: ast.Call, depth: int) -> _Fn:
        func = node.func
        if not isinstance(func, ast.Name):
            raise self.not_allowed("call", node)
        if func.id not in FUNCTIONS:
            raise self.not_allowed("function", func, f" (functions: {', '.join(FUNCTIONS)})")
        if node.keywords:
            raise self.not_allowed("keyword argument", node.keywords[0])
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.not_allowed("starred argument", arg)
        args = tuple(self.build(arg, depth + 1) for arg in node.args)
        if func.id == "abs":
            if len(args) != 1:
                raise self.fail(f"abs() takes exactly 1 argument in {_quoted(self.text)}")
            (inner,) = args
            return lambda values: abs(inner(values))
        if not args:
            raise self.fail(f"{func.id}() needs at least 1 argument in {_quoted(self.text)}")
        pick = min if func.id == "min" else max
        return lambda values: pick([a(values) for a in args])
