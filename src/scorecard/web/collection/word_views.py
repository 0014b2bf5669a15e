"""The report's words: a theme's summary of achievements and key challenges, and the quarter's
introduction. Writers (officers, and the theme's leads) edit and submit them; an approver or
officer approves them or returns them with a comment; officers choose each theme's leads."""

from __future__ import annotations

from typing import Any, TypeVar
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scorecard.web.accounts.permissions import (
    MEMBER,
    may_approve_words,
    may_run_the_quarter,
    may_write_words,
    member,
    rule,
    signed_in_user,
)
from scorecard.web.collection import words
from scorecard.web.collection.rounds import round_of
from scorecard.web.pages.quarters import chosen_quarter, quarters
from scorecard.web.plans import changes, workflow
from scorecard.web.plans.changes import StaleEditError
from scorecard.web.plans.models import (
    ChangeKind,
    Membership,
    ReportEdition,
    ReportingPeriod,
    ReturnState,
    Theme,
    ThemeLead,
    ThemeNarrative,
)

LONGEST_COMMENT = 5_000
STALE = "Someone changed these words after you opened the page; your change was not saved. Look again and redo it"


def _here(request: HttpRequest, quarter: ReportingPeriod) -> HttpResponse:
    return redirect(f"{request.path}?period={quote(quarter.label)}")


Words = TypeVar("Words", ReportEdition, ThemeNarrative)


def _take_step(request: HttpRequest, record: Words, *, writer: bool, approver: bool) -> None:
    """Submit, approve or return the words as the posted `part` asks; says how it went."""
    part = request.POST.get("part")
    version = request.POST.get("version", "")
    comment = request.POST.get("comment", "").strip()
    if (part == "submit" and not writer) or (part in ("approve", "return") and not approver):
        raise PermissionDenied
    what = workflow.described(record)
    try:
        if not version.isdigit():
            raise workflow.WorkflowError("The page was out of date; open it again")
        if len(comment) > LONGEST_COMMENT:
            raise workflow.WorkflowError(
                f"Comment: it is {len(comment):,} characters long; shorten it to {LONGEST_COMMENT:,} or fewer"
            )
        if part == "submit":
            workflow.submit(record, expected_version=int(version), by=signed_in_user(request))
            done = f"Submitted {what} for approval."
        elif part == "approve":
            workflow.approve(record, expected_version=int(version), by=signed_in_user(request), comment=comment)
            done = f"Approved {what}: the report and public pages now use them."
        else:
            workflow.send_back(record, comment, expected_version=int(version), by=signed_in_user(request))
            done = f"Returned {what} to their writers."
    except StaleEditError:
        messages.error(request, STALE)
    except workflow.EntryError as error:
        field, problem = str(error).split(": ", 1)
        messages.error(request, f"{field.capitalize()}: {problem}")
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)


def _review(record: ReportEdition | ThemeNarrative | None, period: ReportingPeriod) -> dict[str, Any]:
    held = round_of(period)
    locked = held is not None and held.signed_off
    editable = not locked and (record is None or record.state in (ReturnState.DRAFT, ReturnState.RETURNED))
    return {"record": record, "locked": locked, "editable": editable}


def awaiting(membership: Membership) -> dict[str, Any]:
    """The report's words submitted for approval, for the approvals page of those who approve them."""
    if not may_approve_words(membership, membership.organisation):
        return {"words": [], "introductions": []}
    submitted = ReturnState.SUBMITTED
    return {
        "words": ThemeNarrative.objects.filter(state=submitted).select_related("theme", "period").order_by("pk"),
        "introductions": ReportEdition.objects.filter(state=submitted).select_related("period").order_by("pk"),
    }


