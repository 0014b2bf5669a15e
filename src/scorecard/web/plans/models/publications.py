"""Published reports: frozen as they were published, never judged again."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from scorecard.web.plans.models.kept import HistoryKeptError
from scorecard.web.plans.models.periods import ReportingPeriod
from scorecard.web.plans.models.schemes import SchemeVersion
from scorecard.web.plans.models.tenancy import TenantModel


class Publication(TenantModel):
    """A quarter's report as published: the document as data, its HTML (and PDF when built),
    the scheme versions that judged it, and a hash of its content. Append-only: a correction is
    a new publication with the next number."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(default=1, help_text="1 for the first publication of a period.")
    document = models.JSONField(help_text="The report document, every status and reason in it.")
    html = models.TextField()
    pdf = models.BinaryField(null=True, blank=True)
    annex_pdf = models.BinaryField(
        null=True, blank=True, help_text="The analytics appendix, printed as a document of its own."
    )
    schemes = models.ManyToManyField(SchemeVersion, related_name="publications", through="PublicationScheme")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the document and the HTML.")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ("organisation", "period__start", "number")
        constraints = (
            models.UniqueConstraint(fields=["organisation", "period", "number"], name="plans_publication_unique"),
        )

    def __str__(self) -> str:
        return f"{self.period} publication {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise HistoryKeptError("a published report never changes; publish a correction instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryKeptError("a published report is never deleted")


class PublicationScheme(TenantModel):
    """A scheme version that judged a publication."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT)
    scheme_version = models.ForeignKey(SchemeVersion, on_delete=models.PROTECT)

    class Meta(TenantModel.Meta):
        constraints = (
            models.UniqueConstraint(fields=["publication", "scheme_version"], name="plans_publicationscheme_unique"),
        )
