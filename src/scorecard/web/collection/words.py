"""The report's words: a quarter's introduction, and a theme's summary of achievements and key
challenges, written in the app by officers and the theme leads they choose. They are reviewed
like returns (`workflow.submit`, `approve`, `send_back`): edited only as a draft or returned,
never once the quarter is signed off. Each save is kept in the history."""

from __future__ import annotations

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Max

from scorecard.web.pages.reading import judging, shown, statuses_between
from scorecard.web.pages.tags import is_red
from scorecard.web.plans import changes, workflow
from scorecard.web.plans.models import (
    ChangeKind,
    KeyChallenge,
    Measure,
    Organisation,
    ReportEdition,
    ReportingPeriod,
    Theme,
    ThemeNarrative,
    User,
)

LONGEST = 20_000


def paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, each on one line."""
    return [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


class AchievementsForm(forms.Form):
    achievements = forms.CharField(
        label="Summary of achievements",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=LONGEST,
        required=False,
        help_text="One achievement per paragraph; leave a blank line between them.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ChallengeForm(forms.Form):
    heading = forms.CharField(label="Heading", max_length=500, help_text="What the challenge is, in a line.")
    text = forms.CharField(
        label="What is being done",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=LONGEST,
        help_text="Leave a blank line between paragraphs.",
    )
    measure = forms.ChoiceField(label="The measure it explains", required=False)

    def __init__(self, *args: object, theme: Theme, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        measures = Measure.objects.filter(theme=theme).order_by("order", "code")
        self.fields["measure"].choices = [("", "None")] + [(m.code, f"{m.ref}. {m.name}") for m in measures]  # type: ignore[attr-defined]


def narrative(theme: Theme, period: ReportingPeriod) -> ThemeNarrative | None:
    return (
        ThemeNarrative.objects.filter(theme=theme, period=period)
        .select_related("decided_by")
        .prefetch_related("challenges__measure")
        .first()
    )


def _narrative_for(theme: Theme, period: ReportingPeriod, *, by: User) -> tuple[ThemeNarrative, bool]:
    """The theme's words for the quarter, begun as an empty draft the first time they are
    written; and whether they were begun just now."""
    found = ThemeNarrative.objects.filter(theme=theme, period=period).first()
    if found is not None:
        return found, False
    values = {"organisation_id": theme.organisation_id, "theme": theme, "period": period, "achievements": []}
    try:
        with transaction.atomic():
            return changes.create(ThemeNarrative, values, by=by, source="web"), True
    except IntegrityError:  # someone began them between the look and the write
        return ThemeNarrative.objects.get(theme=theme, period=period), False


def save_achievements(theme: Theme, period: ReportingPeriod, text: str, *, expected_version: int, by: User) -> None:
    """Raises StaleEditError when the words changed since the form was opened (version 0: none
    existed then), WorkflowError when they are submitted, approved or the quarter is signed off."""
    held, begun = _narrative_for(theme, period, by=by)
    seen = held.version if begun else expected_version
    workflow.save_words(held, {"achievements": paragraphs(text)}, expected_version=seen, by=by)


def add_challenge(theme: Theme, period: ReportingPeriod, form: ChallengeForm, *, by: User) -> KeyChallenge:
    """A key challenge added to the theme's words while they are a draft or returned."""
    data = form.cleaned_data
    held, _ = _narrative_for(theme, period, by=by)
    workflow.ensure_editable(held)
    with transaction.atomic():
        last = held.challenges.aggregate(last=Max("order"))["last"] or 0
        measure = Measure.objects.filter(theme=theme, code=data["measure"]).first() if data["measure"] else None
        challenge = KeyChallenge.objects.create(
            organisation_id=theme.organisation_id,
            narrative=held,
            order=last + 1,
            heading=" ".join(data["heading"].split()),
            paragraphs=paragraphs(data["text"]),
            measure=measure,
        )
        changes.log(challenge, ChangeKind.CREATED, by=by, before=None, after=changes.snapshot(challenge), source="web")
    return challenge


class IntroductionForm(forms.Form):
    introduction = forms.CharField(
        label="Introduction",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=LONGEST,
        help_text="The report's opening text; leave a blank line between paragraphs.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def save_introduction(edition: ReportEdition, form: IntroductionForm, *, by: User) -> ReportEdition:
    text = paragraphs(form.cleaned_data["introduction"])
    return workflow.save_words(edition, {"introduction": text}, expected_version=form.cleaned_data["version"], by=by)


def red_without_challenge(organisation: Organisation, theme: Theme, period: ReportingPeriod) -> list[Measure]:
    """The theme's measures in a red band this quarter that no key challenge explains."""
    judged = judging(organisation)
    explained = set(
        KeyChallenge.objects.filter(narrative__theme=theme, narrative__period=period).values_list(
            "measure_id", flat=True
        )
    )
    rows = [
        shown(status, judged)
        for status in statuses_between(period.start, period.end, judged)
        .filter(measure_return__measure__theme=theme)
        .select_related("measure_return__measure", "measure_return__override_band", "measure_return__period")
    ]
    return [
        row.measure
        for row in rows
        if row.tag.band is not None and is_red(row.tag.band.label) and row.measure.pk not in explained
    ]
