"""The corporate plan and its quarterly figures, named as performance officers name them.

Every record belongs to one Organisation, directly or through its parent, so one deployment can
serve several councils without their data crossing. Targets and actuals are stored as printed
and read by the core's parsers, so a report prints them back exactly.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from scorecard.core.assess import read_actual
from scorecard.core.measures import Aggregation, Frequency, Polarity
from scorecard.core.periods import (
    APRIL,
    FinancialYear,
    PeriodError,
    Quarter,
    parse_financial_year,
    parse_quarter,
    parse_span,
)
from scorecard.core.plan import ActionStatus
from scorecard.core.targets import parse_target

_AGGREGATION_LABELS = {
    Aggregation.SNAPSHOT: "Snapshot",
    Aggregation.CUMULATIVE: "Cumulative (year to date)",
    Aggregation.ROLLING: "Rolling 12 months",
    Aggregation.PERIOD: "Within the period",
}


def _choices(enum: type[StrEnum], labels: dict[Any, str] | None = None) -> list[tuple[str, str]]:
    """Django choices from a core enum: its values as stored, its labels as shown."""
    return [
        (member.value, (labels or {}).get(member) or getattr(member, "label", member.value.capitalize()))
        for member in enum
    ]


def validate_paragraphs(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError("Enter a list of paragraphs, each a piece of text.")


def printed_value_problems(target: str, actual: str, covers: str) -> dict[str, str]:
    """What the core cannot read in a target, actual and covered span as printed, by field."""
    checks = [("target", target, parse_target), ("actual", actual, read_actual)]
    if covers.strip():
        checks.append(("covers", covers, parse_span))
    problems = {}
    for field, text, read in checks:
        try:
            read(text)
        except ValueError as error:
            problems[field] = str(error)
    return problems


def _same_organisation(field: str, owner_id: int | None, organisation_id: int | None) -> None:
    if owner_id is not None and organisation_id is not None and owner_id != organisation_id:
        raise ValidationError({field: "This belongs to another organisation."})


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class InQuarter(models.Model):
    """A record for one reporting quarter: the quarter as printed, and its parts to sort and filter by."""

    period = models.CharField(max_length=20, help_text='The reporting quarter, e.g. "Q2 2018/19".')
    financial_year = models.PositiveSmallIntegerField(
        editable=False, help_text="The calendar year the financial year starts in: 2018 for 2018/19."
    )
    quarter = models.PositiveSmallIntegerField(editable=False)

    class Meta:
        abstract = True
        constraints = (
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="%(app_label)s_%(class)s_quarter_1_to_4"
            ),
        )

    def save(self, **kwargs: Any) -> None:
        self._read_period()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "period", "financial_year", "quarter"}
        super().save(**kwargs)

    @staticmethod
    def lookup(quarter: Quarter) -> dict[str, int]:
        """The lookup that finds a quarter's rows."""
        return {"financial_year": quarter.year.start_year, "quarter": quarter.number}

    def as_quarter(self, start_month: int) -> Quarter:
        return FinancialYear(self.financial_year, start_month).quarter(self.quarter)

    def _read_period(self) -> None:
        # The label is what people type; the parts are derived so they can never disagree with it.
        quarter = parse_quarter(self.period)
        self.period = quarter.label()
        self.financial_year, self.quarter = quarter.year.start_year, quarter.number

    def clean(self) -> None:
        super().clean()
        try:
            self._read_period()
        except PeriodError as error:
            raise ValidationError({"period": str(error)}) from None


class Organisation(Timestamped):
    """A council. Every other record belongs to one."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, help_text="A short name for addresses and commands, e.g. harrow.")
    default_scheme = models.CharField("default RAG scheme", max_length=50, default="five-band")
    financial_year_start_month = models.PositiveSmallIntegerField(
        default=APRIL, validators=[MinValueValidator(1), MaxValueValidator(12)], help_text="4 (April) in UK councils."
    )

    class Meta:
        ordering = ("name",)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(financial_year_start_month__gte=1, financial_year_start_month__lte=12),
                name="plans_organisation_start_month_1_to_12",
            ),
        )

    def __str__(self) -> str:
        return self.name


class Directorate(Timestamped):
    """A directorate or service: where owners and approvers sit, and what permissions are scoped to."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="directorates")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ("organisation", "name")
        constraints = (models.UniqueConstraint(fields=["organisation", "name"], name="plans_directorate_unique_name"),)

    def __str__(self) -> str:
        return self.name


