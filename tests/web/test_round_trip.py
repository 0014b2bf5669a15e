"""Loading a quarter's report and reading it back gives the report the files hold, exactly."""

import random
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scorecard.core.periods import parse_quarter
from scorecard.web.plans import models
from scorecard.web.plans.queries import ReportNotLoadedError, quarter_report
from scorecard.web.plans.services import load_demo, load_quarter_report
from tests.web.edits import edit_entry, edit_measures, edit_themes

MAX_QUERIES = 10  # report, themes, measures, values, narratives, challenges, notes, actions, updates, glossary
ROW_MODELS = (
    models.Organisation,
    models.Plan,
    models.Report,
    models.Theme,
    models.ThemeNarrative,
    models.KeyChallenge,
    models.Note,
    models.Measure,
    models.PeriodValue,
    models.Action,
    models.ActionUpdate,
    models.GlossaryEntry,
)


def _row_counts():
    return {model.__name__: model.objects.count() for model in ROW_MODELS}


def test_the_report_read_back_equals_the_one_read_from_the_files(loaded):
    assert quarter_report(loaded.period, slug="harrow") == loaded


def test_the_demo_loads_the_harrow_dataset(db, harrow):
    summary = load_demo()

    assert (summary.organisation, summary.measures, summary.period_values) == ("harrow", 85, 255)
    assert quarter_report(harrow.period, slug="harrow") == harrow


def test_loading_twice_changes_nothing(loaded):
    before = _row_counts()

    summary = load_quarter_report(loaded, slug="harrow")

    assert (summary.created, summary.updated, summary.removed) == (0, 0, 0)
    assert _row_counts() == before
    assert set(models.PeriodValue.objects.values_list("version", flat=True)) == {1}
    assert quarter_report(loaded.period, slug="harrow") == loaded


def test_a_corrected_actual_is_updated_in_place_with_a_new_version(loaded):
    corrected = edit_entry(loaded, "build-16", "Q2 2018/19", lambda entry: replace(entry, actual="14"))

    summary = load_quarter_report(corrected, slug="harrow")

    assert (summary.created, summary.updated, summary.removed) == (0, 1, 0)
    value = models.PeriodValue.objects.get(measure__code="build-16", period="Q2 2018/19")
    assert (value.actual, value.version) == ("14", 2)
    assert quarter_report(loaded.period, slug="harrow") == corrected


def test_what_the_report_no_longer_has_goes_from_its_own_quarter_only(loaded):
    first_theme = loaded.themes[0]
    expected = edit_themes(
        edit_entry(loaded, "build-16", "Q2 2018/19", lambda entry: None),
        lambda theme: replace(theme, actions=theme.actions[1:]) if theme.key == first_theme.key else theme,
    )
    # Last year's value is left out too, but stays: an earlier load may be its only source.
    smaller = edit_entry(expected, "build-16", "Q2 2017/18", lambda entry: None)

    summary = load_quarter_report(smaller, slug="harrow")

    assert summary.removed == 2  # this quarter's value for build-16 and the first action's update
    assert models.Action.objects.filter(title=first_theme.actions[0].title).exists()  # the plan keeps the action
    assert quarter_report(loaded.period, slug="harrow") == expected


def test_each_measures_values_come_back_oldest_first(db, harrow):
    shuffled = edit_measures(
        harrow, lambda m: replace(m, entries=tuple(random.Random(m.code).sample(m.entries, len(m.entries))))
    )
    load_quarter_report(shuffled, slug="harrow")

    assert quarter_report(harrow.period, slug="harrow") == harrow


def test_reading_a_report_takes_the_same_few_queries_however_many_measures(loaded, django_assert_max_num_queries):
    def with_copies(theme):
        return replace(theme, measures=(*theme.measures, *(replace(m, code=f"{m.code}-copy") for m in theme.measures)))

    doubled = edit_themes(loaded, with_copies)
    load_quarter_report(doubled, slug="doubled")

    with django_assert_max_num_queries(MAX_QUERIES):
        quarter_report(loaded.period, slug="harrow")
    with CaptureQueriesContext(connection) as small:
        quarter_report(loaded.period, slug="harrow")
    with CaptureQueriesContext(connection) as large:
        assert quarter_report(loaded.period, slug="doubled") == doubled
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_quarter_with_no_report_is_refused_with_how_to_load_it(loaded):
    with pytest.raises(ReportNotLoadedError) as raised:
        quarter_report(parse_quarter("Q3 2018/19"), slug="harrow")

    message = str(raised.value)
    assert message.startswith("No report data for Q3 2018/19 in harrow (it has Q2 2018/19)")
    assert "scorecard demo" in message
    assert isinstance(raised.value, LookupError)


def test_an_organisation_with_no_data_is_refused(db, harrow):
    with pytest.raises(ReportNotLoadedError, match=r"No report data for Q2 2018/19 in camden; load it first"):
        quarter_report(harrow.period, slug="camden")


def test_organisations_do_not_see_each_others_data(loaded):
    other = replace(loaded, organisation="London Borough of Elsewhere")
    other = edit_entry(other, "build-1", "Q2 2018/19", lambda entry: replace(entry, actual="1"))
    load_quarter_report(other, slug="elsewhere")

    assert quarter_report(loaded.period, slug="harrow") == loaded
    assert quarter_report(loaded.period, slug="elsewhere") == other
