"""Output that cannot hurt, and processes that stop: what evaluate writes, where, and when not."""

import io
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.interchange import evaluate
from tests.interchange.helpers import rows, run, write


def test_an_output_folder_is_refused_before_any_work(tmp_path):
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\n")
    result = run(source, "--output", tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path} is a folder; name a file" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [source]


def test_an_output_in_a_missing_folder_is_refused(tmp_path):
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\n")
    result = run(source, "--output", tmp_path / "missing" / "out.csv")
    assert result.returncode == 2
    assert f"{tmp_path / 'missing'} does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == [source]


def test_a_planted_partial_symlink_is_never_followed(tmp_path):
    precious = write(tmp_path / "precious.txt", "keep me")
    (tmp_path / "out.csv.partial").symlink_to(precious)
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\n")
    result = run(source, "--output", tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert rows((tmp_path / "out.csv").read_text(encoding="utf-8"))[0]["rag"] == "LG"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "out.csv", "out.csv.partial", "precious.txt"]


def test_a_replaced_output_keeps_its_permissions(tmp_path):
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\n")
    output = write(tmp_path / "out.csv", "old")
    output.chmod(0o640)
    assert run(source, "--output", output).returncode == 0
    assert output.stat().st_mode & 0o777 == 0o640
    assert "LG" in output.read_text(encoding="utf-8")


def test_strict_writes_nothing_to_standard_output_either(tmp_path):
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\nhigher,5,lots\n")
    result = run(source, "--strict")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "row 3, column actual" in result.stderr


FORMULA_SCHEME = """
name = "formulas"
[[bands]]
code = "=HYPERLINK(\\"http://x\\")"
label = "@SUM(A1)"
min = 0
[[bands]]
code = "-A"
label = "+below"
"""


def test_cells_scorecard_writes_never_start_a_formula(tmp_path):
    scheme = write(tmp_path / "formulas.toml", FORMULA_SCHEME)
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\nhigher,76%,71.40%\nhigher,5,=1+1\n")
    out = rows(run(source, "--scheme", scheme).stdout)
    assert (out[0]["rag"], out[0]["rag_reason"]) == ('\'=HYPERLINK("http://x")', "'@SUM(A1): on the target of 5")
    assert (out[1]["rag"], out[1]["rag_reason"][:8], out[1]["deviation"]) == ("'-A", "'+below:", "-0.0605")
    assert out[2]["actual"] == "=1+1"  # input comes back as it was unless asked
    assert out[2]["rag_reason"] == "row 4, column actual: '=1+1' is not a number"


def test_input_cells_are_neutralised_on_request(tmp_path):
    source = write(tmp_path / "in.csv", "id,polarity,target,actual\n=cmd|' /C calc'!A0,higher,5,-5\n@x,lower,5,\t5\n")
    out = rows(run(source, "--neutralise-formulas").stdout)
    assert [row["id"] for row in out] == ["'=cmd|' /C calc'!A0", "'@x"]
    assert out[0]["actual"] == "-5"  # a plain number is no formula
    assert out[1]["actual"] == "'\t5"


def test_workers_are_capped_at_the_cores(tmp_path, monkeypatch):
    asked = {}
    monkeypatch.setattr(evaluate, "evaluate_file", lambda *args, **kwargs: asked.update(kwargs))
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\nhigher,5,6\n")
    result = CliRunner().invoke(app, ["evaluate", str(source), "--workers", "200"])
    assert result.exit_code == 0, result.output
    assert asked["workers"] == len(os.sched_getaffinity(0))


def test_no_processes_for_less_work_than_a_run(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr("multiprocessing.get_context", lambda *args, **kwargs: started.append(args))
    source = write(tmp_path / "in.csv", "polarity,target,actual\nhigher,5,5\nhigher,5,6\n")
    evaluate.evaluate_file(source, io.StringIO(), [], workers=200)
    assert started == []


def _children(pid):
    found = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
            found.update(int(child) for child in handle.read().split())
    return found


def _running_with(argument):
    """Live processes whose command line holds `argument` (workers share their parent's)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if os.fsencode(argument) in handle.read() and _running(pid):
                    found.append(int(pid))
        except OSError:
            pass  # gone meanwhile
    return found


def _running(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            return not any(line.startswith("State:\tZ") for line in handle)
    except FileNotFoundError:
        return False


@pytest.mark.slow
@pytest.mark.parametrize(("signal_number", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_workers_and_leaves_no_output(tmp_path, signal_number, status):
    rows_ = "".join(f"{n},higher,{n % 97 + 1}%,{n % 1009 / 10}%,{n % 991 / 10}%\n" for n in range(300_000))
    # A quoted line break keeps the file out of the bulk path, which scores in one process.
    source = write(tmp_path / "in.csv", 'id,polarity,target,actual,previous_actual\n"a\nb",,,,\n' + rows_)
    output = tmp_path / "out.csv"
    command = [
        sys.executable,
        "-m",
        "scorecard.cli",
        "evaluate",
        str(source),
        "--workers",
        "2",
        "--output",
        str(output),
    ]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 30
    workers = set()
    while not workers and process.poll() is None and time.monotonic() < deadline:
        workers = _children(process.pid)
        time.sleep(0.02)
    assert workers, "the workers never started"
    # Ctrl-C goes to the whole process group, as a terminal sends it; SIGTERM to the command
    os.killpg(process.pid, signal_number) if signal_number == signal.SIGINT else process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=30)
    time.sleep(0.2)  # let an orphan, if there were one, show
    assert not [pid for pid in workers if _running(pid)]
    assert _running_with(str(source)) == []  # nor a worker started to replace one
    assert list(tmp_path.iterdir()) == [source]
    assert process.returncode == status, stderr
    assert "Traceback" not in stderr
    assert "stopped by" in stderr
