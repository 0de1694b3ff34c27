"""The ``jpstudy`` command.

Without a subcommand it opens the desktop app; with one it runs headless. Each subcommand lives in
its own module of this package and exposes ``add_parser(subparsers)`` and ``run(args) -> int``;
``SUBCOMMANDS`` lists them in help order; ``MODULES`` names the module of a subcommand whose name is
not a module name (``import`` is a Python keyword).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from jpstudy import __version__

SUBCOMMANDS = ("stats", "mine", "export", "import", "anki", "add", "review", "backup", "restore", "ads")
MODULES = {"import": "anki_import", "anki": "ankiconnect"}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="jpstudy",
        description="JLPT flashcards on Anki's SM-2, vocabulary mined from job ads, export to Anki. "
        "Without a subcommand the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"jpstudy {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: $JPSTUDY_DATA_DIR, else the platform's user-data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        module_name = f"jpstudy.cli.{MODULES.get(name, name)}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.add_parser(sub)
    return parser


def app_parser() -> argparse.ArgumentParser:
    """The arguments of the desktop app alone (``jpstudy [--data-dir DIR]``)."""
    parser = argparse.ArgumentParser(prog="jpstudy", add_help=False)
    parser.add_argument("--data-dir", metavar="DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jpstudy`` console script.

    ``jpstudy`` alone (or with ``--data-dir``) opens the desktop app without importing the
    subcommands (and the collection, exporter, miner they load): a second app is refused at once.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    known, rest = app_parser().parse_known_args(words)
    args = build_parser().parse_args(words) if rest else None
    if args is None or args.command is None:
        from jpstudy_ui.app import run_app

        return run_app(data_dir=(args or known).data_dir)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
