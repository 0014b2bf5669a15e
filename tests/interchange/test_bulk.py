"""The bulk path writes exactly what the record-by-record path writes, byte for byte.

Each file is scored twice by evaluate_file: in bulk (bulk_bytes=0) and record by record
(bulk_bytes too large to reach); output text and problems must be identical.
"""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.core.schemes import BUILT_IN, parse_scheme
from scorecard.interchange import bulk
from scorecard.interchange.bulk import evaluate_in_bulk
from scorecard.interchange.evaluate import evaluate_file

from .helpers import council_rows, run

RECORD_BY_RECORD = 10**12
RISKY = parse_scheme(
    """
name = "risky"
[[bands]]
code = "=G"
label = "+Green, \\"fine\\""
min = 0
[[bands]]
code = "R,1"
label = "@Red"
"""
)
SCHEMES = {**BUILT_IN, "risky": RISKY}


def both_ways(path, scheme="five-band"):
    """(bulk output, problems), (record-by-record output, problems)."""
    results = []
    for bulk_bytes in (0, RECORD_BY_RECORD):
        out, problems = io.StringIO(), []
        evaluate_file(path, out, problems, scheme=scheme, schemes=SCHEMES, bulk_bytes=bulk_bytes)
        results.append((out.getvalue(), [str(problem) for problem in problems]))
    return results


def taken_in_bulk(path, scheme="five-band"):
    return evaluate_in_bulk(path.read_bytes(), io.StringIO(), [], scheme=scheme, schemes=SCHEMES)


@pytest.mark.parametrize("scheme", ["five-band", "three-band", "risky"])
def test_a_benchmark_file_comes_out_the_same_in_bulk(tmp_path, scheme):
    source = tmp_path / "cells.csv"
    council_rows().write(source, 20_000, seed=7)
    assert taken_in_bulk(source, scheme)
    bulk, by_record = both_ways(source, scheme)
    assert bulk == by_record


def test_batches_come_out_the_same_as_one(tmp_path, monkeypatch):
    source = tmp_path / "cells.csv"
    council_rows().write(source, 2_000, seed=9)
    monkeypatch.setattr(bulk, "BATCH_ROWS", 300)
    bulk_output, by_record = both_ways(source)
    assert bulk_output == by_record


cell = st.one_of(
    st.text(alphabet='ab, "é=-+@\t1.5%', max_size=8),
    st.sampled_from(["higher", "lower", "none", "", "-", "BL", "Note 1", "76%", "79.8%", "1,664", "0", "-5"]),
    st.sampled_from(["38.7% (53/137)", "72 (307)", "01:30", "£1.2m", "7-15%", "Year on year reduction", "0.65"]),
    st.decimals(min_value=-(10**10), max_value=10**10, places=3, allow_nan=False).map(str),
)
HEADERS = [
    ["polarity", "target", "actual"],
    ["id", "polarity", "target", "actual", "previous_actual"],
    ["actual", "previous_actual", "target", "polarity", "last_year_actual", "scheme"],
]


@given(
    st.sampled_from(HEADERS).flatmap(
        lambda header: st.tuples(
            st.just(header), st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=8)
        )
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.sampled_from(["five-band", "risky"]),
)
def test_any_file_comes_out_the_same_in_bulk_or_is_declined(tmp_path_factory, layout, ending, bom, scheme):
    header, records = layout
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=ending).writerows([header, *records])
    source = tmp_path_factory.mktemp("bulk") / "cells.csv"
    source.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode())
    if taken_in_bulk(source, scheme):
        bulk, by_record = both_ways(source, scheme)
        assert bulk == by_record


def test_mixed_line_ends_a_nul_and_no_final_line_end_come_out_the_same(tmp_path):
    source = tmp_path / "cells.csv"
    source.write_bytes(
        b"id,polarity,target,actual,previous_actual\r\n1,higher,76%,79.8%,70%\n2,lower,5,\x006,\r\n3,higher,1,2,1"
    )
    assert taken_in_bulk(source)
    bulk, by_record = both_ways(source)
    assert bulk == by_record


@pytest.mark.parametrize(
    "text",
    [
        b'polarity,target,actual\nhigher,5,"6\n7"\n',
        b"polarity,target,actual\nhigher,5,6\rlower,5,6\r",
        b"polarity,target,actual\nhigher,5,6,,\n",
        b'polarity,target,actual\nhigher,"5"x,6\n',
        b"polarity,target,actual\n",
        b'"polarity",target,actual\nhigher,5,6\n',
        b"polarity,target\nhigher,5\n",  # the record-by-record path names the missing column
        b"polarity,target,actual\xff\nhigher,5,6\n",
        b"polarity,target,actual\nhigher,5,\xff\n",
    ],
)
def test_files_outside_one_line_records_are_declined(tmp_path, text):
    source = tmp_path / "cells.csv"
    source.write_bytes(text)
    assert not taken_in_bulk(source)


@pytest.mark.slow
def test_the_command_writes_the_same_bytes_in_bulk(tmp_path):
    """Over 1 MB the command takes the bulk path, writing to the file's bytes directly."""
    source, output = tmp_path / "cells.csv", tmp_path / "judged.csv"
    council_rows().write(source, 25_000, seed=8)
    assert source.stat().st_size > 1_000_000
    result = run(source, "--output", output)
    assert result.returncode == 0, result.stderr
    by_record, problems = io.StringIO(), []
    evaluate_file(source, by_record, problems, bulk_bytes=RECORD_BY_RECORD)
    assert output.read_bytes() == by_record.getvalue().encode()
    assert result.stderr.count("\n") == len(problems)
