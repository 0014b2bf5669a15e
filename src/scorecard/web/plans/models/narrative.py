"""The words around the tables: a quarter's report text, each theme's summary of achievements,
key challenges and footnotes, and the glossary."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from scorecard.web.plans.models.kept import Versioned
from scorecard.web.plans.models.periods import ReportingPeriod
from scorecard.web.plans.models.plan import Measure, Plan, Theme
from scorecard.web.plans.models.returns import ReturnState
from scorecard.web.plans.models.tenancy import TenantModel


class Reviewed(Versioned):
    """Words reviewed like a return: draft, submitted, then approved or returned with a comment.
    The states and steps are the return's (`workflow.submit`, `approve`, `send_back`)."""

    state = models.CharField(max_length=10, choices=ReturnState.choices, default=ReturnState.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True, help_text="Why they were returned, or a note on approval.")

    class Meta:
        abstract = True


class ReportEdition(TenantModel, Reviewed):
    """A quarter's Strategic Performance Report: its title and the text around the tables."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="editions")
    title = models.CharField(max_length=300)
    introduction = models.JSONField(default=list, blank=True)
    achievements_heading = models.CharField(max_length=300, blank=True)
    actions_intro = models.TextField("introduction to the actions", blank=True)
    trend_key = models.TextField("key to the trend arrows", blank=True)
    annual_note = models.TextField("note on annual measures", blank=True)

    class Meta(TenantModel.Meta):
        ordering = ("organisation", "period__start")
        constraints = (
            models.UniqueConstraint(fields=["organisation", "period"], name="plans_reportedition_one_per_period"),
        )

    def __str__(self) -> str:
        return self.title


class ThemeNarrative(TenantModel, Reviewed):
    """A theme's text for a quarter: the summary of achievements; key challenges and notes hang off
    it and are reviewed with it."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="narratives")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    achievements = models.JSONField(default=list, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ("theme", "period__start")
        constraints = (models.UniqueConstraint(fields=["theme", "period"], name="plans_themenarrative_one_per_period"),)

    def __str__(self) -> str:
        return f"{self.theme}, {self.period}"


class KeyChallenge(TenantModel):
    """One entry of a theme's "Summary of key challenges": commentary on a measure off target."""

    narrative = models.ForeignKey(ThemeNarrative, on_delete=models.CASCADE, related_name="challenges")
    order = models.PositiveSmallIntegerField()
    heading = models.TextField()
    paragraphs = models.JSONField(default=list)
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, null=True, blank=True, related_name="challenges")

    class Meta(TenantModel.Meta):
        ordering = ("narrative", "order")
        constraints = (models.UniqueConstraint(fields=["narrative", "order"], name="plans_keychallenge_unique_order"),)

    def __str__(self) -> str:
        return self.heading


class ThemeLead(TenantModel):
    """Someone the officer has chosen to write a theme's words, in every quarter."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta(TenantModel.Meta):
        ordering = ("theme", "user")
        constraints = (models.UniqueConstraint(fields=["theme", "user"], name="plans_themelead_unique"),)

    def __str__(self) -> str:
        return f"{self.user} writes {self.theme}"


class Note(TenantModel):
    """A footnote the quarter's values refer to ("Note 1: Data not currently available").
    Kept with the quarter's narrative because each report numbers its notes afresh."""

    narrative = models.ForeignKey(ThemeNarrative, on_delete=models.CASCADE, related_name="notes")
    order = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=20, help_text='As values refer to it: "Note 1", "BL".')
    text = models.TextField()
    printed_as = models.CharField(
        max_length=40, blank=True, help_text='The label printed when several notes share one text: "Note 2, 4, 6".'
    )

    class Meta(TenantModel.Meta):
        ordering = ("narrative", "order")
        constraints = (models.UniqueConstraint(fields=["narrative", "key"], name="plans_note_unique_key"),)

    def __str__(self) -> str:
        return f"{self.key}: {self.text}"


class GlossaryEntry(TenantModel):
    """An abbreviation and what it stands for (MOPAC, MASH), printed as a footnote."""

    order = models.PositiveSmallIntegerField(default=0)
    abbreviation = models.CharField(max_length=30)
    meaning = models.CharField(max_length=300)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, help_text="The theme whose text first uses it."
    )

    class Meta(TenantModel.Meta):
        verbose_name_plural = "glossary entries"
        ordering = ("organisation", "order", "abbreviation")
        constraints = (
            models.UniqueConstraint(fields=["organisation", "abbreviation"], name="plans_glossaryentry_unique"),
        )

    def __str__(self) -> str:
        return f"{self.abbreviation}: {self.meaning}"
