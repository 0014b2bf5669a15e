"""The web app under load, and publishing a large council's quarter (issue 8's benchmark).

One command does everything: starts PostgreSQL, makes the `scorecard_load` database and the
generated council Loadton (500 measures, 40 quarters; `loadton.py`) when they are absent, serves
the app with gunicorn under production settings, runs locust headless with one user alone and
then 16 signed-in users for 60 s on the dashboard, theme and measure pages (and the health
check, the baseline, in the same run), stops the server, times each page in the app with the
test client, times publishing Loadton's latest quarter (HTML and PDF built, snapshot stored,
then rolled back so runs do not pile up publications), records the figures in
docs/benchmarks.md and prints them.

Goals: pages' p95 under 150 ms, their p50 under 4x the health check's p50, no errors; publishing
under 10 s. Usage: python benchmarks/web_load.py [--users 16] [--seconds 60] [--alone 15]
[--workers 5] [--threads 1] [--publishing-only] (publishing alone, no server: about two minutes)
"""

from __future__ import annotations

import argparse
import io
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
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from common import machine, record

HERE = Path(__file__).parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
DATABASE = "scorecard_load"
SERVER = "postgres://scorecard:scorecard@127.0.0.1:5432/"
P95_GOAL_MS = 150.0
RATIO_GOAL = 4.0
PUBLISH_GOAL_SECONDS = 10.0
PUBLISH_RUNS = 3
PUBLISHING = "Publishing a large council's quarter"
PAGES = ("dashboard", "theme", "measure")
QUARTERS_BACK = 20  # the quarter asked for by name in the own-time sample: halfway through
BASELINE = "health (baseline)"
HEADER = (
    "| what | requests, first load | p50 | p95 | p50, second load | p95, second load | p50, one user alone "
    "| in the app, drawn: CPU, database, queries | kept: CPU |\n|---|---|---|---|---|---|---|---|---|"
)


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


def _drive(host: str, users: int, seconds: int, environment: dict[str, str], times: Path) -> dict[str, Any]:
    """One locust run; every response's time by page type, the errors, and how long it ran."""
    locust = [BIN / "locust", "-f", HERE / "web_locustfile.py", "--headless", "--only-summary", "--host", host]
    subprocess.run(
        [*locust, "--users", str(users), "--spawn-rate", str(users)],
        env={**environment, "LOADTON_TIMES": str(times), "LOADTON_SECONDS": str(seconds)},
        check=False,  # locust exits 1 when any request failed; the errors are counted from the times
    )
    measured: dict[str, Any] = json.loads(times.read_text())
    return measured


def _load(environment: dict[str, str], args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """Serve; one user alone (each page's own time), then the load; stop the server."""
    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    gunicorn = [
        BIN / "gunicorn",
        "scorecard.web.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--no-control-socket",
    ]
    server = subprocess.Popen(
        [*gunicorn, "--workers", str(args.workers), "--threads", str(args.threads)], env=environment
    )
    try:
        _wait_for(f"{host}/health/", server)
        _forget_kept_pages()
        alone = _drive(host, 1, args.alone, environment, folder / "alone.json")
        alone["drawn"] = _kept_pages()
        _forget_kept_pages()  # the load starts with nothing kept, as after any change
        load_before = os.getloadavg()[0]
        loaded = _drive(host, args.users, args.seconds, environment, folder / "loaded.json")
        loaded["drawn"] = _kept_pages()
        # the same load again with what the first kept: the weeks after sign-off, read and unchanged
        again = _drive(host, args.users, args.seconds, environment, folder / "again.json")
        again["drawn"] = _kept_pages() - loaded["drawn"]
        load_after = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"alone": alone, "loaded": loaded, "again": again, "load": (load_before, load_after)}


def _forget_kept_pages() -> None:
    from django.core.cache import caches

    caches["pages"].clear()


def _kept_pages() -> int:
    """How many pages were drawn (and kept) since the last `_forget_kept_pages`: one per page asked
    for the first time, all others served as kept."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM scorecard_kept_pages")
        return int(cursor.fetchone()[0])


def _own_time(sample: dict[str, str]) -> dict[str, tuple[float, float, int, float]]:
    """Each page in this process with Django's test client, nothing else asking: drawn afresh (with
    nothing kept), its CPU time (best of 5), the database's time for its queries (of the same run)
    and their number; then served as kept, its CPU time. CPU time is what a shared machine
    disturbs least; it leaves out PostgreSQL's own work."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from scorecard.web.plans.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="loadton-officer"))
    measures, themes = sample["LOADTON_MEASURES"].split(","), sample["LOADTON_THEMES"].split(",")
    middle = sample["LOADTON_QUARTERS"].split(",")[QUARTERS_BACK].replace(" ", "+")
    pages = {
        "dashboard": ["/dashboard/", f"/dashboard/?period={middle}"],
        "theme": [f"/themes/{themes[0]}/", f"/themes/{themes[-1]}/?period={middle}"],
        "measure": [f"/measures/{measures[0]}/", f"/measures/{measures[len(measures) // 2]}/"],
        "baseline": ["/health/"],
    }
    found = {}
    for name, paths in pages.items():
        cpu, database, queries, kept = [], [], [], []
        for path in paths:
            client.get(path, secure=True)
            runs = []
            for _ in range(5):
                _forget_kept_pages()
                with CaptureQueriesContext(connection) as captured:
                    began = time.process_time()
                    assert client.get(path, secure=True).status_code == 200, path
                    runs.append(time.process_time() - began)
            cpu.append(min(runs))
            database.append(sum(float(query["time"]) for query in captured.captured_queries))
            queries.append(len(captured))
            kept.append(min(_cpu(partial(client.get, path, secure=True)) for _ in range(5)))
        ms = [1000 * statistics.mean(times) for times in (cpu, database, kept)]
        found[name] = (ms[0], ms[1], max(queries), ms[2])
    return found


