"""Running `scorecard evaluate` as a user does, and reading what it writes."""

import csv
import io
import os
import subprocess
import sys


def run(*args, cwd=None, env=None, command="evaluate"):
    """The command in a fresh process, as a shell would start it."""
    return subprocess.run(
        [sys.executable, "-m", "scorecard.cli", *([command] if command else []), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        # a developer's SCORECARD_DEBUG_TRACEBACK must not change what users see in these tests
        env={**{k: v for k, v in os.environ.items() if k != "SCORECARD_DEBUG_TRACEBACK"}, **(env or {})},
        check=False,
    )


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))
