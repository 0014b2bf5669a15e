"""URLs: sign-in, the admin, a health check, and the pages. Every view declares who may open it
(`scorecard.web.accounts.permissions`); one without a rule is refused."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from scorecard.web.accounts.permissions import PUBLIC, rule
from scorecard.web.accounts.signin import sign_in, sign_out


@rule(PUBLIC)
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and deploy checks: the app is up and answering. Touches no table."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("health/", health, name="health"),
    path("accounts/login/", sign_in, name="login"),
    path("accounts/logout/", sign_out, name="logout"),
    path("admin/", admin.site.urls),
    path("", include("scorecard.web.collection.urls")),
    path("", include("scorecard.web.editing.urls")),
    path("", include("scorecard.web.pages.urls")),
]
