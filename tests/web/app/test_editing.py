"""Officers edit the plan in the app: a measure's definition, its targets, an override of a stored
status and a scheme's rules, each rule change previewed (what-if) before it is made. Bad input
names the field and writes nothing; a stale edit shows the other change and keeps the input;
every change is in the history."""

import pytest

from scorecard.web.plans import models
from tests.web.app.dates import due

MEASURE = "build-57"  # Community; High Green in all three quarters of the demo


def _measure(world, code=MEASURE):
    with models.within(world.harrow):
        return models.Measure.objects.select_related("scheme", "directorate").get(code=code)


def _history(world, record_type):
    with models.within(world.harrow):
        return list(models.Change.objects.filter(record_type=record_type).order_by("pk"))


def _measure_form(held, **fields):
    return {
        "name": held.name,
        "definition_note": held.definition_note,
        "polarity": held.polarity,
        "frequency": held.frequency,
        "reporting_quarter": held.reporting_quarter or "",
        "lag_months": held.lag_months,
        "unit": held.unit,
        "scheme": held.scheme.name if held.scheme else "",
        "owner": "",
        "directorate": held.directorate_id or "",
        "version": held.version,
        "save": "1",
        **fields,
    }


def test_an_officer_renames_a_measure_and_the_history_keeps_who_and_what(signed_in, world):
    held = _measure(world)

    response = signed_in("officer").post(f"/plan/measures/{MEASURE}/", _measure_form(held, name="Homes made safe"))

    assert (response.status_code, response["Location"]) == (302, f"/measures/{MEASURE}/")
    saved = _measure(world)
    assert (saved.name, saved.version) == ("Homes made safe", held.version + 1)
    change = _history(world, "plans.measure")[-1]
    assert (change.record_id, change.kind, change.made_by.username, change.source) == (
        held.pk,
        "changed",
        "officer",
        "web",
    )
    assert (change.before["name"], change.after["name"]) == (held.name, "Homes made safe")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required"),
        ({"reporting_quarter": "two"}, "reporting_quarter", "Enter a whole number"),
        ({"frequency": "annual"}, "reporting_quarter", "Enter the quarter an annual measure reports in"),
        ({"polarity": "sideways"}, "polarity", "Select a valid choice"),
        ({"scheme": "purple"}, "scheme", "Select a valid choice"),
        ({"lag_months": "-1"}, "lag_months", "greater than or equal to 0"),
        ({"definition_note": "x" * 10_000_001}, "definition_note", "at most 10000"),
    ],
    ids=[
        "empty",
        "text in a number",
        "annual without its quarter",
        "no such polarity",
        "no such scheme",
        "a negative lag",
        "10 MB",
    ],
)
def test_bad_measure_input_names_the_field_and_writes_nothing(signed_in, world, fields, field, message):
    held = _measure(world)
    history = len(_history(world, "plans.measure"))

    response = signed_in("officer").post(f"/plan/measures/{MEASURE}/", _measure_form(held, **fields))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_{field}"' in page
    assert message in page
    assert _measure(world).version == held.version
    assert len(_history(world, "plans.measure")) == history


def test_two_officers_edit_the_same_measure_the_second_sees_the_first_and_keeps_their_input(signed_in, world):
    held = _measure(world)
    signed_in("officer").post(f"/plan/measures/{MEASURE}/", _measure_form(held, name="First name"))

    conflict = signed_in("administrator").post(f"/plan/measures/{MEASURE}/", _measure_form(held, name="Second name"))

    page = conflict.content.decode()
    assert conflict.status_code == 409
    assert "Someone else changed this measure" in page
    assert "<strong>First name</strong>" in page
    assert 'value="Second name"' in page
    assert f'name="version" value="{held.version + 1}"' in page  # saving again replaces theirs
    assert _measure(world).name == "First name"
    kinds = [(c.kind, c.after["name"]) for c in _history(world, "plans.measure") if c.record_id == held.pk][-2:]
    assert kinds == [("changed", "First name"), ("refused", "Second name")]


