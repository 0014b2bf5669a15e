"""The officer's pages for the plan: a measure's definition, its targets, an override of a
stored status, and the schemes' rules, each rule change previewed before it is made (what-if).

Only officers and administrators open them (`OFFICER`); a record of another organisation is not
found. A change goes through `changes` or `workflow`, against the version the officer saw: a
stale one shows the other change and keeps what the officer typed."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from scorecard.core.measures import Polarity
from scorecard.core.periods import FinancialYear
from scorecard.core.what_if import WhatIf, what_if
from scorecard.web.accounts.permissions import OFFICER, member, rule, signed_in_user
from scorecard.web.editing.forms import MeasureForm, OverrideForm, SchemeForm, TargetForm
from scorecard.web.editing.rules import current_rules
from scorecard.web.pages.quarters import as_quarter, quarters
from scorecard.web.plans import changes, workflow
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.changes import StaleEditError
from scorecard.web.plans.models import (
    Measure,
    Organisation,
    Return,
    Scheme,
    SchemeBand,
    SchemeVersion,
    StoredStatus,
    Target,
    Theme,
)
from scorecard.web.plans.schemes import add_version, current_versions
from scorecard.web.plans.statuses import store_statuses


def _measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("theme", "scheme", "owner", "directorate", "organisation__default_scheme")


def _problem(form: MeasureForm | TargetForm | OverrideForm, error: workflow.EntryError) -> None:
    """A service's refusal shown on the field it names (the form's own field when it has one)."""
    field = {"printed": "target", "code": "band"}.get(error.field, error.field)
    form.add_error(field if field in form.fields else None, str(error).split(": ", 1)[-1])


@rule(OFFICER)
def plan(request: HttpRequest) -> HttpResponse:
    """The plan's measures by theme, each with its edit pages, and a link to the schemes."""
    themes = Theme.objects.select_related("plan").order_by("plan__name", "order").prefetch_related("measures")
    return render(request, "editing/plan.html", {"themes": themes})


@rule(OFFICER)
def measure(request: HttpRequest, code: str) -> HttpResponse:
    """Edit a measure's definition; a changed polarity or scheme is previewed before it is saved."""
    organisation = member(request).organisation
    held = get_object_or_404(_measures(), code=code)
    current = None
    preview = None
    previewed = ""
    if request.method == "POST":
        form = MeasureForm(request.POST, organisation=organisation)
        if form.is_valid():
            entered = form.changes(held)
            scheme = form.cleaned_data["scheme"]
            previewed = f"{form.cleaned_data['polarity']}|{scheme.name if scheme else ''}"
            unseen = bool({"polarity", "scheme"} & set(entered)) and request.POST.get("previewed") != previewed
            if "preview" in request.POST or unseen:
                preview = _measure_preview(organisation, held, form)
            elif not entered:
                messages.success(request, f"Nothing was changed in {held.code}.")
                return redirect("measure", held.code)
            else:
                try:
                    changes.change(
                        held,
                        entered,
                        expected_version=form.cleaned_data["version"],
                        by=signed_in_user(request),
                        source="web",
                    )
                except StaleEditError as stale:
                    current = get_object_or_404(_measures(), pk=stale.current.pk)
                else:
                    store_statuses(organisation, [held.pk])
                    messages.success(request, f"Saved {held.code}: {', '.join(sorted(entered))} changed.")
                    return redirect("measure", held.code)
    else:
        form = MeasureForm(initial=MeasureForm.held(held), organisation=organisation)
    version = current.version if current else form["version"].value() or held.version
    context = {
        "measure": held,
        "form": form,
        "current": current,
        "preview": preview,
        "previewed": previewed if preview else "",
        "version": version,
    }
    return render(request, "editing/measure.html", context, status=409 if current else 200)


