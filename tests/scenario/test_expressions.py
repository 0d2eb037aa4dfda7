"""The safe expression evaluator: whitelist, guards, located errors, agreement with arithmetic."""

from __future__ import annotations

import math
import re
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from triangle.errors import ScenarioError, TriangleInputError
from triangle.scenario.expressions import (
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    Expression,
    parse_expression,
)

NAMES = ("split", "w", "alpha_2")
VALUES = {"split": 3.0, "w": 0.25, "alpha_2": -1.5}


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


# -- known values -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 - split", Fraction(-1)),
        ("w * 4", Fraction(1)),
        ("-2^2", Fraction(-4)),  # power binds tighter than unary minus
        ("-2**2", Fraction(-4)),
        ("2 + 3 ^ 2", Fraction(11)),  # '^' is power, not Python's low-precedence xor
        ("2 ^ 3 ^ 2", Fraction(512)),  # right-associative
        ("(2 + 3) ^ 2", Fraction(25)),
        ("1 / 3", Fraction(1, 3)),
        ("min(split, w, 1)", Fraction(1, 4)),
        ("max(split, 10 * w)", Fraction(3)),
        ("max(alpha_2)", Fraction(-3, 2)),
        ("abs(alpha_2) + abs(-split)", Fraction(9, 2)),
        ("+split", Fraction(3)),
        ("--split", Fraction(3)),
        ("split ^ -1", Fraction(1, 3)),
        ("4 ^ 0.5", Fraction(2)),
        ("(-2) ^ 3", Fraction(-8)),
        ("1e-1 * 10", Fraction(1)),
        ("1_000 / 1000", Fraction(1)),
        ("  split  ", Fraction(3)),
    ],
)
def test_known_values(text, expected):
    assert close(parse_expression(text, NAMES).evaluate(VALUES), float(expected))


def test_names_and_literals_are_recorded():
    e = parse_expression("2 * split - w ^ 3 + split", NAMES)
    assert e.names == frozenset({"split", "w"})
    assert e.literals == (2.0, 3.0)
    assert not e.is_constant
    c = parse_expression("1 + 2", NAMES)
    assert c.is_constant and c.names == frozenset()
    assert close(c.evaluate({}), 3.0)


def test_constant_expression():
    e = Expression.constant(2.5, path="a.yaml", line=3)
    assert close(e.evaluate({}), 2.5)
    assert e.literals == (2.5,)
    with pytest.raises(ScenarioError, match=r"^a\.yaml:3: "):
        Expression.constant(float("nan"), path="a.yaml", line=3)


def test_missing_value_is_an_input_error():
    e = parse_expression("split + w", NAMES)
    with pytest.raises(TriangleInputError, match="no value for parameter 'w'"):
        e.evaluate({"split": 1.0})


# -- located errors ----------------------------------------------------------------------


