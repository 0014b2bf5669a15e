"""What the history timeline prints of each changed field."""

from scorecard.web.pages.history import SHOWN_LENGTH, FieldChange, _differences


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
