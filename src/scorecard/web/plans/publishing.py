"""Publishing a quarter's report, and reading it back as it was published.

A fresh build judges the stored data with each scheme's current version. Publishing freezes
that build: the document as data, its HTML (and the PDFs of the report and its analytics annex),
the scheme versions that judged it and a hash of the content. A published report is read back
from those, never judged again, so later changes to measures, targets, schemes or the plan only
show in new builds.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import nullcontext
from typing import Any

from django.db import transaction

from scorecard.core.periods import Quarter
from scorecard.core.plan import QuarterReport
from scorecard.reporting.collector import collector_paused
from scorecard.reporting.document import ReportDocument, build_document
from scorecard.reporting.document_data import document_data
from scorecard.reporting.html import render_html
from scorecard.reporting.printing import Printer
from scorecard.web.plans import changes
from scorecard.web.plans.benchmarks import comparators_held
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.models import ChangeKind, Publication, PublicationScheme, SchemeVersion, User, within
from scorecard.web.plans.queries import organisation, quarter_report
from scorecard.web.plans.schemes import current_versions


class NotPublishedError(LookupError):
    """No publication for that organisation and quarter."""


def _schemes_used(report: QuarterReport) -> set[str]:
    return {report.scheme} | {m.scheme for theme in report.themes for m in theme.measures if m.scheme}


def fresh_build(slug: str, quarter: Quarter) -> tuple[ReportDocument, dict[str, SchemeVersion]]:
    """The report judged now with the current scheme versions, and those versions by name."""
    report = quarter_report(quarter, slug=slug)
    owner = organisation(slug)
    versions = current_versions(owner)
    schemes = {name: version.as_core() for name, version in versions.items()}
    used = {name: versions[name] for name in sorted(_schemes_used(report))}
    with within(owner):
        comparators = comparators_held()
    return build_document(report, schemes, comparators), used


def content_hash(document: dict[str, Any], html: str) -> str:
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode() + b"\0" + html.encode()).hexdigest()


def publish(slug: str, quarter: Quarter, *, by: User | None, with_pdf: bool = False) -> Publication:
    """Judge the quarter now and freeze the result as the next publication of that quarter."""
    with collector_paused(), Printer() if with_pdf else nullcontext() as printer:
        document, versions = fresh_build(slug, quarter)
        printed = printer.print(document) if printer else None
        html = render_html(document)
        data = {"document": document_data(document), "schemes": {n: v.version for n, v in versions.items()}}
    owner = organisation(slug)
    with transaction.atomic(), within(owner):
        period = stored_period(owner, quarter)
        last = Publication.objects.filter(period=period).order_by("-number").first()
        publication = Publication.objects.create(
            organisation=owner,
            period=period,
            number=last.number + 1 if last else 1,
            document=data,
            html=html,
            pdf=printed.report if printed else None,
            annex_pdf=printed.annex if printed else None,
            content_hash=content_hash(data, html),
            published_by=by,
        )
        PublicationScheme.objects.bulk_create(
            PublicationScheme(organisation=owner, publication=publication, scheme_version=version)
            for version in versions.values()
        )
        changes.log(publication, ChangeKind.PUBLISHED, by=by, before=None, after={"hash": publication.content_hash})
    return publication


def published(slug: str, quarter: Quarter, number: int | None = None) -> Publication:
    """The quarter's latest publication (or the one numbered `number`), exactly as published."""
    owner = organisation(slug)
    with within(owner):
        found = Publication.objects.filter(period__kind="quarter", period__start=quarter.span.start)
        if number is not None:
            found = found.filter(number=number)
        publication = found.order_by("-number").first()
    if publication is None:
        raise NotPublishedError(
            f"{quarter} has not been published for {slug}; publish it with "
            f'`scorecard publish --organisation {slug} --period "{quarter}"`'
        )
    return publication
