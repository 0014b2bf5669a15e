"""The web application's commands: `scorecard serve` and `scorecard user add`.

Registered on the main command in `scorecard.cli`; Django is only started when one runs.
"""

from __future__ import annotations

import subprocess
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console

console = Console(stderr=True)
user = typer.Typer(help="Manage the people who sign in.", no_args_is_help=True)
DEMO_QUARTER = "Q2 2018/19"


class RoleName(StrEnum):
    """The roles of `plans.models.Role`, named here so the command line need not start Django
    to list them (a test keeps the two the same)."""

    administrator = "administrator"
    officer = "officer"
    approver = "approver"
    owner = "owner"
    viewer = "viewer"


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"scorecard: {message}", err=True)
    raise typer.Exit(code)


def _prepare(demo_users: bool | None) -> None:
    """Migrate, load and publish the demo into an empty database, and make the demo users."""
    from scorecard.web.bootstrap import DatabaseNotReadyError, migrate, one_at_a_time, start

    start()
    from django.conf import settings

    from scorecard.web.accounts.demo import DemoUsersRefusedError, create_demo_users

    console.print("Migrating the database…")
    try:
        applied = migrate()
    except DatabaseNotReadyError as error:
        _fail(str(error), 1)
    console.print(f"Applied {len(applied)} migration(s)." if applied else "The database is up to date.")
    from scorecard.web.plans.loader import DEMO_SLUG, load_demo
    from scorecard.web.plans.models import Organisation, Publication
    from scorecard.web.plans.publishing import publish
    from scorecard.web.plans.queries import reporting_quarter

    with one_at_a_time():
        if not Organisation.objects.exists():
            console.print("The database is empty: loading the Harrow Q2 2018/19 demo…")
            load_demo()
        demo = Organisation.objects.filter(slug=DEMO_SLUG).first()
        if demo is not None and not Publication.unscoped.filter(organisation=demo).exists():
            console.print(f"Publishing the demo's {DEMO_QUARTER} report for the public pages…")
            publish(DEMO_SLUG, reporting_quarter(DEMO_SLUG, DEMO_QUARTER), by=None)
    if demo_users is None:
        demo_users = settings.DEBUG and demo is not None
    if not demo_users:
        return
    if demo is None:
        _fail("--demo-users needs the Harrow demo loaded (`scorecard demo`)")
        return
    try:
        made = create_demo_users(demo)
    except DemoUsersRefusedError as error:
        _fail(str(error))
    console.print("Demo users (new passwords each time the app starts; for local use only):")
    for made_user in made:
        console.print(f"  {made_user.username:<14} {made_user.password:<14} {made_user.role.label}")


def _gunicorn(host: str, port: int, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    from scorecard.web.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for name, value in {"bind": f"{host}:{port}", "workers": workers, "accesslog": "-"}.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            return application

    Server().run()


def serve(
    host: Annotated[str, typer.Option(help="The address to listen on; 0.0.0.0 for every interface.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")] = 8000,
    dev: Annotated[
        bool, typer.Option("--dev", help="Django's development server (reloads code), not gunicorn.")
    ] = False,
    workers: Annotated[int, typer.Option(min=1, help="gunicorn worker processes.")] = 2,
    worker: Annotated[
        bool, typer.Option("--worker/--no-worker", help="Also run the publishing queue (`scorecard worker`).")
    ] = True,
    demo_users: Annotated[
        bool | None,
        typer.Option(
            "--demo-users/--no-demo-users",
            help="Make one demo user per role and print their passwords (default: on with SCORECARD_DEBUG=true "
            "and the Harrow demo loaded; refused in production).",
        ),
    ] = None,
) -> None:
    """Run the web application: migrate, load and publish the Harrow demo into an empty database, and serve.

    Uses DATABASE_URL when set; otherwise the SQLite file var/scorecard.sqlite3 under the current
    directory. Production needs SCORECARD_DEBUG=false, SCORECARD_SECRET_KEY and
    SCORECARD_ALLOWED_HOSTS (see docs/how-to/deploy.md).
    """
    _prepare(demo_users)
    from django.conf import settings
    from django.core.management import call_command

    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)
    queue = subprocess.Popen([sys.executable, "-m", "scorecard", "worker"]) if worker else None
    shown = "localhost" if host in {"127.0.0.1", "0.0.0.0"} else host
    console.print(f"[bold]Scorecard is serving on http://{shown}:{port}/[/bold]  (Ctrl+C to stop)")
    try:
        if dev:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        else:
            _gunicorn(host, port, workers)
    finally:
        if queue is not None:
            queue.terminate()
            queue.wait(timeout=30)


def worker() -> None:
    """Run the background queue: builds and freezes the reports officers publish in the app.

    Run one (or more) beside the app servers, on the same database. `scorecard serve` starts
    one for itself unless given --no-worker.
    """
    from scorecard.web.bootstrap import DatabaseNotReadyError, require_current_schema, start

    start()
    try:
        require_current_schema()
    except DatabaseNotReadyError as error:
        _fail(str(error), 1)
    from django.core.management import call_command

    console.print("The publishing queue is running (Ctrl+C to stop).")
    call_command("db_worker", reload=False, startup_delay=False, interval=1)


@user.command("add")
def add(
    username: Annotated[str, typer.Argument(help="The name they sign in with.")],
    role: Annotated[RoleName, typer.Option(help="What they may do.", case_sensitive=False)],
    organisation: Annotated[str, typer.Option(help="The organisation's short name (slug).")] = "harrow",
    directorate: Annotated[
        list[str] | None,
        typer.Option(help="Limit an owner or approver to this directorate (repeat for more; made if new)."),
    ] = None,
) -> None:
    """Add a user with a role in an organisation; the password is read from standard input.

    For example: echo "$PASSWORD" | scorecard user add asmith --role owner --directorate Community
    The password must pass the usual checks (length, not common, not all digits, not like the name).
    """
    from scorecard.web.accounts.users import UserNotAddedError, add_user
    from scorecard.web.bootstrap import DatabaseNotReadyError, require_current_schema, start

    start()
    from scorecard.web.plans.models import Role

    try:
        require_current_schema()
    except DatabaseNotReadyError as error:
        _fail(str(error), 1)
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        _fail('no password on standard input; pipe it in, e.g. echo "$PASSWORD" | scorecard user add …')
    try:
        add_user(username, password, Role(role.value), organisation, directorate or [])
    except UserNotAddedError as error:
        _fail(f"{username} was not added: {error}")
    console.print(f"Added {username} as {Role(role.value).label} in {organisation}.")
