"""The report's words for a theme and quarter: the summary of achievements and the key
challenges, written by officers in the app. Each save is kept in the history."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.db.models import Max

from scorecard.web.pages.reading import judging, shown, statuses_between
from scorecard.web.pages.tags import is_red
from scorecard.web.plans import changes
from scorecard.web.plans.models import (
    ChangeKind,
    KeyChallenge,
    Measure,
    Organisation,
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
    return ThemeNarrative.objects.filter(theme=theme, period=period).prefetch_related("challenges__measure").first()


def _narrative_for(theme: Theme, period: ReportingPeriod) -> ThemeNarrative:
    found, _ = ThemeNarrative.objects.get_or_create(
        organisation_id=theme.organisation_id, theme=theme, period=period, defaults={"achievements": []}
    )
    return found


def save_achievements(theme: Theme, period: ReportingPeriod, text: str, *, by: User) -> None:
    with transaction.atomic():
        held = _narrative_for(theme, period)
        before = {"achievements": held.achievements}
        held.achievements = paragraphs(text)
        held.save(update_fields=["achievements", "updated_at"])
        changes.log(
            held, ChangeKind.CHANGED, by=by, before=before, after={"achievements": held.achievements}, source="web"
        )


def add_challenge(theme: Theme, period: ReportingPeriod, form: ChallengeForm, *, by: User) -> KeyChallenge:
    data = form.cleaned_data
    with transaction.atomic():
        held = _narrative_for(theme, period)
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
