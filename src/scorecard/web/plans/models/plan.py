"""The corporate plan: themes, measures and key projects (actions)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from scorecard.core.measures import Aggregation, Frequency, Polarity
from scorecard.web.plans.models.kept import Versioned
from scorecard.web.plans.models.periods import ReportingPeriod
from scorecard.web.plans.models.schemes import Scheme
from scorecard.web.plans.models.tenancy import Directorate, TenantModel

_AGGREGATION_LABELS = {
    Aggregation.SNAPSHOT: "Snapshot",
    Aggregation.CUMULATIVE: "Cumulative (year to date)",
    Aggregation.ROLLING: "Rolling 12 months",
    Aggregation.PERIOD: "Within the period",
}
POLARITIES = [(polarity.value, polarity.label) for polarity in Polarity]
FREQUENCIES = [(frequency.value, frequency.value.capitalize()) for frequency in Frequency]
AGGREGATIONS = [(aggregation.value, label) for aggregation, label in _AGGREGATION_LABELS.items()]


class Plan(TenantModel):
    """The corporate plan ("Harrow Ambition Plan 2020")."""

    name = models.CharField(max_length=200)
    strapline = models.CharField(max_length=300, blank=True)
    first_year = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="A year."
    )
    last_year = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="A year."
    )

    class Meta(TenantModel.Meta):
        ordering = ("organisation", "name")
        constraints = (models.UniqueConstraint(fields=["organisation", "name"], name="plans_plan_unique_name"),)

    def __str__(self) -> str:
        return self.name


class Theme(TenantModel):
    """A strategic theme, or corporate priority, of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="themes")
    key = models.SlugField(help_text="A short name used in data files, e.g. build.")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    heading = models.CharField("priority heading", max_length=300, blank=True)
    scorecard_title = models.CharField(max_length=300, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ("plan", "order", "key")
        constraints = (models.UniqueConstraint(fields=["plan", "key"], name="plans_theme_unique_key"),)

    def __str__(self) -> str:
        return self.name


class Measure(TenantModel, Versioned):
    """A performance indicator. Retired, never deleted: its history stays readable."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="measures")
    code = models.CharField(max_length=50, help_text="Unique within the organisation, e.g. build-16.")
    ref = models.CharField("reference", max_length=20, help_text="The number printed within the theme.")
    name = models.CharField(max_length=500)
    polarity = models.CharField(max_length=10, choices=POLARITIES, help_text='Which way is good ("Good =").')
    frequency = models.CharField(max_length=10, choices=FREQUENCIES, default=Frequency.QUARTERLY.value)
    aggregation = models.CharField(max_length=10, choices=AGGREGATIONS, default=Aggregation.SNAPSHOT.value)
    reporting_quarter = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="For annual measures: the quarter they report in.",
    )
    introduced = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="First due."
    )
    retired = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Last due."
    )
    lag_months = models.PositiveSmallIntegerField(
        "publication lag (months)",
        default=0,
        validators=[MaxValueValidator(120)],
        help_text="How many months after the reporting quarter ends its figure is published; 0 when held on time.",
    )
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, null=True, blank=True, help_text="Blank: the organisation's default."
    )
    numerator_label = models.CharField(
        max_length=200, blank=True, help_text="What the numerator counts, when the measure is a rate."
    )
    denominator_label = models.CharField(max_length=200, blank=True)
    public = models.BooleanField(default=True)
    definition_note = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_measures"
    )
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, null=True, blank=True)
    order = models.PositiveIntegerField(default=0, help_text="Position within the theme's scorecard.")

    class Meta(TenantModel.Meta):
        ordering = ("organisation", "theme", "order", "code")
        constraints = (
            models.UniqueConstraint(fields=["organisation", "code"], name="plans_measure_unique_code"),
            models.CheckConstraint(
                condition=models.Q(reporting_quarter__isnull=True)
                | models.Q(reporting_quarter__gte=1, reporting_quarter__lte=4),
                name="plans_measure_reporting_quarter_1_to_4",
            ),
            models.CheckConstraint(
                condition=~models.Q(frequency=Frequency.ANNUAL.value) | models.Q(reporting_quarter__isnull=False),
                name="plans_measure_annual_has_reporting_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(numerator_label="") | ~models.Q(denominator_label=""),
                name="plans_measure_numerator_has_denominator",
            ),
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class Action(TenantModel, Versioned):
    """A key project or initiative: a commitment in the plan, known by its code."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="actions")
    code = models.CharField(max_length=50, help_text="Unique within the organisation, e.g. build-a1.")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_actions"
    )
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, null=True, blank=True)
    retired = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Last due."
    )

    class Meta(TenantModel.Meta):
        ordering = ("theme", "order")
        constraints = (models.UniqueConstraint(fields=["organisation", "code"], name="plans_action_unique_code"),)

    def __str__(self) -> str:
        return self.title
