"""What every subcommand shares: opening the collection of the chosen data folder, reporting errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from jpstudy.collection import Collection, CollectionFileError
from jpstudy.paths import collection_path


def open_collection(args: argparse.Namespace) -> Collection:
    """The collection in ``--data-dir`` (or the default data folder)."""
    return Collection.open(collection_path(args.data_dir))


def with_collection(body: Callable[[Collection, argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Wrap a subcommand body: open the collection, close it afterwards, and turn a damaged or
    foreign collection file into a one-line message and exit status 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            col = open_collection(args)
        except CollectionFileError as exc:
            print(f"jpstudy: {exc}", file=sys.stderr)
            return 2
        try:
            return body(col, args)
        finally:
            col.close()

    return run
