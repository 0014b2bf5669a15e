"""Statuses are judged by the core when values are stored, and kept with the scheme version that
gave them; a new scheme version judges into new rows and leaves the old ones as they were."""

from decimal import Decimal

from scorecard.core.schemes import BUILT_IN_TOML
from scorecard.web.plans import models
from scorecard.web.plans.schemes import add_version
from scorecard.web.plans.statuses import store_statuses


def _status(code, period, version=1):
    return models.StoredStatus.unscoped.select_related("scheme_version__scheme", "compared_with").get(
        measure_return__measure__code=code, measure_return__period__label=period, scheme_version__version=version
    )


def test_loading_stores_each_shown_status_with_its_scheme_and_version(loaded):
    status = _status("build-29", "Q2 2018/19")

    assert (status.state, status.band, status.reason) == ("judged", "LR", "Low Red: 6.1% below the target of 76%")
    assert (status.scheme_version.scheme.name, status.scheme_version.version) == ("five-band", 1)
    assert status.deviation.quantize(Decimal("0.0001")) == Decimal("-0.0605")
    assert (status.trend, status.compared_with.label) == ("improved", "Q1 2018/19")
    assert _status("build-asc-equality", "Q2 2018/19").scheme_version.scheme.name == "three-band"
    assert models.StoredStatus.unscoped.count() == models.Return.unscoped.count() == 255


def test_a_missing_value_is_stored_as_its_state_never_a_colour(loaded):
    status = _status("build-20", "Q2 2018/19")

    assert (status.state, status.band, status.reason) == ("awaiting", "", "Awaiting data")


def test_a_new_scheme_version_judges_into_new_rows_and_keeps_the_old(loaded):
    harrow = models.Organisation.objects.get()
    five_band = models.Scheme.unscoped.get(name="five-band")
    add_version(five_band, BUILT_IN_TOML["five-band"].replace("min = -0.10", "min = -0.20"), by=None)

    store_statuses(harrow)

    assert (_status("build-29", "Q2 2018/19", version=1).band, _status("build-29", "Q2 2018/19", version=2).band) == (
        "LR",
        "LR",
    )
    assert _status("business-17", "Q2 2018/19", version=1).band == "HR"
    assert _status("business-17", "Q2 2018/19", version=2).band == "LR"  # 11.1% off is Low Red under version 2


def test_an_owners_new_actual_and_an_officers_new_target_are_judged_when_saved(loaded):
    from scorecard.web.plans import workflow

    officer = models.User.objects.create_user("officer")
    held = models.Return.unscoped.get(measure__code="build-29", period__label="Q2 2018/19")
    reopened = workflow.send_back(held, "Recheck the figure", expected_version=held.version, by=officer)

    workflow.save_draft(reopened, {"actual": "80%"}, expected_version=reopened.version, by=officer)
    assert _status("build-29", "Q2 2018/19").band == "HG"  # 80% against 76%: 5.3% better

    target = models.Target.unscoped.get(measure__code="build-29", period__label="Q2 2018/19")
    workflow.set_target(target.measure, target.period, "84%", expected_version=target.version, by=officer)
    assert _status("build-29", "Q2 2018/19").band == "A"  # 80% against 84%: 4.8% short
