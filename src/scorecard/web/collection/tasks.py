"""Work done off the request, on the database queue: publishing a quarter (HTML and PDF)."""

from __future__ import annotations

from django_tasks import task

from scorecard.web.plans.models import User
from scorecard.web.plans.publishing import publish
from scorecard.web.plans.queries import reporting_quarter


@task()
def publish_quarter(slug: str, quarter: str, user_id: int | None) -> int:
    """Publish the organisation's quarter with its PDF; the new publication's id."""
    by = User.objects.filter(pk=user_id).first() if user_id is not None else None
    return publish(slug, reporting_quarter(slug, quarter), by=by, with_pdf=True).pk
