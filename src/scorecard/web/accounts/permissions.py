"""Who may do what: the one place that decides. Views declare a rule with `@rule(...)`; the
`RulesMiddleware` refuses any view without one, so a new page is closed until someone opens it.

Roles (a membership's): administrator and officer run the quarter; an owner enters returns for
the measures of their directorates (or that they own); an approver decides on the returns of
their directorates; a viewer reads. A membership limited to no directorate covers them all.
The report's words are written by officers and the theme leads they choose, and approved by
an officer or any approver.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.http import HttpRequest

from scorecard.web.plans.models import Action, Measure, Membership, Organisation, Role, Theme, ThemeLead, User

RUNS_THE_QUARTER = frozenset({Role.ADMINISTRATOR, Role.OFFICER})
View = TypeVar("View", bound=Callable[..., object])


def membership_of(request: HttpRequest) -> Membership | None:
    """The signed-in user's membership, set on the request by `OrganisationMiddleware`."""
    return getattr(request, "membership", None)


def member(request: HttpRequest) -> Membership:
    """The membership in a view whose rule admits members only."""
    membership = membership_of(request)
    assert membership is not None, "the view's rule lets only members in"
    return membership


def signed_in_user(request: HttpRequest) -> User:
    """The user in a view whose rule admits members only."""
    assert isinstance(request.user, User)
    return request.user


@dataclass(frozen=True, slots=True)
class Rule:
    """Who may open a page at all; what they may do there is decided by the predicates below."""

    name: str
    allows: Callable[[Membership | None], bool]
    public: bool = False


PUBLIC = Rule("anyone, signed in or not", lambda membership: True, public=True)
MEMBER = Rule("a member of the organisation", lambda membership: membership is not None)
OFFICER = Rule(
    "an officer or administrator", lambda membership: membership is not None and membership.role in RUNS_THE_QUARTER
)


def rule(chosen: Rule) -> Callable[[View], View]:
    """Declare who may open a view."""

    def declare(view: View) -> View:
        view.scorecard_rule = chosen  # type: ignore[attr-defined]
        return view

    return declare


def _in_scope(membership: Membership, directorate_id: int | None) -> bool:
    scope = {directorate.pk for directorate in membership.directorates.all()}
    return not scope or directorate_id in scope


def _member_of(membership: Membership | None, record: Measure | Action) -> bool:
    return membership is not None and membership.organisation_id == record.organisation_id


def may_enter(membership: Membership | None, record: Measure | Action) -> bool:
    """Enter or change a measure's return (or an action's update) and submit it."""
    if membership is None or not _member_of(membership, record):
        return False
    if membership.role in RUNS_THE_QUARTER:
        return True
    if membership.role != Role.OWNER:
        return False
    owns = record.owner_id == membership.user_id
    return owns or (bool(membership.directorates.all()) and _in_scope(membership, record.directorate_id))


def may_decide(membership: Membership | None, record: Measure | Action) -> bool:
    """Approve a submitted return, or send it back with a comment."""
    if membership is None or not _member_of(membership, record):
        return False
    if membership.role in RUNS_THE_QUARTER:
        return True
    return membership.role == Role.APPROVER and _in_scope(membership, record.directorate_id)


def may_run_the_quarter(membership: Membership | None) -> bool:
    """Set targets, override statuses, see completion and publish."""
    return membership is not None and membership.role in RUNS_THE_QUARTER


def may_write_words(membership: Membership | None, organisation: Organisation, theme: Theme | None) -> bool:
    """Write the quarter's introduction (theme None: officers only) or a theme's words (officers
    and the theme's leads), and submit them."""
    if membership is None or membership.organisation_id != organisation.pk:
        return False
    if membership.role in RUNS_THE_QUARTER:
        return True
    return theme is not None and ThemeLead.objects.filter(theme=theme, user_id=membership.user_id).exists()


def may_approve_words(membership: Membership | None, organisation: Organisation) -> bool:
    """Approve submitted words, or return them with a comment."""
    if membership is None or membership.organisation_id != organisation.pk:
        return False
    return membership.role in RUNS_THE_QUARTER or membership.role == Role.APPROVER
