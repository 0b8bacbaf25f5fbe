"""Keep the API key out of everything a human can read."""

from __future__ import annotations

import re

_KEY_IN_QUERY = re.compile(r"(?i)(api_key=)[^&#\s'\"]*")
REDACTED = "***"


def redact_url(url: str) -> str:
    """Return ``url`` with the value of any ``api_key`` query parameter masked."""
    return _KEY_IN_QUERY.sub(r"\g<1>" + REDACTED, url)


def redact_text(text: str, secret: str | None = None) -> str:
    """Mask ``api_key=...`` pairs and any literal occurrence of ``secret`` in ``text``."""
    text = redact_url(text)
    if secret:
        text = text.replace(secret, REDACTED)
    return text


def mask_secret(secret: str) -> str:
    """What a repr shows in place of a secret: never any part of it."""
    return REDACTED if secret else ""
