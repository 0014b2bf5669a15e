"""`scorecard load-benchmarks`: the whole file checked first, every problem named with its row,
column and fix, nothing written unless all is well; then merged by natural keys, never deleting."""

from decimal import Decimal

from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.web.plans import models
from scorecard.web.plans.loader import DEMO_DATASET

runner = CliRunner()
HEADER = "measure,period,group,kind,peer,value,lower,upper,source\n"


def _load(tmp_path, text, *more):
    path = tmp_path / "comparators.csv"
    path.write_text(text, encoding="utf-8")
    return runner.invoke(app, ["load-benchmarks", str(path), *more])


def _held(world):
    with models.within(world.harrow):
        return {
            (b.measure.code, b.period.label, b.group, b.peer): (b.value, b.lower, b.upper, b.version)
            for b in models.Benchmark.objects.select_related("measure", "period")
        }


def test_the_demo_loads_its_illustrative_comparators(world, db):
    held = _held(world)
    assert len(held) == 15
    assert held[("vulnerable-8", "Q2 2018/19", "England", "")][:3] == (
        Decimal("38.2"),
        Decimal("37.9"),
        Decimal("38.5"),
    )
    assert (DEMO_DATASET / "benchmarks.csv").read_text().count("Illustrative figure for the demo") == 15


def test_every_problem_is_reported_with_its_row_column_and_fix_and_nothing_is_written(world, db, tmp_path):
    before = _held(world)
    result = _load(
        tmp_path,
        HEADER
        + "build-12,Q2 2018/19,Wales,region,,1.5,,,\n"  # fine on its own: not written either
        + "nope,Q2 2018/19,England,england,,1,,,\n"
        + "build-12,Q5 2018/19,England,england,,1,,,\n"
        + "build-12,Q2 2018/19,,england,,1,,,\n"
        + "build-12,Q2 2018/19,England,town,,1,,,\n"
        + "build-12,Q2 2018/19,England,england,,2%,,,\n"
        + "build-12,Q2 2018/19,England,england,,2,1,,\n"
        + "build-12,Q2 2018/19,England,england,,2,3,4,\n"
        + "build-12,Q2 2018/19,Peers,peers,Barnet,2,1,3,\n"
        + "build-12,Q2 2018/19,Wales,region,,1.6,,,\n"
        + "build-12,Q2 2018/19,Wales,peers,Cardiff,1.6,,,\n",
    )

    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert "was not loaded, nothing was written" in lines[0]
    assert lines[1:] == [
        "comparators.csv, row 3, column measure: 'nope' is not a measure code of harrow; use its code, such as "
        "build-12, as `scorecard load` stored it",
        "comparators.csv, row 4, column period: 'Q5 2018/19' is not a quarter (Q2 2018/19), a year (2018/19) or a "
        "month (Jul 18)",
        "comparators.csv, row 5, column group: is blank; name the comparator group, such as England or London",
        "comparators.csv, row 6, column kind: 'town' is not a kind of comparator; use one of england, region, "
        "neighbours, peers",
        "comparators.csv, row 7, column value: '2%' is not a number; write it plainly, such as 38.2 (no %, commas "
        "or units)",
        "comparators.csv, row 8, column upper: is blank but the other limit is given; give both limits of the "
        "interval or neither",
        "comparators.csv, row 9, column lower: the interval 3 to 4 does not hold the value 2; check the three "
        "columns are the value and its lower and upper limits",
        "comparators.csv, row 10, column lower: a peer's row has no interval; give limits only on the group's own row",
        "comparators.csv, row 11, column group: repeats row 2 (same measure, period, group and peer); keep one of them",
        "comparators.csv, row 12, column kind: Wales is 'region' on row 2; give a group one kind",
    ]
    assert _held(world) == before


def test_a_file_without_the_required_columns_is_refused(world, db, tmp_path):
    result = _load(tmp_path, "measure,period,value\nbuild-12,Q2 2018/19,1\n")
    assert result.exit_code == 2
    assert "comparators.csv, row 1, column group, kind: required column(s) missing" in result.output


def test_loading_merges_by_natural_keys_and_never_deletes(world, db, tmp_path):
    before = _held(world)
    result = _load(
        tmp_path,
        HEADER
        + "vulnerable-8,Q2 2018/19,England,england,,38.4,38.1,38.7,Corrected\n"  # changed
        + "vulnerable-8,Q2 2018/19,London,region,,37.1,36.4,37.8,Illustrative figure for the demo: not published data\n"
        + "build-12,Jul 18,England,england,,2.5,,,\n",  # new, for a month
    )

    assert result.exit_code == 0, result.output
    assert "3 comparator figures (1 added, 1 changed, none removed)" in " ".join(result.output.split())
    after = _held(world)
    assert set(before) < set(after)  # nothing the file lacked was removed
    assert after[("vulnerable-8", "Q2 2018/19", "England", "")] == (
        Decimal("38.4"),
        Decimal("38.1"),
        Decimal("38.7"),
        2,
    )
    assert after[("vulnerable-8", "Q2 2018/19", "London", "")] == before[("vulnerable-8", "Q2 2018/19", "London", "")]
    with models.within(world.harrow):
        england = models.Benchmark.objects.get(
            measure__code="vulnerable-8", group="England", period__label="Q2 2018/19"
        )
        history = models.Change.objects.filter(record_type="plans.benchmark", record_id=england.pk).order_by("pk")
        assert [(change.kind, change.source) for change in history][-1] == (
            "changed",
            "scorecard load-benchmarks comparators.csv",
        )


def test_an_unknown_organisation_or_a_missing_file_is_one_clear_line(world, db, tmp_path):
    result = _load(tmp_path, HEADER, "--organisation", "nowhere")
    assert result.exit_code == 2
    assert "No organisation called 'nowhere'" in result.output
    missing = runner.invoke(app, ["load-benchmarks", str(tmp_path / "absent.csv")])
    assert missing.exit_code == 2
    assert "absent.csv: no such file" in missing.output
