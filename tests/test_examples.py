"""Every example runs against the local sandbox (no SMARTLEAD_API_KEY), as a user would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from tests.helpers.examples import load_example
from tests.helpers.paths import EXAMPLES, ROOT


def run_example(name: str, *args: str, cwd: Path, code: int = 0) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTLEAD_")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert "using a local sandbox" in result.stdout
    return result.stdout


def test_every_example_is_tested():
    tested = {
        "quickstart.py", "bulk_import_csv.py", "incremental_export.py",
        "concurrent_analytics.py", "inbox_triage.py", "error_handling.py",
        "webhook_receiver.py", "_connect.py",
    }  # fmt: skip
    assert {path.name for path in EXAMPLES.glob("*.py")} == tested


def test_quickstart(tmp_path: Path):
    out = run_example("quickstart.py", cwd=tmp_path)

    assert "3 campaigns" in out
    assert "sent," in out and "replied" in out
    assert out.count("@") >= 5  # the first five leads


def test_bulk_import_csv(tmp_path: Path):
    journal = tmp_path / "import.journal"

    out = run_example(
        "bulk_import_csv.py", "--rows", "500", "--journal", str(journal), cwd=tmp_path, code=3
    )  # 3: the sample's bad rows are rejected

    assert "501 rows:" in out  # 500 rows + 1 repeated email
    buckets = dict(
        (line.split()[0], int(line.split()[1].replace(",", "")))
        for line in out.splitlines()
        if line.startswith("  ") and len(line.split()) == 2
    )
    assert buckets["uploaded"] == 490
    assert buckets["rejected_client_side"] == 10
    assert buckets["duplicates"] == 1
    assert journal.exists()


def run_plain(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTLEAD_")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_bulk_import_csv_of_a_given_file_exits_0_when_every_row_lands(tmp_path: Path):
    path = tmp_path / "mine.csv"
    path.write_text("email,first_name\n" + "".join(f"m{n}@acme.example,M{n}\n" for n in range(30)))
    out = run_example("bulk_import_csv.py", str(path), cwd=tmp_path)
    assert "30 rows: 30 uploaded" in out


def test_bulk_import_csv_fails_with_one_clear_line(tmp_path: Path):
    missing = run_plain("bulk_import_csv.py", "nope.csv", cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.strip().splitlines()[-1].endswith("nope.csv is not a file")
    campaign = run_plain("bulk_import_csv.py", "--campaign", "42", cwd=tmp_path)
    assert campaign.returncode == 2 and "leave out --campaign" in campaign.stderr
    assert "Traceback" not in campaign.stderr


def test_an_example_reports_an_sdk_error_as_one_line(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTLEAD_")}
    env.update(PYTHONPATH=str(ROOT), SMARTLEAD_API_KEY="sl_example_wrong_key",
               SMARTLEAD_BASE_URL="http://127.0.0.1:9/api/v1")  # fmt: skip
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "sl_example_wrong_key" not in done.stderr


def test_incremental_export_moves_forward(tmp_path: Path):
    state = tmp_path / "state.json"
    output = tmp_path / "leads.jsonl"

    out = run_example(
        "incremental_export.py", "--state", str(state), "--output", str(output),
        "--since", "2000-01-01T00:00:00Z", cwd=tmp_path,
    )  # fmt: skip

    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert len(lines) == 40  # the seeded global leads
    assert f"exported {len(lines)} leads" in out
    newest = max(line["created_at"] for line in lines)
    saved = json.loads(state.read_text())["created_at_gt"]
    assert saved.replace("Z", "") == newest.replace("+00:00", "")


def test_concurrent_analytics(tmp_path: Path):
    out = run_example("concurrent_analytics.py", cwd=tmp_path)

    assert "25 campaigns in" in out
    assert "0 answered 429" in out
    assert out.count("Sandbox campaign") == 10


def test_inbox_triage(tmp_path: Path):
    out = run_example("inbox_triage.py", cwd=tmp_path)

    assert "->" in out
    assert "set " in out and "categories, marked" in out
    assert "0 unread conversations left" in out


def test_error_handling(tmp_path: Path):
    out = run_example("error_handling.py", cwd=tmp_path)

    for expected in (
        "validation: campaign_id", "not found: HTTP 404", "auth: HTTP 401",
        "transport: ConnectError", "bulk item 1: NotFoundError", "catch-all: NotFoundError",
    ):  # fmt: skip
        assert expected in out, expected


# --------------------------------------------------------------------------- webhook receiver


async def test_webhook_receiver_accepts_signed_events_only():
    module = load_example("webhook_receiver.py")
    app = module.make_app("s3cret")
    event = {
        "event_type": "EMAIL_REPLY",
        "campaign_id": 7,
        "to_email": "lead@example.com",
        "secret_key": "s3cret",
        "reply_message": {"text": "Sounds good", "html": "<p>Sounds good</p>"},
    }
    async with TestClient(TestServer(app)) as client:
        accepted = await client.post(module.DEFAULT_PATH, json=event)
        forged = await client.post(module.DEFAULT_PATH, json={**event, "secret_key": "nope"})

        assert accepted.status == 200
        assert await accepted.json() == {"ok": True}
        assert forged.status == 401
        received = app[module.EVENTS_KEY]
        assert [e.event_type for e in received] == ["EMAIL_REPLY"]
        assert received[0].campaign_id == 7
