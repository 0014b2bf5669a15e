"""Every failure a user can meet, as one line on standard error and a documented exit status
(docs/evaluate.md, "Exit statuses"). Tracebacks are for developers: `scorecard --debug` or
SCORECARD_DEBUG_TRACEBACK=1 shows them.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FrameType

OK = 0
FAILED = 1  # the environment, a setting, the database or a file system stopped the command
BAD_INPUT = 2  # the command line or an input file is wrong; the message says where
INTERRUPTED = 130  # Ctrl-C (SIGINT); 128 + the signal number, as shells report it
TERMINATED = 143  # SIGTERM

DEBUG_VARIABLE = "SCORECARD_DEBUG_TRACEBACK"
_SETTINGS_FILE = str(Path("scorecard", "web", "settings.py"))
_FIXES = {
    errno.ENOSPC: "free some disk space and run it again",
    errno.EACCES: "check the permissions of the file and its folder",
    errno.EPERM: "check the permissions of the file and its folder",
    errno.ENOENT: "check the path",
    errno.EROFS: "write somewhere that is not read-only",
}
_show_tracebacks = False


class Stopped(BaseException):
    """SIGINT or SIGTERM arrived: unwinds like KeyboardInterrupt so temporary files and worker
    processes are cleaned up on the way out."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.status = 128 + signal_number
        self.name = signal.Signals(signal_number).name


def show_tracebacks() -> None:
    """The --debug option: failures print their traceback as well as their message."""
    global _show_tracebacks
    _show_tracebacks = True


def _wants_tracebacks() -> bool:
    return _show_tracebacks or os.environ.get(DEBUG_VARIABLE, "") not in {"", "0"}


def _one_line(text: object, limit: int = 400) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _django_error(error: BaseException, name: str) -> bool:
    """Whether `error` is one of Django's exceptions, without importing Django to find out."""
    module, _, cls = name.rpartition(".")
    loaded = sys.modules.get(module)
    kind = getattr(loaded, cls, None) if loaded else None
    return isinstance(kind, type) and isinstance(error, kind)


def _from_settings(error: BaseException) -> bool:
    return any(frame.filename.endswith(_SETTINGS_FILE) for frame in traceback.extract_tb(error.__traceback__))


def explain(error: BaseException) -> tuple[str, int]:
    """The one-line message (without the `scorecard: ` prefix) and the exit status for an
    exception that reached the top of the command."""
    detail = _one_line(error).rstrip(".") or type(error).__name__
    if _django_error(error, "django.core.exceptions.ImproperlyConfigured") or _from_settings(error):
        return (
            f"the settings could not be read: {detail}. Check DATABASE_URL (e.g. postgres://user:password@host/db, "
            "or unset it for the SQLite file) and the SCORECARD_ variables in README's Configuration table",
            FAILED,
        )
    if _django_error(error, "django.db.utils.OperationalError"):
        return (
            f"the database could not be used: {detail}. Check that the server in DATABASE_URL is running "
            "and accepts this user, or unset DATABASE_URL for the SQLite file",
            FAILED,
        )
    if _django_error(error, "django.db.utils.Error"):
        return f"the database refused: {detail}. Run `scorecard demo` to set the database up", FAILED
    if isinstance(error, MemoryError):
        return "ran out of memory; split the input into smaller files", FAILED
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        reason = error.strerror or detail
        return f"{where}{reason}; {_FIXES.get(error.errno or 0, 'check the file and try again')}", FAILED
    return (
        f"unexpected {type(error).__name__}: {detail}. This is a fault in scorecard: please report it "
        f"with the output of the same command run with --debug",
        FAILED,
    )


def _stop(signal_number: int, frame: FrameType | None) -> None:
    raise Stopped(signal_number)


def run(command: Callable[[], object]) -> None:
    """Run the command line; no exception leaves without a message and an exit status."""
    previous = {number: signal.signal(number, _stop) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        command()
    except Stopped as stopped:
        print(f"scorecard: stopped by {stopped.name} before finishing", file=sys.stderr)
        sys.exit(stopped.status)
    except Exception as error:
        if _wants_tracebacks():
            traceback.print_exc()
        message, status = explain(error)
        print(f"scorecard: {message}", file=sys.stderr)
        sys.exit(status)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
