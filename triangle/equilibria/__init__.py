"""Equilibrium solvers and the checks every reported equilibrium passes.

The entry point is :func:`solve` (:mod:`~triangle.equilibria.solve`); the method
names it accepts are in :mod:`~triangle.equilibria.methods`. :func:`leader_commitment`
gives the subgame-perfect outcomes when one player commits first to a pure strategy
(:mod:`~triangle.equilibria.commitment`). Every equilibrium reported carries its
max regret (:mod:`~triangle.equilibria.regret`), computed here, not by the solver
that found it.

This module only re-exports; nashpy and pygambit are imported by
:mod:`~triangle.equilibria.backends` when a solver that needs them runs.
"""

from triangle.equilibria.bimatrix import bimatrix_solve
from triangle.equilibria.commitment import (
    SELECTIONS,
    Commitment,
    CommitmentBranch,
    Selection,
    leader_commitment,
)
from triangle.equilibria.dominance import strictly_dominated, weakly_dominated
from triangle.equilibria.methods import (
    BIMATRIX_METHODS,
    DEFAULT_GAMBIT_METHODS,
    GAMBIT_METHODS,
    METHODS,
    solve_methods,
)
from triangle.equilibria.nplayer import nplayer_solve
from triangle.equilibria.pure import pure_equilibria, pure_nash_mask, pure_nash_mask_batch
from triangle.equilibria.regret import (
    best_responses,
    expected_payoffs,
    is_nash,
    max_regret,
    regrets,
)
from triangle.equilibria.result import Equilibrium, SolveResult
from triangle.equilibria.solve import solve
from triangle.equilibria.tolerance import DEFAULT_TOL, payoff_spread, regret_tolerance

__all__ = [
    "BIMATRIX_METHODS",
    "DEFAULT_GAMBIT_METHODS",
    "DEFAULT_TOL",
    "GAMBIT_METHODS",
    "METHODS",
    "SELECTIONS",
    "Commitment",
    "CommitmentBranch",
    "Equilibrium",
    "Selection",
    "SolveResult",
    "best_responses",
    "bimatrix_solve",
    "expected_payoffs",
    "is_nash",
    "leader_commitment",
    "max_regret",
    "nplayer_solve",
    "payoff_spread",
    "pure_equilibria",
    "pure_nash_mask",
    "pure_nash_mask_batch",
    "regret_tolerance",
    "regrets",
    "solve",
    "solve_methods",
    "strictly_dominated",
    "weakly_dominated",
]
