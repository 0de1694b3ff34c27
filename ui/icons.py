"""Small theme-coloured icons for the style sheet (check marks, arrows, the clear/close cross).

A Qt style sheet can only load images from files (``image: url(...)``), and the right colour depends
on the theme, so each palette's icons are written once as SVG files into a folder named after their
content (``icon_folder``) and ``style.qss`` refers to them as ``@icons/check.svg``.

Terms:
    icon folder: ``<temp>/jpstudy-icons-<hash>``, where the hash covers every icon's SVG text with the
        palette's colours filled in; a palette change gives a new folder, an unchanged one is reused.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .theme import Palette

_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 16 16">{body}</svg>'
_STROKE = 'fill="none" stroke="{colour}" stroke-width="{width}" stroke-linecap="round" stroke-linejoin="round"'

ICONS: dict[str, tuple[str, str, float]] = {
    # name: (path data, palette colour, stroke width)
    "check": ("M3.5 8.5 L6.6 11.5 L12.5 4.8", "onaccent", 2.2),
    "dash": ("M4 8 L12 8", "onaccent", 2.2),
    "chevron-down": ("M4 6 L8 10 L12 6", "muted", 1.8),
    "chevron-up": ("M4 10 L8 6 L12 10", "muted", 1.8),
    "chevron-down-disabled": ("M4 6 L8 10 L12 6", "border", 1.8),
    "chevron-up-disabled": ("M4 10 L8 6 L12 10", "border", 1.8),
    "cross": ("M4.5 4.5 L11.5 11.5 M11.5 4.5 L4.5 11.5", "muted", 1.8),
}
"""Every icon the style sheet uses, drawn as one stroked path on a 16×16 grid."""


def icon_svgs(palette: Palette) -> dict[str, str]:
    """The SVG text of every icon in ``palette``'s colours, by file name."""
    svgs = {}
    for name, (path, colour, width) in ICONS.items():
        stroke = _STROKE.format(colour=getattr(palette, colour), width=width)
        svgs[f"{name}.svg"] = _SVG.format(size=16, body=f'<path d="{path}" {stroke}/>')
    return svgs


def icon_folder(palette: Palette, root: Path | None = None) -> Path:
    """The folder holding ``palette``'s icons, written if missing (see the module docstring)."""
    svgs = icon_svgs(palette)
    digest = hashlib.sha256("".join(f"{k}\n{v}\n" for k, v in sorted(svgs.items())).encode()).hexdigest()[:16]
    folder = (root or Path(tempfile.gettempdir())) / f"jpstudy-icons-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in svgs.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            tmp = folder / f".{name}.{os.getpid()}.tmp"
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)  # atomic: two apps starting at once never read half a file
    return folder
