"""``smartlead-async import`` end to end against the sandbox."""

from __future__ import annotations

import csv
import io
import itertools
import json
import shlex
import signal
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from smartlead_async.cli import import_cmd
from smartlead_async.cli._common import without_options
from smartlead_async.testing import Faults, SandboxServer
from tests.helpers.cli import Cli, cli_process
from tests.helpers.threaded import ThreadedSandbox, campaign_emails, new_campaign


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def lead_rows(count: int, start: int = 0) -> list[list[str]]:
    return [[f"lead{n}@acme.example", f"First{n}", "Acme", "CTO"] for n in range(start, count)]


def interrupt_after(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    """Make the import read ``count`` input rows, then stop as Ctrl-C would."""

    def interrupted(source: Iterable[Any]) -> Iterator[Any]:
        yield from itertools.islice(source, count)
        raise KeyboardInterrupt

    monkeypatch.setattr(import_cmd, "read_rows", interrupted)


def test_csv_into_campaign_with_every_bucket(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    campaign = new_campaign(cli_env)
    rows = [
        *lead_rows(5),
        ["not-an-email", "Bad", "Acme", "CTO"],
        ["LEAD0@acme.example", "Dup", "Acme", "CTO"],
    ]
    path = write_csv(tmp_path / "leads.csv", ["Email", "First Name", "Company", "Job Title"], rows)

    result = cli("import", str(path), "--campaign", str(campaign))

    assert result.code == 3, "a rejected row is not a server outcome: the job did not succeed"
    assert "uploaded" in result.out and "rejected_client_side" in result.out
    assert "not-an-email" in result.out and "not a valid address" in result.out
    emails = campaign_emails(cli_env, campaign)
    assert sorted(emails) == [f"lead{n}@acme.example" for n in range(5)]
    lead = cli_env.sync(lambda sb: sb.state.leads[sb.state.leads_by_email["lead1@acme.example"]])
    assert lead.first_name == "First1" and lead.company_name == "Acme"
    assert lead.custom_fields == {"Job Title": "CTO"}
    journals = tmp_path / "state" / "journals"
    assert not journals.exists() or not list(journals.iterdir()), "a clean run removes its journal"


def test_json_report_accounts_for_every_row(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    campaign = new_campaign(cli_env)
    rows = [*lead_rows(3), ["", "NoEmail", "Acme", "CTO"], ["lead2@acme.example", "x", "y", "z"]]
    path = write_csv(tmp_path / "leads.csv", ["email", "first_name", "company", "title"], rows)

    result = cli("import", str(path), "--campaign", str(campaign), "--json")

    assert result.code == 3, result.err
    report = json.loads(result.out)
    assert report["total_rows"] == 5
    assert report["accounted"] == 5
    assert report["buckets"]["uploaded"] == 3
    assert report["buckets"]["duplicates"] == 1
    assert report["buckets"]["rejected_client_side"] == 1
    assert report["rejected"][0]["reason"] == "email is missing"
    assert report["target"] == {"kind": "campaign", "id": campaign}
    assert report["ok"] is False


def test_every_row_in_a_server_bucket_exits_0(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    campaign = new_campaign(cli_env)
    rows = [*lead_rows(3), ["lead2@acme.example", "x", "y", "z"]]
    path = write_csv(tmp_path / "leads.csv", ["email", "first_name", "company", "title"], rows)

    result = cli("import", str(path), "--campaign", str(campaign), "--json")

    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["buckets"]["uploaded"] == 3 and report["buckets"]["duplicates"] == 1
    assert report["ok"] is True


def test_all_rows_rejected_exits_3_and_not_ok(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    campaign = new_campaign(cli_env)
    rows = [["not-an-email", "A", "B", "C"], ["", "D", "E", "F"]]
    path = write_csv(tmp_path / "leads.csv", ["email", "first_name", "company", "title"], rows)

    result = cli("import", str(path), "--campaign", str(campaign), "--json")

    assert result.code == 3, result.err
    report = json.loads(result.out)
    assert report["buckets"]["rejected_client_side"] == 2 and report["buckets"]["uploaded"] == 0
    assert report["ok"] is False
    assert campaign_emails(cli_env, campaign) == []


def test_columns_without_a_header_name_are_skipped_with_a_warning(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path
):
    """Spreadsheet exports often end the header with empty cells: the rows still import."""
    campaign = new_campaign(cli_env)
    path = tmp_path / "export.csv"
    path.write_text(
        "Email,First Name,,Title,\nann@acme.example,Ann,stray,CTO,\nbo@acme.example,Bo,,,x\n"
    )

    result = cli("import", str(path), "--campaign", str(campaign), "--json")

    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["buckets"]["uploaded"] == 2 and report["rejected"] == []
    assert "columns 3, 5 have no name in the header" in result.err
    lead = cli_env.sync(lambda sb: sb.state.leads[sb.state.leads_by_email["ann@acme.example"]])
    assert lead.custom_fields == {"Title": "CTO"}


def test_mapping_and_no_custom_fields(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    campaign = new_campaign(cli_env)
    path = write_csv(
        tmp_path / "crm.csv",
        ["E-Mail Address", "Given", "Title", "Notes"],
        [["map@acme.example", "Mapped", "CEO", "call back"]],
    )

    result = cli(
        "import",
        str(path),
        "--campaign",
        str(campaign),
        "--map",
        "email=E-Mail Address",
        "--map",
        "first_name=Given",
        "--no-custom-fields",
    )

    assert result.code == 0, result.err
    lead = cli_env.sync(lambda sb: sb.state.leads[sb.state.leads_by_email["map@acme.example"]])
    assert lead.first_name == "Mapped"
    assert lead.custom_fields == {}


def test_jsonl_from_stdin_into_lead_list(
    cli_env: ThreadedSandbox, cli: Cli, monkeypatch: pytest.MonkeyPatch
):
    list_id = cli_env.sync(_new_list)
    lines = [
        {"email": "one@list.example", "first_name": "One", "custom_fields": {"tier": "gold"}},
        {"email": "two@list.example", "Company": "Initech"},
        "not an object",
    ]
    data = "\n".join(json.dumps(line) for line in lines) + "\n\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))

    result = cli("import", "-", "--format", "jsonl", "--list", str(list_id), "--json")

    assert result.code == 3, "the rejected line keeps the job from succeeding"
    report = json.loads(result.out)
    assert report["buckets"]["uploaded"] == 2
    assert report["buckets"]["rejected_client_side"] == 1
    assert report["target"] == {"kind": "lead_list", "id": list_id}

    def members(sb: SandboxServer) -> dict[str, Any]:
        state = sb.state
        return {state.leads[i].email: state.leads[i] for i in state.lead_lists[list_id].lead_ids}

    listed = cli_env.sync(members)
    assert set(listed) == {"one@list.example", "two@list.example"}
    assert listed["one@list.example"].custom_fields == {"tier": "gold"}
    assert listed["two@list.example"].company_name == "Initech"


def _new_list(sb: SandboxServer) -> int:
    from smartlead_async.testing.seed import seed_lead_list

    return seed_lead_list(sb.state, sb.rng, "CLI list", 0).id


def test_settings_flag_is_sent(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    cli_env.sync(lambda sb: sb.state.add_block_entry("blocked.example"))
    path = write_csv(tmp_path / "b.csv", ["email"], [["x@blocked.example"], ["y@ok.example"]])

    first = new_campaign(cli_env)
    plain = cli("import", str(path), "--campaign", str(first), "--json")
    second = new_campaign(cli_env)
    ignored = cli(
        "import", str(path), "--campaign", str(second), "--json", "--ignore-global-block-list"
    )

    assert json.loads(plain.out)["buckets"]["blocked"] == 1
    assert json.loads(ignored.out)["buckets"]["blocked"] == 0
    assert "x@blocked.example" in campaign_emails(cli_env, second)


def test_failed_rows_exit_3_and_retry_with_the_journal(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path
):
    campaign = new_campaign(cli_env)
    path = write_csv(tmp_path / "leads.csv", ["email"], [[f"f{n}@acme.example"] for n in range(6)])
    cli_env.sync(lambda sb: sb.set_faults(Faults(server_error=1.0, path=r"/leads$")))

    failed = cli("import", str(path), "--campaign", str(campaign), "--max-attempts", "1")

    assert failed.code == 3
    assert "failed batch 0 (6 rows)" in failed.out
    retry = failed.err.split("retry them with: ", 1)[1].splitlines()[0]
    argv = shlex.split(retry)
    assert argv[0] == "smartlead-async" and "--journal" in argv
    assert Path(argv[argv.index("--journal") + 1]).exists(), "a failed run keeps its journal"

    cli_env.sync(lambda sb: sb.set_faults(None))
    again = cli(*argv[1:], "--json")

    assert again.code == 0, again.err
    buckets = json.loads(again.out)["buckets"]
    # A 5xx may come after the server stored the rows: the resend finds them present, and
    # since the earlier run sent them unanswered, they count as recovered.
    assert buckets["already_in_campaign"] == 0
    assert buckets["uploaded"] + buckets["recovered"] == 6
    assert len(campaign_emails(cli_env, campaign)) == 6


@pytest.mark.smartlead_sandbox(lead_limit=3)
def test_lead_limit_exhausted_exits_3(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    campaign = new_campaign(cli_env)
    rows = [[f"l{n}@acme.example"] for n in range(8)]
    path = write_csv(tmp_path / "leads.csv", ["email"], rows)

    result = cli("import", str(path), "--campaign", str(campaign), "--batch-size", "2", "--json")

    report = json.loads(result.out)
    assert result.code == 3
    assert report["lead_limit_exhausted"] is True
    assert report["buckets"]["uploaded"] == 3
    assert report["accounted"] == 8


def test_interrupt_leaves_a_journal_and_resume_imports_each_row_once(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    campaign = new_campaign(cli_env)
    rows = [[f"r{n}@acme.example"] for n in range(600)]
    rows[400] = ["broken"]
    rows[450] = ["R3@acme.example"]  # a repeat of row 3
    path = write_csv(tmp_path / "big.csv", ["email"], rows)
    journal = tmp_path / "import.journal"

    # With 2 batches of 50 in flight, reading row 250 (batch 5) needs 4 batches done.
    interrupt_after(monkeypatch, 250)
    args = ["import", str(path), "--campaign", str(campaign), "--batch-size", "50"]
    first = cli(*args, "--concurrency", "2", "--journal", str(journal))

    assert first.code == 130
    assert "interrupted:" in first.err
    resume = first.err.split("resume with: ", 1)[1].splitlines()[0]
    argv = shlex.split(resume)
    assert argv[:2] == ["smartlead-async", "import"]
    assert argv[argv.index("--journal") + 1] == str(journal)
    confirmed = import_cmd.confirmed_rows(journal)
    assert confirmed >= 200

    monkeypatch.setattr(import_cmd, "read_rows", lambda source: source)
    before = len(cli_env.server.log.filter(method="POST", path=f"/api/v1/campaigns/{campaign}"))
    second = cli(*argv[1:], "--json")

    assert second.code == 3, "the one rejected row keeps the job from succeeding"
    report = json.loads(second.out)
    assert report["total_rows"] == 600
    assert report["accounted"] == 600
    assert report["resumed_rows"] == confirmed
    buckets = report["buckets"]
    assert buckets["rejected_client_side"] == 1
    assert buckets["duplicates"] == 1
    assert buckets["already_in_campaign"] == 0
    assert buckets["uploaded"] + buckets["recovered"] == 598
    emails = campaign_emails(cli_env, campaign)
    assert len(emails) == len(set(emails)) == 598
    posts = len(cli_env.server.log.filter(method="POST", path=f"/api/v1/campaigns/{campaign}"))
    sent_batches = posts - before
    assert sent_batches == 12 - report["resumed_batches"], "confirmed batches are not resent"


def test_journal_for_another_job_is_refused(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    campaign = new_campaign(cli_env)
    path = write_csv(tmp_path / "leads.csv", ["email"], [["a@acme.example"]])
    journal = tmp_path / "j.jsonl"
    assert (
        cli("import", str(path), "--campaign", str(campaign), "--journal", str(journal)).code == 0
    )

    other = cli(
        "import",
        str(path),
        "--campaign",
        str(campaign),
        "--journal",
        str(journal),
        "--batch-size",
        "10",
    )

    assert other.code == 2
    error = other.err.splitlines()[-1]
    assert error.startswith("error: journal") and "batch_size=10" in error
    assert "resume with" not in other.err
    assert "Traceback" not in other.err


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (None, [], "does not exist"),
        ("name,company\nAnn,Acme\n", [], "no email column"),
        ("", [], "is empty"),
        ("email,email\na@b.example,c@d.example\n", [], "appears twice"),
        ("email\na@b.example\n", ["--map", "emial=email"], "unknown lead field 'emial'"),
        ("email\na@b.example\n", ["--map", "email"], "use FIELD=COLUMN"),
        ("email\na@b.example\n", ["--map", "email=Mail"], "'Mail'"),
        ("email\na@b.example\n", ["--batch-size", "401"], "at most 400"),
    ],
)
def test_bad_input_is_a_usage_error(
    cli_env: ThreadedSandbox,
    cli: Cli,
    tmp_path: Path,
    content: str | None,
    extra: list[str],
    message: str,
):
    path = tmp_path / "input.csv"
    if content is not None:
        path.write_text(content)

    result = cli("import", str(path), "--campaign", "1", *extra)

    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert cli_env.server.counters.total == 0, "nothing is sent for a bad input"


def test_invalid_jsonl_line_names_the_line(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    campaign = new_campaign(cli_env)
    path = tmp_path / "leads.jsonl"
    path.write_text('{"email": "a@acme.example"}\n{"email": \n')

    result = cli("import", str(path), "--campaign", str(campaign))

    assert result.code == 2
    assert "line 2 is not valid JSON" in result.err


def test_sigint_to_a_running_import_then_resume(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    campaign = new_campaign(cli_env)
    path = write_csv(tmp_path / "big.csv", ["email"], [[f"s{n}@acme.example"] for n in range(1000)])
    journal = tmp_path / "sigint.journal"
    argv = [
        "import", str(path), "--campaign", str(campaign), "--batch-size", "25",
        "--concurrency", "1", "--journal", str(journal), "--rate-limit", "2/0.5s",
    ]  # fmt: skip
    with cli_process(*argv) as process:
        deadline = time.monotonic() + 60
        while import_cmd.confirmed_rows(journal) < 50:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the import did not confirm 2 batches in 60 s"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)

    assert process.returncode == 130, err
    assert "Traceback" not in err
    resume = shlex.split(err.split("resume with: ", 1)[1].splitlines()[0])
    assert resume[argv_index(resume, "--journal") + 1] == str(journal)
    confirmed = import_cmd.confirmed_rows(journal)
    assert 50 <= confirmed < 1000

    fast = without_options(resume[1:], "--rate-limit")
    report = json.loads(cli(*fast, "--json").out)

    assert report["total_rows"] == report["accounted"] == 1000
    assert report["resumed_rows"] == confirmed
    assert report["buckets"]["already_in_campaign"] == 0
    assert report["buckets"]["uploaded"] + report["buckets"]["recovered"] == 1000
    emails = campaign_emails(cli_env, campaign)
    assert len(emails) == len(set(emails)) == 1000


def argv_index(argv: list[str], option: str) -> int:
    assert option in argv, f"{option} missing from {argv}"
    return argv.index(option)


def test_interrupt_without_journal_and_stdin_hint(
    cli_env: ThreadedSandbox, cli: Cli, monkeypatch: pytest.MonkeyPatch
):
    campaign = new_campaign(cli_env)
    data = "email\n" + "".join(f"i{n}@acme.example\n" for n in range(300))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))

    interrupt_after(monkeypatch, 250)
    args = ["import", "-", "--campaign", str(campaign), "--batch-size", "50"]

    without = cli(*args, "--no-journal", "--concurrency", "2")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    with_journal = cli("--api-key", cli_env.server.api_key, *args, "--concurrency", "2")

    assert without.code == with_journal.code == 130
    assert without.err.endswith("interrupted; no journal was kept (--no-journal)\n")
    assert "(feed the same input on stdin again)" in with_journal.err
    resume = with_journal.err.split("resume with: ", 1)[1].splitlines()[0]
    assert "--api-key" not in resume and "--no-journal" not in resume
    assert resume.startswith("smartlead-async import - --campaign")


def test_interrupt_before_any_batch_removes_the_automatic_journal(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    campaign = new_campaign(cli_env)
    path = write_csv(tmp_path / "leads.csv", ["email"], [["a@acme.example"]])

    interrupt_after(monkeypatch, 0)

    result = cli("import", str(path), "--campaign", str(campaign))

    assert result.code == 130
    assert "nothing to resume" in result.err
    assert not list((tmp_path / "state" / "journals").glob("*.jsonl"))


def test_a_journal_does_not_resume_against_another_account(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    campaign = new_campaign(cli_env)
    path = write_csv(tmp_path / "leads.csv", ["email"], [[f"j{n}@acme.example"] for n in range(9)])
    journal = tmp_path / "import.journal"
    cli_env.sync(lambda sb: sb.set_faults(Faults(server_error=1.0, path=r"/leads$")))
    first = cli("import", str(path), "--campaign", str(campaign), "--journal", str(journal),
                "--max-attempts", "1")  # fmt: skip
    assert first.code == 3 and journal.exists()

    other = ThreadedSandbox().start()
    try:
        monkeypatch.setenv("SMARTLEAD_API_KEY", other.server.api_key)
        monkeypatch.setenv("SMARTLEAD_BASE_URL", other.server.base_url)
        again = cli("import", str(path), "--campaign", str(campaign), "--journal", str(journal))
        requests = other.sync(lambda sb: len(sb.log.records))
    finally:
        other.stop()
    assert again.code == 2
    assert "error:" in again.err and "another account" in again.err
    assert "uploaded" not in again.out
    assert requests == 0, "nothing is sent for a journal of another account"


@pytest.mark.parametrize(
    ("problem", "code", "says"),
    [("wrong key", 4, "AuthenticationError"), ("missing campaign", 5, "NotFoundError")],
)
def test_a_fatal_error_stops_at_once_with_one_error_line_and_no_journal(
    cli_env: ThreadedSandbox,
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    problem: str,
    code: int,
    says: str,
):
    campaign = new_campaign(cli_env)
    path = write_csv(tmp_path / "big.csv", ["email", "first_name", "company", "title"],
                     lead_rows(4000))  # fmt: skip
    if problem == "wrong key":
        monkeypatch.setenv("SMARTLEAD_API_KEY", "sl_wrong_key_for_this_test")
    else:
        campaign = 999_999
    before = cli_env.sync(lambda sb: len(sb.log.records))

    result = cli("import", str(path), "--campaign", str(campaign))

    assert result.code == code, result.err
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and says in errors[0]
    assert "nothing was imported; 4,000 rows were not" in result.err
    assert "resume" not in result.err and "retry" not in result.err
    assert "sl_wrong_key_for_this_test" not in result.err + result.out
    sent = cli_env.sync(lambda sb: len(sb.log.records)) - before
    assert sent == 1, "the first batch goes alone and the stop follows its answer"
    journals = list((tmp_path / "state").rglob("*.jsonl"))
    assert journals == [], "a job that confirmed nothing leaves no journal"
