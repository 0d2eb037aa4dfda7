"""Writing a file atomically: a reader never sees it half-written, a failure leaves
nothing behind, and an existing file is replaced only when asked.

:func:`write_atomically` writes into a temporary file beside the target and then moves
it into place in one step. Without ``force`` the move refuses to replace a file, even
one that appeared while the new one was being written (the check and the move are one
operation). Charts (:func:`triangle.plots.save_figure`) and the schema of scenario
files (``triangle schema --out``) are written this way.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "greeting.txt"
>>> write_atomically(path, lambda handle: handle.write(b"hello\\n")).read_text()
'hello\\n'
>>> write_atomically(path, lambda handle: handle.write(b"again\\n"))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
triangle.errors.TriangleInputError: .../greeting.txt exists; use --force to overwrite
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from triangle.errors import TriangleInputError

__all__ = ["check_target", "write_atomically"]


def check_target(path: str | os.PathLike, force: bool = False) -> Path:
    """Refuse, before any work, a file that :func:`write_atomically` could not write.

    Raises
    ------
    TriangleInputError
        When the folder does not exist, the path is a directory, or the file exists and
        ``force`` is not given.
    """
    path = Path(path)
    parent = path.parent
    if not parent.is_dir():
        raise TriangleInputError(f"{path}: directory {parent} does not exist")
    if path.is_dir():
        raise TriangleInputError(f"{path} is a directory")
    if path.exists() and not force:
        raise TriangleInputError(f"{path} exists; use --force to overwrite")
    return path


def write_atomically(
    path: str | os.PathLike, write: Callable[[BinaryIO], object], *, force: bool = False
) -> Path:
    """Write a file by calling ``write`` with a binary handle, atomically.

    ``write`` writes into a temporary file created in the target's folder (with the
    user's umask), which then replaces ``path`` in one step (:func:`os.replace`), or,
    without ``force``, is linked to ``path`` only if nothing is there.

    Parameters
    ----------
    path : str or os.PathLike
        Where to write.
    write : callable
        Called once with the open binary handle.
    force : bool
        Replace an existing file. Without it an existing file is an error.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    TriangleInputError
        For a missing folder, a directory, an existing file without ``force``, or a
        folder that cannot be written. Whatever ``write`` raises is raised too, and no
        file is left behind.
    """
    path = check_target(path, force)
    tmp = _create_temporary(path.parent, path.name)
    try:
        with open(tmp, "wb") as handle:
            write(handle)
        if force:
            os.replace(tmp, path)
        else:
            _publish_without_overwrite(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def _create_temporary(directory: Path, name: str) -> Path:
    """An empty new file beside the target, created with the user's umask."""
    for _ in range(100):
        tmp = directory / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise TriangleInputError(
                f"{directory / name}: cannot write: {error.strerror}"
            ) from None
        os.close(fd)
        return tmp
    raise TriangleInputError(
        f"{directory / name}: cannot create a temporary file"
    )  # pragma: no cover


def _publish_without_overwrite(tmp: Path, path: Path) -> None:
    """Move ``tmp`` to ``path`` unless ``path`` appeared meanwhile (checked atomically)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise TriangleInputError(f"{path} exists; use --force to overwrite") from None
    except OSError:  # file systems without hard links
        if path.exists():
            raise TriangleInputError(f"{path} exists; use --force to overwrite") from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)
