"""Global behaviour of the command line: parsing, exit codes, error lines, secrets, logging."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from smartlead_async import __version__
from smartlead_async.cli._common import (
    error_line,
    exit_code_for,
    stderr_logging,
    without_options,
)
from smartlead_async.errors import (
    AuthenticationError,
    ConfigurationError,
    ConnectError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SmartleadError,
    ValidationError,
)
from smartlead_async.journal import JournalMismatchError
from tests.helpers.cli import API_KEY, Cli, cli_process
from tests.helpers.paths import ROOT
from tests.helpers.threaded import ThreadedSandbox


def test_help_lists_every_command_and_the_exit_codes(cli: Cli):
    result = cli("--help")

    assert result.code == 0
    for command in ("demo", "import", "export", "analytics", "sandbox"):
        assert command in result.out
    assert "exit status: 0 ok" in result.out and "authentication/permission" in result.out


def test_version(cli: Cli):
    result = cli("--version")

    assert result.code == 0
    assert __version__ in result.out


@pytest.mark.parametrize(
    "argv",
    [[], ["frobnicate"], ["analytics"], ["analytics", "--all", "--campaign", "1"],
     ["analytics", "--all", "--unknown"], ["--rate-limit", "fast", "analytics", "--all"],
     ["analytics", "--all", "--timeout", "-1"]],
)  # fmt: skip
def test_usage_errors_exit_2(cli: Cli, argv: list[str]):
    result = cli(*argv)

    assert result.code == 2
    assert "usage:" in result.err or "error" in result.err


def test_missing_key_says_how_to_fix_it(cli: Cli, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SMARTLEAD_API_KEY", raising=False)

    result = cli("analytics", "--all")

    assert result.code == 2
    assert result.err == (
        "error: no API key: set SMARTLEAD_API_KEY (or pass --api-key); for an offline fake "
        "server run 'smartlead-async sandbox'\n"
    )


def test_wrong_key_exits_4_without_showing_any_key(cli_env: ThreadedSandbox, cli: Cli):
    wrong = "sl_wrong_key_0000"

    result = cli("analytics", "--all", "--api-key", wrong)

    assert result.code == 4
    assert result.err == (
        "error: HTTP 401: Invalid API Key (GET /campaigns/) (check SMARTLEAD_API_KEY or "
        "--api-key)\n"
    )
    assert wrong not in result.out + result.err


def test_global_options_after_the_command(cli_env: ThreadedSandbox, cli: Cli):
    result = cli("analytics", "--all", "--json", "--api-key", "sl_nope", "--base-url",
                 cli_env.server.base_url)  # fmt: skip

    assert result.code == 4


def test_unreachable_server_exits_6(cli_env: ThreadedSandbox, cli: Cli):
    result = cli(
        "--base-url", "http://127.0.0.1:9/api/v1", "--max-attempts", "1", "analytics", "--all"
    )

    assert result.code == 6
    assert result.err.startswith("error: could not connect")
    assert result.err.endswith("(check --base-url and the network)\n")
    assert "Traceback" not in result.err


def test_verbose_logs_are_redacted(cli_env: ThreadedSandbox, cli: Cli):
    result = cli("-v", "analytics", "--all")

    assert result.code == 0
    assert "DEBUG smartlead_async: GET /campaigns/ -> 200" in result.err
    # The conftest runner asserts that API_KEY appears nowhere in the output.


def test_verbose_logs_show_the_query_so_page_offsets_can_be_seen(
    cli_env: ThreadedSandbox, cli: Cli
):
    campaign = cli_env.sync(lambda sb: sb.seed_campaign(name="Pages", leads=130).id)
    result = cli("-v", "export", "leads", "--campaign", str(campaign), "--json")

    assert result.code == 0
    assert f"GET /campaigns/{campaign}/leads?offset=100&limit=100 -> 200" in result.err
    assert "api_key" not in result.err


def test_allow_insecure_lets_a_plain_http_base_url_through(cli_env: ThreadedSandbox, cli: Cli):
    remote = "http://10.255.255.1:9/api/v1"  # not loopback: refused without the flag
    refused = cli("--base-url", remote, "analytics", "--all")
    assert refused.code == 2 and "--allow-insecure" in refused.err
    allowed = cli("--base-url", remote, "--allow-insecure", "--timeout", "0.2",
                  "--max-attempts", "1", "analytics", "--all")  # fmt: skip
    # it tried (whatever the network answered): no usage error, no advice to add the flag
    assert allowed.code not in (0, 2) and "--allow-insecure" not in allowed.err


def test_log_filter_masks_keys_in_messages_and_tracebacks(capsys: pytest.CaptureFixture[str]):
    logger = logging.getLogger("smartlead_async.test")
    with stderr_logging(1, API_KEY):
        logger.debug("calling %s", f"http://h/api/v1/x?api_key={API_KEY}&offset=0")
        try:
            raise ValueError(f"bad {API_KEY}")
        except ValueError:
            logger.exception("failed")
    with stderr_logging(0, API_KEY):
        logger.warning("hidden without -v")

    err = capsys.readouterr().err
    assert "api_key=***&offset=0" in err
    assert "ValueError: bad ***" in err
    assert API_KEY not in err
    assert "hidden" not in err


def test_unexpected_errors_are_one_line_and_traceback_only_with_verbose(
    cli_env: ThreadedSandbox, cli: Cli, monkeypatch: pytest.MonkeyPatch
):
    from smartlead_async.cli import analytics_cmd

    def boom(args: object, ctx: object) -> int:
        raise RuntimeError(f"exploded with {API_KEY}")

    monkeypatch.setattr(analytics_cmd, "run", boom)  # bound when main() builds the parser

    quiet = cli("analytics", "--all")
    loud = cli("-v", "analytics", "--all")

    assert quiet.code == loud.code == 1
    assert quiet.err == (
        "error: unexpected RuntimeError: exploded with *** (run with -v for the traceback)\n"
    )
    assert "Traceback" in loud.err and "exploded with ***" in loud.err


def test_import_smartlead_async_does_not_import_rich():
    code = "import sys, smartlead_async, smartlead_async.cli; print('rich' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert output.stdout.strip() == "False"


def test_python_dash_m_runs_the_cli():
    with cli_process("--version") as process:
        out, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert __version__ in out


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (ConfigurationError("x"), 2),
        (ValidationError("x"), 2),
        (JournalMismatchError("x"), 2),
        (AuthenticationError(401, "x"), 4),
        (PermissionDeniedError(403, "x"), 4),
        (NotFoundError(404, "x"), 5),
        (RateLimitError(429, "x"), 5),
        (ServerError(500, "x"), 5),
        (ConnectError("x"), 6),
        (SmartleadError("x"), 1),
        (RuntimeError("x"), 1),
    ],
)
def test_exit_code_per_error_class(error: BaseException, code: int):
    assert exit_code_for(error) == code


def test_error_line_masks_the_key_and_is_one_line():
    error = RateLimitError(429, f"slow down\nkey={API_KEY}", path="/x", method="GET")

    line = error_line(error, API_KEY)

    assert "\n" not in line
    assert API_KEY not in line
    assert line.endswith("(lower --rate-limit or try again later)")


def test_without_options_strips_values_in_both_spellings():
    argv = ["import", "x.csv", "--api-key", "k1", "--api-key=k2", "--journal", "j", "--json"]

    assert without_options(argv, "--api-key", "--journal") == ["import", "x.csv", "--json"]
    assert without_options(["a", "--no-journal"], "--no-journal", takes_value=False) == ["a"]


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [(KeyboardInterrupt(), 130, "interrupted\n"), (BrokenPipeError(), 141, "")],
)
def test_interrupt_and_broken_pipe(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, error: BaseException, code: int, message: str
):
    from smartlead_async.cli import analytics_cmd

    def stop(args: object, ctx: object) -> int:
        raise error

    monkeypatch.setattr(analytics_cmd, "run", stop)

    result = cli("analytics", "--all")

    assert result.code == code
    assert result.err == message


@pytest.mark.parametrize(
    "argv",
    [
        ["-q", "--json", "analytics", "--all"],
        ["analytics", "--all", "--format", "csv"],
        ["-q", "export", "lead-lists", "--format", "jsonl"],
    ],
)
def test_machine_output_needs_no_rich(cli_env: ThreadedSandbox, argv: list[str]):
    cli_env.sync(lambda sb: sb.seed_campaign(name="No rich", leads=3))
    code = (
        "import sys; sys.modules['rich'] = None\n"
        "from smartlead_async.cli import main\n"
        f"sys.exit(main({argv!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert "rich" not in done.stderr


def test_a_table_without_rich_names_the_extra(cli_env: ThreadedSandbox):
    code = (
        "import sys; sys.modules['rich'] = None\n"
        "from smartlead_async.cli import main\n"
        "sys.exit(main(['analytics', '--all']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.returncode == 2
    assert "pip install 'smartlead-async[cli]'" in done.stderr and "Traceback" not in done.stderr
