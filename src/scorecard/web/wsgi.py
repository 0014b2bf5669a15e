"""The WSGI entry point for application servers (gunicorn scorecard.web.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.web.settings")

application = get_wsgi_application()