def _measure_preview(organisation: Organisation, held: Measure, form: MeasureForm) -> WhatIf:
    rules = current_rules(organisation, [held.code])
    scheme = form.cleaned_data["scheme"]
    proposed = rules.with_polarity(held.code, Polarity(form.cleaned_data["polarity"])).with_measure_scheme(
        held.code, scheme.name if scheme else ""
    )
    return what_if(rules, proposed)


def _latest_year(organisation: Organisation) -> FinancialYear:
    """Targets may be set up to the end of the year after the latest quarter held."""
    held = quarters()
    if held:
        return as_quarter(held[-1], organisation).year.next()
    today, start = timezone.localdate(), organisation.financial_year_start_month
    return FinancialYear(today.year if today.month >= start else today.year - 1, start).next()


@rule(OFFICER)
def targets(request: HttpRequest, code: str) -> HttpResponse:
    """A measure's targets and statuses by period; set or change one once its preview is seen."""
    organisation = member(request).organisation
    held = get_object_or_404(_measures(), code=code)
    latest = _latest_year(organisation)
    current = None
    preview = None
    previewed = ""
    if request.method == "POST":
        form = TargetForm(request.POST, measure=held, latest=latest)
        if form.is_valid():
            period, printed = form.cleaned_data["period"], form.cleaned_data["target"]
            previewed = f"{period.label()}|{printed}"
            if "preview" in request.POST or request.POST.get("previewed") != previewed:
                try:
                    workflow.target_values(held, printed)
                except workflow.EntryError as error:
                    _problem(form, error)
                else:
                    rules = current_rules(organisation, [held.code])
                    preview = what_if(rules, rules.with_target(held.code, period, printed))
            else:
                seen = form.cleaned_data["version"] or None
                try:
                    workflow.set_target(
                        held,
                        stored_period(organisation, period),
                        printed,
                        expected_version=seen,
                        by=signed_in_user(request),
                    )
                except StaleEditError as stale:
                    current = stale.current
                except workflow.EntryError as error:
                    _problem(form, error)
                except workflow.WorkflowError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, f"Set the target of {held.code} for {period.label()} to {printed}.")
                    return redirect("edit-targets", held.code)
    else:
        form = TargetForm(initial=_chosen_target(request, held), measure=held, latest=latest)
    context = {
        "measure": held,
        "form": form,
        "current": current,
        "preview": preview,
        "previewed": previewed if preview or current else "",
        "lines": _lines(organisation, held),
        "version": current.version if current else form["version"].value() or 0,
    }
    return render(request, "editing/targets.html", context, status=409 if current else 200)


def _chosen_target(request: HttpRequest, held: Measure) -> dict[str, object]:
    """The target named by `?period=`, to change it; else a new one."""
    label = request.GET.get("period", "").strip()
    found = Target.objects.filter(measure=held, period__label=label).first() if label else None
    if found is None:
        return {"period": label, "version": 0}
    return {"period": label, "target": found.printed, "version": found.version}


def _lines(organisation: Organisation, held: Measure) -> list[dict[str, object]]:
    """Every period held: target, actual and the stored status under the current rules."""
    versions = [version.pk for version in current_versions(organisation).values()]
    targets_held = {t.period_id: t for t in Target.objects.filter(measure=held).select_related("period")}
    returns = {r.period_id: r for r in Return.objects.filter(measure=held).select_related("period", "override_band")}
    statuses = {
        status.measure_return_id: status
        for status in StoredStatus.objects.filter(measure_return__measure=held, scheme_version__in=versions)
    }
    periods = {t.period_id: t.period for t in targets_held.values()} | {r.period_id: r.period for r in returns.values()}
    return [
        {
            "period": period,
            "target": targets_held.get(pk),
            "return": returns.get(pk),
            "status": statuses.get(returns[pk].pk) if pk in returns else None,
        }
        for pk, period in sorted(periods.items(), key=lambda item: item[1].start)
    ]


