"""What the history timeline prints of each changed field."""

from scorecard.web.pages.history import SHOWN_LENGTH, FieldChange, _differences
from scorecard.web.pages.measures import LATEST_CHANGES
from scorecard.web.plans import changes, models


def test_a_change_shows_each_changed_field_from_and_to():
    found = _differences(
        {"actual": "71.2%", "state": "draft", "version": 1}, {"actual": "74%", "state": "draft", "version": 2}
    )

    assert found == (FieldChange("Actual", "71.2%", "74%"),)


def test_a_zero_is_a_value_and_an_empty_text_is_empty():
    found = _differences({"amount": 5, "data_note": "late"}, {"amount": 0, "data_note": ""})

    assert found == (FieldChange("Amount", "5", "0"), FieldChange("Data note", "late", "(empty)"))


def test_a_record_made_by_the_change_has_nothing_before():
    assert _differences(None, {"printed": "95%", "period_id": 7}) == (
        FieldChange("Printed", None, "95%"),
        FieldChange("Period", None, "7"),
    )


def test_a_long_text_is_cut_short_with_an_ellipsis():
    commentary = "Waiting times fell in every locality. " * 20
    (field,) = _differences({"commentary": ""}, {"commentary": commentary})

    assert len(field.after) == SHOWN_LENGTH
    assert field.after == commentary[: SHOWN_LENGTH - 1] + "…"


def test_a_measure_page_shows_its_latest_changes_and_links_to_every_change(signed_in, world):
    with models.within(world.harrow):
        measure = models.Measure.objects.get(code="build-1")
        for text in [f"Definition draft {n}" for n in range(LATEST_CHANGES + 3)]:
            measure.refresh_from_db()
            changes.change(measure, {"definition_note": text}, expected_version=measure.version, by=None)
        every = models.Change.objects.filter(record_type=changes.record_type(models.Measure), record_id=measure.pk)
        total = every.count()
    client = signed_in("viewer")

    page = client.get("/measures/build-1/").content.decode()
    whole = client.get("/measures/build-1/changes/").content.decode()

    assert page.count('<li class="govuk-!-margin-bottom-4">') == LATEST_CHANGES
    assert f"Definition draft {LATEST_CHANGES + 2}</ins>" in page  # the newest first
    assert "Definition draft 2</ins>" not in page
    assert 'href="/measures/build-1/changes/">See every change to this measure' in page
    assert "Definition draft 0</ins>" in whole
    assert whole.count('<li class="govuk-!-margin-bottom-4">') >= total
    assert signed_in("elsewhere").get("/measures/build-1/changes/").status_code == 404
