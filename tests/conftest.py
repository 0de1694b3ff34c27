"""Fixtures shared by the core and UI tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def built_dictionary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real dictionary file, built once per test session from the bundled data."""
    from jpstudy.dictionary import ensure_built

    return ensure_built(tmp_path_factory.mktemp("dictionary"))


@pytest.fixture
def with_dictionary(built_dictionary: Path) -> Callable[[Path], Path]:
    """``with_dictionary(data_dir)`` puts a copy of the built dictionary into ``data_dir``."""

    def copy(data_dir: Path) -> Path:
        data_dir.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(built_dictionary, data_dir / built_dictionary.name))

    return copy