def test_a_polarity_change_is_previewed_then_saved_and_the_statuses_judged_again(signed_in, world):
    held = _measure(world)
    client = signed_in("officer")

    preview = client.post(f"/plan/measures/{MEASURE}/", _measure_form(held, polarity="none", preview="1"))

    page = preview.content.decode()
    assert "3 statuses would change" in page
    move = '<td class="govuk-table__cell">High Green</td><td class="govuk-table__cell">No judgement</td>'
    assert f'{move}<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in page
    assert _measure(world).polarity == "higher"

    unseen = client.post(f"/plan/measures/{MEASURE}/", _measure_form(held, polarity="none"))
    assert "3 statuses would change" in unseen.content.decode()  # saving an unseen rule change previews it
    assert _measure(world).polarity == "higher"
    client.post(f"/plan/measures/{MEASURE}/", _measure_form(held, polarity="none", previewed="none|"))

    with models.within(world.harrow):
        states = set(
            models.StoredStatus.objects.filter(measure_return__measure=held, measure_return__actual__gt="").values_list(
                "state", flat=True
            )
        )
    assert states == {"no judgement"}


def _targets_url(code=MEASURE):
    return f"/plan/measures/{code}/targets/"


def _target_entry(period, target, version):
    """A target saved after its preview was seen."""
    return {"period": period, "target": target, "version": version, "previewed": f"{period}|{target}", "save": "1"}


def _target(world, period, code=MEASURE):
    with models.within(world.harrow):
        return models.Target.objects.filter(measure__code=code, period__label=period).first()


def test_an_officer_sets_a_new_target_and_changes_one_held(signed_in, world):
    client = signed_in("officer")
    held = _target(world, "Q2 2018/19")

    unseen = client.post(_targets_url(), {"period": "Q3 2018/19", "target": "95%", "version": "0", "save": "1"})
    assert (unseen.status_code, _target(world, "Q3 2018/19")) == (200, None)  # previewed first
    assert 'name="previewed" value="Q3 2018/19|95%"' in unseen.content.decode()
    made = client.post(_targets_url(), _target_entry("Q3 2018/19", "95%", 0))
    changed = client.post(_targets_url(), _target_entry("Q2 2018/19", "97%", held.version))

    assert (made.status_code, changed.status_code) == (302, 302)
    assert _target(world, "Q3 2018/19").printed == "95%"
    after = _target(world, "Q2 2018/19")
    assert (after.printed, after.version, after.set_by.username) == ("97%", held.version + 1, "officer")
    history = [(c.kind, c.after["printed"]) for c in _history(world, "plans.target")[-2:]]
    assert history == [("created", "95%"), ("changed", "97%")]


def test_a_target_change_is_previewed_with_the_statuses_it_moves(signed_in, world):
    held = _target(world, "Q2 2018/19")

    response = signed_in("officer").post(
        _targets_url(), {"period": "Q2 2018/19", "target": "99%", "version": held.version, "preview": "1"}
    )

    page = response.content.decode()
    assert "1 status would change" in page
    assert _target(world, "Q2 2018/19").version == held.version


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"target": ""}, "target", "This field is required"),
        ({"period": ""}, "period", "This field is required"),
        ({"target": "45"}, "target", "45 is a plain number but build-57 is a percentage"),
        ({"target": "lots"}, "target", "not a number"),
        ({"target": "9" * 10_000_001}, "target", "at most 100"),
        ({"period": "Q1 2025/26"}, "period", "too far ahead"),
        ({"period": "soon"}, "period", "Enter a quarter such as"),
        ({"period": "Sep 18"}, "period", "is not monthly"),
    ],
    ids=["empty", "no period", "wrong unit", "text in a number", "10 MB", "future period", "no period", "a month"],
)
@pytest.mark.parametrize("step", ["save", "preview"])
def test_bad_target_input_names_the_field_and_writes_nothing(signed_in, world, fields, field, message, step):
    client = signed_in("officer")
    measure = _measure(world)
    client.post(f"/plan/measures/{MEASURE}/", _measure_form(measure, unit="percent"))
    history = len(_history(world, "plans.target"))

    entry = {"period": "Q3 2018/19", "target": "95%", "version": "0", step: "1", **fields}
    response = client.post(_targets_url(), entry)

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_{field}"' in page
    assert message in page
    assert _target(world, "Q3 2018/19") is None
    assert len(_history(world, "plans.target")) == history


