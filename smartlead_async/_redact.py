"""Keep the API key out of everything a human can read."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_KEY_IN_QUERY = re.compile(r"(?i)(api_key=)[^&#\s'\"]*")
REDACTED = "***"
# Shorter secrets are not searched for literally: they would mask unrelated text.
MIN_LITERAL = 6
#: Response keys whose values are credentials (mailbox passwords, client API keys, tokens).
_SECRET_KEY = re.compile(r"(?i)(password|secret|api_?key|token)")


def redact_url(url: str) -> str:
    """Return ``url`` with the value of any ``api_key`` query parameter masked."""
    if "y=" not in url and "Y=" not in url:  # two fast scans spare the regex on most text
        return url
    return _KEY_IN_QUERY.sub(r"\g<1>" + REDACTED, url)


def redact_text(text: str, secret: str | None = None) -> str:
    """Mask ``api_key=...`` pairs and any literal occurrence of ``secret`` in ``text``."""
    text = redact_url(text)
    if secret and len(secret) >= MIN_LITERAL:
        text = text.replace(secret, REDACTED)
    return text


class Secret:
    """A secret held where a repr, a traceback's locals or a dump may show it: they see
    ``'***'``, never the value (read :attr:`value` only where it is sent)."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Secret({mask_secret(self.value)!r})"

    __str__ = __repr__


def redact_secrets(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every one of ``secrets`` (and any ``api_key=`` pair) masked."""
    text = redact_url(text)
    for secret in secrets:
        text = redact_text(text, secret)
    return text


def mask_secret(secret: str) -> str:
    """What a repr shows in place of a secret: never any part of it."""
    return REDACTED if secret else ""


def redact_data(value: Any, secret: str | None) -> Any:
    """Decoded JSON with ``secret`` masked in every string (keys and values)."""
    if not secret:
        return value
    if isinstance(value, str):
        return redact_text(value, secret)
    if isinstance(value, list):
        return [redact_data(item, secret) for item in value]
    if isinstance(value, dict):
        return {redact_data(k, secret): redact_data(v, secret) for k, v in value.items()}
    return value


def mask_credentials(value: Any) -> Any:
    """Decoded JSON with the values of credential keys (``password``, ``api_key``...) masked.

    For anything shown to a human (a ``repr``, an error's body): email-account answers carry
    SMTP/IMAP passwords and client-key answers carry keys.
    """
    if isinstance(value, list):
        return [mask_credentials(item) for item in value]
    if isinstance(value, Mapping):
        return {
            key: REDACTED
            if isinstance(key, str) and _SECRET_KEY.search(key) and item not in (None, "")
            else mask_credentials(item)
            for key, item in value.items()
        }
    return value


def drop_credentials(value: Any) -> Any:
    """Decoded JSON without the credential keys (``password``, ``api_key``...), at any depth.

    For what is stored rather than shown (the warehouse sync): a masked value would still be
    a column that pretends to hold data.
    """
    if isinstance(value, list):
        return [drop_credentials(item) for item in value]
    if isinstance(value, Mapping):
        return {
            key: drop_credentials(item)
            for key, item in value.items()
            if not (isinstance(key, str) and _SECRET_KEY.search(key))
        }
    return value