class Plan(Timestamped):
    """The corporate plan ("Harrow Ambition Plan 2020")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    name = models.CharField(max_length=200)
    strapline = models.CharField(max_length=300, blank=True)
    start_year = models.CharField("first financial year", max_length=9, blank=True, help_text='e.g. "2018/19".')
    end_year = models.CharField("last financial year", max_length=9, blank=True)

    class Meta:
        ordering = ("organisation", "name")
        constraints = (models.UniqueConstraint(fields=["organisation", "name"], name="plans_plan_unique_name"),)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        for field in ("start_year", "end_year"):
            try:
                if getattr(self, field):
                    parse_financial_year(getattr(self, field))
            except PeriodError as error:
                raise ValidationError({field: str(error)}) from None


class Theme(Timestamped):
    """A strategic theme, or corporate priority, of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    key = models.SlugField(help_text="A short name used in data files, e.g. build.")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    heading = models.CharField("priority heading", max_length=300, blank=True)
    scorecard_title = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("plan", "order", "key")
        constraints = (models.UniqueConstraint(fields=["plan", "key"], name="plans_theme_unique_key"),)

    def __str__(self) -> str:
        return self.name


class Report(InQuarter, Timestamped):
    """A quarter's Strategic Performance Report: its title and the text around the tables."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reports")
    plan = models.ForeignKey(Plan, on_delete=models.RESTRICT, related_name="reports")
    title = models.CharField(max_length=300)
    introduction = models.JSONField(default=list, blank=True, validators=[validate_paragraphs])
    achievements_heading = models.CharField(max_length=300, blank=True)
    actions_intro = models.TextField("introduction to the actions", blank=True)
    trend_key = models.TextField("key to the trend arrows", blank=True)
    annual_note = models.TextField("note on annual measures", blank=True)

    class Meta(InQuarter.Meta):
        ordering = ("organisation", "financial_year", "quarter")
        constraints = (
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["organisation", "financial_year", "quarter"], name="plans_report_one_per_quarter"
            ),
        )

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.plan_id is not None:
            _same_organisation("plan", self.plan.organisation_id, self.organisation_id)


class ThemeNarrative(InQuarter, Timestamped):
    """A theme's text for a quarter: the summary of achievements, key challenges and footnotes."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="narratives")
    achievements = models.JSONField(default=list, blank=True, validators=[validate_paragraphs])

    class Meta(InQuarter.Meta):
        ordering = ("theme", "financial_year", "quarter")
        constraints = (
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["theme", "financial_year", "quarter"], name="plans_themenarrative_one_per_quarter"
            ),
        )

    def __str__(self) -> str:
        return f"{self.theme}, {self.period}"


class Measure(Timestamped):
    """A performance indicator."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="measures")
    theme = models.ForeignKey(Theme, on_delete=models.RESTRICT, related_name="measures")
    code = models.CharField(max_length=50, help_text="Unique within the organisation, e.g. build-16.")
    ref = models.CharField("reference", max_length=20, help_text="The number printed within the theme.")
    name = models.CharField(max_length=500)
    polarity = models.CharField(
        max_length=10, choices=_choices(Polarity), help_text='Which way is good ("Good =" in the report).'
    )
    frequency = models.CharField(max_length=10, choices=_choices(Frequency), default=Frequency.QUARTERLY.value)
    aggregation = models.CharField(
        max_length=10, choices=_choices(Aggregation, _AGGREGATION_LABELS), default=Aggregation.SNAPSHOT.value
    )
    reporting_quarter = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="For annual measures: the quarter they report in.",
    )
    introduced = models.CharField(
        max_length=20, blank=True, help_text='The first quarter it is due, e.g. "Q1 2018/19".'
    )
    retired = models.CharField(max_length=20, blank=True, help_text="The last quarter it is due.")
    scheme = models.CharField("RAG scheme", max_length=50, blank=True, help_text="Blank: the organisation's default.")
    public = models.BooleanField(default=True)
    definition_note = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_measures"
    )
    directorate = models.ForeignKey(
        Directorate, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures"
    )
    order = models.PositiveIntegerField(default=0, help_text="Position within the theme's scorecard.")

    class Meta:
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
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    def clean(self) -> None:
        super().clean()
        if self.theme_id is not None:
            _same_organisation("theme", self.theme.plan.organisation_id, self.organisation_id)
        if self.directorate_id is not None:
            _same_organisation("directorate", self.directorate.organisation_id, self.organisation_id)
        for field in ("introduced", "retired"):
            try:
                if getattr(self, field):
                    parse_quarter(getattr(self, field))
            except PeriodError as error:
                raise ValidationError({field: str(error)}) from None


class PeriodValue(InQuarter, Timestamped):
    """A measure's target and actual for one reporting quarter, exactly as printed."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="period_values")
    target = models.CharField(max_length=100, blank=True)
    actual = models.CharField(max_length=100, blank=True)
    covers = models.CharField(
        max_length=40,
        blank=True,
        help_text='The months the actual covers when not the quarter itself: "Jul 16 - Sep 16".',
    )
    marker = models.CharField(
        max_length=60, blank=True, help_text='Printed in place of a status: "Note 1", "New in 2018/19", "BL".'
    )
    override = models.CharField(
        "override band", max_length=10, blank=True, help_text="A band code an officer set in place of the computed one."
    )
    override_reason = models.TextField(blank=True)
    commentary = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta(InQuarter.Meta):
        ordering = ("measure", "financial_year", "quarter")
        constraints = (
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["measure", "financial_year", "quarter"], name="plans_periodvalue_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(override="") | ~models.Q(override_reason=""),
                name="plans_periodvalue_override_has_reason",
            ),
        )

    def __str__(self) -> str:
        return f"{self.measure.code}, {self.period}"

    def save(self, **kwargs: Any) -> None:
        # Every change gets a new version, so an edit made against an older one can be refused.
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(**kwargs)

    def clean(self) -> None:
        super().clean()
        problems = printed_value_problems(self.target, self.actual, self.covers)
        if self.override and not self.override_reason.strip():
            problems["override_reason"] = "Give the reason for overriding the computed band."
        if problems:
            raise ValidationError(problems)