@rule(OFFICER)
def override(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish another band of the measure's scheme for a stored status, or remove an override."""
    held = get_object_or_404(Return.objects.select_related("measure", "period", "override_band"), pk=pk)
    organisation = member(request).organisation
    version = current_versions(organisation)[_scheme_of(held.measure, organisation).name]
    bands = [(band.code, band.label) for band in SchemeBand.objects.filter(scheme_version=version)]
    current = None
    if request.method == "POST":
        removing = "remove" in request.POST
        form = OverrideForm(request.POST, bands=bands, removing=removing)
        if form.is_valid():
            seen, reason = form.cleaned_data["version"], form.cleaned_data["reason"]
            try:
                if removing:
                    workflow.remove_override(held, reason, expected_version=seen, by=signed_in_user(request))
                else:
                    band = form.cleaned_data["band"]
                    workflow.override_status(held, band, reason, expected_version=seen, by=signed_in_user(request))
            except StaleEditError as stale:
                current = get_object_or_404(Return.objects.select_related("override_band"), pk=stale.current.pk)
            except workflow.EntryError as error:
                _problem(form, error)
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                done = "Removed the override of" if removing else "Overrode the status of"
                messages.success(request, f"{done} {held.measure.code}, {held.period.label}.")
                return redirect("edit-targets", held.measure.code)
    else:
        form = OverrideForm(
            initial={"band": held.override_band.code if held.override_band else "", "version": held.version},
            bands=bands,
        )
    status = StoredStatus.objects.filter(measure_return=held, scheme_version=version).first()
    context = {
        "held": held,
        "form": form,
        "current": current,
        "status": status,
        "version": current.version if current else form["version"].value() or held.version,
    }
    return render(request, "editing/override.html", context, status=409 if current else 200)


def _scheme_of(held: Measure, organisation: Organisation) -> Scheme:
    scheme = held.scheme or organisation.default_scheme
    assert scheme is not None, "every organisation is given the built-in schemes and a default"
    return scheme


@rule(OFFICER)
def schemes(request: HttpRequest) -> HttpResponse:
    """Each scheme's versions and their bands."""
    versions = SchemeVersion.objects.select_related("scheme", "created_by").order_by("scheme__name", "-version")
    listed: dict[Scheme, list[tuple[SchemeVersion, object]]] = {}
    for version in versions:
        listed.setdefault(version.scheme, []).append((version, version.as_core()))
    return render(request, "editing/schemes.html", {"schemes": listed})


@rule(OFFICER)
def propose_scheme(request: HttpRequest, name: str) -> HttpResponse:
    """Propose changed rules for a scheme, see what they would change, then adopt them as a new version."""
    organisation = member(request).organisation
    scheme = get_object_or_404(Scheme.objects, name=name)
    latest = current_versions(organisation)[scheme.name]
    preview = None
    adopted_since = None
    if request.method == "POST":
        form = SchemeForm(request.POST, scheme=scheme, adopting="preview" not in request.POST)
        if form.is_valid():
            if form.cleaned_data["based_on"] != latest.version:
                adopted_since = latest
            elif form.cleaned_data["definition"].strip() == latest.definition.strip():
                form.add_error("definition", "These are the rules as they stand; change a band or threshold first")
            elif "preview" in request.POST:
                rules = current_rules(organisation)
                preview = what_if(rules, rules.with_scheme(form.proposed(latest.version + 1)))
            else:
                made = add_version(
                    scheme,
                    form.cleaned_data["definition"],
                    by=signed_in_user(request),
                    reason=form.cleaned_data["reason"],
                )
                judged = store_statuses(organisation)
                messages.success(request, f"Adopted {made}: {judged} statuses judged under it.")
                return redirect("schemes")
    else:
        form = SchemeForm(initial={"definition": latest.definition, "based_on": latest.version}, scheme=scheme)
    based_on = latest.version if adopted_since else form["based_on"].value()
    context = {
        "scheme": scheme,
        "latest": latest,
        "form": form,
        "preview": preview,
        "adopted_since": adopted_since,
        "based_on": based_on,
    }
    return render(request, "editing/scheme.html", context, status=409 if adopted_since else 200)
