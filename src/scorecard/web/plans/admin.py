"""The admin: performance officers' back office for the plan until the web app has its own pages."""

from collections.abc import Sequence
from typing import ClassVar

from django.contrib import admin

from scorecard.web.plans.models import (
    Action,
    ActionUpdate,
    Directorate,
    GlossaryEntry,
    KeyChallenge,
    Measure,
    Note,
    Organisation,
    PeriodValue,
    Plan,
    Report,
    Theme,
    ThemeNarrative,
)

QUARTER_FILTERS = ("financial_year", "quarter")


class DirectorateInline(admin.TabularInline):
    model = Directorate
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "default_scheme", "financial_year_start_month")
    search_fields = ("name", "slug")
    prepopulated_fields: ClassVar[dict[str, Sequence[str]]] = {"slug": ("name",)}
    inlines = (DirectorateInline,)


@admin.register(Directorate)
class DirectorateAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)
    search_fields = ("name",)


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    fields = ("order", "key", "name", "heading", "scorecard_title")


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "start_year", "end_year")
    list_filter = ("organisation",)
    search_fields = ("name",)
    inlines = (ThemeInline,)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "plan", "order")
    list_filter = ("plan__organisation", "plan")
    search_fields = ("name", "key")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "period")
    list_filter = ("organisation", *QUARTER_FILTERS)
    search_fields = ("title",)


class KeyChallengeInline(admin.StackedInline):
    model = KeyChallenge
    extra = 0
    autocomplete_fields = ("measure",)


class NoteInline(admin.TabularInline):
    model = Note
    extra = 0


@admin.register(ThemeNarrative)
class ThemeNarrativeAdmin(admin.ModelAdmin):
    list_display = ("theme", "period")
    list_filter = ("theme__plan__organisation", "theme", *QUARTER_FILTERS)
    inlines = (KeyChallengeInline, NoteInline)


class PeriodValueInline(admin.TabularInline):
    model = PeriodValue
    extra = 0
    fields = ("period", "target", "actual", "covers", "marker", "override", "override_reason", "version")
    readonly_fields = ("version",)


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "theme", "polarity", "frequency", "aggregation", "public")
    list_filter = ("organisation", "theme", "polarity", "frequency", "aggregation", "public")
    search_fields = ("code", "name")
    autocomplete_fields = ("theme", "owner", "directorate")
    inlines = (PeriodValueInline,)


@admin.register(PeriodValue)
class PeriodValueAdmin(admin.ModelAdmin):
    list_display = ("measure", "period", "target", "actual", "marker", "override", "version", "updated_at")
    list_filter = ("measure__organisation", *QUARTER_FILTERS, "measure__theme")
    search_fields = ("measure__code", "measure__name")
    autocomplete_fields = ("measure",)
    readonly_fields = ("version", "created_at", "updated_at")


class ActionUpdateInline(admin.StackedInline):
    model = ActionUpdate
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("title", "theme", "order", "owner")
    list_filter = ("theme__plan__organisation", "theme")
    search_fields = ("title",)
    autocomplete_fields = ("theme", "owner", "directorate")
    inlines = (ActionUpdateInline,)


@admin.register(ActionUpdate)
class ActionUpdateAdmin(admin.ModelAdmin):
    list_display = ("action", "period", "status")
    list_filter = ("action__theme__plan__organisation", *QUARTER_FILTERS, "status")
    search_fields = ("action__title",)
    autocomplete_fields = ("action",)


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(admin.ModelAdmin):
    list_display = ("abbreviation", "meaning", "organisation", "theme")
    list_filter = ("organisation",)
    search_fields = ("abbreviation", "meaning")
