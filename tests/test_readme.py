"""The README's terminal section works as written: every command line calls the installed
``.venv/bin/jpstudy`` (a bare ``jpstudy`` is not on the PATH after the install steps) and names a
subcommand the CLI has."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def terminal_commands() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Using it from the terminal", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "the terminal section has no sh block"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_every_terminal_command_uses_the_venv_and_runs(tmp_path: Path) -> None:
    commands = terminal_commands()
    assert len(commands) >= 8
    for command in commands:
        assert command.startswith(".venv/bin/jpstudy"), command
        words = command.split()[1:]
        if not words:
            continue  # the desktop app itself: tested in tests/ui/test_startup.py
        sub = words[0]
        if sub in ("stats", "add"):  # run for real on an empty data folder
            args = words if sub == "stats" else ["add", "N5"]
            done = subprocess.run([sys.executable, "-m", "jpstudy", "--data-dir", str(tmp_path), *args],
                                  capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, (command, done.stderr)
        helped = subprocess.run([sys.executable, "-m", "jpstudy", sub, "--help"], capture_output=True, text=True,
                                timeout=60)
        assert helped.returncode == 0 and "usage: jpstudy" in helped.stdout, (command, helped.stderr)