def test_a_target_set_by_someone_else_first_is_shown_and_the_input_kept(signed_in, world):
    signed_in("officer").post(_targets_url(), _target_entry("Q3 2018/19", "95%", 0))

    conflict = signed_in("administrator").post(_targets_url(), _target_entry("Q3 2018/19", "90%", 0))

    page = conflict.content.decode()
    assert conflict.status_code == 409
    assert "Someone else set this target" in page
    assert "<strong>95%</strong>" in page
    assert 'value="90%"' in page
    assert "Save the target" in page  # saving again replaces theirs
    assert _target(world, "Q3 2018/19").printed == "95%"


@pytest.fixture
def draft(signed_in, world):
    """A draft return of Q3 2018/19 for build-57, with an actual: a status an officer may override."""
    officer = signed_in("officer")
    officer.post("/completion/open/", {"quarter": "Q3 2018/19", **due("31/01/2019")})
    with models.within(world.harrow):
        held = models.Return.objects.get(measure__code=MEASURE, period__label="Q3 2018/19")
    officer.post(
        f"/returns/{held.pk}/",
        {"actual": "96%", "covers": "", "data_note": "", "commentary": "", "version": held.version, "save": "1"},
    )
    return _return(world, held.pk)


def _return(world, pk):
    with models.within(world.harrow):
        return models.Return.objects.select_related("override_band").get(pk=pk)


def test_an_officer_overrides_a_status_then_removes_the_override_both_recorded(signed_in, world, draft):
    client = signed_in("officer")

    overridden = client.post(
        f"/plan/returns/{draft.pk}/status/", {"band": "A", "reason": "Data quality", "version": draft.version}
    )
    held = _return(world, draft.pk)
    removed = client.post(
        f"/plan/returns/{draft.pk}/status/", {"reason": "Data checked", "version": held.version, "remove": "1"}
    )

    assert (overridden.status_code, removed.status_code) == (302, 302)
    assert (held.override_band.code, held.override_reason) == ("A", "Data quality")
    after = _return(world, draft.pk)
    assert (after.override_band, after.override_reason) == (None, "")
    history = [(c.kind, c.comment) for c in _history(world, "plans.return") if c.record_id == draft.pk][-2:]
    assert history == [("overridden", "Data quality"), ("overridden", "Data checked")]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reason": ""}, "reason", "This field is required"),
        ({"band": ""}, "band", "Choose the band to publish"),
        ({"band": "PURPLE"}, "band", "Select a valid choice"),
        ({"reason": "x" * 10_000_001}, "reason", "at most 10000"),
    ],
    ids=["no reason", "no band", "another scheme's band", "10 MB"],
)
def test_bad_override_input_names_the_field_and_writes_nothing(signed_in, world, draft, fields, field, message):
    response = signed_in("officer").post(
        f"/plan/returns/{draft.pk}/status/", {"band": "A", "reason": "Why", "version": draft.version, **fields}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_{field}"' in page
    assert message in page
    assert _return(world, draft.pk).version == draft.version


def test_an_approved_status_is_not_overridden_and_the_page_says_what_to_do_first(signed_in, world):
    with models.within(world.harrow):
        approved = models.Return.objects.get(measure__code=MEASURE, period__label="Q2 2018/19")

    response = signed_in("officer").post(
        f"/plan/returns/{approved.pk}/status/", {"band": "A", "reason": "Why", "version": approved.version}
    )

    assert "an approver sends it back to reopen it" in response.content.decode()
    assert _return(world, approved.pk).version == approved.version


MOVED = {"min = 0.05": "min = 0.10", "above = -0.05": "above = -0.10"}


def _five_band(world):
    with models.within(world.harrow):
        return models.SchemeVersion.objects.filter(scheme__name="five-band").order_by("-version").first()


def _moved(definition):
    for old, new in MOVED.items():
        definition = definition.replace(old, new)
    return definition


def test_moved_five_band_thresholds_are_previewed_on_harrow_then_adopted_as_a_new_version(signed_in, world):
    client = signed_in("officer")
    latest = _five_band(world)
    proposal = {"definition": _moved(latest.definition), "reason": "", "based_on": latest.version}

    preview = client.post("/plan/schemes/five-band/", {**proposal, "preview": "1"})

    page = preview.content.decode()
    assert "27 statuses would change" in page
    assert "of the 251 judged" in page
    assert _five_band(world).version == latest.version
    adopted = client.post("/plan/schemes/five-band/", {**proposal, "reason": "Ten percent tolerance", "adopt": "1"})
    assert adopted.status_code == 302
    made = _five_band(world)
    assert (made.version, made.reason, made.created_by.username) == (
        latest.version + 1,
        "Ten percent tolerance",
        "officer",
    )
    with models.within(world.harrow):
        old = models.StoredStatus.objects.filter(scheme_version=latest)
        new = models.StoredStatus.objects.filter(scheme_version=made)
        moved = {(status.measure_return_id, status.band) for status in old.exclude(band="")} - {
            (status.measure_return_id, status.band) for status in new.exclude(band="")
        }
        assert new.count() == old.count()
        assert len(moved) == 27
        assert models.Change.objects.filter(record_type="plans.schemeversion", record_id=made.pk).exists()
    assert "Version 2 (current)" in client.get("/plan/schemes/").content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"definition": ""}, "This field is required"),
        ({"definition": "name = ["}, "The rules cannot be read: not valid TOML"),
        ({"definition": 'name = "mine"\n[[bands]]\ncode = "G"'}, "keep name = &quot;five-band&quot;"),
        ({"definition": "x" * 10_000_001}, "at most 20000"),
        ({"adopt": "1", "reason": ""}, "Say why the rules change"),
    ],
    ids=["empty", "not TOML", "another name", "10 MB", "adopted without a reason"],
)
def test_bad_scheme_input_names_the_field_and_adopts_nothing(signed_in, world, fields, message):
    latest = _five_band(world)
    proposal = {"definition": _moved(latest.definition), "based_on": latest.version, "preview": "1", **fields}
    if "adopt" in fields:
        del proposal["preview"]

    response = signed_in("officer").post("/plan/schemes/five-band/", proposal)

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'href="#id_definition"' in page or 'href="#id_reason"' in page
    assert _five_band(world).version == latest.version


