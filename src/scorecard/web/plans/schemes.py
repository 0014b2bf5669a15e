"""An organisation's RAG schemes: the built-ins seeded as version 1, new versions as rules
change, and the current version of each as the core's RagScheme."""

from __future__ import annotations

from django.db import transaction

from scorecard.core.schemes import BUILT_IN, BUILT_IN_TOML, parse_scheme
from scorecard.web.plans import changes
from scorecard.web.plans.models import Organisation, Scheme, SchemeBand, SchemeVersion, User


def add_version(scheme: Scheme, definition: str, *, by: User | None, reason: str = "") -> SchemeVersion:
    """A new version of `scheme` from TOML; raises SchemeError if the core cannot read it."""
    parsed = parse_scheme(definition)
    with transaction.atomic():
        latest = SchemeVersion.unscoped.filter(scheme=scheme).order_by("-version").first()
        version = changes.create(
            SchemeVersion,
            {
                "organisation_id": scheme.organisation_id,
                "scheme": scheme,
                "version": latest.version + 1 if latest else 1,
                "definition": definition,
                "created_by": by,
                "reason": reason,
            },
            by=by,
        )
        SchemeBand.unscoped.bulk_create(
            SchemeBand(
                organisation_id=scheme.organisation_id,
                scheme_version=version,
                code=band.code,
                label=band.label,
                position=position,
            )
            for position, band in enumerate(parsed.bands)
        )
    return version


def seed_built_ins(organisation: Organisation, default: str = "five-band") -> None:
    """Give a new organisation the built-in schemes, and `default` as its default."""
    for name, definition in BUILT_IN_TOML.items():
        scheme, made = Scheme.unscoped.get_or_create(
            organisation=organisation, name=name, defaults={"description": BUILT_IN[name].description}
        )
        if made:
            add_version(scheme, definition, by=None, reason="Built in")
    if organisation.default_scheme_id is None:
        organisation.default_scheme = Scheme.unscoped.get(organisation=organisation, name=default)
        organisation.save(update_fields=["default_scheme", "updated_at"])


def current_versions(organisation: Organisation) -> dict[str, SchemeVersion]:
    """Each scheme's latest version, by scheme name."""
    latest: dict[str, SchemeVersion] = {}
    for version in (
        SchemeVersion.unscoped.filter(organisation=organisation)
        .select_related("scheme")
        .order_by("scheme__name", "version")
    ):
        latest[version.scheme.name] = version
    return latest
