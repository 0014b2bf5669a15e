"""Settings come from the environment; production settings pass Django's deployment check.

Each case runs in a fresh interpreter, because settings are read once per process.
"""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

STRONG_KEY = "k3Yp-8vQ2_rT9sLmN4xZ7wB1cF6hJ0dE5gA-uV8yR2tP3oI9nM"  # a test value, not a secret
PRODUCTION = {
    "SCORECARD_DEBUG": "false",
    "SCORECARD_SECRET_KEY": STRONG_KEY,
    "SCORECARD_ALLOWED_HOSTS": "scorecard.example.gov.uk",
}
SHOW_DATABASE = "from django.conf import settings; import json; print(json.dumps(settings.DATABASES['default']))"


def _run(arguments, tmp_path, **env):
    clean = {name: value for name, value in os.environ.items() if not name.startswith("SCORECARD_")}
    clean.pop("DATABASE_URL", None)
    clean["DJANGO_SETTINGS_MODULE"] = "scorecard.web.settings"
    return subprocess.run(
        [sys.executable, *arguments],
        env={**clean, **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_check(tmp_path):
    run = _run(["-m", "django", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION)

    assert run.returncode == 0, run.stderr
    assert "no issues" in run.stdout


@pytest.mark.parametrize("missing", ["SCORECARD_SECRET_KEY", "SCORECARD_ALLOWED_HOSTS"])
def test_production_without_a_secret_key_or_hosts_stops_with_what_to_set(tmp_path, missing):
    env = {name: value for name, value in PRODUCTION.items() if name != missing}

    run = _run(["-m", "django", "check"], tmp_path, **env)

    assert run.returncode != 0
    assert f"ImproperlyConfigured: {missing} is not set" in run.stderr


def test_by_default_the_database_is_sqlite_in_wal_mode_under_var(tmp_path):
    run = _run(["-c", f"from scorecard.web import bootstrap; bootstrap.migrate(); {SHOW_DATABASE}"], tmp_path)

    assert run.returncode == 0, run.stderr
    database = json.loads(run.stdout)
    assert database["NAME"] == str(tmp_path / "var" / "scorecard.sqlite3")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    with sqlite3.connect(database["NAME"]) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_database_url_chooses_postgresql_without_the_sqlite_options(tmp_path):
    run = _run(
        ["-c", f"import django; django.setup(); {SHOW_DATABASE}"],
        tmp_path,
        DATABASE_URL="postgres://u:p@db.example/scorecard",
    )

    assert run.returncode == 0, run.stderr
    database = json.loads(run.stdout)
    assert (database["ENGINE"], database["HOST"], database["NAME"]) == (
        "django.db.backends.postgresql",
        "db.example",
        "scorecard",
    )
    assert "init_command" not in database.get("OPTIONS", {})
    assert not (tmp_path / "var").exists()


@pytest.mark.parametrize("address", ["nonsense://x", "postgres://[bad", "mysql://u:secret@host/db"])
def test_a_malformed_database_url_stops_with_what_to_set_and_no_password(tmp_path, address):
    run = _run(["-c", "import django; django.setup()"], tmp_path, DATABASE_URL=address)

    assert run.returncode != 0
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: DATABASE_URL ")
    assert "postgres://user:password@host:5432/db" in last or "PostgreSQL" in last
    assert "secret" not in run.stderr
