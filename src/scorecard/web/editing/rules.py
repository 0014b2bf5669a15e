"""The rules as they stand, read from the database as the core's `Rules`, for a what-if."""

from __future__ import annotations

from collections.abc import Collection

from scorecard.core.what_if import Rules
from scorecard.web.plans.models import Measure, Organisation
from scorecard.web.plans.queries import measure_entry, with_values
from scorecard.web.plans.schemes import current_versions


def current_rules(organisation: Organisation, codes: Collection[str] | None = None) -> Rules:
    """Every measure (or those named) with its targets and held values, and each scheme's
    current version; the caller has made `organisation` the active one."""
    start_month = organisation.financial_year_start_month
    measures = Measure.objects.order_by("code")
    if codes is not None:
        measures = measures.filter(code__in=list(codes))
    schemes = {name: version.as_core() for name, version in current_versions(organisation).items()}
    default = organisation.default_scheme.name if organisation.default_scheme else "five-band"
    entries = tuple(measure_entry(measure, start_month) for measure in with_values(measures))
    return Rules(entries, schemes, default, start_month)
