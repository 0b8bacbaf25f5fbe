"""What every command shares: global options, the client factory, exit codes, error lines."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from smartlead_async import errors
from smartlead_async._redact import redact_text
from smartlead_async._transport import DEFAULT_TIMEOUT
from smartlead_async.client import SmartleadClient
from smartlead_async.errors import (
    APIError,
    AuthenticationError,
    ConfigurationError,
    GateUnavailableError,
    InvalidTypeError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    TransportError,
    ValidationError,
)
from smartlead_async.errors import (
    CliError as CliError,
)
from smartlead_async.gates import DEFAULT_RATE_LIMIT, RateLimit, normalize_limits
from smartlead_async.journal import JournalError
from smartlead_async.retry import RetryPolicy

#: Exit statuses, one per kind of failure (documented in ``smartlead-async --help``).
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = errors.EXIT_USAGE
EXIT_FAILED_ROWS = 3
EXIT_AUTH = 4
EXIT_API = 5
EXIT_TRANSPORT = 6
EXIT_BROKEN_PIPE = 141
EXIT_INTERRUPTED = 130

EXIT_CODES_HELP = (
    "exit status: 0 ok, 1 unexpected error, 2 usage or configuration error, 3 rows failed, "
    "4 authentication/permission error, 5 other API error, 6 network/transport error, "
    "130 interrupted"
)

PROG = "smartlead-async"
DEFAULT_ATTEMPTS = RetryPolicy().max_attempts

logger = logging.getLogger("smartlead_async.cli")


def exit_code_for(exc: BaseException) -> int:
    """The exit status that stands for ``exc``."""
    if isinstance(exc, CliError):
        return exc.code
    if isinstance(exc, (AuthenticationError, PermissionDeniedError)):
        return EXIT_AUTH
    if isinstance(exc, (APIError, ResponseValidationError)):
        return EXIT_API
    if isinstance(exc, (TransportError, GateUnavailableError)):
        return EXIT_TRANSPORT
    if isinstance(exc, (ConfigurationError, ValidationError, InvalidTypeError, JournalError)):
        return EXIT_USAGE
    return EXIT_ERROR


def _hint(exc: BaseException) -> str:
    if isinstance(exc, AuthenticationError):
        return " (check SMARTLEAD_API_KEY or --api-key)"
    if isinstance(exc, RateLimitError):
        return " (lower --rate-limit or try again later)"
    if isinstance(exc, TransportError):
        return " (check --base-url and the network)"
    return ""


def error_line(exc: BaseException, secret: str | None) -> str:
    """One line describing ``exc`` for stderr, with the API key masked."""
    if isinstance(exc, CliError):
        text = str(exc)
    elif isinstance(exc, (OSError, ValueError)) and not str(exc):
        text = type(exc).__name__
    elif exc.__class__.__module__.startswith("smartlead_async") or isinstance(exc, OSError):
        text = str(exc) + _hint(exc)
    else:
        text = f"unexpected {type(exc).__name__}: {exc} (run with -v for the traceback)"
    one_line = " ".join(text.split())
    return "error: " + redact_text(one_line, secret)


# --------------------------------------------------------------------------- global options


def _rate_limit_arg(text: str) -> tuple[RateLimit, ...]:
    try:
        return normalize_limits(text)
    except ConfigurationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive_float(text: str) -> float:
    """argparse type: a number > 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
    return value


def positive_int(text: str) -> int:
    """argparse type: an int >= 1 (ids, counts)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_command(
    subparsers: Any, common: argparse.ArgumentParser, name: str, **kwargs: Any
) -> argparse.ArgumentParser:
    """A sub-command parser that takes the global options (``common``); no abbreviations."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, parents=[common], allow_abbrev=False, **kwargs
    )
    return parser


def add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Add the options every command accepts (``suppress``: no defaults, for sub-parsers)."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    group = parser.add_argument_group("global options")
    group.add_argument(
        "--api-key",
        default=default(None),
        metavar="KEY",
        help="API key (default: $SMARTLEAD_API_KEY; prefer the variable: argv is visible to "
        "other users of the machine)",
    )
    group.add_argument(
        "--base-url",
        default=default(None),
        metavar="URL",
        help="API base URL (default: $SMARTLEAD_BASE_URL or https://server.smartlead.ai/api/v1)",
    )
    group.add_argument(
        "--allow-insecure",
        action="store_true",
        default=default(False),
        help="allow a plain http:// --base-url off this machine (a trusted network only: the "
        "key travels in the URL)",
    )
    group.add_argument(
        "--rate-limit",
        type=_rate_limit_arg,
        action="append",
        default=default(None),
        metavar="N/PERIOD",
        help="client-side rate window such as 10/2s, 60/min or a plan preset (classic, "
        "sustained, standard, pro, conservative); repeat for several windows "
        "(default: $SMARTLEAD_RATE_LIMIT or 10/2s)",
    )
    group.add_argument(
        "--timeout",
        type=positive_float,
        default=default(None),
        metavar="SECONDS",
        help="per-request timeout (default 30)",
    )
    group.add_argument(
        "--max-attempts",
        type=positive_int,
        default=default(None),
        metavar="N",
        help="attempts per request, retries included (default 6; 1 disables retries)",
    )
    group.add_argument(
        "--json", action="store_true", default=default(False), help="machine-readable output"
    )
    group.add_argument(
        "-q", "--quiet", action="store_true", default=default(False), help="no progress bars"
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=default(0),
        help="DEBUG logs on stderr (the API key is masked)",
    )


