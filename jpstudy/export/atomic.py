"""Writing a file so that readers see either the old file or the complete new one, never a part.

The content goes to a temporary file next to the target (same folder, so same file system), is
flushed to disk, and then renamed over the target in one step. If anything fails, the temporary
file is removed and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

FILE_MODE = 0o644


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Create or replace ``path`` with what ``write`` writes to the binary file it is given.

    Raises:
        OSError: the folder is missing or not writable, the disk is full, ...; ``path`` is unchanged.
    """
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, FILE_MODE)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
