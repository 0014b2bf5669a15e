"""Loadton: a generated council for the web load benchmark, 500 measures over 40 quarters.

The report (plain core records, seeded so every run makes the same council) is stored by the
dataset loader, so every target, return and history row is written and every status judged
exactly as `scorecard load` would; directorates, owners and users are then added through the
same services the app uses. Values cover every band of both built-in schemes and every state a
report stores (awaiting data, not available, baseline, no target, no judgement), with annual
measures (not due three quarters in four), monthly measures, numerator/denominator rates,
ranges, year-on-year targets, data in arrears, overrides and commentary of a manager's length.
"""

from __future__ import annotations

import random
from decimal import Decimal

from scorecard.core.measures import Aggregation, Frequency, Polarity
from scorecard.core.measures import Measure as Definition
from scorecard.core.periods import FinancialYear, Month, Quarter, Span
from scorecard.core.plan import (
    ActionStatus,
    ActionUpdate,
    Challenge,
    GlossaryEntry,
    MeasureEntry,
    Note,
    PeriodEntry,
    QuarterReport,
    ThemeEntry,
)

SLUG = "loadton"
MEASURES = 500
QUARTERS = 40
FIRST_YEAR = 2016  # Q1 2016/17 to Q4 2025/26
REPORTED = Quarter(FinancialYear(FIRST_YEAR + QUARTERS // 4 - 1), 4)
PASSWORD = "loadton-benchmark-only"  # a local benchmark database, never a deployment
USERS = {  # username → (role, directorate it is limited to, if any)
    "loadton-officer": ("officer", ""),
    "loadton-approver": ("approver", "Adults and Health"),
    "loadton-owner": ("owner", "Place"),
    "loadton-viewer": ("viewer", ""),
}
THEMES = (  # key, name, directorate
    ("homes", "Good Homes for Everyone", "Place"),
    ("care", "Caring for Adults", "Adults and Health"),
    ("children", "Children and Young People Thrive", "Children's Services"),
    ("streets", "Clean and Safe Streets", "Environment"),
    ("economy", "A Fair Economy", "Regeneration"),
    ("health", "Healthier Lives", "Public Health"),
    ("council", "A Modern Council", "Resources"),
    ("community", "Strong Communities", "Community"),
)
SUBJECTS = (
    "households in temporary accommodation",
    "new homes completed",
    "adults supported to live at home",
    "delayed transfers of care",
    "children with a plan reviewed on time",
    "missed bin collections",
    "fly-tipping incidents cleared within two days",
    "apprenticeships started",
    "visits to leisure centres and libraries",
    "calls answered within 60 seconds",
    "complaints resolved at stage one",
    "council tax collected",
    "people completing drug and alcohol treatment",
    "potholes repaired within 24 hours",
    "volunteers registered with the community hub",
    "planning applications decided in time",
)
SENTENCES = (
    "Performance has improved on last quarter as the new referral pathway bedded in.",
    "The service saw a seasonal rise in demand over the winter months, as in previous years.",
    "Two vacancies in the team were filled in the quarter and caseloads have started to come down.",
    "A data cleansing exercise removed duplicate records, so the figure is not directly comparable with last year.",
    "The contractor's new fleet arrived late, which affected collections in the first month of the quarter.",
    "We are working with partners in the NHS to agree a joint recovery plan with monthly milestones.",
    "Officers expect the figure to return to target by the end of the financial year.",
    "The measure is reported a quarter in arrears because the national dataset is published late.",
    "Additional funding from the government grant has been used to extend the pilot to three more wards.",
    "Residents' feedback from the autumn survey has been built into the improvement plan.",
)
ACTION_TITLES = (
    "Deliver the estate regeneration programme's next phase",
    "Open the new community hub",
    "Roll out mobile working for care staff",
    "Procure the new waste and street cleansing contract",
    "Launch the skills and employment partnership",
    "Complete the digital customer services programme",
)


def _commentary(chance: random.Random, sentences: int) -> str:
    return " ".join(chance.sample(SENTENCES, sentences))


def _quarters() -> list[Quarter]:
    first = Quarter(FinancialYear(FIRST_YEAR), 1)
    found = [first]
    while len(found) < QUARTERS:
        found.append(found[-1].next())
    return found


def _printed(amount: float, unit: str, base: int) -> str:
    if unit == "%":
        return f"{amount:.1f}%"
    if unit == "rate":
        denominator = max(base, 20)
        numerator = max(0, min(denominator, round(amount / 100 * denominator)))
        return f"{Decimal(numerator * 100) / denominator:.1f}% ({numerator}/{denominator})"
    return f"{round(amount):,}" if amount >= 10_000 else str(round(amount))


class _Council:
    """Draws the council from one seeded random source."""

    def __init__(self) -> None:
        self.chance = random.Random(2026)
        self.quarters = _quarters()

    def report(self) -> QuarterReport:
        per_theme = MEASURES // len(THEMES)
        themes = []
        number = 0
        for order, (key, name, _directorate) in enumerate(THEMES, start=1):
            count = per_theme + (1 if order <= MEASURES % len(THEMES) else 0)
            measures = tuple(self._measure(key, (number := number + 1)) for _ in range(count))
            themes.append(self._theme(key, order, name, measures))
        return QuarterReport(
            organisation="Loadton Borough Council",
            plan="Loadton Corporate Plan 2016-2026",
            period=REPORTED,
            title=f"Strategic Performance Report {REPORTED}",
            themes=tuple(themes),
            strapline="Working together for a fairer Loadton",
            introduction=(
                "This report sets out the council's performance against its corporate plan.",
                _commentary(self.chance, 4),
            ),
            achievements_heading="Achievements this quarter",
            actions_intro="Progress on the key projects that deliver the plan.",
            trend_key="Direction of travel compares with the last comparable period.",
            annual_note="Annual measures report once a year, in the quarter shown.",
            glossary=(
                GlossaryEntry("NEET", "Not in education, employment or training", "children"),
                GlossaryEntry("DToC", "Delayed transfers of care", "care"),
                GlossaryEntry("YTD", "Year to date"),
            ),
            plan_years=(FinancialYear(FIRST_YEAR), FinancialYear(FIRST_YEAR + QUARTERS // 4 - 1)),
        )

    def _theme(self, key: str, order: int, name: str, measures: tuple[MeasureEntry, ...]) -> ThemeEntry:
        chance = self.chance
        statuses = list(ActionStatus)
        return ThemeEntry(
            key=key,
            order=order,
            name=name,
            heading=f"{name}: how we are doing",
            scorecard_title=f"{name} scorecard",
            achievements=tuple(_commentary(chance, 3) for _ in range(3)),
            actions=tuple(
                ActionUpdate(
                    title=f"{title} ({name})",
                    progress=tuple(_commentary(chance, 2) for _ in range(chance.randint(1, 3))),
                    status=statuses[(order + position) % len(statuses)],
                    code=f"{key}-a{position + 1}",
                )
                for position, title in enumerate(ACTION_TITLES)
            ),
            challenges=tuple(
                Challenge(f"Challenge on {measure.name.lower()}", (_commentary(chance, 3),), measure.code)
                for measure in measures[:3]
            ),
            measures=measures,
            notes=(
                Note("Note 1", "Data not currently available."),
                Note("Note 2", "Data reported at least a quarter in arrears."),
            ),
        )

    def _measure(self, theme: str, number: int) -> MeasureEntry:
        chance = self.chance
        kind = chance.choices(["number", "%", "rate", "range", "year-on-year"], [30, 30, 20, 10, 10])[0]
        polarity = {
            "range": Polarity.RANGE,
            "year-on-year": Polarity.LOWER,
        }.get(kind, chance.choices([Polarity.HIGHER, Polarity.LOWER, Polarity.NONE], [55, 40, 5])[0])
        frequency = chance.choices(list(Frequency), [15, 80, 5])[0]
        aggregation = chance.choice(list(Aggregation))
        introduced = self.quarters[chance.choice([0] * 12 + [20, 32])]
        definition = Definition(
            polarity=polarity,
            frequency=frequency,
            aggregation=aggregation,
            reporting_quarter=chance.randint(1, 4) if frequency is Frequency.ANNUAL else None,
            introduced=introduced if introduced != self.quarters[0] else None,
        )
        subject = SUBJECTS[number % len(SUBJECTS)]
        name = f"{'Percentage of' if kind in {'%', 'rate', 'range'} else 'Number of'} {subject} ({number})"
        code = f"{theme}-{number}"
        return MeasureEntry(
            code=code,
            ref=str(number),
            name=name,
            definition=definition,
            entries=self._entries(kind, definition),
            scheme="three-band" if chance.random() < 0.15 else "",
            public=chance.random() < 0.9,
            definition_note=_commentary(chance, 1) if chance.random() < 0.3 else "",
        )

    def _entries(self, kind: str, definition: Definition) -> tuple[PeriodEntry, ...]:
        chance = self.chance
        unit = {"range": "%", "year-on-year": "number"}.get(kind, kind)
        base = chance.choice([12, 48, 150, 900, 4_800, 52_000]) if unit == "number" else chance.randint(20, 90)
        entries = []
        for quarter in self.quarters:
            if not definition.is_due(quarter):
                continue
            drift = 1 + chance.uniform(-0.05, 0.08)
            base = max(3, round(base * drift)) if unit == "number" else min(95, max(5, base * drift))
            entries.append(self._entry(kind, unit, base, quarter, definition))
        return tuple(entries)

    def _entry(self, kind: str, unit: str, base: float, quarter: Quarter, definition: Definition) -> PeriodEntry:
        chance = self.chance
        period: Quarter | Month = quarter.span.last if definition.frequency is Frequency.MONTHLY else quarter
        if kind == "range":
            target = f"{base - 5:.0f}-{base + 5:.0f}%"
        elif kind == "year-on-year":
            target = "Year on year reduction"
        else:
            target = _printed(base, unit, round(base * 3))
        # every band: from far below to far above target, and a few exactly on it
        performance = chance.choice([-0.3, -0.12, -0.04, 0.0, 0.0, 0.03, 0.1, 0.25]) + chance.uniform(-0.02, 0.02)
        sign = -1 if definition.polarity is Polarity.LOWER else 1
        actual = _printed(max(0.0, base * (1 + sign * performance)), unit, round(base * 3))
        roll = chance.random()
        marker, covers = "", None
        if roll < 0.03:
            actual, marker = "", "Note 2"  # awaiting: in arrears
        elif roll < 0.05:
            target, actual, marker = "-", "-", "Note 1"  # not available
        elif roll < 0.07:
            target = "BL"  # baseline being established
        elif roll < 0.09:
            target = ""  # no target set
        elif roll < 0.14 and isinstance(period, Quarter):
            earlier = period.previous().span
            covers = Span(earlier.first, earlier.last)  # reported a quarter in arrears
        override, reason = "", ""
        if chance.random() < 0.01 and actual and target not in {"", "-", "BL"}:
            override, reason = "A", "The figure is on target but the trend is worsening; the team has set amber."
        commentary = _commentary(chance, chance.randint(2, 5)) if chance.random() < 0.5 else ""
        return PeriodEntry(
            period=period,
            target=target,
            actual=actual,
            covers=covers,
            marker=marker,
            override=override,
            override_reason=reason,
            commentary=commentary,
        )


def council() -> QuarterReport:
    """Loadton's report, the same every time."""
    return _Council().report()


def is_generated() -> bool:
    from scorecard.web.plans.models import Measure, Organisation, within

    found = Organisation.objects.filter(slug=SLUG).first()
    if found is None:
        return False
    with within(found):
        return Measure.objects.count() == MEASURES and not _missing_users()


def _missing_users() -> list[str]:
    from scorecard.web.plans.models import User

    return sorted(set(USERS) - set(User.objects.filter(username__in=USERS).values_list("username", flat=True)))


def generate() -> str:
    """Store Loadton (Django set up, database migrated); a summary of what was loaded."""
    from scorecard.web.accounts.users import add_user
    from scorecard.web.plans import changes
    from scorecard.web.plans.loader import load_quarter_report
    from scorecard.web.plans.models import Directorate, Measure, Organisation, Role, User, within

    summary = load_quarter_report(council(), slug=SLUG, source="benchmarks/loadton.py")
    for username in _missing_users():
        role, directorate = USERS[username]
        add_user(username, PASSWORD, Role(role), SLUG, [directorate] if directorate else [])
    organisation = Organisation.objects.get(slug=SLUG)
    owner = User.objects.get(username="loadton-owner")
    with within(organisation):
        directorates = {
            name: Directorate.objects.get_or_create(organisation=organisation, name=name)[0]
            for _key, _name, name in THEMES
        }
        by_theme = {key: directorates[name] for key, _name, name in THEMES}
        for measure in Measure.objects.select_related("theme").order_by("pk"):
            wanted = {"directorate_id": by_theme[measure.theme.key].pk}
            if measure.pk % 5 == 0:
                wanted["owner_id"] = owner.pk
            if any(getattr(measure, field) != value for field, value in wanted.items()):
                changes.change(measure, wanted, expected_version=measure.version, by=None, source="benchmarks")
    return str(summary)
