"""Collection pages: my updates, the return form, the approvals queue, completion, opening a
quarter and publishing. Who may take each step is asked of `accounts.permissions`; a record of
another organisation is not found (404), one outside the user's directorates is refused (403)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from scorecard.web.accounts.permissions import (
    MEMBER,
    OFFICER,
    may_decide,
    may_enter,
    member,
    rule,
    signed_in_user,
)
from scorecard.web.collection import progress, round_views, tasks, word_views
from scorecard.web.collection.checks import commentary_findings
from scorecard.web.collection.returns import ReturnForm, save
from scorecard.web.collection.rounds import overdue, round_of
from scorecard.web.pages.quarters import chosen_quarter, quarters
from scorecard.web.pages.reading import completion
from scorecard.web.plans import workflow
from scorecard.web.plans.changes import StaleEditError
from scorecard.web.plans.models import (
    Action,
    ActionUpdate,
    Publication,
    ReportEdition,
    Return,
    ReturnState,
    Theme,
)
from scorecard.web.plans.timeliness import closing, in_quarter, of_return

LONGEST_COMMENT = 5_000


def _returns() -> QuerySet[Return]:
    return Return.objects.select_related(
        "measure__theme",
        "measure__directorate",
        "measure__organisation__default_scheme",
        "measure__scheme",
        "measure__introduced",
        "measure__retired",
        "period",
    ).order_by("period__start", "measure__theme__order", "measure__order", "measure__code")


@rule(MEMBER)
def my_updates(request: HttpRequest) -> HttpResponse:
    """The returns this user may enter that are not yet approved."""
    membership = member(request)
    open_returns = _returns().exclude(state=ReturnState.APPROVED)
    closed = closing(membership.organisation)
    mine = [
        (held, of_return(held, membership.organisation, closed))
        for held in open_returns
        if may_enter(membership, held.measure)
    ]
    held = quarters()
    actions: list[tuple[Action, ActionUpdate | None]] = []
    if held:
        updates = {u.action_id: u for u in ActionUpdate.objects.filter(period=held[-1])}
        in_use = Action.objects.filter(retired__isnull=True).select_related("theme").order_by("theme__order", "order")
        actions = [(action, updates.get(action.pk)) for action in in_use if may_enter(membership, action)]
    collecting = round_of(held[-1]) if held else None
    dues = round_views.with_due_dates([entry for entry, _ in mine])
    context = {
        "returns": [(entry, timing, due, late) for (entry, timing), (_, due, late) in zip(mine, dues, strict=True)],
        "actions": actions,
        "actions_round": collecting,
        "actions_overdue": collecting is not None
        and overdue(collecting)
        and any(update is None for _, update in actions),
        "quarter": held[-1] if held else None,
        "themes_led": Theme.objects.filter(leads__user=membership.user).order_by("order"),
    }
    return render(request, "collection/my_updates.html", context)


@rule(MEMBER)
def return_form(request: HttpRequest, pk: int) -> HttpResponse:
    held = get_object_or_404(_returns(), pk=pk)
    membership = member(request)
    if not may_enter(membership, held.measure):
        raise PermissionDenied
    current = None
    if request.method == "POST":
        form = ReturnForm(request.POST)
        if form.is_valid():
            outcome = save(form, held, submit="submit" in request.POST, by=signed_in_user(request))
            if outcome.saved is not None:
                done = "submitted for approval" if outcome.saved.state == ReturnState.SUBMITTED else "saved as a draft"
                messages.success(request, f"The return for {held.measure.name}, {held.period.label}, was {done}.")
                return redirect("my-updates")
            current = outcome.current
        held = get_object_or_404(_returns(), pk=pk)
    else:
        form = ReturnForm(
            initial={
                "actual": held.actual,
                "covers": held.covers,
                "data_note": held.data_note,
                "commentary": held.commentary,
                "version": held.version,
            }
        )
    editable = held.state in (ReturnState.DRAFT, ReturnState.RETURNED)
    context = {"held": held, "form": form, "current": current, "editable": editable}
    return render(request, "collection/return_form.html", context, status=409 if current else 200)


@rule(MEMBER)
def approvals(request: HttpRequest) -> HttpResponse:
    """Submitted returns this user may decide on."""
    membership = member(request)
    waiting = [held for held in _returns().filter(state=ReturnState.SUBMITTED) if may_decide(membership, held.measure)]
    return render(request, "collection/approvals.html", {"returns": waiting, **word_views.awaiting(membership)})


@require_POST
@rule(MEMBER)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    held = get_object_or_404(_returns(), pk=pk)
    if not may_decide(member(request), held.measure):
        raise PermissionDenied
    comment = request.POST.get("comment", "").strip()
    version = request.POST.get("version", "")
    problem = ""
    if len(comment) > LONGEST_COMMENT:
        problem = f"Comment: it is {len(comment):,} characters long; shorten it to {LONGEST_COMMENT:,} or fewer"
    elif not version.isdigit():
        problem = "The page was out of date; open the approvals again"
    else:
        try:
            if request.POST.get("decision") == "approve":
                workflow.approve(held, expected_version=int(version), by=signed_in_user(request), comment=comment)
                messages.success(request, f"Approved the return for {held.measure.name}, {held.period.label}.")
            else:
                workflow.send_back(held, comment, expected_version=int(version), by=signed_in_user(request))
                messages.success(request, f"Returned {held.measure.name}, {held.period.label}, to its owner.")
        except workflow.EntryError as error:
            problem = f"{str(error).split(': ', 1)[0].capitalize()}: {str(error).split(': ', 1)[-1]}"
        except StaleEditError:
            problem = "Someone changed this return after you opened the page; look at it again and decide"
        except workflow.WorkflowError as error:
            problem = str(error)
    if problem:
        messages.error(request, problem)
    return redirect("approvals")


@rule(OFFICER)
def completion_page(request: HttpRequest) -> HttpResponse:
    held = quarters()
    quarter = chosen_quarter(request, held)
    context = {
        "quarters": held,
        "quarter": quarter,
        "completion": completion(quarter) if quarter else [],
        "timeliness": in_quarter(member(request).organisation, quarter) if quarter else [],
        "outstanding": list(_returns().exclude(state=ReturnState.APPROVED)),
        **round_views.round_context(request, quarter, held),
    }
    return render(request, "collection/completion.html", context)


@require_POST
@rule(OFFICER)
def publish_quarter(request: HttpRequest) -> HttpResponse:
    """Queue the quarter's publication (HTML and PDF are built by the worker) and show its progress;
    first, when the commentary checks find anything, list it for the officer to fix or publish anyway."""
    organisation = member(request).organisation
    label = request.POST.get("period", "")
    period = next((quarter for quarter in quarters() if quarter.label == label), None)
    if period is None or not ReportEdition.objects.filter(period=period).exists():
        messages.error(request, "Quarter: choose a quarter that holds figures and a report")
        return redirect("completion")
    if "anyway" not in request.POST:
        findings = commentary_findings(organisation, period)
        if findings:
            return render(request, "collection/publish_checks.html", {"quarter": period, "findings": findings})
    queued = tasks.publish_quarter.enqueue(organisation.slug, period.label, signed_in_user(request).pk)
    return redirect("publishing", result_id=queued.id)


@rule(OFFICER)
def publishing(request: HttpRequest, result_id: str) -> HttpResponse:
    """How a queued publication is getting on; the page refreshes itself until it is done."""
    try:
        result = tasks.publish_quarter.get_result(result_id)
    except (TaskResultDoesNotExist, ValidationError, ValueError):
        raise Http404("No such publication in the queue") from None
    slug, quarter = result.args[0], result.args[1]
    if slug != member(request).organisation.slug:
        raise Http404("No such publication in the queue")
    made = result.return_value if result.status == TaskResultStatus.SUCCESSFUL else None
    publication = Publication.objects.filter(pk=made).first() if made is not None else None
    context = {"result": result, "quarter": quarter, "publication": publication, "statuses": TaskResultStatus}
    return render(request, "collection/publishing.html", context)


@rule(MEMBER)
def action_progress(request: HttpRequest, code: str) -> HttpResponse:
    """The owner's progress and status for a key project in the latest quarter."""
    action = get_object_or_404(Action.objects.select_related("theme"), code=code)
    if not may_enter(member(request), action):
        raise PermissionDenied
    held = quarters()
    if not held:
        return render(request, "pages/nothing_yet.html")
    quarter = held[-1]
    update = ActionUpdate.objects.filter(action=action, period=quarter).first()
    current = None
    if request.method == "POST":
        form = progress.ProgressForm(request.POST)
        if form.is_valid():
            try:
                progress.save_progress(action, quarter, form, by=signed_in_user(request))
            except StaleEditError as stale:
                current = stale.current
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Saved the progress of {action.code} for {quarter.label}.")
                return redirect("my-updates")
        update = ActionUpdate.objects.filter(action=action, period=quarter).first()
    else:
        initial = {"progress": "\n\n".join(update.progress), "status": update.status} if update else {}
        form = progress.ProgressForm(initial={**initial, "version": update.version if update else 0})
    context = {"action": action, "quarter": quarter, "update": update, "form": form, "current": current}
    return render(request, "collection/progress.html", context, status=409 if current else 200)