def test_unknown_parameter_message_is_exact():
    with pytest.raises(ScenarioError) as err:
        parse_expression("2 - splt", ("split", "w"), path="x.yaml", line=14)
    assert str(err.value) == (
        "x.yaml:14: unknown parameter 'splt' in \"2 - splt\" (parameters: split, w)"
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("split.real", "attribute access 'split.real'"),
        ("foo(1)", "function 'foo'"),
        ("__import__('os')", "function '__import__'"),
        ("split < 1", "comparison"),
        ("'abc'", "string"),
        ("split // 2", "operator '//'"),
        ("split % 2", "operator '%'"),
        ("split | 1", "operator '|'"),
        ("split & 1", "operator '&'"),
        ("split << 1", "operator '<<'"),
        ("~split", "operator '~'"),
        ("not split", "operator 'not'"),
        ("split and w", "boolean operator"),
        ("[split]", "list"),
        ("(split, w)", "tuple"),
        ("{1: 2}", "dict"),
        ("split[0]", "subscript"),
        ("lambda: 1", "lambda"),
        ("1 if split else 2", "conditional expression"),
        ("True", "constant 'True'"),
        ("None", "constant 'None'"),
        ("1j", "complex number"),
        ("max(*[1, 2])", "starred argument"),
        ("max(1, key=2)", "keyword argument"),
        ("(lambda: 1)()", "call"),
        ("[x for x in w]", "comprehension"),
        ("f'{w}'", "f-string"),
        ("(w := 1)", "assignment"),
        ("abs(1, 2)", "abs() takes exactly 1 argument"),
        ("min()", "min() needs at least 1 argument"),
        ("2 -", "invalid expression"),
        ("", "empty expression"),
        ("split = 1", "invalid expression"),
        ("import os", "invalid expression"),
        ("1e999", "number too large"),
        ("9" * 400, "number too large"),
        ("0x10", "number '0x10' is not allowed"),
        ("0b11 + w", "number '0b11' is not allowed"),
        ("0o7", "number '0o7' is not allowed"),
        ("1_0j", "complex number"),
        ("ｓplit + 1", "character 'ｓ' is not allowed"),  # Python would read 'split'
        ("split # a comment", "character '#' is not allowed"),
        ("split \\\n+ 1", "character '\\\\' is not allowed"),
        ("1 / 0", "division by zero"),
        ("0 ^ -1", "division by zero"),
        ("2 ^ 101", f"larger than {MAX_EXPONENT}"),
        ("(-8) ^ (1/3)", "fractional power"),
        ("10.0 ^ 100 * 10.0 ^ 100 * 10.0 ^ 100 * 10.0 ^ 100", "overflows"),
    ],
)
def test_rejected_with_location(text, fragment):
    with pytest.raises(ScenarioError) as err:
        parse_expression(text, NAMES, path="s.yaml", line=7)
    message = str(err.value)
    assert message.startswith("s.yaml:7: ")
    assert fragment in message


