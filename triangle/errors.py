"""Error types.

Every error a user can cause by what they wrote (a scenario file, a command-line
value) is a :class:`TriangleInputError`; the command line turns it into a one-line
message and exit status 2. Anything else is a bug or a solver failure (exit 1).
"""

from __future__ import annotations

MAX_MESSAGE = 400
"""Most characters of an error message (not counting its ``path:line:`` location):
whatever a user wrote, the message quotes only an excerpt of it."""


def excerpt(value: object, limit: int = 60, *, quote: bool = True) -> str:
    """What a user wrote, for an error message: ``repr`` of a string (or of any value;
    the text itself with ``quote=False``), cut to about ``limit`` characters with its
    full length said.

    Examples
    --------
    >>> excerpt("Russia"), excerpt(1.5), excerpt("1e999", quote=False)
    ("'Russia'", '1.5', '1e999')
    >>> excerpt("x" * 300_000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (300000 characters)"
    >>> excerpt("9" * 5000, 20, quote=False)
    '9999999999999999999… (5000 characters)'
    """
    text = value if isinstance(value, str) else None
    shown = repr(value) if quote or text is None else text
    if len(shown) <= limit:
        return shown
    if text is None:
        return shown[: limit - 1] + "…"
    if not quote:
        return text[: limit - 1] + f"… ({len(text)} characters)"
    return repr(text[: limit - 2])[:-1] + "…' " + f"({len(text)} characters)"


def bounded(message: str) -> str:
    """``message`` cut to :data:`MAX_MESSAGE` characters: the last defence, for a
    message that quoted a user's text without :func:`excerpt`.

    >>> len(bounded("x" * 10_000)) == MAX_MESSAGE
    True
    """
    message = str(message)
    if len(message) <= MAX_MESSAGE:
        return message
    return message[: MAX_MESSAGE - 1] + "…"


class TriangleError(Exception):
    """Base class of the errors this package raises on purpose."""


class TriangleInputError(TriangleError, ValueError):
    """Bad input from the user: a scenario, a parameter override, an option value.

    The message is cut to :data:`MAX_MESSAGE` characters (:func:`bounded`).
    """

    def __init__(self, message: str = "", *args: object) -> None:
        super().__init__(bounded(message), *args)


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
        self.message = bounded(message)
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
