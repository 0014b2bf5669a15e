"""An owner's return form: what it holds, how it is checked, and the steps it takes.

The entry is checked whole before anything is written; a value the core cannot read, a missing
commentary on a red band, or a stale version writes nothing and says which field to fix."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms

from scorecard.web.pages.tags import is_red
from scorecard.web.plans import workflow
from scorecard.web.plans.changes import StaleEditError
from scorecard.web.plans.models import Return, StoredStatus, User
from scorecard.web.plans.schemes import current_versions

LONGEST_COMMENTARY = 10_000


class ReturnForm(forms.Form):
    actual = forms.CharField(
        max_length=100,
        required=False,
        help_text='As it should be printed, e.g. "71.4%", "12", "01:36", or "-" for none.',
    )
    numerator = forms.CharField(max_length=30, required=False)
    denominator = forms.CharField(max_length=30, required=False)
    covers = forms.CharField(
        label="Months covered",
        max_length=40,
        required=False,
        help_text='Only when the figure covers other months than the quarter, e.g. "Jul 18 - Sep 18".',
    )
    data_note = forms.CharField(
        label="Data note", max_length=60, required=False, help_text='Printed in place of a status, e.g. "Note 1".'
    )
    commentary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=LONGEST_COMMENTARY,
        required=False,
        help_text="Required when the figure is in a red band: say why and what is being done.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        numerator, denominator = cleaned.get("numerator", ""), cleaned.get("denominator", "")
        if bool(numerator) != bool(denominator):
            missing = "denominator" if numerator else "numerator"
            self.add_error(missing, f"Enter the {missing} too, or leave both empty")
        elif numerator:
            try:
                top, bottom = Decimal(str(numerator).replace(",", "")), Decimal(str(denominator).replace(",", ""))
            except InvalidOperation:
                self.add_error("numerator", "Enter the numerator and denominator as numbers, e.g. 53 and 137")
                return cleaned
            if bottom <= 0 or top < 0:
                self.add_error("denominator", "Enter a denominator above 0 and a numerator of 0 or more")
        return cleaned

    def entry(self) -> dict[str, str]:
        """The fields the workflow stores: a rate's numerator and denominator go in its printed actual."""
        data = self.cleaned_data
        actual = data["actual"].strip()
        if data["numerator"]:
            actual = f"{actual} ({data['numerator'].strip()}/{data['denominator'].strip()})"
        return {
            "actual": actual,
            "covers": data["covers"],
            "data_note": data["data_note"],
            "commentary": data["commentary"],
        }


@dataclass(frozen=True, slots=True)
class Outcome:
    saved: Return | None
    current: Return | None = None  # on a stale save: the record as someone else left it


def _red(held: Return) -> bool:
    """Whether the return's status is in a red band (an override's, else the stored one)."""
    if held.override_band is not None:
        return is_red(held.override_band.label)
    organisation = held.measure.organisation
    versions = current_versions(organisation)
    status = (
        StoredStatus.unscoped.filter(measure_return=held, scheme_version__in=[v.pk for v in versions.values()])
        .exclude(band="")
        .first()
    )
    if status is None:
        return False
    scheme = held.measure.scheme.name if held.measure.scheme else organisation.default_scheme.name  # type: ignore[union-attr]
    bands = {band.code: band.label for band in versions[scheme].as_core().bands}
    return is_red(bands.get(status.band, ""))


def save(form: ReturnForm, held: Return, *, submit: bool, by: User) -> Outcome:
    """Save the entry as a draft (which judges the measure again), and submit it when asked.

    The draft is saved in its own step, so a refused submission (a red band without commentary)
    keeps what was typed; a stale save writes nothing and the refusal stays in the history."""
    try:
        saved = workflow.save_draft(held, form.entry(), expected_version=form.cleaned_data["version"], by=by)
        if submit:
            if _red(saved) and not saved.commentary.strip():
                raise workflow.EntryError(
                    "commentary",
                    "is required for a figure in a red band (your entry is saved as a draft)",
                    "say why it is off target and what is being done, then submit",
                )
            saved = workflow.submit(saved, expected_version=saved.version, by=by)
    except StaleEditError as stale:
        return Outcome(None, stale.current if isinstance(stale.current, Return) else None)
    except workflow.EntryError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error).split(": ", 1)[-1])
        return Outcome(None)
    except workflow.WorkflowError as error:
        form.add_error(None, str(error))
        return Outcome(None)
    return Outcome(saved)
