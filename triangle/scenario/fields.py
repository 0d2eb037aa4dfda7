"""Typed reading of located YAML nodes, with ``path:line: what is wrong`` errors.

A :class:`Reader` is shared by the loader and the two scenario forms so that
every field is checked the same way: keys against the format's tables
(:mod:`~triangle.scenario.spec`, with "did you mean"), and each value against the kind
the tables give it: names, texts, plain numbers, and NUMBERs (a YAML number, an
expression string, or ``{value: ..., source: ..., note: ...}``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from triangle.errors import ScenarioError, excerpt
from triangle.scenario.expressions import Expression, parse_expression
from triangle.scenario.model import Number
from triangle.scenario.nodes import Map, Node, Scalar, Seq, describe, suggest
from triangle.scenario.spec import (
    MAX_NAME,
    NUMBER_MAPPING,
    Fields,
    Kind,
    ListOf,
    MapOf,
    Name,
    Numeric,
    Plain,
    Source,
    Tagged,
    Text,
)


def _is_number(node: Node) -> bool:
    return (
        isinstance(node, Scalar)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    )


class Reader:
    """Validating accessors over one file's nodes.

    Parameters
    ----------
    path : str
        The file name used in error messages.
    names : sequence of str
        Declared parameter names (for expressions); set once parameters are read.
    """

    def __init__(self, path: str, names: Sequence[str] = ()):
        self.path = path
        self.names: tuple[str, ...] = tuple(names)

    def fail(self, message: str, line: int | None) -> ScenarioError:
        return ScenarioError(message, path=self.path, line=line)

    # -- containers ------------------------------------------------------------------
    def mapping(self, node: Node | None, what: str, line: int | None) -> Map:
        if not isinstance(node, Map):
            where = node.line if node is not None else line
            raise self.fail(f"{what} must be a mapping, got {describe(node)}", where)
        return node

    def sequence(self, node: Node | None, what: str, line: int | None) -> Seq:
        if not isinstance(node, Seq):
            where = node.line if node is not None else line
            raise self.fail(f"{what} must be a list, got {describe(node)}", where)
        return node

    def fields(
        self,
        node: Map,
        what: str,
        spec: Fields,
        *,
        also: Fields | None = None,
        elsewhere: dict[str, str] | None = None,
    ) -> dict[str, Node]:
        """The entries of ``node`` after checking its keys against ``spec``: none
        unknown (with "did you mean"), every required one present, the first missing
        one reported.

        ``also`` adds keys that are allowed too but whose presence is checked by their
        own reader (a form's keys, needed once the players are known); ``elsewhere``
        maps keys that are valid in another context to an explanation (e.g. a key of
        the other scenario form).
        """
        required = spec.required
        allowed = spec.names + (also.names if also is not None else ())
        out: dict[str, Node] = {}
        for key, value in node.entries:
            name = key.text
            if name not in allowed:
                if elsewhere and name in elsewhere:
                    raise self.fail(f"key {excerpt(name)} {elsewhere[name]}", key.line)
                raise self.fail(
                    f"unknown key {excerpt(name)} in {what}{suggest(name, allowed)}", key.line
                )
            out[name] = value
        for name in required:
            if name not in out:
                raise self.fail(f"{what} is missing the required key {excerpt(name)}", node.line)
        return out

    def read(self, kind: Kind, node: Node | None, what: str, line: int | None):
        """Check that ``node`` is a value of ``kind`` (:mod:`~triangle.scenario.spec`) and
        return it read: the text of a :class:`~triangle.scenario.spec.Text`, the float
        of a :class:`~triangle.scenario.spec.Plain`, the
        :class:`~triangle.scenario.model.Number` of a NUMBER, and the node itself for a
        list or a mapping, whose entries the caller reads. Bounds, lengths and the
        words of a choice are the caller's to check, with messages that say what they
        mean."""
        if isinstance(kind, Text):
            return self.text(node, what, line)
        if isinstance(kind, Name):
            return self.name(node, what, line, kind.forbidden)
        if isinstance(kind, Source):
            return self.source(node, what, line)
        if isinstance(kind, Plain):
            return self.plain_number(node, what, line)
        if isinstance(kind, Numeric):
            return (
                self.number(node, what, line)
                if kind.with_source
                else self.expression(node, what, line)
            )
        if isinstance(kind, ListOf):
            return self.sequence(node, what, line)
        if isinstance(kind, MapOf | Fields | Tagged):
            return self.mapping(node, what, line)
        # an Either is read by its caller, which tells the options apart by shape
        raise TypeError(f"no single reader for {kind!r}")

    # -- scalars ---------------------------------------------------------------------
    def text(self, node: Node | None, what: str, line: int | None) -> str:
        """Any non-empty scalar, as text."""
        if not isinstance(node, Scalar) or node.is_null:
            where = node.line if node is not None else line
            raise self.fail(f"{what} must be text, got {describe(node)}", where)
        return node.value if isinstance(node.value, str) else node.text

    def name(self, node: Node | None, what: str, line: int | None, forbidden: str = ",") -> str:
        """A player or strategy name: non-empty text without surrounding spaces."""
        name = self.text(node, what, line)
        assert isinstance(node, Scalar)
        if len(name) > MAX_NAME:
            raise self.fail(
                f"{what} {excerpt(name)} is longer than {MAX_NAME} characters", node.line
            )
        if not name or name != name.strip():
            raise self.fail(
                f"{what} {excerpt(name)} must not be empty or start/end with spaces", node.line
            )
        bad = sorted({c for c in name if c in forbidden})
        if bad:
            raise self.fail(
                f"{what} {excerpt(name)} must not contain {' or '.join(repr(c) for c in bad)}",
                node.line,
            )
        return name

    def source(self, node: Node | None, what: str, line: int | None) -> str:
        """A source: text, or a list of texts (joined with ``", "``)."""
        if isinstance(node, Seq):
            parts = [self.text(item, what, node.line) for item in node.items]
            if not parts:
                raise self.fail(f"{what} must not be an empty list", node.line)
            return ", ".join(parts)
        return self.text(node, what, line)

    def plain_number(self, node: Node | None, what: str, line: int | None) -> float:
        """A YAML number (not a boolean, not an expression), finite."""
        if not isinstance(node, Scalar) or not _is_number(node):
            where = node.line if node is not None else line
            raise self.fail(f"{what} must be a number, got {describe(node)}", where)
        try:
            value = float(node.value)
        except OverflowError:
            raise self.fail(
                f"{what} {excerpt(node.text, quote=False)} is too large", node.line
            ) from None
        if not math.isfinite(value):
            raise self.fail(
                f"{what} must be a finite number, got {excerpt(node.text, quote=False)}", node.line
            )
        return value

    def number(
        self, node: Node | None, what: str, line: int | None, source: str | None = None
    ) -> Number:
        """A NUMBER: YAML number, expression text, or ``{value, source, note}``.

        ``source`` is the source of the enclosing entry, if any; a mapping's own
        ``source:`` takes precedence.
        """
        if isinstance(node, Map):
            fields = self.fields(node, f"the mapping for {what}", NUMBER_MAPPING)
            if "note" in fields:
                self.read(NUMBER_MAPPING.kind("note"), fields["note"], f"note of {what}", node.line)
            own = fields.get("source")
            if own is not None:
                source = self.read(
                    NUMBER_MAPPING.kind("source"), own, f"source of {what}", node.line
                )
            value = fields["value"]
            if isinstance(value, Map):
                raise self.fail(f"{what}: value must be a number or an expression", value.line)
            return Number(self.expression(value, what, node.line), what, source)
        return Number(self.expression(node, what, line), what, source)

    def expression(self, node: Node | None, what: str, line: int | None) -> Expression:
        if isinstance(node, Scalar) and _is_number(node):
            value = self.plain_number(node, what, line)
            return Expression.constant(value, text=node.text, path=self.path, line=node.line)
        if isinstance(node, Scalar) and isinstance(node.value, str) and node.value.strip():
            return parse_expression(node.value, self.names, path=self.path, line=node.line)
        where = node.line if node is not None else line
        raise self.fail(f"{what} must be a number or an expression, got {describe(node)}", where)
