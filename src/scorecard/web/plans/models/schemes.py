"""RAG schemes as versioned data: a new version for every change, never an edit in place, so
every status can name the exact rules that produced it."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.db import models

from scorecard.core.schemes import RagScheme, parse_scheme
from scorecard.web.plans.models.tenancy import TenantModel


class Scheme(TenantModel):
    """A named scheme an organisation judges with ("five-band"); its rules are its versions."""

    name = models.CharField(max_length=50)
    description = models.TextField(blank=True)

    class Meta(TenantModel.Meta):
        ordering = ("organisation", "name")
        constraints = (models.UniqueConstraint(fields=["organisation", "name"], name="plans_scheme_unique_name"),)

    def __str__(self) -> str:
        return self.name


class SchemeVersion(TenantModel):
    """One version of a scheme's rules, as the TOML the core reads. Never changed once written."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    definition = models.TextField(help_text="The scheme in TOML (see docs/rag-rules.md).")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why this version was made.")

    class Meta(TenantModel.Meta):
        ordering = ("scheme", "version")
        constraints = (
            models.UniqueConstraint(fields=["scheme", "version"], name="plans_schemeversion_unique_version"),
        )

    def __str__(self) -> str:
        return f"{self.scheme} v{self.version}"

    def as_core(self) -> RagScheme:
        return _rules(self.scheme.name, self.definition, self.version)


@lru_cache(maxsize=256)
def _rules(name: str, definition: str, version: int) -> RagScheme:
    """A version's rules, parsed once per process: every page judging with it asks for them."""
    parsed = parse_scheme(definition)
    return RagScheme(name, parsed.bands, parsed.deviation, version, parsed.description)


class SchemeBand(TenantModel):
    """A band of a scheme version: what an officer's override may name."""

    scheme_version = models.ForeignKey(SchemeVersion, on_delete=models.PROTECT, related_name="bands")
    code = models.CharField(max_length=20)
    label = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField()

    class Meta(TenantModel.Meta):
        ordering = ("scheme_version", "position")
        constraints = (models.UniqueConstraint(fields=["scheme_version", "code"], name="plans_schemeband_unique_code"),)

    def __str__(self) -> str:
        return f"{self.code} ({self.label})"
