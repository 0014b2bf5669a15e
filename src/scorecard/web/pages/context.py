"""What every page's layout needs: whose site it is and who is signed in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from scorecard.web.accounts.permissions import may_run_the_quarter, membership_of


def site(request: HttpRequest) -> dict[str, Any]:
    membership = membership_of(request)
    return {
        "membership": membership,
        "organisation": membership.organisation if membership else getattr(request, "public_organisation", None),
        "runs_the_quarter": may_run_the_quarter(membership),
    }
