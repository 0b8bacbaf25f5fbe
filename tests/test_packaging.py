"""The package's metadata: license, classifiers, typing marker."""

from __future__ import annotations

import tomllib

from tests.helpers.paths import ROOT


def test_the_project_declares_its_license_and_classifiers() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT" and (ROOT / "LICENSE").is_file()
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert "Typing :: Typed" in project["classifiers"]
    assert "Framework :: AsyncIO" in project["classifiers"]
    assert (ROOT / "smartlead_async" / "py.typed").is_file()
