"""The web app under load, and publishing a large council's quarter (issue 8's benchmark).

One command does everything: starts PostgreSQL, makes the `scorecard_load` database and the
generated council Loadton (500 measures, 40 quarters; `loadton.py`) when they are absent, serves
the app with gunicorn under production settings, runs locust headless with 16 signed-in users
for 60 s on the dashboard, theme and measure pages (and the health check, the baseline, in the
same run), stops the server, times publishing Loadton's latest quarter (HTML and PDF built,
snapshot stored, then rolled back so runs do not pile up publications), records the figures in
docs/benchmarks.md and prints them.

Goals: pages' p95 under 150 ms, their p50 under 4x the health check's p50, no errors; publishing
under 10 s. Usage: python benchmarks/web_load.py [--users 16] [--seconds 60] [--workers 5]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

from common import machine, record

HERE = Path(__file__).parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
DATABASE = "scorecard_load"
SERVER = "postgres://scorecard:scorecard@127.0.0.1:5432/"
P95_GOAL_MS = 150.0
RATIO_GOAL = 4.0
PUBLISH_GOAL_SECONDS = 10.0
PAGES = ("dashboard", "theme", "measure")
BASELINE = "health (baseline)"


def _database() -> None:
    """PostgreSQL running, and the benchmark's own database made if absent."""
    subprocess.run([ROOT / "scripts" / "start-postgres"], check=True)
    import psycopg

    with psycopg.connect(SERVER + "scorecard", autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone() is None:
            connection.execute(f"CREATE DATABASE {DATABASE}")


def _environment(data_dir: str) -> dict[str, str]:
    """Production settings behind a proxy that terminates HTTPS, on the benchmark database."""
    return {
        **os.environ,
        "DATABASE_URL": SERVER + DATABASE,
        "SCORECARD_DEBUG": "false",
        "SCORECARD_SECRET_KEY": secrets.token_urlsafe(50),
        "SCORECARD_ALLOWED_HOSTS": "127.0.0.1",
        "SCORECARD_PROXY_SSL_HEADER": "true",
        "SCORECARD_DATA_DIR": data_dir,
        "PYTHONPATH": str(HERE),
    }


def _prepare() -> dict[str, str]:
    """Migrate, generate Loadton if absent, collect static files; what the load picks from."""
    from scorecard.web.bootstrap import migrate, start

    start()
    from django.core.management import call_command

    import loadton

    migrate()
    if not loadton.is_generated():
        print("Generating Loadton (once; a few minutes)…", flush=True)
        began = time.perf_counter()
        print(loadton.generate(), f"in {time.perf_counter() - began:.0f} s", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    from scorecard.web.pages.quarters import quarters
    from scorecard.web.plans.models import Measure, Organisation, Theme, within

    with within(Organisation.objects.get(slug=loadton.SLUG)):
        return {
            "LOADTON_MEASURES": ",".join(Measure.objects.order_by("code").values_list("code", flat=True)),
            "LOADTON_THEMES": ",".join(Theme.objects.order_by("order").values_list("key", flat=True)),
            "LOADTON_QUARTERS": ",".join(quarter.label for quarter in quarters()),
        }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped before answering (exit {server.returncode})")
        try:
            asked = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(asked, timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"gunicorn did not answer {url} within 30 s")


def _percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _load(environment: dict[str, str], args: argparse.Namespace, folder: Path) -> dict[str, object]:
    """Serve, drive, stop; every response's time by page type."""
    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [BIN / "gunicorn", "scorecard.web.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(args.workers), "--threads", str(args.threads)],
        env=environment,
    )
    times = folder / "times.json"
    try:
        _wait_for(f"{host}/health/", server)
        load_before = os.getloadavg()[0]
        subprocess.run(
            [BIN / "locust", "-f", HERE / "web_locustfile.py", "--headless", "--only-summary"]
            + ["--users", str(args.users), "--spawn-rate", str(args.users), "--run-time", f"{args.seconds}s"]
            + ["--host", host, "--stop-timeout", "10", "--loglevel", "WARNING"],
            env={**environment, "LOADTON_TIMES": str(times)},
            check=False,  # locust exits 1 when any request failed; the errors are counted below
        )
        load_after = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
    measured = json.loads(times.read_text())
    return {**measured, "load": (load_before, load_after)}


def _publish() -> tuple[float, int]:
    """Time publishing Loadton's latest quarter with its PDF, then roll the snapshot back."""
    from django.db import transaction
    from pypdf import PdfReader

    import loadton
    from scorecard.web.plans.models import User
    from scorecard.web.plans.publishing import publish

    class RolledBack(Exception):
        pass

    officer = User.objects.get(username="loadton-officer")
    began = time.perf_counter()
    try:
        with transaction.atomic():
            publication = publish(loadton.SLUG, loadton.REPORTED, by=officer, with_pdf=True)
            took = time.perf_counter() - began
            pages = len(PdfReader(__import__("io").BytesIO(bytes(publication.pdf or b""))).pages)
            raise RolledBack
    except RolledBack:
        pass
    return took, pages


def _figures(measured: dict[str, object], seconds: int) -> dict[str, float]:
    times: dict[str, list[float]] = measured["times"]  # type: ignore[assignment]
    pages = [t for name in PAGES for t in times.get(name, [])]
    baseline = times.get(BASELINE, [])
    figures = {
        "requests": len(pages) + len(baseline),
        "errors": float(measured["errors"]),  # type: ignore[arg-type]
        "throughput": (len(pages) + len(baseline)) / seconds,
        "pages_throughput": len(pages) / seconds,
        "p50": statistics.median(pages),
        "p95": _percentile(pages, 0.95),
        "baseline_p50": statistics.median(baseline),
        "baseline_p95": _percentile(baseline, 0.95),
    }
    for name in PAGES:
        figures[f"{name}_p50"] = statistics.median(times[name])
        figures[f"{name}_p95"] = _percentile(times[name], 0.95)
        figures[f"{name}_count"] = len(times[name])
    figures["ratio"] = figures["p50"] / figures["baseline_p50"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (default 2 x cores + 1)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    args = parser.parse_args()
    _database()
    with tempfile.TemporaryDirectory() as folder:
        environment = _environment(folder)
        os.environ.update(environment)
        environment |= _prepare()
        measured = _load(environment, args, Path(folder))
        publish_seconds, pdf_pages = _publish()
    f = _figures(measured, args.seconds)
    load_before, load_after = measured["load"]  # type: ignore[misc]

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    body = f"""
Goals: pages' p95 under {P95_GOAL_MS:g} ms (**{met(f["p95"] < P95_GOAL_MS)}: {f["p95"]:.0f} ms**), their p50 under
{RATIO_GOAL:g}x the health check's p50 in the same run (**{met(f["ratio"] < RATIO_GOAL)}: {f["ratio"]:.1f}x**), no errors
(**{met(f["errors"] == 0)}: {f["errors"]:.0f}**), publishing under {PUBLISH_GOAL_SECONDS:g} s
(**{met(publish_seconds < PUBLISH_GOAL_SECONDS)}: {publish_seconds:.1f} s**).

{args.users} signed-in users back to back for {args.seconds} s against gunicorn ({args.workers} sync workers,
{args.threads} thread each) with production settings, on PostgreSQL 15 on the same machine; locust runs there too.
{f["requests"]:.0f} requests, {f["throughput"]:.0f} a second ({f["pages_throughput"]:.0f} pages a second).

| what | requests | p50 | p95 |
|---|---|---|---|
| `GET /health/` (baseline) | {len(measured["times"][BASELINE])} | {f["baseline_p50"]:.0f} ms | {f["baseline_p95"]:.0f} ms |
| dashboard, any quarter | {f["dashboard_count"]:.0f} | {f["dashboard_p50"]:.0f} ms | {f["dashboard_p95"]:.0f} ms |
| theme page, any quarter | {f["theme_count"]:.0f} | {f["theme_p50"]:.0f} ms | {f["theme_p95"]:.0f} ms |
| measure page | {f["measure_count"]:.0f} | {f["measure_p50"]:.0f} ms | {f["measure_p95"]:.0f} ms |
| **all three pages** | {f["requests"] - len(measured["times"][BASELINE]):.0f} | **{f["p50"]:.0f} ms** | **{f["p95"]:.0f} ms** |

Publishing Q4 {loadton_year()} (the report built, its HTML and {pdf_pages}-page PDF rendered, the snapshot
stored): {publish_seconds:.1f} s, the server stopped.

Command: `python benchmarks/web_load.py` (or `make benchmarks`). Machine: {machine()}; load average
{load_before:.1f} before the load and {load_after:.1f} after (the machine is shared). Run on {date.today()}.
"""
    record("Web app under load: 500 measures, 40 quarters", body)
    print(body)


def loadton_year() -> str:
    import loadton

    return loadton.REPORTED.year.label()


if __name__ == "__main__":
    main()