@dataclass(frozen=True)
class GlobalOptions:
    """The parsed global options."""

    api_key: str | None = None
    base_url: str | None = None
    rate_limits: tuple[RateLimit, ...] = ()
    timeout: float | None = None
    max_attempts: int | None = None
    json: bool = False
    quiet: bool = False
    verbose: int = 0
    allow_insecure: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> GlobalOptions:
        """Read the global options (falling back to the environment)."""
        windows: list[RateLimit] = []
        for group in getattr(args, "rate_limit", None) or ():
            windows.extend(group)
        if not windows and os.environ.get("SMARTLEAD_RATE_LIMIT", "").strip():
            try:
                windows.extend(normalize_limits(os.environ["SMARTLEAD_RATE_LIMIT"]))
            except ConfigurationError as exc:
                raise CliError(f"SMARTLEAD_RATE_LIMIT: {exc}") from None
        key = getattr(args, "api_key", None) or os.environ.get("SMARTLEAD_API_KEY") or None
        return cls(
            api_key=key.strip() if key else None,
            base_url=getattr(args, "base_url", None) or None,
            rate_limits=tuple(windows),
            timeout=getattr(args, "timeout", None),
            max_attempts=getattr(args, "max_attempts", None),
            json=bool(getattr(args, "json", False)),
            quiet=bool(getattr(args, "quiet", False)),
            verbose=int(getattr(args, "verbose", 0) or 0),
            allow_insecure=bool(getattr(args, "allow_insecure", False)),
        )


@dataclass
class Context:
    """What a command gets besides its own arguments."""

    options: GlobalOptions
    argv: list[str] = field(default_factory=list)


def client_options(options: GlobalOptions) -> dict[str, Any]:
    """The :class:`SmartleadClient` keywords the global options stand for (but the key)."""
    return {
        "base_url": options.base_url,
        "rate_limit": list(options.rate_limits) if options.rate_limits else DEFAULT_RATE_LIMIT,
        "timeout": options.timeout if options.timeout is not None else DEFAULT_TIMEOUT,
        "retry": RetryPolicy(max_attempts=options.max_attempts or DEFAULT_ATTEMPTS),
        "allow_insecure": options.allow_insecure,
    }


def make_client(options: GlobalOptions) -> SmartleadClient:
    """A client for the global options; a missing key is a usage error with a fix."""
    if not options.api_key:
        raise CliError(
            "no API key: set SMARTLEAD_API_KEY (or pass --api-key); "
            f"for an offline fake server run '{PROG} sandbox'"
        )
    return SmartleadClient(options.api_key, **client_options(options))


def without_options(argv: Sequence[str], *names: str, takes_value: bool = True) -> list[str]:
    """``argv`` minus every occurrence of the options ``names`` (and their values)."""
    result: list[str] = []
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token in names:
            skip = takes_value
            continue
        if takes_value and any(token.startswith(name + "=") for name in names):
            continue
        result.append(token)
    return result


# --------------------------------------------------------------------------- logging


class _RedactingFilter(logging.Filter):
    """Masks the API key (and any ``api_key=`` pair) in every record it passes."""

    def __init__(self, secret: str | None) -> None:
        super().__init__()
        self._secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_text(record.getMessage(), self._secret)
        record.args = None
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact_text(formatted, self._secret)
            record.exc_info = None
        return True


@contextlib.contextmanager
def stderr_logging(verbose: int, secret: str | None) -> Iterator[None]:
    """Send ``smartlead_async`` logs to stderr (DEBUG with ``verbose``, else errors only)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_RedactingFilter(secret))
    level = logging.DEBUG if verbose else logging.ERROR  # the CLI reports problems itself
    handler.setLevel(level)
    package = logging.getLogger("smartlead_async")
    previous = package.level
    package.addHandler(handler)
    package.setLevel(level)
    try:
        yield
    finally:
        package.removeHandler(handler)
        package.setLevel(previous)
