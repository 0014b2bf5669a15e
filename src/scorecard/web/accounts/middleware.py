"""Each request works within the signed-in user's organisation, and only on pages whose rule
lets them in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden

from scorecard.web.accounts.permissions import Rule, membership_of
from scorecard.web.plans.models import Directorate, Membership, within

Handler = Callable[[HttpRequest], HttpResponse]


class OrganisationMiddleware:
    """Find the user's membership and make its organisation the one every query sees."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = None
        if request.user.is_authenticated:
            membership = (
                Membership.unscoped.filter(user_id=request.user.pk)
                .select_related("organisation", "user")
                .prefetch_related(Prefetch("directorates", queryset=Directorate.unscoped.order_by("name")))
                .order_by("pk")
                .first()
            )
        request.membership = membership  # type: ignore[attr-defined]
        if membership is None:
            return self.get_response(request)
        with within(membership.organisation):
            return self.get_response(request)


class RulesMiddleware:
    """Deny by default: a view with no declared rule is refused. The admin keeps its own check."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if getattr(view, "admin_site", None) is not None or view.__module__.startswith("django.contrib.admin"):
            return None
        chosen: Rule | None = getattr(view, "scorecard_rule", None) or getattr(
            getattr(view, "view_class", None), "scorecard_rule", None
        )
        if chosen is None:
            return HttpResponseForbidden("This page has no permission rule, so it is closed.")
        if chosen.allows(membership_of(request)):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
