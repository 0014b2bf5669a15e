"""Starting Django from plain Python (the command line, scripts), outside manage.py and WSGI."""

from __future__ import annotations

import os

import django
from django.apps import apps
from django.core.management import call_command


def start() -> None:
    """Configure Django with the project's settings unless something already has."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.web.settings")
    if not apps.ready:
        django.setup()


def migrate(verbosity: int = 0) -> None:
    """Bring the database schema up to date."""
    start()
    call_command("migrate", interactive=False, verbosity=verbosity)
