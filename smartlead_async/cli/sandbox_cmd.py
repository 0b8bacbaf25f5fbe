"""``smartlead-async sandbox``: serve the fake Smartlead API (delegates to the sandbox runner)."""

from __future__ import annotations

import argparse
from typing import Any

from smartlead_async.cli._common import EXIT_USAGE, PROG, Context


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``sandbox`` command; its options belong to the sandbox runner."""
    parser = subparsers.add_parser(
        "sandbox",
        add_help=False,
        allow_abbrev=False,
        help="serve a fake Smartlead API on a local port (options: sandbox --help)",
        description="Serve the sandbox; it prints the base URL and API key to use.",
        epilog=f"example: {PROG} sandbox --port 8765 --seed-campaigns 3 --rate-limit 10/2s",
    )
    parser.set_defaults(handler=run, passthrough=True)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Serve until interrupted; every option after ``sandbox`` goes to the runner.

    Runner options: --host, --port (8765; 0 = any free port), --rate-limit N/SECONDS
    (repeatable), --no-rate-limit, --rate-limit-headers, --import-cap, --lead-limit, --seed,
    --seed-campaigns, --seed-leads, --fault-rate and --api-key (the key to accept).
    """
    from smartlead_async.testing.serve import main as serve_main

    extra: list[str] = list(getattr(args, "extra", []))
    try:
        return serve_main(extra)
    except SystemExit as exc:  # the runner's argparse: --help or a usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
