"""The standalone sandbox runner: argument parsing and serving until stopped."""

from __future__ import annotations

import asyncio
import io

import aiohttp
import pytest

from smartlead_async.testing import serve
from smartlead_async.testing.ratelimit import RateWindow


def test_parser_defaults_and_repeatable_rate_limits() -> None:
    args = serve.build_parser().parse_args([])
    assert (args.host, args.port, args.import_cap, args.seed, args.rate_limit) == (
        "127.0.0.1",
        8765,
        400,
        0,
        None,
    )
    args = serve.build_parser().parse_args(
        ["--rate-limit", "10/2s", "--rate-limit", "1000/1h", "--fault-rate", "0.1", "--port", "0"]
    )
    assert args.rate_limit == [RateWindow(10, 2.0), RateWindow(1000, 3600.0)]
    assert args.fault_rate == 0.1 and args.port == 0


@pytest.mark.parametrize(
    "argv",
    [["--rate-limit", "fast"], ["--fault-rate", "2"], ["--port", "-1"], ["--seed-leads", "x"]],
)
def test_parser_rejects_bad_values(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        serve.build_parser().parse_args(argv)
    assert info.value.code == 2
    assert "error" in capsys.readouterr().err


async def test_serve_prints_url_and_key_and_serves_seeded_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    args = serve.build_parser().parse_args(
        ["--port", "0", "--api-key", "cli-key", "--seed-campaigns", "2", "--seed-leads", "5"]
    )
    stop = asyncio.Event()
    task = asyncio.create_task(serve.serve(args, stop))
    try:
        for _ in range(200):
            if "API key" in out.getvalue():
                break
            await asyncio.sleep(0.02)
        lines = out.getvalue().splitlines()
        base_url = lines[0].rsplit(" ", 1)[1]
        assert lines[1] == "API key: cli-key" and base_url.endswith("/api/v1")
        async with aiohttp.ClientSession() as session:
            url = f"{base_url}/campaigns/?api_key=cli-key"
            async with session.get(url) as resp:
                campaigns = await resp.json()
        assert resp.status == 200 and len(campaigns) == 2
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


def test_main_reports_bind_errors(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        code = serve.main(["--port", str(port), "--no-rate-limit"])
    assert code == 1
    assert "sandbox:" in capsys.readouterr().err
