"""Bad input is refused whole, with where and what, and never half-written."""

from dataclasses import replace

import pytest

from scorecard.core.periods import FinancialYear
from scorecard.web.plans import loader, models
from scorecard.web.plans.loader import ReportDataError, load_quarter_report
from scorecard.web.plans.queries import quarter_report
from tests.web.edits import edit_entry


def test_an_unreadable_target_or_actual_is_refused_naming_measure_period_and_field(db, harrow):
    bad = edit_entry(harrow, "build-16", "Q2 2018/19", lambda entry: replace(entry, target="about ten", actual="15x"))

    with pytest.raises(ReportDataError) as raised:
        load_quarter_report(bad, slug="harrow")

    assert raised.value.problems == [
        "Measure build-16, Q2 2018/19, target: 'about ten' is not a number",
        "Measure build-16, Q2 2018/19, actual: '15x' is not a number",
    ]
    assert not models.Organisation.objects.exists()


def test_a_refused_reload_leaves_the_stored_report_as_it_was(loaded):
    bad = edit_entry(loaded, "build-1", "Q1 2018/19", lambda entry: replace(entry, actual="7-9"))

    with pytest.raises(ReportDataError, match=r"Measure build-1, Q1 2018/19, actual: '7-9' is a range"):
        load_quarter_report(bad, slug="harrow")

    assert quarter_report(loaded.period, slug="harrow") == loaded


def test_a_failure_part_way_through_writes_nothing(db, harrow, monkeypatch):
    def fail(*args):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(loader._Load, "_action_updates", fail)

    with pytest.raises(RuntimeError):
        load_quarter_report(harrow, slug="harrow")

    assert not models.Measure.unscoped.exists()
    assert not models.Change.unscoped.exists()
    assert not models.Organisation.objects.exists()


def test_a_key_challenge_about_an_unknown_measure_is_refused(db, harrow):
    theme = harrow.themes[0]
    challenge = replace(theme.challenges[0], measure="build-999")
    bad = replace(harrow, themes=(replace(theme, challenges=(challenge,)), *harrow.themes[1:]))

    with pytest.raises(ReportDataError, match=r"measure 'build-999' is not in the report"):
        load_quarter_report(bad, slug="harrow")


def test_a_measure_code_used_twice_is_refused(db, harrow):
    theme = harrow.themes[0]
    bad = replace(harrow, themes=(replace(theme, measures=(*theme.measures, theme.measures[0])), *harrow.themes[1:]))

    with pytest.raises(ReportDataError, match=r"Measure 'build-1' appears 2 times"):
        load_quarter_report(bad, slug="harrow")


def test_a_report_with_another_financial_year_start_is_refused_for_an_existing_organisation(loaded):
    july = replace(loaded, period=FinancialYear(2018, start_month=7).quarter(2), themes=(), glossary=())

    with pytest.raises(ReportDataError, match=r"harrow: its financial year starts in month 4, the report's in month 7"):
        load_quarter_report(july, slug="harrow")


def test_an_action_without_a_code_is_refused(db, harrow):
    theme = harrow.themes[0]
    nameless = replace(theme.actions[0], code="")
    bad = replace(harrow, themes=(replace(theme, actions=(nameless, *theme.actions[1:])), *harrow.themes[1:]))

    with pytest.raises(
        ReportDataError, match=r"Theme build: action 'Successfully deliver our capital program' has no code"
    ):
        load_quarter_report(bad, slug="harrow")
