"""Every model's admin pages open, with the Harrow report loaded."""

import pytest
from django.contrib import admin
from django.urls import reverse

from scorecard.web.plans import models

PLAN_MODELS = [model for model in admin.site._registry if model._meta.app_label == "plans"]


def test_every_plans_model_is_in_the_admin_on_its_own_or_within_its_parent():
    inline = {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    stored = {
        model
        for model in vars(models).values()
        if isinstance(model, type) and issubclass(model, models.models.Model) and not model._meta.abstract
    }
    assert set(PLAN_MODELS) | inline >= stored


@pytest.fixture
def records(loaded):
    """The Harrow report, plus the one kind of record the dataset does not carry."""
    models.Directorate.objects.create(organisation=models.Organisation.objects.get(), name="Community")


def test_every_list_and_a_record_of_each_open(records, admin_client):
    # One test for all models, so the report is loaded once.
    failed = []
    for model in PLAN_MODELS:
        info = model._meta.app_label, model._meta.model_name
        pages = [
            reverse("admin:{}_{}_changelist".format(*info)),
            reverse("admin:{}_{}_change".format(*info), args=[model.objects.first().pk]),
        ]
        failed += [(page, status) for page in pages if (status := admin_client.get(page).status_code) != 200]
    assert failed == []
