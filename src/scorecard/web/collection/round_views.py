"""The collection round on the completion page: opening a quarter with a due date, reminding
owners, signing the quarter off and reopening it. Officers only (`@rule(OFFICER)`)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from scorecard.web.accounts.permissions import OFFICER, member, rule, signed_in_user
from scorecard.web.collection import reminders, rounds
from scorecard.web.pages.quarters import quarters
from scorecard.web.plans.changes import StaleEditError
from scorecard.web.plans.models import (
    CollectionRound,
    Directorate,
    Organisation,
    ReportingPeriod,
    Return,
    ReturnState,
)
from scorecard.web.plans.workflow import WorkflowError


class DateParts(forms.MultiWidget):
    """GOV.UK's date input: day, month and year each in its own box (`due_day`, `due_month`, `due_year`)."""

    def __init__(self) -> None:
        super().__init__(widgets={"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput})

    def decompress(self, value: datetime.date | None) -> list[int | None]:
        return [value.day, value.month, value.year] if value else [None, None, None]


class DateFromParts(forms.MultiValueField):
    """A date typed as day, month and year; each missing or impossible part is named."""

    widget = DateParts

    def __init__(self, **kwargs: Any) -> None:
        parts = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> datetime.date | None:
        if not data_list:
            return None
        day, month, year = (part.strip() for part in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(f"the date must include a {' and a '.join(missing)}", code="incomplete")
        try:
            if len(year) != 4:
                raise ValueError(year)
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # not a number, not a day of that month, or beyond any
            raise forms.ValidationError(
                "the date must be a real date, with a four-digit year, for example 31 10 2018", code="invalid"
            ) from None


DATE_PARTS = (  # the boxes of GOV.UK's date input: name, label, width
    ("day", "Day", "govuk-input--width-2"),
    ("month", "Month", "govuk-input--width-2"),
    ("year", "Year", "govuk-input--width-4"),
)


class OpenRoundForm(forms.Form):
    quarter = forms.ChoiceField(
        label="Quarter",
        error_messages={
            "invalid_choice": "only the latest quarter held (when it has no round yet) or the next one can be "
            "opened; choose one from the list",
            "required": "choose the quarter to open",
        },
    )
    due = DateFromParts(
        label="Due date",
        help_text="When owners' returns and updates are due, for example 31 10 2018.",
        error_messages={"required": "enter the date returns are due, for example 31 10 2018"},
    )

    def __init__(self, *args: Any, organisation: Organisation, held: list[ReportingPeriod], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offered = {quarter.label(): quarter for quarter in rounds.openable(organisation, held)}
        self.fields["quarter"].choices = [(label, label) for label in self.offered]  # type: ignore[attr-defined]


def _back(period: ReportingPeriod | None) -> HttpResponse:
    return redirect(f"{reverse('completion')}?period={quote(period.label)}" if period else reverse("completion"))


def round_context(request: HttpRequest, quarter: ReportingPeriod | None, held: list[ReportingPeriod]) -> dict[str, Any]:
    """What the completion page shows of the quarter's round, and the form to open one."""
    organisation = member(request).organisation
    found = rounds.round_of(quarter) if quarter else None
    waiting = rounds.outstanding(found) if found else []
    by_directorate = Counter(item.directorate_id for item in waiting)
    directorates = [(d, by_directorate[d.pk]) for d in Directorate.objects.order_by("name") if by_directorate[d.pk]]
    return {
        "round": found,
        "overdue": found is not None and rounds.overdue(found),
        "round_outstanding": waiting,
        "remind_directorates": directorates,
        "reminders": found.reminders.select_related("sent_by", "directorate") if found else [],
        "open_form": OpenRoundForm(organisation=organisation, held=held),
        "date_parts": DATE_PARTS,
    }


def with_due_dates(returns: list[Return]) -> list[tuple[Return, datetime.date | None, bool]]:
    """Each return with its round's due date, and whether it is overdue: past the due date and
    still with its owner (a draft or returned)."""
    held = list(CollectionRound.objects.select_related("period"))
    today = timezone.localdate()
    found = []
    for entry in returns:
        round_ = next(
            (r for r in held if r.period.start <= entry.period.start and entry.period.end <= r.period.end), None
        )
        with_owner = entry.state in (ReturnState.DRAFT, ReturnState.RETURNED)
        found.append(
            (entry, round_.due if round_ else None, bool(round_ and with_owner and rounds.overdue(round_, today)))
        )
    return found


@require_POST
@rule(OFFICER)
def open_round(request: HttpRequest) -> HttpResponse:
    organisation = member(request).organisation
    form = OpenRoundForm(request.POST, organisation=organisation, held=quarters())
    if not form.is_valid():
        for field, problems in form.errors.items():
            label = form.fields[field].label if field in form.fields else "Form"
            messages.error(request, f"{label}: {problems[0]}")
        return redirect("completion")
    quarter = form.offered[form.cleaned_data["quarter"]]
    try:
        opened, made = rounds.open_round(organisation, quarter, form.cleaned_data["due"], by=signed_in_user(request))
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect("completion")
    messages.success(
        request, f"Opened {quarter.label()} for collection, due {opened.due:%d %B %Y}: {made} return(s) to complete."
    )
    return _back(opened.period)


def _posted_round(request: HttpRequest) -> CollectionRound | None:
    found = CollectionRound.objects.filter(period__label=request.POST.get("period", "")).select_related("period")
    return found.first()


def _version(request: HttpRequest) -> int:
    version = request.POST.get("version", "")
    return int(version) if version.isdigit() else 0


def _step(request: HttpRequest, missing: str, take: Callable[[CollectionRound], object], done: str) -> HttpResponse:
    """Sign off or reopen the posted round; what came of it as a message on the completion page."""
    found = _posted_round(request)
    if found is None:
        messages.error(request, missing)
        return redirect("completion")
    try:
        take(found)
    except StaleEditError:
        messages.error(request, "Someone changed this round after you opened the page; look at it again")
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done.format(period=found.period))
    return _back(found.period)


@require_POST
@rule(OFFICER)
def sign_off(request: HttpRequest) -> HttpResponse:
    return _step(
        request,
        "Quarter: choose a quarter open for collection",
        lambda found: rounds.sign_off(found, expected_version=_version(request), by=signed_in_user(request)),
        "Signed off {period}: its figures, updates, targets and words are locked.",
    )


@require_POST
@rule(OFFICER)
def reopen(request: HttpRequest) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _step(
        request,
        "Quarter: choose a signed-off quarter",
        lambda found: rounds.reopen(found, reason, expected_version=_version(request), by=signed_in_user(request)),
        "Reopened {period} for a correction; sign it off again when it is done.",
    )


@require_POST
@rule(OFFICER)
def remind(request: HttpRequest) -> HttpResponse:
    found = _posted_round(request)
    if found is None:
        messages.error(request, "Quarter: choose a quarter open for collection")
        return redirect("completion")
    chosen = request.POST.get("directorate", "")
    directorate = Directorate.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    if chosen and directorate is None:
        messages.error(request, "Directorate: choose one from the list, or all directorates")
        return _back(found.period)
    try:
        sent = reminders.remind(
            found, directorate, link=request.build_absolute_uri(reverse("my-updates")), by=signed_in_user(request)
        )
    except reminders.NobodyToRemindError as error:
        messages.error(request, str(error))
    except OSError as error:  # the mail server refused or could not be reached; smtplib's errors are OSErrors
        messages.error(request, f"The reminders could not be sent ({error}); nothing was recorded, try again later")
    else:
        count = sum(1 for person in sent.recipients if person["sent"])
        messages.success(request, f"Sent a reminder to {count} owner(s) about {sent.outstanding} outstanding item(s).")
    return _back(found.period)