def test_length_limit():
    ok = "+".join(["1"] * (MAX_LENGTH // 2))  # 499 characters
    assert len(ok) <= MAX_LENGTH
    assert close(parse_expression(ok, ()).evaluate({}), float(MAX_LENGTH // 2))
    with pytest.raises(ScenarioError, match=f"the limit is {MAX_LENGTH}"):
        parse_expression(ok + "+1", ())


def test_depth_limit():
    assert close(parse_expression("-" * (MAX_DEPTH - 1) + "1", ()).evaluate({}), -1.0)
    with pytest.raises(ScenarioError, match=f"nested more than {MAX_DEPTH} levels"):
        parse_expression("-" * (MAX_DEPTH + 1) + "1", ())


@pytest.mark.parametrize(
    ("text", "values", "fragment"),
    [
        ("1 / (w - 1)", {"w": 1.0}, 'division by zero in "1 / (w - 1)" with w=1'),
        ("split ^ w", {"split": 2.0, "w": 150.0}, "exponent 150 is larger than 100"),
        ("split ^ w", {"split": -2.0, "w": 0.5}, "fractional power"),
        ("split * 1e300 * 1e300", {"split": 1.0}, "overflows"),
        ("1 / (split * 1e300 * 1e300)", {"split": 1.0}, "overflows"),
        ("min(split * 1e308 * 10, 1)", {"split": 1.0}, "overflows"),
        ("w ^ 100", {"w": 1e10}, "overflows"),
    ],
)
def test_evaluation_errors_are_located(text, values, fragment):
    e = parse_expression(text, ("split", "w"), path="p.yaml", line=21)
    with pytest.raises(ScenarioError) as err:
        e.evaluate(values)
    assert str(err.value).startswith("p.yaml:21: ")
    assert fragment in str(err.value)


# -- generated expression trees ---------------------------------------------------------

leaves = st.one_of(
    st.tuples(st.just("num"), st.integers(0, 1000)),
    st.tuples(st.just("num"), st.floats(0, 1e6, allow_nan=False, allow_infinity=False)),
    st.tuples(st.just("name"), st.sampled_from(NAMES)),
)


def _extend(children):
    return st.one_of(
        st.tuples(st.sampled_from(["neg", "pos", "abs"]), children),
        st.tuples(st.sampled_from(["+", "-", "*", "/"]), children, children),
        st.tuples(st.just("pow"), children, st.integers(-3, 4), st.booleans()),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(children, min_size=1, max_size=3)),
    )


trees = st.recursive(leaves, _extend, max_leaves=12)


def render(tree, spaced: bool) -> str:
    sp = " " if spaced else ""
    kind = tree[0]
    if kind == "num":
        return repr(tree[1])
    if kind == "name":
        return tree[1]
    if kind == "neg":
        return f"-({render(tree[1], spaced)})"
    if kind == "pos":
        return f"+({render(tree[1], spaced)})"
    if kind == "abs":
        return f"abs({render(tree[1], spaced)})"
    if kind in ("min", "max"):
        return f"{kind}({f',{sp}'.join(render(t, spaced) for t in tree[1])})"
    if kind == "pow":
        op = "^" if tree[3] else "**"
        return f"({render(tree[1], spaced)}){sp}{op}{sp}({tree[2]})"
    return f"({render(tree[1], spaced)}){sp}{kind}{sp}({render(tree[2], spaced)})"


class Undefined(Exception):
    pass


def compute(tree, values) -> float:
    """The value of a tree by direct arithmetic on it (no parsing involved)."""
    kind = tree[0]
    if kind == "num":
        return float(tree[1])
    if kind == "name":
        return values[tree[1]]
    if kind == "neg":
        return -compute(tree[1], values)
    if kind == "pos":
        return compute(tree[1], values)
    if kind == "abs":
        return abs(compute(tree[1], values))
    if kind in ("min", "max"):
        args = [compute(t, values) for t in tree[1]]
        return min(args) if kind == "min" else max(args)
    if kind == "pow":
        base = compute(tree[1], values)
        try:
            result = base ** float(tree[2])
        except (ZeroDivisionError, OverflowError):
            raise Undefined from None
    else:
        a, b = compute(tree[1], values), compute(tree[2], values)
        if kind == "/":
            try:
                result = a / b
            except ZeroDivisionError:
                raise Undefined from None
        else:
            result = {"+": a + b, "-": a - b, "*": a * b}[kind]
    if not math.isfinite(result):
        raise Undefined
    return result


values_strategy = st.fixed_dictionaries(
    {n: st.floats(-100, 100, allow_nan=False, allow_infinity=False) for n in NAMES}
)


@settings(max_examples=300, deadline=None)
@given(tree=trees, values=values_strategy, spaced=st.booleans())
def test_agrees_with_arithmetic_on_the_tree(tree, values, spaced):
    text = render(tree, spaced)
    assume(len(text) <= MAX_LENGTH)
    try:
        expected = compute(tree, values)
    except Undefined:
        expected = None
    try:
        expression = parse_expression(text, NAMES)
        got = expression.evaluate(values)
    except ScenarioError as err:
        assert expected is None, f"{text!r} rejected: {err}"
        return
    assert expected is not None, f"{text!r} gave {got}, expected an error"
    assert close(got, expected), (text, got, expected)
    assert expression.names <= set(NAMES)


FORBIDDEN = [
    "{} < 1",
    "({}).real",
    "foo({})",
    "({}) // 2",
    "({}) % 2",
    "[{}]",
    "({})[0]",
    "'{}'",
    "({}) if 1 else 2",
    "lambda: {}",
    "not ({})",
    "~({})",
    "({}) and 1",
    "({}) | 1",
    "({}) @ 2",
    "x := {}",
    "({}), 1",
    "undeclared + ({})",
    "eval('{}')",
    "({}) == 1",
    "{}; 1",
    "({}) is None",
]


@settings(max_examples=200, deadline=None)
@given(tree=trees, template=st.sampled_from(FORBIDDEN))
def test_rejects_non_whitelisted_syntax(tree, template):
    text = template.format(render(tree, True))
    assume(len(text) <= MAX_LENGTH)
    with pytest.raises(ScenarioError) as err:
        parse_expression(text, NAMES, path="g.yaml", line=5)
    assert str(err.value).startswith("g.yaml:5: ")


# the documented grammar, token by token, written out independently of the evaluator
DOCUMENTED = re.compile(
    r"(?:[ \t\r\n]+"
    r"|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?(?![\w.])"
    r"|(?:split|w|alpha_2|min|max|abs)(?!\w)"
    r"|\*\*|[-+*/^(),])*"
)


@settings(max_examples=400)
@given(st.text("0123456789.xobeEjJ_+-*/^() ,#\\'splitwamxnb\u017f\uff53", max_size=14))
def test_whatever_is_accepted_is_written_in_the_documented_grammar(text):
    try:
        parse_expression(text, NAMES)
    except ScenarioError:
        return
    assert DOCUMENTED.fullmatch(text), text
