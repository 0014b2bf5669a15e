"""Judging stored returns with the core and keeping the result beside them.

Each return is judged as the quarterly report shows it (a monthly measure at the latest month of
its quarter) with the current version of its measure's scheme; the status is stored against
that version. Run after anything that can change a status: a load, a saved return or target.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from scorecard.core.assess import assess, scheme_for
from scorecard.core.periods import Quarter, quarter_containing
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.models import Measure, Organisation, ReportingPeriod, StoredStatus, within
from scorecard.web.plans.queries import measure_entry, with_values
from scorecard.web.plans.schemes import current_versions

_PLACES = Decimal(10) ** -20  # what the deviation column holds


def store_statuses(organisation: Organisation, measure_ids: Iterable[int] | None = None) -> int:
    """Judge the returns of the organisation's measures (or of those named); how many were stored."""
    start_month = organisation.financial_year_start_month
    versions = current_versions(organisation)
    default = organisation.default_scheme.name if organisation.default_scheme else "five-band"
    schemes = {name: version.as_core() for name, version in versions.items()}
    rows = []
    periods: dict[Quarter, ReportingPeriod] = {}

    def period_row(quarter: Quarter) -> ReportingPeriod:
        if quarter not in periods:
            periods[quarter] = stored_period(organisation, quarter)
        return periods[quarter]

    with within(organisation):
        measures = Measure.objects.all()
        if measure_ids is not None:
            measures = measures.filter(pk__in=list(measure_ids))
        for measure in with_values(measures):
            entry = measure_entry(measure, start_month)
            scheme = scheme_for(entry, schemes[default], schemes)
            held = {row.period.label: row for row in measure.returns.all()}
            quarters = sorted(
                {
                    value.period if isinstance(value.period, Quarter) else quarter_containing(value.period, start_month)
                    for value in entry.entries
                }
            )
            for quarter in quarters:
                assessment = assess(entry, quarter, scheme)
                shown = assessment.entry
                returned = held.get(shown.period.label()) if shown else None
                if returned is None:
                    continue
                status = assessment.status
                rows.append(
                    StoredStatus(
                        organisation=organisation,
                        measure_return=returned,
                        scheme_version=versions[scheme.name],
                        state=status.state.value,
                        band=status.code,
                        reason=status.reason,
                        deviation=status.deviation.quantize(_PLACES) if status.deviation is not None else None,
                        trend=assessment.trend.value if assessment.trend else "",
                        compared_with=period_row(assessment.compared_with),
                    )
                )
    StoredStatus.unscoped.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["measure_return", "scheme_version"],
        update_fields=["state", "band", "reason", "deviation", "trend", "compared_with", "updated_at"],
    )
    return len(rows)