class KeyChallenge(Timestamped):
    """One entry of a theme's "Summary of key challenges": commentary on a measure off target."""

    narrative = models.ForeignKey(ThemeNarrative, on_delete=models.CASCADE, related_name="challenges")
    order = models.PositiveSmallIntegerField()
    heading = models.TextField()
    paragraphs = models.JSONField(default=list, validators=[validate_paragraphs])
    measure = models.ForeignKey(Measure, on_delete=models.SET_NULL, null=True, blank=True, related_name="challenges")

    class Meta:
        ordering = ("narrative", "order")
        constraints = (models.UniqueConstraint(fields=["narrative", "order"], name="plans_keychallenge_unique_order"),)

    def __str__(self) -> str:
        return self.heading


class Note(Timestamped):
    """A footnote the quarter's values refer to ("Note 1: Data not currently available").

    Kept with the quarter's narrative because each report numbers its notes afresh.
    """

    narrative = models.ForeignKey(ThemeNarrative, on_delete=models.CASCADE, related_name="notes")
    order = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=20, help_text='As values refer to it: "Note 1", "BL".')
    text = models.TextField()
    printed_as = models.CharField(
        max_length=40, blank=True, help_text='The label printed when several notes share one text: "Note 2, 4, 6".'
    )

    class Meta:
        ordering = ("narrative", "order")
        constraints = (models.UniqueConstraint(fields=["narrative", "key"], name="plans_note_unique_key"),)

    def __str__(self) -> str:
        return f"{self.key}: {self.text}"


class Action(Timestamped):
    """A key project or initiative: a commitment in the plan."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_actions"
    )
    directorate = models.ForeignKey(
        Directorate, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )

    class Meta:
        ordering = ("theme", "order")
        constraints = (models.UniqueConstraint(fields=["theme", "title"], name="plans_action_unique_title"),)

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.directorate_id is not None and self.theme_id is not None:
            _same_organisation("directorate", self.directorate.organisation_id, self.theme.plan.organisation_id)


class ActionUpdate(InQuarter, Timestamped):
    """A key project's progress and status for one quarter."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    progress = models.JSONField(default=list, validators=[validate_paragraphs])
    status = models.CharField(max_length=20, choices=_choices(ActionStatus))

    class Meta(InQuarter.Meta):
        ordering = ("action", "financial_year", "quarter")
        constraints = (
            *InQuarter.Meta.constraints,
            models.UniqueConstraint(
                fields=["action", "financial_year", "quarter"], name="plans_actionupdate_one_per_quarter"
            ),
        )

    def __str__(self) -> str:
        return f"{self.action}, {self.period}"


class GlossaryEntry(Timestamped):
    """An abbreviation and what it stands for (MOPAC, MASH), printed as a footnote."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="glossary")
    order = models.PositiveSmallIntegerField(default=0)
    abbreviation = models.CharField(max_length=30)
    meaning = models.CharField(max_length=300)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="glossary_entries",
        help_text="The theme whose text first uses it.",
    )

    class Meta:
        verbose_name_plural = "glossary entries"
        ordering = ("organisation", "order", "abbreviation")
        constraints = (
            models.UniqueConstraint(fields=["organisation", "abbreviation"], name="plans_glossaryentry_unique"),
        )

    def __str__(self) -> str:
        return f"{self.abbreviation}: {self.meaning}"
