"""Where the repository's files are, for tests that read them or run commands in it."""

from __future__ import annotations

from pathlib import Path

#: The repository root (the working directory for subprocess tests).
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
README = ROOT / "README.md"
