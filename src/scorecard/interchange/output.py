"""Writing an output file all or nothing: a reader never sees half a file, and a failure,
a refusal or a signal leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO


class OutputError(ValueError):
    """The output path cannot be written (a folder, or in a folder that does not exist)."""


def check_output(path: Path) -> None:
    """Refuse, before any work, an output path that names a folder or sits in a missing one."""
    if path.is_dir():
        raise OutputError(f"{path} is a folder; name a file such as {path / 'scored.csv'}")
    if not path.parent.is_dir():
        raise OutputError(f"{path.parent} does not exist; create the folder first or write elsewhere")


def _mode_for(path: Path) -> int:
    """The permissions a new file would get (mkstemp makes it private): the file's own when it
    is being replaced, otherwise what the umask allows."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def replaced_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file that becomes `path` only if the block finishes without an exception.

    It is written under a random name that mkstemp creates exclusively in the target's folder,
    so no pre-existing file or symlink (a planted `OUT.partial`) is ever followed, and renamed
    into place in one step; on any exception, a signal included, it is removed.
    """
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        os.fchmod(descriptor, _mode_for(path))
        with open(descriptor, "wb") as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def text_output(path: Path | None) -> Iterator[TextIO]:
    """A UTF-8 text stream (no newline translation) that becomes `path` (see replaced_file), or
    standard output when None, only if the block finishes without an exception. Standard output
    is spooled to an anonymous temporary file until then."""
    spool_or_file = tempfile.TemporaryFile() if path is None else replaced_file(path)  # noqa: SIM115 (closed below)
    with spool_or_file as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        try:
            yield text
            text.flush()
        finally:
            text.detach()  # the binary file closes with its own context, once
        if path is None:
            binary.seek(0)
            sys.stdout.flush()
            shutil.copyfileobj(binary, sys.stdout.buffer)
            sys.stdout.buffer.flush()
