"""No traceback reaches a user: every failure is one line and a documented exit status."""

import errno

import pytest

from scorecard import failures
from tests.interchange.helpers import run


@pytest.mark.parametrize(
    ("url", "args"),
    [
        ("nonsense://x", ("report", "--period", "Q2 2018/19")),
        ("postgres://[bad", ("report", "--period", "Q2 2018/19")),
        ("nonsense://x", ("demo",)),
    ],
)
def test_a_malformed_database_url_is_one_line(tmp_path, url, args):
    result = run(*args, command=None, cwd=tmp_path, env={"DATABASE_URL": url})
    assert result.returncode == failures.FAILED
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("scorecard: the settings could not be read: ")
    assert "Check DATABASE_URL" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unreachable_database_is_one_line(tmp_path):
    result = run(
        "report",
        "--period",
        "Q2 2018/19",
        command=None,
        cwd=tmp_path,
        env={"DATABASE_URL": "postgres://u:p@127.0.0.1:1/db"},
    )
    assert result.returncode == failures.FAILED
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("scorecard: the database could not be used: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_debug_shows_the_traceback(tmp_path):
    env = {"DATABASE_URL": "nonsense://x"}
    by_option = run("--debug", "report", "--period", "Q2 2018/19", command=None, cwd=tmp_path, env=env)
    by_variable = run(
        "report", "--period", "Q2 2018/19", command=None, cwd=tmp_path, env={**env, failures.DEBUG_VARIABLE: "1"}
    )
    for result in (by_option, by_variable):
        assert result.returncode == failures.FAILED
        assert "Traceback (most recent call last)" in result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith("scorecard: the settings could not be read")


def test_a_missing_input_is_bad_input(tmp_path):
    result = run(tmp_path / "nothing.csv")
    assert result.returncode == failures.BAD_INPUT
    assert result.stderr == f"scorecard: {tmp_path / 'nothing.csv'}: no such file\n"


def test_an_input_that_is_a_folder_is_bad_input(tmp_path):
    result = run(tmp_path)
    assert result.returncode == failures.BAD_INPUT
    assert "no such file" in result.stderr


def test_an_unexpected_error_is_one_line_with_how_to_report_it(capsys, monkeypatch):
    monkeypatch.delenv(failures.DEBUG_VARIABLE, raising=False)
    with pytest.raises(SystemExit) as exited:
        failures.run(lambda: 1 / 0)
    assert exited.value.code == failures.FAILED
    assert capsys.readouterr().err == (
        "scorecard: unexpected ZeroDivisionError: division by zero. This is a fault in scorecard: "
        "please report it with the output of the same command run with --debug\n"
    )


@pytest.mark.parametrize(
    ("error", "message", "status"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "out.csv"), "out.csv: No space left on device; free", 1),
        (PermissionError(errno.EACCES, "Permission denied", "in.csv"), "in.csv: Permission denied; check the", 1),
        (MemoryError(), "ran out of memory", 1),
        (ZeroDivisionError("boom"), "unexpected ZeroDivisionError: boom. This is a fault in scorecard", 1),
    ],
)
def test_other_failures_are_explained(error, message, status):
    explained, code = failures.explain(error)
    assert explained.startswith(message)
    assert code == status
    assert "\n" not in explained


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("evaluate", "--workers", "abc", "x.csv"), "Invalid value for '--workers'"),
        (("nosuch",), "No such command 'nosuch'; see `scorecard --help`"),
        (("stats", "ci"), "Missing argument 'INPUT.csv'; see `scorecard stats ci --help`"),
    ],
)
def test_a_usage_mistake_is_one_line_naming_the_help(tmp_path, args, message):
    result = run(*args, command=None, cwd=tmp_path)
    assert result.returncode == failures.BAD_INPUT
    assert result.stderr.startswith("scorecard: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
