"""A small council made from scratch, for tests of the workflow and of the rules the database
keeps: one plan, theme and measure, the Q2 2018/19 quarter with a draft return, and the people
who handle it. Each is made the way the application makes it, so it has its history."""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.core.measures import Polarity
from scorecard.core.periods import parse_quarter
from scorecard.web.plans import changes
from scorecard.web.plans.calendar import stored_period
from scorecard.web.plans.models import (
    Measure,
    Membership,
    Organisation,
    Plan,
    ReportingPeriod,
    Return,
    Role,
    Theme,
    User,
)
from scorecard.web.plans.schemes import seed_built_ins

QUARTER = "Q2 2018/19"
# A new version of five-band with low and high red merged: one band fewer, one renamed.
FOUR_BAND_TOML = """name = "five-band"
description = "High Green, Low Green, Amber, Red"
[[bands]]
code = "HG"
label = "High Green"
min = 0.05
[[bands]]
code = "LG"
label = "Low Green"
min = 0
[[bands]]
code = "A"
label = "Amber"
above = -0.10
[[bands]]
code = "R"
label = "Red"
"""


@dataclass(frozen=True, slots=True)
class Council:
    organisation: Organisation
    plan: Plan
    theme: Theme
    measure: Measure
    quarter: ReportingPeriod
    return_: Return  # the measure's return for the quarter, a draft at version 1
    owner: User
    colleague: User  # a second owner of the same measure's return
    approver: User


def make_council(slug: str) -> Council:
    organisation = Organisation.objects.create(name=f"London Borough of {slug.title()}", slug=slug)
    seed_built_ins(organisation)  # and makes five-band its default
    owner, colleague, approver = (
        _member(organisation, f"{slug}-{name}", role)
        for name, role in (("owner", Role.OWNER), ("colleague", Role.OWNER), ("approver", Role.APPROVER))
    )
    own = {"organisation": organisation}
    plan = Plan.unscoped.create(**own, name=f"{organisation.name} Plan")
    theme = Theme.unscoped.create(**own, plan=plan, key="build", order=1, name="Building a better borough")
    measure = changes.create(
        Measure,
        {
            **own,
            "theme": theme,
            "code": "build-1",
            "ref": "1",
            "name": "Homes built",
            "polarity": Polarity.HIGHER.value,
            "owner": owner,
        },
        by=None,
    )
    quarter = stored_period(organisation, parse_quarter(QUARTER))
    return_ = changes.create(Return, {**own, "measure": measure, "period": quarter}, by=owner)
    return Council(organisation, plan, theme, measure, quarter, return_, owner, colleague, approver)


def _member(organisation: Organisation, username: str, role: Role) -> User:
    user = User.objects.create_user(username=username)
    Membership.unscoped.create(organisation=organisation, user=user, role=role)
    return user
