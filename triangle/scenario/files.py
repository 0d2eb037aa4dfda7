"""Scenario files on disk: which files a scenario may be read from, and where a
variant's ``base:`` may point.

A scenario is read only from a regular file (not a directory, FIFO or device) of at
most :data:`MAX_FILE_BYTES` of UTF-8 text; a FIFO is never opened for reading in a
way that waits for a writer. A ``base:`` names a scenario file in the folder tree of
the file that names it, or under a folder the user names (:func:`base_path`).
"""

from __future__ import annotations

import errno
import os
import stat

from triangle.errors import ScenarioError

__all__ = ["MAX_FILE_BYTES", "base_path", "file_problem", "read_text"]

MAX_FILE_BYTES = 1 << 20
"""Largest scenario file accepted (1 MiB)."""


def file_problem(name: str) -> str | None:
    """Why ``name`` is not a file a scenario can be read from, or ``None``.

    >>> file_problem("scenarios"), file_problem("no/such.yaml")
    ('is a directory, not a scenario file', 'not found')
    """
    try:
        info = os.stat(name)
    except FileNotFoundError:
        return "not found"
    except NotADirectoryError:
        return "not found (a folder on its path is a file)"
    except PermissionError:
        return "cannot be read: permission denied"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "is a loop of symbolic links"
        return f"cannot be read: {err.strerror or err}"
    if stat.S_ISDIR(info.st_mode):
        return "is a directory, not a scenario file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a FIFO, device or socket), not a scenario file"
    if info.st_size > MAX_FILE_BYTES:
        return f"is {info.st_size} bytes; the limit is {MAX_FILE_BYTES} (1 MiB)"
    return None


def read_text(name: str) -> str:
    """The text of the scenario file ``name``: a regular file of at most 1 MiB of UTF-8.

    Raises
    ------
    ScenarioError
        Saying what is wrong (:func:`file_problem`, too large, not UTF-8), located at
        the file (and the line of the first byte that is not UTF-8).
    """
    problem = file_problem(name)
    if problem is not None:
        raise ScenarioError(f"file {problem}", path=name)
    try:
        # O_NONBLOCK: a FIFO put in the file's place since the check does not block
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ScenarioError("file is not a regular file", path=name)
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise ScenarioError(f"cannot read file: {err.strerror or err}", path=name) from None
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(f"file is larger than {MAX_FILE_BYTES} bytes (1 MiB)", path=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ScenarioError("file is not UTF-8 text", path=name, line=line) from None


def base_path(named: str, by: str, base_root: str | None = None) -> tuple[str | None, str | None]:
    """Where the ``base:`` ``named`` in the file ``by`` points, or why it may not.

    A base is a scenario file (suffix ``.yaml`` or ``.yml``) named by a path relative
    to the folder of ``by``, that lies (symbolic links resolved) in the folder tree of
    ``by`` or, when ``base_root`` is given, anywhere under ``base_root``. Returns
    ``(path, None)`` or ``(None, why)``.

    Examples
    --------
    >>> base_path("kissinger_1971.yaml", "scenarios/kissinger_1971_no_split.yaml")
    ('scenarios/kissinger_1971.yaml', None)
    >>> base_path("/etc/passwd", "scenarios/x.yaml")[1]
    'must be a path relative to the folder of this file'
    >>> base_path("../README.md", "scenarios/x.yaml")[1]
    'must name a scenario file (.yaml or .yml)'
    >>> base_path("../../x.yaml", "scenarios/x.yaml")[1].split(";")[0]
    'lies outside the folder of this file and its subfolders'
    """
    if os.path.isabs(named) or named.startswith("~"):
        return None, "must be a path relative to the folder of this file"
    if os.path.splitext(named)[1].lower() not in (".yaml", ".yml"):
        return None, "must name a scenario file (.yaml or .yml)"
    folder = "" if by.startswith("<") else os.path.dirname(by)
    target = os.path.normpath(os.path.join(folder, named))
    allowed = base_root or os.path.realpath(folder or os.curdir)
    real = os.path.realpath(target)
    if os.path.commonpath([real, allowed]) != allowed:
        where = (
            f"outside {base_root} (base_root)"
            if base_root
            else "outside the folder of this file and its subfolders"
        )
        return None, (
            f"lies {where}; to allow it, name a folder that holds both with --base-root "
            "(base_root= in Python)"
        )
    return target, None
