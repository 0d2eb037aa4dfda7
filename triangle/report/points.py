"""One row per evaluated point, to CSV or Parquet, written atomically.

:class:`PointsWriter` receives the chunks of a sweep or Monte Carlo run in order
(``ChunkResult`` of :mod:`triangle.analysis.uncertainty`) and writes, for each point: its
index, the values of the parameters that vary (full precision: ``--param NAME=VALUE``
with them reproduces the point exactly), the verdict, the gain bounds, the target's
state and the configuration after the move. Rows go to a temporary file beside the
target, moved into place only by :meth:`PointsWriter.close`; :meth:`PointsWriter.abort`
(or leaving the ``with`` block with an exception, e.g. Ctrl-C) deletes it, so no
half-written file is ever left. Parquet needs the optional ``pyarrow`` (``pip install
"triangle[parquet]"``); its row groups have a fixed size, so that the file's bytes do
not depend on the chunk size.
"""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from triangle.errors import TriangleInputError
from triangle.vocabulary import TARGET_STATES, Verdict

__all__ = ["POINT_FORMATS", "PointsWriter", "check_points_path", "csv_stream", "point_columns"]

POINT_FORMATS = (".csv", ".parquet")
ROW_GROUP = 1 << 16
"""Rows per Parquet row group (fixed, whatever the chunk size)."""


def check_points_path(path: str | os.PathLike, force: bool) -> Path:
    """Refuse, before any computation, a points file that could not be written.

    Raises
    ------
    TriangleInputError
        For another suffix, a missing folder, an existing file without ``force``, or
        ``.parquet`` without pyarrow.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in POINT_FORMATS:
        raise TriangleInputError(f"{path}: the points file is .csv or .parquet (by its suffix)")
    if not path.parent.is_dir():
        raise TriangleInputError(f"{path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise TriangleInputError(f"{path} is a directory")
    if path.exists() and not force:
        raise TriangleInputError(f"{path} exists; use --force to overwrite")
    if suffix == ".parquet":
        _pyarrow()
    return path


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise TriangleInputError(
            'writing .parquet needs pyarrow: pip install "triangle[parquet]" (or write .csv)'
        ) from None
    return pyarrow


def columns_of(names: Sequence[str]) -> tuple[str, ...]:
    """The columns of a points file whose varying parameters are ``names``."""
    return (
        "point",
        *names,
        "verdict",
        "gain_min",
        "gain_max",
        "target_state",
        "configuration_after",
    )


def point_columns(result, names: Sequence[str]) -> dict[str, np.ndarray]:
    """One chunk's points as columns (``columns_of``)."""
    size = result.codes.size
    verdicts = np.array([Verdict.from_code(c) for c in (-1, 0, 1)], dtype=object)
    labels = np.array([*result.labels, ""], dtype=object)
    return {
        "point": np.arange(result.start, result.start + size, dtype=np.int64),
        **{n: np.asarray(result.values[n], dtype=float) for n in names},
        "verdict": verdicts[result.codes.astype(int) + 1],
        "gain_min": result.gain_min,
        "gain_max": result.gain_max,
        "target_state": np.array(TARGET_STATES, dtype=object)[result.states.astype(int)],
        "configuration_after": labels[result.configurations.astype(int)],
    }


def csv_stream(stream, names: Sequence[str]):
    """A function writing each chunk's points to ``stream`` as CSV (header first)."""
    writer = csv.writer(stream, lineterminator="\n")
    columns = columns_of(names)
    writer.writerow(columns)

    def write(result) -> None:
        found = point_columns(result, names)
        writer.writerows(zip(*(found[c].tolist() for c in columns), strict=True))

    return write


class PointsWriter:
    """Write the points of a run, chunk by chunk (module notes).

    Parameters
    ----------
    path : path
        ``.csv`` or ``.parquet``.
    names : sequence of str
        The parameters that vary (the columns after ``point``).
    force : bool
        Replace an existing file.
    """

    def __init__(self, path: str | os.PathLike, names: Sequence[str], *, force: bool = False):
        self.path = check_points_path(path, force)
        self.names = tuple(names)
        self.force = force
        self.parquet = self.path.suffix.lower() == ".parquet"
        self.tmp = self.path.parent / f".{self.path.name}.{secrets.token_hex(6)}.tmp"
        self.columns = columns_of(self.names)
        self._pending: list[dict] = []
        self._pending_rows = 0
        if self.parquet:
            pa = _pyarrow()
            self.schema = pa.schema(
                [("point", pa.int64())]
                + [(n, pa.float64()) for n in self.names]
                + [
                    ("verdict", pa.string()),
                    ("gain_min", pa.float64()),
                    ("gain_max", pa.float64()),
                    ("target_state", pa.string()),
                    ("configuration_after", pa.string()),
                ]
            )
            self._writer = pa.parquet.ParquetWriter(self.tmp, self.schema)
        else:
            self._handle = open(self.tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115
            self._csv = csv.writer(self._handle, lineterminator="\n")
            self._csv.writerow(self.columns)

    def __enter__(self) -> PointsWriter:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def write(self, result) -> None:
        """Append one chunk's points (chunks must come in order)."""
        columns = point_columns(result, self.names)
        if not self.parquet:
            lists = [columns[c].tolist() for c in self.columns]
            self._csv.writerows(zip(*lists, strict=True))
            return
        self._pending.append(columns)
        self._pending_rows += result.codes.size
        while self._pending_rows >= ROW_GROUP:
            self._flush(ROW_GROUP)

    def _flush(self, rows: int) -> None:
        pa = _pyarrow()
        merged = {c: np.concatenate([p[c] for p in self._pending]) for c in self.columns}
        head = {c: v[:rows] for c, v in merged.items()}
        rest = {c: v[rows:] for c, v in merged.items()}
        arrays = [
            pa.array(head[c].tolist() if head[c].dtype == object else head[c], type=f.type)
            for c, f in zip(self.columns, self.schema, strict=True)
        ]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        left = len(rest["point"])
        self._pending = [rest] if left else []
        self._pending_rows = left

    def close(self) -> Path:
        """Finish the file and move it into place."""
        try:
            if self.parquet:
                if self._pending_rows:
                    self._flush(self._pending_rows)
                self._writer.close()
            else:
                self._handle.close()
            if self.force:
                os.replace(self.tmp, self.path)
            else:
                try:
                    os.link(self.tmp, self.path)
                except FileExistsError:
                    raise TriangleInputError(
                        f"{self.path} exists; use --force to overwrite"
                    ) from None
                os.unlink(self.tmp)
        except BaseException:
            self.abort()
            raise
        return self.path

    def abort(self) -> None:
        """Delete the temporary file (nothing is left at the target)."""
        with contextlib.suppress(Exception):
            if self.parquet:
                self._writer.close()
            else:
                self._handle.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)
