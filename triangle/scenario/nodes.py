"""YAML documents as small trees that remember the line of every key and value.

:func:`compose` runs PyYAML's *safe* composer (libyaml when available) and walks
the resulting node graph into :class:`Scalar`, :class:`Seq` and :class:`Map`
objects with 1-based line numbers. Nothing is ever constructed from a tag other
than the YAML core schema's; anchors and aliases are refused (they could expand
a small file into a huge tree); duplicate keys are an error, not "last one wins".

Examples
--------
>>> doc = compose("a: 1\\nb: [x, 2.5]\\n", "demo.yaml")
>>> doc.line, [k.text for k, _ in doc.entries]
(1, ['a', 'b'])
>>> doc.get("b").items[1].value, doc.get("b").items[1].line
(2.5, 2)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from triangle.errors import ScenarioError, excerpt

MAX_NESTING = 64
"""Deepest nesting of lists and mappings accepted in a scenario file."""

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True, eq=False)
class Scalar:
    """A scalar: ``value`` as the YAML core schema reads it, ``text`` as written."""

    value: Any
    text: str
    line: int
    tag: str

    @property
    def is_null(self) -> bool:
        return self.tag == "tag:yaml.org,2002:null"


@dataclass(frozen=True, eq=False)
class Seq:
    """A sequence (YAML list)."""

    items: tuple[Node, ...]
    line: int


@dataclass(frozen=True, eq=False)
class Map:
    """A mapping with scalar keys, in file order; keys are compared as written.

    ``line`` (as for :class:`Seq`) is the line of the key whose value it is, or
    where it starts when it is not the value of a key.
    """

    entries: tuple[tuple[Scalar, Node], ...]
    line: int

    def keys(self) -> list[str]:
        return [k.text for k, _ in self.entries]

    def get(self, key: str) -> Node | None:
        for k, v in self.entries:
            if k.text == key:
                return v
        return None

    def key_line(self, key: str) -> int:
        for k, _ in self.entries:
            if k.text == key:
                return k.line
        return self.line


Node = Scalar | Seq | Map


def describe(node: Node | None) -> str:
    """A short description of what a node is, for error messages.

    >>> describe(compose("yes", "x"))
    "boolean 'yes'"
    """
    if node is None:
        return "nothing"
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    if node.is_null:
        return "nothing"
    value = node.value
    if isinstance(value, bool):
        return f"boolean {excerpt(node.text)}"
    if isinstance(value, int | float):
        return f"the number {excerpt(node.text, quote=False)}"
    return excerpt(node.text)


def kind_of(node: Node | None) -> str:
    """What kind of value a node is, without quoting it.

    >>> kind_of(compose("root:x:0:0", "x")), kind_of(compose("[1, 2]", "x"))
    ('a text', 'a list')
    """
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return "nothing"
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    if isinstance(node.value, bool):
        return "a boolean"
    if isinstance(node.value, int | float):
        return "a number"
    return "a text"


def suggest(word: str, options: Iterable[str]) -> str:
    """A "did you mean" hint (with a leading space), or ``""`` when nothing is close.

    >>> suggest("payofs", ["players", "payoffs"])
    " (did you mean 'payoffs'?)"
    """
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def compose(text: str, path: str) -> Node | None:
    """Parse YAML ``text`` into a located tree; ``None`` for an empty document.

    Raises
    ------
    ScenarioError
        On YAML syntax errors (at the line the parser reports), several documents,
        aliases, non-scalar or duplicate keys, unknown tags and excessive nesting.
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = err.problem or err.context or "invalid YAML"
        if err.context and err.problem:
            problem = f"{err.context}; {err.problem}"
        raise ScenarioError(f"YAML syntax error: {problem}", path=path, line=line) from None
    except yaml.reader.ReaderError as err:
        line = text[: max(err.position, 0)].count("\n") + 1
        raise ScenarioError(f"YAML syntax error: {err.reason}", path=path, line=line) from None
    except yaml.YAMLError as err:
        raise ScenarioError(f"YAML syntax error: {err}", path=path) from None
    except RecursionError:
        loader.dispose()
        raise ScenarioError(
            f"the file is nested too deeply (limit: {MAX_NESTING} levels)", path=path
        ) from None
    try:
        return None if root is None else _Walker(loader, path).walk(root, 0)
    finally:
        loader.dispose()


class _Walker:
    def __init__(self, loader: Any, path: str):
        self.loader = loader
        self.path = path
        self.seen: set[int] = set()

    def fail(self, message: str, node: yaml.Node) -> ScenarioError:
        return ScenarioError(message, path=self.path, line=node.start_mark.line + 1)

    def walk(self, node: yaml.Node, depth: int, key_line: int | None = None) -> Node:
        if depth > MAX_NESTING:
            raise self.fail(f"nested more than {MAX_NESTING} levels deep", node)
        if node.tag not in _CORE_TAGS:
            raise self.fail(f"unsupported YAML tag {node.tag!r}", node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.seen:
            raise self.fail("YAML anchors and aliases (&name / *name) are not supported", node)
        self.seen.add(id(node))
        # A list or mapping that is the value of a key is located at its key: that is
        # where "this mapping lacks x" or "this list is too short" is best reported.
        line = key_line if key_line is not None else node.start_mark.line + 1
        if isinstance(node, yaml.SequenceNode):
            return Seq(tuple(self.walk(item, depth + 1) for item in node.value), line)
        entries: list[tuple[Scalar, Node]] = []
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail("mapping keys must be plain names, not lists or mappings", key_node)
            key = self.scalar(key_node)
            if key.text in first:
                raise ScenarioError(
                    f"duplicate key {excerpt(key.text)} (first at line {first[key.text]})",
                    path=self.path,
                    line=key.line,
                )
            first[key.text] = key.line
            entries.append((key, self.walk(value_node, depth + 1, key.line)))
        return Map(tuple(entries), line)

    def scalar(self, node: yaml.ScalarNode) -> Scalar:
        if node.tag not in _CORE_TAGS:
            raise self.fail(f"unsupported YAML tag {node.tag!r}", node)
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as err:
            raise self.fail(f"cannot read value {excerpt(node.value)}: {err}", node) from None
        return Scalar(value, str(node.value), node.start_mark.line + 1, node.tag)


def to_python(node: Node | None) -> Any:
    """Plain Python data (dict, list, str, int, float, bool, None) from a node.

    Scalars of other types (dates) are kept as the text written.
    """
    if node is None:
        return None
    if isinstance(node, Map):
        return {k.text: to_python(v) for k, v in node.entries}
    if isinstance(node, Seq):
        return [to_python(item) for item in node.items]
    if node.value is None or isinstance(node.value, str | int | float | bool):
        return node.value
    return node.text
