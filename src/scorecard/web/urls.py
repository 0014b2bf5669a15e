"""URLs: sign-in, the admin, and the pages. Every view declares who may open it
(`scorecard.web.accounts.permissions`); one without a rule is refused."""

from django.contrib import admin
from django.urls import include, path

from scorecard.web.accounts.signin import sign_in, sign_out

urlpatterns = [
    path("accounts/login/", sign_in, name="login"),
    path("accounts/logout/", sign_out, name="logout"),
    path("admin/", admin.site.urls),
    path("", include("scorecard.web.collection.urls")),
    path("", include("scorecard.web.editing.urls")),
    path("", include("scorecard.web.pages.urls")),
]
