"""Run the sandbox standalone: ``python -m smartlead_async.testing.serve --seed-campaigns 3``.

Prints the base URL and API key, then serves until interrupted (Ctrl+C or SIGTERM).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence

from smartlead_async.testing.faults import Faults
from smartlead_async.testing.ratelimit import RateWindow, parse_window
from smartlead_async.testing.sandbox import SandboxServer
from smartlead_async.testing.seed import seed_workspace

logger = logging.getLogger("smartlead_async.testing")


def _window(text: str) -> RateWindow:
    try:
        return parse_window(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {value}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command-line options of the sandbox runner."""
    parser = argparse.ArgumentParser(
        prog="smartlead-async sandbox",
        description="Serve a fake Smartlead API (/api/v1) for offline testing.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (127.0.0.1)")
    parser.add_argument("--port", type=_count, default=8765, help="port (8765; 0 = any free)")
    parser.add_argument(
        "--rate-limit",
        type=_window,
        action="append",
        metavar="N/SECONDS",
        help="a rate window like 10/2s, 60/60s or 1000/1h (repeatable; default 10/2s)",
    )
    parser.add_argument("--no-rate-limit", action="store_true", help="disable rate limiting")
    parser.add_argument(
        "--rate-limit-headers", action="store_true", help="send x-ratelimit-* headers"
    )
    parser.add_argument("--import-cap", type=_count, default=400, help="rows per import (400)")
    parser.add_argument("--lead-limit", type=_count, default=None, help="workspace lead limit")
    parser.add_argument("--seed", type=int, default=0, help="seed for data and faults (0)")
    parser.add_argument("--seed-campaigns", type=_count, default=0, help="campaigns to create")
    parser.add_argument("--seed-leads", type=_count, default=50, help="leads per seeded campaign")
    parser.add_argument("--fault-rate", type=_rate, default=0.0, help="total fault probability")
    parser.add_argument("--api-key", default=None, help="API key to accept (random if omitted)")
    return parser


async def serve(args: argparse.Namespace, stop: asyncio.Event | None = None) -> None:
    """Start the sandbox for parsed ``args`` and serve until ``stop`` is set (or a signal)."""
    if args.import_cap < 1:
        raise ValueError("--import-cap must be at least 1")
    windows = None if args.no_rate_limit else (args.rate_limit or [RateWindow(10, 2.0)])
    faults = Faults.uniform(args.fault_rate, seed=args.seed) if args.fault_rate else None
    server = SandboxServer(
        rate_limits=windows,
        faults=faults,
        seed=args.seed,
        import_cap=args.import_cap,
        lead_limit=args.lead_limit,
        port=args.port,
        host=args.host,
        api_key=args.api_key,
        rate_limit_headers=args.rate_limit_headers,
    )
    if args.seed_campaigns:
        seed_workspace(
            server.state,
            args.seed,
            campaigns=args.seed_campaigns,
            leads_per_campaign=args.seed_leads,
        )
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    async with server:
        sys.stdout.write(ready_text(server))
        sys.stdout.flush()
        await stop.wait()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(sig)


def ready_text(server: SandboxServer) -> str:
    """What a started sandbox prints: where it is, what it holds, and commands to paste."""
    state = server.state
    lines = [
        f"Smartlead sandbox listening on {server.base_url}",
        f"API key: {server.api_key}",
        "",
    ]
    campaigns = list(state.campaigns.values())
    for camp in campaigns:
        lines.append(f"  campaign {camp.id}: {camp.name} ({len(camp.lead_map_ids)} leads)")
    for lead_list in state.lead_lists.values():
        lines.append(
            f"  Lead List {lead_list.id}: {lead_list.name} ({len(lead_list.lead_ids)} leads)"
        )
    lines += [
        "",
        "Paste into another shell:",
        f"  export SMARTLEAD_BASE_URL={server.base_url}",
        f"  export SMARTLEAD_API_KEY={server.api_key}",
        "  smartlead-async analytics --all",
    ]
    if campaigns:
        first = campaigns[0].id
        lines.append(f"  smartlead-async export leads --campaign {first} -o leads.csv")
        if len(campaigns) > 1:  # into another campaign: those leads are already in the first
            lines.append(
                f"  smartlead-async import leads.csv --campaign {campaigns[1].id} "
                "--ignore-duplicates-in-other-campaigns"
            )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, serve until interrupted; returns the exit status."""
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        return 0
    except (OSError, ValueError) as exc:
        sys.stderr.write(f"sandbox: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