def _cpu(work: Any) -> float:
    began = time.process_time()
    work()
    return time.process_time() - began


class Publishing(NamedTuple):
    seconds: float  # wall clock, best of PUBLISH_RUNS
    cpu: float  # this process's CPU, best of PUBLISH_RUNS
    pages: int  # the report's PDF
    annex_pages: int  # the analytics annex's PDF
    pdf_cpu: float  # render_pdf on the published HTML
    weasyprint_cpu: float  # WeasyPrint called as before render_pdf's changes, on the same HTML


def _publish() -> Publishing:
    """Time publishing Loadton's latest quarter with its PDF (wall and CPU), rolling each snapshot
    back so runs do not pile up publications; then the PDF alone, printed by render_pdf and by
    WeasyPrint as it was called before (its default stylesheet, the garbage collector on)."""
    import pydyf
    from django.db import transaction
    from pypdf import PdfReader
    from weasyprint import HTML

    import loadton
    from scorecard.reporting.pdf import render_pdf
    from scorecard.web.plans.models import User
    from scorecard.web.plans.publishing import publish

    class RolledBackError(Exception):
        pass

    pydyf_own = pydyf.PDF.page_references  # before render_pdf first runs and replaces it
    officer = User.objects.get(username="loadton-officer")
    walls, cpus = [], []
    for _ in range(PUBLISH_RUNS):
        began, began_cpu = time.perf_counter(), time.process_time()
        try:
            with transaction.atomic():
                publication = publish(loadton.SLUG, loadton.REPORTED, by=officer, with_pdf=True)
                walls.append(time.perf_counter() - began)
                cpus.append(time.process_time() - began_cpu)
                html, pdf = publication.html, bytes(publication.pdf or b"")
                annex = bytes(publication.annex_pdf or b"")
                raise RolledBackError
        except RolledBackError:
            pass

    def as_before() -> None:
        kept, pydyf.PDF.page_references = pydyf.PDF.page_references, pydyf_own
        try:
            HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
        finally:
            pydyf.PDF.page_references = kept

    ours, before = [], []
    for _ in range(PUBLISH_RUNS):  # in turn, so the machine's other work falls on both alike
        ours.append(_cpu(lambda: render_pdf(html)))
        before.append(_cpu(as_before))
    pages, annex_pages = (len(PdfReader(io.BytesIO(printed)).pages) for printed in (pdf, annex))
    return Publishing(min(walls), min(cpus), pages, annex_pages, min(ours), min(before))


def _publishing_report(publishing: Publishing) -> str:
    met = _met(publishing.seconds < PUBLISH_GOAL_SECONDS)
    return f"""
Goal: publishing under {PUBLISH_GOAL_SECONDS:g} s (**{met}: {publishing.seconds:.1f} s**, best of {PUBLISH_RUNS}).

Publishing {loadton_quarter()} of Loadton (the report read and judged, its HTML built, its PDFs printed,
the {publishing.pages}-page report in a second process while this one prints the {publishing.annex_pages}-page
analytics annex, the snapshot stored, then rolled back), with no server running: {publishing.seconds:.1f} s,
{publishing.cpu:.1f} s of it CPU in this process (the second process's and the database's are outside it).

| report and annex as one PDF, from the published HTML (CPU, best of {PUBLISH_RUNS}) | time |
|---|---|
| WeasyPrint as before (default stylesheet, collector on, pydyf's page list) | {publishing.weasyprint_cpu:.2f} s |
| `render_pdf` now (the same pages and text) | {publishing.pdf_cpu:.2f} s |
| ratio | {publishing.pdf_cpu / publishing.weasyprint_cpu:.2f}x |

Command: `python benchmarks/web_load.py --publishing-only` (the full run measures it too).
Machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end (the machine is shared). Run on {date.today()}.
"""


def _figures(run: dict[str, Any]) -> dict[str, float]:
    """p50 and p95 of each page type, of the three pages together and of the baseline; throughput."""
    times: dict[str, list[float]] = run["times"]
    pages = [t for name in PAGES for t in times.get(name, [])]
    figures = {
        "errors": float(run["errors"]),
        "throughput": (len(pages) + len(times.get(BASELINE, []))) / run["seconds"],
    }
    for key, found in [("pages", pages), ("baseline", times.get(BASELINE, []))] + [
        (n, times.get(n, [])) for n in PAGES
    ]:
        figures[f"{key}_count"] = len(found)
        figures[f"{key}_p50"] = statistics.median(found) if found else float("nan")
        figures[f"{key}_p95"] = _percentile(found, 0.95) if found else float("nan")
    figures["ratio"] = figures["pages_p50"] / figures["baseline_p50"]
    return figures


