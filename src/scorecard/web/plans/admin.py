"""The admin: a back office across organisations for administrators, until the web app has its
own pages. It reads through each model's unscoped manager, the way Django's admin works."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model

from scorecard.web.plans import models

READ_ONLY = ("version", "created_at", "updated_at")

# Django's ModelAdmin is generic only to the type checker.
if TYPE_CHECKING:
    AnyAdmin = admin.ModelAdmin[Any]
else:
    AnyAdmin = admin.ModelAdmin


class ReadOnlyAdmin(AnyAdmin):
    """History and publications: shown, never edited here."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class KeptAdmin(AnyAdmin):
    """Records with history are retired, not deleted."""

    readonly_fields = READ_ONLY

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


admin.site.register(models.User, UserAdmin)


@admin.register(models.Organisation)
class OrganisationAdmin(AnyAdmin):
    list_display = ("name", "slug", "financial_year_start_month", "brand_colour")
    search_fields = ("name", "slug")


@admin.register(models.Membership)
class MembershipAdmin(AnyAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("organisation", "role")


PLAIN: tuple[type[Model], ...] = (
    models.Directorate,
    models.ReportingPeriod,
    models.Plan,
    models.Theme,
    models.KeyChallenge,
    models.ThemeLead,
    models.Note,
    models.GlossaryEntry,
    models.Scheme,
    models.MembershipDirectorate,
)
KEPT: tuple[type[Model], ...] = (
    models.Measure,
    models.Action,
    models.Target,
    models.Return,
    models.ActionUpdate,
    models.Benchmark,
    models.ReportEdition,
    models.ThemeNarrative,
)
SHOWN_ONLY: tuple[type[Model], ...] = (  # append-only, or derived by the core
    models.Change,
    models.StoredStatus,
    models.Publication,
    models.PublicationScheme,
    models.SchemeVersion,
    models.SchemeBand,
    models.CollectionRound,  # opened, signed off and reopened on the collection page, with history
    models.Reminder,
    models.DataStamp,  # kept by the database's triggers
)
admin.site.register(PLAIN)
admin.site.register(KEPT, KeptAdmin)
admin.site.register(SHOWN_ONLY, ReadOnlyAdmin)
