"""A real server for browser tests: `scorecard serve` (gunicorn) on its own SQLite database in a
temporary folder, prepared once, with the demo users it prints. Running the real command also
shows that it migrates, loads and publishes the demo, and serves. The browser tests use it rather
than pytest-django's live_server, whose clean-up deletes rows from tables that refuse DELETE."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Server:
    url: str
    passwords: dict[str, str]
    log: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(folder: Path) -> Iterator[Server]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("SCORECARD_")}
    env.pop("DATABASE_URL", None)  # always its own SQLite file, also when the suite runs on PostgreSQL
    env.pop("DJANGO_SETTINGS_MODULE", None)
    port = _free_port()
    log = folder / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "scorecard", "serve", "--port", str(port), "--workers", "2"],
            cwd=folder,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/accounts/login/", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"scorecard serve did not start:\n{log.read_text()}") from None
                time.sleep(0.3)
        text = log.read_text()
        passwords = dict(re.findall(r"^  (\w+)\s+(\S+)\s+", text, flags=re.MULTILINE))
        yield Server(url, passwords, log)
    finally:
        process.terminate()
        process.wait(timeout=30)
