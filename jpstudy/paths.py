"""Where jpstudy keeps user data and where its bundled files are installed.

Terms:
    data folder: the per-user folder holding the collection, the built dictionary and backups.
        Chosen by ``--data-dir``, else the environment variable ``JPSTUDY_DATA_DIR``, else the
        platform's convention for user data (XDG on Linux, Application Support on macOS,
        %APPDATA% on Windows).
    resource: a bundled read-only file under the installed package ``jpstudy_resources``
        (the source folder ``resources/``); decks live in ``jpstudy_decks`` (``decks/``).
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

APP_NAME = "jpstudy"
ENV_DATA_DIR = "JPSTUDY_DATA_DIR"
COLLECTION_FILE = "collection.sqlite3"


def default_data_dir() -> Path:
    """The platform's conventional user-data folder for jpstudy (not created)."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_NAME


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the data folder (argument, then ``JPSTUDY_DATA_DIR``, then the default) and create it."""
    chosen = explicit or os.environ.get(ENV_DATA_DIR) or default_data_dir()
    path = Path(chosen).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def collection_path(explicit_data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The collection file inside the data folder."""
    return data_dir(explicit_data_dir) / COLLECTION_FILE


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource file, e.g. ``resource_path("anki", "front.html")``."""
    return Path(str(resources.files("jpstudy_resources").joinpath(*parts)))


def deck_data_path(*parts: str) -> Path:
    """Path of a bundled deck data file, e.g. ``deck_data_path("jlpt-n5.tsv.xz")``."""
    return Path(str(resources.files("jpstudy_decks").joinpath(*parts)))
