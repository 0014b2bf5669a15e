"""Organisations, the people who work in them, and the rule that every other row belongs to one.

Every tenant row carries its organisation. `Model.objects` only sees the organisation made active
with `within(organisation)` and refuses to run without one, so a query cannot forget its scope;
`Model.unscoped` is for the few places that work across organisations (migrations, the admin, the
loader finding an organisation by its slug). The database itself refuses a row whose parent belongs
to another organisation (see `guards.py`), so even raw SQL cannot cross.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from scorecard.core.periods import APRIL
from scorecard.web.plans.colours import validate_brand_colour

_active: ContextVar[int | None] = ContextVar("scorecard_organisation", default=None)
M = TypeVar("M", bound=models.Model)


class NoOrganisationError(RuntimeError):
    """A scoped query ran with no organisation active: a programming error, never a user's."""


@contextmanager
def within(organisation: Organisation | int) -> Iterator[None]:
    """Make `organisation` the one that `Model.objects` sees, for the duration of the block."""
    token = _active.set(organisation if isinstance(organisation, int) else organisation.pk)
    try:
        yield
    finally:
        _active.reset(token)


def active_organisation_id() -> int:
    organisation = _active.get()
    if organisation is None:
        raise NoOrganisationError("no organisation is active: wrap the work in `within(organisation)`")
    return organisation


class TenantManager(models.Manager[M]):
    """Rows of the active organisation only."""

    def get_queryset(self) -> models.QuerySet[M]:
        return super().get_queryset().filter(organisation_id=active_organisation_id())


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Organisation(Timestamped):
    """A council. Every other record belongs to one."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, help_text="A short name for addresses and commands, e.g. harrow.")
    financial_year_start_month = models.PositiveSmallIntegerField(
        default=APRIL, validators=[MinValueValidator(1), MaxValueValidator(12)], help_text="4 (April) in UK councils."
    )
    default_scheme = models.ForeignKey(
        "Scheme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The RAG scheme that judges measures naming none; set when the built-ins are seeded.",
    )
    brand_colour = models.CharField(
        max_length=7,
        blank=True,
        validators=[validate_brand_colour],
        help_text="The header's background, e.g. #1d70b8; white text on it must reach WCAG AA contrast.",
    )

    class Meta:
        ordering = ("name",)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(financial_year_start_month__gte=1, financial_year_start_month__lte=12),
                name="plans_organisation_start_month_1_to_12",
            ),
        )

    def __str__(self) -> str:
        return self.name


class TenantModel(Timestamped):
    """A row that belongs to one organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")

    unscoped = models.Manager()
    objects = TenantManager()

    class Meta:
        abstract = True
        # Django's own machinery (related managers, the admin, deletion) uses the unscoped
        # manager: it reaches rows through a parent whose organisation the database has checked.
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"


class Directorate(TenantModel):
    """A directorate or service: where owners and approvers sit, and what permissions are scoped to."""

    name = models.CharField(max_length=200)

    class Meta(TenantModel.Meta):
        ordering = ("organisation", "name")
        constraints = (models.UniqueConstraint(fields=["organisation", "name"], name="plans_directorate_unique_name"),)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """Someone who signs in. What they may do is their memberships', one per organisation."""

    class Meta:
        ordering = ("username",)


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    OFFICER = "officer", "Performance officer"
    APPROVER = "approver", "Approver"
    OWNER = "owner", "Measure or action owner"
    VIEWER = "viewer", "Viewer"


class Membership(TenantModel):
    """A user's role in one organisation, optionally limited to some directorates."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    directorates = models.ManyToManyField(Directorate, through="MembershipDirectorate", blank=True)

    class Meta(TenantModel.Meta):
        ordering = ("organisation", "user")
        constraints = (
            models.UniqueConstraint(fields=["organisation", "user"], name="plans_membership_one_per_organisation"),
        )

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class MembershipDirectorate(TenantModel):
    """A directorate a membership is limited to."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE)
    directorate = models.ForeignKey(Directorate, on_delete=models.CASCADE)

    class Meta(TenantModel.Meta):
        constraints = (
            models.UniqueConstraint(fields=["membership", "directorate"], name="plans_membershipdirectorate_unique"),
        )

    def __str__(self) -> str:
        return f"{self.membership}: {self.directorate}"
