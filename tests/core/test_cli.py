"""The ``jpstudy`` command: version, data folder choice, headless subcommands, clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jpstudy import __version__


def jpstudy(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jpstudy", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_version() -> None:
    out = jpstudy("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"jpstudy {__version__}"


def test_data_dir_option_and_environment_variable(tmp_path: Path) -> None:
    by_option, by_env = tmp_path / "a", tmp_path / "b"
    assert jpstudy("--data-dir", str(by_option), "stats").returncode == 0
    assert (by_option / "collection.sqlite3").exists()
    assert jpstudy("stats", env={"JPSTUDY_DATA_DIR": str(by_env)}).returncode == 0
    assert (by_env / "collection.sqlite3").exists()


def test_add_level_is_idempotent_and_shows_in_stats(tmp_path: Path) -> None:
    first = jpstudy("--data-dir", str(tmp_path), "add", "n5")
    assert first.returncode == 0, first.stderr
    added = int(first.stdout.split(":")[-1].split()[0])
    assert 600 < added <= 662  # N5 has 662 listed words; a word listed twice is added once
    second = jpstudy("--data-dir", str(tmp_path), "add", "N5")
    assert second.stdout.strip() == "JLPT::N5: 0 cards added"
    stats = jpstudy("--data-dir", str(tmp_path), "stats")
    assert "N5" in stats.stdout and f"cards: {added}" in stats.stdout


def test_damaged_collection_gives_a_message_and_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "collection.sqlite3"
    path.write_bytes(b"not a database at all" * 50)
    out = jpstudy("--data-dir", str(tmp_path), "stats")
    assert out.returncode == 2
    assert str(path) in out.stderr and "Traceback" not in out.stderr
    assert path.read_bytes() == b"not a database at all" * 50
