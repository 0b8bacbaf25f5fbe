"""The ``smartlead-async`` command line: import, export, analytics, sync, demo and sandbox.

``main(argv)`` parses the arguments, runs one command and returns its exit status; SDK errors
become one ``error: ...`` line on stderr (never the API key) and an exit status per class (see
:data:`~smartlead_async.cli._common.EXIT_CODES_HELP`). rich is imported only when a command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
import traceback
from collections.abc import Sequence

from smartlead_async._redact import redact_text
from smartlead_async._version import __version__
from smartlead_async.cli import (
    analytics_cmd,
    demo,
    export_cmd,
    import_cmd,
    sandbox_cmd,
    sync_cmd,
)
from smartlead_async.cli._common import (
    EXIT_BROKEN_PIPE,
    EXIT_CODES_HELP,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    PROG,
    CliError,
    Context,
    GlobalOptions,
    add_global_options,
    error_line,
    exit_code_for,
    stderr_logging,
)

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (global options work before or after the command)."""
    common = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    add_global_options(common, suppress=True)
    parser = argparse.ArgumentParser(
        prog=PROG,
        allow_abbrev=False,
        description="Smartlead from the command line: bulk imports, streaming exports,\n"
        "concurrent analytics, an offline sandbox and a demo.",
        epilog=(
            "environment: SMARTLEAD_API_KEY, SMARTLEAD_BASE_URL, SMARTLEAD_RATE_LIMIT,\n"
            "  SMARTLEAD_STATE_DIR (where import journals go)\n"
            f"{textwrap.fill(EXIT_CODES_HELP, width=88, subsequent_indent='  ')}\n"
            f"start here: {PROG} demo"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_global_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (demo, import_cmd, export_cmd, analytics_cmd, sync_cmd, sandbox_cmd):
        module.register(commands, common)
    return parser


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if getattr(args, "passthrough", False):
        args.extra = extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        return


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parse(arguments)
    except SystemExit as exc:  # argparse: --help, --version or a usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    secret: str | None = None
    verbose = int(getattr(args, "verbose", 0) or 0)
    try:
        options = GlobalOptions.from_args(args)
        secret = options.api_key
        with stderr_logging(options.verbose, secret):
            status: int = args.handler(args, Context(options, arguments))
        return status
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `smartlead-async export ... | head`
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except (CliError, Exception) as exc:
        if verbose and not isinstance(exc, CliError):
            sys.stderr.write(redact_text(traceback.format_exc(), secret))
        sys.stderr.write(error_line(exc, secret) + "\n")
        return exit_code_for(exc)
