"""The core must import and work with PySide6 absent."""

from __future__ import annotations

import subprocess
import sys

BLOCK_QT = """
import importlib.abc, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'jpstudy_ui'):
            raise ImportError('Qt is blocked in this test: ' + name)
sys.meta_path.insert(0, NoQt())
import pkgutil, importlib, jpstudy
for mod in pkgutil.walk_packages(jpstudy.__path__, 'jpstudy.'):
    if mod.name != 'jpstudy.__main__':
        importlib.import_module(mod.name)
from jpstudy import Collection, Rating
print('ok', Rating.GOOD == 3)
"""


def test_every_core_module_imports_without_qt() -> None:
    out = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok True"
