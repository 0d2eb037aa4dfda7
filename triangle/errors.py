"""Error types.

Every error a user can cause by what they wrote (a scenario file, a command-line
value) is a :class:`TriangleInputError`; the command line turns it into a one-line
message and exit status 2. Anything else is a bug or a solver failure (exit 1).
"""

from __future__ import annotations


class TriangleError(Exception):
    """Base class of the errors this package raises on purpose."""


class TriangleInputError(TriangleError, ValueError):
    """Bad input from the user: a scenario, a parameter override, an option value."""


class ScenarioError(TriangleInputError):
    """A scenario file is invalid.

    ``str(error)`` is ``"path:line: message"`` (the line is left out when unknown),
    the form compilers and editors understand.

    Examples
    --------
    >>> str(ScenarioError("payoff for (a, b) has 1 value, expected 2", path="x.yaml", line=14))
    'x.yaml:14: payoff for (a, b) has 1 value, expected 2'
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<scenario>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class MissingDependencyError(TriangleInputError):
    """An optional feature was asked for whose package is not installed (or is not a
    supported version); the message says what to install. The command line exits
    with status 2: the request cannot be served as made."""


class SolverError(TriangleError):
    """A solver failed in a way that is not the user's fault."""
