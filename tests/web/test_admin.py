"""Every model's admin pages open, with the Harrow report loaded."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.urls import reverse

from scorecard.web.plans import models
from scorecard.web.plans.benchmarks import load_benchmarks
from scorecard.web.plans.loader import DEMO_DATASET
from scorecard.web.plans.publishing import publish

PLAN_MODELS = [model for model in admin.site._registry if model._meta.app_label == "plans"]


def test_every_plans_model_is_in_the_admin_on_its_own_or_within_its_parent():
    inline = {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    stored = set(apps.get_app_config("plans").get_models())
    assert set(PLAN_MODELS) | inline >= stored


@pytest.fixture
def records(loaded):
    """The Harrow report, plus the kinds of record the dataset does not carry."""
    harrow = models.Organisation.objects.get()
    community = models.Directorate.unscoped.create(organisation=harrow, name="Community")
    user = models.User.objects.create_user("officer")
    membership = models.Membership.unscoped.create(organisation=harrow, user=user, role=models.Role.OFFICER)
    models.MembershipDirectorate.unscoped.create(organisation=harrow, membership=membership, directorate=community)
    load_benchmarks(DEMO_DATASET / "benchmarks.csv", slug="harrow")
    publish("harrow", loaded.period, by=user)
    quarter = models.ReportingPeriod.unscoped.get(label=str(loaded.period))
    collection = models.CollectionRound.unscoped.create(
        organisation=harrow, period=quarter, due="2018-10-31", opened_by=user, opened_at="2018-10-01T09:00Z"
    )
    models.Reminder.unscoped.create(organisation=harrow, round=collection, sent_by=user, outstanding=0)
    theme = models.Theme.unscoped.get(key="build")
    models.ThemeLead.unscoped.create(organisation=harrow, theme=theme, user=user)
    connection.check_constraints()  # as a commit would: on PostgreSQL the data stamp moves then


def test_every_list_and_a_record_of_each_open(records, admin_client):
    # One test for all models, so the report is loaded once.
    failed = []
    for model in PLAN_MODELS:
        info = model._meta.app_label, model._meta.model_name
        pages = [
            reverse("admin:{}_{}_changelist".format(*info)),
            reverse("admin:{}_{}_change".format(*info), args=[model._default_manager.first().pk]),
        ]
        failed += [(page, status) for page in pages if (status := admin_client.get(page).status_code) != 200]
    assert failed == []