class LeadForm(forms.Form):
    user = forms.TypedChoiceField(label="Add a theme lead", coerce=int)

    def __init__(self, *args: Any, theme: Theme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        leading = ThemeLead.objects.filter(theme=theme).values("user_id")
        members = Membership.objects.exclude(user_id__in=leading).select_related("user").order_by("user__username")
        self.fields["user"].choices = [("", "Choose someone")] + [  # type: ignore[attr-defined]
            (str(m.user_id), f"{m.user.get_full_name() or m.user.username} ({m.get_role_display()})") for m in members
        ]


def _leads(request: HttpRequest, theme: Theme) -> None:
    """The officer adds or removes one of the theme's leads."""
    if not may_run_the_quarter(member(request)):
        raise PermissionDenied
    by = signed_in_user(request)
    if request.POST.get("part") == "remove lead":
        chosen = request.POST.get("user", "")
        with transaction.atomic():
            for lead in ThemeLead.objects.filter(theme=theme, user_id=int(chosen) if chosen.isdigit() else 0):
                changes.log(lead, ChangeKind.REMOVED, by=by, before=changes.snapshot(lead), after=None)
                lead.delete()
        messages.success(request, f"Removed a lead of {theme.name}.")
        return
    form = LeadForm(request.POST, theme=theme)
    if not form.is_valid():
        messages.error(request, "Add a theme lead: choose a member of the council from the list")
        return
    try:
        values = {"organisation_id": theme.organisation_id, "theme": theme, "user_id": form.cleaned_data["user"]}
        changes.create(ThemeLead, values, by=by)
    except IntegrityError:
        messages.error(request, "Add a theme lead: they lead this theme already")
    else:
        messages.success(request, f"Added a lead of {theme.name}: they can now write its words.")


@rule(MEMBER)
def theme_words(request: HttpRequest, key: str) -> HttpResponse:
    """A theme's summary of achievements and key challenges for a quarter, and their review."""
    theme = get_object_or_404(Theme.objects, key=key)  # the model alone would reach other councils' themes
    membership = member(request)
    writer = may_write_words(membership, membership.organisation, theme)
    approver = may_approve_words(membership, membership.organisation)
    if not (writer or approver):
        raise PermissionDenied
    held = quarters()
    quarter = chosen_quarter(request, held)
    if quarter is None:
        return render(request, "pages/nothing_yet.html")
    found = words.narrative(theme, quarter)
    version = found.version if found else 0
    achievements = words.AchievementsForm(
        initial={"achievements": "\n\n".join(found.achievements) if found else "", "version": version}
    )
    challenge = words.ChallengeForm(theme=theme)
    part = request.POST.get("part") if request.method == "POST" else None
    if part in ("achievements", "challenge") and not writer:
        raise PermissionDenied
    if part == "achievements":
        achievements = words.AchievementsForm(request.POST)
        if achievements.is_valid():
            data = achievements.cleaned_data
            try:
                words.save_achievements(
                    theme, quarter, data["achievements"], expected_version=data["version"], by=signed_in_user(request)
                )
            except StaleEditError:
                achievements.add_error(None, STALE)
            except workflow.WorkflowError as error:
                achievements.add_error(None, str(error))
            else:
                messages.success(request, f"Saved the summary of achievements for {theme.name}, {quarter.label}.")
                return _here(request, quarter)
    elif part == "challenge":
        challenge = words.ChallengeForm(request.POST, theme=theme)
        if challenge.is_valid():
            try:
                words.add_challenge(theme, quarter, challenge, by=signed_in_user(request))
            except workflow.WorkflowError as error:
                challenge.add_error(None, str(error))
            else:
                messages.success(request, f"Added the key challenge to {theme.name}, {quarter.label}.")
                return _here(request, quarter)
    elif part in ("submit", "approve", "return"):
        if found is None:
            messages.error(request, f"Nothing is written for {theme.name}, {quarter.label}, yet: write it first")
        else:
            _take_step(request, found, writer=writer, approver=approver)
        return _here(request, quarter)
    elif part in ("add lead", "remove lead"):
        _leads(request, theme)
        return _here(request, quarter)
    context = {
        "theme": theme,
        "quarters": held,
        "quarter": quarter,
        "narrative": found,
        "achievements": achievements,
        "challenge": challenge,
        "unexplained": words.red_without_challenge(membership.organisation, theme, quarter),
        "writer": writer,
        "approver": approver,
        "officer": may_run_the_quarter(membership),
        "leads": ThemeLead.objects.filter(theme=theme).select_related("user").order_by("user__username"),
        "lead_form": LeadForm(theme=theme),
        **_review(found, quarter),
    }
    return render(request, "collection/words.html", context)


@rule(MEMBER)
def introduction(request: HttpRequest) -> HttpResponse:
    """The quarter's introduction to its report: written by officers, approved by an approver or officer."""
    membership = member(request)
    writer = may_write_words(membership, membership.organisation, None)
    approver = may_approve_words(membership, membership.organisation)
    if not (writer or approver):
        raise PermissionDenied
    held = quarters()
    quarter = chosen_quarter(request, held)
    edition = ReportEdition.objects.filter(period=quarter).first() if quarter else None
    if quarter is None or edition is None:
        return render(request, "pages/nothing_yet.html")
    form = words.IntroductionForm(
        initial={"introduction": "\n\n".join(edition.introduction), "version": edition.version}
    )
    part = request.POST.get("part") if request.method == "POST" else None
    if part == "introduction":
        if not writer:
            raise PermissionDenied
        form = words.IntroductionForm(request.POST)
        if form.is_valid():
            try:
                words.save_introduction(edition, form, by=signed_in_user(request))
            except StaleEditError:
                form.add_error(None, STALE)
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Saved the introduction to the {quarter.label} report.")
                return _here(request, quarter)
    elif part in ("submit", "approve", "return"):
        _take_step(request, edition, writer=writer, approver=approver)
        return _here(request, quarter)
    context = {
        "quarters": held,
        "quarter": quarter,
        "form": form,
        "writer": writer,
        "approver": approver,
        **_review(edition, quarter),
    }
    return render(request, "collection/introduction.html", context)