def _own(figures: tuple[float, float, int, float] | None) -> str:
    return f"{figures[0]:.0f} ms, {figures[1]:.0f} ms, {figures[2]} | {figures[3]:.1f} ms" if figures else " |"


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _report(
    measured: dict[str, Any],
    own: dict[str, tuple[float, float, int, float]],
    args: argparse.Namespace,
    publishing: Publishing,
) -> str:
    worker_kind = "sync" if args.threads == 1 else "gthread"  # what gunicorn picks for the threads asked
    f = _figures(measured["loaded"])
    alone = _figures(measured["alone"])
    again = _figures(measured["again"])
    drawn = {name: measured[name]["drawn"] for name in ("alone", "loaded", "again")}
    load_before, load_after = measured["load"]
    rows = [("`GET /health/` (baseline)", "baseline"), ("dashboard, any quarter", "dashboard")]
    rows += [("theme page, any quarter", "theme"), ("measure page", "measure")]
    rows += [("**dashboard, theme and measure pages**", "pages")]
    table = "\n".join(
        f"| {what} | {f[key + '_count']:.0f} | {f[key + '_p50']:.0f} ms | {f[key + '_p95']:.0f} ms "
        f"| {again[key + '_p50']:.0f} ms | {again[key + '_p95']:.0f} ms "
        f"| {alone[key + '_p50']:.0f} ms | {_own(own.get(key))} |"
        for what, key in rows
    )
    return f"""
Goals, on the first load, which starts with no page kept: pages' p95 under {P95_GOAL_MS:g} ms
(**{_met(f["pages_p95"] < P95_GOAL_MS)}: {f["pages_p95"]:.0f} ms**; {again["pages_p95"]:.0f} ms on the second load);
their p50 under {RATIO_GOAL:g}x the health check's in the same run
(**{_met(f["ratio"] < RATIO_GOAL)}: {f["ratio"]:.1f}x**; {again["ratio"]:.1f}x on the second load,
{alone["ratio"]:.1f}x with one user alone, where nothing queues); no errors
(**{_met(f["errors"] + again["errors"] == 0)}: {f["errors"] + again["errors"]:.0f}**);
publishing under {PUBLISH_GOAL_SECONDS:g} s
(**{_met(publishing.seconds < PUBLISH_GOAL_SECONDS)}: {publishing.seconds:.1f} s**; see "{PUBLISHING}").

{args.users} signed-in users, each asking for the next page as soon as the last arrives, for {args.seconds} s, against
gunicorn ({args.workers} {worker_kind} workers, {args.threads} thread each) under production settings, with
PostgreSQL 15 and locust on the same machine. Before it, one user alone for {args.alone} s (each page's
time without waiting behind the others), with no page kept.

- **The first load** starts with no page kept, as after any change to the council's data:
  {f["throughput"]:.1f} requests a second, {f["pages_count"]:.0f} page requests answered; {drawn["loaded"]} pages were
  drawn afresh (the first time each was asked for), and the other requests were served as kept.
- **The second load** follows at once with what the first kept, as in the weeks after sign-off
  when the quarter is read and not changed: {again["throughput"]:.1f} requests a second,
  {again["pages_count"]:.0f} page requests answered; {drawn["again"]} pages were drawn afresh.
- With one user alone: {alone["pages_count"]:.0f} page requests answered, {drawn["alone"]} pages drawn afresh
  (a page still being drawn when a run stops is counted as drawn, not as answered).

After the loads, with the server stopped, each page in the app through Django's test client (the
last columns: drawn afresh, its CPU time, best of 5, which a shared machine disturbs least, the
database's time for its queries and how many; then served as kept, its CPU time).

{HEADER}
{table}

Command: `python benchmarks/web_load.py` (or `make benchmarks`). Machine: {machine()}; load average
{load_before:.1f} before the load and {load_after:.1f} after (the machine is shared). Run on {date.today()}.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--alone", type=int, default=15, help="seconds of one user alone first")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (default 2 x cores + 1)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--publishing-only", action="store_true", help="time publishing alone, no load")
    args = parser.parse_args()
    _database()
    with tempfile.TemporaryDirectory() as folder:
        environment = _environment(folder)
        os.environ.update(environment)
        environment |= _prepare()
        if not args.publishing_only:
            measured = _load(environment, args, Path(folder))
            own = _own_time(environment)
        publishing = _publish()
    if not args.publishing_only:
        body = _report(measured, own, args, publishing)
        record("Web app under load: 500 measures, 40 quarters", body)
        print(body)
    published = _publishing_report(publishing)
    record(PUBLISHING, published)
    print(published)


def loadton_quarter() -> str:
    import loadton

    return str(loadton.REPORTED)


if __name__ == "__main__":
    main()
