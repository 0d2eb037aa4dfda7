"""How numbers are written for people: every formatter of the package, in one place.

Each style serves one kind of text and is used for it everywhere, so a number reads
the same in a table, a sentence, a chart and an error message. Negative numbers use
the real minus sign U+2212 (``−0.65``) except in :func:`plain`, which writes numbers
back the way a user types them in a scenario file. JSON output never goes through
this module: it keeps full precision.

==================  ==========================================  ====================
style               used for                                    ``-0.65``, ``4``
==================  ==========================================  ====================
:func:`plain`       error messages about what a user wrote      ``-0.65``, ``4``
:func:`decimals`    tables (up to ``digits`` decimals, tiny     ``−0.65``, ``4``
                    numbers in significant digits)
:func:`brief`       explanations (2 decimals, one zero kept)    ``−0.65``, ``4.0``
:func:`fixed`       chart labels (exactly ``digits`` decimals)  ``−0.65``, ``4.00``
:func:`signed`      changes on charts (sign always shown)       ``−0.65``, ``+4.00``
:func:`flip_value`  threshold values (2 decimals, up to 4)      ``−0.65``, ``4.00``
==================  ==========================================  ====================
"""

from __future__ import annotations

MINUS = "\u2212"
"""The minus sign of every formatter but :func:`plain`."""


def _minus(text: str) -> str:
    """The leading minus sign as U+2212 (an exponent's sign stays ASCII: ``1e-10``)."""
    return MINUS + text[1:] if text.startswith("-") else text


def plain(x: float) -> str:
    """A number as a person would type it: ``3`` rather than ``3.0``, else ``repr``.

    >>> plain(3.0), plain(-0.65), plain(1e300)
    ('3', '-0.65', '1e+300')
    """
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def decimals(x: float, digits: int = 4) -> str:
    """Up to ``digits`` decimals, no trailing zeros, no ``−0``; a nonzero number too
    small for that many decimals keeps ``digits`` significant digits instead, so that
    nothing nonzero prints as ``0``.

    >>> decimals(-0.65), decimals(3.0), decimals(-1e-9), decimals(0.0)
    ('\u22120.65', '3', '\u22121e-09', '0')
    """
    if x == 0:
        return "0"
    if abs(x) < 0.5 * 10**-digits:
        return _minus(f"{x:.{digits}g}")
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return _minus(text)


def brief(x: float, signed: bool = False) -> str:
    """Two decimals with one trailing zero dropped, for explanations.

    >>> brief(4), brief(0.65), brief(-3), brief(0.001), brief(1.5, signed=True)
    ('4.0', '0.65', '\u22123.0', '0.0', '+1.5')
    """
    text = f"{abs(x):.2f}"
    if text.endswith("0"):
        text = text[:-1]
    if text in ("0.0", "0.00"):
        return "0.0"
    sign = MINUS if x < 0 else ("+" if signed else "")
    return sign + text


def fixed(x: float, digits: int = 2) -> str:
    """Exactly ``digits`` decimals, no ``−0.00``.

    >>> fixed(-0.65), fixed(4), fixed(-1e-13)
    ('\u22120.65', '4.00', '0.00')
    """
    text = f"{x:.{digits}f}"
    if text.startswith("-"):
        text = MINUS + text[1:]
    if text.lstrip(MINUS).strip("0.") == "":
        text = text.lstrip(MINUS)
    return text


def signed(x: float, digits: int = 2) -> str:
    """:func:`fixed` with an explicit sign on non-zero numbers.

    >>> signed(3.2), signed(-0.65), signed(-0.0)
    ('+3.20', '\u22120.65', '0.00')
    """
    text = fixed(x, digits)
    if text.startswith(MINUS) or text.strip("0.") == "":
        return text
    return "+" + text


def flip_value(x: float) -> str:
    """Two decimals, or up to four when two would round the value (``1.325``).

    >>> flip_value(1.8), flip_value(1.325), flip_value(-0.12345)
    ('1.80', '1.325', '\u22120.1235')
    """
    for digits in (2, 3):
        if abs(round(x, digits) - x) <= 1e-9 * max(1.0, abs(x)):
            break
    else:
        digits = 4
    return _minus(f"{x:.{digits}f}")


def tidy(x: float, scale: float | None = None) -> float:
    """``x`` without floating-point noise, for results and JSON: rounded to a
    quantum of 1e-12 × ``scale`` (``2.0999999999999996`` reads ``2.1``), so the
    rounding follows the units of the quantity, whatever they are.

    ``scale`` is what ``x`` is measured against: a player's payoff range for its
    payoffs and gains, a parameter's range for a value of it; without it, ``x``
    itself (12 significant digits). Values below half a quantum are 0; negative
    zero becomes 0; non-finite values pass through.

    Examples
    --------
    >>> tidy(2.0999999999999996), tidy(-5.551115123125783e-17, 1.0)
    (2.1, 0.0)
    >>> tidy(4.000000000000001e-13, 4e-12), tidy(4.000000000000001e-13, 1.0)
    (4e-13, 0.0)
    """
    import math

    x = float(x)
    if not math.isfinite(x) or x == 0.0:
        return x + 0.0
    scale = abs(float(scale)) if scale is not None else abs(x)
    if not math.isfinite(scale) or scale == 0.0:
        scale = abs(x)
    quantum = math.floor(math.log10(scale)) - 12  # the exponent of the quantum
    if abs(x) < 0.5 * 10.0**quantum:
        return 0.0
    digits = math.floor(math.log10(abs(x))) - quantum + 1  # significant digits kept
    return float(f"{x:.{min(17, max(1, digits)) - 1}e}") + 0.0
