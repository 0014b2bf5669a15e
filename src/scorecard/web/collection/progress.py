"""A key project's progress and status for a quarter, entered by its owner.

A new update is made with `changes.create`, a later one changed against the version the owner
saw, so both are in the history and a stale save is refused with the current update."""

from __future__ import annotations

from django import forms
from django.db import IntegrityError, transaction

from scorecard.core.plan import ActionStatus
from scorecard.web.collection.words import LONGEST, paragraphs
from scorecard.web.plans import changes, workflow
from scorecard.web.plans.models import Action, ActionUpdate, ReportingPeriod, User


class ProgressForm(forms.Form):
    progress = forms.CharField(
        label="Progress this quarter",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=LONGEST,
        help_text="What has been done and what comes next; leave a blank line between paragraphs.",
    )
    status = forms.ChoiceField(label="Status", choices=[(s.value, s.label) for s in ActionStatus])
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def save_progress(action: Action, period: ReportingPeriod, form: ProgressForm, *, by: User) -> ActionUpdate:
    """Store the update; raises StaleEditError when someone saved one since the form was opened
    (a form opened before any update existed carries version 0, which no stored update has), and
    QuarterLockedError when the quarter is signed off."""
    workflow.ensure_open(period, f"the progress of {action.code}")
    values = {
        "progress": paragraphs(form.cleaned_data["progress"]),
        "status": form.cleaned_data["status"],
        "updated_by": by,
    }
    held = ActionUpdate.objects.filter(action=action, period=period).first()
    if held is None:
        fields = {"organisation_id": action.organisation_id, "action": action, "period": period, **values}
        try:
            with transaction.atomic():
                return changes.create(ActionUpdate, fields, by=by, source="web")
        except IntegrityError:
            # Someone made it between the look and the write: refused below like any stale edit.
            held = ActionUpdate.objects.get(action=action, period=period)
    return changes.change(held, values, expected_version=form.cleaned_data["version"], by=by, source="web")