def test_unchanged_rules_are_not_adopted(signed_in, world):
    latest = _five_band(world)

    response = signed_in("officer").post(
        "/plan/schemes/five-band/",
        {"definition": latest.definition, "reason": "No reason", "based_on": latest.version, "adopt": "1"},
    )

    assert "These are the rules as they stand" in response.content.decode()
    assert _five_band(world).version == latest.version


def test_rules_adopted_by_someone_else_first_are_shown_and_the_proposal_kept(signed_in, world):
    latest = _five_band(world)
    proposal = {"definition": _moved(latest.definition), "reason": "Wider", "based_on": latest.version, "adopt": "1"}
    signed_in("officer").post("/plan/schemes/five-band/", proposal)

    conflict = signed_in("administrator").post(
        "/plan/schemes/five-band/", {**proposal, "definition": latest.definition.replace("0.05", "0.07")}
    )

    page = conflict.content.decode()
    assert conflict.status_code == 409
    assert "Someone else adopted new rules" in page
    assert "min = 0.07" in page
    assert f'name="based_on" value="{latest.version + 1}"' in page
    assert _five_band(world).version == latest.version + 1


def test_the_plan_pages_link_to_every_editing_page_and_the_measure_page_to_its_own(signed_in, world):
    client = signed_in("officer")

    plan = client.get("/plan/").content.decode()
    measure = client.get(f"/measures/{MEASURE}/").content.decode()
    targets = client.get(_targets_url() + "?period=Q2+2018%2F19").content.decode()

    assert f'href="/plan/measures/{MEASURE}/targets/"' in plan
    assert 'href="/plan/schemes/"' in plan
    assert f'href="/plan/measures/{MEASURE}/"' in measure
    assert 'href="/plan/"' in measure  # the navigation's Plan entry
    assert 'value="Q2 2018/19"' in targets
    assert "Edit the measure" not in signed_in("owner").get(f"/measures/{MEASURE}/").content.decode()


def test_an_officer_sets_the_publication_lag(signed_in, world):
    held = _measure(world)
    response = signed_in("officer").post(f"/plan/measures/{MEASURE}/", _measure_form(held, lag_months="6"))
    assert response.status_code == 302
    assert _measure(world).lag_months == 6
    change = _history(world, "plans.measure")[-1]
    assert (change.before["lag_months"], change.after["lag_months"]) == (held.lag_months, 6)
