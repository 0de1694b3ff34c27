"""Packaging: every Python package of the source tree is installed, under names that cannot shadow others."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTALLED_AS = {"jpstudy": "jpstudy", "ui": "jpstudy_ui", "decks": "jpstudy_decks", "resources": "jpstudy_resources"}


def test_every_package_folder_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = set()
    for top, name in INSTALLED_AS.items():
        for init in (ROOT / top).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / top)
            found.add(".".join([name, *rel.parts]))
    assert found == listed
    assert config["package-dir"] == {v: k for k, v in INSTALLED_AS.items() if k != "jpstudy"}


def test_no_top_level_ui_package_is_installed() -> None:
    """The source folder ui/ is installed as jpstudy_ui, so a package named ``ui`` stays free."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert not any(p == "ui" or p.startswith("ui.") for p in config["packages"])
