"""The officer's forms: a measure's definition, a target, an override and a scheme's rules.

Each checks the whole entry before anything is written and names the field at fault; the
services they feed (`changes`, `workflow`, `schemes`) check again, server-side."""

from __future__ import annotations

from typing import Any

from django import forms

from scorecard.core.measures import Frequency
from scorecard.core.periods import FinancialYear, Month, PeriodError, Quarter, parse_reporting_period
from scorecard.core.schemes import RagScheme, SchemeError, parse_scheme
from scorecard.web.plans.models import Directorate, Measure, Organisation, Scheme, User
from scorecard.web.plans.models.plan import FREQUENCIES, MEASURE_UNITS, POLARITIES

LONGEST_TEXT = 10_000
LONGEST_SCHEME = 20_000


class MeasureForm(forms.Form):
    name = forms.CharField(max_length=500)
    definition_note = forms.CharField(
        label="Definition",
        widget=forms.Textarea,
        max_length=LONGEST_TEXT,
        required=False,
        help_text="How it is defined or counted, where the name does not say.",
    )
    polarity = forms.ChoiceField(label="Good is", choices=POLARITIES)
    frequency = forms.ChoiceField(choices=FREQUENCIES)
    reporting_quarter = forms.IntegerField(
        label="Reporting quarter",
        required=False,
        min_value=1,
        max_value=4,
        help_text="For annual measures: the quarter they report in, 1 to 4.",
    )
    lag_months = forms.IntegerField(
        label="Publication lag in months",
        min_value=0,
        max_value=120,
        help_text="How long after a period ends its figure is published; 0 when it is available at once.",
    )
    unit = forms.ChoiceField(
        choices=[("", "Not stated"), *MEASURE_UNITS],
        required=False,
        help_text="Targets in another unit are refused.",
    )
    scheme = forms.ModelChoiceField(
        label="Status rules",
        queryset=Scheme.unscoped.none(),
        required=False,
        empty_label="The organisation's default",
        to_field_name="name",
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Not set", to_field_name="username"
    )
    directorate = forms.ModelChoiceField(queryset=Directorate.unscoped.none(), required=False, empty_label="Not set")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["scheme"].queryset = Scheme.objects.order_by("name")  # type: ignore[attr-defined]
        members = User.objects.filter(memberships__organisation=organisation).order_by("username")
        fields["owner"].queryset = members  # type: ignore[attr-defined]
        fields["directorate"].queryset = Directorate.objects.order_by("name")  # type: ignore[attr-defined]

    @staticmethod
    def held(measure: Measure) -> dict[str, Any]:
        """The form's initial values: the measure as stored."""
        return {
            "name": measure.name,
            "definition_note": measure.definition_note,
            "polarity": measure.polarity,
            "frequency": measure.frequency,
            "reporting_quarter": measure.reporting_quarter,
            "lag_months": measure.lag_months,
            "unit": measure.unit,
            "scheme": measure.scheme.name if measure.scheme else None,
            "owner": measure.owner.username if measure.owner else None,
            "directorate": measure.directorate_id,
            "version": measure.version,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("frequency") == Frequency.ANNUAL.value and not cleaned.get("reporting_quarter"):
            self.add_error("reporting_quarter", "Enter the quarter an annual measure reports in, 1 to 4")
        return cleaned

    def changes(self, measure: Measure) -> dict[str, Any]:
        """The fields that differ from the stored measure, as `changes.change` takes them."""
        data = self.cleaned_data
        entered = {
            name: data[name] for name in ("name", "definition_note", "polarity", "frequency", "lag_months", "unit")
        }
        entered |= {
            "reporting_quarter": data["reporting_quarter"] if data["frequency"] == Frequency.ANNUAL.value else None,
            "scheme": data["scheme"],
            "owner": data["owner"],
            "directorate": data["directorate"],
        }
        return {name: value for name, value in entered.items() if getattr(measure, name) != value}


class TargetForm(forms.Form):
    period = forms.CharField(
        max_length=20, help_text='A quarter, e.g. "Q3 2018/19", or a month for a monthly measure, e.g. "Sep 18".'
    )
    target = forms.CharField(max_length=100, help_text='As it is printed, e.g. "76%", "7-15%", "BL" or "-".')
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args: Any, measure: Measure, latest: FinancialYear, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.latest = latest

    def clean_period(self) -> Quarter | Month:
        text = self.cleaned_data["period"]
        start_month = self.measure.organisation.financial_year_start_month
        try:
            period = parse_reporting_period(text, start_month)
        except PeriodError:
            raise forms.ValidationError('Enter a quarter such as "Q3 2018/19" or a month such as "Sep 18"') from None
        monthly = self.measure.frequency == Frequency.MONTHLY.value
        if isinstance(period, FinancialYear) or (isinstance(period, Month) and not monthly):
            raise forms.ValidationError(f'Enter a quarter such as "Q3 2018/19": {self.measure.code} is not monthly')
        last = self.latest.span.last
        if (period if isinstance(period, Month) else period.span.last) > last:
            raise forms.ValidationError(
                f"{period.label()} is too far ahead: targets can be set up to the end of {self.latest.label()}"
            )
        return period


class OverrideForm(forms.Form):
    band = forms.ChoiceField(label="Band to publish", required=False)
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=LONGEST_TEXT,
        help_text="Why the published band differs from the computed one (or why the override is removed).",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, bands: list[tuple[str, str]], removing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["band"].choices = [("", "Choose a band"), *bands]  # type: ignore[attr-defined]
        self.removing = removing

    def clean_band(self) -> str:
        band = str(self.cleaned_data["band"])
        if not band and not self.removing:
            raise forms.ValidationError("Choose the band to publish")
        return band


class SchemeForm(forms.Form):
    definition = forms.CharField(
        label="Rules (TOML)",
        widget=forms.Textarea,
        max_length=LONGEST_SCHEME,
        help_text="The bands in order, each with its code, label and thresholds on the deviation (see the RAG rules).",
    )
    reason = forms.CharField(
        label="Why the rules change",
        max_length=LONGEST_TEXT,
        required=False,
        help_text="Kept with the new version; needed to adopt it.",
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, scheme: Scheme, adopting: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        self.adopting = adopting

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if self.adopting and not reason:
            raise forms.ValidationError("Say why the rules change: it is kept with the new version")
        return reason

    def clean_definition(self) -> str:
        definition = str(self.cleaned_data["definition"])
        try:
            parsed = parse_scheme(definition)
        except SchemeError as error:
            raise forms.ValidationError(f"The rules cannot be read: {error}") from None
        if parsed.name != self.scheme.name:
            raise forms.ValidationError(f'The rules name the scheme "{parsed.name}"; keep name = "{self.scheme.name}"')
        return definition

    def proposed(self, version: int) -> RagScheme:
        parsed = parse_scheme(self.cleaned_data["definition"])
        return RagScheme(self.scheme.name, parsed.bands, parsed.deviation, version, parsed.description)
