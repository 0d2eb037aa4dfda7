"""The third-party solvers, each behind a small module that uses its public API only.

:mod:`~triangle.equilibria.backends.nashpy` (2-player enumeration) and
:mod:`~triangle.equilibria.backends.gambit` (pygambit). Each imports its library
inside its functions, so that importing :mod:`triangle` does not load them.
"""
