"""Loading a quarter's report and reading it back gives the report the files hold, exactly."""

import random
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scorecard.core.periods import parse_quarter
from scorecard.web.plans import models
from scorecard.web.plans.loader import load_demo, load_quarter_report
from scorecard.web.plans.queries import ReportNotLoadedError, quarter_report
from tests.web.edits import edit_entry, edit_measures, edit_themes

# organisation, edition, glossary, themes, measures, targets, returns, narratives, challenges,
# notes, actions, updates
MAX_QUERIES = 12
ROW_MODELS = (
    models.Organisation,
    models.Plan,
    models.ReportEdition,
    models.Theme,
    models.ThemeNarrative,
    models.KeyChallenge,
    models.Note,
    models.Measure,
    models.Target,
    models.Return,
    models.Action,
    models.ActionUpdate,
    models.GlossaryEntry,
    models.ReportingPeriod,
    models.Change,
)


def _row_counts():
    return {model.__name__: model._default_manager.count() for model in ROW_MODELS}


def _return(code, period):
    return models.Return.unscoped.get(measure__code=code, period__label=period)


def test_the_report_read_back_equals_the_one_read_from_the_files(loaded):
    assert quarter_report(loaded.period, slug="harrow") == loaded


def test_the_demo_loads_the_harrow_dataset(db, harrow):
    summary = load_demo()

    assert (summary.organisation, summary.measures, summary.values) == ("harrow", 85, 255)
    assert quarter_report(harrow.period, slug="harrow") == harrow


def test_loading_twice_changes_nothing(loaded):
    before = _row_counts()

    summary = load_quarter_report(loaded, slug="harrow")

    assert (summary.created, summary.updated) == (0, 0)
    assert _row_counts() == before
    assert set(models.Return.unscoped.values_list("version", flat=True)) == {1}
    assert quarter_report(loaded.period, slug="harrow") == loaded


def test_a_corrected_actual_is_updated_in_place_with_a_new_version(loaded):
    corrected = edit_entry(loaded, "build-16", "Q2 2018/19", lambda entry: replace(entry, actual="14"))

    summary = load_quarter_report(corrected, slug="harrow", source="values.csv")

    assert (summary.created, summary.updated) == (0, 1)
    value = _return("build-16", "Q2 2018/19")
    assert (value.actual, value.amount, value.version) == ("14", 14, 2)
    change = models.Change.unscoped.filter(record_type="plans.return", record_id=value.pk).last()
    assert (change.kind, change.version, change.source) == ("changed", 2, "values.csv")
    assert (change.before["actual"], change.after["actual"]) == ("15", "14")
    assert quarter_report(loaded.period, slug="harrow") == corrected


def test_a_load_that_lacks_rows_deletes_nothing(loaded):
    """An import merges: what the file no longer has stays, since an officer may have typed it."""
    first_theme = loaded.themes[0]
    smaller = edit_themes(
        edit_entry(loaded, "build-16", "Q2 2018/19", lambda entry: None),
        lambda theme: (
            replace(theme, actions=theme.actions[:-1], challenges=()) if theme.key == first_theme.key else theme
        ),
    )
    before = _row_counts()

    summary = load_quarter_report(smaller, slug="harrow")

    assert (summary.created, summary.updated) == (0, 0)
    assert _row_counts() == before
    assert quarter_report(loaded.period, slug="harrow") == loaded


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
    with pytest.raises(ReportNotLoadedError, match=r"No organisation called 'camden'; load its data first"):
        quarter_report(harrow.period, slug="camden")


def test_organisations_do_not_see_each_others_data(loaded):
    other = replace(loaded, organisation="London Borough of Elsewhere")
    other = edit_entry(other, "build-1", "Q2 2018/19", lambda entry: replace(entry, actual="1"))
    load_quarter_report(other, slug="elsewhere")

    assert quarter_report(loaded.period, slug="harrow") == loaded
    assert quarter_report(loaded.period, slug="elsewhere") == other


def test_plan_years_and_introduced_are_periods_not_text(loaded):
    plan = models.Plan.unscoped.select_related("first_year", "last_year").get()
    ks2 = models.Measure.unscoped.select_related("introduced").get(code="vulnerable-9")

    assert (plan.first_year.kind, plan.first_year.label, plan.last_year.label) == ("year", "2018/19", "2019/20")
    assert (ks2.introduced.kind, ks2.introduced.label) == ("quarter", "Q4 2017/18")
    assert ks2.introduced.start.isoformat() == "2018-01-01"


def test_an_action_is_known_by_its_code_so_a_new_title_renames_it(loaded):
    first = loaded.themes[0].actions[0]
    renamed = edit_themes(
        loaded,
        lambda theme: (
            replace(theme, actions=(replace(first, title="Deliver the capital programme"), *theme.actions[1:]))
            if theme.key == "build"
            else theme
        ),
    )

    load_quarter_report(renamed, slug="harrow")

    action = models.Action.unscoped.get(code=first.code)
    assert (action.title, action.version) == ("Deliver the capital programme", 2)
    assert models.Action.unscoped.count() == 38
